"""Keyboard layouts (pure data) and the drawn keyboard."""
import itertools
import os

import pygame
import pytest

from trainer import keyboards
from trainer import i18n
from trainer.keyboards import KEY_NAMES, LAYOUTS, Press, compose, layout, scancode_to_key_id

AZERTY = LAYOUTS["azerty"]
QWERTY = LAYOUTS["qwerty"]
QWERTZ = LAYOUTS["qwertz"]


def test_keyboards_module_has_no_pygame():
    source = open(keyboards.__file__, encoding="utf-8").read()
    assert "import pygame" not in source and "from pygame" not in source


# --- AZERTY: every character a French lesson needs ---------------------------

FRENCH_ONE_PRESS = {
    # letters: the AZERTY positions
    "a": Press("KeyQ"), "z": Press("KeyW"), "q": Press("KeyA"), "w": Press("KeyZ"),
    "m": Press("Semicolon"), "e": Press("KeyE"), "y": Press("KeyY"),
    "A": Press("KeyQ", shift=True), "M": Press("Semicolon", shift=True), "W": Press("KeyZ", shift=True),
    # the number row: digits with Shift
    "é": Press("Digit2"), "è": Press("Digit7"), "à": Press("Digit0"), "ç": Press("Digit9"),
    "&": Press("Digit1"), '"': Press("Digit3"), "'": Press("Digit4"), "(": Press("Digit5"),
    "-": Press("Digit6"), "_": Press("Digit8"), ")": Press("Minus"), "=": Press("Equal"),
    "1": Press("Digit1", shift=True), "2": Press("Digit2", shift=True), "9": Press("Digit9", shift=True),
    "0": Press("Digit0", shift=True), "°": Press("Minus", shift=True), "+": Press("Equal", shift=True),
    # AltGr
    "@": Press("Digit0", altgr=True), "#": Press("Digit3", altgr=True), "{": Press("Digit4", altgr=True),
    "[": Press("Digit5", altgr=True), "|": Press("Digit6", altgr=True), "\\": Press("Digit8", altgr=True),
    "]": Press("Minus", altgr=True), "}": Press("Equal", altgr=True), "€": Press("KeyE", altgr=True),
    "^": Press("Digit9", altgr=True),
    # the right of the letters
    "ù": Press("Quote"), "%": Press("Quote", shift=True), "*": Press("Backslash"),
    "µ": Press("Backslash", shift=True), "$": Press("BracketRight"), "£": Press("BracketRight", shift=True),
    "<": Press("IntlBackslash"), ">": Press("IntlBackslash", shift=True),
    # the bottom row: , ; : ! and ? . / § with Shift
    ",": Press("KeyM"), "?": Press("KeyM", shift=True), ";": Press("Comma"), ".": Press("Comma", shift=True),
    ":": Press("Period"), "/": Press("Period", shift=True), "!": Press("Slash"), "§": Press("Slash", shift=True),
    " ": Press("Space"),
}


@pytest.mark.parametrize("ch, press", FRENCH_ONE_PRESS.items())
def test_azerty_one_press(ch, press):
    assert AZERTY.recipe(ch) == [press]


def test_azerty_every_letter_and_digit():
    for ch in "abcdefghijklmnopqrstuvwxyz":
        (press,) = AZERTY.recipe(ch)
        assert not press.shift and not press.altgr
        assert AZERTY.recipe(ch.upper()) == [Press(press.key, shift=True)]
    for ch in "0123456789":
        (press,) = AZERTY.recipe(ch)
        assert press.key == f"Digit{ch}" and press.shift


@pytest.mark.parametrize("ch, dead, letter", [
    ("ê", "BracketLeft", "KeyE"), ("â", "BracketLeft", "KeyQ"), ("î", "BracketLeft", "KeyI"),
    ("ô", "BracketLeft", "KeyO"), ("û", "BracketLeft", "KeyU"),
])
def test_azerty_circumflex_is_dead_key_then_letter(ch, dead, letter):
    assert AZERTY.recipe(ch) == [Press(dead), Press(letter)]
    assert AZERTY.recipe(ch.upper()) == [Press(dead), Press(letter, shift=True)]


