"""A store that rides out bad moments: a full disk, a file locked by another
program, a file from a newer version, a damaged file under a command.

Faults are injected for real: the store's connection is wrapped so that its
writes fail as SQLite fails on a full disk (« database or disk is full »), and
a second SQLite connection holds ``BEGIN EXCLUSIVE`` as another program would."""
import hashlib
import os
import random
import sqlite3
from types import SimpleNamespace

import pytest

from trainer.cli import main
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore
from trainer.progress.records import reason

from conftest import LESSONS
from faults import FullDisk, OtherProgram


def result(kind="click", misses=0):
    return SimpleNamespace(kind=kind, duration=1.5, misses=misses, hints=0, target_size=0.1, input="mouse",
                           successes=1, details={})


def read_file(path, sql, params=()):
    """What the file holds, read by another connection (not the store's memory)."""
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def twelve_steps(folder):
    """A lesson of twelve click steps (« 12 of 12 steps lost »)."""
    folder.mkdir(parents=True, exist_ok=True)
    steps = "".join(f"  - kind: click\n    instruction: Cliquez sur le rond numéro {i + 1}.\n    count: 1\n"
                    for i in range(12))
    (folder / "douze.yaml").write_text(
        "format: 1\nid: douze\ntitle: Douze clics\nlevel: 1\nintro: Douze petits clics.\nsteps:\n" + steps,
        encoding="utf-8")
    return folder


# -- the store alone -----------------------------------------------------------

def test_a_session_begun_on_a_full_disk_is_written_with_its_steps_when_the_disk_frees(tmp_path):
    path = tmp_path / DB_NAME
    store = ProgressStore(path)
    marie = store.add_learner("Marie")
    store.db = disk = FullDisk(store.db)
    disk.full = True
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "douze", "Douze", 3)
    assert session < 0 and attempt < 0  # provisional: nothing could be written
    for i in range(3):
        assert store.record_step(attempt, i, result(misses=i)) is True
    store.end_session(session)
    assert disk.refused and store.pending_count == 6
    assert "gardés" in store.warning and "disque est plein" in store.warning
    assert read_file(path, "SELECT COUNT(*) FROM step_results") == [(0,)]
    assert store.retry_pending(100.0) is False  # still full: kept, in order
    disk.full = False
    assert store.retry_pending(100.5) is False  # not before a second has passed
    assert store.retry_pending(101.0) is True
    assert store.warning is None and "maintenant enregistrés" in str(store.recovered)
    rows = read_file(path, "SELECT s.step_index, s.misses, a.status, e.learner_id, e.ended_at IS NOT NULL "
                           "FROM step_results s JOIN attempts a ON a.id = s.attempt_id "
                           "JOIN sessions e ON e.id = a.session_id ORDER BY s.step_index")
    assert rows == [(0, 0, "done", marie.id, 1), (1, 1, "done", marie.id, 1), (2, 2, "done", marie.id, 1)]
    assert store.real_id(attempt) > 0 and store.lesson_states(marie.id) == {"douze": "done"}
    store.close()


def test_a_write_waits_for_a_lock_a_tenth_of_a_second_then_is_kept(tmp_path):
    path = tmp_path / DB_NAME
    store = ProgressStore(path, busy_timeout=0.1)
    marie = store.add_learner("Marie")
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 100
    other = OtherProgram(path)
    other.lock()
    try:
        session = store.start_session(marie.id)
        attempt = store.start_attempt(session, marie.id, "l", "L", 1)
        assert store.record_step(attempt, 0, result())
        assert store.pending_count == 3
        assert "occupé par un autre programme" in store.warning
        assert "locked" not in store.warning and "database" not in store.warning
        assert store.retry_pending(10.0) is False
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == 100  # given back after a retry
    finally:
        other.close()
    assert store.retry_pending(11.0) is True
    assert read_file(path, "SELECT COUNT(*) FROM step_results") == [(1,)]
    store.close()


def test_a_kept_step_of_a_learner_deleted_meanwhile_is_dropped_not_retried_forever(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    marie = store.add_learner("Marie")
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "l", "L", 2)
    store.db = disk = FullDisk(store.db)
    disk.full = True
    store.record_step(attempt, 0, result())
    disk.full = False
    store.db = disk.real
    store.db.execute("DELETE FROM learners WHERE id = ?", (marie.id,))  # (the facilitator, elsewhere)
    assert store.retry_pending(0.0) is True and store.pending_count == 0 and store.dropped == 1


@pytest.mark.parametrize("message, words", [
    ("database is locked", "occupé"), ("database table is locked", "occupé"),
    ("database or disk is full", "plein"), ("disk I/O error", "disque"),
    ("attempt to write a readonly database", "protégé"), ("database disk image is malformed", "abîmé"),
    ("near \"x\": syntax error", "ne répond pas comme prévu"),
])
def test_sqlite_english_never_reaches_the_screen(message, words):
    text = str(reason(sqlite3.OperationalError(message)))
    assert words in text and message not in text


