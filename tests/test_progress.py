"""The progress store: every finished step written at once, nothing ever lost."""
import os
import sqlite3
import stat

import pytest

from trainer.activities.base import StepResult
from trainer.progress import DB_NAME, MIGRATIONS, ProgressStore


def result(kind="click", misses=1):
    return StepResult(kind, 4.2, misses, 1, 0.1, "touch", 3, {"start_size": 0.15})


def test_a_new_store_has_the_current_schema_version_and_wal(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.warning is None and store.notice is None


def test_learners_sessions_attempts_and_steps(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    marie = store.add_learner("  Marie   ")
    assert marie.name == "Marie" and marie.colour.startswith("#")
    assert store.name_taken("marie")
    guest = store.guest()
    assert guest.is_guest and store.guest().id == guest.id  # one guest only
    assert [l.name for l in store.learners()] == ["Marie"]  # the guest has its own tile
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "souris-1", "Souris", 2)
    assert store.lesson_states(marie.id) == {"souris-1": "started"}
    assert store.record_step(attempt, 0, result())
    store.finish_attempt(attempt, "done")
    store.end_session(session)
    assert store.lesson_states(marie.id) == {"souris-1": "done"}
    store.close()
    # everything is on disk for the next start
    again = ProgressStore(tmp_path / DB_NAME)
    rows = again.steps_of(attempt)
    assert len(rows) == 1
    row = rows[0]
    assert (row["kind"], row["misses"], row["hints"], row["input"], row["target_size"]) == ("click", 1, 1, "touch", 0.1)
    assert again.db.execute("SELECT ended_at IS NOT NULL FROM sessions").fetchone()[0] == 1


def test_a_lesson_done_once_stays_done(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Paul")
    s = store.start_session(who.id)
    store.finish_attempt(store.start_attempt(s, who.id, "l", "L", 1), "done")
    store.finish_attempt(store.start_attempt(s, who.id, "l", "L", 1), "left")
    assert store.lesson_states(who.id) == {"l": "done"}


def test_a_damaged_database_is_moved_aside_never_deleted(tmp_path):
    path = tmp_path / DB_NAME
    path.write_bytes(b"this is not a database" * 100)
    store = ProgressStore(path)
    kept = [p for p in tmp_path.iterdir() if "abime" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
    assert "mis de côté" in store.notice
    assert store.add_learner("Jeanne") is not None  # a fresh store works
    assert path.exists()


def test_a_truncated_database_is_moved_aside(tmp_path):
    path = tmp_path / DB_NAME
    store = ProgressStore(path)
    for i in range(50):
        store.add_learner(f"Personne {i}")
    store.close()
    with open(path, "r+b") as f:
        f.seek(100)
        f.write(os.urandom(3000))
    store = ProgressStore(path)
    assert store.notice and any("abime" in p.name for p in tmp_path.iterdir())


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_lets_the_lesson_go_on(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    store = ProgressStore(folder / DB_NAME)
    assert "ne peuvent pas être enregistrés" in store.warning
    assert store.add_learner("Marie") is not None  # kept in memory


def test_a_write_that_fails_gives_a_warning_and_no_exception(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 1)
    store.db.execute("PRAGMA query_only=ON")  # every write now fails, as on a full disk
    assert store.record_step(attempt, 0, result()) is True  # kept in memory, to be written later
    assert "gardés" in store.warning and store.pending_count == 1
    assert store.steps_of(attempt) == []
    store.db.execute("PRAGMA query_only=OFF")  # the disk was freed
    assert store.retry_pending(0.0) is True
    assert store.warning is None and len(store.steps_of(attempt)) == 1
    assert store.add_learner("Paul") is not None
    store.db.execute("PRAGMA query_only=ON")
    assert store.add_learner("Jean") is None  # a facilitator's change is not kept: it fails visibly
    assert "ne peuvent pas être enregistrés" in store.warning


def test_a_failing_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / DB_NAME
    ProgressStore(path).close()
    monkeypatch.setattr("trainer.progress.schema.MIGRATIONS", MIGRATIONS + ["CREATE TABLE extra (x); SELECT nonsense()"])
    with pytest.raises(sqlite3.OperationalError):
        ProgressStore._migrate(sqlite3.connect(path, isolation_level=None))
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchone() is None


def test_a_data_folder_that_cannot_be_created_lets_the_lesson_go_on(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = ProgressStore(blocker / "sub" / DB_NAME)  # works even as root
    assert "ne s'ouvre pas pour l'instant" in store.warning and "gardé" in store.warning
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 1)
    assert store.record_step(attempt, 0, result())


class _Result:
    kind, duration, misses, hints, target_size, input, successes, details = "click", 1.0, 0, 0, 0.1, "mouse", 1, {}


def test_a_version_1_database_is_migrated_keeping_every_row(tmp_path):
    import sqlite3

    path = tmp_path / DB_NAME
    old = sqlite3.connect(path)
    old.executescript(MIGRATIONS[0])
    old.execute("PRAGMA user_version=1")
    old.execute("INSERT INTO learners (id, name, colour, created_at) VALUES (1, 'Marie', '#1F5FAD', 1.0)")
    old.execute("INSERT INTO sessions (id, learner_id, started_at) VALUES (1, 1, 2.0)")
    old.execute("INSERT INTO attempts (id, session_id, learner_id, lesson_id, lesson_title, step_count, started_at)"
                " VALUES (1, 1, 1, 'souris-1', 'Souris', 3, 3.0)")
    old.execute("INSERT INTO step_results (attempt_id, step_index, kind, finished_at, duration, misses, hints,"
                " input, successes) VALUES (1, 0, 'click', 4.0, 1.5, 2, 0, 'mouse', 1)")
    old.commit()
    old.close()
    store = ProgressStore(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [l.name for l in store.learners()] == ["Marie"]
    assert store.steps_of(1)[0]["misses"] == 2
    uids = [r[0] for r in store.db.execute("SELECT uid FROM learners UNION ALL SELECT uid FROM sessions "
                                           "UNION ALL SELECT uid FROM attempts")]
    assert len(uids) == 3 and all(len(u) == 32 for u in uids) and len(set(uids)) == 3
    # the half-done lesson of the old file resumes at its second step
    assert store.resume_point(1, "souris-1", 3) == 1


def test_a_half_done_lesson_resumes_where_it_stopped(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    marie = store.add_learner("Marie")
    session = store.start_session(marie.id)
    assert store.resume_point(marie.id, "l", 4) == 0
    first = store.start_attempt(session, marie.id, "l", "L", 4)
    assert store.resume_point(marie.id, "l", 4) == 0  # opened, nothing finished yet
    store.record_step(first, 0, _Result())
    store.record_step(first, 1, _Result())
    store.finish_attempt(first, "left")
    assert store.resume_point(marie.id, "l", 4) == 2
    assert store.resume_point(marie.id, "l", 5) == 0  # the lesson changed since: start again
    second = store.start_attempt(session, marie.id, "l", "L", 4, first_step=2)
    assert store.resume_point(marie.id, "l", 4) == 2  # killed before finishing step 3
    store.record_step(second, 2, _Result())
    assert store.resume_point(marie.id, "l", 4) == 3
    store.record_step(second, 3, _Result())
    store.finish_attempt(second, "done")
    assert store.resume_point(marie.id, "l", 4) == 0  # done: next time from the start
    assert store.lesson_states(marie.id) == {"l": "done"}


def test_settings_rename_and_forgetting_a_learner_for_good(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    marie = store.add_learner("Marie")
    paul = store.add_learner("Paul")
    assert store.update_settings(marie.id, text_size="large", sound=False).settings == {
        "text_size": "large", "sound": False}
    assert store.update_settings(marie.id, sound=None).settings == {"text_size": "large"}
    assert store.rename_learner(marie.id, "  Marie   Claire ")
    assert store.learner(marie.id).name == "Marie Claire"
    for who in (marie, paul):
        attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 2)
        store.record_step(attempt, 0, _Result())
    assert store.delete_learner(marie.id)
    assert [l.name for l in store.learners()] == ["Paul"]
    for table in ("sessions", "attempts"):
        assert store.db.execute(f"SELECT COUNT(*) FROM {table} WHERE learner_id = ?", (marie.id,)).fetchone() == (0,)
    assert store.db.execute("SELECT COUNT(*) FROM step_results").fetchone() == (1,)
    store.set_device_setting("pin", "1234")
    assert ProgressStore(tmp_path / DB_NAME).device_setting("pin") == "1234"
    assert store.device_setting("absent", 7) == 7


def test_an_attempt_with_every_step_recorded_is_done_even_if_not_marked(tmp_path):
    """Killed during the last « Bravo ! »: every step is there, the lesson is done."""
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 2)
    store.record_step(attempt, 0, _Result())
    assert store.lesson_states(who.id) == {"l": "started"}
    store.record_step(attempt, 1, _Result())
    assert store.lesson_states(who.id) == {"l": "done"}
    assert store.resume_point(who.id, "l", 2) == 0
