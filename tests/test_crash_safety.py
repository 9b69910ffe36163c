"""A killed program loses no finished step, and a damaged file is never lost.

The real program (``tests/crash_child.py``: the real App, the real SQLite
store on disk, the bundled lessons played through the real main loop) is
killed with SIGKILL at random moments (seeded): while it starts, between two
steps, in the middle of a write.  After each kill, every step it reported as
finished (``recorded <attempt_id> <step_index>``, printed only once
``ProgressStore.record_step`` has returned) must be in the database, and
``PRAGMA integrity_check`` must say ok.  Then it starts again on the same
folder, opens normally (no « abîmé » notice) and goes on adding rows.

A database file that is truncated or full of garbage is moved aside, never
deleted, and the program opens with a clear message.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore

from conftest import LESSONS, ROOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

SEED = 20250611
KILLS = int(os.environ.get("PAS_A_PAS_KILLS", "30"))  # each costs about half a second
CHILD = Path(__file__).with_name("crash_child.py")
STARTUP_TIMEOUT = 30.0  # seconds: generous, a loaded CI machine can be slow
DAMAGED_TITLE = "Le fichier des progrès était abîmé"


def child_env() -> dict:
    return dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONUNBUFFERED="1")


class Child:
    """The program in a subprocess; its stdout lines are collected by a thread."""

    def __init__(self, data: Path, seed: int, log: Path, *options: str):
        self.started = time.monotonic()
        self.log = log
        self.stderr = open(log, "w", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, str(CHILD), "--data", str(data), "--seed", str(seed),
                                      *options],
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True, encoding="utf-8",
                                     env=child_env(), cwd=ROOT)
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                continue  # a line torn by the kill (« recorded 29 » without its step): not a report
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            self.lines.append("<eof>")
            self.changed.notify_all()

    def wait_for(self, predicate, timeout: float = STARTUP_TIMEOUT) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.lines) or "<eof>" in self.lines, timeout)

    def recorded(self) -> list[tuple[int, int]]:
        return [tuple(int(v) for v in line.split()[1:3]) for line in list(self.lines)
                if line.startswith("recorded ")]

    def ready(self) -> dict | None:
        for line in list(self.lines):
            if line.startswith("ready "):
                return json.loads(line[len("ready "):])
        return None

    def kill(self) -> int:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        code = self.proc.wait(timeout=30)
        self.reader.join(timeout=30)
        self.stderr.close()
        return code

    def errors(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]


def snapshot(data: Path, scratch: Path) -> Path:
    """A copy of the database as a restarted program would find it (the files
    left by the killed process), so that checking it does not tidy up the original."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        source = data / (DB_NAME + suffix)
        if source.exists():
            shutil.copy2(source, scratch / source.name)
    return scratch / DB_NAME


