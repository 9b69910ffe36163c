"""Redo: a change is made (by the learner or the program), undone, then
done again with Ctrl+Y (or Ctrl+Shift+Z, Cmd on a Mac) or « Rétablir ».

The step checks the workspace: it ends when, after going back to the state
before the change, the workspace is again as it was after it."""
from __future__ import annotations

from ..lesson import touch_text
from .practice import CHANGE, REDO_HINTS, UNDO_HINTS, UNDO_WORDS, WORKSPACE_SETTINGS, PracticeActivity, \
    UndoDetails, check_workspace, solve_practice

KIND = "redo"
TITLE = "Rétablir ce qui a été annulé"
REQUIRED = ["changes"]
SETTINGS = dict(WORKSPACE_SETTINGS)
SETTINGS["changes"] = {
    "type": "array", "minItems": 1, "maxItems": 1, "items": CHANGE,
    "description": "Le changement à faire, annuler, puis rétablir (un seul) : « delete: mot », "
                   "« bin: nom » ou « move: nom » avec « to: place ».",
}
SETTINGS["redo_instruction"] = {
    "type": "string", "minLength": 1, "maxLength": 200,
    "description": "La consigne montrée une fois le changement annulé (sinon « Finalement, c'était bien : "
                   "rétablissez avec Ctrl+Y, ou cliquez sur « Rétablir ». »).",
}
SETTINGS["touch_redo_instruction"] = {
    "type": "string", "minLength": 1, "maxLength": 200,
    "description": "La même sur un écran tactile (sinon « Finalement, c'était bien : touchez « Rétablir ». »).",
}
Details = UndoDetails
REDO_WORDS = ("practice.redo_now.mouse", "practice.redo_now.touch")  # message ids

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("text", "message", "undo_instruction", "touch_undo_instruction", "redo_instruction",
                "touch_redo_instruction")


def check(settings):
    return check_workspace(settings, "changes", 1)


class RedoActivity(PracticeActivity):
    KIND = KIND
    HINTS = REDO_HINTS

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.phase = "watch" if self.by_program else "change"

    def first_phase(self):
        return self.phase in ("change", "watch")

    def lesson_hint_phase(self):
        return self.phase in ("watch", "undo") if self.by_program else self.phase == "change"

    def _own(self, name, touch):
        own = self.settings.get(name)
        if touch:
            return touch_text(self.settings.get("touch_" + name), own) if own else self.settings.get("touch_" + name)
        return own

    def phase_instruction(self, touch):
        if self.phase == "undo" and not self.by_program:
            return self._own("undo_instruction", touch) or self.tr.t(UNDO_WORDS[1 if touch else 0])
        if self.phase == "redo":
            return self._own("redo_instruction", touch) or self.tr.t(REDO_WORDS[1 if touch else 0])
        return None

    def phase_hints(self):
        if self.phase == "change":
            return self.change_hint()
        return self.texts(REDO_HINTS if self.phase == "redo" else UNDO_HINTS)

    def changed(self, now, how):
        if self.phase == "change" and self.wrong_move(how):
            self.miss(now)
        elif self.phase == "change" and self.key_is(self.after):
            self.phase = "undo"
            self.success(now)
        elif self.phase == "watch" and not self.watching:
            self.phase = "undo"
            self.progress(now)
        elif self.phase == "undo" and self.key_is(self.before):
            self.phase = "redo"
            self.success(now)
        elif self.phase == "redo" and self.key_is(self.after):
            self.record(True)
            self.success(now)
            self.finish(now)
        elif self.phase in ("undo", "redo") and how in ("learner", "move"):
            self.miss(now)

    def button_states(self):
        ws = self.ws
        live = not self.watching and not self.done
        hint = self.hint_visible
        return {
            "undo": ("practice.button.undo", live and ws.history.can_undo,
                     "hint" if hint and self.phase == "undo" and ws.history.can_undo else "idle"),
            "redo": ("practice.button.redo", live and ws.history.can_redo,
                     "hint" if hint and self.phase == "redo" and ws.history.can_redo else "idle"),
            "erase": ("practice.button.erase", live and ws.can_erase(), "idle"),
        }

    def result(self):
        if self.details.recovered is None:
            self.record(self.phase == "redo" and self.key_is(self.after))
        return super().result()


Activity = RedoActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`)."""
    solve_practice(activity, pilot, touch)
