"""Keyboard layouts as plain data: which physical key types which character.

No pygame here: the keyboard step kinds use this to know which keys to light
("press ^ then e to type ê"), the on-screen keyboard (:mod:`trainer.ui.keyboard_view`)
draws it, and taps on the drawn keyboard are turned into characters.

Keys are named by their physical position, like the web's ``KeyboardEvent.code``
(``"KeyQ"`` is the key that types "a" on AZERTY).  Each layout says what the
printed keycaps of a standard PC keyboard of that country show (``base``,
``shift``, ``altgr``, ``shift_altgr``), and, apart (``hidden``), the characters a
French text needs that the keys type without printing them (« = AltGr+Z on
the French AZERTY).  Seven layouts: AZERTY (France), AZERTY (Belgium), Swiss
French QWERTZ, Canadian French QWERTY (ISO keyboard), AZERTY AFNOR (the 2019
French standard), US QWERTY (ANSI keyboard), German QWERTZ.

**Which system the recipes follow: Linux (X11/Wayland with xkb-data).**  Every
printed legend and every recipe (Shift, AltGr, Shift+AltGr, dead keys, Caps
Lock) is what the layout of the same name types under X, and
``tests/test_xkb_layouts.py`` checks it against X's own keymaps compiled with
``xkbcomp`` (``trainer/xkb_layouts/*.json``), so the model cannot drift.  Linux
is chosen because it is the system of the workshop machines we can test
against the real data, and because where Windows differs it mostly types
*less*: on the French AZERTY of Windows, « » æ œ É have no key at all, AltGr+é
(~) and AltGr+è (`) are dead keys, Caps Lock + é gives 2 instead of É.  The
differences that matter to a French text (``recipe(..., system="windows")``):

- Capitals with Caps Lock (É È À Ç Ù: Caps Lock, the key, Caps Lock again) work
  on Linux only; Windows gives the digit.  On Windows such a character has no
  recipe: the step offers the drawn keyboard's long press, or to skip it.
- AltGr characters that are not printed (« » æ on fr, be, ch-fr) exist on Linux
  only.
- A dead key then Space: Linux types ' for ´ and " for ¨ (X's Compose file);
  Windows types the accent.  The recipe for ´ and ¨ is the dead key twice,
  which types the accent on both systems.
- AltGr+é (~) and AltGr+è (`) of the French AZERTY are dead keys on Windows
  (:data:`_WINDOWS_DEAD`): « ~ » is AltGr+é then Space there.
- What a dead key composes: on Linux X's Compose table (:func:`compose`, data
  extracted from X), on Windows the accented letters of Latin-1.

The Windows recipes are checked by ``tests/test_keyboards_vs_windows.py``
against a capture of what Windows' own layouts type (French, Belgian, US,
German, Swiss German; ``tests/data/windows_layouts.md``).  That capture does not
say which keys are dead or what they compose: :data:`_WINDOWS_DEAD` and the
Windows compositions are documented, not verified; so are the Canadian French
and AZERTY AFNOR layouts of Windows, for which no data was found.
"""
from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import i18n

LEVELS = ("base", "shift", "altgr", "shift_altgr")


@dataclass(frozen=True)
class Key:
    """One physical key and what is printed on it."""

    id: str  # physical position, like KeyboardEvent.code: "KeyQ", "Digit2", "Enter"...
    width: float = 1.0  # in key units (a letter key = 1.0)
    base: str | None = None  # typed alone
    shift: str | None = None  # typed with Shift
    altgr: str | None = None  # typed with AltGr
    label: str | None = None  # what is written on a special key ("Entrée", "Maj"...), in the layout's language
    dead: frozenset = frozenset()  # which of LEVELS are dead keys
    gap: float = 0.0  # empty space before the key, in key units (blocks, function keys)
    height: float = 1.0  # in key units: 2.0 for the tall Enter of ISO keyboards, 0.55 for function keys
    shift_altgr: str | None = None  # typed with Shift and AltGr
    hidden: tuple = ()  # ((level, character, dead?), ...): typed by the key, not printed on it

    @property
    def printable(self) -> bool:
        return self.base is not None

    def at(self, level: str, hidden: bool = True) -> str | None:
        """The character of a level, printed or (with ``hidden``) not."""
        ch = getattr(self, level)
        if ch is None and hidden:
            ch = next((c for lv, c, _ in self.hidden if lv == level), None)
        return ch

    def is_dead(self, level: str) -> bool:
        return level in self.dead or any(lv == level and d for lv, _, d in self.hidden)

    def is_letter(self) -> bool:
        """A letter key: Caps Lock gives its capital (and Shift with Caps Lock the small letter)."""
        b, s = self.base, self.shift
        return bool(b and len(b) == 1 and b.isalpha() and s == b.upper() and s != b)


