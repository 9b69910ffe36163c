"""What every step kind shares: its context, its result, gentle mistakes.

An activity is a pure state machine.  It receives normalized input
(:mod:`trainer.input`) and the time, says what to draw (:mod:`.scene`) and
when it is done, and gives a :class:`StepResult`.  It never touches pygame,
so it is tested without a window.
"""
from __future__ import annotations

import dataclasses
import math
import random
import re
from dataclasses import dataclass, field
from typing import Callable

from .. import i18n
from .. import input as inp
from .details import StepDetails
from .scene import Circle, Ring, estimate_width
from .throughput import ThroughputMeter

PULSE_SECONDS = 0.9
RING_SECONDS = 0.5
IDLE_HINT_SECONDS = 20.0  # a hint appears after this long without progress
NOTE_SECONDS = 5.0  # a short sentence after a miss stays this long in the band


@dataclass
class Context:
    """Where and for whom a step is played."""

    area: tuple[float, float, float, float]  # the play area, pixels
    unit: float  # the screen height in pixels: lesson sizes are fractions of it
    now: float  # when the step starts
    touch: bool = False  # the learner is using a touch screen
    rng: random.Random = field(default_factory=random.Random)
    double_click_delay: float = 0.8
    keyboard_layout: str = "azerty"  # the keyboard drawn on screen
    target_scale: float = 1.0  # the learner's starting target size (0.75 small .. 1.35 big)
    # the width in pixels of a text at a font size, as it is drawn (the player gives
    # trainer.ui.scene_view.text_width): a caret or the word under a finger is placed
    # exactly where the text is; without a window, an estimate
    measure: Callable[[str, int], float] = estimate_width
    tr: i18n.Translator = field(default_factory=i18n.french)  # the interface's language
    left_handed: bool = False  # the mouse's buttons are swapped: the main one is on the right


_SIDES = re.compile(r"\b(gauche|droite?|left|right)\b", re.IGNORECASE)


def names_a_side(words: str) -> bool:
    """The text names a side (« bouton de droite », "left button"): wrong for a left-handed mouse."""
    return bool(_SIDES.search(words or ""))


def button_word(ctx: Context, main: bool, msg_id: str, **values) -> str:
    """The words naming the physical button that does the main click (``main``)
    or the right click, on this learner's mouse: ``msg_id``'s ``{side}`` is
    "left" or "right"."""
    left = main != ctx.left_handed
    return ctx.tr.t(msg_id.format(side="left" if left else "right"), **values)


def start_size(settings: dict, ctx: Context, default: float) -> float:
    """The lesson's starting target size, scaled for the learner (at most half the screen)."""
    return min(0.5, float(settings.get("size", default)) * ctx.target_scale)


@dataclass
class StepResult:
    kind: str
    duration: float
    misses: int
    hints: int
    target_size: float | None  # fraction of the screen height reached
    input: str  # mouse | touch | mixed | keyboard
    successes: int
    details: StepDetails = field(default_factory=StepDetails)  # the kind's own ``Details``


