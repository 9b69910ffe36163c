"""The progress store itself: the connection, its checks and migrations,
the writes, and the queries of the screens.

Write-ahead logging with ``synchronous=FULL``: a power cut or a killed
process loses at most the step in progress.  Every write is one short
transaction.  The schema carries a version (``PRAGMA user_version``) and
migrations are an ordered list.

A database that cannot be opened is moved aside with a dated name (never
deleted) and a new one is started.  A file that cannot be opened for now
(another program holds it, a full disk, a folder not writable yet) is tried
again about once a second while everything done meanwhile is kept
(:mod:`.pending`); :attr:`ProgressStore.warning` says so in French.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..i18n import Message
from . import schema
from .exchange_rows import ExchangeRows
from .journal import Journal
from .pending import Detached, PendingWrites, _Write
from .privacy import PrivateStore, private_file, private_folder, secure
from .records import StepRecord
from .records import not_saved as _not_saved
from .report_rows import PlaceRows, ReportRows
from .schema import ATTEMPT_DONE
from .workshops import WorkshopRows, readable_learner

DB_NAME = "progres.sqlite3"
COLOURS = ["#1F5FAD", "#B5451B", "#2E7D32", "#7B3FA0", "#00796B", "#A05A00", "#C2185B", "#455A64"]
GUEST_NAME = "Invité"



@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    colour: str
    is_guest: bool
    settings: dict


def new_uid() -> str:
    """A random identity that stays the same on every device (export, import)."""
    return uuid.uuid4().hex


def default_data_dir() -> Path:
    import platformdirs  # (only when no data folder is given)

    return Path(platformdirs.user_data_dir("pas-a-pas", appauthor=False))


class _Newer(Exception):
    """The file was written by a newer version of the program."""


class ProgressStore(PendingWrites, PrivateStore, ExchangeRows, ReportRows, PlaceRows, WorkshopRows):
    """The only code that runs SQL: the program, the command line, the
    export, the import and the report all go through it.  Its methods for
    the export and the import are in :mod:`.exchange_rows`, for the report in
    :mod:`.report_rows`."""

    #: checked when the file is opened, even with ``defer_check``: what the first
    #: screen reads (the learner tiles, the device's settings)
    FIRST_TABLES = ("sqlite_schema", "learners", "device_settings")
    GUEST = (GUEST_NAME, "#5F6368")  # the guest's name and colour (also for a guest written late: .pending)

    def __init__(self, path: Path | str | None, defer_check: bool = False, busy_timeout: float = 5.0):
        """Open (or create) the store.  ``None`` keeps everything in memory.

        The whole file is checked (``PRAGMA quick_check``) before it is used.
        With ``defer_check`` (the program) only the tables of the first screen
        are checked at once, and the rest by :meth:`finish_check` just after
        the first frame: on 100,000 steps the whole check takes ~55 ms that a
        learner would wait in front of a blank screen.  A file that needs a
        migration is always checked whole first.

        ``busy_timeout``: how long a write waits for another program holding
        the file (the program: a tenth of a second, then the write is kept for
        later, :mod:`.pending`; the command line may wait longer)."""
        self.path = Path(path) if path is not None else None
        self.busy_timeout = busy_timeout
        self.newer = False  # the file was written by a newer version: left untouched, not used
        self._pending_init()
        # (messages: trainer.i18n.Message, read as French, shown in the interface's language)
        self.warning: str | None = None  # shown on screen
        self.notice: str | None = None   # shown once (a file moved aside)
        self.defer_check = defer_check
        self.check_pending = False  # the rest of the file is still to be checked
        self._journal = Journal(self.path) if self.path is not None else None
        self.db = self._open()
        self.reserve_due = False  # the reserve is yet to be set aside (the program: after its first frame)
        if self.newer:
            self._journal = None  # a newer version's folder: nothing written beside its file either
        elif self.detached is None and self._journal is not None:
            self.reserve_due = True
            if not defer_check:
                self.make_reserve()
        self._resume_journal()  # what a killed run kept and could not write

    def make_reserve(self) -> None:
        """Set aside the room the journal needs when the disk fills (see
        :mod:`.journal`; ~4 ms the first time: the program does it after its
        first frame)."""
        self.reserve_due = False
        if self._journal is not None and self.detached is None:
            self._journal.make_reserve()

    # -- opening ----------------------------------------------------------
    def _connect(self, target: str, timeout: float | None = None) -> sqlite3.Connection:
        db = sqlite3.connect(target, isolation_level=None, timeout=self.busy_timeout if timeout is None else timeout)
        db.execute("PRAGMA foreign_keys=ON")
        secure(db)  # a deleted row's bytes are overwritten (see .privacy)
        if target != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
        return db

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            db = self._connect(":memory:")
            self._migrate(db)
            return db
        if self._newer_version(self._header_version()):  # read from the file's header: nothing touched
            return self._refuse_newer()
        try:
            return self._open_file(self.defer_check)
        except _Newer:
            return self._refuse_newer()
        except sqlite3.DatabaseError as exc:
            self.check_pending = False
            return self._start_anew(exc)
        except OSError as exc:
            return self._memory_fallback(exc)

    def _open_file(self, defer_check: bool, timeout: float | None = None) -> sqlite3.Connection:
        """The file, checked and migrated; raises what kept it from opening."""
        private_folder(self.path.parent, own=self._own_folder())  # 0700 on POSIX (see .privacy)
        private_file(self.path)  # 0600, and so its -wal and -shm
        db = self._connect(str(self.path), timeout)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if self._newer_version(version):
                raise _Newer()
            up_to_date = version == len(schema.MIGRATIONS)
            if defer_check and up_to_date:
                for table in self.FIRST_TABLES:
                    self._check(db, f"PRAGMA quick_check({table})")
                self.check_pending = True
            else:
                self._check(db, "PRAGMA quick_check")
            self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _reattach(self) -> bool:
        """Detached (see :mod:`.pending`): try the file again, without
        waiting.  When it opens, what was kept is written into it, in order;
        then (and only then, all of it written) the store reads the file.
        True when that happened."""
        if self._newer_version(self._header_version()):
            self.detached = None
            self._pending.clear()
            if self._journal is not None:
                self._journal.remove()  # (our own journal: the newer file itself is not touched)
            self._journal = None
            self._refuse_newer().close()
            return False
        try:
            db = self._open_file(False, timeout=0)
        except _Newer:
            return False  # (said by the header next time)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not self._damaged(exc):
                return self._still_detached(exc)
            moved = self._move_aside()
            if moved is None:
                return False
            self.notice = Message("store.moved", name=moved.name)
            try:
                db = self._open_file(False, timeout=0)
            except (sqlite3.Error, OSError, _Newer) as exc2:
                return self._still_detached(exc2)
        except OSError as exc:
            return self._still_detached(exc)
        memory, cause = self.db, self.detached
        self.db, self.detached = db, None  # (for the writes below: all of them, or none)
        self._refused = cause
        if self._pending and not self.flush_pending():
            db.close()  # refused (all or nothing): it all waits, the screens still read memory
            self.db = memory
            return self._still_detached(self._refused)
        memory.close()
        self._all_written()
        self.reconnected = True
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        except sqlite3.Error:
            pass
        self.make_reserve()
        return True

    def _still_detached(self, exc) -> bool:
        self.detached = exc  # (the banner says the latest reason)
        self._kept(Detached(exc))
        return False

    def _here(self, some_id):
        """An id as the database in use knows it: while detached, memory
        holds its rows under their provisional ids; else the file's id of a
        provisional one (:meth:`~.pending.PendingWrites.real_id`)."""
        return some_id if self.detached is not None else self.real_id(some_id)

    # -- a file from a newer version: refused, left untouched ------------------
    def _header_version(self) -> int | None:
        """``PRAGMA user_version`` read from the file's header (bytes 60-63)
        without opening it as a database; None when there is no such file."""
        try:
            with open(self.path, "rb") as f:
                header = f.read(100)
        except OSError:
            return None
        if len(header) < 100 or not header.startswith(b"SQLite format 3\0") \
                or header[18] not in (1, 2) or header[19] not in (1, 2) or header[21:24] != b"\x40\x20\x20":
            return None  # not a sound header: a damaged file (moved aside), not a newer one
        return int.from_bytes(header[60:64], "big", signed=True)

    @staticmethod
    def _newer_version(version) -> bool:
        return isinstance(version, int) and version > len(schema.MIGRATIONS)

    def _refuse_newer(self) -> sqlite3.Connection:
        """The file was written by a newer version of the program: its tables
        may mean something this one does not know.  Not opened, not moved,
        not changed; the program goes on without saving and says why."""
        self.newer = True
        self.warning = Message("store.not_saved", reason=Message("store.reason.newer"))
        db = self._connect(":memory:")
        self._migrate(db)
        return db

    @staticmethod
    def _check(db, pragma: str) -> None:
        result = db.execute(pragma).fetchone()
        if result is None or result[0] != "ok":
            db.close()
            raise sqlite3.DatabaseError("quick_check failed")

    def _start_anew(self, exc) -> sqlite3.Connection:
        """A damaged file: moved aside (never deleted), a new one started."""
        if isinstance(exc, sqlite3.OperationalError) and not self._damaged(exc):
            return self._memory_fallback(exc)
        moved = self._move_aside()
        if moved is None:
            return self._memory_fallback(exc)
        self.notice = Message("store.moved", name=moved.name)
        try:
            private_file(self.path)
            db = self._connect(str(self.path))
            self._migrate(db)
            return db
        except sqlite3.Error as exc2:
            return self._memory_fallback(exc2)

    def finish_check(self) -> bool:
        """Check the rest of the file (see ``defer_check``).  False when it was
        damaged: it was moved aside, a new file was started and :attr:`notice`
        says so; everything read from the store before is to be forgotten."""
        if not self.check_pending:
            return True
        self.check_pending = False
        try:
            self._check(self.db, "PRAGMA quick_check")
            return True
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not self._damaged(exc):
                return True  # busy or locked: not damage; the file was fine to open
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = self._start_anew(exc)
            return False

    @staticmethod
    def _damaged(exc) -> bool:
        text = str(exc).lower()
        return any(w in text for w in ("malformed", "not a database", "corrupt", "quick_check", "encrypted"))

    def _move_aside(self) -> Path | None:
        stamp = time.strftime("%Y-%m-%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.abime-{stamp}{self.path.suffix}")
        n = 1
        while target.exists():  # damaged twice in one second: never replace the first one
            n += 1
            target = self.path.with_name(f"{self.path.stem}.abime-{stamp}-{n}{self.path.suffix}")
        try:
            os.replace(self.path, target)
            for extra in ("-wal", "-shm"):
                side = Path(str(self.path) + extra)
                if side.exists():
                    os.replace(side, Path(str(target) + extra))
            return target
        except OSError:
            return None

    def _memory_fallback(self, exc) -> sqlite3.Connection:
        """The file cannot be opened for now: an empty database in memory,
        everything kept, the file tried again (detached, see :mod:`.pending`)."""
        db = self._connect(":memory:")
        self._migrate(db)
        if self.path is not None and not self.newer:
            self.detached = exc
            self._kept(Detached(exc))
        else:
            self.warning = _not_saved(exc)
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(schema.MIGRATIONS[version:], start=version + 1):
            db.execute("BEGIN IMMEDIATE")
            try:
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version={number}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    # -- writing: one transaction each, never fatal -----------------------
    def _write(self, sql: str, params=(), keep: _Write | None = None) -> sqlite3.Cursor | None:
        """Run one statement in its own durable transaction; None if it failed."""
        return self._write_all([(sql, params)], keep)

    def _write_all(self, statements, keep: _Write | None = None, queue: bool = True) -> sqlite3.Cursor | None:
        """Run statements in one durable transaction, all or nothing; the
        cursor of the first one, or None if it failed.  While the file is
        awaited (detached), only the writes that say how to make them in the
        file later (``keep``) are made (in memory, for the screens), and
        kept; the others fail visibly."""
        if self.detached is not None and keep is None:
            self._write_failed(Detached(self.detached))
            return None
        try:
            self.db.execute("BEGIN IMMEDIATE")
            first = None
            for sql, params in statements:
                cur = self.db.execute(sql, params)
                if first is None:
                    first = cur
            self.db.execute("COMMIT")
            self._wrote()
            if keep is not None and self.detached is not None and queue:
                self._queue(keep)
            return first
        except sqlite3.Error as exc:
            self._write_failed(exc)
            return None

    def _insert(self, sql: str, params=(), keep: _Write | None = None) -> int | None:
        cur = self._write(sql, params, keep)
        return None if cur is None else cur.lastrowid

    def _write_failed(self, exc) -> None:
        self.warning = _not_saved(exc)
        self._write_warning = self.warning  # (cleared by the next write that goes through)
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.flush_before_closing()  # what was kept during a full disk or a lock: a last try
        try:
            self.db.close()
        except sqlite3.Error:
            pass

    # -- learners ---------------------------------------------------------
    def learners(self) -> list[Learner]:
        rows = self.db.execute(
            "SELECT id, name, colour, is_guest, settings FROM learners WHERE is_guest = 0 AND same_as IS NULL "
            "ORDER BY name COLLATE NOCASE, id"
        ).fetchall()
        return [self._learner(r) for r in rows]

    def learner(self, learner_id: int) -> Learner | None:
        row = self.db.execute("SELECT id, name, colour, is_guest, settings FROM learners WHERE id = ?",
                              (self._here(learner_id),)).fetchone()
        return self._learner(row) if row else None

    def learner_by_uid(self, uid) -> Learner | None:
        if not isinstance(uid, str):
            return None
        row = self.db.execute("SELECT id FROM learners WHERE uid = ? AND is_guest = 0", (uid,)).fetchone()
        return self.learner(row[0]) if row else None

    def learner_uid(self, learner_id: int) -> str | None:
        row = self.db.execute("SELECT uid FROM learners WHERE id = ?", (self._here(learner_id),)).fetchone()
        return row[0] if row else None

    def find_learner(self, name: str) -> Learner | None:
        """A learner by first name (case and extra spaces do not matter), not the guest."""
        name = " ".join(name.split())
        row = self.db.execute("SELECT id FROM learners WHERE is_guest = 0 AND name = ? COLLATE NOCASE "
                              "ORDER BY id LIMIT 1", (name,)).fetchone()
        return self.learner(row[0]) if row else None

    @staticmethod
    def _learner(row) -> Learner:
        """A learner as the screens can always draw them: a value that got
        in wrong (an old version, a file edited by hand) falls back
        (:func:`.workshops.readable_learner`; the facilitator's home lists
        what to fix: :meth:`~.workshops.WorkshopRows.values_to_fix`)."""
        return readable_learner(Learner, row)

    def next_colour(self) -> str:
        used = self.db.execute("SELECT COUNT(*) FROM learners WHERE is_guest = 0").fetchone()[0]
        return COLOURS[used % len(COLOURS)]

    def add_learner(self, name: str, colour: str | None = None) -> Learner | None:
        name = " ".join(name.split())[:30]
        colour = colour or self.next_colour()
        values = {"uid": new_uid(), "name": name, "colour": colour, "created_at": time.time()}
        if self.detached is not None:  # a provisional id, the person written with the rest (.pending)
            keep = _Write("learner", values, self._new_provisional())
            new_id = self._insert("INSERT INTO learners (id, uid, name, colour, created_at) VALUES (?, ?, ?, ?, ?)",
                                  (keep.provisional, values["uid"], name, colour, values["created_at"]), keep)
        else:
            new_id = self._insert("INSERT INTO learners (uid, name, colour, created_at) VALUES (?, ?, ?, ?)",
                                  (values["uid"], name, colour, values["created_at"]))
        if new_id is None:
            return None
        return self.learner(new_id)

    def name_taken(self, name: str) -> bool:
        name = " ".join(name.split())
        return self.db.execute("SELECT 1 FROM learners WHERE is_guest = 0 AND name = ? COLLATE NOCASE",
                               (name,)).fetchone() is not None

    def guest(self) -> Learner:
        row = self.db.execute("SELECT id FROM learners WHERE is_guest = 1 ORDER BY id LIMIT 1").fetchone()
        if row is None and self.detached is not None:
            values = {"uid": new_uid(), "name": GUEST_NAME, "colour": "#5F6368", "is_guest": 1,
                      "created_at": time.time()}
            keep = _Write("learner", values, self._new_provisional())
            new_id = self._insert("INSERT INTO learners (id, uid, name, colour, is_guest, created_at) "
                                  "VALUES (?, ?, ?, ?, 1, ?)", (keep.provisional, values["uid"], GUEST_NAME,
                                                                "#5F6368", values["created_at"]), keep)
            row = None if new_id is None else (new_id,)
        if row is None:
            new_id = self._insert(
                "INSERT INTO learners (uid, name, colour, is_guest, created_at) VALUES (?, ?, ?, 1, ?)",
                (new_uid(), GUEST_NAME, "#5F6368", time.time()))
            if new_id is None:  # nothing can be written: a guest that lives in memory only
                return Learner(0, GUEST_NAME, "#5F6368", True, {})
            row = (new_id,)
        return self.learner(row[0])

    # -- sessions, attempts, steps ----------------------------------------
    def start_session(self, learner_id: int) -> int | None:
        """A new session, in today's workshop, « à la maison » or « hors atelier »,
        on this device (:meth:`~.workshops.WorkshopRows.session_place`); its id
        (provisional while the file cannot take it: :mod:`.pending` writes it
        as soon as it can)."""
        setting, workshop_id, device_uid, device_name = self.session_place(learner_id)
        return self._keep("session", uid=new_uid(), learner_id=self.real_id(learner_id), started_at=time.time(),
                          setting=setting, workshop_id=workshop_id, device_uid=device_uid, device_name=device_name,
                          detached=self.detached is not None)  # (then its place is read from the file: .pending)

    def end_session(self, session_id: int | None) -> None:
        if session_id is not None:
            self._keep("end_session", session_id=session_id, ended_at=time.time())

    def start_attempt(self, session_id, learner_id, lesson_id: str, lesson_title: str,
                      step_count: int, first_step: int = 0) -> int | None:
        """A new attempt at a lesson; ``first_step`` > 0 when it resumes a
        half-done one."""
        if session_id is None:
            return None
        return self._keep("attempt", uid=new_uid(), session_id=session_id, learner_id=learner_id,
                          lesson_id=lesson_id, lesson_title=lesson_title, step_count=step_count,
                          started_at=time.time(), first_step=first_step)

    def record_step(self, attempt_id, step_index: int, result) -> bool:
        """Write one finished step and, when it was the attempt's last one,
        mark the attempt done: one durable transaction, so that a lesson is
        never finished in the steps and unfinished in its status.  While the
        file cannot take it (full disk, lock), the step is kept in memory and
        written as soon as it can (:mod:`.pending`): True then too."""
        if attempt_id is None:
            return False
        return self._keep("step", attempt_id=attempt_id, step_index=step_index, result=self._result_values(result),
                          finished_at=time.time(), details=self._details_json(result)) is not None

    def finish_attempt(self, attempt_id, status: str = "done") -> None:
        """An attempt ends: 'left' (the learner leaves the lesson), or 'done'
        (:meth:`record_step` says it of the last step already).  A done
        attempt stays done (the learner pressed « Retour » during « Bravo ! »)."""
        if attempt_id is not None:
            self._keep("finish_attempt", attempt_id=attempt_id, status=status, finished_at=time.time())

    def lesson_states(self, learner_id: int, session_id: int | None = None) -> dict[str, str]:
        """For each lesson this learner has opened: 'done' (one attempt at it
        is done: :data:`~trainer.progress.schema.ATTEMPT_DONE`) or 'started'
        (in one session only when ``session_id`` is given: for the guest)."""
        learner_id = self._here(learner_id)
        person, params = self._person(learner_id)
        sql = f"SELECT a.lesson_id, MAX({ATTEMPT_DONE}) FROM attempts a WHERE {person}"
        if session_id is not None:
            sql += " AND a.session_id = ?"
            params += (self._here(session_id),)
        states = {lesson_id: "done" if done else "started"
                  for lesson_id, done in self.db.execute(sql + " GROUP BY a.lesson_id ORDER BY MIN(a.id)", params)}
        return self.with_pending_states(states, learner_id, session_id)  # what is kept for later counts too

    def resume_point(self, learner_id: int, lesson_id: str, step_count: int,
                     session_id: int | None = None) -> int:
        """The step where this lesson stopped for this learner: 0 when it was
        never opened, or finished last time, or changed since (fewer steps).
        ``session_id`` limits it to one session (the guest)."""
        learner_id = self._here(learner_id)
        person, params = self._person(learner_id)
        sql = (f"SELECT a.id, {ATTEMPT_DONE}, a.first_step, a.step_count FROM attempts a "
               f"WHERE {person} AND a.lesson_id = ?")
        params += (lesson_id,)
        if session_id is not None:
            sql += " AND a.session_id = ?"
            params += (self._here(session_id),)
        kept = self.pending_resume_point(learner_id, lesson_id, step_count, session_id)
        if kept is not None:  # its last attempt, or its last steps, are kept for later (.pending)
            return kept
        # (the latest started: a joined person's attempts imported from another device come with later ids)
        row = self.db.execute(sql + " ORDER BY a.started_at DESC, a.id DESC LIMIT 1", params).fetchone()
        if row is None or row[1] or row[3] != step_count:
            return 0
        last = self.db.execute("SELECT MAX(step_index) FROM step_results WHERE attempt_id = ?",
                               (row[0],)).fetchone()[0]
        point = max(row[2], -1 if last is None else last + 1)
        return point if 0 <= point < step_count else 0

    def recent_lessons(self, learner_id: int, session_id: int | None = None) -> list[str]:
        """The lessons this learner opened, the most recently opened first."""
        learner_id = self._here(learner_id)
        person, params = self._person(learner_id, "learner_id")
        # (by when they were opened: a joined person's attempts imported later have later ids)
        sql = f"SELECT lesson_id, MAX(started_at) AS last, MAX(id) FROM attempts WHERE {person}"
        if session_id is not None:
            sql += " AND session_id = ?"
            params += (self._here(session_id),)
        found = [r[0] for r in self.db.execute(sql + " GROUP BY lesson_id ORDER BY last DESC, 3 DESC", params)]
        kept = [a["lesson_id"] for a in reversed(self.pending_attempts(learner_id, session_id))]
        return list(dict.fromkeys(kept + found))  # the lessons opened while the file was full come first

    def lessons_done_between(self, learner_id: int, start: float, end: float) -> list[tuple[str, str]]:
        """The lessons this learner finished (:data:`~trainer.progress.schema.ATTEMPT_DONE`)
        in attempts started between ``start`` and ``end`` (times), in the order
        they were done, each once: (lesson id, title as stored)."""
        learner_id = self._here(learner_id)
        person, params = self._person(learner_id)
        return [(r[0], r[1]) for r in self.db.execute(
            f"SELECT a.lesson_id, a.lesson_title, MIN(a.id) FROM attempts a WHERE {person} "
            f"AND a.started_at >= ? AND a.started_at < ? AND {ATTEMPT_DONE} GROUP BY a.lesson_id ORDER BY 3",
            params + (start, end))]

    def _person(self, learner_id: int, column: str = "a.learner_id") -> tuple[str, tuple]:
        """``(SQL condition, its parameters)``: the rows of every record of
        this learner's person (:meth:`~.workshops.WorkshopRows.person_records`:
        two records the facilitator joined are one person everywhere)."""
        ids = self.person_records(learner_id)
        if len(ids) == 1:
            return f"{column} = ?", ids
        return f"{column} IN ({', '.join('?' * len(ids))})", ids

    # -- changing and forgetting learners --------------------------------
    def rename_learner(self, learner_id: int, name: str) -> bool:
        name = " ".join(name.split())[:30]
        learner_id = self._here(learner_id)
        keep = _Write("learner_set", {"learner_id": learner_id, "name": name})
        return bool(name) and self._write("UPDATE learners SET name = ? WHERE id = ?", (name, learner_id),
                                          keep) is not None

    def update_settings(self, learner_id: int, **changes) -> Learner | None:
        """Merge ``changes`` into the learner's settings (a value None removes
        the key); returns the learner as now stored."""
        learner_id = self._here(learner_id)
        learner = self.learner(learner_id)
        if learner is None:
            return None
        settings = dict(learner.settings)
        for key, value in changes.items():
            if value is None:
                settings.pop(key, None)
            else:
                settings[key] = value
        self._write("UPDATE learners SET settings = ? WHERE id = ?",
                    (json.dumps(settings, ensure_ascii=False, sort_keys=True), learner_id),
                    _Write("learner_set", {"learner_id": learner_id, "settings": changes}))
        return self.learner(learner_id) or learner

    def delete_learner(self, learner_id: int) -> bool:
        """Forget a learner and everything recorded about them, for good
        (sessions, attempts and steps go with them: ON DELETE CASCADE; the
        records joined to them are their own person again: no join to nobody),
        and leave no trace of them in the file or its journal (:meth:`_scrub`), in
        what is kept for the file (:mod:`.pending`, its journal on the disk)
        or in the damaged copies set aside (:meth:`~.privacy.PrivateStore.scrub_set_aside`)."""
        learner_id = self._here(learner_id)
        learner = self.learner(learner_id)
        if not self._delete_record(learner_id):
            return False
        self._scrub()
        if learner is not None:
            self.scrub_set_aside(learner.name)
        return True

    def delete_person(self, learner_id: int) -> int:
        """Forget the whole person: every record joined into one
        (:meth:`~.workshops.WorkshopRows.person_records`: laptop A's and laptop
        B's Monique), each as :meth:`delete_learner` does, then the file, its
        journal and the damaged copies scrubbed of every name they had.  A
        record wrongly joined is taken out first with « Séparer ».  How many
        records were deleted (0: nothing could be written)."""
        learner_id = self._here(learner_id)
        records = [(i, self.learner(i)) for i in self.person_records(learner_id)]
        gone = [learner for i, learner in records if self._delete_record(i)]
        if not gone:
            return 0
        self._scrub()
        for name in {learner.name for learner in gone if learner is not None}:
            self.scrub_set_aside(name)
        return len(gone)

    def _delete_record(self, learner_id) -> bool:
        """One record's rows gone, and its kept writes; the scrubbing is the caller's."""
        uid = self.learner_uid(learner_id)
        kept = self._kept_of(learner_id, uid)
        # (detached: a person added meanwhile, in memory only; forgetting their kept writes is enough)
        allowed = _Write("delete", {}) if self.detached is not None else None
        if self._write_all([("DELETE FROM learners WHERE id = ?", (learner_id,)),
                            # the records joined to them are their own person again: no join to nobody
                            ("UPDATE learners SET same_as = NULL WHERE same_as = ?", (uid,))],
                           allowed, queue=False) is None:
            return False
        self._forget_kept(kept)
        return True

    def _own_folder(self) -> bool:
        """Whether the file is in the program's own data folder (made private)."""
        try:
            return self.path.parent.resolve() == default_data_dir().resolve()
        except (OSError, ImportError):
            return False

    # -- the device's own settings (facilitator) -------------------------
    def device_setting(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM device_settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_device_setting(self, key: str, value) -> bool:
        keep = _Write("device_setting", {"key": key, "value": value})
        if value is None:
            return self._write("DELETE FROM device_settings WHERE key = ?", (key,), keep) is not None
        return self._write("INSERT OR REPLACE INTO device_settings (key, value) VALUES (?, ?)",
                           (key, json.dumps(value, ensure_ascii=False)), keep) is not None

    def steps_of(self, attempt_id: int) -> list[dict]:
        """The rows of an attempt's steps, as stored (``details``: the JSON text)."""
        cur = self.db.execute("SELECT * FROM step_results WHERE attempt_id = ? ORDER BY step_index",
                              (attempt_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def learner_steps(self, learner_id: int, last_per_kind: int | None = None) -> list[StepRecord]:
        """Every finished step of a learner, in the order they were finished
        (the progress screen's figures); only the last ``last_per_kind`` of
        each step kind when given (the path's judgement of the skills).
        Every record of the person (:meth:`_person`)."""
        learner_id = self._here(learner_id)
        person, params = self._person(learner_id)
        columns = "a.session_id, s.kind, s.finished_at, s.duration, s.misses, s.successes, s.details"
        if last_per_kind is None:
            return list(map(StepRecord, self.db.execute(
                f"SELECT {columns} FROM step_results s JOIN attempts a ON a.id = s.attempt_id WHERE {person} "
                "ORDER BY s.finished_at, s.id", params)))
        return [StepRecord(row[:7]) for row in self.db.execute(
            f"SELECT * FROM (SELECT {columns}, s.id, ROW_NUMBER() OVER (PARTITION BY s.kind "
            "ORDER BY s.finished_at DESC, s.id DESC) AS nth FROM step_results s JOIN attempts a ON a.id = s.attempt_id "
            f"WHERE {person}) WHERE nth <= ? ORDER BY finished_at, id", params + (last_per_kind,))]

    def skipped_signs(self, learner_id: int, recent: int = 200) -> str:
        """The signs a learner passed with « Passer ce signe » (their keyboard cannot
        type them) in their last ``recent`` typing steps that passed one, each once,
        the latest first: the facilitator's person page says them.  Every record
        of the person (:meth:`_person`)."""
        person, params = self._person(self._here(learner_id))
        rows = self.db.execute(
            "SELECT a.session_id, s.kind, s.finished_at, s.duration, s.misses, s.successes, s.details "
            "FROM step_results s JOIN attempts a ON a.id = s.attempt_id "
            f"WHERE {person} AND s.details LIKE '%\"skipped\"%' "
            "ORDER BY s.finished_at DESC, s.id DESC LIMIT ?", params + (recent,)).fetchall()
        seen = ""
        for row in map(StepRecord, rows):
            for ch in getattr(row.details, "skipped", None) or "":
                if ch not in seen:
                    seen += ch
        return seen

    def guest_ids(self) -> list[int]:
        """The guest's tile (several, after an import from a device with its own)."""
        return [r[0] for r in self.db.execute("SELECT id FROM learners WHERE is_guest = 1 ORDER BY id")]

    @contextmanager
    def snapshot(self):
        """Reads that see one consistent state, even while the program writes."""
        self.db.execute("BEGIN")
        try:
            yield self
        finally:
            self.db.execute("COMMIT")

    # -- the facilitator's overview ----------------------------------------
    def learner_overview(self, learner_id: int, recent: int = 5) -> dict:
        """What the facilitator sees at a glance: the lesson last opened
        (``current``, its status 'done' by the store's rule), how many lessons
        are done (:data:`~trainer.progress.schema.ATTEMPT_DONE`), and the
        misses and hints of the last ``recent`` steps (``mean_misses``,
        ``mean_hints``, ``steps``)."""
        learner_id = self._here(learner_id)
        person, params = self._person(learner_id)
        last = self.db.execute(f"SELECT a.lesson_id, a.lesson_title, CASE WHEN {ATTEMPT_DONE} THEN 'done' "
                               f"ELSE a.status END FROM attempts a WHERE {person} ORDER BY a.id DESC LIMIT 1",
                               params).fetchone()
        done = self.db.execute(f"SELECT COUNT(DISTINCT a.lesson_id) FROM attempts a WHERE {person} "
                               f"AND {ATTEMPT_DONE}", params).fetchone()[0]
        rows = self.db.execute(
            "SELECT s.misses, s.hints FROM step_results s JOIN attempts a ON a.id = s.attempt_id "
            f"WHERE {person} ORDER BY s.finished_at DESC, s.id DESC LIMIT ?", params + (recent,)).fetchall()
        n = len(rows)
        return {
            "current": {"id": last[0], "title": last[1], "status": last[2]} if last else None,
            "done": done,
            "steps": n,
            "mean_misses": sum(r[0] for r in rows) / n if n else 0.0,
            "mean_hints": sum(r[1] for r in rows) / n if n else 0.0,
        }

    def recolour_learner(self, learner_id: int, colour: str) -> bool:
        """A learner's colour (facilitator: « Renommer » shows the colours too)."""
        learner_id = self._here(learner_id)
        return self._write("UPDATE learners SET colour = ? WHERE id = ?", (colour, learner_id),
                           _Write("learner_set", {"learner_id": learner_id, "colour": colour})) is not None
