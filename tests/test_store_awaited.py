"""A progress file that cannot be opened when the program starts (issue 16):
held by another process, a disk full while the file is made, a folder not
writable yet.  The program goes on (people added, lessons played), tries the
file again about once a second, and once it opens writes everything done
meanwhile into it, in order, the provisional ids resolved; the banner says
so in French, then « C'est réglé ».

Faults are real where the machine allows it: another process holds the file
(``locking_mode=EXCLUSIVE``: nobody else can even read it), a real 2 MB disk
filled to the last byte and freed, a disk mounted read-only then writable
(root: tmpfs; else those tests are skipped).  The full disk is also simulated
(:class:`faults.FullDisk`) so that it runs everywhere."""
import json
import os
import sqlite3
import subprocess
from types import SimpleNamespace

import pygame
import pytest

from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore

from faults import FullDisk, OtherProcess, fill, small_disk
from test_store_rides_out import read_file, twelve_steps


def result(misses=0):
    return SimpleNamespace(kind="click", duration=1.5, misses=misses, hints=0, target_size=0.1, input="mouse",
                           successes=1, details={})


def text(pilot, message):
    return pilot.app.translator.text(message) or ""


def play(pilot, steps):
    """Play ``steps`` steps of the lesson on screen (waiting through « Bravo ! »)."""
    done = 0
    for _ in range(steps * 3):
        screen = pilot.app.screen
        if screen.name != "player" or done == steps:
            break
        if screen.praise_until is not None:
            pilot.wait(1.3)
            continue
        pilot.play_step()
        done += 1
    return done


def workshop_file(data):
    data.mkdir(parents=True, exist_ok=True)
    setup = ProgressStore(data / DB_NAME)
    marie = setup.add_learner("Marie")
    setup.update_settings(marie.id, text_size="big")
    setup.set_device_setting("pin", {"hash": "the facilitator's"})
    setup.set_device_setting("language", "fr")
    device = setup.device_uid()
    setup.close()
    return marie, device


# -- the store alone -------------------------------------------------------------------

def test_everything_done_while_the_file_was_held_is_written_in_order_when_it_opens(tmp_path):
    data = tmp_path / "data"
    marie, device = workshop_file(data)
    other = OtherProcess(data / DB_NAME)
    try:
        store = ProgressStore(data / DB_NAME, busy_timeout=0.1)
        assert store.detached is not None and store.learners() == []  # not even readable
        assert "ne s'ouvre pas pour l'instant" in store.warning and "occupé" in store.warning
        paul = store.add_learner("Paul")
        again = store.add_learner("marie")  # her tile was not shown: the facilitator added her again
        gone = store.add_learner("Zoé")
        assert paul.id < 0 and again.id < 0
        store.update_settings(again.id, pointer_size=2)
        store.rename_learner(paul.id, "Paul R.")
        store.set_device_setting("language", "en")
        store.set_device_setting("pin", {"hash": "a learner's"})  # the file's code is never replaced
        store.set_device_setting("keyboard_layout", "bepo")
        sessions = {}
        for who in (paul, again, gone):
            session = store.start_session(who.id)
            attempt = store.start_attempt(session, who.id, "douze", "Douze", 2)
            for i in range(2):
                assert store.record_step(attempt, i, result(misses=i)) is True
            store.end_session(session)
            sessions[who.name] = (session, attempt)
        assert store.delete_learner(gone.id)  # added and deleted meanwhile: nothing of her is written
        assert store.lesson_states(paul.id) == {"douze": "done"}
        assert store.retry_pending(10.0) is False and store.detached is not None  # still held
    finally:
        other.release()
        other.close()
    assert store.retry_pending(11.0) is True
    assert store.detached is None and store.reconnected and store.pending_count == 0
    assert store.warning is None and "C'est réglé" in str(store.recovered)
    # the provisional ids stand for the file's rows
    assert store.real_id(paul.id) > 0 and store.real_id(again.id) == marie.id
    assert store.real_id(sessions["Paul"][0]) > 0 and store.real_id(sessions["Paul"][1]) > 0
    assert store.learner(paul.id).name == "Paul R." and store.lesson_states(again.id) == {"douze": "done"}
    people = read_file(data / DB_NAME, "SELECT name, settings FROM learners WHERE is_guest = 0 ORDER BY id")
    assert [(n, json.loads(s)) for n, s in people] == [("Marie", {"pointer_size": 2, "text_size": "big"}),
                                                        ("Paul R.", {})]
    steps = read_file(data / DB_NAME, "SELECT l.name, s.step_index, s.misses, a.status, e.ended_at IS NOT NULL, "
                                      "e.device_uid FROM step_results s JOIN attempts a ON a.id = s.attempt_id "
                                      "JOIN sessions e ON e.id = a.session_id JOIN learners l ON l.id = a.learner_id "
                                      "ORDER BY s.id")
    assert steps == [("Paul R.", 0, 0, "done", 1, device), ("Paul R.", 1, 1, "done", 1, device),
                     ("Marie", 0, 0, "done", 1, device), ("Marie", 1, 1, "done", 1, device)]
    settings = dict(read_file(data / DB_NAME, "SELECT key, value FROM device_settings"))
    # whoever changed the device's settings meanwhile could not be asked the code (it is in the file):
    # the file's settings stay; a setting the file did not have is written
    assert json.loads(settings["language"]) == "fr" and json.loads(settings["pin"]) == {"hash": "the facilitator's"}
    assert json.loads(settings["keyboard_layout"]) == "bepo"
    assert not any(name.endswith(".jsonl") for name in os.listdir(data))  # the journal went with the writes
    store.close()


