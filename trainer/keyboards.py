"""Keyboard layouts as plain data: which physical key types which character.

No pygame here: the keyboard step kinds use this to know which keys to light
("press ^ then e to type ê"), the on-screen keyboard (:mod:`trainer.ui.keyboard_view`)
draws it, and taps on the drawn keyboard are turned into characters.

Keys are named by their physical position, like the web's ``KeyboardEvent.code``
(``"KeyQ"`` is the key that types "a" on AZERTY).  Each layout describes what
the printed keycaps say on a standard PC keyboard of that country:

- AZERTY: the French layout of Windows and Linux ("fr").  AltGr characters are
  those printed on French keycaps (digit row, € on E, ¤ on $).  AltGr+é (~)
  and AltGr+è (`) type the character at once as on Linux; Windows makes them
  dead keys (the character appears with the next key).  So no recipe relies
  on them as dead keys: it would work on one system only.
- QWERTY: the US layout (ANSI keyboard: no key between left Shift and W, a
  long Backslash key above a wide Enter).  Right Alt is a plain Alt.
- QWERTZ: the German layout ("de"), with ^, ´ and ` as dead keys.

Capital accented letters: É È À Ç Ù have no key on a standard French AZERTY
keyboard (Caps Lock gives them on Linux but digits on Windows; AltGr+è then
a capital gives È À Ù on Windows only), so
``recipe()`` returns None for them; Ê Â Î Ô Û Ë Ï are typed with the dead key
then Shift and the letter.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import i18n

LEVELS = ("base", "shift", "altgr")


@dataclass(frozen=True)
class Key:
    """One physical key and what is printed on it."""

    id: str  # physical position, like KeyboardEvent.code: "KeyQ", "Digit2", "Enter"...
    width: float = 1.0  # in key units (a letter key = 1.0)
    base: str | None = None  # typed alone
    shift: str | None = None  # typed with Shift
    altgr: str | None = None  # typed with AltGr
    label: str | None = None  # what is written on a special key ("Entrée", "Maj"...), in the layout's language
    dead: frozenset = frozenset()  # which of "base", "shift", "altgr" are dead keys
    gap: float = 0.0  # empty space before the key, in key units (blocks, function keys)
    height: float = 1.0  # in key units: 2.0 for the tall Enter of ISO keyboards, 0.55 for function keys

    @property
    def printable(self) -> bool:
        return self.base is not None


@dataclass(frozen=True)
class Press:
    """One key press, with the modifiers held while pressing it."""

    key: str  # Key.id
    shift: bool = False
    altgr: bool = False


PAD = 0.12  # margin around the keys, in key units (the keyboard's case)
GAP = 0.1  # space between two keys, in key units
ROW_GAP = 0.15  # extra space under the function row, in key units


@dataclass(frozen=True)
class Layout:
    name: str  # "azerty" | "qwerty" | "qwertz"
    title: str  # French, for the facilitator's settings
    rows: tuple  # tuple of tuples of Key, top to bottom
    language: str = "fr"  # of the names written on the special keys
    _index: dict = field(init=False, repr=False, compare=False, hash=False)
    _recipes: dict = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        index = {}
        for row in self.rows:
            for key in row:
                if key.id in index:
                    raise ValueError(f"{self.name}: key {key.id} twice")
                index[key.id] = key
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_recipes", {})

    # --- what the keys type ---------------------------------------------

    def key(self, key_id: str) -> Key | None:
        return self._index.get(key_id)

    def keys(self):
        """Every key, row after row."""
        return (key for row in self.rows for key in row)

    def char_for(self, key_id: str, shift: bool, altgr: bool) -> str | None:
        """What a key gives with these modifiers (a dead key gives its accent);
        None for special keys and empty positions."""
        key = self._index.get(key_id)
        if key is None or key.base is None:
            return None
        if altgr:
            return None if shift else key.altgr
        return key.shift if shift else key.base

    def is_dead(self, key_id: str, shift: bool, altgr: bool) -> bool:
        key = self._index.get(key_id)
        return key is not None and _level(shift, altgr) in key.dead

    def recipe(self, ch: str) -> list[Press] | None:
        """The presses that type ``ch`` here, in order (a dead key is its own
        press); None when this layout cannot type it."""
        if ch not in self._recipes:
            self._recipes[ch] = self._find_recipe(ch)
        found = self._recipes[ch]
        return list(found) if found is not None else None

    def _find_recipe(self, ch: str) -> tuple | None:
        if ch == "\n":
            return (Press("Enter"),) if "Enter" in self._index else None
        if ch == "\t":
            return (Press("Tab"),) if "Tab" in self._index else None
        ch = unicodedata.normalize("NFC", ch)
        if len(ch) != 1:
            return None
        direct = self._direct(ch)
        if direct is not None:
            return (direct,)
        # a dead key, then a character (a letter, or Space for the accent alone)
        for key in self.keys():
            for level in LEVELS:
                if level not in key.dead:
                    continue
                accent = getattr(key, level)
                for second in _candidates(accent, ch):
                    press = self._direct(second)
                    if press is not None:
                        return (Press(key.id, level == "shift", level == "altgr"), press)
        return None

    def _direct(self, ch: str) -> Press | None:
        """One press without a dead key, the fewest modifiers first."""
        for level in LEVELS:
            for key in self.keys():
                if getattr(key, level) == ch and level not in key.dead:
                    return Press(key.id, level == "shift", level == "altgr")
        return None

    # --- where the keys are ------------------------------------------------

    def size(self) -> tuple[float, float]:
        """Width and height of the whole keyboard (case included), in key units."""
        width = max(sum(k.gap + k.width for k in row) for row in self.rows)
        height = sum(_row_height(row) for row in self.rows)
        if self._function_row():
            height += ROW_GAP
        return width + 2 * PAD, height + 2 * PAD

    def _function_row(self) -> bool:
        return bool(self.rows) and any(k.id == "Escape" for k in self.rows[0]) and len(self.rows) > 1

    def metrics(self, rect) -> tuple[float, float, float]:
        """(key unit in pixels, left, top) of the keyboard centred in ``rect``."""
        x, y, w, h = rect
        total_w, total_h = self.size()
        u = max(0.0, min(w / total_w, h / total_h))
        return u, x + (w - total_w * u) / 2, y + (h - total_h * u) / 2

    def bounds(self, rect) -> tuple[float, float, float, float]:
        """The keyboard's case inside ``rect``: keys plus a small margin."""
        u, left, top = self.metrics(rect)
        total_w, total_h = self.size()
        return left, top, total_w * u, total_h * u

    def geometry(self, rect) -> dict[str, tuple[float, float, float, float]]:
        """Where each key is drawn inside ``rect`` = (x, y, w, h), in pixels."""
        u, left, top = self.metrics(rect)
        g = GAP * u
        out = {}
        y = PAD
        for i, row in enumerate(self.rows):
            x = PAD
            for key in row:
                x += key.gap
                out[key.id] = (left + x * u + g / 2, top + y * u + g / 2,
                               key.width * u - g, key.height * u - g)
                x += key.width
            y += _row_height(row)
            if i == 0 and self._function_row():
                y += ROW_GAP
        return out


    def key_at(self, rect, pos) -> str | None:
        """The key under ``pos`` on the keyboard drawn in ``rect``: a tap in the
        gap between two keys counts for the nearer one, a tap on the upper part
        of a tall Enter for Enter."""
        u, _, _ = self.metrics(rect)
        geo = self.geometry(rect)
        half = GAP * u / 2
        px, py = pos
        for row in self.rows:
            for i, key in enumerate(row):
                x, y, w, h = geo[key.id]
                if x - half <= px < x + w + half and y - half <= py < y + h + half:
                    return key.id
                if key.height > 1.5 and i > 0:  # the ISO Enter's upper part, left of its stem
                    lx, ly, lw, lh = geo[row[i - 1].id]
                    if lx + lw + half <= px < x and ly - half <= py < ly + lh + half:
                        return key.id
        return None


