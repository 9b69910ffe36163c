"""A pointing measure comparable from one session to the next: throughput.

As in ISO 9241-9 (and Fitts' law), each target reached gives an index of
difficulty ``ID = log2(D / W + 1)`` bits — D the distance from where the
pointer was when the target's clock started to the target's centre, W the
target's diameter — over the movement time MT in seconds; a step's
throughput is the mean of ID / MT over its targets, in bits per second.

Unlike seconds per target, it does not depend on how big and how far the
targets were: targets shrink as a person succeeds, so seconds per target
hide part of the progress that throughput shows.  This is the *nominal*
throughput (the target's width, not the spread of the clicks, which needs
many clicks per target): comparable across sessions of the same person.

The clock of the first target starts at the first movement of the pointer
(reading the instruction is not pointing); each next target's at the click
that reached the previous one, from where the pointer was then.  Someone at
ease with a mouse makes 3 to 5 bits/s; a beginner, under 1.  Click, double
click and right click steps are measured; hover steps are not (resting on
the target is not a movement), nor drags (two widths: the thing and the place).
"""
from __future__ import annotations

import math


class ThroughputMeter:
    def __init__(self):
        self.start: tuple[tuple[float, float], float] | None = None  # (position, time) the clock started
        self.samples: list[float] = []

    def moved(self, pos, time: float) -> None:
        """The pointer moved (or a finger landed): the first target's clock starts."""
        if self.start is None:
            self.start = ((float(pos[0]), float(pos[1])), time)

    def reached(self, pointer, time: float, centre, diameter: float) -> None:
        """A target (``centre``, ``diameter``) reached at ``time``, the pointer at ``pointer``."""
        if self.start is not None and diameter > 0:
            (x0, y0), t0 = self.start
            movement = time - t0
            distance = math.hypot(centre[0] - x0, centre[1] - y0)
            if movement > 0:
                self.samples.append(math.log2(distance / diameter + 1) / movement)
        self.start = ((float(pointer[0]), float(pointer[1])), time)

    @property
    def value(self) -> float | None:
        """The mean throughput of the targets reached, bits per second (None: none measured)."""
        return round(sum(self.samples) / len(self.samples), 2) if self.samples else None
