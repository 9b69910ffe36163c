"""« Qui s'entraîne aujourd'hui ? »: big tiles, a guest, a new person."""
from __future__ import annotations

import pygame

from ..ui import text
from ..ui.widgets import Button
from .base import Screen
from .facilitator_gate import FacilitatorCorner


class LearnersScreen(FacilitatorCorner, Screen):  # the facilitator's hidden door: see facilitator_gate
    name = "learners"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0

    def enter(self):
        self.refresh()  # a person added or renamed since

    def refresh(self):
        self.learners = self.app.store.learners()
        self.layout(*self.app.size)

    def layout(self, w, h):
        super().layout(w, h)
        t = self.app.t
        tiles = [Button(t("learners.guest"), lambda: self.app.nav.choose_learner(self.app.store.guest()), style="tile",
                        colour=(95, 99, 104), icon="?", id="guest"),
                 Button(t("learners.add"), self.app.nav.add_learner, style="tile",
                        colour="success", icon="+", id="add_learner")]
        people = [Button(l.name, (lambda l=l: self.app.nav.choose_learner(l)), style="tile",
                         colour=pygame.Color(l.colour), id=f"learner:{l.name}") for l in self.learners]
        margin = int(w * 0.05)
        top = int(h * 0.2)
        bottom_space = int(h * 0.16)
        tile_h = int(h * 0.3)
        tile_w = int(h * 0.3)
        gap = int(h * 0.04)
        cols = max(2, (w - 2 * margin + gap) // (tile_w + gap))
        rows = max(1, (h - top - bottom_space + gap) // (tile_h + gap))
        per_page = cols * rows - len(tiles)
        pages = max(1, -(-len(people) // per_page))
        self.page = min(self.page, pages - 1)
        shown = people[self.page * per_page:(self.page + 1) * per_page] + tiles
        used_cols = min(cols, len(shown))
        x0 = (w - (used_cols * tile_w + (used_cols - 1) * gap)) // 2
        for i, tile in enumerate(shown):
            r, c = divmod(i, cols)
            tile.rect = pygame.Rect(x0 + c * (tile_w + gap), top + r * (tile_h + gap), tile_w, tile_h)
        self.buttons = list(shown)
        m = int(h * 0.02)
        quit_button = Button(t("common.quit"), self.app.request_quit, style="secondary", id="quit")
        quit_button.rect = pygame.Rect(w - m - int(h * 0.3), m, int(h * 0.3), self.top_bar_height() - 2 * m)
        self.buttons.append(quit_button)
        if pages > 1:
            bh, bw = int(h * 0.1), int(h * 0.42)
            self.add_pager(pages, margin, w - margin, h - bh - int(h * 0.09), bw, bh)

    def back(self):
        self.app.request_quit()

    def draw_content(self, surf, theme):
        box = pygame.Rect(0, int(self.h * 0.04), self.w, int(self.h * 0.12))
        title = text.fit(self.app.t("learners.title"), self.unit * theme.title * 1.1, theme.text,
                         int(self.w * 0.6), box.h, bold=True)
        text.blit_center(surf, title, box)
