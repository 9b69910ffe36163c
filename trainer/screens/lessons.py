"""The lesson menu: one tab per level, each lesson with its state for this learner.

A lesson file that cannot be used is shown greyed out; touching it tells why.
"""
from __future__ import annotations

import pygame

from ..ui import text, theme
from ..ui.widgets import Button
from .base import Screen

STATE_LABELS = {  # colours by name: the palette may change (high contrast)
    "new": ("Nouvelle", "MUTED"),
    "started": ("Commencée", "HINT_TEXT"),
    "done": ("Terminée", "SUCCESS"),
}
BROKEN_TAB = 0  # the tab of files to correct


class LessonMenuScreen(Screen):
    name = "lessons"

    def __init__(self, app, learner, level: int | None = None):
        super().__init__(app)
        self.learner = learner
        self.entries = app.lesson_entries()
        # the guest tile is shared: a guest sees only what was done in this session
        self.states = app.store.lesson_states(learner.id, app.session_id if learner.is_guest else None)
        usable = [e.lesson for e in self.entries if e.usable]
        self.levels = sorted({l.level for l in usable})
        self.broken = [e for e in self.entries if not e.usable]
        if level is None:
            unfinished = [l.level for l in usable if self.states.get(l.id) != "done"]
            level = min(unfinished) if unfinished else (self.levels[0] if self.levels else BROKEN_TAB)
        self.level = level
        self.layout(*app.size)

    def state_of(self, lesson) -> str:
        return self.states.get(lesson.id, "new")

    def layout(self, w, h):
        super().layout(w, h)
        back = Button("Retour", self.back, style="secondary", icon="back")
        back.rect = self.back_button_rect()
        self.buttons = [back]
        # level tabs
        tabs = [(lv, f"Niveau {lv}") for lv in self.levels]
        if self.broken:
            tabs.append((BROKEN_TAB, f"À corriger ({len(self.broken)})"))
        tab_h = int(h * 0.1)
        tab_w = min(int(h * 0.36), int((w * 0.9) / max(1, len(tabs))))
        x = (w - len(tabs) * tab_w - (len(tabs) - 1) * int(h * 0.02)) // 2
        y = int(h * 0.17)
        for level, label in tabs:
            tab = Button(label, (lambda lv=level: self.select(lv)),
                         style="primary" if level == self.level else "secondary")
            tab.rect = pygame.Rect(x, y, tab_w, tab_h)
            self.buttons.append(tab)
            x += tab_w + int(h * 0.02)
        # lesson cards
        if self.level == BROKEN_TAB:
            cards = [Button(e.path.name, (lambda e=e: self.explain(e)), style="card", enabled=False,
                            sublabel="Ne peut pas être ouverte") for e in self.broken]
        else:
            cards = []
            for e in self.entries:
                if e.usable and e.lesson.level == self.level:
                    label, colour = STATE_LABELS[self.state_of(e.lesson)]
                    cards.append(Button(e.lesson.title, (lambda l=e.lesson: self.app.play(l)), style="card",
                                        sublabel=label, colour=getattr(theme, colour)))
        top = y + tab_h + int(h * 0.05)
        gap = int(h * 0.035)
        cols = 4 if w / h >= 1.7 else 3  # 16:9 laptops: 4 columns; 16:10 tablets: 3
        card_w = int((w * 0.9 - (cols - 1) * gap) / cols)
        rows = max(1, -(-len(cards) // cols))
        card_h = min(int(h * 0.24), int((h * 0.9 - top - (rows - 1) * gap) / rows))
        x0 = int(w * 0.05)
        for i, card in enumerate(cards):
            r, c = divmod(i, cols)
            card.rect = pygame.Rect(x0 + c * (card_w + gap), top + r * (card_h + gap), card_w, card_h)
        self.buttons += cards
        self.cards = cards

    def select(self, level):
        self.level = level
        self.layout(self.w, self.h)

    def explain(self, entry):
        reason = entry.reason or "Ce fichier ne peut pas être lu."
        self.app.message("Cette leçon ne peut pas être ouverte", reason)

    def back(self):
        self.app.open_learners()

    def draw_content(self, surf):
        who = "Invité" if self.learner.is_guest else self.learner.name
        self.draw_title(surf, f"Bonjour {who} ! Choisissez une leçon")
        if not self.entries:
            box = pygame.Rect(0, int(self.h * 0.4), self.w, int(self.h * 0.2))
            msg = text.fit("Aucune leçon n'a été trouvée. Demandez à l'animatrice.", self.unit * theme.BODY,
                           theme.TEXT, int(self.w * 0.8), box.h)
            text.blit_center(surf, msg, box)
