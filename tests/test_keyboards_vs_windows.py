"""The drawn keyboards' Windows recipes against what Windows itself types.

tests/data/windows_layouts.json is a capture made on Windows (Microsoft's
native-keymap, published in VS Code's source, MIT licence; see the file): for
the French (kbdfr), Belgian (kbdbe), US (kbdus), German (kbdgr) and Swiss
German (kbdsg) layouts, what each key types alone, with Shift, AltGr and
Shift+AltGr.  Checked here: every legend the program draws is what the key
types on Windows, every Windows recipe types its character there, and every
character of a French text that one Windows key types has a recipe.

Not in that data, and so NOT verified (documented values, see
trainer/keyboards.py): which keys are dead on Windows (_WINDOWS_DEAD), what the
dead keys compose on Windows (keyboards.compose(..., "windows")), Caps Lock on
Windows (no recipe uses it there), and the Swiss French (kbdsf), Canadian
French (kbdca) and AZERTY AFNOR (kbdfrna) layouts as a whole: kbdsf is compared
with kbdsg except the three keys whose letters are exchanged (è/ü, é/ö, à/ä).
"""
from __future__ import annotations

import json

import pytest

from trainer import keyboards
from trainer.keyboards import CAPS, LAYOUTS

from conftest import ROOT

DATA = json.loads((ROOT / "tests" / "data" / "windows_layouts.json").read_text(encoding="utf-8"))
LEVELS = DATA["levels"]
# the program's layout -> the Windows capture it is compared with, and the keys left out
COMPARED = {"azerty": ("azerty", ()), "azerty-be": ("azerty-be", ()), "qwerty": ("qwerty", ()),
            "qwertz": ("qwertz", ()),
            # Swiss French = Swiss German with the letters of three keys exchanged (Microsoft's kbdsf/kbdsg)
            "qwertz-ch": ("swiss-german", ("BracketLeft", "Semicolon", "Quote"))}
FRENCH = ("abcdefghijklmnopqrstuvwxyz" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "0123456789"
          "àâäçéèêëîïôöùûüÿæœ" "ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
          " .,;:!?'\"«»“”’‘()[]{}-–—…/\\@&%€$£#*+=°§_<>|~^¨´`")


def windows_char(name: str, key_id: str, level: str) -> str | None:
    win, left_out = COMPARED[name]
    assert key_id not in left_out, key_id
    found = DATA["layouts"][win]["keys"].get(key_id)
    if found is None:
        return None
    return found[LEVELS.index(level)] or None


def level_of(press) -> str:
    return ("shift_altgr" if press.shift else "altgr") if press.altgr else ("shift" if press.shift else "base")


@pytest.mark.parametrize("name", list(COMPARED))
def test_every_drawn_legend_is_what_windows_types(name):
    model, (_, left_out) = LAYOUTS[name], COMPARED[name]
    wrong = []
    for key in model.keys():
        if key.base is None or key.id in left_out:
            continue
        for level in keyboards.LEVELS:
            drawn = getattr(key, level)
            if drawn is not None and windows_char(name, key.id, level) != drawn:
                wrong.append((key.id, level, drawn, windows_char(name, key.id, level)))
    assert not wrong, wrong


@pytest.mark.parametrize("name", list(COMPARED))
def test_every_windows_recipe_types_its_character_on_windows(name):
    model, (_, left_out) = LAYOUTS[name], COMPARED[name]
    wrong = []
    for ch in FRENCH:
        recipe = model.recipe(ch, "windows")
        if recipe is None or any(p.key in left_out for p in recipe):
            continue
        assert all(p.key != CAPS for p in recipe), (ch, recipe)  # no Caps Lock recipe on Windows
        typed = [windows_char(name, p.key, level_of(p)) if p.key != "Space" else " " for p in recipe]
        if len(recipe) == 1:
            ok = typed == [ch]
        else:  # a dead key (its accent, from the data), then Space or a letter: the composition is the model's
            first = recipe[0]
            accent = model.char_for(first.key, first.shift, first.altgr)
            ok = (len(recipe) == 2 and model.is_dead(first.key, first.shift, first.altgr, "windows")
                  and typed[0] == accent
                  and (typed[1] == " " and ch == accent or keyboards.compose(accent, typed[1], "windows") == ch
                       or typed[1] == accent == ch))
        if not ok:
            wrong.append((ch, recipe, typed))
    assert not wrong, wrong


@pytest.mark.parametrize("name", list(COMPARED))
def test_every_character_one_windows_key_types_has_a_recipe(name):
    model, (win, left_out) = LAYOUTS[name], COMPARED[name]
    missing = []
    for key_id, chars in DATA["layouts"][win]["keys"].items():
        if key_id in left_out or key_id == "Space":
            continue
        for level, ch in zip(LEVELS, chars):
            if ch and ch in FRENCH and model.recipe(ch, "windows") is None:
                missing.append((key_id, level, ch))
    assert not missing, f"{name}: Windows types these with one key, the program has no Windows recipe: {missing}"


def test_what_the_issue_named_on_windows():
    fr = LAYOUTS["azerty"]
    # no « É » (Caps Lock + é gives 2 on Windows), no « » on AltGr: the long press or « Passer ce signe »
    assert fr.recipe("É", "windows") is None and fr.recipe("«", "windows") is None
    assert windows_char("azerty", "KeyW", "altgr") is None and windows_char("azerty", "KeyX", "altgr") is None
    # AltGr+é is ~ on Windows too (a dead key there, by Microsoft's documentation: not in the data)
    assert windows_char("azerty", "Digit2", "altgr") == "~"
    assert fr.recipe("~", "windows") == [keyboards.Press("Digit2", altgr=True), keyboards.Press("Space")]
