"""Which keyboard is drawn: for this device (device setting ``keyboard_layout``)
or for one person (learner setting ``keyboard_layout``, « Celui de l'appareil »
by default).  One big button per layout, the chosen one filled, and the
keyboard itself drawn beside them: the facilitator compares it with the
real one on the table."""
from __future__ import annotations

import pygame

from .. import keyboards
from .. import learner_settings as ls
from ..ui import keyboard_view
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen


def choose_device_layout(app, name: str) -> None:
    """The keyboard drawn on this device from now on (kept in the progress file)."""
    app.store.set_device_setting("keyboard_layout", name)
    app.keyboard_layout = name


class KeyboardChoiceScreen(FacilitatorScreen):
    name = "facilitator_keyboard"

    def __init__(self, app, learner_id: int | None = None):
        super().__init__(app)
        self.learner_id = learner_id
        self.learner = app.store.learner(learner_id) if learner_id is not None else None
        self.layout(*app.size)

    def heading(self) -> str:
        if self.learner is not None:
            return self.app.t("keyboard_choice.learner", name=self.learner.name)
        return self.app.t("keyboard_choice.device")

    def current(self) -> str | None:
        """The chosen layout; None for a person who follows the device."""
        if self.learner is None:
            return self.app.keyboard_layout
        value = ls.value_of(self.learner.settings, "keyboard_layout")
        return value if value in keyboards.LAYOUTS else None

    def shown(self) -> str:
        """The layout drawn beside the buttons."""
        return self.current() or self.app.keyboard_layout

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = [self.back_button()]
        m = int(w * 0.04)
        top = int(h * 0.16)
        col_w = int(w * 0.3)
        choices = [(name, self.app.t(f"settings.keyboard_layout.{name}")) for name in keyboards.LAYOUTS]
        if self.learner is not None:
            device = self.app.t(f"settings.keyboard_layout.{self.app.keyboard_layout}")
            choices.insert(0, (None, self.app.t("keyboard_choice.device_one", layout=device)))
        gap = int(h * 0.012)
        bh = min(int(h * 0.095), (self.bottom - top - int(h * 0.03)) // len(choices) - gap)
        now = self.current()
        for i, (name, words) in enumerate(choices):
            b = Button(words, (lambda n=name: self.choose(n)), id=f"keyboard:{name or 'device'}",
                       style="primary" if name == now else "secondary")
            b.rect = pygame.Rect(m, top + i * (bh + gap), col_w, bh)
            self.buttons.append(b)
        self.preview = pygame.Rect(m + col_w + m, top, w - col_w - 3 * m, self.bottom - top - int(h * 0.05))

    def choose(self, name: str | None) -> None:
        if self.learner is None:
            if name is not None:
                choose_device_layout(self.app, name)
        else:
            self.learner = self.app.store.update_settings(self.learner_id, keyboard_layout=name) or self.learner
        self.layout(self.w, self.h)

    def back(self):
        self.app.nav.back()

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        layout = keyboards.layout(self.shown(), self.app.language)
        keyboard_view.draw(surf, layout, self.preview, self.unit, theme)
