"""Throughput (ISO 9241-9): a pointing measure that does not depend on the targets' size.

The figures are recomputed here from the positions and times the test itself
chose, with the textbook formula, not with the program's meter."""
import math

import pytest

from trainer.activities.throughput import ThroughputMeter
from trainer.figures import Figures
from trainer.pilot import Pilot
from trainer.progress import StepRecord

CLICKS = """\
format: 1
id: trois-clics
title: Trois clics
level: 1
intro: On clique.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    count: 3
    size: 0.2
    min_size: 0.2
"""


def fitts(start, centre, diameter, seconds):
    return math.log2(math.dist(start, centre) / diameter + 1) / seconds


def test_the_meter_is_the_mean_of_id_over_movement_time():
    meter = ThroughputMeter()
    meter.reached((100, 0), 1.0, (100, 0), 50)  # no movement seen yet: nothing measured, the clock starts here
    assert meter.value is None
    meter.reached((400, 0), 2.0, (400, 0), 100)  # 300 px to a 100 px target in 1 s: log2(4) = 2 bits/s
    meter.reached((400, 700), 2.5, (400, 700), 100)  # 700 px to 100 px in 0.5 s: log2(8) / 0.5 = 6 bits/s
    assert meter.value == 4.0


def test_a_click_step_records_the_throughput_of_the_hand_that_played_it(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "clics.yaml").write_text(CLICKS, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[folder], tremor=0) as p:
        p.click("guest")
        p.click("lesson:trois-clics")
        activity = p.app.screen.activity
        expected = []
        start = (40, p.app.size[1] - 40)
        p.move(start)  # the first movement starts the first target's clock
        t0 = p.clock.t
        for _ in range(3):
            centre, diameter = activity.center(), 2 * activity.radius()
            p.wait(1.5)  # a slow hand: 1.5 s to get there
            p.move(centre)
            p.down(centre)  # the target is reached when the button goes down
            reached = p.clock.t
            p.up(centre)
            expected.append(fitts(start, centre, diameter, reached - t0))
            # the next clock starts there, where the pointer is: SDL's positions are whole pixels
            start, t0 = (int(centre[0]), int(centre[1])), reached
        assert activity.done
        # (the stored figure has two decimals)
        assert activity.details.throughput == pytest.approx(sum(expected) / 3, abs=0.0051)
        assert 0.5 < activity.details.throughput < 5  # a person's range, not a robot's


def test_the_figures_take_the_median_of_the_click_steps_only():
    def step(kind, bits):
        return StepRecord.of(kind, 0.0, 6.0, 0, 3, {"throughput": bits})

    figures = Figures.of([step("click", 1.0), step("double_click", 2.0), step("right_click", 4.0),
                          step("hover", 50.0), step("click", None)])
    assert figures.throughput == 2.0
    assert Figures.of([step("hover", 3.0)]).throughput is None
