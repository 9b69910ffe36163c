"""What the memo's pages say and show, made from the lessons themselves.

Pure data, no PDF and no pygame: :mod:`trainer.memo.pdf` draws it.

- :func:`skill_sheet`: one page per lesson (a lesson teaches one skill):
  its title, what the learner can do afterwards (the lesson's ``learned``),
  what to remember (its instructions, once each), and drawings: the keys to
  press on the keyboard in use, as they are printed on it (« @ » on AZERTY
  is AltGr + the key « 0 à »), and the mouse gestures (which button, how
  many times, hold and move, the wheel);
- :func:`keys_sheet`: « Les touches à connaître », what each special key
  does, drawn with the names printed on the keyboard in use;
- :func:`personal_sheet`: « Ce que j'ai appris aujourd'hui », for one person
  and one day, from the progress store.
"""
from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .. import key_words, keyboards
from ..keyboards import Layout, Press
from ..report import french_date

#: the step kinds done with the mouse (or a finger), and how the drawing shows them
MOUSE_GESTURES = {
    "click": ("left", 1, False),
    "hover": ("none", 0, False),
    "double_click": ("left", 2, False),
    "right_click": ("right", 1, False),
    "drag": ("left", 1, True),
    "scroll": ("wheel", 1, False),
}
#: the special keys of « Les touches à connaître », in the order a beginner meets them: two pages
KNOWN_KEYS = (("write", ("space", "enter", "backspace", "delete", "left")),
              ("signs", ("shift", "caps_lock", "altgr", "escape")))
MAX_REMINDERS = 6  # sentences under « À retenir »: one page, large type


@dataclass(frozen=True)
class KeyCap:
    """One key as it is printed: its legends (``top``: with Maj, ``bottom``:
    alone, ``right``: with AltGr; a special key has only ``name``), and which
    of them the drawing marks (``wanted``: "top", "bottom", "right" or "name")."""

    key_id: str
    name: str | None = None
    top: str | None = None
    bottom: str | None = None
    right: str | None = None
    wanted: str = "name"
    width: float = 1.0  # in key units, as on the keyboard (capped for the page)


@dataclass(frozen=True)
class KeyCombo:
    """Keys to press for one character or one action: ``presses`` one after
    the other (a dead key, then a letter); each press is the keys held
    together (Maj + A).  ``caption``: what it gives (« @ », « É »)."""

    caption: str | None  # None: a special key, its name is on it
    presses: tuple  # tuple of tuples of KeyCap
    note: str | None = None  # a sentence under the drawing (« l'une après l'autre »)


@dataclass(frozen=True)
class MouseGesture:
    """The mouse, its ``button`` marked ("left", "right", "wheel", "none"),
    pressed ``times``, with ``drag`` an arrow for moving while holding; with
    ``touch``, a finger instead: a tap (``times``), a long press ("right"),
    sliding (``drag``, or "wheel": up the page)."""

    caption: str
    button: str
    times: int = 1
    drag: bool = False
    touch: bool = False  # a finger on a touch screen: tap, hold ("right"), slide ("wheel" or drag)


@dataclass
class Sheet:
    """One A4 page."""

    title: str
    lead: str | None = None  # the first sentence, larger
    reminders: list[str] = field(default_factory=list)
    drawings: list = field(default_factory=list)  # KeyCombo and MouseGesture
    footer: str | None = None
    kind: str = "skill"  # "skill", "keys", "personal"
    lesson_id: str | None = None


# -- keys as printed ---------------------------------------------------------------

def _printed(ch: str | None) -> str | None:
    """A legend as keyboards print it: letters in capitals, the space unnamed."""
    if ch is None or ch == " ":
        return None
    return ch.upper() if ch.isascii() and ch.isalpha() else ch  # (« é », « à » are printed small)


def keycap(layout: Layout, key_id: str, level: str | None = None) -> KeyCap:
    """The key ``key_id`` of ``layout`` with ``level`` ("base", "shift",
    "altgr") marked; a special key (Entrée, Maj…) by its printed name."""
    key = layout.key(key_id)
    if key is None:
        return KeyCap(key_id, name=key_id)
    if key.base is None or key_id == "Space":
        return KeyCap(key_id, name=key.label or key_id, width=min(key.width, 3.0))
    bottom, top = _printed(key.base), key.shift
    if key.base.isalpha() and key.shift == key.base.upper():
        top = None  # a letter key shows its capital once
    wanted = {"base": "bottom", "shift": "top" if top else "bottom", "altgr": "right"}.get(level or "base")
    return KeyCap(key_id, top=top, bottom=bottom, right=key.altgr, wanted=wanted)


def _held(layout: Layout, key_id: str) -> KeyCap:
    key = layout.key(key_id)
    return KeyCap(key_id, name=(key.label if key is not None and key.label else key_id),
                  width=min(key.width, 2.0) if key is not None else 1.0)


