"""A text field, as on a web form: type, and correct with Retour arrière,
Suppr, the arrows, Début and Fin, which really edit the text."""
from .. import input as inp
from .. import textedit
from ..textedit import MAX_REPEATS, REPEAT_DELAY, REPEAT_EVERY, REPEATING
from .common import HINT_AFTER
from .keyboard_common import KEYBOARD_SETTING, KeyboardActivity, TypingDetails, key_label, pilot_hands, typable_text
from .scene import Field, Label
from ..i18n import Message

KIND = "field"
TITLE = "Écrire dans un champ"
TO_WRITE = 0.058  # « À écrire : … », a fraction of the height: the instruction's size (theme.instruction)
REQUIRED = ["text"]
SETTINGS = {
    "text": {
        "type": "string", "minLength": 0, "maxLength": 120,
        "description": "Ce que le champ doit contenir à la fin (majuscules et accents vérifiés exactement). "
                       "Vide (\"\") : il faut tout effacer.",
    },
    "initial": {
        "type": "string", "maxLength": 120, "default": "",
        "description": "Ce qui est déjà écrit dans le champ au départ (par exemple un mot avec une faute "
                       "à corriger).",
    },
    "caret": {
        "enum": ["start", "end"], "default": "end",
        "description": "Où est le curseur au départ : « start » (au début) ou « end » (à la fin).",
    },
    "label": {
        "type": "string", "maxLength": 40,
        "description": "Le nom du champ, écrit au-dessus comme sur un site (« Nom », « Ville »).",
    },
    "show_text": {
        "type": "boolean", "default": True,
        "description": "true : le texte attendu est montré (« À écrire : … ») ; false : la consigne suffit.",
    },
    "submit": {
        "type": "boolean", "default": False,
        "description": "true : à la fin, il faut appuyer sur Entrée pour valider.",
    },
    "keyboard": KEYBOARD_SETTING,
    "hint_after": HINT_AFTER,
}
Details = TypingDetails

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("label",)


def check(settings):
    if settings.get("initial") == settings.get("text") and not settings.get("submit"):
        return [("initial", Message("lesson.check.nothing_to_do"))]
    return []