class Activity:
    """Base of every step kind.  Subclasses set ``KIND`` and ``HINTS``.

    Every text an activity shows comes from ``ctx.tr`` (the interface's
    language) or from the lesson (``hint``, ``settings``: already in the
    language of the lesson's texts, :meth:`trainer.lesson.Step.settings_in`)."""

    KIND = ""
    #: the kind's details (its module's ``Details``), recorded with the step
    DETAILS: type[StepDetails] = StepDetails
    #: message ids of the default hint, for the mouse and for touch, when the lesson gives none
    HINTS = ("", "")
    #: message id of the mouse hint for a left-handed mouse, when the kind's hint names a button
    SWAPPED_HINT = ""

    def __init__(self, settings: dict, ctx: Context, hint: str | None = None,
                 touch_hint: str | None = None):
        self.settings = settings
        self.ctx = ctx
        self.tr = ctx.tr
        self.area = ctx.area
        self.unit = ctx.unit
        self.started = ctx.now
        self.done = False
        self.misses = 0
        self.hints = 0
        self.successes = 0
        self.streak_misses = 0
        self.hint_after = int(settings.get("hint_after", 2))
        self.hint_visible = False
        # the lesson's touch hint is already reworded for touch (trainer.lesson.touch_text)
        mouse_hint = hint or self.tr.t(self.HINTS[0])
        if ctx.left_handed and self.SWAPPED_HINT and (not hint or names_a_side(hint)):
            # « le bouton de gauche » is her right-click button: the hint names the one she presses
            mouse_hint = self.tr.t(self.SWAPPED_HINT)
        self._hint_texts = (mouse_hint, touch_hint or self.tr.t(self.HINTS[1]))
        self.last_progress = ctx.now
        self.pulse_started: float | None = None
        self.ring: tuple[tuple[float, float], float, float] | None = None
        self.used: set[str] = set()
        self.cues: list[str] = []  # "hit", "miss", "done": the player plays sounds
        self.details = self.DETAILS()
        self.finished_at: float | None = None
        # a short sentence after a miss or a gesture that did nothing (« Presque ! … »),
        # shown in the band for NOTE_SECONDS, then the hint (if any) comes back
        self.note: str | None = None
        self.note_at = 0.0

    # -- to be provided by step kinds -------------------------------------
    def handle(self, event) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def captures_escape(self) -> bool:
        """True when the step asks for the Échap key (then it does not leave the lesson)."""
        return False

    def scene(self, now: float) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def current_size(self) -> float | None:
        return None

    def wants_text(self) -> bool:
        """True when the step reads typed text (the player starts text input)."""
        return False

    def text_rect(self) -> tuple[float, float, float, float]:
        """Where typed text appears (an input method shows its suggestions near it)."""
        return self.area

    def phase_instruction(self, touch: bool) -> str | None:
        """The instruction of the step's current phase, when it changes during
        the step (« Effacez le mot » then « Maintenant, annulez »); None: the
        lesson's instruction."""
        return None

    # -- shared behaviour ---------------------------------------------------
    def feed(self, event) -> None:
        """Give one input event to the activity (ignored once it is done)."""
        if self.done:
            return
        if isinstance(event, inp.POINTER_EVENTS) and not isinstance(event, inp.PointerMove):
            self.used.add("touch" if event.touch else "mouse")
            self.ctx.touch = event.touch
        elif isinstance(event, inp.Wheel):
            self.used.add("mouse")
            self.ctx.touch = False
        elif isinstance(event, (inp.KeyDown, inp.TextInput)):
            self.used.add("keyboard")
        self.handle(event)

    def update(self, now: float) -> None:
        """Time passes.  Shows a hint after a long time without progress."""
        if self.note is not None and now - self.note_at >= NOTE_SECONDS:
            self.note = None
        if not self.done and not self.hint_visible and now - self.last_progress >= IDLE_HINT_SECONDS:
            self.show_hint(now)

    def animating(self, now: float) -> bool:
        return (self.pulse_started is not None and now - self.pulse_started < PULSE_SECONDS) or \
            (self.ring is not None and now - self.ring[2] < RING_SECONDS)

    @property
    def hint_text(self) -> str:
        return self._hint_texts[1 if self.ctx.touch else 0]

    def show_hint(self, now: float) -> None:
        if not self.hint_visible:
            self.hint_visible = True
            self.hints += 1
        self.pulse_started = now

    def miss(self, now: float, note: str | None = None) -> None:
        """A gentle mistake: a soft cue, the target pulses, a short kind sentence
        (``note``, else :meth:`miss_note`), never a failure."""
        self.misses += 1
        self.streak_misses += 1
        self.pulse_started = now
        self.cues.append("miss")
        if self.streak_misses >= self.hint_after and not self.hint_visible:
            self.note = None  # the hint appears: it is the word this time (it says more)
        else:
            self.say(now, note if note is not None else self.miss_note())
        if self.streak_misses >= self.hint_after:
            self.show_hint(now)

    def miss_note(self) -> str | None:
        """What the band says after a miss (None: nothing, the kind shows its own feedback)."""
        return None

    def nudge(self, now: float, note: str | None) -> None:
        """A gesture that did nothing here (a slide, the wheel where nothing
        scrolls): the soft cue and a sentence that says what would work, not
        counted as a miss."""
        self.pulse_started = now
        self.cues.append("miss")
        self.say(now, note)

    def no_wheel(self, now: float) -> None:
        """The wheel turned where nothing scrolls: a kind word, once while it shows (not at every notch)."""
        note = self.tr.t("note.no_wheel")
        if self.note != note:
            self.nudge(now, note)
        self.note_at = now

    def say(self, now: float, note: str | None) -> None:
        if note:
            self.note, self.note_at = note, now

    def still(self, event) -> bool:
        """The hand only trembled between press and release (a click, not a slide)."""
        return not getattr(event, "moved", False)

    def word(self, msg_id: str, **values) -> str:
        """The message ``msg_id`` for the hand in use: its ``{hand}`` is "mouse" or "touch"."""
        return self.tr.t(msg_id.format(hand="touch" if self.ctx.touch else "mouse"), **values)

    def progress(self, now: float) -> None:
        """A step forward that is not yet a success (a menu opened...)."""
        self.note = None
        self.streak_misses = 0
        self.last_progress = now
        self.pulse_started = None
        self.hint_visible = False
        self.cues.append("hit")

    def success(self, now: float, where=None, radius: float = 0.0) -> None:
        self.successes += 1
        self.progress(now)
        if where is not None:
            self.ring = (where, radius, now)

    def finish(self, now: float) -> None:
        if not self.done:
            self.done = True
            self.finished_at = now
            self.cues.append("done")

    def pulse(self, now: float) -> float:
        if self.pulse_started is None:
            return 0.0
        age = now - self.pulse_started
        if age >= PULSE_SECONDS:
            return 0.0
        return math.sin(math.pi * age / PULSE_SECONDS)

    def ring_shape(self, now: float) -> list:
        if self.ring is None:
            return []
        (center, radius, t) = self.ring
        fade = 1.0 - (now - t) / RING_SECONDS
        return [Ring(center, radius, fade)] if fade > 0 else []

    def relayout(self, area, unit) -> None:
        """The window changed size: positions are kept as fractions."""
        self.area = area
        self.unit = unit

    def to_px(self, fx: float, fy: float) -> tuple[float, float]:
        x, y, w, h = self.area
        return (x + fx * w, y + fy * h)

    def input_used(self) -> str:
        pointer = self.used & {"mouse", "touch"}
        if len(pointer) == 2:
            return "mixed"
        if pointer:
            return pointer.pop()
        if "keyboard" in self.used:
            return "keyboard"
        return "touch" if self.ctx.touch else "mouse"

    def result(self) -> StepResult:
        end = self.finished_at if self.finished_at is not None else self.started
        size = self.current_size()
        return StepResult(self.KIND, max(0.0, end - self.started), self.misses, self.hints,
                          None if size is None else round(size, 4), self.input_used(),
                          self.successes, dataclasses.replace(self.details))


