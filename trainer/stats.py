"""A learner's progress in figures: what the progress screen draws.

Pure: it reads the progress store and the lessons, never pygame; the
measures are :mod:`trainer.figures`'s.  A « séance » here is one day of
practice (a workshop, or a morning at home): a learner chosen twice in one
workshop is still one workshop for them.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from . import i18n
from .figures import POINTING_KINDS, TYPING_KINDS, Figures  # noqa: F401  (the kinds: part of this module's API)


@dataclass
class Day:
    """One day of practice."""

    date: str  # YYYY-MM-DD, local time
    steps: int = 0
    seconds_per_target: float | None = None  # median, pointing steps
    misses_per_target: float | None = None  # pointing steps
    chars_per_minute: float | None = None  # median, typing steps
    throughput: float | None = None  # median, bits per second (trainer.activities.throughput)
    undos: int = 0  # undos and redos used in undo steps
    undo_steps: int = 0

    @property
    def label(self) -> str:
        """« 26/11 »: short, for under a bar."""
        return self.label_in(None)

    def label_in(self, tr) -> str:
        """The day as ``tr``'s language writes it short (French by default)."""
        _, month, day = self.date.split("-")
        return (tr or i18n.french()).t("progress.day", day=int(day), month=int(month))


@dataclass
class LevelCount:
    level: int
    done: int
    total: int


@dataclass
class Progress:
    learner_id: int
    levels: list[LevelCount] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    lessons_done: int = 0
    steps_done: int = 0

    @property
    def sentence(self) -> str:
        """:func:`encouragement`, in French."""
        return encouragement(self)


def _local_date(t: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(t))


def learner_progress(store, learner_id: int, lessons=()) -> Progress:
    """Everything the progress screen shows for one learner.  ``lessons`` are
    the usable lessons (for the count per level)."""
    progress = Progress(learner_id)
    states = store.lesson_states(learner_id)
    done = {lesson_id for lesson_id, state in states.items() if state == "done"}
    levels: dict[int, LevelCount] = {}
    for lesson in lessons:
        count = levels.setdefault(lesson.level, LevelCount(lesson.level, 0, 0))
        count.total += 1
        count.done += lesson.id in done
    progress.levels = [levels[k] for k in sorted(levels)]
    progress.lessons_done = len(done)

    by_day: dict[str, Figures] = {}
    steps = store.learner_steps(learner_id)
    for step in steps:
        day = _local_date(step.finished_at)
        figures = by_day.get(day)
        if figures is None:
            figures = by_day[day] = Figures()
        figures.add(step)
    for date in sorted(by_day):
        f = by_day[date]
        progress.days.append(Day(date=date, steps=f.steps, seconds_per_target=f.seconds_per_target,
                                 misses_per_target=f.misses_per_target, chars_per_minute=f.chars_per_minute,
                                 throughput=f.throughput,
                                 undos=f.undos, undo_steps=f.undo_steps))
    progress.steps_done = len(steps)
    return progress


def _times(ratio: float) -> str:
    """Which « … fois plus vite » sentence: "3", "2" or "much"."""
    if ratio >= 2.75:
        return "3"
    if ratio >= 1.75:
        return "2"
    return "much"


def _first_last(days: list[Day], attr: str):
    measured = [d for d in days if getattr(d, attr) is not None]
    if len(measured) < 2:
        return None
    return getattr(measured[0], attr), getattr(measured[-1], attr)


def encouragement(progress: Progress, tr=None) -> str:
    """One sentence that is true, the best news first, in ``tr``'s language (French by default)."""
    tr = tr or i18n.french()
    speed = _first_last(progress.days, "seconds_per_target")
    if speed and speed[1] > 0 and speed[0] / speed[1] >= 1.4:
        return tr.t(f"stats.faster_targets.{_times(speed[0] / speed[1])}")
    typing = _first_last(progress.days, "chars_per_minute")
    if typing and typing[0] > 0 and typing[1] / typing[0] >= 1.4:
        return tr.t(f"stats.faster_typing.{_times(typing[1] / typing[0])}")
    misses = _first_last(progress.days, "misses_per_target")
    if misses and misses[0] >= 0.5 and misses[1] <= misses[0] / 2:
        return tr.t("stats.fewer_mistakes")
    if any(d.undos for d in progress.days):
        return tr.t("stats.undo")
    if progress.lessons_done >= 2:
        return tr.n("stats.lessons_done", progress.lessons_done)
    if progress.lessons_done == 1:
        return tr.t("stats.first_lesson")
    if progress.steps_done:
        return tr.n("stats.exercises", progress.steps_done)
    return tr.t("stats.waiting")
