"""One lesson played step after step: the logic of the player, without a window.

A :class:`LessonRun` owns the order of the steps, where a lesson resumes,
the praise between steps (« Bravo ! » for a moment, or until a tap), the
context each step is played in, and what the instruction band says.  It is
fed normalized input (:mod:`trainer.input`) and the time, and answers with
plain *effects* that the player screen turns into sound, speech, text input
and writes to the progress store::

    run = LessonRun(lesson, StepSetup(area=(0, 100, 800, 500), unit=600), now=0.0)
    for effect in run.feed(inp.Click((400, 350), "left", False, 0.5)):
        ...  # PlayCue("hit"), Say("Cliquez…"), StepRecorded(0, result, last=False)…

It never touches pygame, the store or the screen, so resume, praise and
« Continuer » are tested in milliseconds (tests/test_lesson_run.py).

:func:`continue_choice` and :func:`next_lesson` say which lesson « Continuer »
and « Leçon suivante » open.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

from . import activities, i18n, key_words, keyboards
from . import input as inp
from .activities.base import Context, StepResult
from .activities.scene import estimate_width

PRAISE = ("player.praise.1", "player.praise.2", "player.praise.3", "player.praise.4", "player.praise.5")  # ids
PRAISE_SECONDS = 1.2  # « Bravo ! » stays this long, then the next step comes
TAP_AFTER = 0.4  # a tap during the praise goes on sooner, once this much has passed


# -- effects: what the run asks of the world -----------------------------------
@dataclass(frozen=True)
class PlayCue:
    """A sound: "hit", "miss", "done"."""

    name: str


@dataclass(frozen=True)
class Say:
    """Words to read aloud (for the learners who asked for the voice), with a
    voice of ``language``: the language they are written in."""

    text: str
    language: str = "fr"


@dataclass(frozen=True)
class StepStarted:
    """A step is on screen.  ``text_rect``: where typed text appears, when the
    step reads typed text (a tablet opens its keyboard, an input method shows
    its suggestions there); None otherwise."""

    index: int
    text_rect: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class StepRecorded:
    """A step is finished: write it now (``last``: the lesson is done with it)."""

    index: int
    result: StepResult
    last: bool


@dataclass(frozen=True)
class LessonFinished:
    """The praise of the last step is over: show the end of the lesson."""

    results: tuple[StepResult, ...]


@dataclass(frozen=True)
class KeyboardChosen:
    """The learner chose to draw the keyboard the keys they pressed fit: keep it for them."""

    layout: str


Effect = PlayCue | Say | StepStarted | StepRecorded | LessonFinished | KeyboardChosen


@dataclass
class StepSetup:
    """Where and for whom the steps are played (the player fills it from the
    screen and the learner's settings)."""

    area: tuple[float, float, float, float]  # the play area, pixels
    unit: float  # the screen height, pixels
    touch: bool = False  # the last gesture before the lesson was a finger's
    double_click_delay: float = 0.8
    keyboard_layout: str = "azerty"
    target_scale: float = 1.0
    measure: Callable[[str, int], float] = estimate_width  # text width at a size, as drawn (Context.measure)
    tr: i18n.Translator = field(default_factory=i18n.french)  # the interface's language (Context.tr)
    left_handed: bool = False  # the mouse's buttons are swapped (hints name the physical button)


@dataclass(frozen=True)
class Band:
    """What the instruction band says: the instruction, and at most one of the
    lesson's introduction (first step), « on reprend à l'étape n » (a resumed
    lesson) or the hint; and the short sentence after a miss (``note``)."""

    instruction: str
    intro: str | None = None
    resumed_at: int | None = None  # the step number (from 1) the lesson resumed at
    hint: str | None = None
    note: str | None = None  # a short kind sentence after a miss, for a few seconds (the hint waits meanwhile)


TYPED_STEP_KINDS = ("key", "letters", "type", "field")  # the keys typed during « Bravo ! » go to these


class LessonRun:
    def __init__(self, lesson, setup: StepSetup, now: float, start: int = 0, seed: int | None = None):
        self.lesson = lesson
        self.setup = setup
        self.rng = random.Random(seed)
        self.index = start if 0 <= start < len(lesson.steps) else 0  # a lesson left half done goes on
        self.resumed = self.index > 0
        self.results: list[StepResult] = []
        self.praise_until: float | None = None
        self.praise_text = ""
        self.finished = False  # the last step is recorded
        self._spoken_instruction: str | None = None
        self._spoken_hint = False
        self._spoken_note: str | None = None
        self._pending: list[Effect] = []
        self.last_touch = setup.touch  # the hand of the last gesture: the next step's wording follows it
        self._proposal: str | None = None  # another keyboard to draw, found by a keyboard step, not yet answered
        self.activity = self._start_step(now)

    # -- what the screen reads ------------------------------------------------
    @property
    def step(self):
        return self.lesson.steps[self.index]

    @property
    def step_count(self) -> int:
        return len(self.lesson.steps)

    @property
    def praising(self) -> bool:
        return self.praise_until is not None

    @property
    def language(self) -> str:
        """The interface's language: the lesson's texts are shown in it when it has them."""
        return self.setup.tr.language

    def keys_in(self, text: str | None) -> str | None:
        """A lesson text with its ``{touches:X}`` written for the keyboard in use
        (:mod:`trainer.key_words`): « AltGr + à » on AZERTY, « AltGr + é » in Belgium."""
        if not text or "{touches" not in text:
            return text
        a = self.activity
        layout = getattr(a, "layout", None) or keyboards.LAYOUTS.get(a.ctx.keyboard_layout, keyboards.LAYOUTS["azerty"])
        wanted = a.expected() if hasattr(a, "expected") else None
        current = wanted[1] if wanted and wanted[0] == "char" else None
        return key_words.fill(text, layout, self.setup.tr, a.ctx.touch, current)

    def band(self) -> Band:
        a = self.activity
        words = self.keys_in(a.phase_instruction(a.ctx.touch) or self.step.text("instruction", self.language,
                                                                                  a.ctx.touch))
        if a.note:  # for a few seconds, in the hint's place: one line besides the instruction
            return Band(words, note=a.note)
        if a.hint_visible and a.hint_text:
            return Band(words, hint=self.keys_in(a.hint_text))
        if self.resumed and a.successes == 0 and not self.results:
            return Band(words, resumed_at=self.index + 1)
        if self.index == 0 and a.successes == 0 and self.lesson.intro:
            return Band(words, intro=self.keys_in(self.lesson.text("intro", self.language, a.ctx.touch)))
        return Band(words)

    def captures_escape(self) -> bool:
        """True when the step itself asks for the Échap key (it does not leave the lesson then)."""
        return not self.praising and self.activity.captures_escape()

    def holding(self) -> bool:
        """Something is held by the learner (a photo being dragged)."""
        return getattr(self.activity, "grab", None) is not None

    def shown(self) -> tuple:
        """What the learner sees of the run's state, without the animations."""
        a = self.activity
        return (self.index, self.praising, a.successes, a.done, a.hint_visible, a.note)

    def animating(self, now: float) -> bool:
        return self.praising or self.activity.animating(now)

    # -- input and time -------------------------------------------------------
    def start(self) -> list[Effect]:
        """The effects of the first step coming on screen (call once, when shown)."""
        return self._drain()

    def feed(self, event) -> list[Effect]:
        """One normalized input event."""
        if isinstance(event, inp.POINTER_EVENTS):
            self.last_touch = event.touch
        elif isinstance(event, inp.Wheel):
            self.last_touch = False
        if self.praising:
            if isinstance(event, inp.Click) and event.time > self.praise_until - PRAISE_SECONDS + TAP_AFTER:
                self._next_step(event.time)  # a tap goes on sooner
            elif isinstance(event, (inp.KeyDown, inp.TextInput)) and self._typing_next() \
                    and event.time > self.praise_until - PRAISE_SECONDS:  # (not the text of the key that ended it)
                # typing on through « Bravo ! »: the next keyboard step starts at once and gets the key
                self._next_step(event.time)
                self.activity.feed(event)
                self._after_input(event.time)
            return self._drain()
        self.activity.feed(event)
        self._after_input(event.time)
        return self._drain()

    def _typing_next(self) -> bool:
        """The next step is typed on the keyboard (a key, letters, a text, a field)."""
        nxt = self.index + 1
        return nxt < self.step_count and self.lesson.steps[nxt].kind in TYPED_STEP_KINDS

    def tick(self, now: float) -> list[Effect]:
        """Time passes: the praise ends, a hint appears."""
        if self.praising:
            if now >= self.praise_until:
                self._next_step(now)
        else:
            self.activity.update(now)
            self._after_input(now)
        return self._drain()

    def relayout(self, area, unit: float) -> None:
        self.setup.area, self.setup.unit = area, unit
        self.activity.relayout(area, unit)

    # -- the steps ----------------------------------------------------------
    def _context(self, now: float, touch: bool) -> Context:
        s = self.setup
        return Context(area=s.area, unit=s.unit, now=now, touch=touch, rng=self.rng,
                       double_click_delay=s.double_click_delay, keyboard_layout=s.keyboard_layout,
                       target_scale=s.target_scale, measure=s.measure, tr=s.tr, left_handed=s.left_handed)

    def _start_step(self, now: float):
        step = self.step
        ctx = self._context(now, self.last_touch)
        language = self.language  # the step's own words in it (French where it has none)
        activity = activities.create(step.kind, step.settings_in(language), ctx, step.text("hint", language),
                                     step.text("hint", language, touch=True))
        self._spoken_instruction = None
        self._spoken_hint = False
        self._pending.append(StepStarted(self.index, activity.text_rect() if activity.wants_text() else None))
        self.activity = activity
        if self._proposal and hasattr(activity, "proposal"):
            activity.proposal = self._proposal
        self._speak()
        return activity

    def _after_input(self, now: float) -> None:
        self._speak()
        self._pending.extend(PlayCue(cue) for cue in self.activity.cues)
        self.activity.cues.clear()
        if self.activity.done and not self.praising:
            self._step_done(now)

    def _step_done(self, now: float) -> None:
        switched = getattr(self.activity, "switched_to", None)
        if switched:  # the learner chose the keyboard the keys showed: the next steps draw it
            self.setup.keyboard_layout = switched
            self._pending.append(KeyboardChosen(switched))
        self._proposal = getattr(self.activity, "proposal", None)  # not answered yet: asked again next step
        result = self.activity.result()
        self.results.append(result)
        last = self.index + 1 >= self.step_count
        self.finished = self.finished or last
        self._pending.append(StepRecorded(self.index, result, last))
        self.praise_text = self.setup.tr.t(self.rng.choice(PRAISE))
        self.praise_until = now + PRAISE_SECONDS

    def _next_step(self, now: float) -> None:
        self.praise_until = None
        if self.index + 1 >= self.step_count:
            self._pending.append(LessonFinished(tuple(self.results)))
            return
        self.index += 1
        self._start_step(now)

    def _speak(self) -> None:
        """The instruction when the step starts and each time it changes (an
        undo step's next phase); the hint once, when it appears."""
        if self.praising:
            return
        band = self.band()
        language_of = self.lesson.language_of  # a French text of the lesson with a French voice
        if band.instruction != self._spoken_instruction:
            self._spoken_instruction = band.instruction
            self._pending.append(Say(band.instruction, language_of(band.instruction, self.language)))
        a = self.activity
        new_note = bool(a.note) and a.note != self._spoken_note  # (the same again, still shown: once)
        self._spoken_note = a.note
        hint_now = a.hint_visible and a.hint_text and not self._spoken_hint
        if new_note and not a.hint_visible:  # (once the hint is read, the short sentences are only shown)
            self._pending.append(Say(a.note, self.language))
        if hint_now:
            self._spoken_hint = True
            self._pending.append(Say(a.hint_text, language_of(a.hint_text, self.language)))

    def _drain(self) -> list[Effect]:
        effects, self._pending = self._pending, []
        return effects


# -- which lesson next ------------------------------------------------------------
def continue_choice(lessons, states: dict[str, str], resume: dict[str, int], recent: list[str], proposed=()):
    """What « Continuer » opens: ``(lesson, step)``, or None when every lesson is done.

    The lesson left half way most recently (even one done before and started
    again), else the first lesson the path of the workshops proposes
    (``proposed``, :func:`trainer.path.next_step`: it may be one to play
    again), else the first lesson not done, in menu order.  ``lessons`` are
    the usable lessons in menu order; ``states`` lesson id -> "done" |
    "started"; ``resume`` lesson id -> the step it stopped at (0: from the
    start); ``recent`` the lesson ids opened, the most recent first."""
    usable = {lesson.id: lesson for lesson in lessons}
    for lesson_id in recent:
        if lesson_id in usable and resume.get(lesson_id, 0) > 0:
            return usable[lesson_id], resume[lesson_id]
    for lesson_id in proposed:
        if lesson_id in usable:
            return usable[lesson_id], resume.get(lesson_id, 0)
    for lesson in usable.values():
        if states.get(lesson.id) != "done":
            return lesson, resume.get(lesson.id, 0)
    return None


def next_lesson(lessons, current):
    """The lesson after ``current`` in menu order (« Leçon suivante »), or None."""
    ids = [lesson.id for lesson in lessons]
    if current.id in ids and ids.index(current.id) + 1 < len(ids):
        return lessons[ids.index(current.id) + 1]
    return None
