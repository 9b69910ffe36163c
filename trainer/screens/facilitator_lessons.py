"""Choosing lessons in the facilitator mode: where one person starts, and
the lock of the device for today's workshop.

Both show the lessons of the folders in use, one tab per level.  The lock
(device setting ``lock``) is ``{"level": n}`` (« Tout le niveau n ») or
``{"lessons": [ids]}`` (the lessons ticked, any levels); « Déverrouiller »
removes it.  A person's start (learner setting ``start``) is
``{"level": n}``, ``{"lesson": id}`` or ``{"workshop": n}`` (the path of
the workshops then starts there); « Comme d'habitude » removes it.

With a path of workshops (:mod:`trainer.path`), a last tab « Ateliers »
shows them: a workshop chosen as a person's start, or its lessons ticked
for the lock of the day.
"""
from __future__ import annotations

import pygame

from ..lesson_folders import describe_lock
from ..ui import text
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen


WORKSHOPS = "workshops"  # the tab of the path's workshops


class LessonChoiceScreen(FacilitatorScreen):
    def __init__(self, app, level: int | None = None):
        super().__init__(app)
        self.lessons = [e.lesson for e in app.all_lesson_entries() if e.usable]
        self.path = app.workshop_path()
        self.levels = sorted({l.level for l in self.lessons}) + ([WORKSHOPS] if self.path is not None else [])
        self.level = level if level in self.levels else (self.levels[0] if self.levels else None)

    def workshop_card(self, workshop) -> Button:  # pragma: no cover - each screen has its own
        raise NotImplementedError

    def action_buttons(self) -> list[Button]:  # pragma: no cover - each screen has its own
        raise NotImplementedError

    def card_for(self, lesson) -> Button:  # pragma: no cover
        raise NotImplementedError

    def state_words(self) -> str:
        return ""

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = [self.back_button()]
        gap = int(min(h * 0.02, w * 0.015))
        y = max(int(h * 0.21), self.content_top() + int(h * 0.085))  # (the state words above the tabs)
        labels = [(lv, self.app.t("start.workshops_tab") if lv == WORKSHOPS else self.app.t("common.level", n=lv))
                  for lv in self.levels]
        tab_bottom = self.tabs_row(labels, y, self.level, self.select, [f"level:{lv}" for lv in self.levels])
        actions = self.action_buttons()
        aw = int(min(w * 0.9 / max(1, len(actions)) - gap, h * 0.75))
        ah = int(h * 0.1)
        x = (w - len(actions) * aw - (len(actions) - 1) * gap) // 2
        ay = tab_bottom + int(h * 0.025)
        for b in actions:
            b.rect = pygame.Rect(x, ay, aw, ah)
            x += aw + gap
        self.buttons += actions
        if self.level == WORKSHOPS:
            cards = [self.workshop_card(workshop) for workshop in self.path.workshops]
        else:
            cards = [self.card_for(l) for l in self.lessons if l.level == self.level]
        top = ay + ah + int(h * 0.04)
        cols = 2 if self.portrait else (4 if w / h >= 1.7 else 3)
        if self.level == WORKSHOPS and not self.portrait:
            cols = 5  # ten workshops: two rows on a laptop
        self.cards = self.place_pages(cards, top, self.bottom - int(h * 0.03), cols, int(h * 0.15), int(h * 0.2), int(h * 0.03),
                                      key=self.level)

    def select(self, level):
        self.level = level
        self.layout(self.w, self.h)

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        box = pygame.Rect(int(self.w * 0.05), self.content_top(), int(self.w * 0.9), int(self.h * 0.07))
        text.blit_center(surf, text.fit(self.state_words(), self.unit * theme.body, theme.muted, box.w, box.h,
                                        bold=True), box)
        if not self.lessons:
            box = pygame.Rect(0, int(self.h * 0.45), self.w, int(self.h * 0.2))
            text.blit_center(surf, text.fit(self.app.t("lock.no_lessons"), self.unit * theme.body,
                                            theme.text, int(self.w * 0.8), box.h), box)


