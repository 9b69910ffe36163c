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

A file that cannot be opened at all when the program starts (another
program holds it, the disk is full while it is made or migrated, its folder
is not writable yet, a stick not mounted yet): the store is *detached*
(:attr:`PendingWrites.detached`).  It works on an empty database in memory
(what the screens read), every write is kept — the people added, their
settings and the device's, as well as the lessons' writes — and the file is
tried again about once a second (:meth:`retry_pending`, never waiting).
When it opens, what was kept is written into it in order, the provisional
ids resolved (a person added meanwhile under a name already in the file is
that person), and only then does the store read the file
(:attr:`reconnected` tells the program once, to refresh what it holds).

Each kept write is also in a journal on the disk (:mod:`.journal`), so that
a killed program loses none of it: the next start writes it.
"""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from datetime import date

from ..i18n import Message
from .records import reason

#: the errors that pass: the file will take writes again (a lock, a full
#: disk, a stick's hiccup); anything else (a constraint) is not retried
TRANSIENT = ("locked", "busy", "full", "no space", "disk i/o", "readonly", "read-only", "unable to open",
             "out of memory", "interrupted")

RETRY_EVERY = 1.0  # seconds between two tries while something is kept



#: the writes that carry an id of another kept write (remapped when a journal is read again)
REFERENCES = ("learner_id", "session_id", "attempt_id")


class Detached(sqlite3.OperationalError):
    """The progress file could not be opened when the program started
    (``cause``: why); every write is kept until it can."""

    def __init__(self, cause: BaseException):
        super().__init__(str(cause))
        self.cause = cause


def transient(exc: BaseException) -> bool:
    if isinstance(exc, Detached):
        return True
    if isinstance(exc, sqlite3.IntegrityError):
        return False
    return any(word in str(exc).lower() for word in TRANSIENT)


@dataclass
class _Write:
    """One write kept for later: its kind, its values, its provisional id."""

    # "session", "end_session", "attempt", "step", "finish_attempt"; while
    # detached also "learner", "learner_set", "device_setting"
    kind: str
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
        self.detached = None  # why the file could not be opened at start (an exception): see the module
        self.reconnected = False  # the file opened after a start without it (the program refreshes, and clears it)
        self._journal = None  # the journal of kept writes (.journal.Journal), beside the file
        self._uid_map: dict[str, str] = {}  # a person added while detached -> the same name's uid in the file

    # -- what the screens see ------------------------------------------------
    @property
    def pending_count(self) -> int:
        """How many writes are kept in memory, waiting for the file."""
        return len(self._pending)

    @property
    def waiting(self) -> bool:
        """Something is kept, or the file itself is awaited: keep retrying."""
        return bool(self._pending) or self.detached is not None

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
            if info is None or self.real_id(info["learner_id"]) != self.real_id(learner_id):
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
            write.provisional = self._new_provisional()
        self._queue(write)
        return write.provisional if write.provisional is not None else True

    def _new_provisional(self) -> int:
        self._next_provisional -= 1
        return self._next_provisional + 1

    def _queue(self, write: _Write) -> None:
        """Keep ``write`` in memory, and in the journal on the disk."""
        self._pending.append(write)
        if self._journal is not None:
            self._journal.append(self._entry(write))
        if self.detached is not None:
            self._kept(Detached(self.detached))

    def _entry(self, write: _Write) -> dict:
        """A kept write as a journal line: the ids of rows already written
        are the rows' own (a provisional id means nothing to the next run)."""
        values = dict(write.values)
        for key in REFERENCES:
            if isinstance(values.get(key), int):
                values[key] = self.real_id(values[key])
        return {"kind": write.kind, "values": values, "provisional": write.provisional}

    def _kept(self, exc) -> None:
        cause = exc.cause if isinstance(exc, Detached) else exc
        which = "store.kept_start" if self.detached is not None else "store.kept"
        self._kept_warning = Message(which, reason=reason(cause))
        self.warning = self._kept_warning
        self.recovered = None

    def retry_pending(self, now: float) -> bool:
        """Try again to write what is kept, at most every :data:`RETRY_EVERY`
        seconds of ``now``, without waiting for a lock.  True when all of it
        was written by this call (the banner changes)."""
        if not self.waiting or now < self._next_retry:
            return False
        self._next_retry = now + RETRY_EVERY
        if self.detached is not None:
            return self._reattach()  # (the store: open the file, without waiting)
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
        """Write what is kept, in order, all in one durable transaction (one
        wait for the disk, not one per write: 200 kept steps are written in
        a few milliseconds, not half a second); a write that can never be made
        (its learner deleted meanwhile) is left out, and one the file still
        refuses leaves everything kept.  True when all is written."""
        if not self._pending:
            return False
        if self.detached is not None:
            self._kept(Detached(self.detached))
            return False
        db = self.db
        added: list[int] = []  # provisional ids mapped by this batch (forgotten if it fails)
        dropped = 0
        try:
            db.execute("BEGIN IMMEDIATE")
            for write in self._pending:
                db.execute("SAVEPOINT kept")
                try:
                    result = self._apply(write)
                except sqlite3.Error as exc:
                    if transient(exc):
                        raise
                    result = None  # never writable (its learner was deleted meanwhile): not retried forever
                except (KeyError, TypeError, ValueError, AttributeError):
                    result = None  # a journal line that is not one of ours
                if result is None:
                    db.execute("ROLLBACK TO kept")
                    dropped += 1
                elif write.provisional is not None:
                    self._real_ids[write.provisional] = result
                    added.append(write.provisional)
                db.execute("RELEASE kept")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            for provisional in added:
                del self._real_ids[provisional]
            self._refused = exc
            self._kept(exc)
            return False
        self.dropped += dropped
        self._pending.clear()
        self._wrote()
        if self._journal is not None:
            self._journal.remove()
        self._all_written()
        return True

    def _all_written(self) -> None:
        if self.warning is self._kept_warning:
            self.warning = None
        self._kept_warning = None
        self.recovered = Message("store.saved_again")
        if self._journal is not None and self._journal.released:
            self._journal.make_reserve()  # the disk has room again: set the reserve aside again

    def flush_before_closing(self, wait: float = 2.0) -> bool:
        """The program closes: a last try, waiting up to ``wait`` seconds for
        a lock.  True when nothing is left unwritten."""
        if self.detached is not None:
            self._reattach()  # (a last try to open the file; what stays kept is in the journal)
            return not self.waiting
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
        """Make one kept write in the file.  Each can be made twice without
        counting twice (a journal read again after a kill): a session, an
        attempt or a person already there (same uid) is found again, a step
        replaces itself, an end or a setting is the same again."""
        if self.detached is not None:
            raise Detached(self.detached)
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            result = self._apply(write)
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

    def _apply(self, write: _Write):
        """The statements of one kept write (inside a transaction); the new
        row's id for a session, an attempt or a person, else True."""
        db = self.db
        v = write.values
        result = True
        if write.kind == "session":
            result = self._make_session(v)
        elif write.kind == "end_session":
            db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?",
                       (v["ended_at"], self._written(v["session_id"])))
        elif write.kind == "attempt":
            result = self._uid_row("attempts", v["uid"])
            if result is None:
                session_id = self._written(v["session_id"])
                learner_id = self._written(v["learner_id"]) if v["learner_id"] else db.execute(
                    "SELECT learner_id FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
                result = db.execute(
                    "INSERT INTO attempts (uid, session_id, learner_id, lesson_id, lesson_title, step_count, "
                    "started_at, first_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (v["uid"], session_id, learner_id, v["lesson_id"], v["lesson_title"], v["step_count"],
                     v["started_at"], v["first_step"])).lastrowid
        elif write.kind == "step":
            attempt_id = self._written(v["attempt_id"])
            r = v["result"]
            db.execute(  # (a step made again keeps its row: an upsert, not a replace)
                "INSERT INTO step_results (attempt_id, step_index, kind, finished_at, duration, misses, hints, "
                "target_size, input, successes, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (attempt_id, step_index) DO UPDATE SET kind = excluded.kind, "
                "finished_at = excluded.finished_at, duration = excluded.duration, misses = excluded.misses, "
                "hints = excluded.hints, target_size = excluded.target_size, input = excluded.input, "
                "successes = excluded.successes, details = excluded.details",
                (attempt_id, v["step_index"], r["kind"], v["finished_at"], round(r["duration"], 3), r["misses"],
                 r["hints"], r["target_size"], r["input"], r["successes"], v["details"]))
            db.execute("UPDATE attempts SET status = 'done', finished_at = ? "
                       "WHERE id = ? AND status != 'done' AND ? + 1 >= step_count",
                       (v["finished_at"], attempt_id, v["step_index"]))
        elif write.kind == "finish_attempt":
            db.execute("UPDATE attempts SET status = ?, finished_at = ? WHERE id = ? AND status != 'done'",
                       (v["status"], v["finished_at"], self._written(v["attempt_id"])))
        elif write.kind == "learner":
            result = self._make_learner(v)
        elif write.kind == "learner_set":
            self._make_learner_set(self._written(v["learner_id"]), v)
        elif write.kind == "device_setting":
            self._make_device_setting(v["key"], v["value"])
        else:
            raise ValueError(write.kind)
        return result

    def _uid_row(self, table: str, uid):
        row = self.db.execute(f"SELECT id FROM {table} WHERE uid = ?", (uid,)).fetchone()
        return row[0] if row else None

    def _make_session(self, v: dict) -> int:
        found = self._uid_row("sessions", v["uid"])
        if found is not None:
            return found
        learner_id = self._written(v["learner_id"]) if v["learner_id"] else self._guest_row()  # 0: the guest
        place = (v.get("setting", "outside"), v.get("workshop_id"), v.get("device_uid"), v.get("device_name"))
        if v.get("detached"):  # begun before the file could be read: where it was, as the file says
            place = self._place_in_file(learner_id, v["started_at"], place)
        return self.db.execute("INSERT INTO sessions (uid, learner_id, started_at, setting, workshop_id, device_uid, "
                               "device_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (v["uid"], learner_id, v["started_at"], *place)).lastrowid

    def _place_in_file(self, learner_id: int, started_at: float, place: tuple) -> tuple:
        """A session begun while the file could not be read: « à la maison »
        when the file says the device is lent to this learner, the workshop
        the file names for that day, else « hors atelier »; the device's own
        identity from the file."""
        device_uid = self.device_setting("device_uid")
        device = (device_uid if isinstance(device_uid, str) and device_uid else place[2], place[3])
        row = self.db.execute("SELECT uid FROM learners WHERE id = ?", (learner_id,)).fetchone()
        home = self.device_setting("home_learner")
        if row is not None and home is not None and home == row[0]:
            return ("home", None, *device)
        chosen = self.device_setting("workshop")
        if isinstance(chosen, dict) and chosen.get("day") == date.fromtimestamp(started_at).isoformat():
            found = self.db.execute("SELECT id FROM workshops WHERE uid = ?", (chosen.get("uid"),)).fetchone()
            if found is not None:
                return ("workshop", found[0], *device)
        return ("outside", None, *device)

    def _make_learner(self, v: dict) -> int:
        """A person added while the file could not be read: the same uid is
        that person again; the same name (the tile was not shown) is the
        person of the file; else a new person."""
        found = self._uid_row("learners", v["uid"])
        if found is not None:
            return found
        if v.get("is_guest"):
            return self._guest_row()
        same = self.db.execute("SELECT id, uid FROM learners WHERE is_guest = 0 AND same_as IS NULL "
                               "AND name = ? COLLATE NOCASE ORDER BY id LIMIT 1", (v["name"],)).fetchone()
        if same is not None:
            self._uid_map[v["uid"]] = same[1]
            return same[0]
        return self.db.execute("INSERT INTO learners (uid, name, colour, created_at) VALUES (?, ?, ?, ?)",
                               (v["uid"], v["name"], v["colour"], v["created_at"])).lastrowid

    def _make_learner_set(self, learner_id: int, v: dict) -> None:
        if "name" in v:
            self.db.execute("UPDATE learners SET name = ? WHERE id = ?", (v["name"], learner_id))
        if "colour" in v:
            self.db.execute("UPDATE learners SET colour = ? WHERE id = ?", (v["colour"], learner_id))
        if "settings" in v:
            row = self.db.execute("SELECT settings FROM learners WHERE id = ?", (learner_id,)).fetchone()
            try:
                settings = json.loads(row[0]) if row else {}
            except (TypeError, ValueError):
                settings = {}
            settings = settings if isinstance(settings, dict) else {}
            for key, value in v["settings"].items():
                if value is None:
                    settings.pop(key, None)
                else:
                    settings[key] = value
            self.db.execute("UPDATE learners SET settings = ? WHERE id = ?",
                            (json.dumps(settings, ensure_ascii=False, sort_keys=True), learner_id))

    def _make_device_setting(self, key: str, value) -> None:
        """A device setting changed while the file could not be read: written
        only where the file has none.  Whoever changed it could not be asked
        the facilitator's code (it is in the file), so the file's code, its
        wrong tries, the lent device, the lesson folders, the lock, the
        language... are never replaced by what was done meanwhile."""
        if value is None:
            return
        if key == "home_learner":
            value = self._uid_map.get(value, value)
        self.db.execute("INSERT OR IGNORE INTO device_settings (key, value) VALUES (?, ?)",
                        (key, json.dumps(value, ensure_ascii=False)))

    # -- the journal of an earlier run --------------------------------------------
    def _resume_journal(self) -> None:
        """What an earlier run kept and could not write (killed before the
        file took it): kept again, and written now if the file takes it."""
        if self._journal is None or not self._journal.exists():
            return
        remap: dict[int, int | None] = {}
        for entry in self._journal.read():
            values = dict(entry["values"])
            for key in REFERENCES:
                old = values.get(key)
                if isinstance(old, int) and old < 0:
                    values[key] = remap.get(old)  # (None: a write never made: what needs it is dropped)
            write = _Write(entry["kind"], values)
            old = entry.get("provisional")
            if isinstance(old, int) and old < 0:
                write.provisional = remap[old] = self._new_provisional()
            self._pending.append(write)  # (already in the journal)
        if not self._pending:
            self._journal.remove()
        elif self.detached is not None:
            self._kept(Detached(self.detached))
        else:
            self.flush_pending()

    # -- forgetting a deleted person's kept writes ------------------------------------
    def _kept_of(self, learner_id, uid) -> list[_Write]:
        """The kept writes about this person (to forget with them)."""
        ids = {learner_id, self.real_id(learner_id)}
        ids |= {p for p, r in self._real_ids.items() if r in ids}
        sessions, attempts, found = set(), set(), []
        for write in self._pending:
            v, kind = write.values, write.kind
            if kind == "learner":
                mine = write.provisional in ids
            elif kind == "learner_set":
                mine = v.get("learner_id") in ids
            elif kind == "session":
                mine = v.get("learner_id") in ids
                if mine:
                    sessions.add(write.provisional)
            elif kind == "attempt":
                mine = v.get("learner_id") in ids or v.get("session_id") in sessions \
                    or self._owner("sessions", v.get("session_id")) in ids
                if mine:
                    attempts.add(write.provisional)
            elif kind in ("step", "finish_attempt"):
                mine = v.get("attempt_id") in attempts or self._owner("attempts", v.get("attempt_id")) in ids
            elif kind == "end_session":
                mine = v.get("session_id") in sessions or self._owner("sessions", v.get("session_id")) in ids
            else:
                mine = kind == "device_setting" and v.get("key") == "home_learner" and v.get("value") == uid
            if mine:
                found.append(write)
        return found

    def _owner(self, table: str, some_id):
        """The learner of a session or an attempt already written (None if unknown)."""
        real = self.real_id(some_id)
        if not isinstance(real, int) or real < 0 or self.detached is not None:
            return None
        try:
            row = self.db.execute(f"SELECT learner_id FROM {table} WHERE id = ?", (real,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def _forget_kept(self, writes: list[_Write]) -> None:
        if not writes:
            return
        gone = {id(w) for w in writes}
        self._pending = [w for w in self._pending if id(w) not in gone]
        if self._journal is not None:
            self._journal.rewrite([self._entry(w) for w in self._pending])

    def _wrote(self) -> None:
        """A write went through: a « cannot save » banner from an earlier
        failed write is not true any more."""
        if self._write_warning is not None and self.warning is self._write_warning:
            self.warning = self._kept_warning  # (what is still kept is still said)
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
    def _result_values(result) -> dict:
        """What a step's row takes from its result (kept as plain values: the journal)."""
        return {"kind": result.kind, "duration": float(result.duration), "misses": result.misses,
                "hints": result.hints, "target_size": result.target_size, "input": result.input,
                "successes": result.successes}

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
