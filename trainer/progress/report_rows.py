"""The store's side of the workshop report (:mod:`trainer.report` keeps the
report's shape, its figures and its text): the sessions of a period, the
lessons done in them, and the steps of the sessions to measure, streamed."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from .records import StepRecord
from .schema import ATTEMPT_DONE
from .schema import WITH_STEPS as _WITH_STEPS

_SESSIONS_BETWEEN = "s.started_at >= ? AND s.started_at < ?"


class ReportRows:
    """Mixed into :class:`~trainer.progress.ProgressStore`.  Times are
    seconds since 1970; a period is ``low <= started_at < high`` (the
    sessions that started in it, with all their attempts and steps).  Call
    them inside :meth:`~trainer.progress.ProgressStore.snapshot` for figures
    that agree with each other."""

    db: sqlite3.Connection

    def report_sessions(self, low: float, high: float) -> list[tuple]:
        """``(session id, learner id, is_guest, learner name, started_at,
        ended_at, person uid, person's name, setting, workshop id)`` of every
        session of the period where at least one step was finished, in order
        of start (its steps are counted from :meth:`report_steps`, read once
        for the whole report).  The person is the record itself, or the one
        the facilitator joined it to (``same_as``), with that one's name."""
        return self.db.execute(
            "SELECT s.id, s.learner_id, l.is_guest, l.name, s.started_at, s.ended_at, COALESCE(k.uid, l.uid), "
            "COALESCE(k.name, l.name), s.setting, s.workshop_id "
            "FROM sessions s JOIN learners l ON l.id = s.learner_id LEFT JOIN learners k ON k.uid = l.same_as "
            f"JOIN {_WITH_STEPS} st ON st.sid = s.id "
            f"WHERE {_SESSIONS_BETWEEN} ORDER BY s.started_at, s.id", (low, high)).fetchall()

    def report_done(self, low: float, high: float) -> list[tuple]:
        """``(session id, learner id, lesson id)`` of every attempt of the
        period that is done (:data:`~trainer.progress.schema.ATTEMPT_DONE`)."""
        return self.db.execute(
            "SELECT a.session_id, a.learner_id, a.lesson_id FROM attempts a JOIN sessions s ON s.id = a.session_id "
            f"WHERE {_SESSIONS_BETWEEN} AND {ATTEMPT_DONE}", (low, high)).fetchall()

    def report_steps(self, low: float, high: float, without_details=()) -> Iterator[StepRecord]:
        """Every finished step of the sessions of the period, streamed (in no
        particular order): one pass over the steps, each one's attempt and
        session found by key.  The steps of the kinds ``without_details``
        come without their details (None: not read from the file)."""
        details = "r.details"
        kinds = tuple(sorted(without_details))
        if kinds:
            details = f"CASE WHEN r.kind IN ({', '.join('?' * len(kinds))}) THEN NULL ELSE r.details END"
        return map(StepRecord, self.db.execute(
            f"SELECT a.session_id, r.kind, r.finished_at, r.duration, r.misses, r.successes, {details} "
            "FROM step_results r JOIN attempts a ON a.id = r.attempt_id JOIN sessions s ON s.id = a.session_id "
            f"WHERE {_SESSIONS_BETWEEN}", kinds + (low, high)))


class PlaceRows:
    """The rows of the report's workshops, places and people (issue 13);
    mixed into :class:`~trainer.progress.ProgressStore` with :class:`ReportRows`."""

    db: sqlite3.Connection

    def report_workshop_places(self) -> dict[int, tuple[str, str, str]]:
        """workshop id -> (day, town, place)."""
        return {r[0]: tuple(r[1:]) for r in self.db.execute("SELECT id, day, town, place FROM workshops")}

    def report_first_seen(self) -> dict[str, float]:
        """person uid -> the start of their first session with a finished step, ever (new or returning)."""
        return dict(self.db.execute(
            "SELECT COALESCE(k.uid, l.uid), MIN(s.started_at) FROM sessions s "
            f"JOIN learners l ON l.id = s.learner_id JOIN {_WITH_STEPS} st ON st.sid = s.id "
            "LEFT JOIN learners k ON k.uid = l.same_as "
            "WHERE l.is_guest = 0 GROUP BY COALESCE(k.uid, l.uid)").fetchall())