class LockScreen(LessonChoiceScreen):
    name = "facilitator_lock"
    title_id = "lock.title"

    def __init__(self, app):
        lock = app.store.device_setting("lock")
        self.ticked = list(lock["lessons"]) if isinstance(lock, dict) and isinstance(lock.get("lessons"), list) \
            else []
        super().__init__(app, lock.get("level") if isinstance(lock, dict) else None)
        self.layout(*app.size)

    @property
    def lock(self):
        return self.app.store.device_setting("lock")

    def state_words(self):
        t = self.app.t
        return t("lock.now", state=describe_lock(self.lock, None, self.app.translator) if self.lock else t("lock.all"))

    def action_buttons(self):
        buttons = []
        if self.level is not None and self.level != WORKSHOPS:
            now = self.lock == {"level": self.level}
            buttons.append(Button(self.app.t("lock.level", n=self.level), self.lock_level, id="lock_level",
                                  style="primary" if now else "secondary"))
        n = len(self.ticked)
        now = isinstance(self.lock, dict) and self.lock.get("lessons") == self.ticked
        buttons.append(Button(self.app.t("lock.ticked", n=n), self.lock_lessons, enabled=n > 0, id="lock_ticked",
                              style="primary" if now else "secondary"))
        if self.lock:
            buttons.append(Button(self.app.t("lock.unlock"), self.unlock, style="secondary", id="unlock"))
        return buttons

    def card_for(self, lesson):
        on = lesson.id in self.ticked
        return Button(lesson.text("title", self.app.language), (lambda l=lesson: self.tick(l)), style="card",
                      sublabel=self.app.t("lock.on" if on else "lock.off"), colour="success" if on else None,
                      id=f"lesson:{lesson.id}")

    def workshop_card(self, workshop):
        ids = list(dict.fromkeys(workshop.lesson_ids()))
        on = bool(ids) and all(i in self.ticked for i in ids)
        return Button(self.app.t("start.workshop_card", n=workshop.number), (lambda: self.tick_workshop(ids)),
                      style="card", sublabel=self.app.t("lock.on" if on else "lock.off"),
                      colour="success" if on else None, id=f"workshop:{workshop.number}")

    def tick_workshop(self, ids):
        """The lessons of one workshop ticked, and only them (the lock of the day)."""
        self.ticked = [] if self.ticked == ids else list(ids)
        self.layout(self.w, self.h)

    def tick(self, lesson):
        if lesson.id in self.ticked:
            self.ticked.remove(lesson.id)
        else:
            self.ticked.append(lesson.id)
        self.layout(self.w, self.h)

    def _set(self, value):
        self.app.store.set_device_setting("lock", value)
        self.app.refresh_lessons()
        self.app.nav.back()

    def lock_level(self):
        self._set({"level": self.level})

    def lock_lessons(self):
        if self.ticked:
            self._set({"lessons": list(self.ticked)})

    def unlock(self):
        self._set(None)

    def back(self):
        self.app.nav.back()


class StartScreen(LessonChoiceScreen):
    name = "facilitator_start"

    def __init__(self, app, learner_id: int):
        self.learner_id = learner_id
        self.learner = app.store.learner(learner_id)
        start = self.learner.settings.get("start")
        super().__init__(app, start.get("level") if isinstance(start, dict) else None)
        if isinstance(start, dict) and "lesson" in start:
            found = [l for l in self.lessons if l.id == start["lesson"]]
            if found:
                self.level = found[0].level
        if isinstance(start, dict) and "workshop" in start and WORKSHOPS in self.levels:
            self.level = WORKSHOPS
        self.layout(*app.size)

    def heading(self) -> str:
        return self.app.t("start.title", name=self.learner.name)

    @property
    def start(self):
        start = self.learner.settings.get("start")
        return start if isinstance(start, dict) else None

    def state_words(self):
        start = self.start
        if start and "lesson" in start:
            titles = {l.id: l.text("title", self.app.language) for l in self.lessons}
            return self.app.t("start.now.lesson", title=titles.get(start["lesson"], start["lesson"]))
        if start and "level" in start:
            return self.app.t("start.now.level", n=start["level"])
        if start and "workshop" in start:
            return self.app.t("start.now.workshop", n=start["workshop"])
        return self.app.t("start.now.usual")

    def action_buttons(self):
        buttons = []
        if self.level is not None and self.level != WORKSHOPS:
            buttons.append(Button(self.app.t("start.level", n=self.level), lambda: self._set({"level": self.level}),
                                  id="start_level",
                                  style="primary" if self.start == {"level": self.level} else "secondary"))
        buttons.append(Button(self.app.t("start.usual"), lambda: self._set(None), id="as_usual",
                              style="primary" if self.start is None else "secondary"))
        return buttons

    def card_for(self, lesson):
        on = bool(self.start and self.start.get("lesson") == lesson.id)
        return Button(lesson.text("title", self.app.language), (lambda l=lesson: self._set({"lesson": l.id})),
                      style="card", id=f"lesson:{lesson.id}",
                      sublabel=self.app.t("start.here") if on else self.app.t("common.level", n=lesson.level),
                      colour="success" if on else None)

    def workshop_card(self, workshop):
        on = bool(self.start and self.start.get("workshop") == workshop.number)
        return Button(self.app.t("start.workshop_card", n=workshop.number),
                      (lambda: self._set({"workshop": workshop.number})), style="card", id=f"workshop:{workshop.number}",
                      sublabel=self.app.t("start.here") if on else None, colour="success" if on else None)

    def _set(self, value):
        self.app.store.update_settings(self.learner_id, start=value)
        self.back()

    def back(self):
        self.app.nav.back()