@pytest.mark.parametrize("ch, letter", [("ë", "KeyE"), ("ï", "KeyI"), ("ü", "KeyU"), ("ä", "KeyQ")])
def test_azerty_diaeresis_is_shift_dead_key_then_letter(ch, letter):
    assert AZERTY.recipe(ch) == [Press("BracketLeft", shift=True), Press(letter)]
    assert AZERTY.recipe(ch.upper()) == [Press("BracketLeft", shift=True), Press(letter, shift=True)]


def test_azerty_capital_accents_with_caps_lock_on_linux_only():
    # É È À Ç Ù: Caps Lock, the key, Caps Lock on Linux; Windows types the digit with Caps Lock
    for ch, key in zip("ÉÈÀÇÙ", ("Digit2", "Digit7", "Digit0", "Digit9", "Quote")):
        assert AZERTY.recipe(ch, "linux") == [Press("CapsLock"), Press(key), Press("CapsLock")], ch
    # on Windows AltGr+è is a dead ` (Microsoft's kbdfr): È À Ù through it; É and Ç have no keys at all
    assert AZERTY.recipe("É", "windows") is None and AZERTY.recipe("Ç", "windows") is None
    for ch, letter in zip("ÈÀÙ", ("KeyE", "KeyQ", "KeyU")):
        assert AZERTY.recipe(ch, "windows") == [Press("Digit7", altgr=True), Press(letter, shift=True)], ch
    assert AZERTY.recipe("œ") is None  # the basic French layout has no œ
    assert AZERTY.recipe("«", "linux") == [Press("KeyW", altgr=True)]  # not printed: Linux only
    assert AZERTY.recipe("«", "windows") is None


def test_azerty_accents_alone_and_dead_keys():
    # Linux: Shift+^ then Space types " (X's Compose); the dead key twice types ¨ on both systems
    assert AZERTY.recipe("¨", "linux") == [Press("BracketLeft", shift=True), Press("BracketLeft", shift=True)]
    assert AZERTY.recipe("¨", "windows") == [Press("BracketLeft", shift=True), Press("Space")]
    assert AZERTY.key("BracketLeft").dead == frozenset({"base", "shift"})
    assert AZERTY.is_dead("BracketLeft", False, False) and AZERTY.is_dead("BracketLeft", True, False)
    assert not AZERTY.is_dead("Digit9", False, True)


def test_azerty_decomposed_input_is_normalised():
    assert AZERTY.recipe("e\u0302") == AZERTY.recipe("ê")


def test_recipes_for_newline_and_tab_and_unknown():
    assert AZERTY.recipe("\n") == [Press("Enter")]
    assert AZERTY.recipe("\t") == [Press("Tab")]
    assert AZERTY.recipe("€€") is None
    assert AZERTY.recipe("") is None
    assert AZERTY.recipe("ß") is None


def test_recipe_returns_a_fresh_list():
    first = AZERTY.recipe("ê")
    first.clear()
    assert len(AZERTY.recipe("ê")) == 2


# --- QWERTY and QWERTZ ----------------------------------------------------------

def test_at_sign_on_the_three_layouts():
    assert AZERTY.recipe("@") == [Press("Digit0", altgr=True)]
    assert QWERTY.recipe("@") == [Press("Digit2", shift=True)]
    assert QWERTZ.recipe("@") == [Press("KeyQ", altgr=True)]


def test_qwerty_us():
    assert QWERTY.recipe("a") == [Press("KeyA")]
    assert QWERTY.recipe("2") == [Press("Digit2")]
    assert QWERTY.recipe(".") == [Press("Period")]
    assert QWERTY.recipe(":") == [Press("Semicolon", shift=True)]
    assert QWERTY.recipe('"') == [Press("Quote", shift=True)]
    for ch in "éèàçùêëÉ€":
        assert QWERTY.recipe(ch) is None, ch
    assert QWERTY.key("IntlBackslash") is None  # ANSI keyboard
    assert QWERTY.key("AltRight").label == "Alt"


