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
    # version 3: the workshop as a thing (issue 13): where and when a workshop
    # was held, which one each session belongs to (or « à la maison », or
    # « hors atelier »), the device it was practised on, and people joined by
    # the facilitator (``same_as``: the uid of the record it counts as; undone
    # by clearing it)
    """
    CREATE TABLE workshops (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        town TEXT NOT NULL,
        place TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE INDEX workshops_by_day ON workshops(day);
    ALTER TABLE sessions ADD COLUMN setting TEXT NOT NULL DEFAULT 'outside';
    ALTER TABLE sessions ADD COLUMN workshop_id INTEGER REFERENCES workshops(id) ON DELETE SET NULL;
    ALTER TABLE sessions ADD COLUMN device_uid TEXT;
    ALTER TABLE sessions ADD COLUMN device_name TEXT;
    CREATE INDEX sessions_by_workshop ON sessions(workshop_id);
    ALTER TABLE learners ADD COLUMN same_as TEXT;
    """,
    # version 4: a session attached to its workshop afterwards (on the
    # facilitator's screen, or by an import) says so, so that « Détacher » can
    # undo it later and never takes a session recorded in the workshop live
    """
    ALTER TABLE sessions ADD COLUMN attached INTEGER NOT NULL DEFAULT 0;
    """,
]

#: where a session was practised: in a workshop (``workshop_id`` says which),
#: at home on a loaned device (« mode maison »), or elsewhere / not said
#: (« hors atelier »: a session that may be attached to its workshop later)
SETTINGS = ("workshop", "home", "outside")

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

#: The sessions where at least one step was finished, as a table of ``sid``
#: to join: one pass over the attempts, each looked up in the steps' index
#: (an EXISTS per session scanned every attempt: seconds over 100,000 steps;
#: attempts have no index by session).
WITH_STEPS = ("(SELECT DISTINCT a.session_id AS sid FROM attempts a "
              "WHERE EXISTS (SELECT 1 FROM step_results r WHERE r.attempt_id = a.id))")