def check_database(path: Path, reported: set) -> int:
    """integrity ok, foreign keys ok, every reported step there; returns the number of steps."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        saved = set(db.execute("SELECT attempt_id, step_index FROM step_results").fetchall())
        lost = reported - saved
        assert not lost, f"steps reported as finished but not in the database: {sorted(lost)}"
        orphans = db.execute("SELECT COUNT(*) FROM step_results WHERE attempt_id NOT IN "
                             "(SELECT id FROM attempts)").fetchone()[0]
        assert orphans == 0
        return len(saved)
    finally:
        db.close()


def moved_aside(data: Path) -> list[Path]:
    """The database files put aside (their -wal and -shm go with them)."""
    return sorted(p for p in data.iterdir() if ".abime-" in p.name and p.suffix == Path(DB_NAME).suffix)


def test_a_killed_program_loses_no_finished_step_and_starts_again_normally(tmp_path):
    rng = random.Random(SEED)
    data = tmp_path / "data"
    reported: set[tuple[int, int]] = set()
    steps_before = 0
    modes = {"starting": 0, "after steps": 0, "any time": 0}
    for round_ in range(KILLS):
        child = Child(data, rng.randrange(1 << 30), tmp_path / f"child-{round_}.log")
        mode = rng.choices(list(modes), weights=[2, 4, 4])[0]
        if mode == "starting":  # during imports, the opening of the store, its migration, the first frame
            time.sleep(rng.uniform(0.0, 0.4))
        elif mode == "after steps":  # just after a commit, or while the next one is written
            k = rng.randint(1, 8)
            assert child.wait_for(lambda lines: sum(l.startswith("recorded ") for l in lines) >= k), \
                child.errors()
            time.sleep(rng.choice([0.0, rng.uniform(0.0, 0.003), rng.uniform(0.0, 0.05)]))
        else:
            assert child.wait_for(lambda lines: any(l.startswith("ready ") for l in lines)), child.errors()
            time.sleep(rng.uniform(0.0, 0.8))
        code = child.kill()
        modes[mode] += 1
        assert code == -signal.SIGKILL, f"the program stopped by itself ({code}):\n{child.errors()}"
        assert not [l for l in child.lines if l.startswith("warning")], child.lines
        ready = child.ready()
        if ready is not None:  # it had opened the store: normally, without a notice
            assert ready == {"notice": None, "warning": None, "screen": "learners", "dialog": None}, ready
        reported |= set(child.recorded())
        assert moved_aside(data) == [], "a database was moved aside after a kill"
        if (data / DB_NAME).exists():
            steps = check_database(snapshot(data, tmp_path / "scratch"), reported)
            assert steps >= steps_before, "rows disappeared"
            steps_before = steps
    assert all(modes.values()), modes
    assert len(reported) >= KILLS, f"too few steps were played between kills: {len(reported)}"

    # started again on the same folder: opens normally and goes on adding rows
    child = Child(data, 1, tmp_path / "child-last.log")
    assert child.wait_for(lambda lines: sum(l.startswith("recorded ") for l in lines) >= 3), child.errors()
    assert child.kill() == -signal.SIGKILL
    ready = child.ready()
    assert ready == {"notice": None, "warning": None, "screen": "learners", "dialog": None}, ready
    new = set(child.recorded())
    assert len(new) >= 3 and not (new & reported), "new steps must be new rows"
    reported |= new
    assert check_database(snapshot(data, tmp_path / "scratch"), reported) >= steps_before + 3
    assert moved_aside(data) == []
    # and with nothing open any more, on the files themselves
    assert check_database(data / DB_NAME, reported) >= steps_before + 3


def test_killed_while_it_creates_a_new_database_it_starts_normally_next_time(tmp_path):
    """The first start on a new folder creates the file and its tables (a migration
    in one transaction): a kill at any moment of it leaves a file that opens normally."""
    rng = random.Random(SEED + 1)
    for round_ in range(6):
        data = tmp_path / f"data-{round_}"
        child = Child(data, round_, tmp_path / f"first-{round_}.log")
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not (data / DB_NAME).exists() and child.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.004 * round_))  # as soon as the file appears, or a little later
        assert child.kill() == -signal.SIGKILL, child.errors()
        assert (data / DB_NAME).exists()
        again = Child(data, round_, tmp_path / f"again-{round_}.log")
        assert again.wait_for(lambda lines: any(l.startswith("recorded ") for l in lines)), again.errors()
        again.kill()
        assert again.ready() == {"notice": None, "warning": None, "screen": "learners", "dialog": None}
        assert moved_aside(data) == []
        assert check_database(snapshot(data, tmp_path / "scratch"), set(again.recorded())) >= 1


def test_the_real_program_opens_on_a_killed_folder_without_moving_it_aside(tmp_path):
    """``python -m trainer`` itself, on the files a killed program left (a WAL with
    unchecked frames), draws its first frame and leaves the database in place."""
    data = tmp_path / "data"
    child = Child(data, 7, tmp_path / "child.log")
    assert child.wait_for(lambda lines: sum(l.startswith("recorded ") for l in lines) >= 2), child.errors()
    child.kill()
    assert (data / (DB_NAME + "-wal")).exists()
    env = dict(child_env(), PAS_A_PAS_REPORT_FIRST_FRAME="1")
    proc = subprocess.Popen([sys.executable, "-m", "trainer", "--windowed", "--data", str(data)],
                            env=env, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for line in proc.stderr:  # the store is open once the first frame is drawn
            if line.startswith("first-frame"):
                break
        assert proc.poll() is None, "the program did not start"
    finally:
        proc.kill()
        proc.wait()
    assert moved_aside(data) == []
    assert check_database(data / DB_NAME, set(child.recorded())) >= 2


def _mid_lesson(data: Path, attempt: int, step: int):
    """(learner name, lesson id) when step ``step`` of ``attempt`` left a named
    learner in the middle of a lesson; else None."""
    db = sqlite3.connect(f"file:{data / DB_NAME}?mode=ro", uri=True, timeout=5)
    try:
        row = db.execute("SELECT l.name, l.is_guest, a.lesson_id, a.step_count, a.status, "
                         "(SELECT COUNT(*) FROM attempts b WHERE b.learner_id = a.learner_id "
                         "AND b.lesson_id = a.lesson_id AND b.id > a.id) "
                         "FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE a.id = ?",
                         (attempt,)).fetchone()
    finally:
        db.close()
    if row is None:
        return None
    name, is_guest, lesson_id, count, status, later = row
    if is_guest or status != "started" or step + 1 >= count or later:
        return None
    return name, lesson_id


def test_after_a_kill_the_half_done_lesson_resumes_after_the_last_recorded_step(tmp_path):
    """Killed in the middle of a named learner's lesson: next time, that learner's
    card says where it stopped, and touching it goes on at the step after the last
    one the killed program had reported recorded."""
    for seed in range(40, 50):
        data = tmp_path / f"data-{seed}"
        child = Child(data, seed, tmp_path / f"resume-{seed}.log", "--people-only")
        deadline = time.monotonic() + 20
        found = None
        while found is None and time.monotonic() < deadline and child.proc.poll() is None:
            time.sleep(0.05)
            recorded = child.recorded()
            if recorded and _mid_lesson(data, *recorded[-1]):
                child.kill()
                found = _mid_lesson(data, *child.recorded()[-1])  # what it reported until the kill
                if found is None:
                    break
        child.kill()
        if found is None:
            continue  # the kill did not fall in the middle of a named learner's lesson: another seed
        name, lesson_id = found
        attempt, step = child.recorded()[-1]
        # a step may be committed and killed before its « recorded » line: one more, never one less
        db = sqlite3.connect(data / DB_NAME)
        last, count = db.execute("SELECT MAX(s.step_index), a.step_count FROM attempts a JOIN step_results s "
                                 "ON s.attempt_id = a.id WHERE a.id = ?", (attempt,)).fetchone()
        db.close()
        assert last in (step, step + 1)
        p = Pilot.start(data, size=(1024, 640), lesson_dirs=[LESSONS])
        while f"learner:{name}" not in p.ids():
            p.click("next_page")
        p.click(f"learner:{name}")
        lesson = next(e.lesson for e in p.app.lesson_entries() if e.usable and e.lesson.id == lesson_id)
        p.click(f"level:{lesson.level}")
        while not any(b.id == f"lesson:{lesson.id}" for b in p.app.screen.cards):  # (a long level has pages)
            p.click("next_page")
        card = next(b for b in p.app.screen.cards if b.id == f"lesson:{lesson.id}")
        if last + 1 == count:  # every step was recorded: killed during the last « Bravo ! »
            assert card.sublabel == "Terminée"
        else:
            assert card.sublabel == f"À reprendre : étape {last + 2}"
            p.click(f"lesson:{lesson.id}")
            assert p.screen == "player" and p.app.screen.index == last + 1
        p.app.close()
        return
    pytest.fail("no kill fell in the middle of a named learner's lesson in 10 tries")


# -- damaged files ---------------------------------------------------------------

def a_database_with_progress(data: Path) -> bytes:
    """A real progress file: a learner who played a lesson to its end.  Its bytes."""
    p = Pilot.start(data, lesson_dirs=[LESSONS])
    p.click("guest")
    p.click("level:1")
    p.click("lesson:" + p.app.lesson_entries()[0].lesson.id)
    p.play_lesson()
    p.app.close()
    assert not (data / (DB_NAME + "-wal")).exists()  # checkpointed on close: all in one file
    return (data / DB_NAME).read_bytes()


def garbage(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def open_and_expect_the_notice(data: Path, damaged: bytes) -> Pilot:
    """The program opens with the message; the damaged bytes are kept aside."""
    p = Pilot.start(data, lesson_dirs=[LESSONS])
    assert p.screen == "dialog", "the program must say the file was damaged"
    dialog = p.app.dialog
    assert dialog.question == DAMAGED_TITLE
    assert "mis de côté" in dialog.detail and "un nouveau a été commencé" in dialog.detail
    assert p.ids() == ["ok"] and p.labels() == ["D'accord"]
    kept = [path for path in moved_aside(data) if path.name in dialog.detail]
    assert len(kept) == 1, (dialog.detail, moved_aside(data))
    assert kept[0].read_bytes() == damaged, "the damaged file must be kept as it was"
    assert p.app.store.warning is None  # the new file is being saved normally
    return p


def play_one_step_and_count(p: Pilot, data: Path) -> None:
    p.click("ok")
    assert p.screen == "learners"
    p.click("guest")
    p.click("level:1")
    p.click("lesson:" + p.app.lesson_entries()[0].lesson.id)
    while not p.app.store.db.execute("SELECT COUNT(*) FROM step_results").fetchone()[0]:
        p.play_step()
    p.app.close()
    assert check_database(data / DB_NAME, set()) == 1


@pytest.mark.parametrize("damage", ["garbage", "zeros then garbage", "truncated to 100 bytes",
                                    "truncated in the header page", "truncated to half",
                                    "last pages cut short", "pages overwritten"])
def test_a_damaged_database_is_moved_aside_and_the_program_says_so(tmp_path, damage):
    data = tmp_path / "data"
    data.mkdir()
    if damage == "garbage":
        damaged = garbage(64 * 1024, 1)
    elif damage == "zeros then garbage":
        damaged = bytes(4096) + garbage(8192, 2)
    else:
        good = a_database_with_progress(data)
        assert len(good) >= 4 * 4096, len(good)
        damaged = {
            "truncated to 100 bytes": lambda: good[:100],
            "truncated in the header page": lambda: good[:2000],
            "truncated to half": lambda: good[:len(good) // 2],
            # the last pages are the empty table and index of device_settings,
            # whose loss harms nothing (SQLite reads them as empty): cut into
            # the last pages that hold rows, whose cells sit at the page's end
            "last pages cut short": lambda: good[:-3 * 4096 - 1000],
            "pages overwritten": lambda: good[:4096] + garbage(len(good) - 4096, 3),
        }[damage]()
    (data / DB_NAME).write_bytes(damaged)
    p = open_and_expect_the_notice(data, damaged)
    play_one_step_and_count(p, data)
    assert len(moved_aside(data)) == 1


def test_damaged_twice_in_the_same_second_both_files_are_kept(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    kept = []
    for seed in (10, 11, 12):
        damaged = garbage(16 * 1024, seed)
        (data / DB_NAME).write_bytes(damaged)
        p = open_and_expect_the_notice(data, damaged)
        p.app.close()
        kept.append(damaged)
    assert sorted(path.read_bytes() for path in moved_aside(data)) == sorted(kept)


def test_an_empty_file_is_simply_a_new_database(tmp_path):
    """A file of zero bytes (created, nothing written yet) is not « damaged »."""
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"")
    p = Pilot.start(data, lesson_dirs=[LESSONS])
    assert p.screen == "learners" and p.app.store.notice is None
    p.app.close()
    assert moved_aside(data) == []


def test_a_garbage_wal_beside_a_good_database_loses_nothing(tmp_path):
    """SQLite ignores WAL frames whose checksums do not match: the file opens normally."""
    data = tmp_path / "data"
    good = a_database_with_progress(data)
    (data / (DB_NAME + "-wal")).write_bytes(garbage(32 * 1024, 4))
    store = ProgressStore(data / DB_NAME)
    try:
        assert store.notice is None and store.warning is None
        assert store.db.execute("SELECT COUNT(*) FROM attempts WHERE status = 'done'").fetchone()[0] == 1
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        store.close()
    assert moved_aside(data) == [] and len(good) > 0


def test_damage_beyond_the_first_screens_tables_is_found_just_after_the_first_frame(tmp_path):
    """The program checks the learner tiles' tables before its first frame and the
    rest of the file just after it: a file damaged among its steps is still moved
    aside, and the learner is told, before any tap is read."""
    data = tmp_path / "data"
    store = ProgressStore(data / DB_NAME)
    marie = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(marie.id), marie.id, "l", "L", 4000)

    class Result:
        kind, duration, misses, hints, target_size, input, successes = "click", 1.0, 0, 0, 0.1, "mouse", 1
        details = {"note": "x" * 200}
    for i in range(4000):
        store.record_step(attempt, i, Result())
    store.close()
    good = (data / DB_NAME).read_bytes()
    middle = len(good) // 4096 // 2 * 4096  # a page in the middle: the steps fill most of the file
    damaged = good[:middle] + garbage(4096, 9) + good[middle + 4096:]
    (data / DB_NAME).write_bytes(damaged)
    # the tables of the first screen are fine: the tiles come first
    early = ProgressStore(data / DB_NAME, defer_check=True)
    assert early.check_pending and early.notice is None and [l.name for l in early.learners()] == ["Marie"]
    assert early.finish_check() is False and "mis de côté" in early.notice
    assert early.learners() == [] and not early.check_pending
    early.close()
    kept = moved_aside(data)
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    # the same through the program: the message is there once it has started
    kept[0].rename(data / DB_NAME)
    p = Pilot.start(data, lesson_dirs=[LESSONS])
    assert p.screen == "dialog" and p.app.dialog.question == DAMAGED_TITLE
    p.click("ok")
    assert p.screen == "learners" and "learner:Marie" not in p.ids()
    p.app.close()
