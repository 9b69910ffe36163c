"""« C'est la même personne » (facilitator mode): two records joined into one
person, deliberately, and separated again.

An import never merges two people because they share a first name (the
second one arrives as « Monique (2) »).  When the facilitator knows it is the
same person, she opens that record and chooses who it is: the record then
counts as that person (one tile, one person in the report); nothing is moved
or deleted, so « Séparer » undoes it exactly.
"""
from __future__ import annotations

import pygame

from ..ui import text
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen

PER_PAGE = 6


class SamePersonScreen(FacilitatorScreen):
    """The people this record could be; one tap, then « Oui »."""

    name = "facilitator_same_person"

    def __init__(self, app, learner_id: int):
        super().__init__(app)
        self.learner_id = learner_id
        self.page = 0

    def enter(self):
        self.learner = self.app.store.learner(self.learner_id)
        self.others = [l for l in self.app.store.learners() if l.id != self.learner_id]
        self.layout(*self.app.size)

    def heading(self) -> str:
        return self.app.t("people.same.title", name=self.learner.name if self.learner else "")

    def layout(self, w, h):
        super().layout(w, h)
        if not hasattr(self, "others"):
            self.enter()
            return
        self.buttons = [self.back_button()]
        m = int(w * 0.05)
        top = int(h * 0.28)
        col_w = (w - 3 * m) // 2
        card_h = int(h * 0.13)
        gap = int(h * 0.025)
        pages = max(1, -(-len(self.others) // PER_PAGE))
        self.page = min(self.page, pages - 1)
        shown = self.others[self.page * PER_PAGE:(self.page + 1) * PER_PAGE]
        for i, other in enumerate(shown):
            b = self.card(other.name, (lambda o=other: self.choose(o)), None, id=f"same:{other.name}")
            b.rect = pygame.Rect(m + (i % 2) * (col_w + m), top + (i // 2) * (card_h + gap), col_w, card_h)
            self.buttons.append(b)
        if pages > 1:
            self.add_pager(pages, m, w - m, self.bottom - int(h * 0.12), int(w * 0.25), int(h * 0.09))
        joined = len(self.app.store.joined_records())
        if joined:
            b = Button(self.app.n("people.joined.open", joined), lambda: self.app.nav.push(JoinedScreen(self.app)),
                       style="secondary", id="joined")
            b.rect = pygame.Rect((w - int(w * 0.4)) // 2, self.bottom - int(h * 0.12), int(w * 0.4), int(h * 0.09))
            self.buttons.append(b)

    def back(self):
        self.app.nav.back()

    def choose(self, other):
        t = self.app.t
        self.app.confirm(t("people.same.question", name=self.learner.name, other=other.name),
                         lambda: self._join(other), detail=t("people.same.detail"), id="same_person")

    def _join(self, other):
        self.app.store.join_people(other.id, self.learner_id)
        self.app.nav.back()  # (the record's page: it shows who it counts as now)

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        box = pygame.Rect(int(self.w * 0.05), int(self.h * 0.14), int(self.w * 0.9), int(self.h * 0.1))
        text.blit_center(surf, text.fit(self.app.t("people.same.explain"), self.unit * theme.body, theme.muted,
                                        box.w, box.h), box)
        if not self.others:
            text.blit_center(surf, text.fit(self.app.t("people.same.nobody"), self.unit * theme.body, theme.text,
                                            box.w, box.h), box.move(0, int(self.h * 0.2)))


class JoinedScreen(FacilitatorScreen):
    """The records joined to others, each with « Séparer »."""

    name = "facilitator_joined"
    title_id = "people.joined.title"

    def enter(self):
        self.layout(*self.app.size)

    def layout(self, w, h):
        super().layout(w, h)
        self.joined = self.app.store.joined_records()
        self.buttons = [self.back_button()]
        m = int(w * 0.05)
        top = int(h * 0.18)
        card_h = int(h * 0.12)
        gap = int(h * 0.02)
        t = self.app.t
        for i, (lid, name, _keep, keep_name) in enumerate(self.joined[:6]):
            b = self.card(t("people.separate", name=name), (lambda l=lid: self.separate(l)),
                          t("people.separate.detail", name=name, other=keep_name), id=f"separate:{name}")
            b.rect = pygame.Rect(m, top + i * (card_h + gap), w - 2 * m, card_h)
            self.buttons.append(b)

    def back(self):
        self.app.nav.back()

    def separate(self, learner_id: int):
        self.app.store.separate_people(learner_id)
        self.layout(self.w, self.h)

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        if not self.joined:
            box = pygame.Rect(int(self.w * 0.1), int(self.h * 0.3), int(self.w * 0.8), int(self.h * 0.2))
            text.blit_center(surf, text.fit(self.app.t("people.joined.none"), self.unit * theme.body, theme.muted,
                                            box.w, box.h), box)
