"""The measures of practice, defined once: what the progress screen draws
for each day (:mod:`trainer.stats`) and what the workshop report compares
between a learner's first and last day (:mod:`trainer.report`).

Pure: it reads finished steps (:class:`trainer.progress.StepRecord`: its
session, kind, finish time, duration, misses, successes, and the kind's
typed details), never SQL nor pygame.  Group the steps as you like (a day, a session, several
sessions), one :class:`Figures` per group:

- **seconds per target**: the median, over the pointing steps (click,
  double click, right click, drag, hover) that reached at least one target,
  of the step's duration divided by its targets;
- **misses per target**: the missed tries of those steps over their targets;
- **characters per minute**: the median over the typing steps (letters,
  type, field; not « key ») of their ``chars_per_minute``;
- **undos**: the undos and redos used in the undo and redo steps, and how
  many such steps recorded them (``undo_steps``: 0 means « not measured »);
- **throughput**: the median, over the click, double click and right click
  steps that measured it, of their throughput in bits per second (ISO 9241-9,
  :mod:`trainer.activities.throughput`): how easy pointing has become,
  whatever the size and distance of the targets.
"""
from __future__ import annotations

import statistics

#: the step kinds where the learner points at a target
POINTING_KINDS = frozenset(("click", "double_click", "right_click", "drag", "hover"))
#: the step kinds where the learner types (their details: TypingDetails)
TYPING_KINDS = frozenset(("letters", "type", "field"))
#: the step kinds that teach undoing (their details: UndoDetails)
UNDO_KINDS = frozenset(("undo", "redo"))
#: the pointing kinds whose details measure the throughput
THROUGHPUT_KINDS = frozenset(("click", "double_click", "right_click"))


class Figures:
    """The measures of a group of finished steps (see the module's docstring)."""

    __slots__ = ("steps", "per_target", "misses", "targets", "cpm", "undos", "undo_steps", "bits", "with_bits")

    def __init__(self, throughput: bool = True):
        """``throughput=False``: not measured (its details are not even
        read: the report, over 100,000 steps, does not show it)."""
        self.with_bits = throughput
        self.steps = 0  # finished steps
        self.per_target: list[float] = []  # seconds per target, one per pointing step
        self.misses = 0  # missed tries of the pointing steps
        self.targets = 0  # targets reached in them
        self.cpm: list[float] = []  # characters per minute, one per typing step
        self.undos = 0  # undos and redos used
        self.undo_steps = 0  # undo steps that recorded them
        self.bits: list[float] = []  # throughput, bits per second, one per measured pointing step

    @classmethod
    def of(cls, steps) -> Figures:
        figures = cls()
        for step in steps:
            figures.add(step)
        return figures

    def merge(self, other: Figures) -> None:
        """Count the steps another :class:`Figures` counted (a group made of
        smaller groups: the same figures as adding each step again; the
        medians do not depend on the order)."""
        self.steps += other.steps
        self.per_target += other.per_target
        self.misses += other.misses
        self.targets += other.targets
        self.cpm += other.cpm
        self.undos += other.undos
        self.undo_steps += other.undo_steps
        self.bits += other.bits

    def add(self, step) -> None:
        """Count one finished step, a :class:`trainer.progress.StepRecord`
        (read as the tuple it is: a report adds 100,000 of them)."""
        _, kind, _, duration, misses, successes, _ = step
        self.steps += 1
        if kind in POINTING_KINDS:
            if successes > 0:
                self.per_target.append(duration / successes)
                self.misses += misses
                self.targets += successes
                if kind in THROUGHPUT_KINDS and self.with_bits and step[6] and step[6] != "{}":
                    bits = step.details.throughput  # (no details stored: none measured)
                    if bits is not None and bits > 0:
                        self.bits.append(bits)
        elif kind in TYPING_KINDS:
            cpm = step.details.chars_per_minute
            if cpm is not None:
                self.cpm.append(cpm)
        elif kind in UNDO_KINDS:
            details = step.details
            if details.undos is not None or details.redos is not None:
                self.undo_steps += 1
                self.undos += (details.undos or 0) + (details.redos or 0)

    @property
    def seconds_per_target(self) -> float | None:
        return statistics.median(self.per_target) if self.per_target else None

    @property
    def misses_per_target(self) -> float | None:
        return self.misses / self.targets if self.targets else None

    @property
    def chars_per_minute(self) -> float | None:
        return statistics.median(self.cpm) if self.cpm else None

    @property
    def throughput(self) -> float | None:
        return statistics.median(self.bits) if self.bits else None
