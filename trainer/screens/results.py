"""The end of a lesson: praise that is true, what was learnt, what next."""
from __future__ import annotations

import pygame

from ..ui import text
from ..ui.widgets import Button
from .base import Screen


def encouragement(results, tr) -> str:
    """One true, kind sentence about what the learner just did, in ``tr``'s language."""
    sizes = [r.target_size for r in results if r.target_size]
    first = next((r for r in results if r.target_size), None)
    if first and sizes:
        start = getattr(first.details, "start_size", None) or None  # a target kind's details
        smallest = min(sizes)
        if start and start / smallest >= 1.6:
            ratio = start / smallest
            return tr.t(f"results.smaller.{'2' if ratio < 2.5 else ('3' if ratio < 3.5 else 'much')}")
    hits = sum(r.successes for r in results)
    steps = len(results)
    if steps == 1:
        return tr.t("results.one")
    return tr.t("results.steps", n=steps, hits=hits)


class ResultsScreen(Screen):
    name = "results"

    def __init__(self, app, lesson, learner, results, next_lesson=None):
        super().__init__(app)
        self.lesson = lesson
        self.learner = learner
        self.results = results
        self.next_lesson = next_lesson
        self.sentence = encouragement(results, app.translator)
        self.layout(*app.size)

    def layout(self, w, h):
        super().layout(w, h)
        t = self.app.t
        back = Button(t("results.lessons"), self.back, style="secondary", icon="back", id="back")
        back.rect = self.back_button_rect()
        self.buttons = [back]
        bw, bh = int(min(w * (0.44 if self.portrait else 0.3), h * 0.55)), int(h * 0.12)
        gap = int(h * 0.04)
        row = [Button(t("results.again"), lambda: self.app.nav.play(self.lesson, start=0), style="secondary",
                      id="again")]
        if self.next_lesson is not None:
            row.append(Button(t("results.next"), lambda: self.app.nav.play(self.next_lesson), style="primary",
                              icon="next", id="next_lesson"))
        else:
            row.append(Button(t("results.back_to_lessons"), self.back, style="primary", id="lessons"))
        x = (w - len(row) * bw - (len(row) - 1) * gap) // 2
        self.row_y = min(int(h * 0.8), self.bottom - bh - int(h * 0.02))  # (above the banner, when one shows)
        for b in row:
            b.rect = pygame.Rect(x, self.row_y, bw, bh)
            x += bw + gap
        self.buttons += row

    def back(self):
        self.app.nav.lessons(self.lesson.level)

    def draw_content(self, surf, theme):
        h, w = self.h, self.w
        t, language = self.app.t, self.app.language
        bravo = t("results.bravo") if self.learner.is_guest else t("results.bravo_name", name=self.learner.name)
        lines = [
            (bravo, h * theme.title * 1.4, theme.success, True, 0.2),
            (t("results.finished", title=self.lesson.text("title", language)), h * theme.body, theme.muted, True,
             0.09),
            (self.lesson.text("learned", language, self.app.normalizer.last_touch) or t("results.all_done"),
             h * theme.instruction, theme.text, True, 0.16),
            (self.sentence, h * theme.body, theme.text, False, 0.1),
        ]
        y = int(h * 0.15)
        # (the lines share what is above the buttons: a little less when the banner lifts them)
        k = min(1.0, (self.row_y - int(h * 0.02) - y - 3 * int(h * 0.015)) / (h * sum(line[-1] for line in lines)))
        for content, px, colour, bold, share in lines:
            box = pygame.Rect(int(w * 0.08), y, int(w * 0.84), int(h * share * k))
            text.blit_center(surf, text.fit(content, px, colour, box.w, box.h, bold=bold), box)
            y += box.h + int(h * 0.015)