CAPS = "CapsLock"


@dataclass(frozen=True)
class Press:
    """One key press, with the modifiers held while pressing it.  A press of
    ``CapsLock`` switches Caps Lock on or off."""

    key: str  # Key.id
    shift: bool = False
    altgr: bool = False


PAD = 0.12  # margin around the keys, in key units (the keyboard's case)
GAP = 0.1  # space between two keys, in key units
ROW_GAP = 0.15  # extra space under the function row, in key units
TALLEST = 1.5  # a key may be this many times taller than wide, on a narrow screen (as on a phone)


def current_system() -> str:
    """"windows" on Windows, else "linux" (the recipes' system, see the module's docstring)."""
    return "windows" if sys.platform.startswith("win") else "linux"


@dataclass(frozen=True)
class Layout:
    name: str  # "azerty" | "azerty-be" | "qwertz-ch" | "qwerty-ca" | "azerty-afnor" | "qwerty" | "qwertz"
    title: str  # French, for the facilitator's settings
    rows: tuple  # tuple of tuples of Key, top to bottom
    language: str = "fr"  # of the names written on the special keys
    windows_dead: frozenset = frozenset()  # (key id, level): dead on Windows, not on Linux (AltGr+é of AZERTY)
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

    def char_for(self, key_id: str, shift: bool, altgr: bool, caps: bool = False) -> str | None:
        """What a key gives with these modifiers, printed or not (a dead key gives its
        accent); with Caps Lock on, as Linux does: a letter key gives its capital
        (its small letter with Shift), another key its character in capitals when it
        has one (« é » gives « É »).  None for special keys and empty positions."""
        key = self._index.get(key_id)
        if key is None or key.base is None:
            return None
        level = _level(shift, altgr)
        if caps and key.is_letter() and level in ("base", "shift"):
            level = "shift" if level == "base" else "base"
            return key.at(level)
        ch = key.at(level)
        if caps and ch is not None and not key.is_dead(level) and len(ch.upper()) == 1 and ch != "µ":
            return ch.upper()
        return ch

    def is_dead(self, key_id: str, shift: bool, altgr: bool, system: str | None = None) -> bool:
        """Whether the key is a dead key with these modifiers on ``system`` (by default the one running)."""
        key = self._index.get(key_id)
        return key is not None and self._dead(key, _level(shift, altgr), system or current_system())

    def recipe(self, ch: str, system: str | None = None) -> list[Press] | None:
        """The presses that type ``ch`` here, in order (a dead key is its own
        press; Caps Lock is pressed before and after); None when this layout
        cannot type it on ``system`` ("linux" or "windows", by default the one
        running: see the module's docstring)."""
        system = system or current_system()
        if (ch, system) not in self._recipes:
            self._recipes[(ch, system)] = self._find_recipe(ch, system)
        found = self._recipes[(ch, system)]
        return list(found) if found is not None else None

    def _find_recipe(self, ch: str, system: str) -> tuple | None:
        if ch == "\n":
            return (Press("Enter"),) if "Enter" in self._index else None
        if ch == "\t":
            return (Press("Tab"),) if "Tab" in self._index else None
        ch = unicodedata.normalize("NFC", ch)
        if len(ch) != 1:
            return None
        windows = system == "windows"
        for hidden in (False, True):
            if hidden and windows:
                break  # characters not printed on the keys: Linux only
            direct = self._direct(ch, hidden, system)
            if direct is not None:
                return (direct,)
        dead = self._with_dead(ch, hidden=False, system=system)
        if dead is not None:
            return dead
        if windows:
            return None
        for shift in (False, True):  # Caps Lock, the key, Caps Lock: « É » from « é »
            for key in self.keys():
                level = _level(shift, False)
                if key.base is None or key.is_letter() or key.is_dead(level) or key.id == "Space":
                    continue
                if self.char_for(key.id, shift, False, caps=True) == ch != key.at(level):
                    return (Press(CAPS), Press(key.id, shift), Press(CAPS))
        return self._with_dead(ch, hidden=True)

    def _with_dead(self, ch: str, hidden: bool, system: str = "linux") -> tuple | None:
        """A dead key, then a character (the same dead key again for the accent alone)."""
        for key in self.keys():
            for level in LEVELS:
                accent = key.at(level, hidden)
                if accent is None or not self._dead(key, level, system) \
                        or (key.at(level, False) is None) == (not hidden):
                    continue
                first = Press(key.id, "shift" in level, "altgr" in level)
                for second in _candidates(accent, ch, system):
                    if second == accent:
                        return (first, first)
                    if second == " ":
                        return (first, Press("Space"))
                    press = self._direct(second, False, system) or (
                        self._direct(second, True, system) if system != "windows" else None)
                    if press is not None:
                        return (first, press)
        return None

    def _dead(self, key: Key, level: str, system: str = "linux") -> bool:
        """A dead key at this level on ``system`` (Windows has a few more: :data:`_WINDOWS_DEAD`)."""
        return key.is_dead(level) or (system == "windows" and (key.id, level) in self.windows_dead)

    def _direct(self, ch: str, hidden: bool, system: str = "linux") -> Press | None:
        """One press without a dead key, the fewest modifiers first; printed
        characters only, or (``hidden``) those the keys type without showing them."""
        for level in LEVELS:
            for key in self.keys():
                printed = getattr(key, level)
                found = printed if not hidden else (None if printed is not None else key.at(level))
                if found == ch and not self._dead(key, level, system):
                    return Press(key.id, "shift" in level, "altgr" in level)
        return None

    def variants(self, key_id: str) -> list[str]:
        """Every character a key can give, for the drawn keyboard's long press:
        its levels (printed or not), in capitals too, and what its dead accent
        makes with the vowels and c (« ^ » gives ê â î ô û…)."""
        key = self._index.get(key_id)
        if key is None or key.base is None or key_id == "Space":
            return []
        out: list[str] = []

        def add(c):
            if c and c not in out and c.isprintable():
                out.append(c)

        for level in LEVELS:
            ch = key.at(level)
            if ch is None:
                continue
            if key.is_dead(level):
                for letter in "eaiouyc":
                    for x in (letter, letter.upper()):
                        made = compose(ch, x)
                        add(made if french_letter(made) else None)
                add(ch)
            else:
                add(ch)
                if ch.isalpha():
                    add(ch.upper() if ch.islower() else ch.lower())
                    for accent in _COMBINING:
                        made = compose(accent, ch)
                        add(made if french_letter(made) else None)
                    if ch.lower() in FRENCH_LIGATURES:
                        for c in FRENCH_LIGATURES[ch.lower()]:
                            add(c if ch.islower() else c.upper())
                            add(c.upper())
                for c in RELATED.get(ch, ""):
                    add(c)
        return out

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
        """(key unit in pixels across, left, top) of the keyboard centred in ``rect``."""
        u, _, left, top = self.units(rect)
        return u, left, top

    def units(self, rect) -> tuple[float, float, float, float]:
        """(key unit across, key unit down, left, top) of the keyboard centred in
        ``rect``: square keys, as large as fit; when ``rect`` is taller than a
        keyboard as wide as it (a tablet held upright), the keys grow taller,
        up to :data:`TALLEST` times their width, as on a phone."""
        x, y, w, h = rect
        total_w, total_h = self.size()
        u = max(0.0, min(w / total_w, h / total_h))
        v = max(u, min(h / total_h, u * TALLEST))
        return u, v, x + (w - total_w * u) / 2, y + (h - total_h * v) / 2

    def bounds(self, rect) -> tuple[float, float, float, float]:
        """The keyboard's case inside ``rect``: keys plus a small margin."""
        u, v, left, top = self.units(rect)
        total_w, total_h = self.size()
        return left, top, total_w * u, total_h * v

    def geometry(self, rect) -> dict[str, tuple[float, float, float, float]]:
        """Where each key is drawn inside ``rect`` = (x, y, w, h), in pixels."""
        u, v, left, top = self.units(rect)
        g = GAP * u
        out = {}
        y = PAD
        for i, row in enumerate(self.rows):
            x = PAD
            for key in row:
                x += key.gap
                out[key.id] = (left + x * u + g / 2, top + y * v + g / 2,
                               key.width * u - g, key.height * v - g)
                x += key.width
            y += _row_height(row)
            if i == 0 and self._function_row():
                y += ROW_GAP
        return out


    def key_at(self, rect, pos) -> str | None:
        """The key under ``pos`` on the keyboard drawn in ``rect``: a tap in the
        gap between two keys counts for the nearer one, a tap on the upper part
        of a tall Enter for Enter."""
        geo = self.geometry(rect)
        half = GAP * self.metrics(rect)[0] / 2
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
    return ("shift_altgr" if shift else "altgr") if altgr else ("shift" if shift else "base")


