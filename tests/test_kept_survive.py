"""Kept steps survive a kill (issue 16): steps finished while the progress
file could not take them are in a journal on the disk (fsynced, private),
with a reserve of room given back when the disk is full, and the next start
writes them, never twice.

The real program runs in another process (``kept_child.py``) and is killed
with SIGKILL while steps are kept: behind a lock held by this process, on a
simulated full disk, and on a real disk filled to the last byte (root:
tmpfs)."""
import os
import select
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from trainer.progress import DB_NAME, ProgressStore
from trainer.progress.journal import JOURNAL_SUFFIX, RESERVE_SIZE, RESERVE_SUFFIX, Journal

from faults import OtherProcess, OtherProgram, fill, small_disk
from test_store_rides_out import read_file, twelve_steps

CHILD = Path(__file__).resolve().parent / "kept_child.py"
TIMEOUT = 60.0  # seconds for the child to say something: generous on a loaded machine


def line_of(proc, deadline) -> str:
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or proc.poll() is not None and not select.select([proc.stdout], [], [], 0)[0]:
            raise AssertionError("the program said nothing: " + proc.stderr.read() if proc.poll() is not None
                                 else "the program said nothing in time")
        if select.select([proc.stdout], [], [], min(left, 0.5))[0]:
            line = proc.stdout.readline()
            if line:
                return line.strip()


def run_and_kill(data, folder, kill_after, learner=None, full_disk=False, before_go=None, new_learner=None):
    """Start the program, let it play, kill it (SIGKILL) once ``kill_after``
    steps were kept; the (attempt uid, step index, writes kept) it reported."""
    args = [sys.executable, str(CHILD), "--data", str(data), "--lessons", str(folder), "--lesson", "douze"]
    if learner:
        args += ["--learner", learner]
    if new_learner:
        args += ["--new-learner", new_learner]
    if full_disk:
        args.append("--full-disk")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        deadline = time.monotonic() + TIMEOUT
        assert line_of(proc, deadline) == "ready"
        if before_go is not None:
            before_go()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        kept = []
        while len(kept) < kill_after:
            words = line_of(proc, deadline).split()
            if words[0] == "kept":
                kept.append((words[1], int(words[2]), int(words[3])))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return kept


def steps_in_file(path):
    return read_file(path, "SELECT a.uid, s.step_index FROM step_results s JOIN attempts a ON a.id = s.attempt_id "
                           "ORDER BY s.step_index")


def journal_of(data) -> Path:
    return data / (DB_NAME + JOURNAL_SUFFIX)


def result():
    return SimpleNamespace(kind="click", duration=1.5, misses=0, hints=0, target_size=0.1, input="mouse",
                           successes=1, details={"text": "Bonjour"})


def test_steps_kept_behind_a_lock_survive_a_kill_and_are_written_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    setup = ProgressStore(data / DB_NAME)
    setup.add_learner("Marie")
    setup.close()
    folder = twelve_steps(tmp_path / "lecons")
    other = OtherProgram(data / DB_NAME)  # this process: another program for the child
    other.lock()
    try:
        kept = run_and_kill(data, folder, kill_after=5, learner="Marie")
        assert all(pending > 0 for _, _, pending in kept)  # kept, not written
        assert steps_in_file(data / DB_NAME) == []
        journal = journal_of(data)
        assert journal.exists()
        if os.name == "posix":
            assert stat.S_IMODE(os.stat(journal).st_mode) == 0o600
    finally:
        other.close()
    store = ProgressStore(data / DB_NAME)  # the next start
    assert store.pending_count == 0 and store.warning is None
    store.close()
    found = steps_in_file(data / DB_NAME)
    assert {(uid, i) for uid, i, _ in kept} <= set(found)  # every step the program said was kept
    assert len(found) == len(set(found)) and [i for _, i in found] == list(range(len(found)))
    assert not journal_of(data).exists()
    rows = read_file(data / DB_NAME, "SELECT l.name, e.ended_at FROM attempts a JOIN learners l "
                                     "ON l.id = a.learner_id JOIN sessions e ON e.id = a.session_id")
    assert [r[0] for r in rows] == ["Marie"]
    ProgressStore(data / DB_NAME).close()  # and again: nothing counted twice
    assert steps_in_file(data / DB_NAME) == found


def test_steps_kept_on_a_full_disk_survive_a_kill(tmp_path):
    data = tmp_path / "data"
    folder = twelve_steps(tmp_path / "lecons")
    kept = run_and_kill(data, folder, kill_after=4, full_disk=True)
    assert all(pending > 0 for _, _, pending in kept)
    assert journal_of(data).exists()
    ProgressStore(data / DB_NAME).close()
    found = steps_in_file(data / DB_NAME)
    assert {(uid, i) for uid, i, _ in kept} <= set(found) and len(found) == len(set(found))
    assert read_file(data / DB_NAME, "SELECT COUNT(*) FROM learners WHERE is_guest = 1") == [(1,)]


