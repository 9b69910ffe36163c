"""Real keyboard layouts for the test pilot: what each key types under X.

The data comes from the world, not from the program's own model of the
keyboards (:mod:`trainer.keyboards`): ``trainer/xkb_layouts/<name>.json`` is
extracted from X's keymaps and Compose file by ``tools/xkb_layouts.py`` (and
checked against them by ``tests/test_xkb_layouts.py``).  No pygame here: this
says which keys, with which modifiers, type a text, and which text X then
sends; :class:`trainer.pilot.Pilot` turns that into SDL events.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "xkb_layouts"
# the program's names of the drawn keyboards (trainer.keyboards) -> the real layout files
ALIASES = {"azerty": "fr", "azerty-be": "be", "qwertz-ch": "ch-fr", "qwerty-ca": "ca", "azerty-afnor": "fr-afnor",
           "qwerty": "us", "qwertz": "de"}
COMBOS = ("base", "shift", "altgr", "shift+altgr")  # fewest modifiers first

# our names of special keys (trainer.keyboards.KEY_NAMES) -> the keysym of that key
KEYSYMS = {
    "enter": "Return", "space": "space", "backspace": "BackSpace", "delete": "Delete",
    "left": "Left", "right": "Right", "up": "Up", "down": "Down", "shift": "Shift_L",
    "caps_lock": "Caps_Lock", "escape": "Escape", "tab": "Tab", "home": "Home", "end": "End",
    "altgr": "ISO_Level3_Shift", "ctrl": "Control_L", "alt": "Alt_L", "cmd": "Super_L",
}


class Untypable(ValueError):
    """This layout cannot type this character: a test that types it is wrong."""


@dataclass(frozen=True)
class Key:
    name: str  # XKB's name of the position: "AE02" (the key of « é » on AZERTY), "AD11", "RTRN"...
    keycode: int  # X keycode
    scancode: int  # SDL scancode (USB HID usage): where the key is, whatever the layout
    key: int  # SDL key code under X11: what KEYDOWN's ``key`` says
    keysyms: tuple  # ((combo, keysym), ...): what it types with no modifier, Shift, AltGr, Shift+AltGr
    caps: tuple = ()  # ((combo, keysym), ...): where Caps Lock on changes it (« é » -> « É » on fr)


@dataclass(frozen=True)
class Stroke:
    """One key pressed with the modifiers held, and the text X sends for it
    (None: no text, e.g. a dead key, whose accent comes with the next key)."""

    key: Key
    shift: bool = False
    altgr: bool = False
    text: str | None = None
    dead: bool = False
    caps: bool = False  # typed with Caps Lock on (the Caps Lock key itself toggles it: ``text`` None)


class Layout:
    def __init__(self, data: dict):
        self.name = data["layout"]
        self.title = data["title"]
        self.altgr = data["altgr"]
        self.chars = data["chars"]
        self.dead = set(data["dead"])
        self.compose = data["compose"]
        self.xkb = data["xkb"]
        self.raw = data["keys"]
        self.keys = {name: Key(name, k["keycode"], k["scancode"], k["key"],
                               tuple((c, k[c]) for c in COMBOS if c in k),
                               tuple((c, k["caps"][c]) for c in COMBOS if c in k.get("caps", {})))
                     for name, k in data["keys"].items()}
        self._recipes: dict[str, tuple] = {}
        self._presses = self._every_press()

    def __repr__(self):
        return f"<Layout {self.name}: {self.title}>"

    # -- keys --------------------------------------------------------------
    def key_with(self, keysym: str) -> Key | None:
        """The first key whose first level is this keysym ("Return", "Shift_L", "z")."""
        return next((k for k in self.keys.values() if k.keysyms and k.keysyms[0][1] == keysym), None)

    def named(self, name: str) -> Key:
        """A special key by our name ("enter", "shift", "altgr"...)."""
        key = self.key_with(KEYSYMS.get(name, name))
        if key is None and name == "altgr":
            key = self.keys.get("RALT")  # a layout without AltGr (us): the right Alt key
        if key is None:
            raise Untypable(f"{self.title}: no key « {name} »")
        return key

    def letter(self, ch: str) -> Key:
        """The key that types this letter with no modifier (the letter of a shortcut: Z of Ctrl+Z)."""
        for key in self.keys.values():
            if key.keysyms and self.chars.get(key.keysyms[0][1]) == ch:
                return key
        raise Untypable(f"{self.title}: no key types « {ch} » alone")

    def keysym(self, key: Key, shift: bool = False, altgr: bool = False, caps: bool = False) -> str | None:
        """What X makes of this key with these modifiers (and Caps Lock on or off)."""
        combo = "+".join(c for c, on in (("shift", shift), ("altgr", altgr)) if on) or "base"
        if caps and combo in dict(key.caps):
            return dict(key.caps)[combo]
        return dict(key.keysyms).get(combo)

    def text(self, key: Key, shift: bool = False, altgr: bool = False, caps: bool = False,
             dead: str | None = None) -> str | None:
        """The text X sends for this key (None for a dead key or a key without text);
        after the dead key ``dead``, what they compose (nothing when they do not: X drops
        a sequence its Compose file does not know, « ^ » then « z » types nothing)."""
        keysym = self.keysym(key, shift, altgr, caps)
        if keysym is None:
            return None
        if dead is not None:  # X's Compose: a sequence it does not know types nothing
            return self.compose.get(dead, {}).get(keysym)
        return None if keysym in self.dead else self.chars.get(keysym)

    # -- text ----------------------------------------------------------------
    def strokes(self, ch: str) -> tuple[Stroke, ...]:
        """The strokes that type one character, as few as can be, with the
        fewest modifiers (a dead key, then a key whose text is the composed
        character); raises :class:`Untypable` when no key or dead key gives it."""
        if ch not in self._recipes:
            self._recipes[ch] = self._find(ch)
        return self._recipes[ch]

    def _every_press(self):
        """Every (cost, stroke without text, keysym) the layout offers, the
        fewest modifiers first, then in the order of the keycodes."""
        out = []
        for order, key in enumerate(self.keys.values()):
            for combo, keysym in key.keysyms:
                out.append(((COMBOS.index(combo), order), Stroke(key, "shift" in combo, "altgr" in combo), keysym))
        return sorted(out, key=lambda p: p[0])

    def _find(self, ch: str) -> tuple[Stroke, ...]:
        if ch in ("\n", "\r"):
            return (Stroke(self.named("enter")),)
        if ch == "\t":
            return (Stroke(self.named("tab")),)
        presses = self._presses
        for _, stroke, keysym in presses:
            if keysym not in self.dead and self.chars.get(keysym) == ch:
                return (_with(stroke, text=ch),)
        best = None
        for cost1, first, dead in presses:
            if dead not in self.compose:
                continue
            for cost2, second, keysym in presses:
                if self.compose[dead].get(keysym) == ch:
                    cost = (cost1[0] + cost2[0], cost1[1], cost2[1])
                    if best is None or cost < best[0]:
                        best = (cost, (_with(first, dead=True), _with(second, text=ch)))
                    break
        if best is None:  # Caps Lock on, the key, Caps Lock off (« Ç » on fr: Caps Lock capitalises « ç »)
            lock = self.key_with("Caps_Lock")
            for _, stroke, _ in presses:
                keysym = self.keysym(stroke.key, stroke.shift, stroke.altgr, caps=True)
                if lock is not None and keysym not in self.dead and self.chars.get(keysym) == ch:
                    toggle = Stroke(lock)
                    return (toggle, _with(stroke, text=ch, caps=True), toggle)
        if best is None:
            raise Untypable(
                f"{self.title} cannot type « {ch} » (U+{ord(ch):04X}): no key gives it, nor a dead key "
                f"and a key (X's data in trainer/xkb_layouts/{self.name}.json). A test that types it is wrong; "
                "text that comes from an input method (an emoji, a paste) is Pilot.text_input().")
        return best[1]

    def type(self, text: str) -> list[Stroke]:
        """Every stroke of a text, as a person reads it (NFC: « é » is one character)."""
        return [s for ch in unicodedata.normalize("NFC", text) for s in self.strokes(ch)]


def _with(stroke: Stroke, **changes) -> Stroke:
    return Stroke(**{**stroke.__dict__, **changes})


def layout(name: str) -> Layout:
    """A real layout: "fr", "be", "ch-fr", "ca", "fr-afnor", "us", "de" (or the program's names
    "azerty", "azerty-be", "qwertz-ch", "qwerty-ca", "azerty-afnor", "qwerty", "qwertz")."""
    return _load(ALIASES.get(name, name))


@lru_cache(maxsize=None)
def _load(name: str) -> Layout:
    path = DATA / f"{name}.json"
    if not path.exists():
        raise ValueError(f"no real layout {name!r}: {sorted(p.stem for p in DATA.glob('*.json'))}")
    return Layout(json.loads(path.read_text(encoding="utf-8")))
