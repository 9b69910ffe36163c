"""The test pilot sends what SDL and pygame-ce really deliver (trainer/pilot.py):
the events the program reads, in order, with their attributes."""
from __future__ import annotations

import math

import pygame
import pytest

from trainer import xkb
from trainer.pilot import Pilot

NAMES = {pygame.MOUSEMOTION: "motion", pygame.MOUSEBUTTONDOWN: "down", pygame.MOUSEBUTTONUP: "up",
         pygame.MOUSEWHEEL: "wheel", pygame.FINGERDOWN: "finger down", pygame.FINGERMOTION: "finger motion",
         pygame.FINGERUP: "finger up", pygame.KEYDOWN: "keydown", pygame.KEYUP: "keyup",
         pygame.TEXTINPUT: "text"}


@pytest.fixture
def seen(pilot, monkeypatch):
    """Every event the program's loop reads, as (name, attributes)."""
    events = []
    read = pilot.app._pygame_event

    def record(event, now):
        events.append((NAMES.get(event.type, pygame.event.event_name(event.type)), dict(event.dict)))
        read(event, now)
    monkeypatch.setattr(pilot.app, "_pygame_event", record)
    return events


def names(events):
    return [name for name, _ in events]


# -- the mouse, the wheel, a finger ----------------------------------------------

def test_a_wheel_notch_is_the_buttons_4_or_5_then_mousewheel(pilot, seen):
    """pygame-ce's event filter pushes MOUSEBUTTONDOWN/UP 4 or 5 while SDL adds the
    MOUSEWHEEL: both arrive, buttons first (checked with xdotool click 5 under Xvfb)."""
    pilot.move((300, 200))
    seen.clear()
    pilot.wheel(1)  # towards you: the page goes down
    assert names(seen) == ["down", "up", "wheel"]
    assert seen[0][1] == {"pos": (300, 200), "button": 5, "clicks": 1, "touch": False, "window": None}
    assert seen[1][1]["button"] == 5
    assert seen[2][1] == {"flipped": False, "x": 0, "y": -1, "precise_x": 0.0, "precise_y": -1.0, "touch": False,
                          "pos": (300, 200), "window": None}
    seen.clear()
    pilot.wheel(-1)
    assert [e[1].get("button", e[1].get("y")) for e in seen] == [4, 4, 1]


def test_a_hand_trembles_between_press_and_release(pilot, seen):
    pilot.click((400, 300))
    assert names(seen) == ["motion", "down", "motion", "up"]
    (_, to), (_, down), (_, shake), (_, up) = seen
    assert to["pos"] == down["pos"] == (400, 300) and to["buttons"] == (0, 0, 0)
    assert to["rel"] == (400 - 640, 300 - 360)  # from where the pointer was
    assert shake["buttons"] == (1, 0, 0) and 2 <= math.hypot(*shake["rel"]) <= 4
    assert up["pos"] == shake["pos"] != (400, 300)
    pilot.tremor = 0
    seen.clear()
    pilot.click((500, 300))
    assert names(seen) == ["motion", "down", "up"] and seen[2][1]["pos"] == (500, 300)


def test_the_pointer_does_not_report_a_move_that_does_not_move(pilot, seen):
    pilot.move((100, 100))
    pilot.move((100, 100))  # SDL drops a motion to where the pointer already is
    assert names(seen) == ["motion"]


def test_clicks_counts_as_sdl_does(pilot, seen):
    """``clicks``: 2 for the second press within 500 ms and 32 px (SDL's defaults)."""
    pilot.double_click((400, 300))
    assert [e[1]["clicks"] for e in seen if e[0] == "down"] == [1, 2]
    pilot.wait(0.6)
    seen.clear()
    pilot.click((400, 300))
    assert [e[1]["clicks"] for e in seen if e[0] == "down"] == [1]


def test_a_finger_is_sdls_mouse_emulation_then_the_finger_events(pilot, seen):
    """SDL_touch.c: motion and button with touch=True first, then FINGER* in fractions of the window."""
    pilot.tap((640, 180))
    assert names(seen) == ["motion", "down", "finger down", "motion", "finger motion", "up", "finger up"]
    events = [e[1] for e in seen]
    assert all(e["touch"] for e in events[:2]) and events[3]["touch"] and events[5]["touch"]
    assert events[1]["pos"] == (640, 180)
    assert (events[2]["x"], events[2]["y"]) == (0.5, 0.25) and events[2]["finger_id"] == events[6]["finger_id"]
    assert events[3]["buttons"] == (1, 0, 0)
    assert events[4]["dx"] == pytest.approx(events[3]["rel"][0] / 1280)
    assert events[5]["pos"] == events[3]["pos"]  # the button goes up where the finger was last
    assert (events[6]["x"], events[6]["y"]) == (events[4]["x"], events[4]["y"])


def test_a_drag_holds_the_button_in_every_motion(pilot, seen):
    pilot.drag((100, 100), (300, 100), steps=4)
    motions = [e[1] for e in seen if e[0] == "motion"]
    assert [m["buttons"] for m in motions] == [(0, 0, 0)] + [(1, 0, 0)] * 4
    assert seen[-1] == ("up", {"pos": (300, 100), "button": 1, "touch": False, "clicks": 1, "window": None})


# -- keys and text from a real layout -----------------------------------------------

def test_a_dead_key_sends_no_text_and_the_next_key_the_composed_character(pilot, seen):
    pilot.type("ê")
    assert names(seen) == ["keydown", "keyup", "keydown", "text", "keyup"]
    assert seen[0][1] == {"key": 1 << 30, "mod": 0, "scancode": 47, "unicode": "", "repeat": False, "window": None}
    assert (seen[2][1]["key"], seen[2][1]["scancode"], seen[2][1]["unicode"]) == (pygame.K_e, 8, "ê")
    assert seen[3][1]["text"] == "ê"


