"""The lesson player: one instruction at a time, the way back always visible.

It plays the lesson's steps one after the other.  Each step is an activity
(a pure state machine) fed with normalized input; when a step ends, its
result is written to the progress store at once, in its own transaction.
"""
from __future__ import annotations

import random

import pygame

from .. import activities, learner_settings
from .. import input as inp
from ..activities.base import Context
from ..ui import scene_view, text, theme
from .base import Screen

PRAISE = ["Bravo !", "Très bien !", "C'est réussi !", "Parfait !", "Bien joué !"]
PRAISE_SECONDS = 1.2


class PlayerScreen(Screen):
    name = "player"

    def __init__(self, app, lesson, learner, seed: int | None = None, start: int = 0):
        super().__init__(app)
        self.lesson = lesson
        self.learner = learner
        self.rng = random.Random(seed)
        # a lesson left half done goes on where it stopped
        self.index = start if 0 <= start < len(lesson.steps) else 0
        self.resumed = self.index > 0
        self.results = []
        self.praise_until: float | None = None
        self.praise_text = ""
        self.attempt_id = app.store.start_attempt(app.session_id, learner.id, lesson.id, lesson.title,
                                                  len(lesson.steps), first_step=self.index)
        self.layout(*app.size)
        self.activity = self._start_step(app.now())

    # -- layout -------------------------------------------------------------
    def layout(self, w, h):
        super().layout(w, h)
        back = self.back_button()
        self.buttons = [back]
        self.band = pygame.Rect(int(w * 0.04), self.top_bar_height(), int(w * 0.92), int(h * 0.25))
        bottom = h - int(h * 0.03)
        self.area = (int(w * 0.04), self.band.bottom + int(h * 0.02), int(w * 0.92),
                     bottom - self.band.bottom - int(h * 0.02))
        if getattr(self, "activity", None) is not None:
            self.activity.relayout(self.area, float(h))

    # -- steps -------------------------------------------------------------
    @property
    def step(self):
        return self.lesson.steps[self.index]

    def _start_step(self, now):
        step = self.step
        ctx = Context(area=self.area, unit=float(self.h), now=now, touch=self.app.normalizer.last_touch,
                      rng=self.rng, double_click_delay=self.app.double_click_delay(self.learner),
                      keyboard_layout=str(self.learner.settings.get("keyboard_layout", self.app.keyboard_layout)),
                      target_scale=learner_settings.target_scale(self.learner.settings))
        activity = activities.create(step.kind, step.settings, ctx, step.hint, step.touch_hint)
        if activity.wants_text():
            # typed text arrives as text input; a tablet's own keyboard opens for it,
            # and an input method shows its suggestions near the text
            pygame.key.start_text_input()
            pygame.key.set_text_input_rect(pygame.Rect([int(v) for v in activity.text_rect()]))
        self.spoken_hint = False
        self.spoken_instruction = None  # read aloud by _speak() as soon as the step is on screen
        return activity

    def _step_done(self, now):
        result = self.activity.result()
        self.results.append(result)
        self.app.store.record_step(self.attempt_id, self.index, result)
        if self.index + 1 >= len(self.lesson.steps):  # the lesson is done now, not after « Bravo ! »
            self.app.store.finish_attempt(self.attempt_id, "done")
        self.praise_text = self.rng.choice(PRAISE)
        self.praise_until = now + PRAISE_SECONDS

    def _next_step(self, now):
        self.praise_until = None
        if self.index + 1 >= len(self.lesson.steps):
            self.app.lesson_finished(self.lesson, self.learner, self.results)
            return
        self.index += 1
        self.activity = self._start_step(now)

    # -- input and time ------------------------------------------------------
    def handle(self, event):
        if isinstance(event, inp.KeyDown) and event.key in (pygame.K_ESCAPE, pygame.K_AC_BACK) \
                and not (self.praise_until is None and self.activity.captures_escape()):
            self.back()
            return
        for button in self.buttons:
            if button.handle(event) and isinstance(event, inp.Click):
                return
            if isinstance(event, (inp.PointerDown, inp.Click, inp.DoubleClick, inp.LongPress, inp.PointerUp)) \
                    and button.rect.collidepoint(event.pos) and not self._holding():
                return  # a press on « Retour » is not a miss in the exercise
        if self.praise_until is not None:
            if isinstance(event, inp.Click) and self.app.now() > self.praise_until - PRAISE_SECONDS + 0.4:
                self._next_step(self.app.now())  # a tap goes on sooner
            return
        self.activity.feed(event)
        self._after_input(event.time)

    def _holding(self) -> bool:
        return getattr(self.activity, "grab", None) is not None

    def _speak(self):
        """Read aloud (only for learners who asked for it) the instruction when the
        step starts and each time it changes (an undo step's next phase), and
        the hint once, when it appears."""
        if self.praise_until is not None:
            return
        a = self.activity
        words = self._band_texts()[1]
        language = self.app.speech.language  # the interface's: its own words, the lesson's translations
        if words != self.spoken_instruction:
            self.spoken_instruction = words
            self.app.speech.say(words, self.lesson.language_of(words, language))
        if a.hint_visible and a.hint_text and not self.spoken_hint:
            self.spoken_hint = True
            self.app.speech.say(a.hint_text, self.lesson.language_of(a.hint_text, language))

    def _after_input(self, now):
        self._speak()
        for cue in self.activity.cues:
            self.app.sounds.play(cue)
        self.activity.cues.clear()
        if self.activity.done and self.praise_until is None:
            self._step_done(now)

    def update(self, now) -> bool:
        """Time passes: the praise ends, a hint appears.  True when the
        screen must be drawn again."""
        before = self._shown()
        if self.praise_until is not None:
            if now >= self.praise_until:
                self._next_step(now)
        else:
            self.activity.update(now)
            self._after_input(now)
        return self._shown() != before

    def _shown(self):
        """What the learner sees of the lesson's state, without the animations."""
        a = self.activity
        return (self.index, self.praise_until is None, a.successes, a.done, a.hint_visible)

    def animating(self, now):
        return self.praise_until is not None or self.activity.animating(now)

    def back(self):
        self.app.confirm("Arrêter cette leçon ?", self.leave,
                         detail="Ce que vous avez déjà réussi est gardé. Vous pourrez la reprendre plus tard.")

    def leave(self):
        self.app.store.finish_attempt(self.attempt_id, "left")
        self.app.open_lessons(self.lesson.level)

    # -- drawing -----------------------------------------------------------
    def draw_content(self, surf):
        now = self.app.now()
        h, w = self.h, self.w
        # top bar: the lesson's title and where we are
        total = len(self.lesson.steps)
        counter = text.render(f"Étape {self.index + 1} sur {total}", int(h * theme.SMALL * 1.1), theme.MUTED,
                              bold=True)
        surf.blit(counter, counter.get_rect(topright=(w - int(h * 0.03), int(h * 0.025))))
        dot_r = int(h * 0.011)
        counter_bottom = int(h * 0.025) + counter.get_height()
        x = w - int(h * 0.03) - (total * 3 - 1) * dot_r
        for i in range(total):
            colour = theme.SUCCESS if i < self.index or (i == self.index and self.praise_until) else (
                theme.PRIMARY if i == self.index else theme.DISABLED)
            # (below the counter, however big the learner's text is)
            pygame.draw.circle(surf, colour, (x + dot_r, max(int(h * 0.09), counter_bottom + 2 * dot_r)), dot_r)
            x += 3 * dot_r
        left = self.back_button_rect().right + int(h * 0.03)
        title_w = w - left - max(counter.get_width(), total * 3 * dot_r) - int(h * 0.08)
        title = text.fit(self.lesson.title, h * theme.BODY, theme.MUTED, title_w, int(h * 0.09), bold=True)
        surf.blit(title, title.get_rect(midleft=(left, self.top_bar_height() // 2)))
        # the instruction band
        band = self.band
        pygame.draw.rect(surf, theme.PANEL, band, border_radius=int(h * 0.02))
        if self.praise_until is not None:
            praise = text.render(self.praise_text, int(h * theme.INSTRUCTION * 1.2), theme.SUCCESS, bold=True)
            text.blit_center(surf, praise, band)
        else:
            self._draw_instruction(surf, band)
        # the exercise
        scene = list(self.activity.scene(now))
        scene_view.draw(surf, scene, float(h))
        self._drawn = (self._still(), scene)

    def _still(self):
        """Everything drawn outside the exercise's shapes: when it is the same as
        in the last full drawing, only the shapes that changed are drawn again."""
        return (self.w, self.h, self.index, self.praise_until is None, self.praise_text, self._band_texts(),
                tuple((b.label, b.hover, b.pressed, b.enabled) for b in self.buttons),
                self.app.store.warning, self.app.notice)

    def draw_changes(self, surf) -> list | None:
        """Draw only what changed in the exercise since the last frame: the
        rectangles to send to the screen, or None when everything must be drawn
        (a moving photo sends two small rectangles instead of the whole screen)."""
        drawn = getattr(self, "_drawn", None)
        if drawn is None or drawn[0] != self._still() or self.app.store.warning or self.app.notice:
            return None
        scene = list(self.activity.scene(self.app.now()))
        rects = scene_view.changes(drawn[1], scene, float(self.h))
        if rects is None:
            return None
        below_band = pygame.Rect(0, self.band.bottom, self.w, self.h - self.band.bottom)
        if any(r.top < below_band.top for r in rects):
            return None  # something reaches the instruction band or the top bar: draw everything
        rects = [r.clip(below_band) for r in rects]
        rects = [r for r in rects if r.w and r.h]
        for rect in rects:
            surf.set_clip(rect)
            surf.fill(theme.BACKGROUND, rect)
            scene_view.draw(surf, scene, float(self.h))
        surf.set_clip(None)
        self._drawn = (self._still(), scene)
        return rects

    def _band_texts(self) -> tuple[str | None, str, str | None]:
        """What the band says: (a line above, the instruction, a hint below).
        The hint, when shown, takes the place of the line above."""
        a = self.activity
        words = a.phase_instruction(a.ctx.touch) or self.step.instruction_for(a.ctx.touch)
        if a.hint_visible and a.hint_text:
            return None, words, "Astuce : " + a.hint_text
        if self.resumed and a.successes == 0 and not self.results:
            return f"On reprend à l'étape {self.index + 1}, là où la leçon s'était arrêtée.", words, None
        if self.index == 0 and a.successes == 0 and self.lesson.intro:
            return self.lesson.intro_for(a.ctx.touch), words, None
        return None, words, None

    def _draw_instruction(self, surf, band):
        """The instruction is the biggest text; the introduction (first step
        only) and the hint share what is left of the band."""
        h = self.h
        width = int(band.w * 0.94)
        above_text, words, below_text = self._band_texts()
        above = below = None
        if below_text:
            below = text.fit(below_text, h * theme.BODY, theme.HINT_TEXT, width, int(band.h * 0.45), bold=True)
        elif above_text:
            above = text.fit(above_text, h * theme.BODY, theme.MUTED, width, int(band.h * 0.45))
        room = int(band.h * 0.94) - sum(s.get_height() for s in (above, below) if s)
        self.instruction_px = text.fitted_size(words, h * theme.INSTRUCTION, width, room, True, theme.TEXT)
        instruction = text.render(words, self.instruction_px, theme.TEXT, True, width)
        parts = [s for s in (above, instruction, below) if s]
        y = band.centery - sum(s.get_height() for s in parts) // 2
        for part in parts:
            surf.blit(part, part.get_rect(midtop=(band.centerx, y)))
            y += part.get_height()
