"""The facilitator's PIN: four digits on a big keypad (no keyboard needed).

``choose``: the first opening of the facilitator mode (or « Changer le
code »): four digits, then the same again; « Passer » keeps no PIN.
``enter``: the PIN is asked; after three wrong ones the learner screen
comes back, quietly (no alarm, no lock-out message to worry anyone), and
each further wrong one makes the next try wait longer (30 s, 1 min, 2 min…
kept in the progress file: Ctrl+Alt+A or a restart does not start again
from zero, :mod:`trainer.pin`).  While it waits, the keypad says how long.
``lend_to``: a code chosen to lend the device (mode maison needs one): no
« Passer »; once chosen, the device is lent.
"""
from __future__ import annotations

import pygame

from .. import input as inp
from .. import pin
from ..ui import text
from ..ui.widgets import Button
from .base import Screen

MAX_TRIES = pin.FREE_TRIES


class PinScreen(Screen):
    name = "facilitator_pin"

    def __init__(self, app, mode: str = "enter", changing: bool = False, lend_to: str | None = None):
        super().__init__(app)
        self.mode = mode  # choose | confirm | enter
        self.changing = changing  # a new code from the facilitator's home (not the first use)
        self.lend_to = lend_to  # the learner (uid) the device is lent to once the code is chosen
        self.shown_wait = None  # the seconds left, as last drawn
        self.digits = ""
        self.first = ""  # the PIN chosen, waiting for its confirmation
        self.wrong = 0
        self.message = ""
        self.layout(*app.size)

    def layout(self, w, h):
        super().layout(w, h)
        back = self.back_button()
        self.buttons = [back]
        # a lent device needs a code: no « Passer » / « Sans code » to lend it, nor while it is lent
        if self.mode in ("choose", "confirm") and self.lend_to is None and self.app.home_learner is None:
            skip = Button(self.app.t("pin.no_code" if self.changing else "pin.skip"), self.skip, style="secondary",
                          id="skip")
            skip.rect = self.right_button_rect()
            self.buttons.append(skip)
        # below the title: the sentence, the four dots, then the pad, whole on any screen
        top = self.content_top()
        self.detail_box = pygame.Rect(int(w * 0.05), top + int(h * 0.01), int(w * 0.9), int(h * 0.085))
        self.dots = pygame.Rect(0, self.detail_box.bottom + int(h * 0.01), min(int(h * 0.5), int(w * 0.8)),
                                int(h * 0.075))
        self.dots.centerx = w // 2
        gap = int(h * 0.02)
        y0 = self.dots.bottom + int(h * 0.02)
        key = min(int(h * 0.135), (self.bottom - y0 - int(h * 0.03) - 3 * gap) // 4)
        kw = min(int(h * 0.21), (int(w * 0.94) - 2 * gap) // 3)  # wide keys: « Effacer » stays readable
        x0 = (w - (3 * kw + 2 * gap)) // 2
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", None]
        for i, label in enumerate(labels):
            if label is None:
                continue
            r, c = divmod(i, 3)
            if label == "erase":
                b = Button(self.app.t("common.erase"), self.erase, style="secondary", id="erase")
            else:
                b = Button(label, (lambda d=label: self.digit(d)), style="secondary", id=f"digit:{label}")
            b.rect = pygame.Rect(x0 + c * (kw + gap), y0 + r * (key + gap), kw, key)
            self.buttons.append(b)
        self.shown_wait = None  # (the keypad's state is set again by update)

    # -- typing -------------------------------------------------------------
    def digit(self, d: str) -> None:
        if len(self.digits) >= pin.LENGTH or self.wait_left() > 0:
            return
        self.digits += d
        self.message = ""
        if len(self.digits) == pin.LENGTH:
            self.complete()

    def erase(self) -> None:
        self.digits = self.digits[:-1]

    def complete(self) -> None:
        typed, self.digits = self.digits, ""
        if self.mode == "enter":
            outcome = pin.attempt(self.app.store, typed)
            if outcome == "right":
                self.app.nav.facilitator_home()
                return
            if outcome == "wrong":
                self.wrong += 1
            if pin.waiting(self.app.store) > 0:
                self.app.nav.learners()  # quietly; the next way in shows the wait
                return
            self.message = self.app.t("pin.wrong")
        elif self.mode == "choose":
            self.first = typed
            self.mode = "confirm"
            self.layout(self.w, self.h)
        else:
            if typed != self.first:
                self.mode, self.first = "choose", ""
                self.message = self.app.t("pin.differ")
                self.layout(self.w, self.h)
                return
            pin.set_pin(self.app.store, typed)
            if self.lend_to is not None:
                if pin.lending_allowed(self.app.store):
                    self.app.store.set_device_setting("home_learner", self.lend_to)
                self.app.nav.back()  # to the person's page, now lent
                return
            self.app.nav.facilitator_home()

    def skip(self) -> None:
        pin.set_pin(self.app.store, None)
        self.app.nav.facilitator_home()

    def back(self) -> None:
        self.app.nav.back()  # to the facilitator's home when it opened this, else to the learners

    # -- waiting after wrong codes -------------------------------------------------
    def wait_left(self) -> float:
        return pin.waiting(self.app.store) if self.mode == "enter" else 0.0

    def update(self, now: float) -> bool:
        """The wait, counted down on screen (once a second)."""
        left = self.wait_left()
        shown = int(left + 0.999) if left > 0 else None
        if shown != self.shown_wait:
            self.shown_wait = shown
            for button in self.buttons:  # the keypad greyed while it waits
                if button.id.startswith("digit:") or button.id == "erase":
                    button.enabled = shown is None
            self.app.repaint = True
            return True
        return super().update(now)

    def wait_words(self, left: float) -> str:
        seconds = int(left + 0.999)
        if seconds >= 60:
            return self.app.n("pin.wait.minutes", (seconds + 59) // 60)
        return self.app.n("pin.wait.seconds", seconds)

    def handle(self, event) -> None:
        if isinstance(event, inp.TextInput):
            for ch in event.text:
                if ch.isdigit() and ch.isascii():
                    self.digit(ch)
            return
        if isinstance(event, inp.KeyDown) and event.key == pygame.K_BACKSPACE:
            self.erase()
            return
        super().handle(event)

    # -- drawing ------------------------------------------------------------
    def draw_content(self, surf, theme) -> None:
        t = self.app.t
        title = t("pin.lend") if self.lend_to is not None and self.mode == "choose" else t(f"pin.{self.mode}")
        self.draw_title(surf, title, theme)
        left = self.wait_left()
        below = (self.wait_words(left) if left > 0 else None) or self.message or {
            "choose": t("pin.lend.detail") if self.lend_to is not None else
            t("pin.choose.detail", button=self.buttons[1].label),
            "confirm": t("pin.confirm.detail"),
            "enter": t("pin.enter.detail")}[self.mode]
        colour = theme.hint_text if self.message or left > 0 else theme.muted
        box = self.detail_box
        text.blit_center(surf, text.fit(below, self.unit * theme.body, colour, box.w, box.h, bold=bool(self.message)),
                         box)
        r = int(self.h * 0.025)
        step = self.dots.w // pin.LENGTH
        for i in range(pin.LENGTH):
            centre = (self.dots.x + step * i + step // 2, self.dots.centery)
            if i < len(self.digits):
                pygame.draw.circle(surf, theme.text, centre, r)
            else:
                pygame.draw.circle(surf, theme.border, centre, r, width=max(2, int(self.h * 0.005)))
