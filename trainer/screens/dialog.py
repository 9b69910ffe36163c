"""A question with big « Oui » / « Non » buttons, over the current screen.

« Non » (the safe answer) is the highlighted one; Escape answers « Non ».
"""
from __future__ import annotations

import pygame

from .. import input as inp
from ..ui import text
from ..ui.widgets import Button


_shades: dict = {}


def _shade(size, colour) -> pygame.Surface:
    """The veil over the screen behind a question (made once per window size and colour)."""
    key = (tuple(size), tuple(colour))
    if key not in _shades:
        _shades.clear()
        shade = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill(colour)
        _shades[key] = shade
    return _shades[key]


class Dialog:
    name = "dialog"

    def __init__(self, app, question: str, on_yes, on_no=None, detail: str | None = None,
                 yes: str | None = None, no: str | None = "", id: str = ""):
        """``yes``, ``no``: the buttons' words (« Oui », « Non » by default;
        ``no=None``: a message with one button, « D'accord »).  ``id`` says which
        question it is ("quit"…)."""
        self.app = app
        self.id = id
        self.question = question
        self.detail = detail
        self._on_yes, self._on_no = on_yes, on_no
        one = no is None
        yes = yes or app.t("common.ok" if one else "common.yes")
        self.buttons = [Button(yes, self.yes, style="primary" if one else "secondary", id="ok" if one else "yes")]
        if not one:
            self.buttons.append(Button(no or app.t("common.no"), self.no, style="primary", id="no"))
        self.layout(*app.size)

    def layout(self, w, h):
        self.w, self.h = w, h
        self.panel = pygame.Rect(0, 0, min(int(w * (0.9 if w < h else 0.8)), int(h * 1.3)), int(h * 0.56))
        self.panel.center = (w // 2, h // 2)
        # (44 px tall when the window allows: even a tiny window keeps buttons a finger can hit)
        bw, bh = int(self.panel.w * 0.36), max(int(h * 0.12), min(44, int(h * 0.3)))
        y = self.panel.bottom - bh - int(h * 0.04)
        if len(self.buttons) == 1:
            self.buttons[0].rect = pygame.Rect(self.panel.centerx - bw // 2, y, bw, bh)
        else:
            gap = int(self.panel.w * 0.08)
            self.buttons[0].rect = pygame.Rect(self.panel.centerx - gap // 2 - bw, y, bw, bh)
            self.buttons[1].rect = pygame.Rect(self.panel.centerx + gap // 2, y, bw, bh)

    def yes(self):
        self.app.close_dialog(self)
        if self._on_yes:
            self._on_yes()

    def no(self):
        self.app.close_dialog(self)
        if self._on_no:
            self._on_no()

    def handle(self, event):
        if isinstance(event, inp.KeyDown):
            if event.key in (pygame.K_ESCAPE, pygame.K_AC_BACK):
                self.no() if len(self.buttons) > 1 else self.yes()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and len(self.buttons) == 1:
                self.yes()
            return
        for button in list(self.buttons):
            if button.handle(event) and isinstance(event, inp.Click):
                break

    def draw(self, surf, theme):
        surf.blit(_shade((self.w, self.h), theme.dim), (0, 0))
        radius = int(self.h * 0.03)
        pygame.draw.rect(surf, theme.panel, self.panel, border_radius=radius)
        pygame.draw.rect(surf, theme.primary, self.panel, width=max(3, int(self.h * 0.005)), border_radius=radius)
        inner_w = int(self.panel.w * 0.88)
        q = text.fit(self.question, self.h * theme.title, theme.text, inner_w, int(self.h * 0.16), bold=True)
        y = self.panel.y + int(self.h * 0.05)
        surf.blit(q, q.get_rect(midtop=(self.panel.centerx, y)))
        if self.detail:  # between the question and the buttons, whatever their sizes
            top = y + q.get_height() + int(self.h * 0.03)
            room = min(self.buttons[0].rect.top - int(self.h * 0.02), self.panel.bottom) - top
            d = text.fit(self.detail, self.h * theme.body, theme.muted, inner_w, max(1, room))
            surf.blit(d, d.get_rect(midtop=(self.panel.centerx, top)))
        for button in self.buttons:
            button.draw(surf, self.h, theme)