# --- dead keys -----------------------------------------------------------

_COMBINING = {
    "^": "\u0302",
    "¨": "\u0308",
    "´": "\u0301",
    "`": "\u0300",
    "~": "\u0303",
    "¸": "\u0327",
}
_EXTRA = {"Ÿ"}  # outside Latin-1 but composed by Windows and Linux alike
#: letters a long press on the drawn keyboard also offers (« o » gives « œ »)
FRENCH_LIGATURES = {"o": "œ", "a": "æ"}
#: signs a long press on a key also offers (French quotation marks on « " »…)
RELATED = {'"': "«»“”", "'": "’‘", ".": "…", "-": "–—", "e": "€", "E": "€", "$": "£€"}
COMPOSE_FILE = Path(__file__).resolve().parent / "xkb_layouts" / "compose.json"


@lru_cache(maxsize=1)
def compose_table() -> dict[str, dict[str, str]]:
    """What a dead key composes on Linux: accent -> {next character -> text}.

    X's own table (the Compose file of libx11-data), for every dead key of the
    layouts and every character they type, extracted by ``tools/xkb_layouts.py``
    into ``trainer/xkb_layouts/compose.json`` and checked against the real file by
    ``tests/test_compose_vs_x.py``.  Shipped as data rather than computed (Unicode's
    composition is not X's: ``^`` then ``1`` gives ``¹``, ``´`` then Space gives
    ``'``, ``¨`` then Space ``"``; X leaves out some pairs Unicode composes) and
    rather than read from /usr/share at run time (Windows, macOS and tablets have no
    such file; the table is 5 KB)."""
    return json.loads(COMPOSE_FILE.read_text(encoding="utf-8"))["compose"]


