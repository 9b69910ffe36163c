"""Test helper, not a test: the real program playing a lesson while its
progress file cannot take writes, to be killed (SIGKILL) with steps kept.

Used by ``test_kept_survive.py``.  It builds the real :class:`trainer.app.App`
on ``--data`` and plays the lesson ``--lesson`` through the real main loop
with :class:`trainer.pilot.Pilot`, as the guest or as ``--learner``.  With
``--full-disk`` the store's connection refuses writes as a full disk does
(:class:`faults.FullDisk`); a lock or a real full disk comes from the test.

It prints, flushed at once, one whole line each:

    ready
    kept <attempt uid> <step index> <writes kept in memory>   (after record_step returned True)

and, the lesson done, waits to be killed.

    python tests/kept_child.py --data DIR --lessons DIR --lesson ID [--learner NAME | --new-learner NAME]
                               [--full-disk]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from faults import FullDisk  # noqa: E402
from trainer.app import App  # noqa: E402
from trainer.pilot import FakeClock, Pilot  # noqa: E402
from trainer.progress import ProgressStore  # noqa: E402


def say(*parts) -> None:
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()


def attempt_uid(store, attempt_id) -> str:
    """The attempt's uid (the same in this run, in the journal and in the file)."""
    for write in store._pending:
        if write.kind == "attempt" and write.provisional == attempt_id:
            return write.values["uid"]
    real = store.real_id(attempt_id)
    return store.db.execute("SELECT uid FROM attempts WHERE id = ?", (real,)).fetchone()[0]


def report_kept_steps() -> None:
    original = ProgressStore.record_step

    def record_step(self, attempt_id, step_index, result):
        ok = original(self, attempt_id, step_index, result)
        if ok:
            say("kept", attempt_uid(self, attempt_id), step_index, self.pending_count)
        return ok

    ProgressStore.record_step = record_step


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--lessons", type=Path, required=True)
    parser.add_argument("--lesson", required=True)
    parser.add_argument("--learner")
    parser.add_argument("--new-learner", help="added first, typed on the keyboard, then chosen")
    parser.add_argument("--full-disk", action="store_true")
    args = parser.parse_args(argv)
    report_kept_steps()
    clock = FakeClock()
    app = App(data_dir=args.data, lesson_dirs=[args.lessons], windowed=True, size=(1024, 640), clock=clock,
              strict=True)
    pilot = Pilot(app, clock)
    pilot.frames(2)
    if args.full_disk:
        app.store.db = disk = FullDisk(app.store.db)
        disk.full = True
    say("ready")
    sys.stdin.readline()  # the test says when (after it filled a real disk, say)
    if args.new_learner:
        pilot.click("add_learner")
        pilot.type(args.new_learner)
        pilot.press(pilot.pygame.K_RETURN)
        args.learner = args.new_learner
    pilot.click(f"learner:{args.learner}" if args.learner else "guest")
    pilot.click(f"lesson:{args.lesson}")
    while app.screen.name == "player":
        if app.screen.praise_until is not None:
            pilot.wait(1.3)
        else:
            pilot.play_step()
    say("finished")
    while True:  # killed here, or before
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main())