def _press_caps(layout: Layout, press: Press) -> tuple:
    caps = []
    if press.shift:
        caps.append(_held(layout, "ShiftLeft"))
    if press.altgr:
        caps.append(_held(layout, "AltRight"))
    level = "altgr" if press.altgr else "shift" if press.shift else "base"
    caps.append(keycap(layout, press.key, level))
    return tuple(caps)


def char_combo(layout: Layout, ch: str, tr) -> KeyCombo | None:
    """How to type ``ch`` on ``layout`` (None when it cannot)."""
    recipe = layout.recipe(ch)
    if not recipe:
        return None
    presses = tuple(_press_caps(layout, p) for p in recipe)
    note = None
    if len(presses) > 1:
        note = tr.t("memo.note.one_after_other")
    elif len(presses[0]) > 1:
        note = tr.t("memo.note.hold_first")
    caption = tr.t("keyboard.space_char") if ch == " " else tr.t("keyboard.char", char=ch)
    return KeyCombo(caption, presses, note)


def key_combo(layout: Layout, name: str, tr, caption: str | None = None) -> KeyCombo:
    """A special key by its name in the lessons ("enter", "backspace"…)."""
    key_id = keyboards.KEY_NAMES.get(name, name)
    cap = _held(layout, key_id)
    if caption is None and key_id in ("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"):
        caption = tr.t(f"key.{name}")  # (an arrow key has no name printed on it)
    return KeyCombo(caption, ((cap,),))


def _shortcut(layout: Layout, letter_key: str, caption: str, tr) -> KeyCombo:
    return KeyCombo(caption, ((_held(layout, "ControlLeft"), keycap(layout, letter_key)),),
                    tr.t("memo.note.hold_first"))


def _worth_drawing(layout: Layout, ch: str) -> bool:
    """A character whose keys a beginner looks for: anything but a plain
    lower-case letter typed by its own key."""
    recipe = layout.recipe(ch)
    if recipe is None or ch == " ":  # (the space bar has its own lesson: a key step draws it)
        return False
    if len(recipe) > 1 or recipe[0].shift or recipe[0].altgr:
        return True
    return not (ch.isalpha() and ch.islower() and ch.isascii())


# -- one page per lesson -------------------------------------------------------------

def _step_chars(step) -> str:
    settings = step.settings
    if step.kind in ("letters", "type", "field"):
        return str(settings.get("text") or "")
    return ""


def _mouse_caption(kind: str, tr, touch: bool = False) -> str:
    return tr.t(f"memo.{'touch' if touch else 'mouse'}.{kind}")


def skill_sheet(lesson, layout: Layout, tr, touch: bool = False, max_keys: int = 8) -> Sheet:
    """The page of one lesson, in ``tr``'s language (its texts in that
    language where the lesson has them), with the keys of ``layout``."""
    language = tr.language
    sheet = Sheet(title=lesson.text("title", language) or lesson.title,
                  lead=key_words.fill(lesson.learned_for(touch, language) or lesson.intro_for(touch, language),
                                      layout, tr, touch),
                  kind="skill", lesson_id=lesson.id)
    seen_reminders: set[str] = set()
    drawn: set = set()
    for step in lesson.steps:
        instruction = key_words.fill(step.instruction_for(touch, language), layout, tr, touch,
                                     current=step.settings.get("text") if isinstance(step.settings.get("text"), str)
                                     else None)
        if instruction and instruction not in seen_reminders and len(sheet.reminders) < MAX_REMINDERS:
            seen_reminders.add(instruction)
            sheet.reminders.append(instruction)
        if step.kind in MOUSE_GESTURES and step.kind not in drawn:
            drawn.add(step.kind)
            button, times, drag = MOUSE_GESTURES[step.kind]
            sheet.drawings.append(MouseGesture(_mouse_caption(step.kind, tr, touch), button, times, drag, touch))
        elif step.kind == "key":
            for name in step.settings.get("keys", ()):
                if ("key", name) not in drawn:
                    drawn.add(("key", name))
                    sheet.drawings.append(key_combo(layout, name, tr))
        elif step.kind in ("undo", "redo"):
            which = step.kind
            if which not in drawn:
                drawn.add(which)
                letter = _key_of(layout, "z" if which == "undo" else "y") or ("KeyZ" if which == "undo" else "KeyY")
                sheet.drawings.append(_shortcut(layout, letter, tr.t(f"memo.shortcut.{which}"), tr))
        for ch in _step_chars(step):
            ch = unicodedata.normalize("NFC", ch)
            if ch not in drawn and _worth_drawing(layout, ch):
                combo = char_combo(layout, ch, tr)
                if combo is not None:
                    drawn.add(ch)
                    sheet.drawings.append(combo)
        if step.kind in ("type", "field") and step.settings.get("submit") and ("key", "enter") not in drawn:
            drawn.add(("key", "enter"))
            sheet.drawings.append(key_combo(layout, "enter", tr))
        if step.kind == "field" and _erases(step.settings) and ("key", "backspace") not in drawn:
            drawn.add(("key", "backspace"))
            sheet.drawings.append(key_combo(layout, "backspace", tr))
    sheet.drawings = _note_once(sheet.drawings[:max_keys])
    sheet.footer = tr.t("memo.footer.skill", level=lesson.level)
    return sheet


