"""One learner's settings: each a row of big choices, the current one filled.

Changes are kept at once with the learner (``update_settings``) and apply
the next time the learner is chosen; this screen itself keeps the device's
normal look (the facilitator is using it).
"""
from __future__ import annotations

import pygame

from .. import keyboards
from .. import learner_settings as ls
from ..ui import text
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen



class LearnerSettingsScreen(FacilitatorScreen):
    name = "facilitator_settings"

    def __init__(self, app, learner_id: int):
        super().__init__(app)
        self.learner_id = learner_id
        self.learner = app.store.learner(learner_id)
        self.voice = app.speech.available()
        self.layout(*app.size)

    def heading(self) -> str:
        return self.app.t("facilitator.settings", name=self.learner.name)

    def current(self, key):
        value = ls.value_of(self.learner.settings, key)
        if key == "keyboard_layout" and value is None:
            return self.app.keyboard_layout
        if key == "double_click_delay":
            choices = [v for v, _ in ls.BY_KEY[key].choices]
            try:
                return min(choices, key=lambda v: abs(v - float(value)))
            except (TypeError, ValueError):
                return ls.DEFAULTS[key]
        return value

    def banner_box(self):
        """Upright, the settings' rows need every row below the title: the banner
        goes in the top bar, right of « Retour »."""
        if self.portrait:
            top = self.top_bar_box(right_button=False)
            if top is not None:
                return top, False
        return super().banner_box()

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = [self.back_button()]
        self.labels = []  # (text, rect)
        self.no_voice = None  # where « Pas de voix sur cet appareil » is written, if so
        m = int(w * 0.04)
        col_gap = int(w * 0.04)
        col_w = (w - 2 * m - col_gap) // 2
        top = max(int(h * 0.15), self.content_top() + int(h * 0.01))
        # upright, a setting with four choices would make them narrow: it gets a whole row, at the bottom
        wide = [st for st in ls.SETTINGS if self.portrait and len(st.choices) > 3 and st.key != "keyboard_layout"]
        halves = [st for st in ls.SETTINGS if st not in wide]
        per_col = -(-len(halves) // 2)
        row_h = min(int(h * 0.18), (self.bottom - int(h * 0.02) - top) // (per_col + len(wide)))
        # (the choices 8 % of the height at least: the setting's name takes less when rows are short)
        label_h = max(int(row_h * 0.28), min(int(row_h * 0.36), row_h - int(h * 0.015) - int(h * 0.08) - 1))
        button_h = row_h - label_h - int(h * 0.015)
        places = [(m + (i // per_col) * (col_w + col_gap), top + (i % per_col) * row_h, col_w)
                  for i in range(len(halves))]
        places += [(m, top + (per_col + i) * row_h, w - 2 * m) for i in range(len(wide))]
        for setting, (x, y, col_w) in zip(halves + wide, places):
            self.labels.append((self.app.t(setting.label), pygame.Rect(x, y, col_w, label_h)))
            if setting.key == "speak" and not self.voice:
                self.no_voice = pygame.Rect(x, y + label_h, col_w, button_h)
                continue
            if setting.key == "keyboard_layout":  # seven keyboards: chosen on their own screen, drawn
                b = Button(self.keyboard_words(), (lambda: self.app.nav.keyboard_choice(self.learner_id)),
                           id="setting:keyboard_layout", style="secondary")
                b.rect = pygame.Rect(x, y + label_h, col_w, button_h)
                self.buttons.append(b)
                continue
            choices = list(setting.choices)
            gap = int(w * 0.008)
            bw = (col_w - (len(choices) - 1) * gap) // len(choices)
            now = self.current(setting.key)
            for j, (value, words) in enumerate(choices):
                chosen = value == now
                b = Button(self.app.t(words), (lambda k=setting.key, v=value: self.choose(k, v)),
                           id=f"setting:{setting.key}={str(value).lower()}",
                           style="primary" if chosen else "secondary")
                b.rect = pygame.Rect(x + j * (bw + gap), y + label_h, bw, button_h)
                self.buttons.append(b)

    def keyboard_words(self) -> str:
        value = ls.value_of(self.learner.settings, "keyboard_layout")
        if value in keyboards.LAYOUTS:
            return self.app.t(f"settings.keyboard_layout.{value}")
        device = self.app.t(f"settings.keyboard_layout.{self.app.keyboard_layout}")
        return self.app.t("keyboard_choice.device_one", layout=device)

    def enter(self):
        self.learner = self.app.store.learner(self.learner_id)  # back from the keyboard's own screen
        self.layout(*self.app.size)

    def choose(self, key, value):
        stored = None if value == ls.DEFAULTS.get(key) else value
        self.learner = self.app.store.update_settings(self.learner_id, **{key: stored}) or self.learner
        self.layout(self.w, self.h)

    def back(self):
        self.app.nav.back()

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        for words, rect in self.labels:
            label = text.fit(words, self.unit * theme.body, theme.text, rect.w, int(rect.h * 0.9), bold=True,
                             align="left")
            surf.blit(label, label.get_rect(midleft=(rect.x, rect.centery)))
        if self.no_voice is not None:
            r = self.no_voice
            label = text.fit(self.app.t("settings.no_voice"), self.unit * theme.body, theme.muted, r.w,
                             int(r.h * 0.8), align="left")
            surf.blit(label, label.get_rect(midleft=(r.x, r.centery)))