def test_retrying_never_waits_for_the_file(tmp_path, monkeypatch):
    """A frame must not freeze: while detached, the file is tried with no
    busy wait at all (a lock is not waited for)."""
    data = tmp_path / "data"
    workshop_file(data)
    other = OtherProcess(data / DB_NAME)
    try:
        store = ProgressStore(data / DB_NAME, busy_timeout=0.1)
        timeouts = []
        real = sqlite3.connect

        def connect(target, *args, **kwargs):
            timeouts.append(kwargs.get("timeout"))
            return real(target, *args, **kwargs)

        monkeypatch.setattr(sqlite3, "connect", connect)
        for second in range(3):
            assert store.retry_pending(float(second)) is False
        assert timeouts == [0, 0, 0]
        assert store.retry_pending(2.5) is False and len(timeouts) == 3  # about once a second, no more
    finally:
        other.close()
    store.close()


def test_a_file_damaged_when_it_finally_opens_is_set_aside_and_a_new_one_gets_what_was_kept(tmp_path):
    data = tmp_path / "data"
    workshop_file(data)
    other = OtherProcess(data / DB_NAME)
    try:
        store = ProgressStore(data / DB_NAME, busy_timeout=0.1)
        guest = store.guest()
        attempt = store.start_attempt(store.start_session(guest.id), guest.id, "l", "L", 1)
        store.record_step(attempt, 0, result())
    finally:
        other.close()
    for extra in ("-wal", "-shm"):
        if os.path.exists(str(data / DB_NAME) + extra):
            os.unlink(str(data / DB_NAME) + extra)
    raw = bytearray((data / DB_NAME).read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree: damaged
    (data / DB_NAME).write_bytes(bytes(raw))
    assert store.retry_pending(5.0) is True
    assert "mis de côté" in str(store.notice)
    assert read_file(data / DB_NAME, "SELECT l.is_guest, s.step_index FROM step_results s JOIN attempts a "
                                     "ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id") == [(1, 0)]
    store.close()


# -- the whole program ---------------------------------------------------------------------------

def test_the_program_started_while_another_process_holds_the_file_writes_everything_once_it_opens(tmp_path):
    data = tmp_path / "data"
    marie, _ = workshop_file(data)
    folder = twelve_steps(tmp_path / "lecons")
    other = OtherProcess(data / DB_NAME)
    try:
        with Pilot.start(data, lesson_dirs=[folder]) as p:
            store = p.app.store
            banner = text(p, store.warning)
            assert "ne s'ouvre pas pour l'instant" in banner and "gardé" in banner
            assert "locked" not in banner and "database" not in banner
            assert "learner:Marie" not in p.ids()
            p.click("add_learner")  # the facilitator adds the person in front of her
            p.type("Paul")
            p.press(pygame.K_RETURN)
            assert p.screen == "learners" and "learner:Paul" in p.ids()
            p.click("learner:Paul")
            p.click("lesson:douze")
            assert play(p, 5) == 5
            p.wait(2.5)  # tried again and again: still held
            assert store.detached is not None and store.pending_count > 0
            assert "ne s'ouvre pas" in text(p, store.warning)
            other.release()
            p.wait(1.2)
            assert store.detached is None and store.pending_count == 0 and store.warning is None
            assert "C'est réglé" in text(p, p.app.notice)
            assert p.app.learner.id > 0 and p.app.session_id > 0  # the file's ids from now on
            assert play(p, 7) == 7
            p.wait(1.3)
            assert p.screen == "results"
            while p.screen != "learners":
                p.click("back")
            assert {"learner:Marie", "learner:Paul"} <= set(p.ids())  # the people of the file are back
        rows = read_file(data / DB_NAME, "SELECT l.name, a.status, s.step_index FROM step_results s "
                                         "JOIN attempts a ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id "
                                         "ORDER BY s.step_index")
        assert rows == [("Paul", "done", i) for i in range(12)]  # every finished step, each once
        assert read_file(data / DB_NAME, "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL") == [(0,)]
    finally:
        other.close()


def test_the_program_started_on_a_full_disk_writes_the_guests_steps_when_it_frees(tmp_path, monkeypatch):
    """Simulated: the new file cannot be made (« database or disk is full »
    as its tables are created), then the disk frees."""
    data = tmp_path / "data"
    folder = twelve_steps(tmp_path / "lecons")
    disk = SimpleNamespace(full=True, connections=[])
    real = ProgressStore._connect

    def connect(self, target, timeout=None):
        db = real(self, target, timeout)
        if target == ":memory:":
            return db
        wrapped = FullDisk(db)
        wrapped.full = disk.full
        disk.connections.append(wrapped)
        return wrapped

    monkeypatch.setattr(ProgressStore, "_connect", connect)
    with Pilot.start(data, lesson_dirs=[folder]) as p:
        store = p.app.store
        assert store.detached is not None and "disque est plein" in text(p, store.warning)
        p.click("guest")
        p.click("lesson:douze")
        assert play(p, 4) == 4
        p.wait(2.2)
        assert store.detached is not None and len(disk.connections) >= 3  # tried each second
        disk.full = False
        p.wait(1.2)
        assert store.detached is None and store.pending_count == 0
        assert "C'est réglé" in text(p, p.app.notice)
        assert play(p, 2) == 2
    assert read_file(data / DB_NAME, "SELECT l.is_guest, s.step_index FROM step_results s JOIN attempts a "
                                     "ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id "
                                     "ORDER BY s.step_index") == [(1, i) for i in range(6)]


@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_a_real_disk_full_or_not_writable_yet_at_start(tmp_path, fault):
    """A real disk: filled to the last byte, or mounted read-only (a stick
    not ready yet); then freed, or made writable."""
    folder = twelve_steps(tmp_path / "lecons")
    with small_disk(tmp_path / "cle") as disk:
        data = disk / "pas-a-pas"
        data.mkdir()
        if fault == "full":
            filler = fill(disk)
        else:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with Pilot.start(data, lesson_dirs=[folder]) as p:
            store = p.app.store
            words = "disque est plein" if fault == "full" else "protégé"
            assert store.detached is not None and words in text(p, store.warning), text(p, store.warning)
            p.click("guest")
            p.click("lesson:douze")
            assert play(p, 3) == 3
            p.wait(1.1)
            assert store.detached is not None
            if fault == "full":
                filler.unlink()
            else:
                subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
            p.wait(1.2)
            assert store.detached is None and store.pending_count == 0, text(p, store.warning)
            assert "C'est réglé" in text(p, p.app.notice)
        assert read_file(data / DB_NAME, "SELECT step_index FROM step_results ORDER BY step_index") == [
            (0,), (1,), (2,)]


def test_once_the_file_opens_the_device_speaks_its_language_and_a_lent_device_opens_on_its_learner(tmp_path):
    data = tmp_path / "data"
    marie, _ = workshop_file(data)
    setup = ProgressStore(data / DB_NAME)
    setup.set_device_setting("language", "en")
    setup.set_device_setting("home_learner", setup.learner_uid(marie.id))  # lent to Marie
    setup.close()
    other = OtherProcess(data / DB_NAME)
    try:
        with Pilot.start(data) as p:
            assert p.app.language == "fr" and p.screen == "learners"  # the defaults: the file is not read yet
            other.release()
            p.wait(1.2)
            assert p.app.language == "en"
            assert p.screen == "lessons" and p.app.learner.name == "Marie"
    finally:
        other.close()


def test_a_file_that_opens_but_refuses_part_of_what_was_kept_takes_none_of_it_and_nothing_is_lost(
        tmp_path, monkeypatch):
    """The file opens, takes the new person, then refuses the session (the
    disk fills again): what was kept is written all together or not at all,
    so nothing is half there; the screens go on reading memory, what follows
    is kept, and the next try writes everything, the person once."""
    data = tmp_path / "data"
    workshop_file(data)
    other = OtherProcess(data / DB_NAME)
    try:
        store = ProgressStore(data / DB_NAME, busy_timeout=0.1)
        paul = store.add_learner("Paul")
        session = store.start_session(paul.id)
        attempt = store.start_attempt(session, paul.id, "l", "L", 3)
        store.record_step(attempt, 0, result())
    finally:
        other.close()
    refuse = {"on": True}
    real = ProgressStore._connect

    class RefusesSessions:
        def __init__(self, db):
            self.real = db

        def execute(self, sql, *params):
            if refuse["on"] and sql.startswith("INSERT INTO sessions"):
                raise sqlite3.OperationalError("database or disk is full")
            return self.real.execute(sql, *params)

        def __getattr__(self, name):
            return getattr(self.real, name)

    monkeypatch.setattr(ProgressStore, "_connect",
                        lambda self, target, timeout=None: real(self, target, timeout) if target == ":memory:"
                        else RefusesSessions(real(self, target, timeout)))
    assert store.retry_pending(1.0) is False and store.detached is not None
    assert "disque est plein" in store.warning
    assert read_file(data / DB_NAME, "SELECT COUNT(*) FROM learners WHERE name = 'Paul'") == [(0,)]
    assert store.real_id(paul.id) == paul.id  # nothing of it was written: still provisional
    assert store.learner(paul.id).name == "Paul"  # and still on screen, from memory
    assert store.rename_learner(paul.id, "Paul R.")
    store.record_step(attempt, 1, result())
    refuse["on"] = False
    assert store.retry_pending(2.0) is True
    assert read_file(data / DB_NAME, "SELECT l.name, s.step_index FROM step_results s JOIN attempts a "
                                     "ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id "
                                     "ORDER BY s.step_index") == [("Paul R.", 0), ("Paul R.", 1)]
    assert read_file(data / DB_NAME, "SELECT COUNT(*) FROM learners WHERE name LIKE 'Paul%'") == [(1,)]
    store.close()


def test_commands_on_a_file_held_by_another_process_say_it_cannot_be_opened_and_exit_1(tmp_path, capsys):
    from trainer.cli import main

    data = tmp_path / "data"
    workshop_file(data)
    other = OtherProcess(data / DB_NAME)
    try:
        for command in (["pin"], ["device"]):  # (each waits 5 s for the file, as commands do)
            assert main([*command, "--data", str(data)]) == 1, command
            said = capsys.readouterr()
            said = said.out + said.err
            assert "ne peut pas être ouvert" in said and "occupé" in said, (command, said)
            assert "gardé" not in said, command  # a command keeps nothing for later
    finally:
        other.close()


def test_a_file_to_migrate_on_a_really_full_disk_is_migrated_once_the_disk_frees(tmp_path):
    """An older version's file (version 1) on a disk full to the last byte:
    its migration cannot be written; nothing is lost or moved aside, and once
    the disk frees it is migrated and gets what was done meanwhile."""
    from trainer.progress import MIGRATIONS

    with small_disk(tmp_path / "cle") as disk:
        data = disk / "pas-a-pas"
        data.mkdir()
        old = sqlite3.connect(data / DB_NAME)
        old.executescript(MIGRATIONS[0])
        old.execute("PRAGMA user_version=1")
        old.execute("INSERT INTO learners (id, name, colour, created_at) VALUES (1, 'Marie', '#1F5FAD', 1.0)")
        old.commit()
        old.close()
        before = (data / DB_NAME).read_bytes()
        filler = fill(disk)
        store = ProgressStore(data / DB_NAME, busy_timeout=0.1)
        assert store.detached is not None and "disque est plein" in store.warning, store.warning
        assert store.notice is None and not [p for p in os.listdir(data) if "abime" in p]  # not « damaged »
        assert (data / DB_NAME).read_bytes() == before
        guest = store.guest()
        attempt = store.start_attempt(store.start_session(guest.id), guest.id, "l", "L", 2)
        store.record_step(attempt, 0, result())
        assert store.retry_pending(1.0) is False
        filler.unlink()
        assert store.retry_pending(2.0) is True
        assert [l.name for l in store.learners()] == ["Marie"]
        store.close()
        assert read_file(data / DB_NAME, "PRAGMA user_version") == [(len(MIGRATIONS),)]
        assert read_file(data / DB_NAME, "SELECT l.is_guest, s.step_index FROM step_results s JOIN attempts a "
                                         "ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id") == [(1, 0)]
