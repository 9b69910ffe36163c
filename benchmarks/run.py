"""Every benchmark of the real program, one table: figure, median, min-max, goal.

    .venv/bin/python benchmarks/run.py            # a few minutes on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions
    .venv/bin/python benchmarks/run.py --json     # the same figures as JSON

Everything runs the real program (its App, main loop, store and lessons) with
SDL's dummy video and audio drivers, at 1920x1080 unless said.  With ``--x11``
the same figures are taken in a real X window on a virtual X server (Xvfb,
which the script starts), as the peers were measured: start-up then includes
opening the window, and every frame is really sent to the X server.  Tests
never time anything; this script only measures and prints.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

RESULTS: list[dict] = []


def record(name: str, values, unit: str, goal: str | None, note: str = "") -> None:
    values = [float(v) for v in values]
    RESULTS.append({"figure": name, "unit": unit, "median": statistics.median(values), "min": min(values),
                    "max": max(values), "n": len(values), "goal": goal or "", "note": note})


def percentile(values, p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# -- the program in a subprocess -------------------------------------------------

VIDEO = {"driver": "dummy"}  # "x11" with --x11


def child_env() -> dict:
    return dict(os.environ, SDL_VIDEODRIVER=VIDEO["driver"], SDL_AUDIODRIVER="dummy",
                PAS_A_PAS_REPORT_FIRST_FRAME="1")


def start_x_server() -> subprocess.Popen:
    """Xvfb on a free display, big enough for the 2560x1440 figures."""
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "2560x1440x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("Xvfb did not start (apt-get install xvfb)")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    os.environ["SDL_VIDEODRIVER"] = VIDEO["driver"] = "x11"
    return server


def launch(data_dir, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "trainer", "--size", "1920x1080", "--data", str(data_dir), *extra],
                            env=child_env(), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)


def spawn_child(mode: str, data_dir) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--child", mode, "--data", str(data_dir)], env=child_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def wait_for(proc, prefix: str) -> str:
    stream = proc.stdout if prefix != "first-frame" else proc.stderr
    for line in stream:
        if line.startswith(prefix):
            return line
    raise RuntimeError(f"the program ended before « {prefix} »: {proc.stderr.read()[-2000:]}")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_percent(pid: int, seconds: float) -> float:
    c0, w0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return 100 * (cpu_seconds(pid) - c0) / (time.monotonic() - w0)


def stop(proc) -> None:
    proc.kill()
    proc.wait()


def make_big_database(data_dir: Path, learners: int = 100, steps: int = 100_000) -> None:
    from trainer.progress import DB_NAME, ProgressStore

    store = ProgressStore(data_dir / DB_NAME)
    db = store.db
    now = time.time()
    db.execute("BEGIN")
    db.executemany("INSERT INTO learners (name, colour, created_at) VALUES (?, '#1F5FAD', ?)",
                   [(f"Personne {i}", now) for i in range(learners)])
    ids = [r[0] for r in db.execute("SELECT id FROM learners")]
    per_attempt = 10
    for a in range(steps // per_attempt):
        who = ids[a % len(ids)]
        db.execute("INSERT INTO sessions (learner_id, started_at, ended_at) VALUES (?, ?, ?)", (who, now, now))
        session = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        db.execute("INSERT INTO attempts (session_id, learner_id, lesson_id, lesson_title, step_count, started_at, "
                   "finished_at, status) VALUES (?, ?, ?, 'Leçon', 10, ?, ?, 'done')",
                   (session, who, f"lecon-{a % 20}", now, now))
        attempt = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        db.executemany("INSERT INTO step_results (attempt_id, step_index, kind, finished_at, duration, misses, hints, "
                       "target_size, input, successes, details) VALUES (?, ?, 'click', ?, 4.2, 1, 0, 0.1, 'mouse', 3, "
                       "'{}')", [(attempt, i, now) for i in range(per_attempt)])
    db.execute("COMMIT")
    store.close()


# -- benchmarks ------------------------------------------------------------------

def bench_start(runs: int) -> None:
    fresh, big = [], []
    with tempfile.TemporaryDirectory() as big_dir:
        make_big_database(Path(big_dir))
        for i in range(runs):
            for target, data in ((fresh, None), (big, big_dir)):
                with tempfile.TemporaryDirectory() as tmp:
                    t0 = time.time()
                    proc = launch(data or tmp)
                    try:
                        target.append(float(wait_for(proc, "first-frame").split()[1]) - t0)
                    finally:
                        stop(proc)
    record("cold start to learner tiles, new database", fresh, "s", "<= 0.3 s (first start <= 0.4 s)")
    record("start with 100 learners, 100,000 steps", big, "s", "<= new database + 0.05 s")
    home = []
    with tempfile.TemporaryDirectory() as home_dir:
        make_home_device(Path(home_dir))
        for _ in range(runs):
            t0 = time.time()
            proc = launch(home_dir)
            try:
                home.append(float(wait_for(proc, "first-frame").split()[1]) - t0)
            finally:
                stop(proc)
    record("cold start to the lessons, mode maison", home, "s", "<= 0.3 s", "one learner's lesson menu")


def make_home_device(data_dir: Path) -> None:
    """A loaned device: one learner, half-way through a lesson, « mode maison »."""
    from trainer.activities.base import StepResult
    from trainer.progress import DB_NAME, ProgressStore

    from trainer import lesson

    first = next(e.lesson for e in lesson.discover([ROOT / "lessons"]) if e.usable)
    store = ProgressStore(data_dir / DB_NAME)
    marie = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(marie.id), marie.id, first.id, first.title, len(first.steps))
    store.record_step(attempt, 0, StepResult("click", 4.2, 1, 0, 0.1, "mouse", 3, {}))
    store.set_device_setting("home_learner", store.learner_uid(marie.id))
    store.close()


def bench_idle_cpu(runs: int, seconds: float) -> None:
    tiles, lesson, animating, missing = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            proc = launch(tmp)
            try:
                wait_for(proc, "first-frame")
                time.sleep(1.5)  # past the second of full speed after start
                tiles.append(cpu_percent(proc.pid, seconds))
            finally:
                stop(proc)
        for mode, out in (("idle-lesson", lesson), ("animating", animating), ("missing", missing)):
            with tempfile.TemporaryDirectory() as tmp:
                proc = spawn_child(mode, tmp)
                try:
                    wait_for(proc, "ready")
                    time.sleep(1.5)
                    out.append(cpu_percent(proc.pid, seconds))
                finally:
                    stop(proc)
    record("CPU idle, learner tiles", tiles, "%", "<= 0.5 %")
    record("CPU idle, lesson screen", lesson, "%", "<= 0.5 %")
    record("CPU while a target pulses, no input", animating, "%", "<= 10 %")
    record("CPU, a click beside the target every 0.5 s", missing, "%", None, "60 fps for 1 s after input")


def bench_memory(runs: int) -> None:
    peaks = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            proc = spawn_child("full-lesson", tmp)
            try:
                peaks.append(float(wait_for(proc, "peak").split()[1]))
            finally:
                stop(proc)
    record("peak memory over a full lesson", peaks, "MB", "<= 60 MB", f"{VIDEO['driver']} video driver")


def bench_frames(quick: bool) -> None:
    from trainer.pilot import Pilot

    for size in ((1920, 1080), (2560, 1440)):
        with tempfile.TemporaryDirectory() as tmp:
            pilot = Pilot.start(Path(tmp) / "data", size=size)
            app = pilot.app
            pilot.click("guest")
            pilot.click("level:2")
            pilot.click("lesson:souris-glisser-deposer")
            activity = app.screen.activity
            x, y, w, h = activity.item_rect()
            pilot.down((x + w / 2, y + h / 2))
            times, latency = [], []
            n = 150 if quick else 600
            for i in range(n):
                pos = (x + w / 2 + (i % 200), y + h / 2 + (i % 50))
                pilot.post(app.pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(1, 0, 0), touch=False)
                pilot.clock.advance(1 / 60)
                t0 = time.perf_counter()
                app.frame()  # reads the event, moves the photo, draws and presents the frame
                times.append((time.perf_counter() - t0) * 1000)
            latency.extend(times)
            record(f"frame while dragging, p50, {size[0]}x{size[1]}", [percentile(times, 50)], "ms", None)
            record(f"frame while dragging, p99, {size[0]}x{size[1]}", [percentile(times, 99)], "ms", "<= 8 ms")
            app.close()
        with tempfile.TemporaryDirectory() as tmp:
            pilot = Pilot.start(Path(tmp) / "data", size=size, lesson_dirs=[_keyboard_lesson(Path(tmp))])
            app = pilot.app
            pilot.click("guest")
            pilot.click("lesson:bench-clavier")
            pilot.frames(3)  # the step is on screen (its first drawing of the keyboard: once, ~30 ms)
            times, steady, seen = [], [], set()
            for i in range(len(KEYBOARD_TEXT) - 1):  # every key press but the last, which ends the step
                ch = KEYBOARD_TEXT[i]
                pilot.post(app.pygame.KEYDOWN, key=ord(ch), mod=0, scancode=4 + i % 10, unicode=ch, repeat=False)
                pilot.post(app.pygame.TEXTINPUT, text=ch)
                pilot.clock.advance(1 / 60)
                t0 = time.perf_counter()
                app.frame()
                times.append((time.perf_counter() - t0) * 1000)
                if ch in seen:
                    steady.append(times[-1])  # not a key's first highlight
                seen.add(ch)
            record(f"frame, keyboard lit + key pressed, p99, {size[0]}x{size[1]}", [percentile(times, 99)], "ms",
                   "<= 8 ms", "includes each key's first highlight")
            record(f"same, once each key was pressed once, p99, {size[0]}x{size[1]}", [percentile(steady, 99)],
                   "ms", "<= 8 ms")
            if size == (1920, 1080):
                record("input read to frame presented, p99", [percentile(latency + times, 99)], "ms",
                       "<= 16.7 ms", "plus up to 50 ms of idle sleep before the first input is read")
            app.close()


KEYBOARD_TEXT = "abcdefghij" * 12


def _keyboard_lesson(folder: Path) -> Path:
    lessons = folder / "lessons"
    lessons.mkdir()
    (lessons / "bench.yaml").write_text(
        "format: 1\nid: bench-clavier\ntitle: Bench clavier\nlevel: 1\nintro: x\nsteps:\n"
        "  - kind: type\n    instruction: Tapez.\n    text: \"" + KEYBOARD_TEXT + "\"\n", encoding="utf-8")
    return lessons


def bench_storage(quick: bool) -> None:
    from trainer.activities.base import StepResult
    from trainer.progress import DB_NAME, ProgressStore

    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore(Path(tmp) / DB_NAME)
        who = store.add_learner("Marie")
        attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 10)
        result = StepResult("click", 4.2, 1, 0, 0.1, "mouse", 3, {"start_size": 0.15})
        times = []
        for i in range(200 if quick else 1000):
            t0 = time.perf_counter()
            store.record_step(attempt, i, result)
            times.append((time.perf_counter() - t0) * 1000)
        store.close()
    record("record a finished step (durable), p50", [percentile(times, 50)], "ms", None)
    record("record a finished step (durable), p99", [percentile(times, 99)], "ms", "<= 5 ms")


def bench_kept(quick: bool) -> None:
    """While another process holds the progress file from the start (nobody
    can even read it): a finished step kept and journalled (fsync), and one
    try to open the file again (the main loop's, once a second: it must
    never freeze a frame)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from faults import OtherProcess

    from trainer.activities.base import StepResult
    from trainer.progress import DB_NAME, ProgressStore

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / DB_NAME
        ProgressStore(path).close()
        other = OtherProcess(path)
        try:
            store = ProgressStore(path, busy_timeout=0.1)
            who = store.add_learner("Marie")
            attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 10)
            result = StepResult("click", 4.2, 1, 0, 0.1, "mouse", 3, {"start_size": 0.15})
            kept, retries = [], []
            for i in range(50 if quick else 200):
                t0 = time.perf_counter()
                store.record_step(attempt, i, result)
                kept.append((time.perf_counter() - t0) * 1000)
            for second in range(20 if quick else 100):
                t0 = time.perf_counter()
                store.retry_pending(float(second))
                retries.append((time.perf_counter() - t0) * 1000)
        finally:
            other.close()
        t0 = time.perf_counter()
        store.retry_pending(1e6)
        written = time.perf_counter() - t0
        store.close()
    record("keep a step while the file is held (journal), p50", [percentile(kept, 50)], "ms", None)
    record("keep a step while the file is held (journal), p99", [percentile(kept, 99)], "ms", "<= 16 ms")
    record("one try to open a held file, p99", [percentile(retries, 99)], "ms", "<= 10 ms", "once a second")
    record(f"write {len(kept)} kept steps once the file opens", [written], "s", None)