def compose(dead: str, ch: str, system: str = "linux", twice: bool | None = None) -> str | None:
    """What a dead key followed by ``ch`` types: "^" + "e" = "ê"; after a space
    the accent alone (on Linux ' for ´ and " for ¨); the same dead key twice
    (``twice``; by default: when ``ch`` is the accent) gives the accent, while the
    accent typed by another, plain key may give nothing (on the French AZERTY of
    Linux, ^ then AltGr+ç); None when they do not combine (Linux then types
    nothing, Windows both characters).

    Linux: X's Compose table (:func:`compose_table`), so ``^`` then ``z`` gives
    « ẑ » as it does under X.  Windows: its dead-key tables compose the accented
    letters of Latin-1 (and « Ÿ »); this rule is documented, not checked against
    Windows' own tables (not in the Windows data found: see ``tests/data/windows_layouts.md``)."""
    if len(ch) != 1 or dead not in _COMBINING and system != "linux":
        return None
    if twice is None:
        twice = ch == dead
    if system == "linux":
        found = compose_table().get(dead)
        if found is None:
            return None
        return dead if twice else found.get(ch)
    if ch == " " or twice:
        return dead
    out = unicodedata.normalize("NFC", ch + _COMBINING[dead])
    if len(out) != 1 or not (0xC0 <= ord(out) <= 0xFF or out in _EXTRA):
        return None
    return out


