"""What the keyboard step kinds share: the on-screen keyboard, taps on it,
the key to light next, kind hints about capitals and accents, the figures.

Typed characters come only from text input events (every layout, dead keys
and AltGr work); special keys come from key events by name.  A tap on the
drawn keyboard types too (tablets without a keyboard).
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from .. import i18n, keyboards
from .. import input as inp
from .base import Activity
from .details import StepDetails
from .scene import Keyboard, Label, inside_rect

FLASH_SECONDS = 0.6
KEYBOARD_SETTING = {
    "type": "boolean", "default": True,
    "description": "true : le clavier est dessiné à l'écran, la touche à appuyer allumée ; "
                   "false : pas de clavier dessiné (pour les personnes plus sûres d'elles).",
}

SPECIAL_KEYS = list(keyboards.KEY_NAMES)


def key_label(name: str, tr=None) -> str:
    """A key's name in a sentence (« Entrée », « flèche gauche »), in ``tr``'s language."""
    tr = tr or i18n.french()
    return tr.t(f"key.{name}") if name in keyboards.KEY_NAMES else name


def char_name(ch: str, tr=None) -> str:
    """How the instruction names a character: « a », « l'espace »."""
    tr = tr or i18n.french()
    return tr.t("keyboard.space_char") if ch == " " else tr.t("keyboard.char", char=ch)


@dataclass
class TypingDetails(StepDetails):
    """The details of the keyboard kinds (key, letters, type, field)."""

    chars_per_minute: float | None = None  # right characters (or keys) per minute, from the first press
    accuracy: float | None = None  # right presses / presses
    missed_keys: dict[str, int] | None = None  # the five characters missed most: how many times