def bench_privacy(runs: int) -> None:
    """Deleting a learner for good (secure delete, checkpoint, VACUUM) on the
    start-up figure's database, and one check of the facilitator's code (scrypt)."""
    from trainer import pin
    from trainer.progress import DB_NAME, ProgressStore

    deletes, checks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        make_big_database(big)
        store = ProgressStore(big / DB_NAME)
        for learner in store.learners()[:runs]:
            t0 = time.perf_counter()
            store.delete_learner(learner.id)
            deletes.append(time.perf_counter() - t0)
        pin.set_pin(store, "2580")
        for _ in range(runs):
            t0 = time.perf_counter()
            pin.check(store, "1234")
            checks.append(time.perf_counter() - t0)
        store.close()
    record("delete a learner for good (100,000 steps)", deletes, "s", "<= 0.5 s", "secure delete + VACUUM")
    record("check the facilitator's code (scrypt)", checks, "s", "<= 0.3 s", "32 MB, on the UI thread")


def bench_validate(runs: int) -> None:
    from trainer import lesson

    sources = lesson.lesson_files(ROOT / "lessons")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lessons"
        shutil.copytree(ROOT / "lessons" / "images", folder / "images")
        for i in range(500):
            src = sources[i % len(sources)]
            text = src.read_text(encoding="utf-8")
            lesson_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
            (folder / f"{i:03d}-{src.name}").write_text(text.replace(f"id: {lesson_id}", f"id: {lesson_id}-{i}", 1),
                                                        encoding="utf-8")
        for _ in range(runs):
            t0 = time.perf_counter()
            entries = lesson.discover([folder])
            times.append(time.perf_counter() - t0)
            assert all(e.usable for e in entries), [e.reason for e in entries if not e.usable][:3]
    record("validate 500 lesson files", times, "s", "<= 1 s")


