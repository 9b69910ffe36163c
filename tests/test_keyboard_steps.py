"""The keyboard step kinds: logic without a window, then played through the
real main loop with the events a French AZERTY keyboard really sends."""
import random

import pygame
import pytest

from trainer import activities, keyboards
from trainer import input as inp
from trainer.activities.base import Context
from trainer.lesson.schema import defaults_of
from trainer.pilot import Pilot
from trainer.progress import DB_NAME

AREA = (0.0, 250.0, 1280.0, 450.0)


def make(kind, **settings):
    full = defaults_of(kind)
    full.update(settings)
    ctx = Context(area=AREA, unit=720.0, now=0.0, rng=random.Random(1))
    return activities.create(kind, full, ctx)


def text(a, s, t=1.0, repeat=False):
    a.feed(inp.KeyDown(0, 0, 0, t))
    a.feed(inp.TextInput(s, t, repeat))


def key(a, name, t=1.0):
    a.feed(inp.KeyDown(0, 0, 0, t, name))


def test_letters_one_at_a_time_and_a_wrong_key_shown_kindly():
    a = make("letters", text="fj")
    assert a.expected() == ("char", "f")
    text(a, "d")
    assert a.misses == 1 and a.pressed_text == "d" and not a.done
    text(a, "f", 2.0)
    text(a, "j", 3.0)
    assert a.done and a.successes == 2
    details = a.result().details
    assert details.accuracy == pytest.approx(2 / 3, abs=0.001)
    assert details.missed_keys == {"f": 1}
    assert details.chars_per_minute > 0


def test_capitals_are_checked_exactly_with_a_hint_after_the_second_miss():
    a = make("letters", text="A")
    text(a, "a")
    assert not a.hint_visible
    text(a, "a")
    assert a.hint_visible and "Maj" in a.hint_text
    text(a, "A")
    assert a.done


def test_an_accent_hint_names_the_accent_key_first():
    a = make("type", text="ê")
    text(a, "e")
    text(a, "e")
    assert a.hint_visible and "^" in a.hint_text and "d'abord" in a.hint_text


def test_the_at_sign_hint_speaks_of_altgr():
    a = make("letters", text="@")
    text(a, "à")
    text(a, "à")
    assert "AltGr" in a.hint_text
    assert a.lit().get("AltRight") == "modifier"


def test_type_a_word_a_wrong_character_is_not_written():
    a = make("type", text="Café")
    for ch in "Cax":
        text(a, ch)
    assert a.typed == 2 and a.misses == 1
    text(a, "f")
    text(a, "é")
    assert a.done and a.result().details.accuracy == pytest.approx(4 / 5, abs=0.001)


def test_a_held_key_types_one_character_only():
    a = make("type", text="aa")
    text(a, "a")
    a.feed(inp.TextInput("a", 1.1, repeat=True))  # the OS repeats the held key
    assert a.typed == 1 and a.misses == 0


def test_type_with_enter_at_the_end():
    a = make("type", text="cinéma", submit=True)
    text(a, "cinéma")
    assert not a.done and a.expected() == ("key", "enter")
    key(a, "enter")
    assert a.done


def test_press_named_keys_in_order():
    a = make("key", keys=["enter", "space", "escape"])
    key(a, "shift")  # held by accident: not a mistake
    assert a.misses == 0
    key(a, "tab")
    assert a.misses == 1 and a.pressed_text == "Tab"
    key(a, "enter")
    key(a, "space")
    text(a, " ")  # the space key also types a space: not a second press
    assert a.misses == 1 and a.captures_escape()
    key(a, "escape")
    assert a.done and a.result().successes == 3


def test_a_text_field_really_edits():
    a = make("field", text="Bonjour", initial="Bonjuor")
    assert a.caret == 7 and a.expected() == ("key", "backspace")
    for _ in range(3):
        key(a, "backspace")
    assert a.value == "Bonj" and a.expected() == ("char", "o")
    key(a, "home")
    assert a.caret == 0 and a.expected() == ("key", "end")
    key(a, "end")
    text(a, "our")
    assert a.done and a.misses == 0