class TextFieldActivity(KeyboardActivity):
    TEXT_ROOM = 0.15  # the text to write, the field's name, the field: a form stays readable
    KIND = KIND
    HINTS = ("hint.field.mouse", "hint.field.touch")

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.text = typable_text(settings["text"])
        self.value = typable_text(settings.get("initial") or "")
        self.caret = 0 if settings.get("caret") == "start" else len(self.value)
        self.submit = bool(settings.get("submit", False))
        self.edits = 0
        self.held: tuple[str, float] | None = None  # an editing key held down: (name, when it repeats next)

    def needed_keys(self):
        """Correcting a field: Suppr, the arrows, Début and Fin (Retour arrière and Entrée are always there)."""
        return {"Delete", "ArrowLeft", "ArrowRight", "Home", "End"}

    def _matched(self) -> int:
        """How many first characters of the value are already right."""
        n = 0
        for a, b in zip(self.value, self.text):
            if a != b:
                break
            n += 1
        return n

    def expected(self):
        if self.value == self.text:
            return ("key", "enter") if self.submit else None
        m = self._matched()
        if m == len(self.value):  # all right so far, something is missing
            return ("char", self.text[m]) if self.caret == m else ("key", "end")
        if self.caret > m:
            return ("key", "backspace")
        return ("key", "delete") if self.caret == m else ("key", "right")

    def on_text(self, ch, now):
        right = self.expected() == ("char", ch)
        self.value = self.value[:self.caret] + ch + self.value[self.caret:]
        self.caret += 1
        self._changed(now)
        return right

    def on_key(self, name, now):
        before = (self.value, self.caret)
        if name == "enter" and self.submit:
            if self.value == self.text:
                self.complete(now)
                return True
            return False
        edited = textedit.key(textedit.Line(self.value, self.caret), name) \
            if name in ("backspace", "delete", "left", "right", "home", "end") else None
        if edited is None:
            return None
        self.value, self.caret = edited.value, edited.caret
        if (self.value, self.caret) != before:
            self.edits += 1
            self._changed(now)
        return None  # moving and erasing are never mistakes

    def handle(self, event):
        if isinstance(event, inp.KeyDown) and event.name in REPEATING and not event.ctrl:
            self.held = (event.name, event.time + REPEAT_DELAY)
        elif isinstance(event, inp.KeyDown) or (isinstance(event, inp.KeyUp) and self.held
                                                and event.name == self.held[0]):
            self.held = None
        super().handle(event)

    def update(self, now):
        """A held Retour arrière (Suppr, an arrow) repeats as in an editor: after
        a pause, a few times a second, until the key is released."""
        for _ in range(MAX_REPEATS):  # (a long sleep of the machine does not replay hours of repeats)
            if self.held is None or self.done or now < self.held[1]:
                break
            name, due = self.held
            self.held = (name, max(due, now - 1.0) + REPEAT_EVERY)
            before = (self.value, self.caret)
            self.on_key(name, due)
            if (self.value, self.caret) == before:
                self.held = None  # nothing left to erase or to move over: the repeat stops
        super().update(now)

    def animating(self, now):
        return super().animating(now) or self.held is not None  # (the loop keeps ticking while a key repeats)

    def _changed(self, now):
        self.last_progress = now
        if self.value == self.text and not self.submit:
            self.complete(now)

    def chars_typed(self):
        return self.correct

    def automatic_hint(self):
        wanted = self.expected()
        if wanted is None or wanted[0] == "char":
            return super().automatic_hint()
        value = wanted[1]
        if value in ("backspace", "delete", "right", "end", "enter"):
            return self.tr.t(f"hint.field.{value}")
        return self.tr.t("hint.field.key", key=key_label(value, self.tr))

    def scene(self, now):
        """The field's name and the text to write on one line, the field,
        then « Vous avez tapé » under it: all above the drawn keyboard."""
        x, y, w, h = self.text_rect()
        # a wide screen, the keyboard tall: the room above it is short, what a wrong press typed goes
        # beside the field (not under it) and the text to write gets the height
        short = h < 0.2 * self.unit
        field_w = min(w * (0.62 if short else 0.8), self.unit * 1.2)
        fx = x + (w - field_w) / 2 if not short else x + w * 0.06
        # (the text to write as big as the instruction where there is room: the field takes what is left)
        line_h = min(self.unit * TO_WRITE * 1.4, h * (0.53 if short else 0.3))
        if short:  # (the field keeps room for its words at 4 % of the height: 62 % of its own)
            field_h = min(self.unit * 0.1, max(self.unit * 0.066, h - line_h))
            line_h = min(line_h, h - field_h)
        else:
            field_h = min(self.unit * 0.1, h * 0.4)
        top = y + max(0.0, (h - line_h - field_h - (0 if short else line_h)) / 2)
        state = "done" if self.done else ("hint" if self.hint_visible else "idle")
        shapes = [Field((fx, top + line_h, field_w, field_h), self.settings.get("label"), self.value,
                        self.caret, state)]
        if self.settings.get("show_text", True) and self.text:
            align = "right" if self.settings.get("label") else "left"
            shapes.append(Label((fx, top, field_w, line_h), self.tr.t("keyboard.to_write", text=self.text),
                                TO_WRITE, "muted", align))
        if short:
            beside = fx + field_w + w * 0.02
            shapes += self.pressed_shape((beside, top + line_h, x + w - beside, field_h), "left")
        else:
            below = top + line_h + field_h
            shapes += self.pressed_shape((fx, below, field_w, y + h - below), "left")
        return shapes + self.keyboard_shape(now)


Activity = TextFieldActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    Fin, Retour arrière until what is left is right, the rest of the text, Entrée when asked."""
    write, key = pilot_hands(activity, pilot, touch)
    key("end")
    while not activity.value == activity.text[:len(activity.value)]:
        key("backspace")
    write(activity.text[len(activity.value):])
    if activity.submit and not activity.done:
        key("enter")