def _row_height(row) -> float:
    return min(k.height for k in row)


def _level(shift: bool, altgr: bool) -> str:
    return "altgr" if altgr else ("shift" if shift else "base")


# --- dead keys -----------------------------------------------------------

_COMBINING = {
    "^": "\u0302",
    "¨": "\u0308",
    "´": "\u0301",
    "`": "\u0300",
    "~": "\u0303",
}
_EXTRA = {"Ÿ"}  # outside Latin-1 but composed by Windows and Linux alike


def compose(dead: str, ch: str) -> str | None:
    """What a dead key followed by ``ch`` types: "^" + "e" = "ê"; the accent
    alone after a space; None when they do not combine (a real keyboard then
    types both characters)."""
    mark = _COMBINING.get(dead)
    if mark is None or len(ch) != 1:
        return None
    if ch == " ":
        return dead
    out = unicodedata.normalize("NFC", ch + mark)
    if len(out) != 1 or not (0xC0 <= ord(out) <= 0xFF or out in _EXTRA):
        return None
    return out


def _candidates(accent: str | None, ch: str):
    """The characters that, after the dead key ``accent``, give ``ch``."""
    if accent is None:
        return
    if ch == accent:
        yield " "
        return
    base = unicodedata.normalize("NFD", ch)
    if len(base) == 2 and compose(accent, base[0]) == ch:
        yield base[0]


