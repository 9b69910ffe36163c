"""The lessons shipped in lessons/: valid, described by the published schema,
and each one playable to its end with a mouse and with a finger."""
import json
import shutil
import subprocess
import sys

import pytest

from trainer import lesson
from trainer.lesson.schema import lesson_schema
from trainer.pilot import Pilot

from conftest import LESSONS, ROOT

FILES = lesson.lesson_files(LESSONS)


def test_the_published_schema_is_the_one_the_program_uses():
    published = json.loads((LESSONS / "lesson.schema.json").read_text(encoding="utf-8"))
    assert published == lesson_schema(), "run: trainer schema --out lessons/lesson.schema.json"


def test_trainer_schema_out_writes_the_published_schema(tmp_path):
    """The schema is generated from the step kinds: `trainer schema --out` writes the published file."""
    from trainer import cli

    out = tmp_path / "lesson.schema.json"
    assert cli.main(["schema", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (LESSONS / "lesson.schema.json").read_text(encoding="utf-8")


def test_there_are_lessons_for_every_mouse_and_touch_skill():
    entries = lesson.discover([LESSONS])
    assert len(entries) >= 6
    kinds = {step.kind for e in entries if e.usable for step in e.lesson.steps}
    assert kinds >= {"hover", "click", "double_click", "right_click", "drag", "scroll"}
    assert {e.lesson.level for e in entries if e.usable} >= {1, 2, 3}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_bundled_lesson_is_valid(path):
    found, problems = lesson.load(path, LESSONS)
    assert problems == [], "\n".join(map(str, problems))
    assert found.intro and found.learned


def test_trainer_validate_passes_on_the_lessons_folder():
    run = subprocess.run([sys.executable, "-m", "trainer", "validate", str(LESSONS)],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "aucun problème" in run.stdout


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_bundled_lesson_can_be_played_to_the_end(tmp_path, path, touch):
    found, _ = lesson.load(path, LESSONS)
    p = Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS])
    p.click("guest", touch=touch)
    p.click(f"level:{found.level}", touch=touch)
    p.click(f"lesson:{found.id}", touch=touch)
    assert p.app.screen.lesson.id == found.id
    p.play_lesson(touch=touch)
    assert p.screen == "results"
    steps = p.app.store.db.execute("SELECT COUNT(*) FROM step_results").fetchone()[0]
    assert steps == len(found.steps)
    p.app.close()


@pytest.mark.parametrize("mouse, touch", [
    ("Cliquez sur le rond.", "Touchez le rond."),
    ("Double-cliquez sur le dossier.", "Touchez deux fois le dossier."),
    ("Cliquez\u00a0sur «\u00a0Ouvrir\u00a0».", "Touchez «\u00a0Ouvrir\u00a0»."),
    ("Faites un clic droit sur la photo.", "Gardez le doigt appuyé sur la photo."),
    ("Vous savez double-cliquer.", "Vous savez toucher deux fois."),
    ("Faites un double-clic sur l'image.", "Touchez deux fois l'image."),
])
def test_the_wording_follows_the_input(mouse, touch):
    assert lesson.touch_wording(mouse) == touch


def test_a_hint_about_the_mouse_is_not_shown_on_a_touch_screen():
    assert lesson.touch_text(None, "Appuyez sur le bouton droit de la souris.") is None
    assert lesson.touch_text(None, "Cliquez sur le dossier jaune.") == "Touchez le dossier jaune."
    assert lesson.touch_text("Touchez-le.", "Cliquez sur le dossier jaune.") == "Touchez-le."


# -- every bundled lesson in English too ---------------------------------------

def _raw(path):
    from trainer.lesson.loader import parse, read_text

    return parse(read_text(path.read_bytes())).data


def _french_texts(path):
    """(where, field) of every French text of a lesson file that a learner may
    see: the lesson's and each step's texts, the settings shown (labels, menu
    lines, rows of a page, undo and redo instructions…), the names of the
    undo steps' places and things and the words they erase."""
    from trainer import activities
    from trainer.lesson import schema

    data = _raw(path)
    found = [(data, "lesson", name) for name in schema.LESSON_TEXT_FIELDS if name in data]
    for i, step in enumerate(data["steps"]):
        shown = [*schema.TEXT_FIELDS, *activities.kinds()[step["kind"]].TRANSLATABLE] \
            if hasattr(activities.kinds()[step["kind"]], "TRANSLATABLE") else list(schema.TEXT_FIELDS)
        found += [(step, f"step {i + 1}", name) for name in shown if step.get(name)]
        for list_name in ("places", "items"):
            if step["kind"] in ("undo", "redo"):
                found += [(entry, f"step {i + 1} {list_name} {j + 1}", "label")
                          for j, entry in enumerate(step.get(list_name) or [])]
        found += [(change, f"step {i + 1} change {j + 1}", "delete")
                  for j, change in enumerate(step.get("changes") or []) if "delete" in change]
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_bundled_lesson_has_an_english_text_for_every_french_one(path):
    missing = [f"{where}: {name}_en" for owner, where, name in _french_texts(path) if not owner.get(f"{name}_en")]
    assert missing == []


def _unquoted(text: str) -> str:
    """A text without what it quotes (« Tapez “café” »: the word to type is French on purpose)."""
    import re

    return re.sub(r"“[^”]*”|\"[^\"]*\"", "", text)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_the_english_texts_are_english(path):
    import re

    french = re.compile(r"[éèêàùçôâîœ«»]|\b(le|la|les|des|une|vous|et|sur|dans|puis|avec)\b", re.IGNORECASE)
    names = {"Léa", "Léo", "Guéret", "Étretat"}  # people and places keep their names
    for owner, where, name in _french_texts(path):
        values = owner[f"{name}_en"]
        for value in values if isinstance(values, list) else [values]:
            shown = _unquoted(value)
            for word in names:
                shown = shown.replace(word, "")
            shown = re.sub(r"(?<!\w)\w(?!\w)", "", shown)  # « the letters é, è and à »: letters named
            assert not french.search(shown), f"{where}: {name}_en: {value}"


def test_a_lesson_gives_its_texts_in_a_language_and_french_where_it_has_none():
    found, _ = lesson.load(LESSONS / "04-le-clic-droit.yaml", LESSONS)
    step = found.steps[1]
    assert found.text("title", "en") == "The right click" and found.text("title") == "Le clic droit"
    assert step.text("instruction", "en", touch=True) == "Keep your finger pressed on the letter, then tap “Open”."
    assert step.settings_in("en")["menu"] == ["Open", "Print", "Delete"]
    assert step.settings_in("en")["choose"] == "Open" and step.settings_in("fr")["choose"] == "Ouvrir"
    assert found.language_of(step.text("instruction", "en"), "en") == "en"
    partial = lesson.Step("click", "Cliquez.", "Touchez.", "Visez.", None, {}, 1,
                          {"en": {"instruction": "Click on the circle."}})
    assert partial.text("instruction", "en", touch=True) == "Tap on the circle."  # « Click » becomes « Tap »
    assert partial.text("hint", "en") == "Visez."
    mixed = lesson.Lesson("essai", "Essai", 1, "Bonjour.", None, (partial,), "essai.yaml",
                          translations={"en": {"title": "Test"}})
    assert [mixed.language_of(t, "en") for t in ("Test", "Bonjour.", "Visez.", "Tap on the circle.")] == \
        ["en", "fr", "fr", "en"]  # what is read aloud is read with a voice of its language
    assert mixed.language_of("Bonjour.", "fr") == "fr"


def test_english_undo_steps_rename_their_places_things_and_words():
    found, _ = lesson.load(LESSONS / "21-je-me-suis-trompe.yaml", LESSONS)
    moved = found.steps[3].settings_in("en")
    assert [p["label"] for p in moved["places"]] == ["Mail", "Bills"]
    assert moved["changes"] == [{"move": "Letter", "to": "Bills"}]
    erased = found.steps[2].settings_in("en")
    assert (erased["text"], erased["changes"]) == ("The black cat is asleep", [{"delete": "black"}])
    assert found.steps[0].settings_in("en")["touch_undo_instruction"] == "Oh no, it was a lovely photo! Tap “Undo”."


def test_english_settings_are_checked_like_the_french_ones(tmp_path):
    text = (LESSONS / "04-le-clic-droit.yaml").read_text(encoding="utf-8").replace("choose_en: Open", "choose_en: Opne")
    (tmp_path / "04.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(LESSONS / "images", tmp_path / "images")
    found, problems = lesson.load(tmp_path / "04.yaml", tmp_path)
    assert found is None and len(problems) == 1
    assert "« Opne » n'est pas une ligne du menu" in problems[0].message and "en anglais" in problems[0].message
    assert text.splitlines()[problems[0].line - 1].strip().startswith("choose_en")
