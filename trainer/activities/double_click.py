"""Double click: two quick clicks on the same spot (two quick taps on touch).

The delay between the two presses comes from the learner's settings
(generous by default: beginners are slow).  A slow double click is two
single clicks: it is a gentle miss, and the hint says to go faster.
"""
from dataclasses import dataclass

from .. import input as inp
from .base import TargetActivity, TargetDetails, button_word
from .common import TARGET_SETTINGS, check_sizes

KIND = "double_click"
TITLE = "Double-cliquer"
SETTINGS = dict(TARGET_SETTINGS)


@dataclass
class Details(TargetDetails):
    slow_clicks: int | None = None  # two clicks too far apart, taken as a miss


check = check_sizes

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("label",)


class DoubleClickActivity(TargetActivity):
    KIND = KIND
    DETAILS = Details
    HINTS = ("hint.double_click.mouse", "hint.double_click.touch")

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.pending: float | None = None  # time of a lone click on the target
        self.slow_clicks = 0

    def handle(self, event):
        self.track_hover(event)
        if isinstance(event, inp.DoubleClick):
            return  # its second click, just before it, already counted (with the learner's own delay)
        if isinstance(event, inp.Click):
            if event.on(self.on_target) and (event.button == inp.LEFT or event.touch):
                if self.pending is None:
                    self.pending = event.time
                elif event.time - self.pending <= self.ctx.double_click_delay:
                    # two clicks on the target in time: a double click, even if the
                    # hand moved more than a tremor between them
                    self.pending = None
                    self.hit(event.time)
            elif event.on(self.on_target):
                self.pending = None
                self.miss(event.time, button_word(self.ctx, True, "note.use_button.{side}"))
            else:
                self.pending = None
                self.off_target(event)

    def update(self, now):
        super().update(now)
        if self.pending is not None and now - self.pending > self.ctx.double_click_delay:
            self.pending = None
            self.slow_clicks += 1
            self.details.slow_clicks = self.slow_clicks
            self.miss(now, self.word("note.too_slow.{hand}"))

    def animating(self, now):
        return super().animating(now) or self.pending is not None


Activity = DoubleClickActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`)."""
    pilot.double_click(activity.center(), touch=touch)