def test_altgr_and_shift_go_down_first_and_the_number_row_reports_digits(pilot, seen):
    pilot.type("@")
    assert names(seen) == ["keydown", "keydown", "text", "keyup", "keyup"]
    (_, altgr), (_, at), (_, text), (_, at_up), (_, altgr_up) = seen
    assert (altgr["key"], altgr["mod"], altgr["scancode"]) == (pygame.K_RALT, pygame.KMOD_RALT, 230)
    assert (at["key"], at["scancode"], at["mod"], at["unicode"]) == (pygame.K_0, 39, pygame.KMOD_RALT, "@")
    assert text["text"] == "@" and altgr_up["mod"] == 0
    seen.clear()
    pilot.type("é2A")
    downs = [(e[1]["key"], e[1]["scancode"], e[1]["mod"]) for e in seen if e[0] == "keydown"]
    assert downs == [(pygame.K_2, 31, 0), (pygame.K_LSHIFT, 225, pygame.KMOD_LSHIFT),
                     (pygame.K_2, 31, pygame.KMOD_LSHIFT), (pygame.K_LSHIFT, 225, pygame.KMOD_LSHIFT),
                     (pygame.K_a, 20, pygame.KMOD_LSHIFT)]  # AZERTY's A is the QWERTY Q key
    assert [e[1]["text"] for e in seen if e[0] == "text"] == ["é", "2", "A"]


def test_a_character_the_layout_cannot_type_is_an_error_and_nothing_is_typed(pilot, seen):
    with pytest.raises(xkb.Untypable, match="« œ »"):
        pilot.type("cœur")
    with pytest.raises(xkb.Untypable, match="text_input"):
        pilot.type("😀")
    assert seen == []
    pilot.text_input("cœur 😀")  # an input method or a paste: text without keys
    assert seen == [("text", {"text": "cœur 😀", "window": None})]


def test_ctrl_z_on_azerty_is_the_w_key_reporting_z_with_no_text(pilot, seen):
    pilot.shortcut("ctrl+z")
    assert names(seen) == ["keydown", "keydown", "keyup", "keyup"]
    assert (seen[1][1]["key"], seen[1][1]["scancode"], seen[1][1]["mod"], seen[1][1]["unicode"]) == \
        (pygame.K_z, 26, pygame.KMOD_LCTRL, "\x1a")
    seen.clear()
    pilot.shortcut("ctrl+z", layout="us")
    assert seen[1][1]["scancode"] == 29  # the US Z key
    seen.clear()
    pilot.shortcut("alt+x")  # under X, Alt+letter types the letter
    assert names(seen) == ["keydown", "keydown", "text", "keyup", "keyup"]


def test_special_keys_and_caps_lock(pilot, seen):
    pilot.press_key("enter")
    assert names(seen) == ["keydown", "keyup"] and seen[0][1]["unicode"] == "\r"
    seen.clear()
    pilot.press_key("space")
    assert names(seen) == ["keydown", "text", "keyup"]
    seen.clear()
    pilot.press_key("caps_lock")
    assert [e[1]["mod"] for e in seen] == [pygame.KMOD_CAPS] * 2  # the light is on: every key says so
    seen.clear()
    pilot.type("aé")  # Caps Lock on: X types capitals, « é » too (Linux)
    assert [e[1]["text"] for e in seen if e[0] == "text"] == ["A", "É"]
    pilot.press_key("caps_lock")
    seen.clear()
    pilot.type("a")
    assert [e[1]["text"] for e in seen if e[0] == "text"] == ["a"]


def test_the_pilot_is_a_context_manager_that_closes_the_program(tmp_path):
    with Pilot.start(tmp_path / "data") as p:
        app = p.app
        assert app.running and not app.closed
    assert app.closed
    p.close()  # once is enough: nothing happens
    with Pilot.start(tmp_path / "data") as again:
        p.app.close()  # an old program closed again must not close pygame under the new one
        again.click("guest")
        assert again.screen == "lessons"


LESSON = """\
format: 1
id: clavier-vrai
title: Clavier vrai
level: 1
intro: On tape.
steps:
  - kind: type
    instruction: Écrivez l'adresse.
    text: "hélène@forêt.fr"
"""


@pytest.mark.parametrize("system", ["x11", "windows"])
def test_altgr_types_in_a_typing_step_on_linux_and_on_windows(tmp_path, system):
    """Windows sends AltGr as Left Ctrl + Right Alt: « @ » is typed, nothing is undone."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "clavier.yaml").write_text(LESSON, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[folder], system=system) as p:
        p.click("guest")
        p.click("lesson:clavier-vrai")
        activity = p.app.screen.activity
        p.type("hélène@forêt.fr")
        assert activity.done and activity.misses == 0


SCROLL = """\
format: 1
id: molette
title: Molette
level: 1
intro: On fait défiler.
steps:
  - kind: scroll
    instruction: Faites défiler jusqu'au chat.
    find: Le chat
    find_at: 1
"""


def test_one_notch_of_the_wheel_scrolls_the_page_by_one_row(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "molette.yaml").write_text(SCROLL, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[folder]) as p:
        p.click("guest")
        p.click("lesson:molette")
        activity = p.app.screen.activity
        vx, vy, vw, vh = activity._viewport()
        p.wheel(1, (vx + vw / 2, vy + vh / 2))
        assert activity.details.wheel_notches == 1
        assert activity.offset == activity.WHEEL_ROWS
