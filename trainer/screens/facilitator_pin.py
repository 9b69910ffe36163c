"""The facilitator's PIN: four digits on a big keypad (no keyboard needed).

``choose``: the first opening of the facilitator mode (or « Changer le
code »): four digits, then the same again; « Passer » keeps no PIN.
``enter``: the PIN is asked; after three wrong ones the learner screen
comes back, quietly (no alarm, no lock-out message to worry anyone).
"""
from __future__ import annotations

import pygame

from .. import input as inp
from .. import pin
from ..ui import text
from ..ui.widgets import Button
from .base import Screen

MAX_TRIES = 3


class PinScreen(Screen):
    name = "facilitator_pin"

    def __init__(self, app, mode: str = "enter", changing: bool = False):
        super().__init__(app)
        self.mode = mode  # choose | confirm | enter
        self.changing = changing  # a new code from the facilitator's home (not the first use)
        self.digits = ""
        self.first = ""  # the PIN chosen, waiting for its confirmation
        self.wrong = 0
        self.message = ""
        self.layout(*app.size)

    def layout(self, w, h):
        super().layout(w, h)
        back = self.back_button()
        self.buttons = [back]
        if self.mode in ("choose", "confirm"):
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
        key = min(int(h * 0.135), (h - y0 - int(h * 0.03) - 3 * gap) // 4)
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

    # -- typing -------------------------------------------------------------
    def digit(self, d: str) -> None:
        if len(self.digits) >= pin.LENGTH:
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
            if pin.check(self.app.store, typed):
                self.app.nav.facilitator_home()
                return
            self.wrong += 1
            if self.wrong >= MAX_TRIES:
                self.app.nav.learners()  # quietly
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
            self.app.nav.facilitator_home()

    def skip(self) -> None:
        pin.set_pin(self.app.store, None)
        self.app.nav.facilitator_home()

    def back(self) -> None:
        self.app.nav.back()  # to the facilitator's home when it opened this, else to the learners

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
        self.draw_title(surf, t(f"pin.{self.mode}"), theme)
        below = self.message or {
            "choose": t("pin.choose.detail", button=self.buttons[1].label),
            "confirm": t("pin.confirm.detail"),
            "enter": t("pin.enter.detail")}[self.mode]
        colour = theme.hint_text if self.message else theme.muted
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
