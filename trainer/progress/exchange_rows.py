"""The store's side of the export and the import (:mod:`trainer.exchange`
keeps the file format, its checks and the merge rules): the rows of some
learners, and the writes of one all-or-nothing import."""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager

from .records import StoreError, reason
from .schema import ATTEMPT_DONE
from .workshops import fold

def _settings(text) -> dict:
    try:
        value = json.loads(text) if text and text != "{}" else {}
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


class ExchangeRows:
    """Mixed into :class:`~trainer.progress.ProgressStore`."""

    db: sqlite3.Connection

    def file_lost(self) -> bool:
        """True when the store was given a file it could not open: it keeps
        this run's steps in memory only (exporting it or importing into it
        would mislead)."""
        if self.path is None:
            return False
        files = [row[2] for row in self.db.execute("PRAGMA database_list") if row[1] == "main"]
        return bool(files) and not files[0]

    def ensure_uids(self) -> None:
        """Rows written before uids existed (or by hand) get one, so that they
        can be matched on import; best effort (a read-only store exports as is)."""
        db = self.db
        missing = any(db.execute(f"SELECT 1 FROM {t} WHERE uid IS NULL LIMIT 1").fetchone()
                      for t in ("learners", "sessions", "attempts"))
        if not missing:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            for table in ("learners", "sessions", "attempts"):
                db.execute(f"UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL")
            db.execute("COMMIT")
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _columns(self, table: str, fields, alias: str = "x", computed=None) -> str:
        """The SELECT list of ``fields`` (columns of ``table``, checked), some
        of them ``computed`` by an expression."""
        known = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
        unknown = [f for f in fields if f not in known and f not in (computed or {})]
        if unknown:
            raise ValueError(f"no such column in {table}: {', '.join(unknown)}")
        computed = computed or {}
        return ", ".join(computed.get(f, f"{alias}.{f}") for f in fields)

    def export_records(self, fields: dict, learner_ids=None, include_guest: bool = False) -> list[dict]:
        """The complete record of some learners (``None``: every learner, the
        guest only with ``include_guest``), read in one consistent snapshot:
        a dict per learner with the columns ``fields["learners"]`` and its
        ``"sessions"``, each with ``fields["sessions"]`` and its ``"attempts"``,
        each with ``fields["attempts"]`` and its ``"steps"`` (``fields["steps"]``).
        Values are as stored (``details`` and ``settings`` are JSON text,
        ``is_guest`` 0 or 1), except an attempt's ``status``: 'done' when the
        attempt is done by :data:`~trainer.progress.schema.ATTEMPT_DONE`.
        Learners come by creation, sessions and attempts by start, then uid."""
        db = self.db
        self.ensure_uids()
        learner_cols = self._columns("learners", fields["learners"])
        session_cols = self._columns("sessions", fields["sessions"], "x",
                                     {"workshop": "(SELECT w.uid FROM workshops w WHERE w.id = x.workshop_id)"})
        attempt_cols = self._columns("attempts", fields["attempts"], "a",
                                     {"status": f"CASE WHEN {ATTEMPT_DONE} THEN 'done' ELSE a.status END"})
        step_cols = self._columns("step_results", fields["steps"])
        learner_keys, session_keys = tuple(fields["learners"]), tuple(fields["sessions"])
        attempt_keys, step_keys = tuple(fields["attempts"]), tuple(fields["steps"])
        db.execute("BEGIN")  # one consistent snapshot, even while the program writes
        try:
            chosen = db.execute(f"SELECT x.id, x.is_guest, {learner_cols} FROM learners x "
                                "ORDER BY x.created_at, x.uid").fetchall()
            if learner_ids is None:
                chosen = [r for r in chosen if include_guest or not r[1]]
            else:  # (a person is all their records: one joined to another goes with it)
                wanted = {i for lid in learner_ids for i in self.person_records(lid)}
                chosen = [r for r in chosen if r[0] in wanted]
            learners = []
            for row in chosen:
                lid = row[0]
                steps_by_attempt: dict[int, list] = {}
                for row_ in db.execute(
                        f"SELECT x.attempt_id, {step_cols} FROM step_results x "
                        "JOIN attempts a ON a.id = x.attempt_id WHERE a.learner_id = ? "
                        "ORDER BY x.attempt_id, x.step_index", (lid,)):
                    steps_by_attempt.setdefault(row_[0], []).append(dict(zip(step_keys, row_[1:])))
                attempts_by_session: dict[int, list] = {}
                for row_ in db.execute(f"SELECT a.session_id, a.id, {attempt_cols} FROM attempts a "
                                       "WHERE a.learner_id = ? ORDER BY a.started_at, a.uid", (lid,)):
                    attempt = dict(zip(attempt_keys, row_[2:]))
                    attempt["steps"] = steps_by_attempt.get(row_[1], [])
                    attempts_by_session.setdefault(row_[0], []).append(attempt)
                sessions = []
                for row_ in db.execute(f"SELECT x.id, {session_cols} FROM sessions x WHERE x.learner_id = ? "
                                       "ORDER BY x.started_at, x.uid", (lid,)):
                    session = dict(zip(session_keys, row_[1:]))
                    session["attempts"] = attempts_by_session.get(row_[0], [])
                    sessions.append(session)
                learner = dict(zip(learner_keys, row[2:]))
                learner["sessions"] = sessions
                learners.append(learner)
            return learners
        finally:
            db.execute("COMMIT")

    def export_workshops(self, uids) -> list[dict]:
        """``{"uid", "day", "town", "place"}`` of the workshops with these uids, by day then uid."""
        wanted = set(uids)
        rows = self.db.execute("SELECT uid, day, town, place FROM workshops ORDER BY day, uid").fetchall()
        return [dict(zip(("uid", "day", "town", "place"), r)) for r in rows if r[0] in wanted]

    @contextmanager
    def importing(self):
        """One import, all or nothing: ``with store.importing() as rows:``
        gives an :class:`ImportWriter`; the block's end commits, an exception
        rolls everything back.  A failure of the database is raised as
        :class:`~trainer.progress.StoreError` (``started`` False when the
        import could not even begin: the file is busy or read-only)."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(reason(exc), started=False) from None
        try:
            yield ImportWriter(db)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise StoreError(reason(exc)) from None
        except BaseException:
            _rollback(db)
            raise


def _rollback(db) -> None:
    try:
        db.execute("ROLLBACK")
    except sqlite3.Error:
        pass


class ImportWriter:
    """The reads and writes an import needs, inside its transaction."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    # -- learners
    def learner_by_uid(self, uid) -> tuple[int, bool] | None:
        row = self.db.execute("SELECT id, is_guest FROM learners WHERE uid = ?", (uid,)).fetchone()
        return (row[0], bool(row[1])) if row else None

    def guest_id(self) -> int | None:
        row = self.db.execute("SELECT id FROM learners WHERE is_guest = 1 ORDER BY id LIMIT 1").fetchone()
        return row[0] if row else None

    def named_learners(self) -> list[tuple[int, str]]:
        """(id, name) of every learner but the guest, the oldest first."""
        return self.db.execute("SELECT id, name FROM learners WHERE is_guest = 0 ORDER BY id").fetchall()


    def person_uid(self, learner_id: int) -> str:
        """The uid of the person this record counts as (itself, or the one it was joined to)."""
        uid, same = self.db.execute("SELECT uid, same_as FROM learners WHERE id = ?", (learner_id,)).fetchone()
        return same or uid

    def learner_name(self, learner_id: int) -> str:
        return self.db.execute("SELECT name FROM learners WHERE id = ?", (learner_id,)).fetchone()[0]

    def add_learner(self, uid: str, name: str, colour: str, is_guest: bool, settings: dict,
                    created_at: float, same_as: str | None = None) -> int:
        return self.db.execute(
            "INSERT INTO learners (uid, name, colour, is_guest, settings, created_at, same_as) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uid, name, colour, int(is_guest), json.dumps(settings, ensure_ascii=False, sort_keys=True),
             created_at, same_as)).lastrowid

    def learner_settings(self, learner_id: int) -> dict:
        return _settings(self.db.execute("SELECT settings FROM learners WHERE id = ?", (learner_id,)).fetchone()[0])

    def set_learner_settings(self, learner_id: int, settings: dict) -> None:
        self.db.execute("UPDATE learners SET settings = ? WHERE id = ?",
                        (json.dumps(settings, ensure_ascii=False, sort_keys=True), learner_id))

    # -- sessions
    def session_by_uid(self, uid) -> tuple[int, int, float | None] | None:
        """(id, learner id, end) of the session with this uid."""
        return self.db.execute("SELECT id, learner_id, ended_at FROM sessions WHERE uid = ?", (uid,)).fetchone()

    def add_session(self, uid: str, learner_id: int, started_at: float, ended_at: float | None,
                    setting: str = "outside", workshop_id: int | None = None, device_uid: str | None = None,
                    device_name: str | None = None, attached: bool = False) -> int:
        return self.db.execute(
            "INSERT INTO sessions (uid, learner_id, started_at, ended_at, setting, workshop_id, device_uid, "
            "device_name, attached) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, learner_id, started_at, ended_at, setting, workshop_id, device_uid, device_name,
             int(attached))).lastrowid

    def place_session(self, session_id: int, setting: str, workshop_id: int | None, attached: bool = False) -> None:
        """A session known here as « hors atelier » that the file places (in a
        workshop, at home; ``attached``: there, afterwards)."""
        self.db.execute("UPDATE sessions SET setting = ?, workshop_id = ?, attached = ? WHERE id = ? "
                        "AND setting = 'outside'", (setting, workshop_id, int(attached), session_id))

    def session_setting(self, session_id: int) -> str:
        return self.db.execute("SELECT setting FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]

    # -- workshops
    def workshop_id(self, uid: str, day: str, town: str, place: str) -> int:
        """The workshop here with this uid, or the same day, town and place
        (capitals and spaces aside), or a new one."""
        row = self.db.execute("SELECT id FROM workshops WHERE uid = ?", (uid,)).fetchone()
        if row:
            return row[0]
        for wid, t, p in self.db.execute("SELECT id, town, place FROM workshops WHERE day = ?", (day,)):
            if fold(t) == fold(town) and fold(p) == fold(place):
                return wid
        return self.db.execute("INSERT INTO workshops (uid, day, town, place, created_at) VALUES (?, ?, ?, ?, ?)",
                               (uid, day, town, place, time.time())).lastrowid

    def attach_outside(self, days) -> int:
        """The « hors atelier » sessions of each of these days join the
        workshop of that day when there is exactly one; how many did."""
        moved = 0
        for day in sorted(set(days)):
            ids = [r[0] for r in self.db.execute("SELECT id FROM workshops WHERE day = ?", (day,))]
            if len(ids) != 1:
                continue
            moved += self.db.execute(
                "UPDATE sessions SET setting = 'workshop', workshop_id = ?, attached = 1 WHERE setting = 'outside' "
                "AND date(started_at, 'unixepoch', 'localtime') = ?", (ids[0], day)).rowcount
        return moved

    def set_session_end(self, session_id: int, ended_at: float) -> None:
        self.db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (ended_at, session_id))

    # -- attempts
    def attempt_by_uid(self, uid) -> tuple[int, int, str] | None:
        """(id, session id, status as stored) of the attempt with this uid."""
        return self.db.execute("SELECT id, session_id, status FROM attempts WHERE uid = ?", (uid,)).fetchone()

    def add_attempt(self, session_id: int, learner_id: int, uid: str, lesson_id: str, lesson_title: str,
                    step_count: int, first_step: int, started_at: float, finished_at: float | None,
                    status: str) -> int:
        return self.db.execute(
            "INSERT INTO attempts (uid, session_id, learner_id, lesson_id, lesson_title, step_count, "
            "first_step, started_at, finished_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, session_id, learner_id, lesson_id, lesson_title, step_count, first_step, started_at,
             finished_at, status)).lastrowid

    def set_attempt_status(self, attempt_id: int, status: str, finished_at: float | None) -> None:
        self.db.execute("UPDATE attempts SET status = ?, finished_at = ? WHERE id = ?",
                        (status, finished_at, attempt_id))

    # -- steps
    def step_indexes(self, attempt_id: int) -> set[int]:
        return {r[0] for r in self.db.execute("SELECT step_index FROM step_results WHERE attempt_id = ?",
                                              (attempt_id,))}

    def add_steps(self, attempt_id: int, steps) -> None:
        """``steps``: dicts with the columns of a step; ``details`` an object."""
        self.db.executemany(
            "INSERT INTO step_results (attempt_id, step_index, kind, finished_at, duration, misses, hints, "
            "target_size, input, successes, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(attempt_id, s["step_index"], s["kind"], s["finished_at"], s["duration"], s["misses"], s["hints"],
              s["target_size"], s["input"], s["successes"],
              json.dumps(s["details"], ensure_ascii=False, sort_keys=True)) for s in steps])
