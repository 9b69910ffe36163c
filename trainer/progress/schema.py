"""The store's tables, their migrations, and the one rule for « done ».

Migrations are an ordered list keyed by ``PRAGMA user_version``; each is
applied in its own ``BEGIN IMMEDIATE … COMMIT``.
"""
from __future__ import annotations

MIGRATIONS = [
    # version 1
    """
    CREATE TABLE learners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        is_guest INTEGER NOT NULL DEFAULT 0,
        settings TEXT NOT NULL DEFAULT '{}',
        created_at REAL NOT NULL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        started_at REAL NOT NULL,
        ended_at REAL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
        lesson_id TEXT NOT NULL,
        lesson_title TEXT NOT NULL,
        step_count INTEGER NOT NULL,
        started_at REAL NOT NULL,
        finished_at REAL,
        status TEXT NOT NULL DEFAULT 'started' CHECK (status IN ('started', 'done', 'left'))
    );
    CREATE INDEX attempts_by_learner ON attempts(learner_id, lesson_id);
    CREATE TABLE step_results (
        id INTEGER PRIMARY KEY,
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        finished_at REAL NOT NULL,
        duration REAL NOT NULL,
        misses INTEGER NOT NULL,
        hints INTEGER NOT NULL,
        target_size REAL,
        input TEXT NOT NULL,
        successes INTEGER NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        UNIQUE (attempt_id, step_index)
    );
    """,
    # version 2: a stable identity for what travels between devices (export,
    # import), where a lesson attempt resumed, and the device's own settings
    """
    ALTER TABLE learners ADD COLUMN uid TEXT;
    UPDATE learners SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX learners_by_uid ON learners(uid);
    ALTER TABLE sessions ADD COLUMN uid TEXT;
    UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX sessions_by_uid ON sessions(uid);
    ALTER TABLE attempts ADD COLUMN uid TEXT;
    UPDATE attempts SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE UNIQUE INDEX attempts_by_uid ON attempts(uid);
    ALTER TABLE attempts ADD COLUMN first_step INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE device_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
]

#: An attempt at a lesson is **done** when its status is 'done', or when every
#: step of it is recorded: each step from the one it started at (``first_step``,
#: > 0 when it resumed a lesson left half way) to the lesson's last one.  The
#: second half covers a program stopped before it could say so (killed during
#: « Bravo ! » by an older version, which wrote the status apart).  Two partial
#: attempts of the same lesson do not make a done one.
#:
#: A SQL expression over the attempts table named ``a``; every query that asks
#: whether a lesson is done uses it: the menu and « Continuer »
#: (:meth:`~trainer.progress.ProgressStore.lesson_states`, ``resume_point``),
#: the facilitator's overview, the progress screen, the export and the report.
ATTEMPT_DONE = (
    "(a.status = 'done' OR (a.first_step < a.step_count AND "
    "(SELECT COUNT(*) FROM step_results d WHERE d.attempt_id = a.id "
    "AND d.step_index >= a.first_step AND d.step_index < a.step_count) >= a.step_count - a.first_step))")