class KeyboardActivity(Activity):
    """Base of the keyboard kinds.  Subclasses implement :meth:`on_text`,
    :meth:`on_key` and :meth:`expected`."""

    DETAILS = TypingDetails
    HINTS = ("hint.keyboard.mouse", "hint.keyboard.touch")

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.layout = keyboards.LAYOUTS.get(ctx.keyboard_layout, keyboards.LAYOUTS["azerty"])
        self.show_keyboard = bool(settings.get("keyboard", True))
        self.flash: tuple[str | None, bool, float] | None = None
        self.last_key_id: str | None = None
        self.pressed_text: str | None = None  # what a wrong press typed, shown to the learner
        self.pressed_was_key = False  # a named key (« Vous avez appuyé sur ») rather than a character
        self.dead_pressed = False  # an accent key was pressed, its letter comes next
        self.has_lesson_hint = hint is not None  # the lesson's own hint wins over the automatic ones
        self.tap_shift = False  # the drawn keyboard's own Shift, AltGr and pending accent
        self.tap_altgr = False
        self.tap_dead: str | None = None
        self.attempts = 0
        self.correct = 0
        self.missed: Counter = Counter()
        self.first_input: float | None = None

    # -- to be provided by each kind ---------------------------------------
    def on_text(self, ch: str, now: float) -> bool | None:
        """A typed character.  True: right, False: a gentle miss, None: ignored."""
        raise NotImplementedError  # pragma: no cover

    def on_key(self, name: str, now: float) -> bool | None:
        """A special key by name ("enter", "backspace"...)."""
        return None

    def expected(self) -> tuple[str, str] | None:
        """What to press next: ("char", "é") or ("key", "enter"), for the lit keys."""
        return None

    def automatic_hint(self) -> str | None:
        """A hint about what to press now (Maj, an accent, a correction key),
        or None for the kind's general hint."""
        wanted = self.expected()
        return self.how_to_type(wanted[1]) if wanted and wanted[0] == "char" else None

    @property
    def hint_text(self):
        """The lesson's own hint first, else the automatic one, else the kind's."""
        automatic = None if self.has_lesson_hint else self.automatic_hint()
        return automatic or super().hint_text

    def complete(self, now: float) -> None:
        """The whole text is right: the step is done."""
        self.success(now)
        self.finish(now)

    def wants_text(self) -> bool:
        return True

    def captures_escape(self) -> bool:
        expected = self.expected()
        return expected == ("key", "escape")

    # -- input --------------------------------------------------------------
    def handle(self, event):
        if isinstance(event, inp.KeyDown):
            self.last_key_id = keyboards.scancode_to_key_id(event.scancode)
            recipe = self._recipe()
            if recipe and len(recipe) > 1 and self.last_key_id == recipe[0].key and not event.name:
                self.dead_pressed = True  # the accent is waiting for its letter (no text yet)
            if event.name and not event.ctrl:
                self._judge(self.on_key(event.name, event.time), event.time, key=event.name)
        elif isinstance(event, inp.TextInput):
            self.dead_pressed = False
            if event.repeat:
                return
            for ch in event.text[:64]:
                if not ch.isprintable() or self.done:
                    continue
                self._judge(self.on_text(ch, event.time), event.time, char=ch)
        elif isinstance(event, inp.Click) and self.show_keyboard:
            # the key pressed, when the finger stayed on it (or only trembled)
            if self.still(event) or self._key_at(event.pos) == self._key_at(event.release):
                self._tap(event.pos, event.time)

    def _key_at(self, pos):
        if not inside_rect(pos, self.keyboard_rect()):
            return None
        return next((key_id for key_id, rect in self.layout.geometry(self.keyboard_rect()).items()
                     if inside_rect(pos, rect)), None)

    def _judge(self, verdict, now, char=None, key=None):
        if verdict is None:
            return
        if self.first_input is None:
            self.first_input = now
        self.attempts += 1
        self.flash = (self.last_key_id, bool(verdict), now)
        self.last_key_id = None
        if verdict:
            self.correct += 1
            self.pressed_text = None
            self.streak_misses = 0
            self.last_progress = now
            self.hint_visible = False
        else:
            wanted = self.expected()
            if wanted is not None:
                self.missed[wanted[1]] += 1
            self.pressed_text = char if char is not None else key_label(key, self.tr)
            self.pressed_was_key = char is None
            self.miss(now)

    def _tap(self, pos, now):
        """A finger (or the mouse) on the drawn keyboard."""
        if not inside_rect(pos, self.keyboard_rect()):
            return
        for key_id, rect in self.layout.geometry(self.keyboard_rect()).items():
            if not inside_rect(pos, rect):
                continue
            self.last_key_id = key_id
            name = next((n for n, k in keyboards.KEY_NAMES.items() if k == key_id), None)
            key = self.layout.key(key_id)
            if key_id in ("ShiftLeft", "ShiftRight"):
                self.tap_shift = not self.tap_shift
                self._judge(self.on_key("shift", now), now, key="shift")
            elif key_id == "AltRight":
                self.tap_altgr = not self.tap_altgr
                self._judge(self.on_key("altgr", now), now, key="altgr")
            elif key_id == "CapsLock":
                self.tap_shift = not self.tap_shift
                self._judge(self.on_key("caps_lock", now), now, key="caps_lock")
            elif key is not None and key.base is not None and key_id != "Space":
                slot = "altgr" if self.tap_altgr else ("shift" if self.tap_shift else "base")
                ch = self.layout.char_for(key_id, self.tap_shift, self.tap_altgr)
                self.tap_shift = self.tap_altgr = False
                if ch is None:
                    return
                if slot in key.dead:
                    self.tap_dead = ch
                    return
                if self.tap_dead is not None:
                    ch = keyboards.compose(self.tap_dead, ch) or ch
                    self.tap_dead = None
                self._judge(self.on_text(ch, now), now, char=ch)
            elif name == "space" or key_id == "Space":
                if self.expected() == ("key", "space"):
                    self._judge(self.on_key("space", now), now, key="space")
                else:
                    self._judge(self.on_text(" ", now), now, char=" ")
            elif name is not None:
                self._judge(self.on_key(name, now), now, key=name)
            return

    # -- drawing ------------------------------------------------------------
    def keyboard_rect(self):
        x, y, w, h = self.area
        kh = min(h * 0.62, self.unit * 0.4)
        return (x, y + h - kh, w, kh)

    def text_rect(self):
        """Where the text to type is shown: above the keyboard."""
        x, y, w, h = self.area
        if not self.show_keyboard:
            return (x, y, w, h)
        kx, ky, kw, kh = self.keyboard_rect()
        return (x, y, w, ky - y - 0.01 * self.unit)

    def _recipe(self):
        wanted = self.expected()
        return self.layout.recipe(wanted[1]) if wanted and wanted[0] == "char" else None

    def lit(self) -> dict:
        wanted = self.expected()
        if wanted is None:
            return {}
        kind, value = wanted
        if kind == "key":
            key_id = keyboards.KEY_NAMES.get(value)
            return {key_id: "next"} if key_id else {}
        recipe = self.layout.recipe(value)
        if not recipe:
            return {}
        if len(recipe) > 1 and (self.dead_pressed or self.tap_dead is not None):
            recipe = recipe[1:]  # the accent key is done: now its letter
        first = recipe[0]
        lit = {first.key: "dead" if len(recipe) > 1 else "next"}
        if first.shift:
            lit["ShiftLeft"] = "modifier"
            lit["ShiftRight"] = "modifier"
        if first.altgr:
            lit["AltRight"] = "modifier"
        return lit

    def one_at_a_time_scene(self, now, shown: str, size: float, total: int) -> list:
        """One thing to press, shown big, « 2 sur 4 » under it, then what a
        wrong press typed, then the keyboard."""
        x, y, w, h = self.text_rect()
        shapes = [] if self.done else [Label((x, y, w, h * 0.58), shown, size, "big")]
        if total > 1:
            shapes.append(Label((x, y + h * 0.58, w, h * 0.18),
                                self.tr.t("keyboard.count", i=min(self.successes + 1, total), n=total), 0.04, "muted"))
        return shapes + self.pressed_shape((x, y + h * 0.76, w, h * 0.24)) + self.keyboard_shape(now)

    def pressed_shape(self, rect, align: str = "center") -> list:
        """« Vous avez tapé « x ». » after a wrong key, else nothing."""
        if not self.pressed_text:
            return []
        words = self.tr.t("keyboard.you_pressed" if self.pressed_was_key else "keyboard.you_typed",
                          what=self.pressed_text)
        return [Label(rect, words, 0.045, "hint", align)]

    def keyboard_shape(self, now) -> list:
        if not self.show_keyboard:
            return []
        flash = None
        if self.flash and self.flash[0] and now - self.flash[2] < FLASH_SECONDS:
            flash = (self.flash[0], self.flash[1])
        return [Keyboard(self.keyboard_rect(), self.layout.name, self.lit(), flash, self.tr.language)]

    def animating(self, now):
        return super().animating(now) or bool(self.flash and now - self.flash[2] < FLASH_SECONDS)

    # -- hints and results ----------------------------------------------------
    def how_to_type(self, ch: str) -> str | None:
        """A kind sentence saying how to type a character on this layout."""
        recipe = self.layout.recipe(ch)
        if not recipe:
            return None
        touch = self.ctx.touch
        how = "touch" if touch else "mouse"
        name = lambda c: char_name(c, self.tr)  # noqa: E731
        if len(recipe) > 1:
            accent = self.layout.char_for(recipe[0].key, recipe[0].shift, recipe[0].altgr)
            letter = unicodedata.normalize("NFD", ch)[0].lower()
            kind = "accent_capital" if ch.isupper() else "accent"
            return self.tr.t(f"hint.keyboard.{kind}.{how}", char=name(ch), accent=name(accent), letter=name(letter))
        press = recipe[0]
        key = self.layout.key(press.key)
        base = key.base if key and key.base else ch
        held = "shift" if press.shift else ("altgr" if press.altgr else None)
        if held is None:
            return None
        if ch.isalpha() and ch.isupper():
            return self.tr.t(f"hint.keyboard.capital.{how}")
        return self.tr.t(f"hint.keyboard.held.{how}", char=name(ch), held=self.tr.t(f"key.{held}"), base=name(base))

    def typing_details(self, end: float, chars: int) -> TypingDetails:
        minutes = max((end - (self.first_input or self.started)) / 60.0, 1 / 600)
        return TypingDetails(chars_per_minute=round(chars / minutes, 1),
                             accuracy=round(self.correct / self.attempts, 3) if self.attempts else 1.0,
                             missed_keys=dict(self.missed.most_common(5)))

    def result(self):
        r = super().result()
        end = self.finished_at if self.finished_at is not None else self.started
        r.details = self.typing_details(end, self.chars_typed())
        r.input = "keyboard" if "keyboard" in self.used or not (self.used & {"mouse", "touch"}) else r.input
        return r

    def chars_typed(self) -> int:
        return self.correct


