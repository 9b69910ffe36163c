"""Hover: bring the pointer onto a target and keep it there a moment.

A touch screen has no hover: touching the target counts.
"""
from .. import input as inp
from .base import TargetActivity, TargetDetails
from .common import TARGET_SETTINGS, check_sizes

KIND = "hover"
TITLE = "Pointer"
SETTINGS = dict(TARGET_SETTINGS)
SETTINGS["dwell"] = {
    "type": "number", "minimum": 0.1, "maximum": 3, "default": 0.5,
    "description": "Combien de secondes la flèche doit rester sur la cible.",
}
Details = TargetDetails

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("label",)


check = check_sizes


class HoverActivity(TargetActivity):
    KIND = KIND
    MEASURE_THROUGHPUT = False  # (resting on the target is not a movement)
    HINTS = ("hint.hover.mouse", "hint.hover.touch")

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.dwell = float(settings.get("dwell", 0.5))
        self.entered: float | None = None

    def handle(self, event):
        if isinstance(event, inp.Wheel):
            self.track_hover(event)
            return
        if isinstance(event, (inp.PointerDown, inp.Click)) and event.touch:
            if self.on_target(event.pos):
                self._hit(event.time)
            elif isinstance(event, inp.PointerDown):
                self.miss(event.time)
            return
        if isinstance(event, inp.Click) and not self.done:
            # a click where only pointing is asked (a habit): nothing wrong, a kind word
            note = self.tr.t("note.hover.no_click")
            if self.note != note:
                self.nudge(event.time, note)
            self.note_at = event.time
            return
        if isinstance(event, inp.PointerMove) and not event.touch:
            on = self.on_target(event.pos)
            self.hovering = on
            if on and self.entered is None:
                self.entered = event.time
            elif not on:
                self.entered = None

    def _hit(self, now):
        self.entered = None
        self.hit(now)

    def update(self, now):
        super().update(now)
        if not self.done and self.entered is not None and now - self.entered >= self.dwell:
            self._hit(now)

    def animating(self, now):
        return super().animating(now) or self.entered is not None


Activity = HoverActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    a finger touches the target; the mouse arrives on it and stays."""
    cx, cy = activity.center()
    if touch:
        pilot.tap((cx, cy))
        return
    if pilot.pointer == (int(cx), int(cy)):  # already there: the hand still moves a little
        pilot.move((cx + 6, cy + 4))
    pilot.move((cx, cy))
    pilot.wait(activity.dwell + 0.1)