def french_letter(ch: str | None) -> bool:
    """A letter of Latin-1 (or « Ÿ »): what a long press offers of a dead key's
    compositions (« ^ » gives ê â î ô û, not ẑ ŷ ĉ, which French does not use)."""
    return bool(ch) and len(ch) == 1 and (ord(ch) < 0x100 or ch in _EXTRA)


def _candidates(accent: str | None, ch: str, system: str = "linux"):
    """The characters that, after the dead key ``accent``, give ``ch`` (the dead
    key itself again for the accent alone: it types the accent on Linux and Windows)."""
    if accent is None:
        return
    if ch == accent:
        yield " " if compose(accent, " ", system) == accent else accent
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


def _build(name: str, title: str, chars: dict, iso: bool, altgr_label: str, hidden: dict | None = None,
           language: str = "fr") -> Layout:
    """The rows of a 105-key (ISO) or 104-key (ANSI) PC keyboard, printed with ``chars``:
    key id -> (base, shift, altgr, dead levels, shift_altgr); ``hidden``: key id -> {level:
    character typed but not printed, "dead:x" for a dead key}; special keys named in ``language``."""
    tr = i18n.translator(language)
    cap = {k: tr.t(f"keycap.{k}") for k in ("escape", "backspace", "insert", "home", "page_up", "delete", "end",
                                             "page_down", "enter", "caps_lock", "shift", "space")}

    def ch(key_id, width=1.0, gap=0.0):
        spec = tuple(chars[key_id]) + (None, None, None, None)
        base, shift, altgr, dead, shift_altgr = spec[:5]
        extra = tuple((level, c.removeprefix("dead:"), c.startswith("dead:"))
                      for level, c in (hidden or {}).get(key_id, {}).items())
        return Key(key_id, width, base, shift, altgr, None, frozenset((dead or "").split()), gap,
                   shift_altgr=shift_altgr, hidden=extra)

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
    return Layout(name, title, rows, language, frozenset(_WINDOWS_DEAD.get(name, ())))


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
# typed on Linux, not printed on French keycaps (X's « fr »)
_AZERTY_HIDDEN = {
    "KeyQ": {"altgr": "æ", "shift_altgr": "Æ"}, "KeyW": {"altgr": "«"}, "KeyX": {"altgr": "»"},
    "KeyB": {"altgr": "“", "shift_altgr": "‘"}, "KeyN": {"altgr": "”", "shift_altgr": "’"},
    "KeyM": {"altgr": "dead:´"},
}

_AZERTY_BE = {
    "Backquote": ("²", "³"),
    "Digit1": ("&", "1", "|"), "Digit2": ("é", "2", "@"), "Digit3": ('"', "3", "#"),
    "Digit4": ("'", "4"), "Digit5": ("(", "5"), "Digit6": ("§", "6", "^"),
    "Digit7": ("è", "7"), "Digit8": ("!", "8"), "Digit9": ("ç", "9", "{"),
    "Digit0": ("à", "0", "}"), "Minus": (")", "°"), "Equal": ("-", "_"),
    **_letters(_ROW_Q[:10], "azertyuiop"),
    "KeyE": ("e", "E", "€"),
    "BracketLeft": ("^", "¨", "[", "base shift"), "BracketRight": ("$", "*", "]"),
    **_letters(_ROW_A[:10], "qsdfghjklm"),
    "Quote": ("ù", "%", "´", "altgr"), "Backslash": ("µ", "£", "`", "altgr"),
    "IntlBackslash": ("<", ">", "\\"),
    **_letters(_ROW_Z[:6], "wxcvbn"),
    "KeyM": (",", "?"), "Comma": (";", "."), "Period": (":", "/"), "Slash": ("=", "+", "~", "altgr"),
}
_AZERTY_BE_HIDDEN = {
    "KeyA": {"altgr": "æ", "shift_altgr": "Æ"}, "KeyO": {"altgr": "œ", "shift_altgr": "Œ"},
    "KeyZ": {"altgr": "«"}, "KeyX": {"altgr": "»"},
    "KeyB": {"altgr": "“", "shift_altgr": "‘"}, "KeyN": {"altgr": "”", "shift_altgr": "’"},
}

