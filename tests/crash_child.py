"""Test helper, not a test: the real program, playing lessons forever.

Used by ``test_crash_safety.py``, which kills this process with SIGKILL at
random moments.  It builds the real :class:`trainer.app.App` on ``--data``
(the real SQLite progress store, on disk) and plays the bundled lessons
through the real main loop with :class:`trainer.pilot.Pilot`: real pygame
events, a learner who knows what to do, sometimes with a finger, sometimes
leaving a lesson half-way or adding a person first.

It prints, on stdout and flushed at once:

    ready {"notice": null, "warning": null, "screen": "learners", "dialog": null}
    recorded <attempt_id> <step_index>   (only after ProgressStore.record_step returned True)
    warning <text>                       (if the store ever says progress is not saved)

    python tests/crash_child.py --data DIR [--lessons DIR] [--seed N] [--people-only]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trainer import resources  # noqa: E402
from trainer.app import App  # noqa: E402
from trainer.pilot import FakeClock, Pilot  # noqa: E402
from trainer.progress import ProgressStore  # noqa: E402


def say(*parts) -> None:
    # one write of one whole line: with PYTHONUNBUFFERED, print() may write its
    # parts one by one, and a kill between them leaves a torn report
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    sys.stdout.flush()


def report_recorded_steps() -> None:
    """Say « recorded » only once record_step has returned (the transaction is committed)."""
    original = ProgressStore.record_step

    def record_step(self, attempt_id, step_index, result):
        ok = original(self, attempt_id, step_index, result)
        if ok:
            say("recorded", attempt_id, step_index)
        elif self.warning:
            say("warning", self.warning)
        return ok

    ProgressStore.record_step = record_step


def close_dialog(pilot: Pilot) -> None:
    """Answer whatever is asked with the safe answer."""
    while pilot.app.dialog is not None:
        ids = pilot.ids()
        pilot.click("no" if "no" in ids else ids[0])


def choose_learner(pilot: Pilot, rng: random.Random, touch: bool, people_only: bool = False) -> None:
    if rng.random() < 0.25 or (people_only and not pilot.app.store.learners()):
        # a new person first: a row in learners, typed on a keyboard
        pilot.click("add_learner", touch=touch)
        pilot.type(f"Personne {rng.randrange(10**6)}")
        pilot.press(pilot.pygame.K_RETURN)
        close_dialog(pilot)
    names = [b.id for b in pilot.buttons() if b.id not in ("add_learner", "quit", "previous_page", "next_page")
             and not (people_only and b.id == "guest")]
    pilot.click(rng.choice(names), touch=touch)


def play_forever(pilot: Pilot, rng: random.Random, people_only: bool = False) -> None:
    app = pilot.app
    lessons = [e.lesson for e in app.lesson_entries() if e.usable]
    while True:
        close_dialog(pilot)
        touch = rng.random() < 0.4
        if app.screen.name == "learners":
            choose_learner(pilot, rng, touch, people_only)
        elif app.screen.name == "lessons":
            lesson = rng.choice(lessons)
            pilot.click(f"level:{lesson.level}", touch=touch)
            pilot.click(f"lesson:{lesson.id}", touch=touch)
        elif app.screen.name == "player":
            screen = app.screen
            if screen.praise_until is not None:
                pilot.wait(1.3)
            elif rng.random() < 0.04:  # stop half-way: the attempt is « left »
                pilot.click("back", touch=touch)
                pilot.click("yes", touch=touch)
            else:
                pilot.play_step(touch)
        elif app.screen.name == "results":
            pilot.click(rng.choice(pilot.ids()), touch=touch)
        else:  # add_learner or anything new: go back
            pilot.click(pilot.ids()[0], touch=touch)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--lessons", type=Path, action="append", default=[])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--people-only", action="store_true", help="never the guest (resume tests)")
    args = parser.parse_args(argv)
    report_recorded_steps()
    clock = FakeClock()
    app = App(data_dir=args.data, lesson_dirs=[resources.lessons_dir(), *args.lessons], windowed=True,
              size=(1024, 640), clock=clock, strict=True)
    pilot = Pilot(app, clock)
    pilot.frames(2)  # the first frame, then the start-up check of the progress file
    dialog = None if app.dialog is None else {"question": app.dialog.question, "detail": app.dialog.detail}
    say("ready", json.dumps({"notice": app.store.notice, "warning": app.store.warning,
                             "screen": app.screen.name, "dialog": dialog}, ensure_ascii=False))
    play_forever(pilot, random.Random(args.seed), args.people_only)
    return 0  # pragma: no cover - killed before


if __name__ == "__main__":
    sys.exit(main())