# --- the three layouts ---------------------------------------------------

def _special(key_id, width=1.0, label=None, **kw) -> Key:
    return Key(key_id, width, label=label, **kw)


_DIGITS = ["Digit1", "Digit2", "Digit3", "Digit4", "Digit5",
           "Digit6", "Digit7", "Digit8", "Digit9", "Digit0"]
_ROW_TOP = ["Backquote", *_DIGITS, "Minus", "Equal"]
_ROW_Q = ["KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP",
          "BracketLeft", "BracketRight"]
_ROW_A = ["KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK", "KeyL",
          "Semicolon", "Quote"]
_ROW_Z = ["KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN", "KeyM", "Comma", "Period", "Slash"]


def _build(name: str, title: str, chars: dict, iso: bool, altgr_label: str, language: str = "fr") -> Layout:
    """The rows of a 105-key (ISO) or 104-key (ANSI) PC keyboard, printed with ``chars``:
    key id -> (base, shift, altgr, dead levels); special keys named in ``language``."""
    tr = i18n.translator(language)
    cap = {k: tr.t(f"keycap.{k}") for k in ("escape", "backspace", "insert", "home", "page_up", "delete", "end",
                                             "page_down", "enter", "caps_lock", "shift", "space")}

    def ch(key_id, width=1.0, gap=0.0):
        spec = tuple(chars[key_id])
        base, shift, altgr = (spec + (None, None))[:3]
        dead = spec[3] if len(spec) > 3 else ""
        return Key(key_id, width, base, shift, altgr, None, frozenset(dead.split()), gap)

    function_row = (
        _special("Escape", label=cap["escape"], height=0.55),
        *(_special(f"F{n}", label=f"F{n}", height=0.55, gap=(1.0 if n == 1 else 0.5 if n in (5, 9) else 0.0))
          for n in range(1, 13)),
    )
    number_row = (
        *(ch(k) for k in _ROW_TOP),
        _special("Backspace", 2.0, cap["backspace"]),
        _special("Insert", label=cap["insert"], gap=0.5), _special("Home", label=cap["home"]),
        _special("PageUp", label=cap["page_up"]),
    )
    nav_2 = (_special("Delete", label=cap["delete"], gap=0.5), _special("End", label=cap["end"]),
             _special("PageDown", label=cap["page_down"]))
    if iso:
        top_row = (_special("Tab", 1.5, "Tab"), *(ch(k) for k in _ROW_Q),
                   _special("Enter", 1.25, cap["enter"], gap=0.25, height=2.0), *nav_2)
        home_row = (_special("CapsLock", 1.75, cap["caps_lock"]), *(ch(k) for k in _ROW_A), ch("Backslash"))
        shift_row = (_special("ShiftLeft", 1.25, cap["shift"]), ch("IntlBackslash"), *(ch(k) for k in _ROW_Z))
    else:
        top_row = (_special("Tab", 1.5, "Tab"), *(ch(k) for k in _ROW_Q), ch("Backslash", 1.5), *nav_2)
        home_row = (_special("CapsLock", 1.75, cap["caps_lock"]), *(ch(k) for k in _ROW_A),
                    _special("Enter", 2.25, cap["enter"]))
        shift_row = (_special("ShiftLeft", 2.25, cap["shift"]), *(ch(k) for k in _ROW_Z))
    shift_row += (_special("ShiftRight", 2.75, cap["shift"]), _special("ArrowUp", gap=1.5))
    bottom_row = (
        _special("ControlLeft", 1.5, "Ctrl"), _special("MetaLeft", 1.25), _special("AltLeft", 1.5, "Alt"),
        Key("Space", 6.25, " ", " ", None, cap["space"]),
        _special("AltRight", 1.5, altgr_label), _special("ContextMenu", 1.25),
        _special("ControlRight", 1.75, "Ctrl"),
        _special("ArrowLeft", gap=0.5), _special("ArrowDown"), _special("ArrowRight"),
    )
    rows = (function_row, number_row, top_row, home_row, shift_row, bottom_row)
    return Layout(name, title, rows, language)


