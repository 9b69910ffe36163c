"""Riding out bad moments: the writes of a lesson kept until they can be made.

A disk that fills, a progress file locked by another program (a backup, an
antivirus, a second copy of the program): the session, the lesson attempts
and the finished steps of that moment are kept in memory, in order, and
written as soon as the file takes writes again (:meth:`PendingWrites.retry_pending`,
called by the main loop about once a second, never waiting for a lock).
The ids handed out meanwhile are provisional (negative); once written, they
stand for the real rows, so the screens never need to know.

While something is kept, :attr:`warning` says so in French (« gardés en
attente »); when all is written, the warning goes and :attr:`recovered`
says once that it is done.

Only these writes are kept: a session, an attempt, a step, the end of an
attempt or a session.  The facilitator's own changes (a name, a setting)
are not: they fail visibly and can be made again.
"""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field

from ..i18n import Message
from .records import reason

#: the errors that pass: the file will take writes again (a lock, a full
#: disk, a stick's hiccup); anything else (a constraint) is not retried
TRANSIENT = ("locked", "busy", "full", "no space", "disk i/o", "readonly", "read-only", "unable to open",
             "out of memory", "interrupted")

RETRY_EVERY = 1.0  # seconds between two tries while something is kept


def transient(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.IntegrityError):
        return False
    return any(word in str(exc).lower() for word in TRANSIENT)


@dataclass
class _Write:
    """One write kept for later: its kind, its values, its provisional id."""

    kind: str  # "session", "end_session", "attempt", "step", "finish_attempt"
    values: dict = field(default_factory=dict)
    provisional: int | None = None


