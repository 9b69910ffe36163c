"""The real keyboard layouts the pilot types with (trainer/xkb_layouts/*.json):
extracted from X's data by tools/xkb_layouts.py, and checked here against
that data (when x11-xkb-utils, xkb-data and Xvfb are installed) and against
what SDL itself reports under X (xdotool in Xvfb)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from trainer import xkb

from conftest import ROOT

TOOL = ROOT / "tools" / "xkb_layouts.py"
PROBE = ROOT / "tests" / "xkb_sdl_probe.py"
NAMES = ("fr", "be", "ch-fr", "ca", "fr-afnor", "us", "de")


def x_tools(*names) -> bool:
    return all(shutil.which(n) for n in names) and os.path.exists("/usr/include/X11/keysymdef.h") \
        and os.path.exists("/usr/share/X11/locale/en_US.UTF-8/Compose")


@pytest.mark.skipif(not x_tools("xkbcomp", "setxkbmap", "xvfb-run"),
                    reason="needs x11-xkb-utils, xkb-data, x11proto-dev, libx11-data and xvfb")
def test_the_layout_files_are_what_x_data_says(tmp_path):
    """Regenerate from X's keymaps and Compose file; the committed files must be the same."""
    run = subprocess.run(["xvfb-run", "-a", sys.executable, str(TOOL), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for name in (*NAMES, "compose"):  # compose.json: what the program's keyboards compose
        made = (tmp_path / f"{name}.json").read_text(encoding="utf-8")
        committed = (xkb.DATA / f"{name}.json").read_text(encoding="utf-8")
        assert made == committed, f"{name}: run `xvfb-run -a python tools/xkb_layouts.py`"


@pytest.mark.skipif(not x_tools("setxkbmap", "xvfb-run", "xdotool"), reason="needs Xvfb, xdotool, xkb-data")
@pytest.mark.parametrize("name", NAMES)
def test_sdl_under_x_reports_what_the_layout_files_say(name):
    """Every key of the files pressed in a real X server (Xvfb) with xdotool, alone,
    with Shift, with AltGr: pygame-ce reports the key code, scancode and text the
    pilot sends; a dead key then Space types what the Compose data says."""
    run = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 640x480x24 -noreset", sys.executable, str(PROBE), name],
                         capture_output=True, text=True, timeout=240,
                         env={**os.environ, "LC_ALL": "C.UTF-8", "SDL_VIDEODRIVER": "x11"})
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    board = xkb.layout(name)
    wrong = []
    for probe in seen["keys"]:
        key = board.keys[probe["name"]]
        keysym = dict(key.keysyms)[probe["combo"]]
        dead = keysym in board.dead
        want = {"key": key.key, "scancode": key.scancode,
                "text": None if dead else board.chars.get(keysym)}
        if probe["combo"] != "base" and want["text"] is None and not dead:
            continue  # (a modifier or a special key with Shift: nothing to say)
        got = {k: probe[k] for k in want}
        if got != want:
            wrong.append((probe["name"], probe["combo"], keysym, want, got))
    for probe in seen["caps"]:  # Caps Lock on: what the files say X makes of each key
        key = board.keys[probe["name"]]
        shift, altgr = "shift" in probe["combo"], "altgr" in probe["combo"]
        want = board.text(key, shift, altgr, caps=True)
        if probe["text"] != want:
            wrong.append((probe["name"], probe["combo"], "caps", want, probe["text"]))
    for probe in seen["dead"]:
        want = board.compose[probe["dead"]].get("space")
        if probe["text"] != want:
            wrong.append((probe["dead"], "space", want, probe["text"]))
    assert not wrong, wrong
    assert len(seen["keys"]) > 100 and len(seen["caps"]) > 40


# -- facts of the world the pilot relies on (TECH-NOTES.md), read from the files ---------

def strokes(name, text):
    return [(s.key.name, s.shift, s.altgr, s.text) for s in xkb.layout(name).type(text)]


def test_french_layout_facts():
    fr = xkb.layout("fr")
    # AltGr+é (~) and AltGr+è (`) type at once on Linux: not dead keys
    assert dict(fr.keys["AE02"].keysyms)["altgr"] == "asciitilde" and "asciitilde" not in fr.dead
    assert dict(fr.keys["AE07"].keysyms)["altgr"] == "grave" and "grave" not in fr.dead
    assert strokes("fr", "«»æ") == [("AD02", False, True, "«"), ("AB02", False, True, "»"),
                                     ("AD01", False, True, "æ")]
    # É = AltGr+, (dead acute) then Shift+E; Shift+^ then Space gives " (not ¨)
    assert strokes("fr", "É") == [("AB07", False, True, None), ("AD03", True, False, "É")]
    assert fr.compose["dead_diaeresis"]["space"] == '"' and fr.compose["dead_diaeresis"]["dead_diaeresis"] == "¨"
    assert strokes("fr", "ê") == [("AD11", False, False, None), ("AD03", False, False, "ê")]
    assert strokes("fr", "@") == [("AE10", False, True, "@")]
    with pytest.raises(xkb.Untypable, match="œ"):
        fr.strokes("œ")  # basic fr cannot type œ
    with pytest.raises(xkb.Untypable):
        fr.strokes("\u00a0")  # no keyboard types a non-breaking space with the space bar


def test_sdl_key_codes_follow_the_layout_and_the_number_row_is_digits():
    fr, us, de = (xkb.layout(n) for n in ("fr", "us", "de"))
    # the key at the US « A » position (scancode 4) reports a under fr, q under us and de
    at_us_a = {n: next(k for k in xkb.layout(n).keys.values() if k.scancode == 4) for n in NAMES}
    assert {n: chr(k.key) for n, k in at_us_a.items()} == {"fr": "q", "be": "q", "fr-afnor": "q", "ch-fr": "a",
                                                           "ca": "a", "us": "a", "de": "a"}
    assert fr.letter("a").scancode == 20 and fr.letter("a").key == ord("a")  # AZERTY a: SCANCODE_Q
    assert fr.letter("z").scancode == 26 and de.letter("z").scancode == 28  # Z: the W key; QWERTZ: the Y key
    assert fr.keys["AE02"].key == ord("2") and fr.keys["AE10"].key == ord("0")  # « é » and « à » keys
    assert fr.keys["AD11"].key == 1 << 30  # a dead key: SDLK_SCANCODE_MASK | SDL_SCANCODE_UNKNOWN
    assert fr.keys["AC11"].key == ord("ù") and de.keys["AE11"].key == ord("ß")
    assert fr.named("enter").key == 13 and fr.named("altgr").scancode == 230
    assert not us.altgr and "LSGT" not in us.keys  # a US keyboard has no key left of Z, and no AltGr
    with pytest.raises(xkb.Untypable):
        us.strokes("é")


def test_the_program_names_of_the_drawn_keyboards_name_real_layouts():
    assert xkb.layout("azerty") is xkb.layout("fr")
    assert xkb.layout("qwertz").name == "de" and xkb.layout("qwerty").name == "us"
    with pytest.raises(ValueError):
        xkb.layout("dvorak")