def _note_once(drawings: list) -> list:
    """The same note under every drawing says nothing more: the first one keeps it."""
    seen: set = set()
    out = []
    for d in drawings:
        note = getattr(d, "note", None)
        if note is not None and note in seen:
            d = KeyCombo(d.caption, d.presses, None)
        seen.add(note)
        out.append(d)
    return out


def _key_of(layout: Layout, ch: str) -> str | None:
    recipe = layout.recipe(ch)
    return recipe[0].key if recipe and len(recipe) == 1 else None


def _erases(settings: dict) -> bool:
    initial, text = str(settings.get("initial") or ""), str(settings.get("text") or "")
    return bool(initial) and not text.startswith(initial)


# -- the keys to know ------------------------------------------------------------------

def keys_sheets(layout: Layout, tr) -> list[Sheet]:
    """« Les touches à connaître »: each special key, as printed on this
    keyboard, and what it does (two pages: writing and correcting; capitals
    and signs)."""
    has_altgr = any(key.altgr for key in layout.keys())
    sheets = []
    for page, names in KNOWN_KEYS:
        sheet = Sheet(title=tr.t(f"memo.keys.title.{page}"), lead=tr.t("memo.keys.lead", keyboard=layout.title),
                      kind="keys")
        for name in names:
            if name == "altgr" and not has_altgr:
                continue  # (a US keyboard: its right Alt types nothing more)
            combo = key_combo(layout, name, tr)
            sheet.drawings.append(KeyCombo(None, combo.presses, tr.t(f"memo.keys.{name}")))
        sheet.footer = tr.t("memo.footer.keys")
        sheets.append(sheet)
    return sheets


# -- what I learned today ------------------------------------------------------------------

def _day_bounds(day: date) -> tuple[float, float]:
    start = datetime.combine(day, datetime.min.time())
    return time.mktime(start.timetuple()), time.mktime((start + timedelta(days=1)).timetuple())


def lessons_done_on(store, learner, day: date) -> list[tuple[str, str]]:
    """The lessons ``learner`` finished on ``day`` (local time), in the order done: (id, title)."""
    return store.lessons_done_between(learner.id, *_day_bounds(day))


def personal_sheet(store, learner, day: date, lessons, tr, touch: bool = False, done=None) -> Sheet:
    """« Ce que j'ai appris aujourd'hui » for ``learner`` on ``day`` (local
    time): each lesson done that day and what it taught, in the order done;
    ``lessons``: the lessons known (by id) for their ``learned`` sentence;
    ``done``: :func:`lessons_done_on`, when it was read already."""
    by_id = {lesson.id: lesson for lesson in lessons}
    if done is None:
        done = lessons_done_on(store, learner, day)
    language = tr.language
    sheet = Sheet(title=tr.t("memo.personal.title"),
                  lead=tr.t("memo.personal.lead", name=learner.name, day=french_date(day, tr)),
                  kind="personal")
    for lesson_id, title in done:
        lesson = by_id.get(lesson_id)
        if lesson is None:
            sheet.reminders.append(title)
            continue
        learned = lesson.learned_for(touch, language) or lesson.text("title", language)
        sheet.reminders.append(learned)
    if not done:
        sheet.reminders.append(tr.t("memo.personal.nothing"))
    sheet.footer = tr.n("memo.footer.personal", len(done))
    return sheet


# -- the whole memo --------------------------------------------------------------------

def memo_sheets(lessons, layout: Layout, tr, lesson_ids=None, touch: bool = False) -> list[Sheet]:
    """The memo of skills: the keys to know, then one page per lesson (every
    lesson given, in their order; or only those of ``lesson_ids``, in that order);
    ``touch``: for a tablet (the finger's gestures, the lessons' touch texts)."""
    if lesson_ids:
        by_id = {lesson.id: lesson for lesson in lessons}
        chosen = [by_id[i] for i in lesson_ids if i in by_id]
    else:
        chosen = list(lessons)
    return keys_sheets(layout, tr) + [skill_sheet(lesson, layout, tr, touch) for lesson in chosen]


def day_sheets(store, learner, day: date, lessons, layout: Layout, tr, touch: bool = False) -> list[Sheet]:
    """After a workshop: « Ce que j'ai appris aujourd'hui », then the page of each lesson done that day."""
    done = lessons_done_on(store, learner, day)
    by_id = {lesson.id: lesson for lesson in lessons}
    return [personal_sheet(store, learner, day, lessons, tr, touch, done)] + [
        skill_sheet(by_id[i], layout, tr, touch) for i, _ in done if i in by_id]