@pytest.mark.parametrize("number, words", [
    ("ENOSPC", "plein"), ("EACCES", "protégé"), ("EROFS", "protégé"), ("EIO", "disque"), ("ENOTDIR", "prévu"),
])
def test_the_systems_english_never_reaches_the_screen_either(number, words):
    import errno

    code = getattr(errno, number)
    text = str(reason(OSError(code, os.strerror(code))))
    assert words in text and os.strerror(code) not in text


# -- a file from a newer version ----------------------------------------------------------

def newer_file(folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    store = ProgressStore(path)
    store.add_learner("Marie")
    store.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    for extra in ("-wal", "-shm"):
        if os.path.exists(str(path) + extra):
            os.unlink(str(path) + extra)
    return path


def folder_state(folder):
    """The progress file and anything beside it (-wal, -shm, a copy set aside)."""
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in sorted(os.listdir(folder))
            if name.startswith("progres")}


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = newer_file(tmp_path / "data")
    before = folder_state(path.parent)
    store = ProgressStore(path)
    assert store.newer and "version plus récente" in store.warning and "pas été modifié" in store.warning
    assert store.learners() == []  # its tables are not read: they may mean something else
    store.add_learner("Paul")
    store.close()
    with Pilot.start(path.parent) as p:
        p.click("guest")
        p.click("lesson:souris-pointer-cliquer") if "lesson:souris-pointer-cliquer" in p.ids() else None
        assert "version plus récente" in p.app.translator.text(p.app.store.warning)
    assert folder_state(path.parent) == before  # not one byte changed, nothing added beside it