def test_on_a_real_full_disk_the_reserve_makes_room_for_the_kept_steps(tmp_path):
    folder = twelve_steps(tmp_path / "lecons")
    with small_disk(tmp_path / "cle") as disk:
        data = disk / "pas-a-pas"
        reserve = data / (DB_NAME + RESERVE_SUFFIX)
        filled = []

        def fill_the_disk():
            assert os.path.getsize(reserve) == RESERVE_SIZE  # set aside while there was room
            filled.append(fill(disk))

        kept = run_and_kill(data, folder, kill_after=4, before_go=fill_the_disk)
        # the first write the full disk refused was kept and journalled in the
        # reserve's room, given back to the disk; the file may then take the
        # next ones in that room too: either way, none may be lost
        assert not reserve.exists()
        filled[0].unlink()  # room again
        store = ProgressStore(data / DB_NAME)
        assert store.pending_count == 0
        assert reserve.exists() and os.path.getsize(reserve) == RESERVE_SIZE  # set aside again
        store.close()
        found = steps_in_file(data / DB_NAME)
        assert {(uid, i) for uid, i, _ in kept} <= set(found) and len(found) == len(set(found))


def test_a_full_disk_refuses_the_journal_unless_the_reserve_is_there(tmp_path):
    """The control: on a disk full to the last byte a journal line cannot be
    written at all; with the reserve set aside before, it can."""
    with small_disk(tmp_path / "cle") as disk:
        without = Journal(disk / "a.sqlite3")
        with_reserve = Journal(disk / "b.sqlite3")
        assert with_reserve.make_reserve()
        fill(disk)
        assert without.append({"kind": "step", "values": {}}) is False
        assert with_reserve.append({"kind": "step", "values": {}}) is True
        assert with_reserve.released and not with_reserve.reserve.exists()
        assert len(with_reserve.read()) == 1


def test_a_journal_written_twice_counts_nothing_twice(tmp_path):
    """Killed after the file took the kept writes but before the journal was
    removed: the next start writes the same journal again, and nothing is
    counted twice."""
    path = tmp_path / DB_NAME
    store = ProgressStore(path, busy_timeout=0.1)
    marie = store.add_learner("Marie")
    other = OtherProgram(path)
    other.lock()
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "l", "L", 3)
    for i in range(3):
        store.record_step(attempt, i, result())
    store.end_session(session)
    journal = journal_of(tmp_path)
    copy = tmp_path / "copie.jsonl"
    shutil.copy(journal, copy)
    other.close()
    assert store.retry_pending(0.0) is True and not journal.exists()
    store.close()
    once = read_file(path, "SELECT * FROM step_results ORDER BY id")
    sessions = read_file(path, "SELECT * FROM sessions")
    shutil.copy(copy, journal)
    with open(journal, "ab") as f:
        f.write(b'{"kind": "step", "values": {"attempt')  # and a line torn by the kill
    ProgressStore(path).close()
    assert read_file(path, "SELECT * FROM step_results ORDER BY id") == once
    assert read_file(path, "SELECT * FROM sessions") == sessions and len(once) == 3
    assert not journal.exists()


def test_after_a_partial_write_the_journal_keeps_only_the_rest_with_the_files_ids(tmp_path):
    """Written in part (the session and the attempt), then killed: the
    journal's steps name the attempt by the file's id, not by a provisional
    one the next run would not know."""
    path = tmp_path / DB_NAME
    store = ProgressStore(path, busy_timeout=0.1)
    marie = store.add_learner("Marie")
    other = OtherProgram(path)
    other.lock()
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "l", "L", 2)
    other.release()
    store._pending[:] = store._pending[:2]  # (the steps come after: written one by one below)
    store._journal.rewrite([store._entry(w) for w in store._pending])
    assert store.flush_pending() is True and store.real_id(attempt) > 0
    other.lock()
    store.record_step(attempt, 0, result())
    lines = store._journal.read()
    assert [(e["kind"], e["values"]["attempt_id"]) for e in lines] == [("step", store.real_id(attempt))]
    other.close()
    del store  # killed: never closed
    ProgressStore(path).close()
    assert read_file(path, "SELECT attempt_id, step_index FROM step_results") == [(1, 0)]


def test_a_person_added_and_steps_played_while_the_file_could_not_be_opened_survive_a_kill(tmp_path):
    """Started while another process held the file (not even readable): the
    person added and her steps are in the journal; killed; the next start,
    the file free, writes them all."""
    data = tmp_path / "data"
    data.mkdir()
    setup = ProgressStore(data / DB_NAME)
    setup.add_learner("Marie")
    setup.close()
    folder = twelve_steps(tmp_path / "lecons")
    other = OtherProcess(data / DB_NAME)
    try:
        kept = run_and_kill(data, folder, kill_after=4, new_learner="Paulette")
        assert all(pending > 0 for _, _, pending in kept)
        assert b"Paulette" in journal_of(data).read_bytes()
    finally:
        other.close()
    store = ProgressStore(data / DB_NAME)
    assert store.pending_count == 0 and store.warning is None
    assert sorted(l.name for l in store.learners()) == ["Marie", "Paulette"]
    store.close()
    found = read_file(data / DB_NAME, "SELECT a.uid, s.step_index, l.name FROM step_results s JOIN attempts a "
                                      "ON a.id = s.attempt_id JOIN learners l ON l.id = a.learner_id")
    assert {(uid, i) for uid, i, _ in kept} <= {(uid, i) for uid, i, _ in found}
    assert {name for _, _, name in found} == {"Paulette"} and len(found) == len(set(found))
    assert not journal_of(data).exists()