TARGET_FLOOR = 0.08  # a target's size never goes under this fraction of the screen height (44 px at 600)


class Sizer:
    """Targets start big, shrink after each success, grow after misses."""

    def __init__(self, start: float, minimum: float, shrink: float = 0.85,
                 grow: float = 1.2, misses_to_grow: int = 2):
        # never under TARGET_FLOOR (8 % of the height), whatever the lesson or the learner's setting says
        start = max(start, TARGET_FLOOR)
        self.start = start
        self.minimum = min(max(minimum, TARGET_FLOOR), start)
        self.size = start
        self.shrink = shrink
        self.grow = grow
        self.misses_to_grow = misses_to_grow
        self._misses = 0

    def on_success(self) -> None:
        self._misses = 0
        self.size = max(self.minimum, self.size * self.shrink)

    def on_miss(self) -> None:
        self._misses += 1
        if self._misses >= self.misses_to_grow:
            self._misses = 0
            self.size = min(self.start, self.size * self.grow)


@dataclass
class TargetDetails(StepDetails):
    """The details of a round target (click, double click, right click, hover)."""

    start_size: float | None = None  # the target's size at the start, a fraction of the screen height
    throughput: float | None = None  # bits per second, ISO 9241-9 (trainer/activities/throughput.py)


class TargetActivity(Activity):
    """Round targets shown one after the other: hover, click, double and right click.

    Subclasses decide which input hits the target (:meth:`handle`).
    """

    DETAILS = TargetDetails
    MEASURE_THROUGHPUT = True  # (not for hover: resting on the target is not a movement)

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.count = int(settings.get("count", 3))
        self.sizer = Sizer(start_size(settings, ctx, 0.15), float(settings.get("min_size", TARGET_FLOOR)))
        self.positions = [tuple(p) for p in settings.get("positions") or []]
        self.label = settings.get("label")
        self.image = settings.get("image")
        self.target = self._place(None)
        self.details.start_size = self.sizer.start
        self.hovering = False
        self.meter = ThroughputMeter()
        self.pointer = None  # where the pointer (or finger) was last seen

    # positions are fractions of the play area
    def _place(self, previous):
        if self.positions:
            return self.positions[self.successes % len(self.positions)]
        x, y, w, h = self.area
        r = self.sizer.size * self.unit / 2
        mx = min(0.45, (r + 0.02 * self.unit) / max(w, 1))
        my = min(0.45, (r + 0.02 * self.unit) / max(h, 1))
        best = None
        for _ in range(12):
            cand = (self.ctx.rng.uniform(mx, 1 - mx), self.ctx.rng.uniform(my, 1 - my))
            if previous is None:
                return cand
            d = math.hypot((cand[0] - previous[0]) * w, (cand[1] - previous[1]) * h)
            if best is None or d > best[0]:
                best = (d, cand)
            if d > 2.5 * r:
                return cand
        return best[1]

    def center(self) -> tuple[float, float]:
        return self.to_px(*self.target)

    def radius(self) -> float:
        return self.sizer.size * self.unit / 2

    def on_target(self, pos) -> bool:
        # a little forgiveness around the edge of the circle
        return inp.distance(pos, self.center()) <= self.radius() * 1.08

    def current_size(self) -> float:
        return self.sizer.size

    def hit(self, now) -> None:
        where, r = self.center(), self.radius()
        if self.MEASURE_THROUGHPUT:
            self.meter.reached(self.pointer or where, now, where, 2 * r)
            self.details.throughput = self.meter.value
        self.success(now, where, r)
        self.sizer.on_success()
        self.hovering = False
        if self.successes >= self.count:
            self.finish(now)
        else:
            self.target = self._place(self.target)

    def miss(self, now, note: str | None = None) -> None:
        super().miss(now, note)
        self.sizer.on_miss()

    def miss_note(self):
        return self.word("note.miss.target.{hand}")

    def off_target(self, event) -> None:
        """A click (or tap) that was not on the target: a miss, or a slide that
        did nothing, each with its own kind sentence."""
        pressed_on, released_on = self.on_target(event.pos), self.on_target(event.release)
        if pressed_on:  # slid off before letting go: nothing happened, nothing missed
            self.nudge(event.time, self.word("note.slid_off.{hand}"))
        elif released_on:  # pressed too early, on the way to the target
            self.miss(event.time, self.word("note.press_on.{hand}"))
        elif not self.still(event):  # a long slide elsewhere: nothing to drag here
            self.nudge(event.time, self.word("note.no_drag.{hand}"))
        else:
            self.miss(event.time)

    def target_state(self) -> str:
        if self.hint_visible:
            return "hint"
        return "hover" if self.hovering else "idle"

    def track_hover(self, event) -> None:
        if isinstance(event, inp.Wheel):
            self.no_wheel(event.time)
        if isinstance(event, (inp.PointerMove, inp.PointerDown)):
            self.pointer = event.pos
            self.meter.moved(event.pos, event.time)
            self.hovering = self.on_target(event.pos) and not event.touch

    def scene(self, now):
        shapes = self.ring_shape(now)
        if not self.done:
            shapes.append(Circle(self.center(), self.radius(), self.label, self.image,
                                 self.target_state(), self.pulse(now)))
        return shapes
