"""Lesson texts that name keys, true on every keyboard.

A lesson says which keys type a character with a placeholder, not with the
keys of one keyboard: ``{touches:@}`` is « AltGr + à » on the French AZERTY,
« AltGr + é » on the Belgian one, « AltGr + 2 » on the Swiss French QWERTZ,
« Maj + « @ » » on a US keyboard, « la touche « @ » » on the AZERTY AFNOR (a key of its own),
from the layout the learner's keyboard is set to (:mod:`trainer.keyboards`).
``{touches}`` alone names the keys of the character the step asks for now (a
``letters`` step that asks 1, 2, 3, 4 one after the other).  The placeholder is
the same in every language's text.

On a touch screen the drawn keyboard's Maj and AltGr are tapped before the key
(they stay down for one key): « AltGr, puis à ».  A character the keyboard
cannot type is written as itself (« œ »): the step offers the long press or
« Passer ce signe ».

``trainer validate`` warns (:func:`recipe_warnings`) about a key recipe written
literally (« AltGr + à », « la touche AltGr enfoncée et tapez « à » ») that does
not type the same character on every supported keyboard.

Pure: no pygame, no store.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import i18n, keyboards
from .keyboards import CAPS, Layout, Press

PLACEHOLDER = re.compile(r"\{touches(?::(.))?\}", re.S)
#: a modifier written in a text, and what it means (Shift, AltGr)
MODIFIERS = {"maj": (True, False), "shift": (True, False), "altgr": (False, True), "alt gr": (False, True),
             "altcar": (False, True), "alt car": (False, True)}
_MOD = r"(maj|shift|alt\s?gr|alt\s?car)"
#: « AltGr + à », « Maj+2 », « Maj + AltGr + é »
_CHORD = re.compile(_MOD + r"(?:\s*\+\s*" + _MOD + r")?\s*\+\s*(?:la touche\s+)?[«“\"]?\s*(\S)", re.I)
#: « la touche AltGr enfoncée et tapez « à » », « Touchez la touche AltGr, puis la touche « à » »,
#: « Hold the AltGr key down and type “à” »
_HELD = re.compile(r"\b" + _MOD + r"\b[^«“\"\n+]{0,60}?[«“\"]\s*(\S)\s*[»”\"]", re.I)


def key_name(layout: Layout, key_id: str, tr, shift: bool = False) -> str:
    """How a text names a key of this keyboard: its character (« à », « ^ »; with
    Maj alone, the character printed for Maj: « 1 » of the French « & » key, as a
    beginner reads the keycap), or its name for a special key (« Espace »)."""
    if key_id == CAPS:
        return tr.t("key.caps_lock")
    if key_id == "Space":
        return tr.t("key.space")
    if key_id == "Enter":
        return tr.t("key.enter")
    if key_id == "Tab":
        return "Tab"
    key = layout.key(key_id)
    if key is None or not key.base:
        return key_id
    name = key.shift if shift and key.shift and not key.is_dead("shift") else key.base
    # a sign is quoted (« Maj + « . » »: the full stop of the sentence stays apart); a letter or digit is not
    return name if name.isalnum() else tr.t("keyboard.char", char=name)


def press_words(layout: Layout, press: Press, tr, touch: bool = False) -> str:
    """« AltGr + à » (held together); on a touch screen « AltGr, puis à » (tapped in turn)."""
    names = []
    if press.shift:
        names.append(tr.t("key.shift"))
    if press.altgr:
        names.append(layout.key("AltRight").label or tr.t("key.altgr"))
    names.append(key_name(layout, press.key, tr, press.shift and not press.altgr))
    if touch:
        return _then(names, tr)
    return " + ".join(names)


def _then(parts: list[str], tr) -> str:
    out = parts[0]
    for part in parts[1:]:
        out = tr.t("keys.then", first=out, then=part)
    return out


def keys_words(ch: str, layout: Layout, tr=None, touch: bool = False, system: str | None = None) -> str:
    """The keys that type ``ch`` on ``layout``, in words: « AltGr + à », « ^, puis e »,
    « Verr. Maj, puis é, puis Verr. Maj »; the character itself (« œ ») when this
    keyboard has no keys for it."""
    tr = tr or i18n.french()
    ch = unicodedata.normalize("NFC", ch)
    recipe = layout.recipe(ch, system)
    if not recipe:
        return tr.t("keyboard.char", char=ch)
    if len(recipe) == 1 and not (recipe[0].shift or recipe[0].altgr):  # one key: « la touche @ »
        return tr.t("keys.key", key=key_name(layout, recipe[0].key, tr))
    return _then([press_words(layout, p, tr, touch) for p in recipe], tr)


def fill(text: str | None, layout: Layout, tr=None, touch: bool = False, current: str | None = None,
         system: str | None = None) -> str | None:
    """``text`` with its placeholders written for this keyboard: ``{touches:X}`` the
    keys of X, ``{touches}`` those of ``current`` (the character asked now; the
    placeholder is left out when there is none; several characters: the keys of
    each, in turn, as a printed memo says them)."""
    if not text or "{touches" not in text:
        return text
    tr = tr or i18n.french()

    def one(m):
        chars = m.group(1) if m.group(1) is not None else current
        if not chars:
            return ""
        chars = [ch for ch in dict.fromkeys(unicodedata.normalize("NFC", chars)) if ch.strip()]
        if len(chars) == 1:
            return keys_words(chars[0], layout, tr, touch, system)
        # several: a printed memo names each character the step asks and its keys, in turn (« â avec ^, puis a »)
        return tr.t("keys.list_separator").join(tr.t("keys.for", char=ch, keys=keys_words(ch, layout, tr, touch,
                                                                                              system))
                                                 for ch in chars)

    return PLACEHOLDER.sub(one, text)


def literal_recipes(text: str):
    """The key recipes written literally in a text: (what was written, shift, altgr, key character)."""
    for pattern in (_CHORD, _HELD):
        for m in pattern.finditer(PLACEHOLDER.sub("", text)):
            groups = [g for g in m.groups()]
            mods, key = [g for g in groups[:-1] if g], groups[-1]
            shift = any(MODIFIERS[re.sub(r"\s+", " ", g.lower())][0] for g in mods)
            altgr = any(MODIFIERS[re.sub(r"\s+", " ", g.lower())][1] for g in mods)
            yield m.group(0), shift, altgr, key


def recipe_result(layout: Layout, shift: bool, altgr: bool, key_char: str) -> str | None:
    """What « modifiers + the key printed « key_char » » types on this keyboard (None:
    no such key).  Letters are matched whatever their case (« Maj + A »)."""
    for key in layout.keys():
        if key.base is None or key.id == "Space":
            continue
        if key.base == key_char or (key.is_letter() and key.base == key_char.lower()):
            return layout.char_for(key.id, shift, altgr)
    return None


def recipe_warnings(lesson) -> list:
    """``trainer validate``'s warnings about key recipes written in a lesson's texts
    (instruction, touch instruction, hints, intro, in every language) that do not type
    the same character on every supported keyboard: write ``{touches:X}`` instead."""
    from .lesson import Problem  # (the lesson package imports the step kinds: not at import time)

    lines = _lines(lesson.path)
    out = []
    texts = [(1, lesson.intro), (1, lesson.touch_intro)]
    for own in lesson.translations.values():
        texts += [(1, own.get("intro")), (1, own.get("touch_intro"))]
    for step in lesson.steps:
        for text in (step.instruction, step.touch_instruction, step.hint, step.touch_hint):
            texts.append((step.line, text))
        for own in step.translations.values():
            for name in ("instruction", "touch_instruction", "hint", "touch_hint"):
                texts.append((step.line, own.get(name)))
    seen = set()
    out += _placeholder_warnings(lesson, lines, texts)
    for line, text in texts:
        if not isinstance(text, str):
            continue
        for written, shift, altgr, key_char in literal_recipes(text):
            results = {name: recipe_result(keyboards.LAYOUTS[name], shift, altgr, key_char)
                       for name in keyboards.LAYOUTS}
            french = {results[n] for n in keyboards.FRENCH_LAYOUTS}
            if len(set(results.values())) == 1 and None not in french:
                continue
            wanted = results.get("azerty") or next((r for r in results.values() if r), None)
            wrong = [keyboards.LAYOUTS[n].title for n, r in results.items() if r != wanted]
            at = _line_of(lines, written, line)
            if (at, written) in seen:
                continue
            seen.add((at, written))
            out.append(Problem(lesson.path, at, i18n.Message(
                "lesson.warn.literal_keys", keys=written.strip(), char=wanted or key_char,
                layouts=", ".join(wrong))))
    return out


#: the step kinds that ask for a character (``{touches}`` alone names its keys)
ASKING_KINDS = ("letters", "type", "field")
_ANY = re.compile(r"\{\s*touches?\b[^}]*\}?", re.I)


def _placeholder_warnings(lesson, lines, texts) -> list:
    """A placeholder written wrong (``{touches:@@}``, ``{touche:@}``), ``{touches}`` alone in a
    step that asks for no character, or a placeholder where the program does not fill it
    (the title, « learned », the text to type)."""
    from .lesson import Problem  # (the lesson package imports the step kinds: not at import time)

    out, seen = [], set()

    def warn(line, written, message_id):
        at = _line_of(lines, written, line)
        if (at, written, message_id) not in seen:  # (a touch text made from the instruction: once)
            seen.add((at, written, message_id))
            out.append(Problem(lesson.path, at, i18n.Message(message_id, text=written)))

    asking = {step.line: step.kind in ASKING_KINDS for step in lesson.steps}
    for line, text in texts:
        if not isinstance(text, str):
            continue
        for m in _ANY.finditer(text):
            if not PLACEHOLDER.fullmatch(m.group(0)):
                warn(line, m.group(0), "lesson.warn.keys_placeholder")
            elif m.group(0) == "{touches}" and not asking.get(line, False):
                warn(line, m.group(0), "lesson.warn.keys_placeholder_alone")
    others = [(1, lesson.title), (1, lesson.learned), (1, lesson.touch_learned)]
    for own in lesson.translations.values():
        others += [(1, own.get("title")), (1, own.get("learned")), (1, own.get("touch_learned"))]
    for step in lesson.steps:
        text = step.settings.get("text")
        others.append((step.line, text if isinstance(text, str) else None))
    for line, text in others:
        for m in _ANY.finditer(text or ""):
            warn(line, m.group(0), "lesson.warn.keys_placeholder_here")
    return out


def _lines(path) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError, TypeError, ValueError):
        return []


def _line_of(lines: list[str], written: str, start: int) -> int:
    """The line of the file where ``written`` is, at or after ``start`` (else ``start``)."""
    for i in range(max(start - 1, 0), len(lines)):
        if written in lines[i]:
            return i + 1
    return start