def bench_report(runs: int) -> None:
    """The workshop report, export and import over the start-up figure's
    database (100 learners, 100,000 finished steps)."""
    from trainer import exchange, lesson, resources
    from trainer.progress import DB_NAME, ProgressStore
    from trainer.report import to_markdown, workshop_report

    report, command, export, imported = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big"
        make_big_database(big)
        lessons = lesson.discover([resources.lessons_dir()])
        store = ProgressStore(big / DB_NAME)
        for _ in range(runs):
            t0 = time.perf_counter()
            text = to_markdown(workshop_report(store, lessons))
            report.append(time.perf_counter() - t0)
            assert "| Étapes réussies | 100000 |" in text
        for i in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "trainer", "report", "--data", str(big)], check=True,
                           stdout=subprocess.DEVNULL, cwd=ROOT)
            command.append(time.perf_counter() - t0)
        out = Path(tmp) / "export.json"
        for i in range(min(runs, 3)):
            t0 = time.perf_counter()
            exchange.export_progress(store, out)
            export.append(time.perf_counter() - t0)
            other = ProgressStore(Path(tmp) / f"other-{i}" / DB_NAME)
            t0 = time.perf_counter()
            assert exchange.import_progress(other, out).steps_added == 100_000
            imported.append(time.perf_counter() - t0)
            other.close()
        store.close()
    record("trainer report over 100,000 step results", report, "s", "<= 0.5 s", "workshop_report + Markdown")
    record("same, the whole command (python start included)", command, "s", None)
    record("export 100 learners, 100,000 steps to JSON", export, "s", None)
    record("import that file into an empty store", imported, "s", None)


