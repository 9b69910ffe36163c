"""Press a key by its name: Entrée, Espace, Retour arrière, Suppr, the arrows,
Maj, Verr. Maj, Échap, Tab, Début, Fin."""
from .. import keyboards
from .common import HINT_AFTER
from .keyboard_common import KEYBOARD_SETTING, SPECIAL_KEYS, KeyboardActivity, TypingDetails, key_label, pilot_hands

KIND = "key"
TITLE = "Appuyer sur une touche"
REQUIRED = ["keys"]
SETTINGS = {
    "keys": {
        "type": "array", "minItems": 1, "maxItems": 20,
        "items": {"enum": SPECIAL_KEYS},
        "description": "Les touches à trouver, l'une après l'autre : " + ", ".join(
            f"{name} ({key_label(name)})" for name in SPECIAL_KEYS) + ".",
    },
    "keyboard": KEYBOARD_SETTING,
    "hint_after": HINT_AFTER,
}
Details = TypingDetails
_IGNORED = {"shift", "ctrl", "alt", "altgr", "caps_lock"}  # held by accident: not a mistake


class PressKeyActivity(KeyboardActivity):
    KIND = KIND
    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.keys = list(settings["keys"])

    def needed_keys(self):
        return {keyboards.KEY_NAMES[name] for name in self.keys}

    def expected(self):
        return ("key", self.keys[self.successes]) if self.successes < len(self.keys) else None

    def on_key(self, name, now):
        wanted = self.keys[self.successes]
        if name == wanted:
            self.success(now)
            if self.successes >= len(self.keys):
                self.finish(now)
            return True
        if name == "caps_lock" and wanted == "shift":
            return False  # the lock next to Maj: said, and the hint shows Maj (Caps Lock stays lit as on)
        if name in _IGNORED:
            return None
        return False

    def on_text(self, ch, now):
        # space, tab and enter also type a character: their key event counted
        return None if ch.isspace() else False

    def chars_typed(self):
        return self.successes

    def automatic_hint(self):
        wanted = self.expected()
        if wanted == ("key", "shift") and self.pressed_was_key and self.pressed_text == key_label("caps_lock", self.tr):
            return self.tr.t("hint.key.caps_not_shift")  # the lock next to Maj: it stays on, say so
        return super().automatic_hint()

    def measures_speed(self, chars):
        return False  # finding a key by its name is not typing

    def scene(self, now):
        name = self.keys[min(self.successes, len(self.keys) - 1)]
        return self.one_at_a_time_scene(now, self.tr.t("keyboard.key", key=key_label(name, self.tr)), 0.09,
                                        len(self.keys))


Activity = PressKeyActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    the key on the keyboard, or on the drawn keyboard with a finger."""
    _, key = pilot_hands(activity, pilot, touch)
    key(activity.keys[activity.successes])