# -- how a test plays the keyboard steps (trainer.pilot) ----------------------

def pilot_hands(activity, pilot, touch: bool):
    """(write(text), key(name)) for a learner: the real keyboard, or, with a
    finger, the keys drawn on screen (a tablet without a keyboard)."""
    if touch:
        return (lambda t: tap_text(activity, pilot, t)), (lambda n: tap_special(activity, pilot, n))
    return pilot.type, pilot.press_key


def tap_key(activity, pilot, key_id: str) -> None:
    """Touch one key of the drawn keyboard."""
    x, y, w, h = activity.layout.geometry(activity.keyboard_rect())[key_id]
    pilot.tap((x + w / 2, y + h / 2))


def tap_text(activity, pilot, text: str) -> None:
    """Type by touching the keys drawn on screen (Maj, AltGr, an accent first when needed)."""
    for ch in text:
        for press in activity.layout.recipe(ch):
            if press.shift:
                tap_key(activity, pilot, "ShiftLeft")
            if press.altgr:
                tap_key(activity, pilot, "AltRight")
            tap_key(activity, pilot, press.key)


def tap_special(activity, pilot, name: str) -> None:
    """Touch a special key of the drawn keyboard by our name ("enter", "backspace"...)."""
    tap_key(activity, pilot, keyboards.KEY_NAMES[name])