# -- children: the real App driven in its own process ---------------------------------

def child(mode: str, data: str) -> None:
    from trainer.app import App
    from trainer.pilot import FakeClock, Pilot

    clock = FakeClock(time.monotonic())
    app = App(data_dir=data, size=(1920, 1080), clock=clock)
    pilot = Pilot(app, clock)
    pilot.frames(1)
    pilot.click("guest")
    pilot.click("lesson:souris-pointer-cliquer")
    if mode == "full-lesson":
        pilot.play_lesson()
        print(f"peak {peak_rss_mb(os.getpid()):.1f}", flush=True)
        time.sleep(60)
        return
    pilot.wait(1.3)
    while app.screen.activity.KIND != "click":
        pilot.play_step()
        pilot.wait(1.3)
    app._clock = time.monotonic  # from now on the real clock and the real loop
    app.last_input = -1e9
    activity = app.screen.activity
    if mode == "animating":
        def pulse_forever():  # the hint's pulse, again and again, with no input at all
            while True:
                activity.pulse_started = app.now()
                time.sleep(0.85)

        threading.Thread(target=pulse_forever, daemon=True).start()
    if mode == "missing":
        def miss_every_half_second():
            while True:
                cx, cy = activity.center()
                far = (cx + 500 if cx < 960 else cx - 500, cy)
                for kind in (app.pygame.MOUSEBUTTONDOWN, app.pygame.MOUSEBUTTONUP):
                    app.pygame.event.post(app.pygame.event.Event(kind, pos=far, button=1, touch=False))
                time.sleep(0.5)

        threading.Thread(target=miss_every_half_second, daemon=True).start()
    print("ready", flush=True)
    app.run()


