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
from typing import ClassVar

from .. import i18n, keyboards
from .. import input as inp
from .base import Activity
from .details import StepDetails
from .scene import Box, Keyboard, Label, inside_rect

FLASH_SECONDS = 0.6
KEY_SHARE = 0.082  # a letter key's height, as a fraction of the screen height (at least 8 %)
KEYBOARD_SETTING = {
    "type": "boolean", "default": True,
    "description": "true : le clavier est dessiné à l'écran, la touche à appuyer allumée ; "
                   "false : pas de clavier dessiné (pour les personnes plus sûres d'elles).",
}

SPECIAL_KEYS = list(keyboards.KEY_NAMES)
CAPS_LOCK_MOD = 0x2000  # KMOD_CAPS in SDL 2 (pygame.KMOD_CAPS): the light is on
RIGHT_ALT_MOD = 0x0200  # KMOD_RALT: AltGr (on Windows with Left Ctrl)
#: spaces that word processors put in French text (before « ! ? ; : », inside « »): the space bar types them
NON_BREAKING_SPACES = "\u00a0\u202f\u2007"
#: the most likely keyboard first, when the keys pressed fit several (a laptop bought abroad is often American)
LIKELY_LAYOUTS = ("qwerty", "azerty", "qwertz", "qwerty-ca", "qwertz-ch", "azerty-be", "azerty-afnor")
#: the step kinds whose ``text`` the learner types
TYPED_KINDS = ("letters", "type", "field")


def typable_text(text: str) -> str:
    """A lesson text as the learner types it: one « é » (NFC), a plain space for
    a non-breaking one."""
    text = unicodedata.normalize("NFC", text or "")
    return "".join(" " if ch in NON_BREAKING_SPACES else ch for ch in text)


def can_tap(ch: str, layout) -> bool:
    """Whether the drawn keyboard gives ``ch``: a key, a recipe, or a long press (its variants)."""
    if ch in (" ", "\n") or layout.recipe(ch, "linux") is not None:
        return True
    return any(ch in layout.variants(key.id) for key in layout.keys())