def _letters(ids, letters) -> dict:
    return {k: (c, c.upper()) for k, c in zip(ids, letters)}


_AZERTY = {
    "Backquote": ("²",),
    "Digit1": ("&", "1"), "Digit2": ("é", "2", "~"), "Digit3": ('"', "3", "#"),
    "Digit4": ("'", "4", "{"), "Digit5": ("(", "5", "["), "Digit6": ("-", "6", "|"),
    "Digit7": ("è", "7", "`"), "Digit8": ("_", "8", "\\"), "Digit9": ("ç", "9", "^"),
    "Digit0": ("à", "0", "@"), "Minus": (")", "°", "]"), "Equal": ("=", "+", "}"),
    **_letters(_ROW_Q[:10], "azertyuiop"),
    "KeyE": ("e", "E", "€"),
    "BracketLeft": ("^", "¨", None, "base shift"), "BracketRight": ("$", "£", "¤"),
    **_letters(_ROW_A[:10], "qsdfghjklm"),
    "Quote": ("ù", "%"), "Backslash": ("*", "µ"),
    "IntlBackslash": ("<", ">"),
    **_letters(_ROW_Z[:6], "wxcvbn"),
    "KeyM": (",", "?"), "Comma": (";", "."), "Period": (":", "/"), "Slash": ("!", "§"),
}

_QWERTY = {
    "Backquote": ("`", "~"),
    "Digit1": ("1", "!"), "Digit2": ("2", "@"), "Digit3": ("3", "#"), "Digit4": ("4", "$"),
    "Digit5": ("5", "%"), "Digit6": ("6", "^"), "Digit7": ("7", "&"), "Digit8": ("8", "*"),
    "Digit9": ("9", "("), "Digit0": ("0", ")"), "Minus": ("-", "_"), "Equal": ("=", "+"),
    **_letters(_ROW_Q[:10], "qwertyuiop"),
    "BracketLeft": ("[", "{"), "BracketRight": ("]", "}"), "Backslash": ("\\", "|"),
    **_letters(_ROW_A[:9], "asdfghjkl"),
    "Semicolon": (";", ":"), "Quote": ("'", '"'),
    **_letters(_ROW_Z[:7], "zxcvbnm"),
    "Comma": (",", "<"), "Period": (".", ">"), "Slash": ("/", "?"),
}

_QWERTZ = {
    "Backquote": ("^", "°", None, "base"),
    "Digit1": ("1", "!"), "Digit2": ("2", '"', "²"), "Digit3": ("3", "§", "³"), "Digit4": ("4", "$"),
    "Digit5": ("5", "%"), "Digit6": ("6", "&"), "Digit7": ("7", "/", "{"), "Digit8": ("8", "(", "["),
    "Digit9": ("9", ")", "]"), "Digit0": ("0", "=", "}"), "Minus": ("ß", "?", "\\"),
    "Equal": ("´", "`", None, "base shift"),
    **_letters(_ROW_Q[:10], "qwertzuiop"),
    "KeyQ": ("q", "Q", "@"), "KeyE": ("e", "E", "€"),
    "BracketLeft": ("ü", "Ü"), "BracketRight": ("+", "*", "~"),
    **_letters(_ROW_A[:9], "asdfghjkl"),
    "Semicolon": ("ö", "Ö"), "Quote": ("ä", "Ä"), "Backslash": ("#", "'"),
    "IntlBackslash": ("<", ">", "|"),
    **_letters(_ROW_Z[:7], "yxcvbnm"),
    "KeyM": ("m", "M", "µ"),
    "Comma": (",", ";"), "Period": (".", ":"), "Slash": ("-", "_"),
}

