"""The lesson menu: one tab per level, each lesson with its state for this learner.

A lesson file that cannot be used is shown greyed out; touching it tells why.
"""
from __future__ import annotations

import pygame

from ..lesson.files import printable
from ..ui import text
from ..ui.widgets import Button
from .base import Screen
from .facilitator_gate import FacilitatorCorner

STATE_LABELS = {  # message ids; colours by name: the palette may change (high contrast)
    "new": ("lessons.state.new", "muted"),
    "started": ("lessons.state.started", "hint_text"),
    "done": ("lessons.state.done", "success"),
}
BROKEN_TAB = 0  # the tab of files to correct


class LessonMenuScreen(FacilitatorCorner, Screen):
    name = "lessons"

    def facilitator_door(self) -> bool:
        """In « mode maison » only: there is no learner screen then."""
        if not hasattr(self, "_home_mode"):
            self._home_mode = self.app.home_learner is not None
        return self._home_mode

    def __init__(self, app, learner, level: int | None = None):
        super().__init__(app)
        self.learner = learner
        self.entries = app.lesson_entries()
        # the guest tile is shared: a guest sees only what was done in this session
        self.states = app.store.lesson_states(learner.id, app.session_id if learner.is_guest else None)
        usable = [e.lesson for e in self.entries if e.usable]
        self.levels = sorted({l.level for l in usable})
        self.broken = [e for e in self.entries if not e.usable]
        # a lesson left half way (even one done before, started again) says where it stopped
        self.resume = {l.id: app.resume_point(l) for l in usable if l.id in self.states}
        self.step = app.next_step(learner, self.states)  # where the person is on the path of the workshops
        # (lesson, step) for « Continuer », or None
        self.next = app.continue_choice(self.states, self.resume, self.step)
        self.workshop_box = None
        self.continue_button = None
        if level is None:
            unfinished = [l.level for l in usable if self.states.get(l.id) != "done"]
            level = min(unfinished) if unfinished else (self.levels[0] if self.levels else BROKEN_TAB)
        self.level = level
        self.layout(*app.size)

    def state_of(self, lesson) -> str:
        return self.states.get(lesson.id, "new")

    def layout(self, w, h):
        super().layout(w, h)
        t = self.app.t
        language = self.app.language
        if self.app.home_learner is not None:  # « mode maison »: nobody else to choose, the way out
            back = Button(t("common.quit"), self.back, style="secondary", id="quit")
            back.rect = self.back_button_rect()
        else:
            back = self.back_button()
        self.buttons = [back]
        if not self.learner.is_guest:  # the guest's steps are everybody's: no chart for them
            mine = Button(t("lessons.my_progress"), lambda: self.app.nav.progress(self.learner), style="secondary",
                          id="my_progress")
            mine.rect = self.right_button_rect()
            self.buttons.append(mine)
        # level tabs
        tabs = [(lv, t("common.level", n=lv)) for lv in self.levels]
        if self.broken:
            tabs.append((BROKEN_TAB, t("lessons.broken_tab", n=len(self.broken))))
        y = max(int(h * 0.17), self.content_top() + int(h * 0.01))
        tabs_bottom = self.tabs_row(tabs, y, self.level, self.select,
                                    [f"level:{lv}" if lv != BROKEN_TAB else "level:broken" for lv, _ in tabs])
        # lesson cards
        if self.level == BROKEN_TAB:
            cards = [Button(printable(e.path.name), (lambda e=e: self.explain(e)), style="card", enabled=False,
                            sublabel=t("lessons.broken"), id=f"broken:{printable(e.path.name)}")
                     for e in self.broken]
        else:
            cards = []
            for e in self.entries:
                if e.usable and e.lesson.level == self.level:
                    label, colour = STATE_LABELS[self.state_of(e.lesson)]
                    label = t(label)
                    start = self.resume.get(e.lesson.id, 0)
                    if start:
                        label = t("lessons.resume", n=start + 1)
                    cards.append(Button(e.lesson.text("title", language), (lambda l=e.lesson: self.app.nav.play(l)),
                                        style="card", sublabel=label, colour=colour, id=f"lesson:{e.lesson.id}"))
        top = tabs_bottom + int(h * 0.03)
        gap = int(h * (0.02 if self.portrait else 0.03))
        bottom = self.bottom - int(h * 0.03)
        if self.next is not None:  # « Continuer »: the one big button at the bottom
            lesson, start = self.next
            bh = int(h * (0.09 if self.portrait else 0.12))
            title = lesson.text("title", language)
            label = t("lessons.continue_at", title=title, n=start + 1) if start else t("lessons.continue", title=title)
            go = Button(label, (lambda: self.app.nav.play(lesson, start)), style="primary", icon="next", id="continue")
            go.rect = pygame.Rect(int(w * (0.05 if self.portrait else 0.2)), self.bottom - bh - int(h * 0.03),
                                  int(w * (0.9 if self.portrait else 0.6)), bh)
            self.buttons.append(go)
            self.continue_button = go
            bottom = go.rect.top - gap
            if self.step is not None and self.step.workshop is not None:  # « Atelier 4 sur 10 : … », above it
                line_h = int(h * 0.06)
                self.workshop_box = pygame.Rect(int(w * 0.05), go.rect.top - line_h - gap // 3, int(w * 0.9), line_h)
                bottom = self.workshop_box.top - gap // 2
        # cards big enough to read: a long level shows them on pages
        cols = 2 if self.portrait else (4 if w / h >= 1.7 else 3)  # 16:9 laptops: 4; 16:10 tablets: 3
        least = int(h * (0.12 if self.portrait else 0.13))
        rows = max(1, (bottom - top + gap) // (least + gap))
        while len(cards) > cols * rows and cols < 5 and (w * 0.9) / (cols + 1) >= h * 0.36:
            cols += 1  # a long level: more columns while they stay wide enough, then pages
        self.cards = self.place_pages(cards, top, bottom, cols, least, int(h * 0.24), gap, key=self.level)

    def select(self, level):
        self.level = level
        self.layout(self.w, self.h)

    def explain(self, entry):
        reason = entry.reason_in(self.app.translator) or self.app.t("lessons.unreadable")
        self.app.message(self.app.t("lessons.cannot_open"), reason, id="broken_lesson")

    def back(self):
        if self.app.home_learner is not None:  # « mode maison »: nobody else to choose
            self.app.request_quit()
        else:
            self.app.nav.learners()

    def draw_content(self, surf, theme):
        who = self.app.t("learners.guest") if self.learner.is_guest else self.learner.name
        self.draw_title(surf, self.app.t("lessons.hello", name=who), theme)
        if self.workshop_box is not None and self.level != BROKEN_TAB:
            workshop = self.step.workshop
            words = self.app.t("lessons.workshop", n=self.step.number, total=self.step.total,
                               title=workshop.text("title", self.app.language))
            text.blit_center(surf, text.fit(words, self.unit * theme.body, theme.text, self.workshop_box.w,
                                            self.workshop_box.h, bold=True), self.workshop_box)
        if not self.entries:
            box = pygame.Rect(0, int(self.h * 0.4), self.w, int(self.h * 0.2))
            msg = text.fit(self.app.t("lessons.none"), self.unit * theme.body,
                           theme.text, int(self.w * 0.8), box.h)
            text.blit_center(surf, msg, box)
