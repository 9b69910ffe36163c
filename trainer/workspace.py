"""The practice workspace of the undo steps: a line of text and a few things
(cards, photos) in places or in the bin, with a real undo history.

Pure logic, no pygame.  Every change (a letter typed, a word erased, a card
moved) is one entry of the history; moving the caret or selecting is not a
change.  The steps compare :meth:`Content.key` values: the text with its
spaces tidied (erasing « chat » from « le chat dort » by selecting only the
word leaves two spaces, which is still « le dort ») and where each thing is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import textedit, i18n
from .undo import History

BIN = "Corbeille"  # the place name of the bin
KEYBOARD, BUTTON = "keyboard", "button"


@dataclass(frozen=True)
class Content:
    """What the history records: the text and the place of each thing."""

    text: str
    places: tuple[str, ...]  # the place of each item, in the order of the items

    def key(self) -> tuple:
        return (" ".join(self.text.split()), self.places)


def find_word(text: str, word: str) -> tuple[int, int] | None:
    """Where the whole word is in the text (the first time), with the spaces
    a double click would select with it; None when it is not there."""
    match = re.search(rf"(?<!\S){re.escape(word)}(?!\S)", text)
    if match is None:
        return None
    return textedit.word_at(text, match.start()) if " " not in word.strip() else (match.start(), match.end())


@dataclass(frozen=True)
class Mistake:
    """A change a lesson names: erase a word, throw a thing in the bin, move it."""

    action: str  # delete | bin | move
    target: str  # the word, or the label of the thing
    to: str | None = None  # the place, for move

    @classmethod
    def from_setting(cls, raw: dict) -> "Mistake":
        if "delete" in raw:
            return cls("delete", raw["delete"])
        if "bin" in raw:
            return cls("bin", raw["bin"], BIN)
        return cls("move", raw["move"], raw.get("to"))

    def describe(self, tr=None) -> str:
        """What happened, for the message the program shows (in ``tr``'s language, French by default)."""
        tr = tr or i18n.french()
        if self.action == "delete":
            return tr.t("practice.deleted", word=self.target)
        if self.action == "bin":
            return tr.t("practice.binned", thing=self.target)
        return tr.t("practice.moved", thing=self.target, place=self.to)


class Workspace:
    def __init__(self, text: str = "", items=(), places=(), start=(), has_text: bool | None = None,
                 limit: int = 200):
        self.items: tuple[str, ...] = tuple(items)  # labels
        self.place_names: tuple[str, ...] = tuple(places)
        start = tuple(start) or tuple(self.place_names[:1] * len(self.items))
        self.has_text = bool(text) if has_text is None else has_text
        self.history: History[Content] = History(Content(text, start), limit)
        self.line = textedit.Line(text, len(text))
        self.undos = {KEYBOARD: 0, BUTTON: 0}
        self.redos = {KEYBOARD: 0, BUTTON: 0}
        self.changes = 0  # changes made by the learner (not by undo or redo)

    # -- what it holds ------------------------------------------------------
    @property
    def content(self) -> Content:
        return self.history.present

    @property
    def text(self) -> str:
        return self.content.text

    def place_of(self, item: int) -> str:
        return self.content.places[item]

    def item_index(self, label: str) -> int | None:
        return self.items.index(label) if label in self.items else None

    def can_erase(self) -> bool:
        return self.line.selection() is not None or self.line.caret > 0

    # -- changes ------------------------------------------------------------
    def _record(self, content: Content, line: textedit.Line | None = None) -> bool:
        changed = self.history.do(content)
        if line is not None:
            self.line = line
        return changed

    def type(self, text: str) -> bool:
        line = textedit.insert(self.line, text)
        return self._learner(self._record(replace(self.content, text=line.value), line))

    def key(self, name: str, shift: bool = False) -> bool:
        """A special key; True when the text changed (moving the caret is not a change)."""
        line = textedit.key(self.line, name, shift)
        if line is None:
            return False
        return self._learner(self._record(replace(self.content, text=line.value), line))

    def erase(self) -> bool:
        """The on-screen « Effacer »: the selection, else the letter before the caret."""
        return self.key("backspace")

    def place_caret(self, index: int) -> None:
        self.line = textedit.Line(self.text, min(max(index, 0), len(self.text)))

    def select_word(self, index: int) -> bool:
        self.line = textedit.select_word(self.line, index)
        return self.line.selection() is not None

    def move(self, item: int, place: str) -> bool:
        places = list(self.content.places)
        places[item] = place
        return self._learner(self._record(replace(self.content, places=tuple(places))))

    def _learner(self, changed: bool) -> bool:
        if changed:
            self.changes += 1
        return changed

    def apply(self, mistake: Mistake) -> bool:
        """The program makes a change itself (it is undone like any other)."""
        content = apply_mistake(self.content, mistake, self.items)
        if content is None:
            return False
        caret = self.line.caret
        if content.text != self.text:
            span = find_word(self.text, mistake.target)
            caret = span[0] if span else min(caret, len(content.text))
        return self._record(content, textedit.Line(content.text, min(caret, len(content.text))))

    # -- undo and redo ------------------------------------------------------
    def undo(self, by: str = KEYBOARD) -> bool:
        before = self.text
        if self.history.undo() is None:
            return False
        self.undos[by] += 1
        self._caret_after(before)
        return True

    def redo(self, by: str = KEYBOARD) -> bool:
        before = self.text
        if self.history.redo() is None:
            return False
        self.redos[by] += 1
        self._caret_after(before)
        return True

    def _caret_after(self, before: str) -> None:
        """After an undo or a redo, the caret goes to the end of what changed."""
        after = self.text
        if after == before:
            self.line = textedit.Line(after, min(self.line.caret, len(after)))
            return
        suffix = 0
        while suffix < min(len(before), len(after)) and before[-1 - suffix] == after[-1 - suffix]:
            suffix += 1
        self.line = textedit.Line(after, len(after) - suffix)

    def undo_by(self) -> str | None:
        keyboard, button = self.undos[KEYBOARD], self.undos[BUTTON]
        if keyboard and button:
            return "both"
        return KEYBOARD if keyboard else (BUTTON if button else None)


def apply_mistake(content: Content, mistake: Mistake, items) -> Content | None:
    """The content after a named change, or None when it cannot be made
    (the word is not in the text, the thing is already there)."""
    if mistake.action == "delete":
        span = find_word(content.text, mistake.target)
        if span is None:
            return None
        return replace(content, text=content.text[:span[0]] + content.text[span[1]:])
    items = tuple(items)
    if mistake.target not in items:
        return None
    index = items.index(mistake.target)
    if content.places[index] == mistake.to:
        return None
    places = list(content.places)
    places[index] = mistake.to
    return replace(content, places=tuple(places))


def apply_all(content: Content, mistakes, items) -> Content | None:
    for mistake in mistakes:
        content = apply_mistake(content, mistake, items)
        if content is None:
            return None
    return content
