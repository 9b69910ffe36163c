"""« Les progrès de Marie »: lessons done per level and simple charts over
the days of practice, with one true, encouraging sentence.

Drawn in big plain shapes: bars a person can read from two metres, the value
written above each bar, the day below it.  Figures come from
:mod:`trainer.stats`.
"""
from __future__ import annotations

import pygame

from .. import stats
from ..ui import text
from .base import Screen

MAX_DAYS = 8  # the last days of practice shown in a chart

LOWER = "progress.lower"  # how to read a chart: message ids
HIGHER = "progress.higher"

#: (attribute of stats.Day, title, how a value is written, how to read it)
CHARTS = [  # (its title is the message "progress.chart." + attribute)
    ("seconds_per_target", lambda tr, v: tr.t("progress.seconds", value=tr.decimal(v, 1)), LOWER),
    ("throughput", lambda tr, v: tr.decimal(v, 1), HIGHER),
    ("misses_per_target", lambda tr, v: tr.decimal(v, 1), LOWER),
    ("chars_per_minute", lambda tr, v: tr.decimal(v, 0), HIGHER),
    ("undos", lambda tr, v: tr.decimal(v, 0), "progress.undone"),
]


class ProgressScreen(Screen):
    name = "progress"

    def __init__(self, app, learner):
        super().__init__(app)
        self.learner = learner
        lessons = app.usable_lessons()
        self.progress = stats.learner_progress(app.store, learner.id, lessons)
        self.sentence = stats.encouragement(self.progress, app.translator)
        self.layout(*app.size)

    def layout(self, w, h):
        super().layout(w, h)
        back = self.back_button()
        self.buttons = [back]
        self.sentence_box = pygame.Rect(int(w * 0.05), self.content_top(), int(w * 0.9), int(h * 0.12))
        self.levels_box = pygame.Rect(int(w * 0.05), self.sentence_box.bottom + int(h * 0.01), int(w * 0.9),
                                      int(h * 0.13))
        top = self.levels_box.bottom + int(h * 0.03)
        gap = int(h * 0.025)
        if self.portrait:
            self._portrait_charts(top, gap)
        else:
            self._flat_charts(gap)

    #: upright, the charts one under the other, as wide as the screen: which are on each page
    #: (the first under the sentence and the levels)
    PORTRAIT_PAGES = ((0,), (1, 2), (3, 4))
    #: laid flat, one chart a page, as wide as the screen (the first beside the levels):
    #: bars tall enough to compare, eight days' numbers and dates at a readable size
    FLAT_PAGES = ((0,), (1,), (2,), (3,), (4,))

    def _pager_row(self, pages) -> tuple[int, int]:
        """(the pager's height, the row above which the charts end)."""
        h = self.h
        pager_h = max(44, int(h * 0.081) + 1)
        self.page = max(0, min(getattr(self, "page", 0), len(pages) - 1))
        self.add_pager(len(pages), int(self.w * 0.05), int(self.w * 0.95), self.bottom - int(h * 0.03) - pager_h,
                       int(self.w * 0.42), pager_h)
        return pager_h, self.bottom - int(h * 0.03) - pager_h - int(h * 0.025)

    def _flat_charts(self, gap):
        """A laptop: the sentence on top; on the first page the levels in a column on
        the left and the first chart on the right, then one chart a page."""
        w, h = self.w, self.h
        pages = self.FLAT_PAGES
        _, bottom = self._pager_row(pages)
        shown = pages[self.page]
        self.charts_shown = list(shown)
        x0, full = int(w * 0.05), int(w * 0.9)
        if self.page == 0:
            top = self.sentence_box.bottom + int(h * 0.01)
            col = int(full * 0.34)
            self.levels_box = pygame.Rect(x0, top, col, bottom - top)
            self.chart_boxes = [pygame.Rect(x0 + col + gap, top, full - col - gap, bottom - top)]
        else:
            top = self.content_top() + int(h * 0.01)
            self.chart_boxes = [pygame.Rect(x0, top, full, bottom - top)]

    def _portrait_charts(self, top, gap):
        """A tablet held upright: the charts stacked, as wide as the screen and
        as tall as the page allows (never flat), a few per page with
        « Précédents » / « Suivants » under them."""
        w, h = self.w, self.h
        pages = self.PORTRAIT_PAGES
        _, bottom = self._pager_row(pages)
        shown = pages[self.page]
        if self.page:  # (the sentence and the levels are on the first page)
            top = self.content_top() + int(h * 0.01)
        ch = (bottom - top - (len(shown) - 1) * gap) // len(shown)
        self.chart_boxes = [pygame.Rect(int(w * 0.05), top + i * (ch + gap), int(w * 0.9), ch)
                            for i in range(len(shown))]
        self.charts_shown = list(shown)

    def back(self):
        self.app.nav.back()  # to the lessons, or to the facilitator's page of this person

    # -- drawing -----------------------------------------------------------
    def draw_content(self, surf, theme):
        t, tr = self.app.t, self.app.translator
        self.draw_title(surf, t("progress.title", name=self.learner.name), theme)
        h = self.h
        sentence = text.fit(self.sentence, h * theme.instruction * 0.9, theme.success, self.sentence_box.w,
                            self.sentence_box.h, bold=True)
        if self.page == 0:
            text.blit_center(surf, sentence, self.sentence_box)
            self._draw_levels(surf, theme)
        days = self.progress.days[-MAX_DAYS:]
        for box, (attr, fmt, reading) in zip(self.chart_boxes, [CHARTS[i] for i in self.charts_shown]):
            self._draw_chart(surf, theme, box, t(f"progress.chart.{attr}"), t(reading),
                             [(d.label_in(tr), getattr(d, attr) if attr != "undos" or d.undo_steps else None)
                              for d in days], lambda v, fmt=fmt: fmt(tr, v))

    def _draw_levels(self, surf, theme):
        levels = self.progress.levels
        if not levels:
            return
        box = self.levels_box
        h = self.h
        gap = int(h * 0.02)
        lw = (box.w - gap * (len(levels) - 1)) // len(levels)
        lh = (box.h - gap * (len(levels) - 1)) // len(levels)
        for i, level in enumerate(levels):
            if box.h > box.w:  # (a column beside the first chart, laid flat)
                cell = pygame.Rect(box.x, box.y + i * (lh + gap), box.w, min(lh, int(h * 0.16)))
            else:
                cell = pygame.Rect(box.x + i * (lw + gap), box.y, lw, box.h)
            pygame.draw.rect(surf, theme.panel, cell, border_radius=int(h * 0.015))
            label = text.fit(self.app.t("progress.level", n=level.level, done=level.done, total=level.total),
                             h * theme.body,
                             theme.text, int(cell.w * 0.92), int(cell.h * 0.5), bold=True)
            surf.blit(label, label.get_rect(midtop=(cell.centerx, cell.y + int(cell.h * 0.08))))
            bar = pygame.Rect(cell.x + int(cell.w * 0.08), cell.y + int(cell.h * 0.62), int(cell.w * 0.84),
                              int(cell.h * 0.22))
            pygame.draw.rect(surf, theme.row, bar, border_radius=bar.h // 2)
            if level.total and level.done:
                filled = bar.copy()
                filled.w = max(bar.h, int(bar.w * level.done / level.total))
                pygame.draw.rect(surf, theme.success, filled, border_radius=bar.h // 2)

    def _head(self, box, theme, title, reading):
        """(the title, the line saying how to read it) as drawn in ``box``: their top at
        3 % of the box and just under the title's place."""
        h = self.h
        head_h = min(int(box.h * 0.18), int(h * theme.body * 1.6))
        head = text.fit(title, h * theme.body, theme.text, int(box.w * 0.92), head_h, bold=True)
        # (how to read it: a little smaller than the title, never under 3 % of the shorter side)
        how = text.fit(reading, max(h * theme.small * 0.8, min(self.w, h) * theme.small), theme.muted,
                       int(box.w * 0.92), int(box.h * 0.2))
        return head, how, box.y + int(box.h * 0.03) + head_h + int(h * 0.005)

    def plot_rect(self, box, theme, title: str = "", reading: str = "") -> pygame.Rect:
        """Where a chart's bars stand in ``box``: between the line saying how to read
        it (and the tallest bar's number above them) and the days below."""
        h = self.h
        _, how, reading_top = self._head(box, theme, title or "x", reading or "x")
        small = min(self.w, self.h) * theme.small  # (upright, the height would make them crowd the bars)
        number_h = day_h = int(small * 1.3)
        plot_top = reading_top + how.get_height() + number_h + int(h * 0.008)
        return pygame.Rect(box.x + int(box.w * 0.05), plot_top, int(box.w * 0.9),
                           max(int(h * 0.01), box.bottom - day_h - int(h * 0.01) - plot_top))

    def _draw_chart(self, surf, theme, box, title, reading, points, fmt):
        h = self.h
        pygame.draw.rect(surf, theme.panel, box, border_radius=int(h * 0.015))
        head, how, reading_top = self._head(box, theme, title, reading)
        surf.blit(head, head.get_rect(midtop=(box.centerx, box.y + int(box.h * 0.03))))
        values = [(label, v) for label, v in points if v is not None]
        if values:
            # (two lines where a chart is narrow)
            surf.blit(how, how.get_rect(midtop=(box.centerx, reading_top)))
        small = min(self.w, self.h) * theme.small
        number_h = int(small * 1.3)
        plot = self.plot_rect(box, theme, title, reading)
        if not values:
            room = pygame.Rect(plot.x, box.y + int(box.h * 0.25), plot.w, box.bottom - box.y - int(box.h * 0.3))
            msg = text.fit(self.app.t("progress.no_measure"), self.unit * theme.small, theme.muted, room.w, room.h)
            text.blit_center(surf, msg, room)
            return
        top_value = max(v for _, v in values) or 1
        slot = plot.w / len(values)
        bar_w = int(min(slot * 0.6, h * 0.08))
        for i, (label, value) in enumerate(values):
            cx = int(plot.x + slot * (i + 0.5))
            bar_h = max(int(h * 0.006), int(plot.h * value / top_value))
            bar = pygame.Rect(cx - bar_w // 2, plot.bottom - bar_h, bar_w, bar_h)
            last = i == len(values) - 1
            pygame.draw.rect(surf, theme.primary if last else theme.target_hover, bar,
                             border_radius=max(2, bar_w // 6))
            number = text.fit(fmt(value), small, theme.text, int(slot * 0.95), number_h, bold=True)
            surf.blit(number, number.get_rect(midbottom=(cx, bar.top - int(h * 0.004))))
            day = text.fit(label, small, theme.muted, int(slot * 0.95), int(box.bottom - plot.bottom))
            surf.blit(day, day.get_rect(midtop=(cx, plot.bottom + int(h * 0.008))))
