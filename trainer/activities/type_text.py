"""Type a word or a short sentence, copying a model.

A wrong character is not written: the learner sees what was pressed and
which key to look for, and simply tries again.
"""
from .common import HINT_AFTER
from .keyboard_common import KEYBOARD_SETTING, KeyboardActivity, TypingDetails, pilot_hands, typable_text
from .scene import Label, Typing

KIND = "type"
TITLE = "Taper un mot ou une phrase"
REQUIRED = ["text"]
SETTINGS = {
    "text": {
        "type": "string", "minLength": 1, "maxLength": 120,
        "description": "Le mot ou la phrase à recopier. Majuscules et accents sont vérifiés exactement.",
    },
    "submit": {
        "type": "boolean", "default": False,
        "description": "true : à la fin, il faut appuyer sur Entrée (comme pour envoyer une recherche).",
    },
    "keyboard": KEYBOARD_SETTING,
    "hint_after": HINT_AFTER,
}
Details = TypingDetails


class TypeTextActivity(KeyboardActivity):
    KIND = KIND
    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.text = typable_text(settings["text"])
        self.submit = bool(settings.get("submit", False))
        self.typed = 0

    def expected(self):
        if self.typed < len(self.text):
            return ("char", self.text[self.typed])
        return ("key", "enter") if self.submit else None

    def on_text(self, ch, now):
        if self.typed >= len(self.text):
            return None if ch.isspace() else False
        if ch == self.text[self.typed]:
            self.typed += 1
            if self.typed == len(self.text) and not self.submit:
                self.complete(now)
            return True
        if ch in "\r\n":
            return None
        return False

    def on_key(self, name, now):
        if name == "enter" and self.submit:
            if self.typed >= len(self.text):
                self.complete(now)
                return True
            return False
        return None

    def chars_typed(self):
        return self.typed

    def automatic_hint(self):
        if self.expected() == ("key", "enter"):
            return self.tr.t("hint.type.enter")
        return super().automatic_hint()

    def scene(self, now):
        x, y, w, h = self.text_rect()
        # (on a wide screen the room above the keyboard is short: the text to copy takes it all
        # while nothing else is said there)
        said = self.pressed_text or self.notice or (self.submit and self.typed >= len(self.text))
        whole = h < 0.15 * self.unit and not said
        shapes = [Typing((x, y, w, h if whole else h * 0.7), self.text, self.typed)]
        shapes += self.pressed_shape((x, y + h * 0.72, w, h * 0.28))
        if not self.pressed_text and self.submit and self.typed >= len(self.text) and not self.done:
            shapes.append(Label((x, y + h * 0.72, w, h * 0.28), self.tr.t("keyboard.press_enter"), 0.05, "text"))
        return shapes + self.keyboard_shape(now)


Activity = TypeTextActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    the rest of the text, then Entrée when asked."""
    write, key = pilot_hands(activity, pilot, touch)
    write(activity.text[activity.typed:])
    if activity.submit and not activity.done:
        key("enter")