def test_a_text_field_delete_left_right():
    a = make("field", text="chat", initial="cxhat", caret="start")
    key(a, "right")
    assert a.expected() == ("key", "delete")
    key(a, "delete")
    assert a.value == "chat" and a.done


def test_a_wrong_character_in_a_field_is_written_then_erased():
    a = make("field", text="Lyon", label="Ville")
    text(a, "Lyo")
    text(a, "m")
    assert a.value == "Lyom" and a.misses == 1 and a.expected() == ("key", "backspace")
    key(a, "backspace")
    text(a, "n")
    assert a.done


def test_a_field_to_submit_waits_for_enter():
    a = make("field", text="", initial="erreur", submit=True)
    key(a, "enter")
    assert a.misses == 1 and not a.done
    for _ in range(6):
        key(a, "backspace")
    key(a, "enter")
    assert a.done


def test_taps_on_the_drawn_keyboard_type_shift_and_dead_keys_included():
    a = make("type", text="Aê@")

    def tap(key_id):
        x, y, w, h = a.layout.geometry(a.keyboard_rect())[key_id]
        a.feed(inp.Click((x + w / 2, y + h / 2), inp.LEFT, True, 1.0))

    for ch in "Aê@":
        for press in a.layout.recipe(ch):
            if press.shift:
                tap("ShiftLeft")
            if press.altgr:
                tap("AltRight")
            tap(press.key)
    assert a.done and a.misses == 0 and a.result().input == "touch"


@pytest.mark.parametrize("kind, settings", [
    ("key", {"keys": ["enter"]}), ("letters", {"text": "a"}), ("type", {"text": "a"}), ("field", {"text": "a"}),
])
def test_every_keyboard_kind_lights_the_next_key(kind, settings):
    a = make(kind, **settings)
    assert "next" in a.lit().values()
    assert any(type(s).__name__ == "Keyboard" for s in a.scene(0.5))


# -- through the real main loop, with real AZERTY event sequences -------------

LESSON = """\
format: 1
id: clavier-essai
title: Essai clavier
level: 1
intro: On essaie le clavier.
steps:
  - kind: key
    instruction: Appuyez sur la touche Entrée, puis sur Échap.
    keys: [enter, escape]
  - kind: letters
    instruction: Tapez chaque lettre montrée.
    text: "aZ"
  - kind: type
    instruction: Écrivez votre adresse.
    text: "Hélène.forêt@free.fr"
  - kind: field
    label: Ville
    instruction: Corrigez le nom de la ville.
    initial: Paros
    text: Paris
    submit: true
"""


@pytest.fixture
def keyboard_lesson(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "clavier.yaml").write_text(LESSON, encoding="utf-8")
    return folder


def test_a_keyboard_lesson_played_start_to_end_with_azerty_events(tmp_path, keyboard_lesson):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson])
    p.click("guest")
    p.click("lesson:clavier-essai")
    screen = p.app.screen
    p.press_key("enter")
    p.press_key("escape")  # asked for: it does not leave the lesson
    assert p.screen == "player" and screen.praise_until is not None
    p.wait(1.3)
    p.type("a")
    p.type("z")  # not the capital asked for
    p.type("Z")  # Shift + z
    p.wait(1.3)
    activity = screen.activity
    p.type("Hélène.forêt@free.fr")  # é on its key, ê by ^ then e, @ by AltGr + à
    assert activity.done and activity.misses == 0
    p.wait(1.3)
    field = screen.activity
    p.press_key("backspace")
    p.press_key("backspace")
    p.type("is")
    assert field.value == "Paris" and not field.done
    p.press_key("enter")
    p.wait(1.3)
    assert p.screen == "results"
    db = p.app.store.db
    rows = db.execute("SELECT kind, misses, input, details FROM step_results ORDER BY step_index").fetchall()
    assert [r[0] for r in rows] == ["key", "letters", "type", "field"]
    assert rows[1][1] == 1 and all(r[2] == "keyboard" for r in rows)
    import json

    details = json.loads(rows[2][3])
    assert details["accuracy"] == 1.0 and details["chars_per_minute"] > 0
    assert json.loads(rows[1][3])["missed_keys"] == {"Z": 1}
    p.app.close()


