"""Type letters (or figures, signs) one at a time, each shown very big."""
from .common import HINT_AFTER
from .keyboard_common import KEYBOARD_SETTING, KeyboardActivity
from .scene import Label

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


class LettersActivity(KeyboardActivity):
    KIND = KIND
    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.text = settings["text"]

    def expected(self):
        return ("char", self.text[self.successes]) if self.successes < len(self.text) else None

    def on_text(self, ch, now):
        if ch == self.text[self.successes]:
            self.success(now)
            if self.successes >= len(self.text):
                self.finish(now)
            return True
        return False

    @property
    def hint_text(self):
        if self.has_lesson_hint:
            return super().hint_text
        wanted = self.expected()
        return (wanted and self.how_to_type(wanted[1])) or super().hint_text

    def scene(self, now):
        x, y, w, h = self.text_rect()
        shapes = []
        if not self.done:
            ch = self.text[self.successes]
            shapes.append(Label((x, y, w, h * 0.62), "Espace" if ch == " " else ch, 0.18, "big"))
        if len(self.text) > 1:
            shapes.append(Label((x, y + h * 0.6, w, h * 0.16),
                                f"{min(self.successes + 1, len(self.text))} sur {len(self.text)}", 0.04, "muted"))
        shapes += self.pressed_shape((x, y + h * 0.76, w, h * 0.24))
        return shapes + self.keyboard_shape(now)


Activity = LettersActivity