def test_qwertz_german():
    assert QWERTZ.recipe("z") == [Press("KeyY")]
    assert QWERTZ.recipe("y") == [Press("KeyZ")]
    assert QWERTZ.recipe("ä") == [Press("Quote")]
    assert QWERTZ.recipe("Ö") == [Press("Semicolon", shift=True)]
    assert QWERTZ.recipe("ü") == [Press("BracketLeft")]
    assert QWERTZ.recipe("ß") == [Press("Minus")]
    assert QWERTZ.recipe("é") == [Press("Equal"), Press("KeyE")]
    assert QWERTZ.recipe("É") == [Press("Equal"), Press("KeyE", shift=True)]
    assert QWERTZ.recipe("è") == [Press("Equal", shift=True), Press("KeyE")]
    assert QWERTZ.recipe("ê") == [Press("Backquote"), Press("KeyE")]
    assert QWERTZ.recipe("^") == [Press("Backquote"), Press("Space")]
    assert QWERTZ.recipe("€") == [Press("KeyE", altgr=True)]
    assert QWERTZ.recipe("-") == [Press("Slash")]
    assert QWERTZ.recipe("´", "linux") == [Press("Equal"), Press("Equal")]
    assert QWERTZ.recipe("ç", "linux") == [Press("Equal", altgr=True), Press("KeyC")]  # a dead cedilla, not printed
    assert QWERTZ.recipe("ç", "windows") is None


def test_layout_titles_and_names():
    assert set(LAYOUTS) == {"azerty", "azerty-be", "qwertz-ch", "qwerty-ca", "azerty-afnor", "qwerty", "qwertz"}
    for name, layout in LAYOUTS.items():
        assert layout.name == name
        assert layout.title


def test_every_named_key_exists_on_every_layout():
    for language in i18n.LANGUAGES:  # and is named in every language of the interface
        tr = i18n.translator(language)
        assert all(tr.has(f"key.{name}") for name in KEY_NAMES)
    for layout in LAYOUTS.values():
        for name, key_id in KEY_NAMES.items():
            assert layout.key(key_id) is not None, (layout.name, name)


def test_special_keys_have_french_labels_or_are_drawn():
    for layout in LAYOUTS.values():
        assert layout.key("Enter").label == "Entrée"
        assert layout.key("ShiftLeft").label == "Maj"
        assert layout.key("CapsLock").label == "Verr. Maj"
        assert layout.key("Backspace").label == "Retour arrière"
        assert layout.key("Escape").label == "Échap"
        assert layout.key("Delete").label == "Suppr"
        for arrow in ("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"):
            assert layout.key(arrow).label is None and layout.key(arrow).base is None


def test_special_keys_are_named_in_the_interface_language():
    english = layout("azerty", "en")
    assert (english.key("Enter").label, english.key("ShiftLeft").label, english.key("Backspace").label,
            english.key("Space").label) == ("Enter", "Shift", "Backspace", "Space")
    assert english.language == "en" and layout("azerty", "en") is english and layout("azerty") is LAYOUTS["azerty"]
    assert english.recipe("é") == LAYOUTS["azerty"].recipe("é")  # the same keys: only their names change


# --- char_for agrees with recipe --------------------------------------------------

def _all_chars(layout):
    for key in layout.keys():
        for ch in (key.base, key.shift, key.altgr):
            if ch:
                yield ch


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_char_for_matches_one_press_recipes(layout):
    chars = set(_all_chars(layout)) | set(FRENCH_ONE_PRESS) | set("abcdefghijklmnopqrstuvwxyz0123456789@")
    checked = 0
    for ch in chars:
        recipe = layout.recipe(ch)
        if recipe and len(recipe) == 1:
            (press,) = recipe
            assert layout.char_for(press.key, press.shift, press.altgr) == ch, (layout.name, ch, press)
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_printed_character_is_typeable(layout):
    for ch in _all_chars(layout):
        recipe = layout.recipe(ch)
        assert recipe, (layout.name, ch)
        last = recipe[-1]
        if len(recipe) == 2:  # a dead key then a letter or Space
            first = recipe[0]
            assert layout.is_dead(first.key, first.shift, first.altgr)
            accent = layout.char_for(first.key, first.shift, first.altgr)
            second = layout.char_for(last.key, last.shift, last.altgr)
            assert compose(accent, second) == ch