class PendingWrites:
    """The part of :class:`~trainer.progress.ProgressStore` that keeps the
    writes of a lesson while the file cannot take them."""

    GUEST = ("Invité", "#5F6368")  # (the store's guest: its name and colour)

    def _pending_init(self) -> None:
        self._pending: list[_Write] = []
        self._real_ids: dict[int, int] = {}  # provisional id -> the row's id once written
        self._next_provisional = -1
        self._next_retry = float("-inf")
        self._kept_warning = None  # the warning this part set (it clears it)
        self.recovered = None  # a Message, once, when everything kept was written
        self.dropped = 0  # kept writes that could not be made at all (their learner was deleted...)
        self._write_warning = None  # the warning of a failed write that was not kept (it clears too)

    # -- what the screens see ------------------------------------------------
    @property
    def pending_count(self) -> int:
        """How many writes are kept in memory, waiting for the file."""
        return len(self._pending)

    def real_id(self, some_id):
        """The row's id for an id this store handed out (provisional or not)."""
        if isinstance(some_id, int) and some_id < 0:
            return self._real_ids.get(some_id, some_id)
        return some_id

    # -- what the menu reads: the file, and what is kept for it ------------------
    def pending_attempts(self, learner_id, session_id=None) -> list[dict]:
        """The attempts of this learner that writes kept for later touch (a
        new attempt, or steps of one already written), oldest first: each
        with ``lesson_id``, ``step_count``, ``first_step``, ``steps`` (the
        step indexes done, kept or written) and ``done``."""
        if not self._pending:
            return []
        attempts: dict = {}
        for write in self._pending:
            v = write.values
            if write.kind == "attempt":
                attempts[write.provisional] = {
                    "lesson_id": v["lesson_id"], "step_count": v["step_count"], "first_step": v["first_step"],
                    "learner_id": v["learner_id"], "session_id": v["session_id"], "steps": set(), "done": False}
            elif write.kind == "step":
                key = v["attempt_id"]
                if key not in attempts:
                    attempts[key] = self._written_attempt(self.real_id(key))
                if attempts[key] is not None:
                    attempts[key]["steps"].add(v["step_index"])
        found = []
        for info in attempts.values():
            if info is None or info["learner_id"] != learner_id:
                continue
            if session_id is not None and self.real_id(info["session_id"]) != self.real_id(session_id):
                continue
            info["done"] = info["done"] or set(range(info["first_step"], info["step_count"])) <= info["steps"]
            found.append(info)
        return found

    def _written_attempt(self, attempt_id) -> dict | None:
        if not isinstance(attempt_id, int) or attempt_id < 0:
            return None
        try:
            row = self.db.execute("SELECT lesson_id, step_count, first_step, learner_id, session_id, status "
                                  "FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            if row is None:
                return None
            steps = {r[0] for r in self.db.execute("SELECT step_index FROM step_results WHERE attempt_id = ?",
                                                   (attempt_id,))}
        except sqlite3.Error:
            return None
        return {"lesson_id": row[0], "step_count": row[1], "first_step": row[2], "learner_id": row[3],
                "session_id": row[4], "steps": steps, "done": row[5] == "done"}

    def with_pending_states(self, states: dict, learner_id, session_id=None) -> dict:
        """The menu's lesson states, with the lessons begun or finished while
        the file could not take them."""
        for info in self.pending_attempts(learner_id, session_id):
            if info["done"]:
                states[info["lesson_id"]] = "done"
            else:
                states.setdefault(info["lesson_id"], "started")
        return states

    def pending_resume_point(self, learner_id, lesson_id: str, step_count: int, session_id=None) -> int | None:
        """Where the lesson stopped, when its last attempt is touched by kept
        writes (None: ask the file)."""
        last = [a for a in self.pending_attempts(learner_id, session_id) if a["lesson_id"] == lesson_id]
        if not last:
            return None
        info = last[-1]
        if info["done"] or info["step_count"] != step_count:
            return 0
        point = max(info["first_step"], max(info["steps"]) + 1 if info["steps"] else info["first_step"])
        return point if 0 <= point < step_count else 0

    # -- the writes of a lesson ----------------------------------------------
    def _keep(self, kind: str, **values):
        """Make one write now, or keep it for later when the file cannot take
        it for a while.  Returns the new row's id (a provisional one if kept)
        for a session or an attempt, True for the others; None when it failed
        for good (nothing kept)."""
        write = _Write(kind, values)
        if self._pending:
            self.flush_pending()  # what came first is written first
        if not self._pending:
            try:
                return self._make(write)
            except sqlite3.Error as exc:
                if not transient(exc):
                    self._write_failed(exc)
                    return None
                self._kept(exc)
        if kind in ("session", "attempt"):
            write.provisional = self._next_provisional
            self._next_provisional -= 1
        self._pending.append(write)
        return write.provisional if write.provisional is not None else True

    def _kept(self, exc) -> None:
        self._kept_warning = Message("store.kept", reason=reason(exc))
        self.warning = self._kept_warning
        self.recovered = None

    def retry_pending(self, now: float) -> bool:
        """Try again to write what is kept, at most every :data:`RETRY_EVERY`
        seconds of ``now``, without waiting for a lock.  True when all of it
        was written by this call (the banner changes)."""
        if not self._pending or now < self._next_retry:
            return False
        self._next_retry = now + RETRY_EVERY
        try:
            self.db.execute("PRAGMA busy_timeout = 0")
        except sqlite3.Error:
            pass
        try:
            return self.flush_pending()
        finally:
            try:
                self.db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            except sqlite3.Error:
                pass

    def flush_pending(self) -> bool:
        """Write what is kept, in order, each in its own transaction; stop at
        the first one the file still refuses.  True when all is written."""
        if not self._pending:
            return False
        while self._pending:
            write = self._pending[0]
            try:
                self._make(write)
            except sqlite3.Error as exc:
                if transient(exc):
                    self._kept(exc)
                    return False
                self.dropped += 1  # never writable (its learner was deleted meanwhile): not retried forever
            self._pending.pop(0)
        if self.warning is self._kept_warning:
            self.warning = None
        self._kept_warning = None
        self.recovered = Message("store.saved_again")
        return True

    def flush_before_closing(self, wait: float = 2.0) -> bool:
        """The program closes: a last try, waiting up to ``wait`` seconds for
        a lock.  True when nothing is left unwritten."""
        if not self._pending:
            return True
        try:
            self.db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
            self.flush_pending()
        except sqlite3.Error:
            pass
        return not self._pending

    # -- one write, in one durable transaction --------------------------------
    def _make(self, write: _Write):
        db = self.db
        v = write.values
        db.execute("BEGIN IMMEDIATE")
        try:
            result = True
            if write.kind == "session":
                learner_id = v["learner_id"] or self._guest_row()  # 0: the guest the store could not write
                cur = db.execute("INSERT INTO sessions (uid, learner_id, started_at, setting, workshop_id, device_uid, "
                                 "device_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (v["uid"], learner_id, v["started_at"], v.get("setting", "outside"),
                                  v.get("workshop_id"), v.get("device_uid"), v.get("device_name")))
                result = cur.lastrowid
            elif write.kind == "end_session":
                db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?",
                           (v["ended_at"], self._written(v["session_id"])))
            elif write.kind == "attempt":
                session_id = self._written(v["session_id"])
                learner_id = v["learner_id"] or db.execute(
                    "SELECT learner_id FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
                cur = db.execute(
                    "INSERT INTO attempts (uid, session_id, learner_id, lesson_id, lesson_title, step_count, "
                    "started_at, first_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (v["uid"], session_id, learner_id, v["lesson_id"], v["lesson_title"], v["step_count"],
                     v["started_at"], v["first_step"]))
                result = cur.lastrowid
            elif write.kind == "step":
                attempt_id = self._written(v["attempt_id"])
                r = v["result"]
                db.execute(
                    "INSERT OR REPLACE INTO step_results (attempt_id, step_index, kind, finished_at, duration, "
                    "misses, hints, target_size, input, successes, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (attempt_id, v["step_index"], r.kind, v["finished_at"], round(r.duration, 3), r.misses,
                     r.hints, r.target_size, r.input, r.successes, v["details"]))
                db.execute("UPDATE attempts SET status = 'done', finished_at = ? "
                           "WHERE id = ? AND status != 'done' AND ? + 1 >= step_count",
                           (v["finished_at"], attempt_id, v["step_index"]))
            elif write.kind == "finish_attempt":
                db.execute("UPDATE attempts SET status = ?, finished_at = ? WHERE id = ? AND status != 'done'",
                           (v["status"], v["finished_at"], self._written(v["attempt_id"])))
            else:  # pragma: no cover
                raise ValueError(write.kind)
            db.execute("COMMIT")
        except BaseException:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise
        if write.provisional is not None:
            self._real_ids[write.provisional] = result
        self._wrote()
        return result

    def _wrote(self) -> None:
        """A write went through: a « cannot save » banner from an earlier
        failed write is not true any more."""
        if self._write_warning is not None and self.warning is self._write_warning:
            self.warning = None
        self._write_warning = None

    def _written(self, some_id) -> int:
        """The row's id of an id handed out; an IntegrityError when its own
        write was never made (dropped): the writes that need it go too."""
        real = self.real_id(some_id)
        if real is None or real < 0:
            raise sqlite3.IntegrityError("kept write refers to a row never written")
        return real

    def _guest_row(self) -> int:
        """The guest's row (made now if the store could not make it before)."""
        row = self.db.execute("SELECT id FROM learners WHERE is_guest = 1 ORDER BY id LIMIT 1").fetchone()
        if row is not None:
            return row[0]
        return self.db.execute(
            "INSERT INTO learners (uid, name, colour, is_guest, created_at) VALUES (?, ?, ?, 1, ?)",
            (uuid.uuid4().hex, self.GUEST[0], self.GUEST[1], time.time())).lastrowid

    @staticmethod
    def _details_json(result) -> str:
        details = result.details
        stored = details if isinstance(details, dict) else details.to_json()  # a dict: from a test or an import
        return json.dumps(stored, ensure_ascii=False, sort_keys=True)


def failure_reason(exc: BaseException):
    """Why the progress file failed under a command (a :class:`trainer.i18n.Message`
    in French, never SQLite's English), or None when ``exc`` is not the file's."""
    if isinstance(exc, sqlite3.Error):
        return reason(exc)
    return None