def test_escape_still_leaves_a_keyboard_step_that_does_not_ask_for_it(tmp_path, keyboard_lesson):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson])
    p.click("guest")
    p.click("lesson:clavier-essai")
    p.press_key("enter")
    p.wait(0.1)
    p.app.screen.activity.keys[1] = "tab"  # this step now wants Tab, not Échap
    p.press(pygame.K_ESCAPE)
    assert p.screen == "dialog"
    p.app.close()


def test_a_keyboard_lesson_played_by_touching_the_drawn_keys(tmp_path, keyboard_lesson):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson])
    p.tap("guest")
    p.tap("lesson:clavier-essai")
    p.play_lesson(touch=True)
    assert p.screen == "results"
    inputs = p.app.store.db.execute("SELECT DISTINCT input FROM step_results").fetchall()
    assert inputs == [("touch",)]
    p.app.close()


@pytest.mark.parametrize("device, person, shown", [
    ("azerty", None, "azerty"), ("qwertz", None, "qwertz"), ("azerty", "qwerty", "qwerty"),
])
def test_the_drawn_keyboard_follows_the_device_then_the_person(tmp_path, keyboard_lesson, device, person, shown):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson])
    p.app.keyboard_layout = device
    who = p.app.store.add_learner("Marie")
    if person:
        p.app.store.db.execute("UPDATE learners SET settings = ? WHERE id = ?",
                               (f'{{"keyboard_layout": "{person}"}}', who.id))
    p.app.nav.learners()
    p.frames(1)
    p.click("learner:Marie")
    p.click("lesson:clavier-essai")
    p.press_key("enter")
    p.press_key("escape")
    p.wait(1.3)
    activity = p.app.screen.activity
    assert activity.KIND == "letters" and activity.layout.name == shown
    p.type("aZ", layout=shown)
    assert activity.done
    p.app.close()


def test_after_the_accent_key_its_letter_is_lit():
    a = make("type", text="ê")
    assert a.lit()["BracketLeft"] == "dead"
    a.feed(inp.KeyDown(0, 47, 0, 1.0))  # the ^ key (SDL scancode 47): no text yet
    assert a.lit() == {"KeyE": "next"}
    a.feed(inp.TextInput("ê", 1.1))
    assert a.done


def test_the_accent_hint_names_the_plain_letter_and_maj_for_a_capital():
    a = make("type", text="Ê")
    assert "« e »" in a.how_to_type("Ê") and "Maj" in a.how_to_type("Ê")


def test_a_lessons_own_hint_wins_over_the_automatic_one():
    full = defaults_of("letters")
    full["text"] = "A"
    a = activities.create("letters", full, Context(area=AREA, unit=720.0, now=0.0),
                          hint="Regardez le A en haut à gauche.")
    text(a, "a")
    text(a, "a")
    assert a.hint_text == "Regardez le A en haut à gauche."


def test_altgr_can_be_touched_when_a_step_asks_for_it():
    a = make("key", keys=["altgr"])
    x, y, w, h = a.layout.geometry(a.keyboard_rect())["AltRight"]
    a.feed(inp.Click((x + w / 2, y + h / 2), inp.LEFT, True, 1.0))
    assert a.done


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1280, 800)])
def test_a_field_with_a_label_keeps_its_messages_above_the_keyboard(size):
    ctx = Context(area=(0.0, size[1] * 0.40, float(size[0]), size[1] * 0.57), unit=float(size[1]), now=0.0)
    full = defaults_of("field")
    full.update(text="Paris", label="Ville")
    a = activities.create("field", full, ctx)
    text(a, "x")
    keyboard_top = a.keyboard_rect()[1]
    for shape in a.scene(0.5):
        if type(shape).__name__ in ("Label", "Field"):
            x, y, w, h = shape.rect
            assert y + h <= keyboard_top + 1, shape


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EDITS = st.lists(st.one_of(
    st.sampled_from(["backspace", "delete", "left", "right", "home", "end"]).map(lambda k: ("key", k)),
    st.sampled_from(list("Parisx é")).map(lambda c: ("text", c)),
), max_size=30)