def test_char_for_special_keys_and_unknown():
    assert AZERTY.char_for("Enter", False, False) is None
    assert AZERTY.char_for("ShiftLeft", True, False) is None
    assert AZERTY.char_for("NoSuchKey", False, False) is None
    assert AZERTY.char_for("Space", False, False) == " "
    assert AZERTY.char_for("KeyQ", True, True) == "Æ"  # Shift+AltGr: not printed, typed on Linux
    assert AZERTY.char_for("KeyE", True, True) is None
    assert AZERTY.char_for("BracketLeft", False, False) == "^"  # a dead key gives its accent


# --- compose ---------------------------------------------------------------------

@pytest.mark.parametrize("dead, ch, out", [
    ("^", "e", "ê"), ("^", "E", "Ê"), ("^", "a", "â"), ("^", "o", "ô"), ("^", "u", "û"), ("^", "i", "î"),
    ("¨", "e", "ë"), ("¨", "i", "ï"), ("¨", "u", "ü"), ("¨", "y", "ÿ"), ("¨", "Y", "Ÿ"), ("¨", "E", "Ë"),
    ("´", "e", "é"), ("´", "E", "É"), ("`", "e", "è"), ("`", "a", "à"), ("`", "U", "Ù"),
    ("~", "n", "ñ"), ("~", "N", "Ñ"), ("~", "a", "ã"),
    ("^", " ", "^"), ("¨", " ", '"'), ("´", " ", "'"), ("¨", "¨", "¨"), ("´", "´", "´"), ("¸", "c", "ç"),
])
def test_compose(dead, ch, out):
    assert compose(dead, ch) == out


@pytest.mark.parametrize("dead, ch", [("^", "q"), ("¨", "b"), ("~", "b"), ("`", "z"), ("x", "e"), ("^", "")])
def test_compose_that_does_not_combine(dead, ch):
    assert compose(dead, ch) is None


@pytest.mark.parametrize("dead, ch, linux, windows", [
    ("^", "z", "ẑ", None), ("¨", "w", "ẅ", None), ("^", "1", "¹", None), ("~", "e", "ẽ", None),
    ("´", " ", "'", "´"), ("¨", " ", '"', "¨"), ("^", "e", "ê", "ê"), ("¨", "Y", "Ÿ", "Ÿ"),
])
def test_compose_is_the_system_s(dead, ch, linux, windows):
    """Linux composes what X's Compose table says (beyond Latin-1); Windows' dead keys
    the accented letters of Latin-1."""
    assert compose(dead, ch, "linux") == linux
    assert compose(dead, ch, "windows") == windows


def test_a_long_press_offers_french_letters_only():
    variants = AZERTY.variants("BracketLeft")  # ^ and ¨
    assert {"ê", "â", "ë", "ÿ", "Ÿ"} <= set(variants)
    assert not {"ẑ", "ŷ", "ĉ", "Ĉ"} & set(variants)
    assert "ẽ" not in AZERTY.variants("KeyE")


# --- scancodes ---------------------------------------------------------------------

@pytest.mark.parametrize("scancode, key_id", [
    (4, "KeyA"), (20, "KeyQ"), (29, "KeyZ"), (30, "Digit1"), (31, "Digit2"), (39, "Digit0"),
    (44, "Space"), (40, "Enter"), (42, "Backspace"), (43, "Tab"), (41, "Escape"),
    (225, "ShiftLeft"), (229, "ShiftRight"), (224, "ControlLeft"), (230, "AltRight"), (57, "CapsLock"),
    (47, "BracketLeft"), (52, "Quote"), (53, "Backquote"), (51, "Semicolon"), (54, "Comma"),
    (49, "Backslash"), (50, "Backslash"), (100, "IntlBackslash"),
    (76, "Delete"), (74, "Home"), (77, "End"),
    (79, "ArrowRight"), (80, "ArrowLeft"), (81, "ArrowDown"), (82, "ArrowUp"), (58, "F1"), (69, "F12"),
])
def test_scancode_to_key_id(scancode, key_id):
    assert scancode_to_key_id(scancode) == key_id


