"""With English chosen, no French remains: the command line, every screen,
the lessons, the voice."""
import re

import pytest

from trainer import i18n
from trainer.cli import language_of, main

from conftest import LESSONS

#: French words and signs that no English text has (names and quoted texts aside)
FRENCH = re.compile(r"[éèêàùçôâîœ«»]|\b(le|la|les|des|une|vous|et|sur|dans|avec|leçons?|est|pas|aucun\w*)\b",
                    re.IGNORECASE)


def french_in(text: str, allowed=()) -> list[str]:
    """The lines of ``text`` that look French."""
    found = []
    for line in text.splitlines():
        shown = line
        for word in ("Pas à pas", "pas-a-pas", *allowed):
            shown = shown.replace(word, "")
        if FRENCH.search(shown):
            found.append(line)
    return found


# -- the command line ------------------------------------------------------------

def test_the_command_line_follows_lang_then_the_system(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_GB:fr")
    assert language_of(["validate"]) == "en"
    assert language_of(["--lang", "fr", "validate"]) == "fr"
    assert language_of(["validate", "--lang=fr"]) == "fr"
    monkeypatch.setenv("LANGUAGE", "de")
    assert language_of([]) == "fr"


def test_every_command_speaks_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    data = tmp_path / "data"
    out = []

    def run(*argv, status=0):
        assert main(list(argv)) == status, argv
        captured = capsys.readouterr()
        out.append(captured.out + captured.err)

    run("validate", str(LESSONS))
    run("validate", str(tmp_path / "nowhere"), status=1)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "01.yaml").write_text("format: 1\n", encoding="utf-8")
    run("validate", str(bad), status=1)
    assert out[-1].splitlines()[-1] == "5 problems: 1 file out of 1 to correct."
    run("report", "--data", str(data), status=1)
    run("export", "--all", "--data", str(data), status=1)
    run("pin", "--data", str(data), status=1)
    run("home", "--off", "--data", str(data))
    run("home", "Marie", "--data", str(data), status=1)
    run("export", "--learner", "Guest", "--data", str(data), status=1)
    run("pin", "--data", str(data))
    run("report", "--data", str(data), "--since", "2026-11-20", "--until", "2026-11-01", status=1)
    for command in ("run", "validate", "home", "schema", "export", "import", "report", "pin"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out.append(capsys.readouterr().out)
    with pytest.raises(SystemExit):
        main(["--help"])
    out.append(capsys.readouterr().out)
    problems = [line for text in out[3:] for line in french_in(text)]
    assert problems == []
    assert "For the “Guest” tile, add --guest." in "".join(out)
    assert out[0].strip() == f"{len(list(LESSONS.glob('*.yaml')))} lessons checked: no problems."


def test_plural_forms_in_the_command_line(tmp_path, capsys):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01.yaml").write_text((LESSONS / "01-pointer-et-cliquer.yaml").read_text("utf-8"), "utf-8")
    for lang, expected in (("fr", "1 leçon vérifiée : aucun problème."), ("en", "1 lesson checked: no problems.")):
        assert main(["--lang", lang, "validate", str(lessons)]) == 0
        assert capsys.readouterr().out.strip() == expected
    assert i18n.translator("en").n("cli.validate.ok", 2) == "2 lessons checked: no problems."
