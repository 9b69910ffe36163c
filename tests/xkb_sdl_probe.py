"""Press every key of a layout file in a real X server and say what pygame-ce reports.

Run by tests/test_xkb_layouts.py under ``xvfb-run -a -s "... -noreset"`` (without
-noreset, setxkbmap is silently undone): sets the layout, opens a pygame
window, presses each key of trainer/xkb_layouts/<name>.json alone, with Shift,
AltGr and both (xdotool, by X keycode), and prints one JSON line: for each
press the KEYDOWN's key and scancode and the TEXTINPUT text; for each dead key,
the text it types before a Space.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

os.environ.setdefault("SDL_VIDEODRIVER", "x11")
os.environ["SDL_VIDEO_WINDOW_POS"] = "0,0"

import pygame  # noqa: E402

from trainer import xkb  # noqa: E402

MODIFIER_KEYS = {"LFSH", "RTSH", "LCTL", "RCTL", "LALT", "RALT", "LWIN", "RWIN", "CAPS", "COMP"}


def main(name: str) -> None:
    board = xkb.layout(name)
    data = json.loads((xkb.DATA / f"{name}.json").read_text(encoding="utf-8"))
    subprocess.run(["setxkbmap", "-model", data["xkb"]["model"], "-layout", data["xkb"]["layout"],
                    "-variant", data["xkb"].get("variant", "")], check=True)
    pygame.display.init()
    pygame.display.set_mode((320, 240))
    pygame.key.start_text_input()
    subprocess.run(["xdotool", "mousemove", "100", "100"], check=True)  # focus follows the pointer (no WM)
    settle(0.3)
    shift, altgr = board.keys["LFSH"].keycode, board.keys["RALT"].keycode
    keys, dead = [], []
    for key in board.keys.values():
        if key.name in MODIFIER_KEYS or key.keycode < 10:  # (xdotool reads "9" as a keysym)
            continue
        for combo, keysym in key.keysyms:
            mods = [shift] * ("shift" in combo) + [altgr] * ("altgr" in combo)
            got = press(key, mods)
            keys.append({"name": key.name, "combo": combo, **got})
            if keysym in board.dead:
                press(board.keys["SPCE"], [])  # the accent alone: clears the pending dead key
    for keysym in sorted(board.compose):
        first = next(s for s in board._presses if s[2] == keysym)[1]
        press(first.key, [shift] * first.shift + [altgr] * first.altgr)
        got = press(board.keys["SPCE"], [])
        dead.append({"dead": keysym, "text": got["text"]})
    # Caps Lock on: every key that types a character, alone, with Shift and with AltGr
    caps = []
    subprocess.run(["xdotool", "key", str(board.keys["CAPS"].keycode)], check=True)
    settle(0.05)
    for key in board.keys.values():
        if key.name in MODIFIER_KEYS or key.keycode < 10:
            continue
        for combo, keysym in key.keysyms:
            if keysym in board.dead or board.chars.get(keysym) is None or (combo == "shift+altgr" and "caps" not in
                                                                            board.raw[key.name]):
                continue
            mods = [shift] * ("shift" in combo) + [altgr] * ("altgr" in combo)
            got = press(key, mods)
            caps.append({"name": key.name, "combo": combo, "text": got["text"]})
    subprocess.run(["xdotool", "key", str(board.keys["CAPS"].keycode)], check=True)
    print(json.dumps({"layout": name, "keys": keys, "dead": dead, "caps": caps}, ensure_ascii=False))


def press(key, mods) -> dict:
    args = ["xdotool"] + [a for m in mods for a in ("keydown", str(m))] + ["key", str(key.keycode)] + \
        [a for m in reversed(mods) for a in ("keyup", str(m))]
    subprocess.run(args, check=True)
    got = {"key": None, "scancode": None, "text": None}
    deadline = time.monotonic() + 2.0
    released = False
    while time.monotonic() < deadline and not released:
        for e in pygame.event.get():
            if e.type == pygame.KEYDOWN and e.scancode == key.scancode:
                got["key"], got["scancode"] = e.key, e.scancode
            elif e.type == pygame.TEXTINPUT:
                got["text"] = (got["text"] or "") + e.text
            elif e.type == pygame.KEYUP and e.scancode == key.scancode:
                released = True
        time.sleep(0.005)
    settle(0.02)
    for e in pygame.event.get():
        if e.type == pygame.TEXTINPUT:
            got["text"] = (got["text"] or "") + e.text
    return got


def settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pygame.event.pump()
        time.sleep(0.01)


if __name__ == "__main__":
    main(sys.argv[1])
