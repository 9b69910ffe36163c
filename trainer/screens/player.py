"""The lesson player: one instruction at a time, the way back always visible.

The lesson's logic is a :class:`trainer.lesson_run.LessonRun` (no pygame):
this screen lays out the band and the play area, gives the run the input
that is not for « Retour », turns the run's effects into sound, speech, text
input and the progress store (each finished step written at once), and draws.
"""
from __future__ import annotations

import pygame

from .. import input as inp
from .. import learner_settings
from ..lesson_run import KeyboardChosen, LessonFinished, LessonRun, PlayCue, Say, StepRecorded, StepSetup, StepStarted
from ..ui import scene_view, text
from .base import Screen


class PlayerScreen(Screen):
    name = "player"

    def __init__(self, app, lesson, learner, seed: int | None = None, start: int = 0):
        super().__init__(app)
        self.lesson = lesson
        self.learner = learner
        self.layout(*app.size)
        setup = StepSetup(area=self.area, unit=float(self.h), touch=app.normalizer.last_touch,
                          double_click_delay=app.double_click_delay(learner),
                          keyboard_layout=str(learner.settings.get("keyboard_layout", app.keyboard_layout)),
                          target_scale=learner_settings.target_scale(learner.settings),
                          measure=scene_view.text_width, tr=app.translator,
                          left_handed=bool(learner_settings.value_of(learner.settings, "left_handed")))
        self.run = LessonRun(lesson, setup, app.now(), start=start, seed=seed)
        self.attempt_id = app.store.start_attempt(app.session_id, learner.id, lesson.id, lesson.title,
                                                  len(lesson.steps), first_step=self.run.index)
        self._apply(self.run.start())

    # -- what tests and the drawing read of the run ---------------------------
    @property
    def index(self) -> int:
        return self.run.index

    @property
    def activity(self):
        return self.run.activity

    @property
    def step(self):
        return self.run.step

    @property
    def results(self) -> list:
        return self.run.results

    @property
    def praise_until(self) -> float | None:
        return self.run.praise_until

    # -- layout -------------------------------------------------------------
    def layout(self, w, h):
        super().layout(w, h)
        back = self.back_button()
        self.buttons = [back]
        self.band = pygame.Rect(int(w * 0.04), self.top_bar_height(), int(w * 0.92), self._band_height())
        bottom = self.bottom - int(h * 0.02)
        # (the exercise as wide as the window, less a small margin: the drawn keyboard uses it all)
        self.area = (int(w * 0.015), self.band.bottom + int(h * 0.015), w - 2 * int(w * 0.015),
                     bottom - self.band.bottom - int(h * 0.015))
        if getattr(self, "run", None) is not None:
            self.run.relayout(self.area, float(h))

    def banner_box(self):
        """In a step with a drawn keyboard, every row below the instruction is the
        keyboard's: the banner goes in the top bar, between « Retour » and the step
        counter, in place of the lesson's title (when that leaves it room)."""
        activity = getattr(getattr(self, "run", None), "activity", None)
        if getattr(activity, "show_keyboard", False):
            h = self.h
            left = self.back_button_rect().right + int(h * 0.03)
            right = self.w - int(h * 0.06) - self._counter_width()
            m = int(h * 0.02)
            if right - left >= self.w * 0.3:
                return pygame.Rect(left, m // 2, right - left, self.top_bar_height() - m), False
            # (upright: along the bottom, its words smaller sooner, the keyboard keeps its keys)
            most = int(h * 0.06)
            return pygame.Rect(0, h - most, self.w, most), True
        return super().banner_box()

    def _counter_width(self) -> int:
        """How wide the step counter and its dots are, top right."""
        theme = self.app.theme
        total = len(self.lesson.steps)
        room = self.w - self.back_button_rect().right - int(self.h * 0.06)
        px = text.fitted_size(self.app.t("player.step", i=self.index + 1, n=total), int(self.h * theme.small * 1.1),
                              room, int(self.h * 0.09), True)
        words = self.app.t("player.step", i=self.index + 1, n=total)
        return max(text.font(px, True).size(words)[0], total * 3 * int(self.h * 0.011))

    def _band_height(self) -> int:
        """The instruction band: a little lower above a drawn keyboard (its keys need the room)."""
        activity = getattr(getattr(self, "run", None), "activity", None)
        return int(self.h * (0.165 if getattr(activity, "show_keyboard", False) else 0.25))

    # -- the run's effects ------------------------------------------------------
    def _apply(self, effects) -> None:
        app = self.app
        for effect in effects:
            if isinstance(effect, PlayCue):
                app.sounds.play(effect.name)
            elif isinstance(effect, Say):
                app.speech.say(effect.text, effect.language)
            elif isinstance(effect, StepRecorded):
                # the last step also marks the lesson done, in the same transaction (not after « Bravo ! »)
                app.store.record_step(self.attempt_id, effect.index, effect.result)
            elif isinstance(effect, StepStarted) and self.band.h != self._band_height():
                self.layout(self.w, self.h)  # a step with a keyboard after one without, or the reverse
                self._apply([effect])
            elif isinstance(effect, StepStarted) and effect.text_rect is not None:
                # typed text arrives as text input; a tablet's own keyboard opens for it,
                # and an input method shows its suggestions near the text
                pygame.key.start_text_input()
                pygame.key.set_text_input_rect(pygame.Rect([int(v) for v in effect.text_rect]))
            elif isinstance(effect, KeyboardChosen) and not self.learner.is_guest:
                # the keyboard the keys showed, chosen by the learner: theirs from now on (the facilitator
                # can change it back in their settings)
                self.learner = app.store.update_settings(self.learner.id, keyboard_layout=effect.layout) or self.learner
                if app.learner is not None and app.learner.id == self.learner.id:
                    app.learner = self.learner
            elif isinstance(effect, LessonFinished):
                app.nav.lesson_finished(self.lesson, self.learner, list(effect.results))

    # -- input and time ------------------------------------------------------
    def handle(self, event):
        if isinstance(event, inp.KeyDown) and event.key in (pygame.K_ESCAPE, pygame.K_AC_BACK) \
                and not self.run.captures_escape():
            self.back()
            return
        for button in self.buttons:
            if button.handle(event) and isinstance(event, inp.Click):
                return
            if isinstance(event, (inp.PointerDown, inp.Click, inp.DoubleClick, inp.LongPress, inp.PointerUp)) \
                    and button.rect.collidepoint(event.pos) and not self.run.holding():
                return  # a press on « Retour » is not a miss in the exercise
        self._apply(self.run.feed(event))

    def update(self, now) -> bool:
        """Time passes: the praise ends, a hint appears.  True when the
        screen must be drawn again."""
        before = self.run.shown()
        self._apply(self.run.tick(now))
        return self.run.shown() != before

    def animating(self, now):
        return self.run.animating(now)

    def back(self):
        self.app.confirm(self.app.t("player.stop"), self.stop, detail=self.app.t("player.stop.detail"), id="stop_lesson")

    def stop(self):
        """« Oui » to « Arrêter cette leçon ? »: back to the lessons of its level."""
        self.app.nav.lessons(self.lesson.level)

    def leave(self):
        """Whatever takes the learner away (« Arrêter », quitting, a problem): a
        lesson not finished is recorded as left (a finished one stays done)."""
        if not self.run.finished:
            self.app.store.finish_attempt(self.attempt_id, "left")

    # -- drawing -----------------------------------------------------------
    def draw_content(self, surf, theme):
        now = self.app.now()
        h, w = self.h, self.w
        # top bar: the lesson's title and where we are
        total = len(self.lesson.steps)
        # (as big as the learner's text, in what the top bar leaves right of « Retour »)
        room = w - self.back_button_rect().right - int(h * 0.06)
        counter = text.fit(self.app.t("player.step", i=self.index + 1, n=total), int(h * theme.small * 1.1),
                           theme.muted, room, int(h * 0.09), bold=True, align="right")
        surf.blit(counter, counter.get_rect(topright=(w - int(h * 0.03), int(h * 0.025))))
        dot_r = int(h * 0.011)
        counter_bottom = int(h * 0.025) + counter.get_height()
        x = w - int(h * 0.03) - (total * 3 - 1) * dot_r
        for i in range(total):
            colour = theme.success if i < self.index or (i == self.index and self.run.praising) else (
                theme.primary if i == self.index else theme.disabled)
            # (below the counter, however big the learner's text is)
            pygame.draw.circle(surf, colour, (x + dot_r, max(int(h * 0.09), counter_bottom + 2 * dot_r)), dot_r)
            x += 3 * dot_r
        left = self.back_button_rect().right + int(h * 0.03)
        title_w = w - left - max(counter.get_bounding_rect().w, total * 3 * dot_r) - int(h * 0.08)
        words = self.lesson.text("title", self.app.language)
        px = text.fitted_size(words, h * theme.body, title_w, int(h * 0.09), True)
        banner = self.banner()
        if banner is not None and not banner[2]:
            pass  # the banner is in the top bar, where the title goes
        elif title_w > 0 and px >= max(14, 0.022 * min(w, h)):  # no room (portrait): the counter says enough
            title = text.render(words, px, theme.muted, True, title_w)
            surf.blit(title, title.get_rect(midleft=(left, self.top_bar_height() // 2)))
        # the instruction band
        band = self.band
        pygame.draw.rect(surf, theme.panel, band, border_radius=int(h * 0.02))
        if self.run.praising:
            praise = text.render(self.run.praise_text, int(h * theme.instruction * 1.2), theme.success, bold=True)
            text.blit_center(surf, praise, band)
        else:
            self._draw_instruction(surf, band, theme)
        # the exercise
        scene = list(self.activity.scene(now))
        scene_view.draw(surf, scene, float(h), theme)
        self._drawn = (self._still(theme), scene)

    def _still(self, theme):
        """Everything drawn outside the exercise's shapes: when it is the same as
        in the last full drawing, only the shapes that changed are drawn again."""
        return (theme, self.w, self.h, self.index, self.run.praising, self.run.praise_text, self._band_texts(),
                tuple((b.label, b.hover, b.pressed, b.enabled) for b in self.buttons),
                self.app.store.warning, self.app.notice)

    def draw_changes(self, surf, theme) -> list | None:
        """Draw only what changed in the exercise since the last frame: the
        rectangles to send to the screen, or None when everything must be drawn
        (a moving photo sends two small rectangles instead of the whole screen)."""
        drawn = getattr(self, "_drawn", None)
        if drawn is None or drawn[0] != self._still(theme) or self.app.store.warning or self.app.notice:
            return None
        scene = list(self.activity.scene(self.app.now()))
        rects = scene_view.changes(drawn[1], scene, float(self.h), theme)
        if rects is None:
            return None
        below_band = pygame.Rect(0, self.band.bottom, self.w, self.bottom - self.band.bottom)
        if any(r.top < below_band.top for r in rects):
            return None  # something reaches the instruction band or the top bar: draw everything
        rects = [r.clip(below_band) for r in rects]
        rects = [r for r in rects if r.w and r.h]
        for rect in rects:
            surf.set_clip(rect)
            surf.fill(theme.background, rect)
            scene_view.draw(surf, scene, float(self.h), theme)
        surf.set_clip(None)
        self._drawn = (self._still(theme), scene)
        return rects

    def _band_texts(self) -> tuple[str | None, str, str | None]:
        """What the band shows: (a line above, the instruction, a hint below).
        The short sentence after a miss (« Presque ! … ») goes above, for a few seconds."""
        band = self.run.band()
        if band.note:
            return band.note, band.instruction, None
        if band.hint:
            return None, band.instruction, self.app.t("player.tip", hint=band.hint)
        if band.resumed_at is not None:
            return self.app.t("player.resumed", n=band.resumed_at), band.instruction, None
        return band.intro, band.instruction, None

    def _draw_instruction(self, surf, band, theme):
        """The instruction is the biggest text; the introduction (first step
        only) and the hint share what is left of the band."""
        h = self.h
        width = int(band.w * 0.94)
        above_text, words, below_text = self._band_texts()
        # the instruction first: at least 4 % of the height (DESIGN.md); the
        # introduction or the hint gets what is left, down to a fifth of the band
        note = above_text is not None and above_text == self.run.band().note  # the sentence after a miss
        for share in (0.45, 0.35, 0.25, 0.2):
            above = below = None
            if below_text:
                below = text.fit(below_text, h * theme.body, theme.hint_text, width, int(band.h * share), bold=True)
            elif above_text:
                # the sentence after a miss is in the hint's colour; the introduction is quieter
                above = text.fit(above_text, h * theme.body, theme.hint_text if note else theme.muted, width,
                                 int(band.h * share), bold=note)
            room = int(band.h * 0.94) - sum(s.get_height() for s in (above, below) if s)
            self.instruction_px = text.fitted_size(words, h * theme.instruction, width, room, True, theme.text)
            if self.instruction_px >= 0.04 * h:
                break
        instruction = text.render(words, self.instruction_px, theme.text, True, width)
        parts = [s for s in (above, instruction, below) if s]
        y = band.centery - sum(s.get_height() for s in parts) // 2
        for part in parts:
            surf.blit(part, part.get_rect(midtop=(band.centerx, y)))
            y += part.get_height()
