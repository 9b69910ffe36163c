"""What every screen shares: buttons, the way back, the warning banner."""
from __future__ import annotations

import pygame

from .. import input as inp
from ..ui import text
from ..ui.widgets import Button


class Screen:
    #: the name tests and the pilot use to know where they are
    name = "screen"

    def __init__(self, app):
        self.app = app
        self.buttons: list = []
        self.w, self.h = app.size

    # -- layout -----------------------------------------------------------
    def layout(self, w: int, h: int) -> None:
        self.w, self.h = w, h

    @property
    def unit(self) -> float:
        """Every size is a fraction of the screen height."""
        return float(self.h)

    def top_bar_height(self) -> int:
        return int(self.h * 0.13)

    def back_button(self, label: str | None = None):
        """« Retour » (or ``label``), top left, calling :meth:`back`: its id is "back"."""
        button = Button(label or self.app.t("common.back"), self.back, style="secondary", icon="back", id="back")
        button.rect = self.back_button_rect()
        return button

    def back_button_rect(self) -> pygame.Rect:
        """The way back: same place on every screen, top left, big."""
        bar = self.top_bar_height()
        m = int(self.h * 0.02)
        return pygame.Rect(m, m, max(int(self.h * 0.3), int(self.w * 0.16)), bar - 2 * m)

    # -- events -----------------------------------------------------------
    def handle(self, event) -> None:
        if isinstance(event, inp.KeyDown):
            self.on_key(event)
            return
        for button in list(self.buttons):
            if button.handle(event) and isinstance(event, inp.Click):
                break

    def on_key(self, event: inp.KeyDown) -> None:
        if event.key in (pygame.K_ESCAPE, pygame.K_AC_BACK):
            self.back()

    def back(self) -> None:
        """Escape and the « Retour » button."""

    # -- pages of a long list (``self.page``) ------------------------------
    def add_pager(self, pages: int, left: int, right: int, y: int, bw: int, bh: int) -> None:
        """« Précédents » at ``left`` and « Suivants » ending at ``right``, when
        there is a page before or after this one."""
        if self.page > 0:
            prev = Button(self.app.t("common.previous"), self._prev_page, style="secondary", icon="back",
                          id="previous_page")
            prev.rect = pygame.Rect(left, y, bw, bh)
            self.buttons.append(prev)
        if self.page < pages - 1:
            nxt = Button(self.app.t("common.next"), self._next_page, style="secondary", icon="next", id="next_page")
            nxt.rect = pygame.Rect(right - bw, y, bw, bh)
            self.buttons.append(nxt)

    def _prev_page(self) -> None:
        self.page -= 1
        self.layout(self.w, self.h)

    def _next_page(self) -> None:
        self.page += 1
        self.layout(self.w, self.h)

    @property
    def size(self) -> tuple[int, int]:
        return self.w, self.h

    # -- lifecycle (see trainer/screens/navigator.py) ------------------------
    def enter(self) -> None:
        """The screen comes on top: first shown, or shown again after the
        screen above it closed.  A screen that shows what the store holds
        reads it again here."""

    def leave(self) -> None:
        """The screen leaves for good (closed, replaced, or the program quits)."""

    def update(self, now: float) -> bool:
        """Time passes.  True when something changed that must be drawn."""
        return False

    def animating(self, now: float) -> bool:
        return False

    # -- drawing ----------------------------------------------------------
    def draw(self, surf: pygame.Surface, theme) -> None:
        """The whole screen, in ``theme`` (the app's: :attr:`App.theme`)."""
        surf.fill(theme.background)
        self.draw_content(surf, theme)
        for button in self.buttons:
            button.draw(surf, self.unit, theme)
        self.draw_banner(surf, theme)

    def draw_content(self, surf: pygame.Surface, theme) -> None:
        pass

    def draw_title(self, surf, title: str, theme, y_frac: float = 0.065) -> None:
        left = self.back_button_rect().right + int(self.h * 0.03)
        box = pygame.Rect(left, 0, self.w - 2 * left, int(self.h * y_frac * 2))
        text.blit_center(surf, text.fit(title, self.unit * theme.title, theme.text, box.w, box.h, bold=True), box)

    def draw_banner(self, surf, theme) -> None:
        """A calm banner when progress cannot be saved (never hides the lesson)."""
        message = self.app.translator.text(self.app.store.warning or self.app.notice)
        if not message:
            return
        height = int(self.h * 0.07)
        rect = pygame.Rect(0, self.h - height, self.w, height)
        pygame.draw.rect(surf, theme.warning_bg, rect)
        label = text.fit(message, self.unit * theme.small, theme.text, int(self.w * 0.94), int(height * 0.9))
        text.blit_center(surf, label, rect)
