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

    def back_button_rect(self) -> pygame.Rect:
        """No « Retour » here: « Quitter » on the right; the title between."""
        rect = super().back_button_rect()
        return pygame.Rect(rect.x, rect.y, rect.w if self.portrait else int(self.w * 0.2 - rect.x), rect.h)

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
        gap = int(h * 0.04)
        quit_button = Button(t("common.quit"), self.app.request_quit, style="secondary", id="quit")
        quit_button.rect = self.right_button_rect()
        top = self.content_top() + int(h * 0.04)
        # the bottom-right corner is the facilitator's door: no tile there
        bottom = self.bottom - max(24, int(h * 0.08)) - int(h * 0.02)
        # tiles 30 % of the height, narrower when two columns need it (portrait)
        pager_h = max(44, int(h * 0.09))
        # (and two rows above the pager: a page always shows people, not only « Invité » and « Ajouter »)
        tile_h = min(int(h * 0.3), (w - 2 * margin - gap) // 2, (bottom - top - pager_h - 2 * gap) // 2)
        if self.portrait:  # a tablet held upright: three rows, so that a page shows four people, not two
            tile_h = min(tile_h, (bottom - top - pager_h - 3 * gap) // 3)
        # a little wider than tall where there is room: a first name or « Ajouter une personne » on fewer lines
        tile_w = min(int(tile_h * 1.25), (w - 2 * margin - gap) // 2)
        if self.portrait:  # (upright: two columns as wide as the screen allows)
            tile_w = (w - 2 * margin - gap) // 2
        cols = max(2, (w - 2 * margin + gap) // (tile_w + gap))

        def rows_between(first, last):
            return max(1, (last - first + gap) // (tile_h + gap))

        rows = rows_between(top, bottom)
        pages = 1
        if len(people) + len(tiles) > cols * rows:  # pages: their buttons get a row of their own, below the tiles
            rows = rows_between(top, bottom - pager_h - gap)
            pages = max(1, -(-len(people) // max(1, cols * rows - len(tiles))))
        per_page = max(1, cols * rows - len(tiles))
        self.page = min(self.page, pages - 1)
        shown = people[self.page * per_page:(self.page + 1) * per_page] + tiles
        used_cols = min(cols, len(shown))
        x0 = (w - (used_cols * tile_w + (used_cols - 1) * gap)) // 2
        for i, tile in enumerate(shown):
            r, c = divmod(i, cols)
            tile.rect = pygame.Rect(x0 + c * (tile_w + gap), top + r * (tile_h + gap), tile_w, tile_h)
        self.buttons = list(shown)
        self.buttons.append(quit_button)
        if pages > 1:
            last = max(tile.rect.bottom for tile in shown)
            bw = min(int(h * 0.42), (w - 2 * margin - gap) // 2)
            self.add_pager(pages, margin, w - margin, last + gap, bw, pager_h)

    def back(self):
        self.app.request_quit()

    def draw_content(self, surf, theme):
        box = self.title_rect()
        title = text.fit(self.app.t("learners.title"), self.unit * theme.title * 1.1, theme.text,
                         box.w, box.h, bold=True)
        text.blit_center(surf, title, box)
