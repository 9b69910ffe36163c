"""Real keyboard layouts, extracted from X's own data, for the test pilot.

The pilot (:mod:`trainer.pilot`) types text as a real keyboard does: the keys,
the modifiers, the dead keys and the text that X and SDL make of them.  What
each key types must come from the world, not from the program's own model of
the keyboards (:mod:`trainer.keyboards`), or the tests could not see where the
program is wrong.  This script writes ``trainer/xkb_layouts/<name>.json`` from:

- the keymap as X compiles it (xkb-data, x11-xkb-utils)::

      setxkbmap -model pc105 -layout fr -print | xkbcomp -w 0 -xkb - fr.xkb

  (``setxkbmap -print`` needs a display: run this script under ``xvfb-run -a``);
  its key types say which level Shift and AltGr (LevelThree) select;
- the Compose file of the UTF-8 locales (libx11-data):
  ``/usr/share/X11/locale/en_US.UTF-8/Compose`` (fr_FR.UTF-8 and de_DE.UTF-8
  use it too, see ``compose.dir`` there): what a dead key and the next key type;
- ``/usr/include/X11/keysymdef.h`` (x11proto-dev): the character of each keysym;
- SDL's table of Linux key codes (``src/events/scancodes_linux.h`` in SDL 2):
  an X keycode is the evdev code + 8; SDL reports the USB HID usage;
- how SDL 2 names a key under X11 (the ``key`` of KEYDOWN, checked with
  pygame-ce 2.5.8 / SDL 2.32.10 under Xvfb: ``tests/test_xkb_layouts.py``):
  the number row is always "1".."9", "0" (SDL_SetKeymap: « on AZERTY layouts
  these technically are symbols, but users always think of them as number
  keys »); otherwise the character of the key's first level; a dead key has
  none: SDLK_SCANCODE_MASK (0x40000000, SDL_SCANCODE_UNKNOWN); Return,
  Escape, BackSpace, Tab and Delete are their ASCII codes; any other key is
  its scancode | 0x40000000.

Usage::

    xvfb-run -a python tools/xkb_layouts.py            # write the files
    xvfb-run -a python tools/xkb_layouts.py --check    # compare, exit 1 if they differ

Each file says, for each key: its X keycode, SDL scancode, SDL key code and
the keysym typed with no modifier, Shift, AltGr and Shift+AltGr; the
character of each keysym; which keysyms are dead keys; what each dead key
composes with the keys of the layout (Compose sequences of two keys).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "trainer" / "xkb_layouts"
COMPOSE = Path("/usr/share/X11/locale/en_US.UTF-8/Compose")
KEYSYMDEF = Path("/usr/include/X11/keysymdef.h")

# name -> (xkb layout, xkb variant, xkb model, keys to leave out, why)
LAYOUTS = {
    "fr": ("fr", "", "pc105", (), "French AZERTY, 105-key (ISO) PC keyboard"),
    "be": ("be", "", "pc105", (), "Belgian AZERTY, 105-key (ISO) PC keyboard"),
    "ch-fr": ("ch", "fr", "pc105", (), "Swiss French QWERTZ, 105-key (ISO) PC keyboard"),
    # XKB's « ca » is « French (Canada) », the Canadian French layout of Quebec keyboards
    "ca": ("ca", "", "pc105", (), "Canadian French QWERTY, 105-key (ISO) PC keyboard"),
    "fr-afnor": ("fr", "afnor", "pc105", (), "French AZERTY AFNOR (NF Z71-300, 2019), 105-key (ISO) PC keyboard"),
    "de": ("de", "", "pc105", (), "German QWERTZ, 105-key (ISO) PC keyboard"),
    # XKB maps <LSGT> for every model, but a US keyboard (ANSI, 104 keys) has
    # no key between the left Shift and Z
    "us": ("us", "", "pc104", ("LSGT",), "US QWERTY, 104-key (ANSI) PC keyboard"),
}

# Linux evdev code -> SDL scancode (USB HID usage), from SDL 2's
# src/events/scancodes_linux.h: the keys of a PC keyboard without its keypad
EVDEV_TO_SDL = {
    1: 41,  # ESC
    **{2 + i: 30 + i for i in range(10)},  # 1..9, 0
    12: 45, 13: 46, 14: 42, 15: 43,  # MINUS EQUAL BACKSPACE TAB
    16: 20, 17: 26, 18: 8, 19: 21, 20: 23, 21: 28, 22: 24, 23: 12, 24: 18, 25: 19,  # Q W E R T Y U I O P
    26: 47, 27: 48, 28: 40, 29: 224,  # LEFTBRACE RIGHTBRACE ENTER LEFTCTRL
    30: 4, 31: 22, 32: 7, 33: 9, 34: 10, 35: 11, 36: 13, 37: 14, 38: 15,  # A S D F G H J K L
    39: 51, 40: 52, 41: 53, 42: 225, 43: 49,  # SEMICOLON APOSTROPHE GRAVE LEFTSHIFT BACKSLASH
    44: 29, 45: 27, 46: 6, 47: 25, 48: 5, 49: 17, 50: 16,  # Z X C V B N M
    51: 54, 52: 55, 53: 56, 54: 229, 56: 226, 57: 44, 58: 57,  # COMMA DOT SLASH RIGHTSHIFT LEFTALT SPACE CAPSLOCK
    **{59 + i: 58 + i for i in range(10)},  # F1..F10
    86: 100, 87: 68, 88: 69,  # 102ND (the ISO key left of Z) F11 F12
    97: 228, 100: 230,  # RIGHTCTRL RIGHTALT
    102: 74, 103: 82, 104: 75, 105: 80, 106: 79, 107: 77, 108: 81, 109: 78,  # HOME UP PAGEUP LEFT RIGHT END DOWN PAGEDOWN
    110: 73, 111: 76, 125: 227, 126: 231, 127: 101,  # INSERT DELETE LEFTMETA RIGHTMETA COMPOSE (menu)
}
SDLK_SCANCODE_MASK = 1 << 30
SDL_ASCII_KEYS = {40: 13, 41: 27, 42: 8, 43: 9, 76: 127}  # Return Escape BackSpace Tab Delete
NUMBER_ROW = {30 + i: ord("1234567890"[i]) for i in range(10)}

COMBOS = {"base": set(), "shift": {"Shift"}, "altgr": {"LevelThree"}, "shift+altgr": {"Shift", "LevelThree"}}


# -- reading X's data ----------------------------------------------------------

def compile_keymap(layout: str, model: str, variant: str = "") -> str:
    """The keymap X would load for this layout, as xkbcomp writes it."""
    printed = subprocess.run(["setxkbmap", "-model", model, "-layout", layout, "-variant", variant, "-print"],
                             check=True, capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "keymap.xkb"
        subprocess.run(["xkbcomp", "-w", "0", "-xkb", "-", str(out)], input=printed, check=True,
                       capture_output=True, text=True)
        return out.read_text(encoding="utf-8")


def section(keymap: str, name: str) -> str:
    start = re.search(r"^\s*%s\s+\"[^\"]*\"\s*\{" % name, keymap, re.M)
    if not start:
        raise ValueError(f"no {name} section in the keymap")
    depth, i = 0, start.end() - 1
    for j in range(i, len(keymap)):
        depth += {"{": 1, "}": -1}.get(keymap[j], 0)
        if depth == 0:
            return keymap[i + 1:j]
    raise ValueError(f"unfinished {name} section")


def keycodes(keymap: str) -> dict[str, int]:
    text = section(keymap, "xkb_keycodes")
    codes = {m[1]: int(m[2]) for m in re.finditer(r"<(\w+)>\s*=\s*(\d+)\s*;", text)}
    for m in re.finditer(r"alias\s+<(\w+)>\s*=\s*<(\w+)>\s*;", text):
        if m[2] in codes:
            codes.setdefault(m[1], codes[m[2]])
    return codes


def key_types(keymap: str) -> dict[str, tuple[frozenset, dict, dict]]:
    """type name -> (its modifiers, {modifiers: level}, {modifiers: modifiers preserved})."""
    out = {}
    for m in re.finditer(r'type\s+"([^"]+)"\s*\{(.*?)\};', section(keymap, "xkb_types"), re.S):
        body = m[2]
        mods = re.search(r"modifiers\s*=\s*([^;]+);", body)
        modifiers = frozenset(x.strip() for x in mods[1].split("+")) if mods else frozenset()
        levels = {frozenset(x.strip() for x in k.split("+")): int(v)
                  for k, v in re.findall(r"map\[([^\]]+)\]\s*=\s*Level(\d+)\s*;", body)}
        preserve = {frozenset(x.strip() for x in k.split("+")): frozenset(x.strip() for x in v.split("+"))
                    for k, v in re.findall(r"preserve\[([^\]]+)\]\s*=\s*([^;]+);", body)}
        out[m[1]] = (modifiers - {"none"}, levels, preserve)
    return out


def symbols(keymap: str) -> dict[str, tuple[str | None, list[str]]]:
    """xkb key name -> (its type if written, keysyms of the first group by level)."""
    out = {}
    for m in re.finditer(r"key\s+<(\w+)>\s*\{(.*?)\};", section(keymap, "xkb_symbols"), re.S):
        body = m[2]
        typ = re.search(r'type(?:\[Group1\])?\s*=\s*"([^"]+)"', body)
        syms = re.search(r"symbols\[Group1\]\s*=\s*\[([^\]]*)\]", body) or re.match(r"\s*\[([^\]]*)\]", body)
        if syms:
            out[m[1]] = (typ[1] if typ else None, [s.strip() for s in syms[1].split(",")])
    return out


def implicit_type(syms: list[str]) -> str:
    """The type xkbcomp gives a key written without one (what matters here: which
    level Shift and AltGr select, the same for the alphabetic variants)."""
    return {1: "ONE_LEVEL", 2: "TWO_LEVEL"}.get(len(syms), "FOUR_LEVEL")


def level(types, type_name: str, mods: set) -> int:
    modifiers, levels, _ = types[type_name]
    used = frozenset(mods) & modifiers
    return levels.get(used, 1) if used else 1


def lock_consumed(types, type_name: str, mods: set) -> bool:
    """Whether the key's type uses Caps Lock (the Lock modifier) to choose the
    level, for these modifiers.  When it does not, Xlib capitalises the keysym
    itself (``XkbTranslateKeySym``: Lock on and not consumed: ``XConvertCase``)."""
    modifiers, _, preserve = types[type_name]
    used = frozenset(mods) & modifiers
    return "Lock" in modifiers and "Lock" not in preserve.get(used, frozenset())


# where Xlib's capitalisation is not Unicode's (seen with tests/xkb_sdl_probe.py under Xvfb:
# Caps Lock + AltGr+Shift+i gives « ı », Caps Lock + the « µ » of fr gives no text at all)
XLIB_CASE = {"idotless": "idotless", "mu": "NoSymbol"}


def upper_keysym(keysym: str, chars: dict[str, str], names: dict[str, str]) -> str:
    """The keysym Xlib's XConvertCase gives as the upper case of ``keysym`` (the
    same keysym when it has no single-character capital, as for digits)."""
    if keysym in XLIB_CASE:
        return XLIB_CASE[keysym]
    ch = char_of(keysym, chars)
    if ch is None or len(ch.upper()) != 1 or ch.upper() == ch:
        return keysym
    return names.get(ch.upper(), f"U{ord(ch.upper()):04X}")


def keysym_chars(path: Path = KEYSYMDEF) -> dict[str, str]:
    """keysym name -> the character it types (keysymdef.h gives the Unicode code point)."""
    chars = {}
    pattern = re.compile(r"^#define XK_(\w+)\s+0x([0-9a-fA-F]+)\s*/\*[ (<]*U\+([0-9A-Fa-f]{4,6})")
    for line in path.read_text(encoding="latin-1").splitlines():
        m = pattern.match(line)
        if m:
            chars.setdefault(m[1], chr(int(m[3], 16)))
    chars.update(XLIB_TEXT)
    return chars


# where Xlib's own keysym -> Unicode table (imKStoUCS.c) is not keysymdef.h's comment
# (seen with tests/xkb_sdl_probe.py: AltGr+; of fr(afnor) types « ≆ »)
XLIB_TEXT = {"similarequal": "\u2246"}


def char_of(keysym: str, chars: dict[str, str]) -> str | None:
    if keysym in chars:
        return chars[keysym]
    m = re.fullmatch(r"U([0-9A-Fa-f]{4,6})", keysym) or re.fullmatch(r"0x0?1([0-9A-Fa-f]{6})", keysym)
    return chr(int(m[1], 16)) if m else None


def compose_pairs(path: Path = COMPOSE) -> dict[tuple[str, str], str]:
    """(first keysym, second keysym) -> text, for the sequences of two keys."""
    pairs = {}
    pattern = re.compile(r'^<(\w+)>\s*<(\w+)>\s*:\s*"((?:[^"\\]|\\.)*)"')
    for line in path.read_text(encoding="utf-8").splitlines():
        m = pattern.match(line)
        if m:
            text = re.sub(r"\\(.)", r"\1", m[3])
            pairs.setdefault((m[1], m[2]), text)
    return pairs


# -- one layout ------------------------------------------------------------------

def sdl_key(scancode: int, base: str | None, chars: dict[str, str]) -> int:
    """The ``key`` SDL 2 reports for this key under X11 (see the module's docstring)."""
    if scancode in NUMBER_ROW:
        return NUMBER_ROW[scancode]
    ch = char_of(base, chars) if base else None
    if ch and ch.isprintable():
        return ord(ch)
    if base and base.startswith("dead_"):
        return SDLK_SCANCODE_MASK
    return SDL_ASCII_KEYS.get(scancode, scancode | SDLK_SCANCODE_MASK)


def extract(name: str, keymap: str, chars: dict[str, str], pairs: dict) -> dict:
    layout, variant, model, left_out, title = LAYOUTS[name]
    names = {}
    for keysym, ch in chars.items():
        names.setdefault(ch, keysym)
    codes, types, syms = keycodes(keymap), key_types(keymap), symbols(keymap)
    altgr = syms.get("RALT", (None, []))[1][:1] == ["ISO_Level3_Shift"]  # else Right Alt is a plain Alt
    keys = {}
    for xkb_name, (typ, levels) in sorted(syms.items(), key=lambda kv: codes.get(kv[0], 0)):
        code = codes.get(xkb_name)
        if code is None or code - 8 not in EVDEV_TO_SDL or xkb_name in left_out:
            continue
        typ = typ or implicit_type(levels)
        entry = {"keycode": code, "scancode": EVDEV_TO_SDL[code - 8]}
        for combo, mods in COMBOS.items():
            if "LevelThree" in mods and not altgr:
                continue
            n = level(types, typ, mods)
            keysym = levels[n - 1] if n <= len(levels) else "NoSymbol"
            if keysym != "NoSymbol":
                entry[combo] = keysym
            # the same with Caps Lock on: another level, or the keysym capitalised by Xlib
            n = level(types, typ, mods | {"Lock"})
            locked = levels[n - 1] if n <= len(levels) else "NoSymbol"
            if locked != "NoSymbol" and not lock_consumed(types, typ, mods | {"Lock"}):
                locked = upper_keysym(locked, chars, names)
            if locked != entry.get(combo, "NoSymbol"):
                entry.setdefault("caps", {})[combo] = locked
        entry["key"] = sdl_key(entry["scancode"], entry.get("base"), chars)
        keys[xkb_name] = {k: entry[k] for k in ("keycode", "scancode", "key", *COMBOS, "caps") if k in entry}
    used = {v for k in keys.values() for c, v in k.items() if c in COMBOS}
    used |= {v for k in keys.values() for v in k.get("caps", {}).values()}
    dead = sorted(k for k in used if k.startswith("dead_"))
    compose = {}
    for d in dead:
        found = {second: text for (first, second), text in sorted(pairs.items()) if first == d and second in used}
        if found:
            compose[d] = found
    return {
        "layout": name,
        "title": title,
        "xkb": {"layout": layout, "variant": variant, "model": model},
        "altgr": altgr,
        "levels": list(COMBOS) if altgr else ["base", "shift"],
        "keys": keys,
        "chars": {k: char_of(k, chars) for k in sorted(used) if char_of(k, chars) is not None},
        "dead": dead,
        "compose": compose,
    }


# dead keys whose « accent » (the key pressed twice) is a sign of its own, not an accent
# that a drawn key could show: they are left out of the compose table
NOT_ACCENTS = {"dead_belowcomma", "dead_stroke", "dead_greek", "dead_currency"}


def compose_table(layouts: list[dict], pairs: dict) -> dict:
    """What the program's keyboards (trainer/keyboards.py) compose, from X's Compose
    file: accent -> {character typed after it -> text}, for every dead key of the
    layouts whose accent is a spacing sign (the dead key twice gives it), and every
    character any of the layouts types (Caps Lock included) and Space; the same
    dead key again gives the accent (the dead key twice is not the accent
    typed by another key: on fr, ^ then AltGr+ç types nothing).  Only the sequences X knows: after any other character, X types
    nothing."""
    dead, typed = set(), {}
    for data in layouts:
        dead.update(data["dead"])
        for keysym, ch in data["chars"].items():
            if keysym not in data["dead"]:
                typed.setdefault(ch, set()).add(keysym)
    table = {}
    for d in sorted(dead - NOT_ACCENTS):
        accent = pairs.get((d, d))
        if not accent or len(accent) != 1 or unicodedata.combining(accent):
            continue
        found = {}
        for ch, keysyms in sorted(typed.items()):
            texts = {pairs[(d, k)] for k in keysyms if (d, k) in pairs}
            if len(texts) > 1:
                raise ValueError(f"{d} then « {ch} » composes {texts}: two keysyms, two texts")
            if texts:
                found[ch] = texts.pop()
        if (d, "space") in pairs:
            found[" "] = pairs[(d, "space")]
        if accent in table:
            raise ValueError(f"two dead keys give {accent!r}")
        table[accent] = dict(sorted(found.items()))
    return {"source": f"{COMPOSE} (libx11-data), sequences of two keys; made by tools/xkb_layouts.py",
            "compose": table}


def generate(name: str) -> dict:
    layout, variant, model, _, _ = LAYOUTS[name]
    return extract(name, compile_keymap(layout, model, variant), keysym_chars(), compose_pairs())


def dump(data: dict) -> str:
    """JSON, one line per key, per character and per dead key (short diffs)."""
    def one(value):
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for name, value in data.items():
        if isinstance(value, dict) and value and isinstance(next(iter(value.values())), (dict, str)):
            inner = ",\n".join(f"  {one(k)}: {one(v)}" for k, v in value.items())
            lines.append(f" {one(name)}: {{\n{inner}\n }}")
        else:
            lines.append(f" {one(name)}: {one(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files, write nothing")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("names", nargs="*", default=list(LAYOUTS))
    args = parser.parse_args(argv)
    differ = []
    made = {}
    for name in args.names:
        made[name] = generate(name)
    files = {f"{name}.json": dump(data) for name, data in made.items()}
    if set(args.names) == set(LAYOUTS):  # the program's compose table, from every layout's dead keys
        files["compose.json"] = dump(compose_table(list(made.values()), compose_pairs()))
    for filename, text in files.items():
        name = filename.removesuffix(".json")
        path = args.out / filename
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if differ:
        print("differ from X's data: " + ", ".join(differ) + " (run: xvfb-run -a python tools/xkb_layouts.py)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
