"""The drawn keyboards (trainer/keyboards.py, written by hand from the keycaps)
against the real layouts (trainer/xkb_layouts/*.json, extracted from X's own
keymaps by tools/xkb_layouts.py and checked against X by test_xkb_layouts.py):
every printed legend is what the key types under X at that level, every
recipe the program lights types its character under X, and every character
of a French text that X can type has a recipe.  So the model cannot drift."""
from __future__ import annotations

import pytest

from trainer import keyboards, xkb
from trainer.keyboards import CAPS, LAYOUTS

SCANCODE_OF = {}
for code in range(0, 256):
    key_id = keyboards.scancode_to_key_id(code)
    if key_id is not None and code != 50:  # 50 ("non-US #") and 49 are the same position
        SCANCODE_OF.setdefault(key_id, code)

LEVEL_COMBO = {"base": "base", "shift": "shift", "altgr": "altgr", "shift_altgr": "shift+altgr"}

#: every character a French text uses
FRENCH = ("abcdefghijklmnopqrstuvwxyz" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "0123456789"
          "àâäçéèêëîïôöùûüÿæœ" "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
          " .,;:!?'\"«»“”’‘()[]{}-–—…/\\@&%€$£#*+=°§_<>|~^¨´`")


def x_key(board: xkb.Layout, key_id: str) -> xkb.Key | None:
    code = SCANCODE_OF.get(key_id)
    found = [k for k in board.keys.values() if k.scancode == code]
    return found[0] if found else None


def accent_of(board: xkb.Layout, keysym: str) -> str | None:
    """The accent a dead keysym stands for: what it types pressed twice."""
    return board.compose.get(keysym, {}).get(keysym)


def x_level(board, key, level):
    """(character or accent, dead?) the real key gives at this level."""
    keysym = dict(key.keysyms).get(LEVEL_COMBO[level])
    if keysym is None:
        return None, False
    if keysym in board.dead:
        return accent_of(board, keysym), True
    return board.chars.get(keysym), False


def play(board: xkb.Layout, presses) -> str:
    """What X types for these presses of the drawn keyboard (Caps Lock and dead keys included)."""
    caps, dead, out = False, None, ""
    for press in presses:
        if press.key == CAPS:
            caps = not caps
            continue
        key = x_key(board, press.key)
        assert key is not None, press
        keysym = board.keysym(key, press.shift, press.altgr, caps)
        if keysym in board.dead:
            if dead is not None:
                out += board.compose.get(dead, {}).get(keysym, "")
                dead = None
            else:
                dead = keysym
            continue
        out += board.text(key, press.shift, press.altgr, caps, dead) or ""
        dead = None
    return out


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_printed_legend_is_what_the_real_key_types(name):
    model, board = LAYOUTS[name], xkb.layout(name)
    wrong = []
    for key in model.keys():
        if key.base is None or key.id == "Space":
            continue
        real = x_key(board, key.id)
        assert real is not None, f"{name}: {key.id} is drawn but the real keyboard has no such key"
        for level in keyboards.LEVELS:
            drawn = getattr(key, level)
            if drawn is None:
                continue
            want = (drawn, key.is_dead(level))
            got = x_level(board, real, level)
            if got != want:
                wrong.append((key.id, level, want, got))
        for level, ch, dead in key.hidden:
            if x_level(board, real, level) != (ch, dead):
                wrong.append((key.id, level, "hidden", (ch, dead), x_level(board, real, level)))
    assert not wrong, wrong


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_the_drawn_keyboard_has_the_real_keys(name):
    model, board = LAYOUTS[name], xkb.layout(name)
    drawn = {k.id for k in model.keys() if k.base is not None and k.id != "Space"}
    real = {keyboards.scancode_to_key_id(k.scancode) for k in board.keys.values()
            if k.keysyms and board.chars.get(k.keysyms[0][1]) is not None or
            (k.keysyms and k.keysyms[0][1] in board.dead)}
    real -= {"Space", None}
    real = {r for r in real if not r.startswith("Numpad")}
    assert drawn == real
    assert (model.key("AltRight").label in ("AltGr", "AltCar")) == board.altgr


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_recipe_types_its_character_under_x_and_none_is_missing(name):
    model, board = LAYOUTS[name], xkb.layout(name)
    wrong, missing, extra = [], [], []
    for ch in FRENCH:
        recipe = model.recipe(ch, system="linux")
        try:
            board.strokes(ch)
            typable = True
        except xkb.Untypable:
            typable = False
        if recipe is None:
            if typable:
                missing.append(ch)
            continue
        if not typable:
            extra.append(ch)
        got = play(board, recipe)
        if got != ch:
            wrong.append((ch, recipe, got))
    assert not wrong, wrong
    assert not missing, f"{name}: X types these, the drawn keyboard has no recipe: {''.join(missing)}"
    assert not extra, extra


def test_the_recipes_the_issue_named():
    fr, de = LAYOUTS["azerty"], LAYOUTS["qwertz"]
    # ¨ on AZERTY: Shift+^ twice (Shift+^ then Space gives " on X); ´ on QWERTZ: ´ twice
    assert play(xkb.layout("fr"), fr.recipe("¨", "linux")) == "¨"
    assert fr.recipe("¨", "linux")[0] == fr.recipe("¨", "linux")[1] == keyboards.Press("BracketLeft", shift=True)
    assert play(xkb.layout("de"), de.recipe("´", "linux")) == "´"
    # Caps Lock, é, Caps Lock for É on AZERTY; Shift+AltGr+é on AFNOR
    assert fr.recipe("É", "linux") == [keyboards.Press(CAPS), keyboards.Press("Digit2"), keyboards.Press(CAPS)]
    assert LAYOUTS["azerty-afnor"].recipe("É", "linux") == [keyboards.Press("Digit2", shift=True, altgr=True)]
    # Swiss French: é è à are plain keys; Belgian: ! is alone on the 8 key
    assert [LAYOUTS["qwertz-ch"].recipe(c) for c in "éèà"] == [[keyboards.Press(k)] for k in
                                                              ("Semicolon", "BracketLeft", "Quote")]
    assert LAYOUTS["azerty-be"].recipe("!") == [keyboards.Press("Digit8")]


def test_windows_recipes_use_only_what_windows_types():
    fr = LAYOUTS["azerty"]
    assert fr.recipe("É", "windows") is None and fr.recipe("«", "windows") is None
    assert fr.recipe("¨", "windows") == [keyboards.Press("BracketLeft", shift=True), keyboards.Press("Space")]
    assert fr.recipe("ê", "windows") == fr.recipe("ê", "linux")
