"""Dead keys compose what the system composes: the program's compositions
(trainer.keyboards.compose, from trainer/xkb_layouts/compose.json) against X's
own Compose file, read here directly (libx11-data, installed by .ci/run), for
every dead key of every drawn keyboard, at its real position, and every
character the real layout types (every key, every level, Caps Lock on and
off), Space, and the same dead key again.  So the model cannot drift from X."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainer import keyboards, xkb
from trainer.keyboards import LAYOUTS

COMPOSE = Path("/usr/share/X11/locale/en_US.UTF-8/Compose")
LEVEL_COMBO = {"base": "base", "shift": "shift", "altgr": "altgr", "shift_altgr": "shift+altgr"}

needs_x = pytest.mark.skipif(not COMPOSE.exists(), reason="needs X's Compose file (libx11-data)")


def x_pairs() -> dict[tuple[str, str], str]:
    """(first keysym, second keysym) -> text, the sequences of two keys of X's file."""
    pairs = {}
    line_re = re.compile(r'^\s*<(\w+)>\s+<(\w+)>\s*:\s*"((?:[^"\\]|\\.)*)"')
    for line in COMPOSE.read_text(encoding="utf-8").splitlines():
        m = line_re.match(line)
        if m:  # the first definition wins, as in Xlib
            pairs.setdefault((m[1], m[2]), re.sub(r"\\(.)", r"\1", m[3]))
    return pairs


def real_key(board: xkb.Layout, key_id: str) -> xkb.Key:
    found = [k for k in board.keys.values() if keyboards.scancode_to_key_id(k.scancode) == key_id]
    assert found, key_id
    return found[0]


def typed_keysyms(board: xkb.Layout):
    """Every (keysym, character) the real layout types without a dead key."""
    seen = {}
    for key in board.keys.values():
        for _, keysym in key.keysyms + key.caps:
            ch = board.chars.get(keysym)
            if keysym not in board.dead and ch is not None and ch.isprintable():
                seen[keysym] = ch
    return seen


@needs_x
@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_dead_key_composes_what_x_composes(name):
    model, board, pairs = LAYOUTS[name], xkb.layout(name), x_pairs()
    typed = typed_keysyms(board)
    wrong, checked = [], 0
    for key in model.keys():
        for level in keyboards.LEVELS:
            if key.base is None or not key.is_dead(level):
                continue
            accent = key.at(level)
            dead = dict(real_key(board, key.id).keysyms)[LEVEL_COMBO[level]]
            assert dead.startswith("dead_"), (key.id, level, dead)
            seconds = [(keysym, ch, False) for keysym, ch in typed.items()] + [("space", " ", False),
                                                                              (dead, accent, True)]
            for keysym, ch, twice in seconds:
                want = pairs.get((dead, keysym))
                got = keyboards.compose(accent, ch, "linux", twice=twice)
                checked += 1
                if got != want:
                    wrong.append((key.id, level, dead, keysym, want, got))
    assert not wrong, f"{name}: the program composes otherwise than X: {wrong[:20]}"
    if name == "qwerty":  # the US layout has no dead key
        assert checked == 0 and not board.dead
    else:
        assert checked > 100


@needs_x
def test_the_compositions_the_issue_named():
    pairs = x_pairs()
    assert pairs[("dead_circumflex", "z")] == "ẑ" == keyboards.compose("^", "z")
    assert pairs[("dead_diaeresis", "w")] == "ẅ" == keyboards.compose("¨", "w")
    # a sequence X does not know types nothing under X: the program says so (None)
    assert ("dead_circumflex", "q") not in pairs and keyboards.compose("^", "q") is None


def test_the_shipped_table_is_all_the_program_reads():
    """No run-time dependency on /usr/share: the table comes with the program."""
    table = keyboards.compose_table()
    assert {"^", "¨", "´", "`", "~", "¸"} <= set(table)
    for accent in table:
        assert keyboards.compose(accent, accent) == accent  # the dead key twice gives the accent
    # ^ then the ^ of AltGr+ç (AZERTY): X types nothing
    assert keyboards.compose("^", "^", twice=False) is None