# -- the table -----------------------------------------------------------------------

def print_table() -> None:
    print(f"{'figure':<52} {'median':>9} {'min-max':>19} {'n':>4}  goal")
    for r in RESULTS:
        unit = r["unit"]
        spread = f"{r['min']:.3g}-{r['max']:.3g}" if r["n"] > 1 else ""
        line = f"{r['figure']:<52} {r['median']:>7.3g} {unit:<2}{spread:>18} {r['n']:>4}  {r['goal']}"
        if r["note"]:
            line += f"  ({r['note']})"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--x11", action="store_true", help="in a real X window on Xvfb (which it starts)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data)
        return
    server = start_x_server() if args.x11 else None
    try:
        run_all(args)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    if args.json:
        print(json.dumps(RESULTS, ensure_ascii=False, indent=2))
    else:
        print(f"video driver: {VIDEO['driver']}" + (" (Xvfb)" if args.x11 else ""))
        print_table()


def run_all(args) -> None:
    runs = 3 if args.quick else 7
    bench_start(runs)
    bench_idle_cpu(1 if args.quick else 3, 5.0 if args.quick else 10.0)
    bench_memory(1 if args.quick else 3)
    bench_frames(args.quick)
    bench_storage(args.quick)
    bench_kept(args.quick)
    bench_validate(3 if args.quick else 5)
    bench_report(3 if args.quick else 7)
    bench_privacy(3 if args.quick else 7)


if __name__ == "__main__":
    main()
