"""An undo history of immutable states: do, undo, redo.

The history keeps snapshots (any immutable value: a frozen dataclass, a
tuple...).  ``do`` records a new state after the present one and forgets
what could have been redone; ``undo`` and ``redo`` move in the history.
The oldest states are dropped beyond ``limit`` so that memory stays small
whatever a learner does.
"""
from __future__ import annotations

from typing import Generic, TypeVar

S = TypeVar("S")

DEFAULT_LIMIT = 200


class History(Generic[S]):
    def __init__(self, initial: S, limit: int = DEFAULT_LIMIT):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._past: list[S] = []  # oldest first
        self._present = initial
        self._future: list[S] = []  # the next state to redo last

    @property
    def present(self) -> S:
        return self._present

    @property
    def can_undo(self) -> bool:
        return bool(self._past)

    @property
    def can_redo(self) -> bool:
        return bool(self._future)

    def __len__(self) -> int:
        """How many states are kept, the present one included."""
        return len(self._past) + 1 + len(self._future)

    def do(self, state: S) -> bool:
        """Record a new state.  A state equal to the present one is not a
        change (False).  A change forgets what could have been redone."""
        if state == self._present:
            return False
        self._past.append(self._present)
        if len(self._past) > self.limit:
            del self._past[: len(self._past) - self.limit]
        self._present = state
        self._future.clear()
        return True

    def undos_to(self, wanted) -> int | None:
        """How many undos bring back the most recent earlier state for which
        ``wanted(state)`` is true (0: the present one); None if none does."""
        if wanted(self._present):
            return 0
        for back, state in enumerate(reversed(self._past), start=1):
            if wanted(state):
                return back
        return None

    def undo(self) -> S | None:
        """Go back one state; None (and nothing changes) when there is none."""
        if not self._past:
            return None
        self._future.append(self._present)
        self._present = self._past.pop()
        return self._present

    def redo(self) -> S | None:
        """Go forward one state again; None when nothing was undone."""
        if not self._future:
            return None
        self._past.append(self._present)
        self._present = self._future.pop()
        return self._present