_QWERTZ_CH = {  # Swiss French (the Swiss German keyboard has the same keys, its legends in the other order)
    "Backquote": ("§", "°"),
    "Digit1": ("1", "+"), "Digit2": ("2", '"', "@"), "Digit3": ("3", "*", "#"), "Digit4": ("4", "ç"),
    "Digit5": ("5", "%"), "Digit6": ("6", "&", "¬"), "Digit7": ("7", "/", "|"), "Digit8": ("8", "(", "¢"),
    "Digit9": ("9", ")"), "Digit0": ("0", "="), "Minus": ("'", "?", "´", "altgr"),
    "Equal": ("^", "`", "~", "base shift altgr"),
    **_letters(_ROW_Q[:10], "qwertzuiop"),
    "KeyE": ("e", "E", "€"),
    "BracketLeft": ("è", "ü", "["), "BracketRight": ("¨", "!", "]", "base"),
    **_letters(_ROW_A[:9], "asdfghjkl"),
    "Semicolon": ("é", "ö"), "Quote": ("à", "ä", "{"), "Backslash": ("$", "£", "}"),
    "IntlBackslash": ("<", ">", "\\"),
    **_letters(_ROW_Z[:7], "yxcvbnm"),
    "Comma": (",", ";"), "Period": (".", ":"), "Slash": ("-", "_"),
}
_QWERTZ_CH_HIDDEN = {
    "KeyA": {"altgr": "æ", "shift_altgr": "Æ"}, "KeyO": {"altgr": "œ", "shift_altgr": "Œ"},
    "KeyZ": {"altgr": "«"}, "KeyX": {"altgr": "»"},
    "KeyB": {"altgr": "“", "shift_altgr": "‘"}, "KeyN": {"altgr": "”", "shift_altgr": "’"},
}

_QWERTY_CA = {  # Canadian French (« Canadien français »), the ISO keyboard of Quebec
    "Backquote": ("#", "|", "\\"),
    "Digit1": ("1", "!", "±"), "Digit2": ("2", '"', "@"), "Digit3": ("3", "/", "£"), "Digit4": ("4", "$", "¢"),
    "Digit5": ("5", "%", "¤"), "Digit6": ("6", "?", "¬"), "Digit7": ("7", "&", "¦"), "Digit8": ("8", "*", "²"),
    "Digit9": ("9", "(", "³"), "Digit0": ("0", ")", "¼"), "Minus": ("-", "_", "½"), "Equal": ("=", "+", "¾"),
    **_letters(_ROW_Q[:10], "qwertyuiop"),
    "KeyO": ("o", "O", "§"), "KeyP": ("p", "P", "¶"),
    "BracketLeft": ("^", "^", "[", "base shift"), "BracketRight": ("¸", "¨", "]", "base shift"),
    **_letters(_ROW_A[:9], "asdfghjkl"),
    "Semicolon": (";", ":", "~"), "Quote": ("`", "`", "{", "base shift"), "Backslash": ("<", ">", "}"),
    "IntlBackslash": ("«", "»", "°"),
    **_letters(_ROW_Z[:7], "zxcvbnm"),
    "KeyM": ("m", "M", "µ"),
    "Comma": (",", "'", "¯"), "Period": (".", "."), "Slash": ("é", "É", "´", "altgr"),
}

