"""Click: press and release the left button (or touch) on a round target."""
from .. import input as inp
from .base import TargetActivity, TargetDetails, button_word
from .common import TARGET_SETTINGS, check_sizes

KIND = "click"
TITLE = "Cliquer"
SETTINGS = dict(TARGET_SETTINGS)
Details = TargetDetails
check = check_sizes

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("label",)


class ClickActivity(TargetActivity):
    KIND = KIND
    HINTS = ("hint.click.mouse", "hint.click.touch")
    SWAPPED_HINT = "hint.click.mouse.swapped"

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self._last_hit = None  # (pos, time): the second click of a double click is forgiven

    def handle(self, event):
        self.track_hover(event)
        if not isinstance(event, inp.Click):
            return
        last = self._last_hit
        if last and event.time - last[1] <= self.ctx.double_click_delay \
                and inp.distance(event.pos, last[0]) <= self.radius():
            return  # a beginner who double-clicks where one click was enough
        on = event.on(self.on_target)
        if on and (event.button == inp.LEFT or event.touch):
            self._last_hit = (event.pos, event.time)
            self.hit(event.time)
        elif on:  # the other button: it says which one is the main one, on this mouse
            self.miss(event.time, button_word(self.ctx, True, "note.use_button.{side}"))
        else:
            self.off_target(event)


Activity = ClickActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`)."""
    pilot.click(activity.center(), touch=touch)
