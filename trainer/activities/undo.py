"""Undo a mistake: the learner makes a named change (or sees the program
make it), then gets back to where they were, with Ctrl+Z or « Annuler ».

The step checks the workspace, not the key: it ends when the text and the
things are as they were before the change (retyping the word counts too;
the records say how many undos were used)."""
from __future__ import annotations

from ..lesson import touch_text
from .practice import (CHANGE, UNDO_HINTS, UNDO_MANY_WORDS, UNDO_WORDS, WORKSPACE_SETTINGS, PracticeActivity,
                       UndoDetails, check_workspace, solve_practice)

KIND = "undo"
TITLE = "Annuler une erreur"
REQUIRED = ["changes"]
SETTINGS = dict(WORKSPACE_SETTINGS)
SETTINGS["changes"] = {
    "type": "array", "minItems": 1, "maxItems": 5, "items": CHANGE,
    "description": "L'erreur, ou les erreurs l'une après l'autre (pour annuler plusieurs fois) : "
                   "« delete: mot » (effacer un mot), « bin: nom » (jeter une chose à la corbeille), "
                   "« move: nom » avec « to: place » (la ranger au mauvais endroit).",
}
Details = UndoDetails

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("text", "message", "undo_instruction", "touch_undo_instruction")


def check(settings):
    return check_workspace(settings, "changes", 1)


class UndoActivity(PracticeActivity):
    KIND = KIND
    HINTS = UNDO_HINTS

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.phase = "watch" if self.by_program else "mistake"

    def first_phase(self):
        return self.phase in ("mistake", "watch")

    def lesson_hint_phase(self):
        return self.phase != "mistake" if self.by_program else self.phase == "mistake"

    def phase_instruction(self, touch):
        if self.phase != "recover" or self.by_program:
            return None
        own = self.settings.get("undo_instruction")
        if own:
            return (touch_text(self.settings.get("touch_undo_instruction"), own) or own) if touch else own
        if touch and self.settings.get("touch_undo_instruction"):
            return self.settings["touch_undo_instruction"]
        words = UNDO_MANY_WORDS if len(self.mistakes) > 1 or self.undos_needed() > 1 else UNDO_WORDS
        return self.tr.t(words[1 if touch else 0])

    def undos_needed(self) -> int:
        """How many undos bring the workspace back (a word erased letter by
        letter takes one undo per letter)."""
        before = self.before.key()
        return self.ws.history.undos_to(lambda content: content.key() == before) or 0

    def phase_hints(self):
        return self.change_hint() if self.phase == "mistake" else self.texts(UNDO_HINTS)

    def changed(self, now, how):
        if self.phase == "mistake" and self.wrong_move(how):
            self.miss(now)
        elif self.phase == "mistake" and self.key_is(self.after):
            self.phase = "recover"
            self.success(now)
        elif self.phase == "watch" and not self.watching:
            self.phase = "recover"
            self.progress(now)
        elif self.phase == "recover":
            if self.key_is(self.before):
                self.record(True)
                self.success(now)
                self.finish(now)
            elif how in ("learner", "move"):
                self.miss(now)  # a new change instead of going back: a soft sound, the hint comes

    def button_states(self):
        ws = self.ws
        live = not self.watching and not self.done
        hint = self.hint_visible and self.phase == "recover"
        return {
            "undo": ("practice.button.undo", live and ws.history.can_undo, "hint" if hint and ws.history.can_undo else "idle"),
            "redo": ("practice.button.redo", live and ws.history.can_redo, "idle"),
            "erase": ("practice.button.erase", live and ws.can_erase(), "hint" if self.hint_visible and self.phase == "mistake"
                      and ws.line.selection() is not None else "idle"),
        }

    def result(self):
        if self.details.recovered is None:
            self.record(self.key_is(self.before))
        return super().result()


Activity = UndoActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`)."""
    solve_practice(activity, pilot, touch)
