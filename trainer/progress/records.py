"""What the store hands out besides learners: finished steps, and its error."""
from __future__ import annotations

import errno
from operator import itemgetter

from ..i18n import Message


class StoreError(Exception):
    """A write that could not be made (the disk is full, the file is busy…);
    ``reason`` says why (a :class:`trainer.i18n.Message`).  ``started`` is False when the
    transaction could not even begin (nothing was tried)."""

    def __init__(self, reason, started: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.started = started


def reason(exc: BaseException) -> Message:
    """Why a write failed, as a message (:class:`trainer.i18n.Message`: French
    text that the interface shows in its language), for a sentence « … (le
    disque est plein) »."""
    exc = getattr(exc, "cause", None) or exc  # (a file awaited since the start: why it could not be opened)
    text = str(exc).lower()
    if "full" in text or "no space" in text:
        return Message("store.reason.full")
    if "locked" in text or "busy" in text:  # (SQLite's English never reaches the screen)
        return Message("store.reason.busy")
    if "readonly" in text or "read-only" in text or "permission" in text or "unable to open" in text:
        return Message("store.reason.read_only")
    if "disk i/o" in text:
        return Message("store.reason.disk")
    if any(w in text for w in ("malformed", "not a database", "corrupt", "encrypted")):
        return Message("store.reason.damaged")
    if type(exc).__module__ == "sqlite3":  # another SQLite message: in English, not for the screen
        return Message("store.reason.file")
    if getattr(exc, "unplugged", False):  # (a stick not plugged in: .privacy.NotPluggedIn)
        return Message("store.reason.unplugged")
    if isinstance(exc, OSError):  # the system's words may be English too: by their number
        if exc.errno == errno.ENOSPC:
            return Message("store.reason.full")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return Message("store.reason.read_only")
        if exc.errno in (errno.EIO, errno.ENODEV, errno.ENXIO):
            return Message("store.reason.disk")
        return Message("store.reason.file")
    return Message("store.reason.error", error=str(exc))


def reason_of(message):
    """Why the store cannot be used, from its :attr:`ProgressStore.warning` (None when it does not say)."""
    return (getattr(message, "values", None) or {}).get("reason")


def not_saved(exc: BaseException) -> Message:
    """The banner when progress cannot be written."""
    return Message("store.not_saved", reason=reason(exc))


class StepRecord(tuple):
    """One finished step as stored, read-only: the session it was finished
    in, its kind, when it was finished, how long it took, its missed tries,
    its successes, and the kind's typed :attr:`details` (its module's
    ``Details``), read from their JSON only when asked for (most figures
    never need them).

    A tuple of the store's row (``StepRecord(row)``, made in C for every row
    of a report over 100,000 steps); :meth:`of` for one made by hand."""

    FIELDS = ("session_id", "kind", "finished_at", "duration", "misses", "successes", "stored_details")

    session_id = property(itemgetter(0))
    kind = property(itemgetter(1))
    finished_at = property(itemgetter(2))
    duration = property(itemgetter(3))
    misses = property(itemgetter(4))
    successes = property(itemgetter(5))
    stored_details = property(itemgetter(6))  # as stored: JSON text (or an object)

    @classmethod
    def of(cls, kind: str, finished_at: float, duration: float, misses: int, successes: int,
           stored_details=None, session_id: int | None = None) -> StepRecord:
        return cls((session_id, kind, finished_at, duration, misses, successes, stored_details))

    @property
    def details(self):
        cached = self.__dict__
        details = cached.get("details")
        if details is None:
            details = cached["details"] = _read_details(self[1], self[6])
        return details

    def __repr__(self) -> str:
        shown = [f"{name}={value!r}" for name, value in zip(self.FIELDS[:-1], self)]
        return f"StepRecord({', '.join(shown)}, details={self.details!r})"


def _read_details(kind, stored):
    global _read_details
    from ..activities import read_details  # the step kinds are imported when first needed

    _read_details = read_details
    return read_details(kind, stored)
