"""Editing a line of text as a text box does: the caret, a selection, the
keys that erase and move.  Pure functions over an immutable :class:`Line`,
shared by the ``field`` step and the practice workspace of the undo steps."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Line:
    value: str
    caret: int
    anchor: int | None = None  # the other end of the selection, None when nothing is selected

    def selection(self) -> tuple[int, int] | None:
        """(start, end) of the selected text, None when nothing is selected."""
        if self.anchor is None or self.anchor == self.caret:
            return None
        return (min(self.anchor, self.caret), max(self.anchor, self.caret))

    def selected(self) -> str:
        sel = self.selection()
        return self.value[sel[0]:sel[1]] if sel else ""


def _cut(line: Line, start: int, end: int) -> Line:
    return Line(line.value[:start] + line.value[end:], start)


def insert(line: Line, text: str) -> Line:
    """Typed text replaces the selection, or goes in at the caret."""
    sel = line.selection()
    if sel:
        line = _cut(line, *sel)
    return Line(line.value[:line.caret] + text + line.value[line.caret:], line.caret + len(text))


def key(line: Line, name: str, shift: bool = False) -> Line | None:
    """A special key: the new line, or None when the key does not edit
    (Entrée, Échap...).  Shift with an arrow, Début or Fin selects."""
    sel = line.selection()
    n = len(line.value)
    if name in ("backspace", "delete"):
        if sel:
            return _cut(line, *sel)
        if name == "backspace" and line.caret > 0:
            return _cut(line, line.caret - 1, line.caret)
        if name == "delete" and line.caret < n:
            return _cut(line, line.caret, line.caret + 1)
        return Line(line.value, line.caret)
    moves = {"left": line.caret - 1, "right": line.caret + 1, "home": 0, "end": n, "up": 0, "down": n}
    if name not in moves:
        return None
    target = min(max(moves[name], 0), n)
    if shift:
        return Line(line.value, target, line.caret if line.anchor is None else line.anchor)
    if sel and name in ("left", "right"):  # an arrow first collapses the selection on its side
        target = sel[0] if name == "left" else sel[1]
    return Line(line.value, target)


def word_at(value: str, index: int) -> tuple[int, int] | None:
    """The word at a character position, with the spaces after it (as a
    double click selects in a word processor, so that erasing it leaves one
    space); the space before it for the last word.  None on a space."""
    if not value:
        return None
    index = min(max(index, 0), len(value) - 1)
    if value[index].isspace():
        if index > 0 and not value[index - 1].isspace():
            index -= 1  # just after a word: that word
        else:
            return None
    start = index
    while start > 0 and not value[start - 1].isspace():
        start -= 1
    end = index
    while end < len(value) and not value[end].isspace():
        end += 1
    after = end
    while after < len(value) and value[after].isspace():
        after += 1
    if after > end:
        return (start, after)
    before = start
    while before > 0 and value[before - 1].isspace():
        before -= 1
    return (before, end)


def select_word(line: Line, index: int) -> Line:
    span = word_at(line.value, index)
    if span is None:
        return Line(line.value, min(max(index, 0), len(line.value)))
    return Line(line.value, span[1], span[0])


def collapse(line: Line) -> Line:
    return replace(line, anchor=None)


# a key held down repeats as in an editor: Retour arrière, Suppr, the arrows
REPEATING = ("backspace", "delete", "left", "right")
REPEAT_DELAY = 0.6  # seconds held before the first repeat (a little longer than an editor's 0.5)
REPEAT_EVERY = 0.1  # then ten a second (editors: about thirty; beginners erase carefully)