@settings(max_examples=150, deadline=None)
@given(initial=st.text(alphabet="Parisxé ", max_size=8), edits=EDITS)
def test_whatever_is_done_in_a_field_following_the_lit_keys_always_ends_it(initial, edits):
    """Any mess of edits, then the lit key each time: the field ends right,
    the caret always inside the text."""
    a = make("field", text="Paris", initial=initial, submit=True)
    for kind, value in edits:
        if a.done:
            break
        key(a, value) if kind == "key" else text(a, value)
        assert 0 <= a.caret <= len(a.value)
    for _ in range(100):
        wanted = a.expected()
        if a.done:
            break
        kind, value = wanted
        key(a, value) if kind == "key" else text(a, value)
    assert a.done and a.value == "Paris"


@pytest.mark.parametrize("size", [(800, 1280), (600, 1024)])
def test_a_tablet_held_upright_draws_the_compact_keyboard_and_every_step_is_played_on_it(tmp_path, keyboard_lesson,
                                                                                          size):
    """Portrait: the compact keyboard, with Échap for the step that asks for it and
    Suppr, the arrows, Début and Fin for the field; the whole lesson by touching it."""
    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson], size=size)
    p.tap("guest")
    p.tap("lesson:clavier-essai")
    seen = []
    for _ in range(200):
        if p.screen != "player":
            break
        activity = p.app.screen.activity
        if activity is not None and not activity.done and p.app.screen.praise_until is None:
            drawn = activity.drawn_layout()
            seen.append((activity.KIND, drawn.name))
            assert keyboards.COMPACT in drawn.name and drawn.key("F1") is None and drawn.key("Insert") is None
            for key_id in ("Backspace", "Enter", "Space", "ShiftLeft", "AltRight", "CapsLock"):
                assert drawn.key(key_id) is not None
        p.play_step(touch=True)
        p.wait(1.3)
    assert p.screen == "results"
    kinds = dict(seen)
    assert kinds["key"].endswith("+Escape") and "Delete" in kinds["field"] and "ArrowLeft" in kinds["field"]
    assert "Escape" not in kinds["letters"] and "Delete" not in kinds["type"]
    p.app.close()


def test_a_landscape_screen_keeps_the_full_keyboard(tmp_path, keyboard_lesson):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson], size=(1024, 600))
    p.tap("guest")
    p.tap("lesson:clavier-essai")
    assert p.app.screen.activity.drawn_layout() is p.app.screen.activity.layout
    p.app.close()


@pytest.mark.parametrize("touch", [False, True])
def test_a_slide_across_the_drawn_keyboard_types_nothing_and_is_said_kindly(tmp_path, keyboard_lesson, touch):
    """Pressed on « A », released on « P » (a finger sliding across the keys): nothing is
    typed, no miss is counted, a kind sentence says to touch one key only; a press that
    only trembles still types."""
    from trainer import i18n

    p = Pilot.start(tmp_path / "data", lesson_dirs=[keyboard_lesson])
    p.tap("guest")
    p.tap("lesson:clavier-essai")
    while p.app.screen.activity.KIND == "key":  # Entrée, then Échap
        p.play_step(touch=touch)
        p.wait(1.3)
    a = p.app.screen.activity
    assert a.KIND == "letters"
    geo = a.drawn_layout().geometry(a.keyboard_rect())
    (ax, ay, aw, ah), (px, py, pw, ph) = geo["KeyQ"], geo["KeyP"]  # « A » and « P » on AZERTY
    p.down((ax + aw / 2, ay + ah / 2), touch=touch)
    p.move(((ax + px) / 2, ay + ah / 2), touch=touch, held=True)
    p.up((px + pw / 2, py + ph / 2), touch=touch)
    assert a.successes == 0 and a.attempts == 0 and a.misses == 0
    assert a.note == i18n.french().t(f"note.keyboard.slid.{'touch' if touch else 'mouse'}")
    p.app.close()