_AZERTY_AFNOR = {  # NF Z71-300 (2019): the keycaps print most AltGr characters (not θ ʒ Ʒ ẞ: no glyph in our font)
    "Backquote": ("@", "#"),
    "Digit1": ("à", "1", "§", None, "À"), "Digit2": ("é", "2", "´", "altgr", "É"),
    "Digit3": ("è", "3", "`", "altgr", "È"), "Digit4": ("ê", "4", "&", None, "Ê"),
    "Digit5": ("(", "5", "["), "Digit6": (")", "6", "]"), "Digit7": ("‘", "7"),
    "Digit8": ("’", "8", "_", None, "—"), "Digit9": ("«", "9", "“"), "Digit0": ("»", "0", "”"),
    "Minus": ("'", '"', "°"), "Equal": ("^", "¨", None, "base shift"),
    **_letters(_ROW_Q[:10], "azertyuiop"),
    "KeyQ": ("a", "A", "æ", None, "Æ"), "KeyW": ("z", "Z", "£"), "KeyE": ("e", "E", "€"),
    "KeyR": ("r", "R", "®"), "KeyT": ("t", "T", "{", None, "™"), "KeyY": ("y", "Y", "}"),
    "KeyU": ("u", "U", "ù", None, "Ù"), "KeyO": ("o", "O", "œ", None, "Œ"), "KeyP": ("p", "P", "%", None, "‰"),
    "BracketLeft": ("-", "–", "−"), "BracketRight": ("+", "±", "†", None, "‡"),
    **_letters(_ROW_A[:10], "qsdfghjklm"),
    "KeyA": ("q", "Q"), "KeyS": ("s", "S", "ß"), "KeyD": ("d", "D", "$"),
    "KeyL": ("l", "L", "|"), "Semicolon": ("m", "M", "∞"),
    "Quote": ("/", "\\", "÷", None, "√"), "Backslash": ("*", "½", "×", None, "¼"),
    "IntlBackslash": ("<", ">", "≤", None, "≥"),
    **_letters(_ROW_Z[:6], "wxcvbn"),
    "KeyZ": ("w", "W"), "KeyX": ("x", "X", "©"), "KeyC": ("c", "C", "ç", None, "Ç"),
    "KeyN": ("n", "N", "~", "altgr"),
    "KeyM": (".", "?", "¿"), "Comma": (",", "!", "¡"), "Period": (":", "…", "·"), "Slash": (";", "=", None, None, "≠"),  # (AltGr: ≃ printed, X types ≆)
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
_QWERTZ_HIDDEN = {  # typed on Linux (X's « de »), not printed on German keycaps
    "KeyA": {"altgr": "æ", "shift_altgr": "Æ"}, "KeyX": {"altgr": "«"}, "KeyZ": {"altgr": "»"},
    "Equal": {"altgr": "dead:¸"}, "BracketLeft": {"altgr": "dead:¨"}, "Digit3": {"shift_altgr": "£"},
    "KeyB": {"altgr": "“", "shift_altgr": "‘"}, "KeyN": {"altgr": "”", "shift_altgr": "’"},
    "Period": {"altgr": "…"}, "Slash": {"altgr": "–", "shift_altgr": "—"},
}

#: keys that are dead on Windows and not on Linux, from Microsoft's documentation of the layouts
#: (kbdfr: AltGr+é ~ and AltGr+è ` wait for a letter).  NOT checked against Windows' own data:
#: the only published capture found (VS Code's keyboard layouts, tests/data/windows_layouts.json)
#: gives what each key types, not which keys are dead.
_WINDOWS_DEAD = {
    "azerty": {("Digit2", "altgr"), ("Digit7", "altgr")},
}

_SPECS = {  # name -> (title, characters, ISO keyboard, the right Alt key's name, hidden characters)
    "azerty": ("AZERTY (France)", _AZERTY, True, "AltGr", _AZERTY_HIDDEN),
    "azerty-be": ("AZERTY (Belgique)", _AZERTY_BE, True, "AltGr", _AZERTY_BE_HIDDEN),
    "qwertz-ch": ("QWERTZ (Suisse romande)", _QWERTZ_CH, True, "AltGr", _QWERTZ_CH_HIDDEN),
    "qwerty-ca": ("QWERTY (Canada français)", _QWERTY_CA, True, "AltCar", None),
    "azerty-afnor": ("AZERTY AFNOR (France, 2019)", _AZERTY_AFNOR, True, "AltGr", None),
    "qwerty": ("QWERTY (anglais)", _QWERTY, False, "Alt", None),
    "qwertz": ("QWERTZ (allemand)", _QWERTZ, True, "AltGr", _QWERTZ_HIDDEN),
}
#: the keyboards of French-speaking countries (a French text on a US or German keyboard has no « é »
#: key: ``trainer validate`` warns only about these)
FRENCH_LAYOUTS = ("azerty", "azerty-be", "qwertz-ch", "qwerty-ca", "azerty-afnor")
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
