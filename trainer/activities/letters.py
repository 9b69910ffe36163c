"""Type letters (or figures, signs) one at a time, each shown very big."""
from .common import HINT_AFTER
from .keyboard_common import KEYBOARD_SETTING, KeyboardActivity, TypingDetails, pilot_hands, typable_text

KIND = "letters"
TITLE = "Taper des lettres une à une"
REQUIRED = ["text"]
SETTINGS = {
    "text": {
        "type": "string", "minLength": 1, "maxLength": 60,
        "description": "Les caractères à taper, l'un après l'autre (« fjdk », « aeiou », « @ »). "
                       "Majuscules et accents sont vérifiés exactement.",
    },
    "keyboard": KEYBOARD_SETTING,
    "hint_after": HINT_AFTER,
}
Details = TypingDetails


class LettersActivity(KeyboardActivity):
    KIND = KIND
    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.text = typable_text(settings["text"])

    def expected(self):
        return ("char", self.text[self.successes]) if self.successes < len(self.text) else None

    def on_text(self, ch, now):
        if ch == self.text[self.successes]:
            self.success(now)
            if self.successes >= len(self.text):
                self.finish(now)
            return True
        return False

    def scene(self, now):
        ch = self.text[min(self.successes, len(self.text) - 1)]
        return self.one_at_a_time_scene(now, "Espace" if ch == " " else ch, 0.18, len(self.text))


Activity = LettersActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    the next character, on the keyboard or on the drawn keyboard with a finger."""
    write, _ = pilot_hands(activity, pilot, touch)
    write(activity.text[activity.successes])
