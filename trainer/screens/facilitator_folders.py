"""Which lesson folders this device uses (device setting ``lesson_dirs``).

Each folder found (the bundled lessons, the data folder's ``lecons``, USB
sticks, ``--lessons``) is a big toggle with its number of usable lessons.
"""
from __future__ import annotations

import pygame

from .. import lesson_folders
from ..ui import text
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen


class FoldersScreen(FacilitatorScreen):
    name = "facilitator_folders"
    title_id = "facilitator.folders"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0
        self.folders = lesson_folders.candidates(app)
        self.counts = {f.key: lesson_folders.count_usable(f.path) for f in self.folders}
        self.layout(*app.size)

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = [self.back_button()]
        used = set(lesson_folders.used_keys(self.app))
        m = int(w * 0.06)
        top = int(h * 0.24)
        row_h = int(h * 0.12)
        gap = int(h * 0.025)
        per_page = max(1, (self.bottom - top - int(h * 0.14) + gap) // (row_h + gap))
        pages = max(1, -(-len(self.folders) // per_page))
        self.page = min(self.page, pages - 1)
        shown = self.folders[self.page * per_page:(self.page + 1) * per_page]
        for i, folder in enumerate(shown):
            on = folder.key in used
            n = self.counts.get(folder.key, 0)
            lessons = self.app.n("common.lessons", n) if n else self.app.t("common.lessons.none")
            words = self.app.t("folders.used" if on else "folders.unused", lessons=lessons)
            b = Button(folder.label, (lambda f=folder: self.toggle(f)), style="card", sublabel=words,
                       id="folder:" + ({"bundled": "bundled", "data": "data"}.get(folder.where) or folder.path.name),
                       colour="success" if on else None)
            b.rect = pygame.Rect(m, top + i * (row_h + gap), w - 2 * m, row_h)
            self.buttons.append(b)
        if pages > 1:
            bh, bw = int(h * 0.09), int(w * 0.25)
            y = self.bottom - bh - int(h * 0.03)
            if self.page > 0:
                prev = Button(self.app.t("common.previous"), self._page(-1), style="secondary", icon="back",
                              id="previous_page")
                prev.rect = pygame.Rect(m, y, bw, bh)
                self.buttons.append(prev)
            if self.page < pages - 1:
                nxt = Button(self.app.t("common.next"), self._page(1), style="secondary", icon="next", id="next_page")
                nxt.rect = pygame.Rect(w - m - bw, y, bw, bh)
                self.buttons.append(nxt)

    def _page(self, delta):
        def go():
            self.page += delta
            self.layout(self.w, self.h)
        return go

    def toggle(self, folder):
        keys = list(lesson_folders.used_keys(self.app))
        if folder.key in keys:
            keys.remove(folder.key)
        else:
            keys.append(folder.key)
        lesson_folders.set_used(self.app, keys)
        self.layout(self.w, self.h)

    def back(self):
        self.app.nav.back()

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        box = pygame.Rect(int(self.w * 0.06), int(self.h * 0.13), int(self.w * 0.88), int(self.h * 0.09))
        words = self.app.t("folders.explain", path=self.app.data_dir / lesson_folders.DATA_FOLDER)
        text.blit_center(surf, text.fit(words, self.unit * theme.small, theme.muted, box.w, box.h), box)