def typing_warnings(lesson) -> list:
    """``trainer validate``'s warnings about the texts to type: the characters some
    supported keyboard cannot type (the drawn keyboard then offers them by a long
    press), and those nothing can type (only « Passer » leaves the step).  A list
    of :class:`trainer.lesson.Problem` that do not stop the lesson."""
    from ..lesson import Problem  # (the lesson package imports the step kinds: not at import time)

    out = []
    for step in lesson.steps:
        if step.kind not in TYPED_KINDS:
            continue
        texts = [step.settings.get("text") or ""]
        texts += [t.get("text") for t in step.translations.values() if isinstance(t.get("text"), str)]
        groups: dict = {}  # the keyboards that miss them -> the characters
        nowhere = []
        for ch in dict.fromkeys("".join(typable_text(t) for t in texts)):
            if ch in " \n":
                continue
            if not any(can_tap(ch, layout) for layout in keyboards.LAYOUTS.values()):
                nowhere.append(ch)
                continue
            missing = tuple(keyboards.LAYOUTS[name].title for name in keyboards.FRENCH_LAYOUTS
                            if keyboards.LAYOUTS[name].recipe(ch, "linux") is None)
            if missing:
                groups.setdefault(missing, []).append(ch)
        for missing, chars in groups.items():
            out.append(Problem(lesson.path, step.line, i18n.Message(
                "lesson.warn.not_on_layouts", char=" ".join(chars), layouts=", ".join(missing))))
        if nowhere:
            out.append(Problem(lesson.path, step.line, i18n.Message(
                "lesson.warn.untypable", char=" ".join(f"{c} (U+{ord(c):04X})" for c in nowhere))))
    return out


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
    skipped: str | None = None  # the signs passed with « Passer ce signe », in order (« œ »); None: none

    #: the longest ``skipped`` an imported file may hold (trainer.exchange_checks: visible characters)
    TEXT_LIMITS: ClassVar[dict[str, int]] = {"skipped": 200}


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
        self.tap_caps = False  # the drawn keyboard's Caps Lock
        self.attempts = 0
        self.correct = 0
        self.missed: Counter = Counter()
        self.first_input: float | None = None
        self.variants: tuple[str, list] | None = None  # a long press on a drawn key: (key id, its characters)
        self.caps_on = False  # Caps Lock's light, as the last key event said (``mod``)
        self.candidates: set | None = None  # the layouts the keys pressed fit, when they do not fit the drawn one
        self.mismatches = 0
        self.proposal: str | None = None  # a layout to draw instead (« Votre clavier ressemble à… »)
        self.switched_to: str | None = None  # the learner accepted it: the lesson's next steps draw it too
        self.skipped = ""  # signs passed with « Passer ce signe » (this keyboard cannot type them), in order
        self.pending_accent: str | None = None  # the accent of the dead key pressed (real keyboard)
        self.notice: str | None = None  # a sentence about the last press (an accent that composed nothing)

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
        or None for the kind's general hint.  Caps Lock on is named first when
        it is the cause: « b » gave « B », or Maj+R gave « r »."""
        wanted = self.expected()
        if self.caps_on and wanted and wanted[0] == "char" and self.pressed_text \
                and self.pressed_text != wanted[1] and self.pressed_text.swapcase() == wanted[1]:
            return self.tr.t("hint.keyboard.caps_lock_on")
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
            self.caps_on = bool(event.mod & CAPS_LOCK_MOD)  # every key event says whether Caps Lock is on
            if not event.ctrl:
                self._which_keyboard(self.last_key_id, event.key)
            if not event.name and not event.ctrl:
                self._dead_key(self.last_key_id, event.shift, bool(event.mod & RIGHT_ALT_MOD), event.time)
            elif event.name not in (None, "shift", "altgr", "caps_lock", "ctrl", "alt"):
                self.dead_pressed = False
            if event.name and not event.ctrl:
                wanted = self.expected()
                self._judge(self.on_key(event.name, event.time), event.time, key=event.name, wanted=wanted)
        elif isinstance(event, inp.TextInput):
            self.dead_pressed = False
            if event.repeat:
                return
            for ch in event.text[:64]:
                if not ch.isprintable() or self.done:
                    continue
                wanted = self.expected()
                self._judge(self.on_text(ch, event.time), event.time, char=ch, wanted=wanted)
        elif isinstance(event, inp.LongPress) and self.show_keyboard:
            self._open_variants(event.pos)
        elif isinstance(event, inp.Click) and self.skippable() and inside_rect(event.pos, self.skip_rect()):
            self._skip_char(event.time)
        elif isinstance(event, inp.Click) and self.proposal is not None \
                and inside_rect(event.pos, self.proposal_rects()[2]):
            self._accept_proposal()
        elif isinstance(event, inp.Click) and self.show_keyboard:
            if event.button == "right":  # the mouse's long press
                self._open_variants(event.pos)
            elif self.variants is not None:
                self._pick_variant(event.pos, event.time)
            elif self.still(event) or self._key_at(event.pos) == self._key_at(event.release):
                # the key pressed, when the finger stayed on it (or only trembled)
                self._tap(event.pos, event.time)

    def _key_at(self, pos):
        if not inside_rect(pos, self.keyboard_rect()):
            return None
        return next((key_id for key_id, rect in self.layout.geometry(self.keyboard_rect()).items()
                     if inside_rect(pos, rect)), None)

    # -- a sign this keyboard cannot type: never a dead end ---------------------------
    def skippable(self) -> bool:
        """The next character has no recipe on this keyboard (« œ » on the French AZERTY,
        « é » on a US keyboard): « Passer ce signe » is offered."""
        wanted = self.expected()
        return bool(wanted and wanted[0] == "char" and wanted[1] not in " \n" and not self.done
                    and self.layout.recipe(wanted[1]) is None)

    def skip_rect(self):
        """The « Passer ce signe » button: bottom right of the text area."""
        x, y, w, h = self.text_rect()
        bw, bh = min(w * 0.3, self.unit * 0.45), min(h * 0.22, self.unit * 0.08)
        return (x + w - bw, y + h - bh, bw, bh)

    def _skip_char(self, now) -> None:
        """The sign counts as written, but not as typed (not in the right presses)."""
        ch = self.expected()[1]
        self.skipped += ch
        correct, attempts = self.correct, self.attempts
        self.on_text(ch, now)
        self.correct, self.attempts = correct, attempts
        self.last_progress = now
        self.hint_visible = False

    # -- the right keyboard, found ------------------------------------------------
    def _which_keyboard(self, key_id, code: int) -> None:
        """SDL names a key by what it types on the real layout (the key at the US « A »
        place says « q » on AZERTY, « a » on QWERTY), the scancode says where it is: two
        presses that do not fit the drawn keyboard, and fit another one, make a proposal."""
        if key_id is None or not 32 < code < 0x110000 or key_id.startswith("Digit"):
            return  # (the number row always reports digits; dead keys and special keys say nothing)
        drawn = self.layout.key(key_id)
        if drawn is None or drawn.base is None or drawn.is_dead("base"):
            return
        ch = chr(code)
        if drawn.base.lower() == ch:
            return
        fits = {name for name, layout in keyboards.LAYOUTS.items()
                if (layout.key(key_id) is not None and layout.key(key_id).base == ch)}
        self.candidates = fits if self.candidates is None else (self.candidates & fits) or fits
        self.mismatches += 1
        sure = len(self.candidates) == 1 or self.mismatches >= 4  # (AZERTY's « a » key is « q » on four others)
        if self.mismatches >= 2 and self.candidates and sure and self.proposal is None:
            self.proposal = next(name for name in LIKELY_LAYOUTS if name in self.candidates)

    def proposal_rects(self):
        """(the card's, the sentence's and the button's rects) of the proposal: a card over
        the upper half of the drawn keyboard (the wrong one: its keys matter less now)."""
        x, y, w, h = self.keyboard_rect()
        card = (x + w * 0.08, y, w * 0.84, h * 0.62)
        words = (card[0] + card[2] * 0.04, y + h * 0.03, card[2] * 0.92, h * 0.3)
        button = (x + w * 0.3, y + h * 0.36, w * 0.4, h * 0.2)
        return card, words, button

    def _accept_proposal(self) -> None:
        self.switched_to = self.proposal
        self.layout = keyboards.LAYOUTS[self.proposal]
        self.proposal = None
        self.candidates, self.mismatches = None, 0

    # -- dead keys --------------------------------------------------------------
    def _dead_key(self, key_id, shift: bool, altgr: bool, now) -> None:
        """A key of the real keyboard that types no special key: an accent key
        waits for its letter; the next key either composes with it (its text
        comes) or, as on Linux, types nothing: that is said, and the accent is gone."""
        if key_id is None:
            return
        dead = self.layout.is_dead(key_id, shift, altgr)
        if dead and not self.dead_pressed:
            self.dead_pressed = True
            self.pending_accent = self.layout.char_for(key_id, shift, altgr)
            return
        if self.dead_pressed:
            self.dead_pressed = False
            ch = self.layout.char_for(key_id, shift, altgr, caps=self.caps_on)
            accent = self.pending_accent
            if ch is not None and accent is not None and not dead and keyboards.compose(accent, ch, twice=False) is None:
                self.dead_lost(accent, ch, now)

    def dead_lost(self, accent: str, ch: str, now) -> None:
        """An accent then a letter that takes none: nothing was typed.  Said kindly,
        and the lit keys start again from the accent."""
        wanted = self.expected()
        self._judge(False, now, char=ch, wanted=wanted)
        self.pressed_text = None
        self.notice = self.tr.t("keyboard.dead_lost", accent=char_name(accent, self.tr),
                                char=char_name(ch, self.tr))

    # -- a long press on the drawn keyboard: the key's other characters, as on a phone --
    def _open_variants(self, pos):
        if not inside_rect(pos, self.keyboard_rect()):
            return
        key_id = self.layout.key_at(self.keyboard_rect(), pos)
        chars = self.layout.variants(key_id) if key_id else []
        self.variants = (key_id, chars) if chars else None

    def variant_rects(self) -> list:
        """(character, rect) of the characters shown after a long press: a row of big
        keys just above the drawn keyboard."""
        if self.variants is None:
            return []
        chars = self.variants[1][:12]
        kx, ky, kw, kh = self.keyboard_rect()
        size = min(kh * 0.3, kw / max(1, len(chars)) * 0.9)
        gap = size * 0.1
        total = len(chars) * size + (len(chars) - 1) * gap
        x0 = kx + (kw - total) / 2
        y = ky - size - gap
        return [(ch, (x0 + i * (size + gap), y, size, size)) for i, ch in enumerate(chars)]

    def _pick_variant(self, pos, now):
        chosen = next((ch for ch, rect in self.variant_rects() if inside_rect(pos, rect)), None)
        self.variants = None
        if chosen is not None:
            self.last_key_id = None
            self._judge(self.on_text(chosen, now), now, char=chosen)
        else:
            self._tap(pos, now)  # elsewhere: the row closes, and the key touched still counts

    def _judge(self, verdict, now, char=None, key=None, wanted=None):
        """``wanted``: what was expected before this press (a field step expects
        « Retour arrière » once the wrong letter is in: the miss is the letter)."""
        if verdict is None:
            return
        if self.first_input is None:
            self.first_input = now
        self.attempts += 1
        self.flash = (self.last_key_id, bool(verdict), now)
        self.last_key_id = None
        self.notice = None
        if verdict:
            self.correct += 1
            self.pressed_text = None
            self.streak_misses = 0
            self.last_progress = now
            self.hint_visible = False
        else:
            wanted = wanted or self.expected()
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
                self.tap_caps = not self.tap_caps
                self._judge(self.on_key("caps_lock", now), now, key="caps_lock")
            elif key is not None and key.base is not None and key_id != "Space":
                ch = self.layout.char_for(key_id, self.tap_shift, self.tap_altgr, caps=self.tap_caps)
                dead = self.layout.is_dead(key_id, self.tap_shift, self.tap_altgr)
                self.tap_shift = self.tap_altgr = False
                if ch is None:
                    return
                if dead and self.tap_dead is None:
                    self.tap_dead = ch
                    return
                if self.tap_dead is not None:
                    accent, self.tap_dead = self.tap_dead, None
                    composed = keyboards.compose(accent, ch, twice=dead)
                    if composed is None:  # as on Linux: nothing is typed, and it is said
                        self.dead_lost(accent, ch, now)
                        return
                    ch = composed
                self._judge(self.on_text(ch, now), now, char=ch)
            elif name == "space" or key_id == "Space":
                if self.tap_dead is not None:
                    accent, self.tap_dead = self.tap_dead, None
                    ch = keyboards.compose(accent, " ") or " "
                    self._judge(self.on_text(ch, now), now, char=ch)
                elif self.expected() == ("key", "space"):
                    self._judge(self.on_key("space", now), now, key="space")
                else:
                    self._judge(self.on_text(" ", now), now, char=" ")
            elif name is not None:
                self._judge(self.on_key(name, now), now, key=name)
            return

    # -- drawing ------------------------------------------------------------
    #: room kept above the drawn keyboard, as a fraction of the screen height (a form needs more)
    TEXT_ROOM = 0.08

    def keyboard_rect(self):
        """At the bottom of the area, as wide as it: letter keys at least 8 %
        of the screen height when the width allows it (a bit more, for the
        rounding), never more than 88 % of the area (the text to type stays
        above it); on a narrow screen (portrait) as wide as the screen."""
        x, y, w, h = self.area
        total_w, total_h = self.layout.size()
        wide = total_h * w / total_w  # the height of a keyboard as wide as the area
        if wide < total_h * KEY_SHARE * self.unit / (1 - keyboards.GAP):  # narrow (portrait): taller keys
            wide *= keyboards.TALLEST
        big_keys = total_h * KEY_SHARE * self.unit / (1 - keyboards.GAP)
        kh = min(wide, max(h * 0.62, big_keys), h * 0.88, h - self.TEXT_ROOM * self.unit)
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

    def caps(self) -> bool:
        """Caps Lock on: the real keyboard's light (key events' ``mod``) or the drawn keyboard's."""
        return self.caps_on or self.tap_caps

    def remaining_recipe(self, ch: str) -> list | None:
        """What is left to press for ``ch`` now: after a dead key its letter; with
        Caps Lock on, the key of a Caps Lock recipe, or Caps Lock first when it would
        change the character (« b » would give « B »)."""
        recipe = self.layout.recipe(ch)
        if not recipe:
            return recipe
        caps = self.caps()
        if recipe[0].key == keyboards.CAPS:
            return recipe[1:-1] if caps else recipe[:1]
        last = recipe[-1]
        if caps and self.layout.char_for(last.key, last.shift, last.altgr, caps=True) != \
                self.layout.char_for(last.key, last.shift, last.altgr):
            return [keyboards.Press(keyboards.CAPS)]
        if len(recipe) > 1 and (self.dead_pressed or self.tap_dead is not None):
            recipe = recipe[1:]  # the accent key is done: now its letter
        return recipe

    def lit(self) -> dict:
        lit = {"CapsLock": "held"} if self.caps() else {}
        wanted = self.expected()
        if wanted is None:
            return lit
        kind, value = wanted
        if kind == "key":
            key_id = keyboards.KEY_NAMES.get(value)
            return {**lit, key_id: "next"} if key_id else lit
        recipe = self.remaining_recipe(value)
        if not recipe:
            return lit
        first = recipe[0]
        lit[first.key] = "dead" if len(recipe) > 1 and recipe[1].key != first.key else "next"
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
        # (« 2 sur 4 » beside the thing to press, not under it: above a big keyboard the room is short)
        shapes = [] if self.done else [Label((x + w * 0.2, y, w * 0.6, h * 0.7), shown, size, "big")]
        if total > 1:
            shapes.append(Label((x + w * 0.8, y, w * 0.2, h * 0.7),
                                self.tr.t("keyboard.count", i=min(self.successes + 1, total), n=total), 0.04, "muted"))
        return shapes + self.pressed_shape((x, y + h * 0.7, w, h * 0.3)) + self.keyboard_shape(now)

    def pressed_shape(self, rect, align: str = "center") -> list:
        """« Vous avez tapé « x ». » after a wrong key, else nothing."""
        if self.proposal is not None:
            return []  # (the question about the keyboard is there)
        if self.notice:
            return [Label(rect, self.notice, 0.04, "hint", align)]
        if not self.pressed_text:
            return []
        words = self.tr.t("keyboard.you_pressed" if self.pressed_was_key else "keyboard.you_typed",
                          what=self.pressed_text)
        return [Label(rect, words, 0.045, "hint", align)]

    def keyboard_shape(self, now) -> list:
        if not self.show_keyboard:
            skip = self.skippable()
            return [Box(self.skip_rect(), self.tr.t("keyboard.skip_char"), style="item")] if skip else []
        flash = None
        if self.flash and self.flash[0] and now - self.flash[2] < FLASH_SECONDS:
            flash = (self.flash[0], self.flash[1])
        shapes = [Keyboard(self.keyboard_rect(), self.layout.name, self.lit(), flash, self.tr.language)]
        if self.skippable():
            shapes.append(Box(self.skip_rect(), self.tr.t("keyboard.skip_char"), style="item"))
        if self.proposal is not None:
            card, words, button = self.proposal_rects()
            title = self.tr.t(f"settings.keyboard_layout.{self.proposal}")
            shapes.append(Box(card, None, style="item"))
            shapes.append(Label(words, self.tr.t("keyboard.other_layout", layout=title), 0.04, "text"))
            shapes.append(Box(button, self.tr.t("keyboard.other_layout.use", layout=title), style="item"))
        wanted = self.expected()
        for ch, rect in self.variant_rects():
            hint = wanted is not None and wanted == ("char", ch)
            shapes.append(Box(rect, ch, style="item", state="hint" if hint else "idle"))
        return shapes

    def animating(self, now):
        return super().animating(now) or bool(self.flash and now - self.flash[2] < FLASH_SECONDS)

    # -- hints and results ----------------------------------------------------
    def how_to_type(self, ch: str) -> str | None:
        """A kind sentence saying how to type a character on this layout."""
        recipe = self.layout.recipe(ch)
        if not recipe:
            # not on this keyboard: the drawn keyboard has it under a long press, else the step can be left
            holder = next((k for k in self.layout.keys() if ch in self.layout.variants(k.id)), None)
            if holder is not None and self.show_keyboard:
                how = "touch" if self.ctx.touch else "mouse"
                return self.tr.t(f"hint.keyboard.long_press.{how}", char=char_name(ch, self.tr),
                                 key=char_name(holder.shift if holder.is_letter() else holder.base, self.tr))
            return self.tr.t("hint.keyboard.not_on_keyboard", char=char_name(ch, self.tr))
        touch = self.ctx.touch
        how = "touch" if touch else "mouse"
        name = lambda c: char_name(c, self.tr)  # noqa: E731
        if self.caps_on and recipe[0].key != keyboards.CAPS and self.remaining_recipe(ch)[0].key == keyboards.CAPS:
            return self.tr.t("hint.keyboard.caps_lock_on")
        if recipe[0].key == keyboards.CAPS:  # Caps Lock, the key, Caps Lock (Linux)
            key = self.layout.key(recipe[1].key)
            return self.tr.t(f"hint.keyboard.caps_recipe.{how}", char=name(ch), base=name(key.at(
                "shift" if recipe[1].shift else "base")))
        if len(recipe) == 2 and recipe[0] == recipe[1]:  # the accent alone: its key twice
            return self.tr.t(f"hint.keyboard.twice.{how}", char=name(ch))
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

    def measures_speed(self, chars: int) -> bool:
        """Whether this step says something about typing speed: at least two
        characters typed (one key, or only erasing, does not)."""
        return chars >= 2

    def typing_details(self, end: float, chars: int) -> TypingDetails:
        minutes = max((end - (self.first_input or self.started)) / 60.0, 1 / 600)
        speed = round(chars / minutes, 1) if self.measures_speed(chars) else None
        return TypingDetails(chars_per_minute=speed,
                             accuracy=round(self.correct / self.attempts, 3) if self.attempts else 1.0,
                             missed_keys=dict(self.missed.most_common(5)),
                             skipped=self.skipped[:TypingDetails.TEXT_LIMITS["skipped"]] or None)

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
    finger, the keys drawn on screen (a tablet without a keyboard).  A sign the
    keyboard cannot type is taken from the drawn keyboard's long press, else
    passed with « Passer ce signe »."""
    if touch:
        return (lambda t: tap_text(activity, pilot, t)), (lambda n: tap_special(activity, pilot, n))

    def write(text):
        from .. import xkb  # (the pilot's real layouts: only in tests)

        for ch in text:
            try:
                pilot.type(ch)
            except xkb.Untypable:
                without_key(activity, pilot, ch)

    return write, pilot.press_key


def without_key(activity, pilot, ch: str) -> None:
    """A sign with no key: the long press on the drawn key that holds it, else « Passer ce signe »."""
    holder = next((k.id for k in activity.layout.keys() if ch in activity.layout.variants(k.id)), None)
    if holder is not None and activity.show_keyboard:
        x, y, w, h = activity.layout.geometry(activity.keyboard_rect())[holder]
        pilot.long_press((x + w / 2, y + h / 2))
        x, y, w, h = dict(activity.variant_rects())[ch]
        pilot.tap((x + w / 2, y + h / 2))
    else:
        x, y, w, h = activity.skip_rect()
        pilot.click((x + w / 2, y + h / 2))


def tap_key(activity, pilot, key_id: str) -> None:
    """Touch one key of the drawn keyboard."""
    x, y, w, h = activity.layout.geometry(activity.keyboard_rect())[key_id]
    pilot.tap((x + w / 2, y + h / 2))


def tap_text(activity, pilot, text: str) -> None:
    """Type by touching the keys drawn on screen (Maj, AltGr, an accent first when needed)."""
    for ch in text:
        if activity.layout.recipe(ch) is None:
            without_key(activity, pilot, ch)
            continue
        for press in activity.layout.recipe(ch):
            if press.shift:
                tap_key(activity, pilot, "ShiftLeft")
            if press.altgr:
                tap_key(activity, pilot, "AltRight")
            tap_key(activity, pilot, press.key)


def tap_special(activity, pilot, name: str) -> None:
    """Touch a special key of the drawn keyboard by our name ("enter", "backspace"...)."""
    tap_key(activity, pilot, keyboards.KEY_NAMES[name])
