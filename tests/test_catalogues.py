"""The interface's gettext catalogues (trainer/locale): complete, compiled,
read by the standard gettext, with each language's plural forms."""
import re
import shutil
import subprocess

import pytest

from trainer import catalogues, i18n

from conftest import ROOT

LOCALE = catalogues.LOCALE_DIR
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def entries(lang):
    return catalogues.read(LOCALE / f"{lang}.po").entries


def test_every_mo_and_the_template_match_their_po():
    """A .po edited without `python -m trainer.catalogues` would show old texts."""
    assert catalogues.build(check=True) == []


def test_french_is_the_source_and_english_translates_every_message():
    french = {e.msgctxt: e for e in entries("fr")}
    assert french and all(e.msgctxt for e in french.values())
    for e in french.values():
        assert e.translations() == ([e.msgid, e.msgid_plural] if e.msgid_plural else [e.msgid]), e.msgctxt
    for lang in i18n.LANGUAGES:
        own = {e.msgctxt: e for e in entries(lang)}
        assert set(own) == set(french), lang
        for msg_id, e in own.items():
            source = french[msg_id]
            assert (e.msgid, e.msgid_plural) == (source.msgid, source.msgid_plural), msg_id
            assert e.translated(), f"{lang}: {msg_id} is not translated (or fuzzy)"
            for text in e.translations():  # the same {placeholders} as the French
                assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source.msgid + (
                    source.msgid_plural or ""))), f"{lang}: {msg_id}: {text}"


def test_the_english_has_no_french_left():
    for e in entries("en"):
        for text in e.translations():
            text = text.replace("Pas à pas", "")  # the program's name
            assert not re.search(r"[éèêàùçôîœ«»]|\b(le|la|les|des|une|vous|et)\b", text), (e.msgctxt, text)


def test_plural_forms_come_from_each_catalogue():
    fr, en = i18n.Translator("fr"), i18n.Translator("en")
    assert catalogues.read(LOCALE / "fr.po").headers()["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert [fr.n("common.lessons", k) for k in (0, 1, 2, 3)] == ["0 leçon", "1 leçon", "2 leçons", "3 leçons"]
    assert [en.n("common.lessons", k) for k in (0, 1, 3)] == ["0 lessons", "1 lesson", "3 lessons"]


def test_a_message_is_found_by_its_id_in_the_chosen_language():
    fr, en = i18n.Translator("fr"), i18n.Translator("en")
    assert (fr.t("practice.bin"), en.t("practice.bin")) == ("Corbeille", "Bin")
    assert (fr.decimal(0.75), en.decimal(0.75), en.decimal(12, 0)) == ("0,8", "0.8", "12")
    assert en.t("no.such.message") == "no.such.message"  # a mistake in the program shows, never crashes
    assert i18n.translator("de").language == "fr"


def test_a_translation_with_a_broken_placeholder_falls_back_to_french(monkeypatch):
    en = i18n.Translator("en")
    monkeypatch.setattr(en._own, "pgettext", lambda ctx, msg: "Hello {nom}!")
    french = i18n.french()
    msg_id = next(e.msgctxt for e in entries("fr") if set(PLACEHOLDER.findall(e.msgid)) == {"name"}
                  and not e.msgid_plural)
    assert en.t(msg_id, name="Marie") == french.t(msg_id, name="Marie")


def test_the_system_language_follows_gettext_variables():
    assert i18n.system_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert i18n.system_language({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}) == "fr"
    assert i18n.system_language({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}) == "fr"  # the first set decides
    assert i18n.system_language({"LANG": "C.UTF-8"}) == "fr"
    assert i18n.system_language({}) == "fr"


def _code_ids():
    """Message ids asked by the code: t("…"), n("…"), and every string
    literal shaped like an id of the catalogue."""
    found = set()
    for path in (ROOT / "trainer").rglob("*.py"):
        found |= set(re.findall(r"""\b[tn]\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text("utf-8")))
    return found


def test_every_id_the_code_asks_for_is_in_the_catalogue():
    known = {e.msgctxt for e in entries("fr")}
    assert sorted(_code_ids() - known) == []


def test_every_message_of_the_catalogue_is_used():
    """A message no code asks for is a leftover: translators would work for nothing."""
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "trainer").rglob("*.py"))
    unused = []
    for e in entries("fr"):
        msg_id = e.msgctxt
        if f'"{msg_id}"' in source or f"'{msg_id}'" in source:
            continue
        # ids built by the code: f"hint.{kind}.touch", f"key.{name}"...
        parts = msg_id.split(".")
        prefixes = (".".join(parts[:i]) + "." for i in range(1, len(parts)))
        if any(f'"{p}{{' in source or f"'{p}{{" in source for p in prefixes):
            continue
        unused.append(msg_id)
    assert unused == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_gnu_msgfmt_accepts_the_catalogues(tmp_path):
    for lang in i18n.LANGUAGES:
        out = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / f"{lang}.mo"), str(LOCALE / f"{lang}.po")],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert catalogues.mo_content((tmp_path / f"{lang}.mo").read_bytes()) == \
            catalogues.mo_content((LOCALE / f"{lang}.mo").read_bytes())


def test_the_catalogues_are_in_the_wheel():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    package_data = text[text.index("[tool.setuptools.package-data]"):]
    start = package_data.index('"trainer" = [')
    trainer_data = package_data[start:package_data.index("]", start)]
    for pattern in ("locale/*.po", "locale/*.pot", "locale/*.mo"):
        assert f'"{pattern}"' in trainer_data
    assert {p.name for p in LOCALE.iterdir()} >= {"fr.po", "en.po", "fr.mo", "en.mo", "messages.pot"}


def test_reading_and_writing_a_po_file_changes_nothing():
    for lang in i18n.LANGUAGES:
        path = LOCALE / f"{lang}.po"
        assert catalogues.format_po(catalogues.read(path)) == path.read_text("utf-8")


def test_long_and_multiline_texts_survive_the_round_trip():
    long = "Un texte assez long pour être coupé en plusieurs lignes, avec des « guillemets », " * 3
    cat = catalogues.Catalogue(catalogues.Entry("", "Language: fr\n"),
                               [catalogues.Entry(long, long, "a.long"),
                                catalogues.Entry('deux\nlignes "et" \\ barre', "x", "a.lines")])
    again = catalogues.parse(catalogues.format_po(cat))
    assert [(e.msgctxt, e.msgid) for e in again.entries] == [(e.msgctxt, e.msgid) for e in cat.entries]
    assert all(len(line) <= catalogues.WIDTH for line in catalogues.format_po(cat).splitlines())
