"""The store's side of the workshop report (:mod:`trainer.report` keeps the
report's shape, its figures and its text): the sessions of a period, the
lessons done in them, and the steps of the sessions to measure, streamed."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from .records import StepRecord
from .schema import ATTEMPT_DONE

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
        ended_at, steps, last)`` of every session of the period where at
        least one step was finished, in order of start; ``last``: when its
        last step was finished, for a session with no recorded end (else None).

        The steps are counted on the index alone, and only an open session's
        step rows are read (for ``last``): half the time of an aggregate over
        every step row."""
        return self.db.execute(
            "SELECT s.id, s.learner_id, l.is_guest, l.name, s.started_at, s.ended_at, st.n, st.last "
            "FROM sessions s JOIN learners l ON l.id = s.learner_id "
            "JOIN (SELECT a.session_id AS sid, SUM(c.n) AS n, "
            "        MAX(CASE WHEN o.ended_at IS NULL THEN "
            "          (SELECT MAX(r.finished_at) FROM step_results r WHERE r.attempt_id = a.id) END) AS last "
            "      FROM (SELECT attempt_id, COUNT(*) AS n FROM step_results GROUP BY attempt_id) c "
            "      JOIN attempts a ON a.id = c.attempt_id JOIN sessions o ON o.id = a.session_id "
            "      GROUP BY a.session_id) st "
            "  ON st.sid = s.id "
            f"WHERE {_SESSIONS_BETWEEN} AND st.n > 0 ORDER BY s.started_at, s.id", (low, high)).fetchall()

    def report_lessons_done(self, low: float, high: float) -> list[tuple]:
        """``(learner id, lesson id, attempts done)``: the attempts of the
        period that are done (:data:`~trainer.progress.schema.ATTEMPT_DONE`)."""
        return self.db.execute(
            "SELECT a.learner_id, a.lesson_id, COUNT(*) FROM attempts a JOIN sessions s ON s.id = a.session_id "
            f"WHERE {_SESSIONS_BETWEEN} AND {ATTEMPT_DONE} GROUP BY a.learner_id, a.lesson_id",
            (low, high)).fetchall()

    def report_skipped(self, low: float, high: float) -> Iterator[tuple[int, StepRecord]]:
        """``(learner id, step)`` of the steps of the period where a sign was passed
        with « Passer ce signe » (their details say which: ``skipped``), oldest first."""
        rows = self.db.execute(
            "SELECT a.learner_id, a.session_id, r.kind, r.finished_at, r.duration, r.misses, r.successes, r.details "
            "FROM step_results r JOIN attempts a ON a.id = r.attempt_id JOIN sessions s ON s.id = a.session_id "
            f"WHERE {_SESSIONS_BETWEEN} AND r.details LIKE '%\"skipped\"%' ORDER BY r.finished_at, r.id",
            (low, high))
        return ((row[0], StepRecord(row[1:])) for row in rows)

    def report_steps(self, session_ids) -> Iterator[StepRecord]:
        """Every finished step of some sessions, streamed (in no particular
        order)."""
        self._report_set(session_ids)
        return map(StepRecord, self.db.execute(
            "SELECT a.session_id, r.kind, r.finished_at, r.duration, r.misses, r.successes, r.details "
            "FROM attempts a JOIN temp.report_sessions g ON g.sid = a.session_id "
            "JOIN step_results r ON r.attempt_id = a.id"))

    def _report_set(self, session_ids) -> None:
        """The sessions asked for, in a temporary table keyed by id: SQLite
        then reads the attempts once and finds each one's session by key
        (joining on a CTE or a long IN list made it try every pair: minutes)."""
        db = self.db
        alone = not db.in_transaction  # one transaction for the rows of the temporary table: 10 times faster
        if alone:
            db.execute("BEGIN")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS report_sessions (sid INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.report_sessions")
        db.executemany("INSERT INTO temp.report_sessions (sid) VALUES (?)", ((sid,) for sid in session_ids))
        if alone:
            db.execute("COMMIT")


#: the sessions where at least one step was finished: one pass over the
#: attempts, each looked up in the steps' index (an EXISTS per session
#: scanned every attempt: seconds over 100,000 steps)
_WITH_STEPS = ("(SELECT DISTINCT a.session_id AS sid FROM attempts a "
               "WHERE EXISTS (SELECT 1 FROM step_results r WHERE r.attempt_id = a.id))")


class PlaceRows:
    """The rows of the report's workshops, places and people (issue 13);
    mixed into :class:`~trainer.progress.ProgressStore` with :class:`ReportRows`."""

    db: sqlite3.Connection

    def report_places(self, low: float, high: float) -> list[tuple]:
        """``(session id, person uid, is_guest, person's name, setting,
        workshop id, started_at)`` of every session of the period where at
        least one step was finished, in order of start.  The person is the
        record itself, or the one the facilitator joined it to (``same_as``),
        with that one's name."""
        return self.db.execute(
            "SELECT s.id, COALESCE(k.uid, l.uid), l.is_guest, COALESCE(k.name, l.name), s.setting, "
            "s.workshop_id, s.started_at FROM sessions s JOIN learners l ON l.id = s.learner_id "
            "LEFT JOIN learners k ON k.uid = l.same_as "
            f"JOIN {_WITH_STEPS} st ON st.sid = s.id "
            f"WHERE {_SESSIONS_BETWEEN} ORDER BY s.started_at, s.id", (low, high)).fetchall()

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

    def report_done_by_session(self, low: float, high: float) -> list[tuple[int, str]]:
        """``(session id, lesson id)`` of every attempt of the period that is
        done (:data:`~trainer.progress.schema.ATTEMPT_DONE`)."""
        return self.db.execute(
            "SELECT a.session_id, a.lesson_id FROM attempts a JOIN sessions s ON s.id = a.session_id "
            f"WHERE {_SESSIONS_BETWEEN} AND {ATTEMPT_DONE}", (low, high)).fetchall()