_SPECS = {  # name -> (title, characters, ISO keyboard, the right Alt key's name)
    "azerty": ("AZERTY (français)", _AZERTY, True, "AltGr"),
    "qwerty": ("QWERTY (anglais)", _QWERTY, False, "Alt"),
    "qwertz": ("QWERTZ (allemand)", _QWERTZ, True, "AltGr"),
}
#: the layouts, their special keys named in French
LAYOUTS: dict[str, Layout] = {name: _build(name, *spec) for name, spec in _SPECS.items()}
_named: dict[tuple[str, str], Layout] = {}


def layout(name: str, language: str = "fr") -> Layout:
    """A layout with its special keys named in ``language`` (« Entrée », « Enter »);
    the same keys and characters in every language."""
    if language == "fr" or name not in _SPECS:
        return LAYOUTS.get(name, LAYOUTS["azerty"])
    if (name, language) not in _named:
        _named[(name, language)] = _build(name, *_SPECS[name], language=language)
    return _named[(name, language)]


# --- physical keys from SDL scancodes --------------------------------------

def _scancodes() -> dict[int, str]:
    table = {4 + i: "Key" + chr(ord("A") + i) for i in range(26)}  # 4 = A ... 29 = Z
    table.update({30 + i: f"Digit{(i + 1) % 10}" for i in range(10)})  # 30 = 1 ... 39 = 0
    table.update({
        40: "Enter", 41: "Escape", 42: "Backspace", 43: "Tab", 44: "Space",
        45: "Minus", 46: "Equal", 47: "BracketLeft", 48: "BracketRight",
        49: "Backslash", 50: "Backslash",  # 50 = "non-US #": the same position on ISO keyboards
        51: "Semicolon", 52: "Quote", 53: "Backquote", 54: "Comma", 55: "Period", 56: "Slash",
        57: "CapsLock",
        73: "Insert", 74: "Home", 75: "PageUp", 76: "Delete", 77: "End", 78: "PageDown",
        79: "ArrowRight", 80: "ArrowLeft", 81: "ArrowDown", 82: "ArrowUp",
        100: "IntlBackslash", 101: "ContextMenu",
        224: "ControlLeft", 225: "ShiftLeft", 226: "AltLeft", 227: "MetaLeft",
        228: "ControlRight", 229: "ShiftRight", 230: "AltRight", 231: "MetaRight",
        # the numeric keypad: not drawn, but named so that it can be recognised
        83: "NumLock", 84: "NumpadDivide", 85: "NumpadMultiply", 86: "NumpadSubtract",
        87: "NumpadAdd", 88: "NumpadEnter", 99: "NumpadDecimal",
    })
    table.update({58 + i: f"F{i + 1}" for i in range(12)})  # 58 = F1 ... 69 = F12
    table.update({89 + i: f"Numpad{(i + 1) % 10}" for i in range(10)})  # 89 = 1 ... 98 = 0
    return table


_SCANCODES = _scancodes()


def scancode_to_key_id(scancode: int) -> str | None:
    """The physical key of an SDL scancode (a USB HID usage id), whatever the layout."""
    return _SCANCODES.get(scancode)


# --- names used by lessons -------------------------------------------------

KEY_NAMES: dict[str, str] = {
    "enter": "Enter", "space": "Space", "backspace": "Backspace", "delete": "Delete",
    "left": "ArrowLeft", "right": "ArrowRight", "up": "ArrowUp", "down": "ArrowDown",
    "shift": "ShiftLeft", "caps_lock": "CapsLock", "escape": "Escape", "tab": "Tab",
    "home": "Home", "end": "End", "altgr": "AltRight", "ctrl": "ControlLeft",
}


# keys that count as the same key for a lesson ("press Shift": either one)
SAME_KEY: dict[str, tuple[str, ...]] = {
    "ShiftLeft": ("ShiftLeft", "ShiftRight"),
    "ShiftRight": ("ShiftLeft", "ShiftRight"),
    "ControlLeft": ("ControlLeft", "ControlRight"),
    "ControlRight": ("ControlLeft", "ControlRight"),
    "Enter": ("Enter", "NumpadEnter"),
}
