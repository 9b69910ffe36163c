"""Start-up time and idle CPU of the real program, as a person would feel them.

    .venv/bin/python benchmarks/startup_idle.py [--runs 7] [--idle 10]

Cold start: from launching ``python -m trainer`` to the first frame on which
a learner can act (the learner tiles), with a new data folder each time (so
the database is created).  Idle CPU: the program left alone on that screen.
Runs with SDL's dummy drivers at 1920x1080; prints median and min-max.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def launch(data_dir: str) -> subprocess.Popen:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PAS_A_PAS_REPORT_FIRST_FRAME="1")
    return subprocess.Popen([sys.executable, "-m", "trainer", "--size", "1920x1080", "--data", data_dir],
                            env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)


def first_frame(proc: subprocess.Popen) -> float:
    for line in proc.stderr:
        if line.startswith("first-frame "):
            return float(line.split()[1])
    raise RuntimeError("the program ended before its first frame")


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def row(name, values, unit, goal):
    med = statistics.median(values)
    print(f"{name:<34} {med:>9.3f} {unit:<4} (min {min(values):.3f}, max {max(values):.3f}, n={len(values)})  goal {goal}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    starts, idles, peaks = [], [], []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as data:
            t0 = time.time()
            proc = launch(data)
            try:
                starts.append(first_frame(proc) - t0)
                if i < 3:
                    time.sleep(1.5)  # past the first second of full speed after start
                    c0, w0 = cpu_seconds(proc.pid), time.monotonic()
                    time.sleep(args.idle)
                    idles.append(100 * (cpu_seconds(proc.pid) - c0) / (time.monotonic() - w0))
                    peaks.append(rss_mb(proc.pid))
            finally:
                proc.kill()
                proc.wait()
    row("cold start, new database", starts, "s", "<= 0.4 s")
    row("CPU while idle (learner tiles)", idles, "%", "<= 0.5 %")
    row("peak resident memory", peaks, "MB", "<= 60 MB")


if __name__ == "__main__":
    main()
