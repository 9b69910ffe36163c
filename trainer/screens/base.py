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

    @property
    def portrait(self) -> bool:
        """A tablet held upright: the title goes below the top bar's buttons."""
        return self.w < self.h

    def top_bar_height(self) -> int:
        return int(self.h * (0.12 if self.portrait else 0.13))  # its buttons: 8 % and 9 % of the height

    def title_rect(self) -> pygame.Rect:
        """Where the screen's title is written: between the buttons of the top
        bar, or, when they leave too little room (portrait), on a row of its own
        just below them."""
        left = self.back_button_rect().right + int(self.h * 0.03)
        scale = getattr(getattr(self.app, "theme", None), "scale", 1.0)
        if self.w - 2 * left >= self.w * 0.45 and scale <= 1.3:
            return pygame.Rect(left, 0, self.w - 2 * left, int(self.h * 0.13))
        # (« très grand » text: the title gets the whole width, and grows with the text)
        m = int(self.h * 0.02)
        return pygame.Rect(m, self.top_bar_height(), self.w - 2 * m, int(self.h * 0.08 * max(1.0, scale)))

    # -- the banner (progress that cannot be saved, « C'est réglé ») ---------
    def banner_message(self) -> str:
        app = self.app
        store = getattr(app, "store", None)
        message = (getattr(store, "warning", None) if store is not None else None) or getattr(app, "notice", None)
        return app.translator.text(message) if message else ""

    def banner_text_px(self) -> float:
        """The banner's words: the body size, less on a tall narrow screen (where the
        body size, a fraction of the height, would make a long sentence six lines)."""
        theme = getattr(self.app, "theme", None)
        body = getattr(theme, "body", 0.04)
        return min(self.h * body, max(min(self.w, self.h) * 0.045, self.h * body * 0.75))

    def banner_box(self) -> tuple[pygame.Rect, bool]:
        """Where the banner may go, as tall as it may be, and whether the screen's
        content moves up above it (:attr:`bottom`).  Here: along the bottom, the
        whole width, at most 12 % of the height; a screen with no room to spare
        there puts it elsewhere (the player in a keyboard step: in its top bar)."""
        most = int(self.h * 0.12)
        return pygame.Rect(0, self.h - most, self.w, most), True

    def top_bar_box(self, right_button: bool = True) -> pygame.Rect | None:
        """The top bar right of « Retour » (and left of its other button, if any): a
        place for the banner on a screen whose title has a row of its own below
        (upright), or None when it is too narrow."""
        h = self.h
        left = self.back_button_rect().right + int(h * 0.03)
        right = (self.right_button_rect().x - int(h * 0.03)) if right_button else self.w - int(h * 0.02)
        if right - left < self.w * 0.3:
            return None
        m = int(h * 0.02)
        return pygame.Rect(left, m // 2, right - left, self.top_bar_height() - m)

    def banner(self) -> tuple[pygame.Rect, int, bool] | None:
        """(its rectangle, its words' size, whether content moves above it), or None
        without a banner.  Its words at :meth:`banner_text_px`, wrapped, made
        smaller (down to the text floor of every screen) only when the box is full."""
        message = self.banner_message()
        if not message:
            return None
        box, moves = self.banner_box()
        key = (message, self.w, self.h, self.banner_text_px(), tuple(box), moves)
        cached = getattr(self, "_banner_size", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        found = self._place_banner(message, box, moves)
        if found is None and self.portrait and self.title_rect().y >= self.top_bar_height():
            # (upright, the title on a row of its own: the banner may take that row instead)
            found = self._place_banner(message, self.title_rect(), False)
        if found is None:  # (its words do not fit where the screen wanted it: along the bottom)
            found = self._place_banner(message, *Screen.banner_box(self), force=True)
        self._banner_size = (key, found)
        return found

    def _place_banner(self, message, box, moves, force=False):
        px = int(self.banner_text_px())
        floor = max(14, int(0.022 * min(self.w, self.h)) + 1)
        pad = int(self.h * 0.012)
        width = int(box.w * 0.94)
        while True:
            f = text.font(px, False)
            f.align = pygame.FONT_CENTER
            lines = f.render(message, True, (0, 0, 0), wraplength=width).get_height()
            if lines + 2 * pad <= box.h or px <= floor:
                break
            px = max(floor, int(px * 0.93))
        if lines + 2 * pad > box.h:  # (words at the floor: a thinner margin)
            pad = max(int(self.h * 0.004), (box.h - lines) // 2)
            if not force and not moves and lines + 2 * pad > box.h:
                return None
        if moves:  # along the bottom: as tall as its words (and never a thin strip)
            height = max(lines + 2 * pad, min(box.h, int(self.h * 0.08)))
            rect = pygame.Rect(box.x, box.bottom - height, box.w, height)
        else:
            rect = pygame.Rect(box)
        return rect, px, moves

    def banner_height(self) -> int:
        """How much of the bottom the banner takes from the screen's content (0 without one)."""
        found = self.banner()
        return found[0].h if found and found[2] else 0

    @property
    def bottom(self) -> int:
        """The lowest row the screen's own content may use: above the banner when one shows."""
        return self.h - self.banner_height()

    def content_top(self) -> int:
        """The first row free for the screen's own content: below the top bar
        and the title."""
        return max(self.top_bar_height(), self.title_rect().bottom)

    def back_button(self, label: str | None = None):
        """« Retour » (or ``label``), top left, calling :meth:`back`: its id is "back"."""
        button = Button(label or self.app.t("common.back"), self.back, style="secondary", icon="back", id="back")
        button.rect = self.back_button_rect()
        return button

    def back_button_rect(self) -> pygame.Rect:
        """The way back: same place on every screen, top left, big."""
        bar = self.top_bar_height()
        m = int(self.h * 0.02)
        # (at most 42 % of the width: a second button fits on its right in portrait)
        return pygame.Rect(m, m, min(max(int(self.h * 0.3), int(self.w * 0.16)), int(self.w * 0.42)), bar - 2 * m)

    def right_button_rect(self) -> pygame.Rect:
        """The top bar's other button (« Quitter », « Passer », « Mes progrès »): top right."""
        rect = self.back_button_rect()
        rect.right = self.w - rect.x
        return rect

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

    def place_pages(self, cards: list, top: int, bottom: int, cols: int, least: int, most: int, gap: int,
                    key=None) -> list:
        """Place ``cards`` in a grid of ``cols`` columns between ``top`` and
        ``bottom``, each at least ``least`` and at most ``most`` tall: what
        does not fit goes on pages, with « Précédents » / « Suivants » on a row
        of their own under the cards (never over them).  ``key`` names the list
        (another list starts on its first page).  The cards shown are returned
        and added to :attr:`buttons`."""
        w, h = self.w, self.h
        pager_h = max(44, int(h * 0.085))
        rows = max(1, (bottom - top + gap) // (least + gap))
        pages = 1
        if len(cards) > rows * cols:
            rows = max(1, (bottom - top - pager_h) // (least + gap))
            pages = -(-len(cards) // (rows * cols))
        if getattr(self, "_paged", None) != key:
            self.page = 0
        self._paged = key
        self.page = max(0, min(getattr(self, "page", 0), pages - 1))
        shown = cards[self.page * rows * cols:(self.page + 1) * rows * cols]
        room = bottom - top - (pager_h + gap if pages > 1 else 0)
        if pages == 1:  # a short list: its cards take the room (up to ``most``), titles on two lines, not tiny
            rows = max(1, min(rows, -(-len(cards) // cols)))
        card_h = max(1, min(most, int((room - (rows - 1) * gap) / rows)))
        x0 = int(w * 0.05)
        card_w = int((w - 2 * x0 - (cols - 1) * gap) / cols)
        for i, card in enumerate(shown):
            r, c = divmod(i, cols)
            card.rect = pygame.Rect(x0 + c * (card_w + gap), top + r * (card_h + gap), card_w, card_h)
        self.buttons += shown
        if pages > 1:
            used_rows = max(1, -(-len(shown) // cols))
            self.add_pager(pages, x0, w - x0, top + used_rows * (card_h + gap), min(int(h * 0.42), int(w * 0.42)),
                           pager_h)
        return shown

    def tabs_row(self, labels: list, y: int, chosen, select, ids) -> int:
        """One row of tabs (the levels), as wide as the screen allows: returns its bottom."""
        w, h = self.w, self.h
        tab_h = max(44, int(h * 0.085))
        gap = int(min(h * 0.02, w * 0.015))
        n = max(1, len(labels))
        tab_w = min(int(h * 0.36), int((w * 0.96 - (n - 1) * gap) / n))
        x = (w - n * tab_w - (n - 1) * gap) // 2

        for (value, label), id_ in zip(labels, ids):
            tab = Button(label, (lambda v=value: select(v)), style="primary" if value == chosen else "secondary", id=id_)
            tab.rect = pygame.Rect(x, y, tab_w, tab_h)
            self.buttons.append(tab)
            x += tab_w + gap
        return y + tab_h

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

    def draw_title(self, surf, title: str, theme) -> None:
        box = self.title_rect()
        banner = self.banner()
        if banner is not None and banner[0] == box:  # the banner is on the title's row for now
            return
        text.blit_center(surf, text.fit(title, self.unit * theme.title, theme.text, box.w, box.h, bold=True), box)

    def draw_banner(self, surf, theme) -> None:
        """A calm banner when progress cannot be saved, or says it is again: along
        the bottom, where :attr:`bottom` keeps every screen's content above it
        (the app lays the screen out again when the banner comes or goes)."""
        found = self.banner()
        if found is None:
            return
        rect, px, moves = found
        if moves:
            pygame.draw.rect(surf, theme.warning_bg, rect)
            pygame.draw.line(surf, theme.border, rect.topleft, rect.topright, max(2, int(self.h * 0.004)))
        else:  # (among other things: a box of its own)
            pygame.draw.rect(surf, theme.warning_bg, rect, border_radius=int(self.h * 0.012))
            pygame.draw.rect(surf, theme.border, rect, width=max(2, int(self.h * 0.003)),
                             border_radius=int(self.h * 0.012))
        label = text.fit(self.banner_message(), px, theme.text, int(rect.w * 0.94), rect.h)
        text.blit_center(surf, label, rect)