def test_commands_refuse_a_newer_file_and_a_damaged_one_with_exit_code_1(tmp_path, capsys):
    path = newer_file(tmp_path / "data")
    before = folder_state(path.parent)
    for command in (["report"], ["export", "--all", "--out", str(tmp_path / "e.json")], ["pin"],
                    ["import", str(tmp_path / "nothing.json")]):
        assert main([*command, "--data", str(path.parent)]) == 1, command
        err = capsys.readouterr()
        assert "version plus récente" in err.out + err.err, command
    assert folder_state(path.parent) == before
    damaged = tmp_path / "abime"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"SQLite format 3\x00" + bytes(random.Random(1).randrange(256)
                                                                   for _ in range(8000)))
    assert main(["report", "--data", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "abîmé" in err and "mis de côté" in err and "Rien d'autre n'a été fait" in err


def test_a_command_whose_file_fails_midway_says_so_in_french_and_exits_1(tmp_path, capsys, monkeypatch):
    from trainer import report as reports

    store = ProgressStore(tmp_path / DB_NAME)
    store.add_learner("Marie")
    store.close()

    def fails(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(reports, "workshop_report", fails)
    assert main(["report", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "abîmé" in err and "malformed" not in err


# -- the whole program: a lesson played while the disk fills and frees and another program locks ------

def test_every_finished_step_reaches_the_file_through_full_disks_and_locks(tmp_path):
    """Fault injection through the real main loop: the disk is full when the
    learner is chosen (« 12 of 12 steps lost » before), then full, free,
    locked by another program, in turns, step after step; at the end every
    finished step is in the file, the banner never spoke SQLite's English,
    and it said that all was saved."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / DB_NAME
    setup = ProgressStore(path)
    marie = setup.add_learner("Marie")
    setup.close()
    folder = twelve_steps(tmp_path / "lecons")
    other = OtherProgram(path)
    shown = []
    try:
        with Pilot.start(data, lesson_dirs=[folder, LESSONS]) as p:
            store = p.app.store
            # a lock is waited for a tenth of a second at most on screen (then the write is kept)
            assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] <= 100
            store.db = disk = FullDisk(store.db)
            disk.full = True  # the moment the learner is chosen
            p.click("learner:Marie")
            assert p.screen == "lessons"
            p.click("lesson:douze")
            schedule = ["full", "full", "free", "lock", "lock", "free", "full", "lock+full", "free", "lock",
                        "free", "full"]
            played = 0
            for _ in range(200):
                screen = p.app.screen
                if screen.name != "player":
                    break
                if screen.praise_until is not None:
                    p.wait(1.3)
                    shown.append(p.app.translator.text(store.warning or p.app.notice))
                    continue
                if screen.index < played:
                    raise AssertionError("a step went backwards")
                mode = schedule[screen.index % len(schedule)]
                if mode != "free":
                    disk.full = "full" in mode
                    if "lock" in mode:
                        other.lock()
                    else:
                        other.release()
                else:
                    disk.full = False
                    other.release()
                before = screen.index
                p.play_step()
                played = max(played, before + 1)
                shown.append(p.app.translator.text(store.warning or p.app.notice))
            assert p.screen == "results" and played == 12
            assert disk.refused > 0 and any("gardés" in (s or "") for s in shown)
            assert store.pending_count > 0  # the last step was finished on a full disk
            assert store.lesson_states(marie.id) == {"douze": "done"}  # the menu says so already
            disk.full = False
            other.release()
            p.wait(1.5)
            assert store.pending_count == 0 and store.warning is None
            assert "maintenant enregistrés" in p.app.translator.text(p.app.notice)
            p.click("back") if "back" in p.ids() else None
        rows = read_file(path, "SELECT a.lesson_id, a.status, s.step_index, e.learner_id FROM step_results s "
                               "JOIN attempts a ON a.id = s.attempt_id JOIN sessions e ON e.id = a.session_id "
                               "ORDER BY s.step_index")
        assert [r[2] for r in rows] == list(range(12))  # every finished step, each once
        assert {(r[0], r[1], r[3]) for r in rows} == {("douze", "done", marie.id)}
        assert read_file(path, "SELECT COUNT(*) FROM sessions WHERE ended_at IS NOT NULL") == [(1,)]
        for text in filter(None, shown):
            assert "locked" not in text and "database" not in text and "disk" not in text
    finally:
        other.close()


def test_quitting_with_progress_still_kept_says_so_and_a_last_try_is_made(tmp_path):
    data = tmp_path / "data"
    folder = twelve_steps(tmp_path / "lecons")
    p = Pilot.start(data, lesson_dirs=[folder])
    try:
        p.click("guest")
        p.click("lesson:douze")
        store = p.app.store
        store.db = disk = FullDisk(store.db)
        disk.full = True
        p.play_step()
        p.wait(1.3)
        p.play_step()
        assert store.pending_count >= 2
        p.app.request_quit()
        assert p.screen == "dialog" and "attendent encore d'être enregistrés" in p.app.dialog.detail
        assert "disque est plein" in p.app.dialog.detail
        p.click("no")
        disk.full = False  # freed just before closing: the last try writes it all
    finally:
        p.close()
    assert read_file(data / DB_NAME, "SELECT step_index FROM step_results ORDER BY step_index") == [(0,), (1,)]


def test_a_program_started_while_another_holds_the_file_plays_as_the_guest_and_writes_later(tmp_path):
    """The guest's own row cannot be written either: it is made when the
    kept session is written, and the steps go with it."""
    data = tmp_path / "data"
    data.mkdir()
    ProgressStore(data / DB_NAME).close()
    folder = twelve_steps(tmp_path / "lecons")
    other = OtherProgram(data / DB_NAME)
    other.lock()
    try:
        with Pilot.start(data, lesson_dirs=[folder]) as p:
            p.click("guest")
            p.click("lesson:douze")
            for _ in range(3):
                p.play_step()
                p.wait(1.3)
            text = p.app.translator.text(p.app.store.warning)
            assert "occupé par un autre programme" in text and "locked" not in text
            other.release()
            p.wait(1.2)
            assert p.app.store.pending_count == 0
            p.play_step()  # and the next step is written at once, to the same attempt
    finally:
        other.close()
    rows = read_file(data / DB_NAME, "SELECT l.is_guest, l.name, s.step_index FROM step_results s "
                                     "JOIN attempts a ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id "
                                     "ORDER BY s.step_index")
    assert rows == [(1, "Invité", 0), (1, "Invité", 1), (1, "Invité", 2), (1, "Invité", 3)]


def test_the_menu_counts_what_is_kept_a_lesson_finished_on_a_full_disk_is_done(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    marie = store.add_learner("Marie")
    written = store.start_attempt(store.start_session(marie.id), marie.id, "deja", "Déjà", 3)
    store.record_step(written, 0, result())
    store.db = disk = FullDisk(store.db)
    disk.full = True
    store.record_step(written, 1, result())  # its second step kept
    assert store.lesson_states(marie.id) == {"deja": "started"}
    assert store.resume_point(marie.id, "deja", 3) == 2
    session = store.start_session(marie.id)
    kept = store.start_attempt(session, marie.id, "douze", "Douze", 2)
    assert store.lesson_states(marie.id) == {"deja": "started", "douze": "started"}
    assert store.recent_lessons(marie.id)[0] == "douze"
    store.record_step(kept, 0, result())
    assert store.resume_point(marie.id, "douze", 2) == 1
    store.record_step(kept, 1, result())
    assert store.lesson_states(marie.id)["douze"] == "done" and store.resume_point(marie.id, "douze", 2) == 0
    disk.full = False
    assert store.retry_pending(0.0)
    assert store.lesson_states(marie.id) == {"deja": "started", "douze": "done"}  # the same, from the file
    assert store.resume_point(marie.id, "deja", 3) == 2 and store.resume_point(marie.id, "douze", 2) == 0
