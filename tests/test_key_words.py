"""Lesson texts that name keys are true on every keyboard (issue 15): a lesson
writes ``{touches:@}`` and the player names the keys of the keyboard in use;
``trainer validate`` warns, file:line, about a recipe written literally that is
wrong on some keyboard.  The expected words are made here from the real
layouts (X's data, trainer/xkb_layouts), not from the program's model."""
import subprocess
import sys

import pytest

from trainer import i18n, key_words, keyboards, xkb
from trainer.pilot import Pilot

from conftest import ROOT

LESSON_17 = "clavier-adresse-e-mail"


def words_from_x(name: str, ch: str, touch: bool = False) -> str:
    """How the keys of ``ch`` are said, from the real layout's strokes: the key named
    by what it types alone (with Maj alone: what it types with Maj, as printed)."""
    board = xkb.layout(name)
    altgr = "AltCar" if name == "ca" else "AltGr"  # (as the Canadian French keycaps print it)
    parts = []
    strokes = board.strokes(ch)
    for s in strokes:
        combo = "shift" if s.shift and not s.altgr else "base"
        keysym = dict(s.key.keysyms)[combo]
        label = board.chars.get(keysym) or board.compose.get(keysym, {}).get(keysym)
        label = label if label.isalnum() else f"« {label} »"  # a sign is quoted
        names = ["Maj"] * s.shift + [altgr] * s.altgr + [label]
        parts.append(", puis ".join(names) if touch else " + ".join(names))
    if len(strokes) == 1 and not (strokes[0].shift or strokes[0].altgr):
        return f"la touche {parts[0]}"
    return ", puis ".join(parts)


def test_the_issue_s_examples():
    assert words_from_x("fr", "@") == "AltGr + à"
    assert words_from_x("be", "@") == "AltGr + é"
    assert words_from_x("fr-afnor", "@") == "la touche « @ »"


@pytest.mark.parametrize("name", list(keyboards.LAYOUTS))
def test_lesson_17_names_the_keys_of_each_keyboard(tmp_path, name):
    with Pilot.start(tmp_path / "data", layout=xkb.ALIASES[name]) as p:
        p.app.keyboard_layout = name
        p.click("guest")
        p.app.nav.lessons(3)
        p.click(f"lesson:{LESSON_17}")
        assert p.screen == "player"
        run = p.app.screen.run
        shown = run.band().instruction
        assert shown == f"Pour écrire l'arobase @, appuyez sur {words_from_x(xkb.ALIASES[name], '@')}."
        assert "{" not in shown
        p.type("@")  # the real keys of this layout, as SDL sends them (KEYDOWN, TEXTINPUT, KEYUP)
        assert run.index == 1 or run.praising


def test_lesson_17_on_a_touch_screen_names_the_taps(tmp_path):
    with Pilot.start(tmp_path / "data", layout="be") as p:
        p.app.keyboard_layout = "azerty-be"
        p.click("guest", touch=True)
        p.app.nav.lessons(3)
        p.click(f"lesson:{LESSON_17}", touch=True)
        assert p.app.screen.run.band().instruction == "Pour écrire l'arobase @, touchez AltGr, puis é."


def test_in_english_too(tmp_path):
    en = i18n.translator("en")
    assert key_words.fill("To write the @ sign, press {touches:@}.", keyboards.LAYOUTS["qwertz-ch"], en) \
        == "To write the @ sign, press AltGr + 2."
    assert key_words.fill("Press {touches:@}.", keyboards.LAYOUTS["azerty-afnor"], en) == "Press the “@” key."


def test_placeholder_for_the_character_asked_now_and_a_sign_without_keys():
    fr = keyboards.LAYOUTS["azerty"]
    assert key_words.fill("Tapez le chiffre : {touches}.", fr, current="1") == "Tapez le chiffre : Maj + 1."
    assert key_words.fill("Tapez le chiffre : {touches}.", keyboards.LAYOUTS["qwertz-ch"], current="1") \
        == "Tapez le chiffre : la touche 1."
    assert key_words.fill("{touches:ê}", fr) == "« ^ », puis e"
    assert key_words.fill("Tapez le signe : {touches}.", fr, current=".") == "Tapez le signe : Maj + « . »."
    assert key_words.fill("{touches:É}", fr, system="linux") == "Verr. Maj, puis é, puis Verr. Maj"
    assert key_words.fill("{touches:œ}", fr) == "« œ »"  # no keys: the long press or « Passer ce signe »
    assert key_words.fill("{touches}", fr, current="12") == "1 avec Maj + 1 ; 2 avec Maj + 2"  # a printed memo
    assert key_words.fill("Sans touches.", fr) == "Sans touches."


def test_the_bundled_keyboard_lessons_name_no_keys_literally():
    from trainer import lesson

    for entry in lesson.discover([ROOT / "lessons"]):
        assert entry.lesson is not None
        assert key_words.recipe_warnings(entry.lesson) == [], entry.lesson.id


LITERAL = """\
format: 1
id: arobase
title: Arobase
level: 3
intro: Un essai.
steps:
  - kind: letters
    instruction: Tapez une majuscule avec Maj + A.
    text: A

  - kind: letters
    instruction: Gardez la touche AltGr enfoncée et tapez « à ».
    instruction_en: Hold the AltGr key down and type “à”.
    text: "@"

  - kind: letters
    instruction: Appuyez sur {touches:@}.
    text: "@"
"""


def test_validate_warns_about_a_literal_recipe_at_its_line(tmp_path):
    path = tmp_path / "arobase.yaml"
    path.write_text(LITERAL, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "trainer", "validate", str(path)], capture_output=True,
                         text=True, cwd=ROOT, env={"SDL_VIDEODRIVER": "dummy", "PATH": "/usr/bin:/bin"})
    warnings = [line for line in run.stdout.splitlines() if "AltGr" in line or "Maj" in line]
    assert len(warnings) == 2, run.stdout  # « Maj + A » types A everywhere: no warning
    assert warnings[0].startswith(f"{path}:12: attention") and "{touches:@}" in warnings[0]
    assert warnings[1].startswith(f"{path}:13: ") and "AZERTY (Belgique)" in warnings[1]
    assert run.returncode == 0  # a warning: the lesson still works


PLACEHOLDERS = """\
format: 1
id: accolades
title: Accolades
level: 3
intro: Un essai.
learned: "Vous savez taper {touches:@}."
steps:
  - kind: letters
    instruction: "Appuyez sur {touches:@@}."
    text: "@"

  - kind: key
    instruction: "Appuyez sur {touches}."
    keys: [enter]

  - kind: letters
    instruction: "Appuyez sur {touches}, puis sur {touches:é}."
    text: "@"
"""


def test_validate_warns_about_a_placeholder_written_wrong_or_where_it_is_not_filled(tmp_path):
    from trainer import lesson

    path = tmp_path / "accolades.yaml"
    path.write_text(PLACEHOLDERS, encoding="utf-8")
    found, problems = lesson.load(path)
    assert found is not None and not problems
    warnings = [(w.line, w.message.id) for w in key_words.recipe_warnings(found)]
    assert sorted(warnings) == [(6, "lesson.warn.keys_placeholder_here"), (9, "lesson.warn.keys_placeholder"),
                                (13, "lesson.warn.keys_placeholder_alone")], warnings