def test_scancodes_agree_with_pygame():
    assert scancode_to_key_id(pygame.KSCAN_A) == "KeyA"
    assert scancode_to_key_id(pygame.KSCAN_2) == "Digit2"
    assert scancode_to_key_id(pygame.KSCAN_NONUSBACKSLASH) == "IntlBackslash"
    assert scancode_to_key_id(pygame.KSCAN_GRAVE) == "Backquote"
    assert scancode_to_key_id(pygame.KSCAN_RALT) == "AltRight"
    assert scancode_to_key_id(pygame.KSCAN_KP_ENTER) == "NumpadEnter"
    assert scancode_to_key_id(0) is None
    assert scancode_to_key_id(9999) is None


def test_every_drawn_key_but_the_menu_has_a_scancode():
    ids = set(keyboards._SCANCODES.values())
    for layout in LAYOUTS.values():
        for key in layout.keys():
            assert key.id in ids, (layout.name, key.id)


# --- geometry ----------------------------------------------------------------------

RECTS = [(26, 400, 1228, 300), (38, 600, 1844, 454), (0, 0, 1280, 288), (0, 0, 400, 600)]


def _overlap(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
@pytest.mark.parametrize("rect", RECTS)
def test_geometry(layout, rect):
    geo = layout.geometry(rect)
    assert set(geo) == {key.id for key in layout.keys()}
    x, y, w, h = rect
    eps = 1e-6
    for key_id, (kx, ky, kw, kh) in geo.items():
        assert kw > 0 and kh > 0, key_id
        assert x - eps <= kx and kx + kw <= x + w + eps and y - eps <= ky and ky + kh <= y + h + eps, key_id
    for (a, ra), (b, rb) in itertools.combinations(geo.items(), 2):
        assert not _overlap(ra, rb), (a, b)
    # rows in order, top to bottom; keys in a row left to right
    tops = []
    for row in layout.rows:
        tops.append(min(geo[k.id][1] for k in row))
        lefts = [geo[k.id][0] for k in row]
        assert lefts == sorted(lefts)
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # keys as large as fits: the keyboard touches two opposite sides of rect
    bx, by, bw, bh = layout.bounds(rect)
    assert abs(bw - w) < 1e-6 or abs(bh - h) < 1e-6
    # centred
    assert abs((bx - x) - (x + w - bx - bw)) < 1e-6 and abs((by - y) - (y + h - by - bh)) < 1e-6


def test_geometry_is_like_a_real_keyboard():
    geo = AZERTY.geometry((0, 0, 1920, 430))
    letter = geo["KeyQ"]
    assert abs(letter[2] - letter[3]) < 1e-6  # square letter keys
    assert geo["Space"][2] > 5 * letter[2]
    # the rows are staggered: Q, A and Z do not start at the same place
    assert geo["KeyQ"][0] < geo["KeyA"][0] < geo["KeyZ"][0]
    # the ISO Enter spans two rows, the arrows are right of the letters
    assert geo["Enter"][3] > 1.8 * letter[3]
    assert geo["ArrowLeft"][0] > geo["ControlRight"][0] + geo["ControlRight"][2]
    assert geo["ArrowUp"][1] < geo["ArrowDown"][1]


# --- drawing ---------------------------------------------------------------------

@pytest.fixture
def screen():
    pygame.init()
    yield
    pygame.quit()
    from trainer.ui import keyboard_view, text
    keyboard_view.clear()
    text.clear()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_draw_runs_with_lit_and_flash(screen, size):
    from trainer.ui import keyboard_view
    from trainer.ui.theme import Theme
    theme = Theme.normal()
    surf = pygame.display.set_mode(size)
    w, h = size
    rect = (int(w * 0.02), int(h * 0.58), int(w * 0.96), int(h * 0.4))
    for layout in LAYOUTS.values():
        surf.fill(theme.background)
        keyboard_view.draw(surf, layout, rect, h, theme)
        keyboard_view.draw(surf, layout, rect, h, theme, lit={"Digit0": "next", "AltRight": "modifier"},
                           flash=("KeyQ", False))
        keyboard_view.draw(surf, layout, rect, h, theme,
                           lit={"BracketLeft": "dead", "KeyE": "next", "ShiftLeft": "modifier"},
                           flash=("Enter", True), pressed_modifiers=("ShiftLeft", "altgr"))
        # unknown keys and styles are ignored
        keyboard_view.draw(surf, layout, rect, h, theme, lit={"NoSuchKey": "next", "KeyA": "strange"},
                           flash=("NumpadEnter", False), pressed_modifiers=("nothing",))
    # the lit key is drawn in the primary colour, the wrong key never red
    geo = AZERTY.geometry(rect)
    keyboard_view.draw(surf, AZERTY, rect, h, theme, lit={"Digit0": "next"}, flash=("KeyQ", False))
    x, y, kw, kh = geo["Digit0"]
    assert surf.get_at((int(x + kw * 0.5), int(y + kh * 0.15)))[:3] == theme.primary
    x, y, kw, kh = geo["KeyQ"]
    r, g, b = surf.get_at((int(x + kw * 0.85), int(y + kh * 0.2)))[:3]
    assert r > 200 and g > 120 and b < 200


def test_draw_on_a_surface_with_alpha(screen):
    from trainer.ui import keyboard_view
    from trainer.ui.theme import Theme
    pygame.display.set_mode((320, 200))
    layer = pygame.Surface((800, 300), pygame.SRCALPHA)
    keyboard_view.draw(layer, QWERTZ, (0, 0, 800, 300), 600, Theme.normal(), lit={"KeyY": "next"})
    keyboard_view.draw(layer, QWERTZ, (0, 0, 800, 300), 600, Theme.high_contrast(), lit={"KeyY": "next"})


def test_screenshots(screen, tmp_path):
    """Screenshots of the drawn keyboards, to look at: set KEYBOARD_SCREENSHOTS=1
    to write them to /tmp (keyboard-azerty.png, keyboard-qwertz.png...)."""
    from trainer.ui import keyboard_view
    from trainer.ui.theme import Theme
    theme = Theme.normal()
    surf = pygame.display.set_mode((1920, 1080))
    folder = "/tmp" if os.environ.get("KEYBOARD_SCREENSHOTS") else str(tmp_path)
    rect = (38, 1080 - 454 - 22, 1844, 454)
    for layout in LAYOUTS.values():
        surf.fill(theme.background)
        keyboard_view.draw(surf, layout, rect, 1080, theme, lit={"Digit0": "next", "AltRight": "modifier"},
                           flash=("KeyQ", False))
        pygame.image.save(surf, os.path.join(folder, f"keyboard-{layout.name}.png"))
    assert os.path.getsize(os.path.join(folder, "keyboard-azerty.png")) > 1000


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_key_at(layout):
    rect = (20, 300, 1240, 400)
    geo = layout.geometry(rect)
    for key_id, (x, y, w, h) in geo.items():
        assert layout.key_at(rect, (x + w / 2, y + h / 2)) == key_id
        assert layout.key_at(rect, (x + 0.5, y + 0.5)) == key_id
    # the gap between two keys belongs to the nearer one
    q, w_ = geo["KeyQ"], geo["KeyW"]
    gap_left, gap_right = q[0] + q[2], w_[0]
    middle_y = q[1] + q[3] / 2
    assert layout.key_at(rect, (gap_left + 0.2 * (gap_right - gap_left), middle_y)) == "KeyQ"
    assert layout.key_at(rect, (gap_left + 0.8 * (gap_right - gap_left), middle_y)) == "KeyW"
    assert layout.key_at(rect, (rect[0] - 5, rect[1] - 5)) is None


def test_key_at_the_upper_part_of_the_iso_enter():
    rect = (0, 0, 1280, 300)
    geo = AZERTY.geometry(rect)
    right = geo["BracketRight"]
    enter = geo["Enter"]
    point = ((right[0] + right[2] + enter[0]) / 2 + 1, right[1] + right[3] / 2)
    assert AZERTY.key_at(rect, point) == "Enter"
    below = (point[0], geo["Backslash"][1] + geo["Backslash"][3] / 2)
    assert AZERTY.key_at(rect, below) == "Backslash"
