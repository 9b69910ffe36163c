"""One small vocabulary of input for every screen and activity.

pygame gives mouse, touch (as emulated mouse events with ``touch=True``),
wheel, key and text events.  :class:`InputNormalizer` turns them into the
dataclasses below and adds the gestures that SDL does not know about: our own
double click (with a per-learner delay, beginners are slow) and the long press
that stands for the right click on a touch screen.

Everything is read from event attributes only (never ``mouse.get_pos()`` or
``key.get_pressed()``), so that scripted events in tests behave like real ones.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

Pos = tuple[float, float]

LEFT, MIDDLE, RIGHT = "left", "middle", "right"
_BUTTONS = {1: LEFT, 2: MIDDLE, 3: RIGHT}


@dataclass(frozen=True)
class PointerDown:
    pos: Pos
    button: str
    touch: bool
    time: float


@dataclass(frozen=True)
class PointerUp:
    pos: Pos
    button: str
    touch: bool
    time: float


@dataclass(frozen=True)
class PointerMove:
    pos: Pos
    touch: bool
    time: float
    held: bool  # the main button (or a finger) is down


@dataclass(frozen=True)
class Click:
    """A press and release of one button (or a finger), however the hand moved
    in between: a hand with a tremor slides while it clicks.

    ``pos`` is where the press was, ``end`` where the release was (None: the
    same place), ``travel`` the farthest the pointer went from ``pos`` while
    the button was down, ``moved`` whether that is more than a tremor (the
    normalizer's ``slop``).  Whoever receives it decides whether it counts: a
    control counts it when both ends are on it (:meth:`on`), a list that was
    dragged does not."""

    pos: Pos
    button: str
    touch: bool
    time: float
    end: Pos | None = None
    travel: float = 0.0
    moved: bool = False

    @property
    def release(self) -> Pos:
        return self.pos if self.end is None else self.end

    def on(self, contains) -> bool:
        """A click on the thing ``contains(pos)`` says: pressed on it, and released
        on it too (or after a mere tremor: a press at its edge that trembles out
        still counts)."""
        return bool(contains(self.pos)) and (not self.moved or bool(contains(self.release)))


@dataclass(frozen=True)
class DoubleClick:
    pos: Pos
    touch: bool
    time: float


@dataclass(frozen=True)
class LongPress:
    """A finger held still: the touch right click."""

    pos: Pos
    touch: bool
    time: float


@dataclass(frozen=True)
class Wheel:
    dy: float  # positive: the page goes down (the content moves up)
    pos: Pos
    time: float


@dataclass(frozen=True)
class KeyDown:
    key: int
    scancode: int
    mod: int
    time: float
    name: str | None = None  # our name of a special key: "enter", "backspace", "left"... (see KEY_NAMES)
    shift: bool = False
    ctrl: bool = False  # Ctrl or Cmd, but not AltGr (Windows sends AltGr as Left Ctrl + Right Alt)
    meta: bool = False  # Cmd (Mac) or the Windows key, also counted in ``ctrl``


@dataclass(frozen=True)
class KeyUp:
    """A key released (a held Retour arrière stops repeating)."""

    key: int
    scancode: int
    time: float
    name: str | None = None


@dataclass(frozen=True)
class TextInput:
    text: str
    time: float
    repeat: bool = False  # the OS repeats a held key: one character per press is kept


InputEvent = (
    PointerDown | PointerUp | PointerMove | Click | DoubleClick | LongPress | Wheel | KeyDown | KeyUp | TextInput
)

POINTER_EVENTS = (PointerDown, PointerUp, PointerMove, Click, DoubleClick, LongPress)


UNDO, REDO = "undo", "redo"
_K_Y, _K_Z = ord("y"), ord("z")  # SDL keycodes of letters are their ASCII codes (pygame.K_y, K_z)


def edit_shortcut(event) -> str | None:
    """UNDO for Ctrl+Z, REDO for Ctrl+Y and Ctrl+Shift+Z (Cmd on a Mac),
    else None.  The key code follows the layout: on AZERTY the key labelled
    Z sends K_z, wherever it is."""
    if not isinstance(event, KeyDown) or not event.ctrl:
        return None
    if event.key == _K_Z:
        return REDO if event.shift else UNDO
    if event.key == _K_Y:
        return REDO
    return None


def distance(a: Pos, b: Pos) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


class InputNormalizer:
    """Turns pygame events into :data:`InputEvent` values.

    ``double_click_delay`` is the longest time in seconds between the two
    presses of a double click; ``slop`` is how far (pixels) a press may wander
    and still be part of a double click or a long press.  A click has no such
    limit: press and release of the same button always give a :class:`Click`
    (with where it ended and how far it went), and the control under it
    decides.

    The wheel: pygame-ce adds MOUSEBUTTONDOWN/UP 4-7 to each MOUSEWHEEL that
    moves by a whole notch (pygame 1 compatibility, see trainer/pilot.py):
    only MOUSEWHEEL is read, so that a notch counts once, and its
    ``precise_y`` so that a touchpad's fractions of a notch count too (they
    come without buttons until they add up to a notch).
    """

    def __init__(self, double_click_delay: float = 0.8, slop: float = 30.0,
                 long_press_delay: float = 0.6, swap_buttons: bool = False):
        self.double_click_delay = double_click_delay
        self.slop = slop
        self.long_press_delay = long_press_delay
        self.swap_buttons = swap_buttons
        self.pointer_pos: Pos | None = None
        self.last_touch = False
        self._press: dict | None = None  # the current press of the main button
        self._key_since_text = True  # a key went down since the last typed text
        self._last_click: Click | None = None

    def reset(self) -> None:
        """Forget presses in progress (a new screen, focus lost)."""
        self._press = None
        self._last_click = None

    # -- pygame events -----------------------------------------------------
    def feed(self, event, now: float) -> list:
        import pygame  # (only to read SDL's events: the activities use this module without pygame)

        t = event.type
        if t == pygame.MOUSEMOTION:
            pos = _pos(event)
            touch = bool(getattr(event, "touch", False))
            self.pointer_pos = pos
            held = self._press is not None
            if self._press is not None:
                away = distance(pos, self._press["pos"])
                self._press["travel"] = max(self._press["travel"], away)
                if away > self.slop:
                    self._press["moved"] = True
            return [PointerMove(pos, touch, now, held)]
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            num = getattr(event, "button", 1)
            if num in (4, 5, 6, 7):  # pygame-ce's copy of a MOUSEWHEEL that follows: counted there
                return []
            button = _BUTTONS.get(num)
            if button is None:
                return []
            pos = _pos(event)
            touch = bool(getattr(event, "touch", False))
            if self.swap_buttons and button in (LEFT, RIGHT) and not touch:  # a finger has no sides
                button = RIGHT if button == LEFT else LEFT
            self.pointer_pos = pos
            self.last_touch = touch
            if t == pygame.MOUSEBUTTONDOWN:
                return self._down(pos, button, touch, now)
            return self._up(pos, button, touch, now)
        if t == pygame.MOUSEWHEEL:
            dy = -float(getattr(event, "precise_y", getattr(event, "y", 0)) or 0)
            if getattr(event, "flipped", False):
                dy = -dy
            if dy == 0 or not math.isfinite(dy):
                return []
            dy = max(-MAX_WHEEL, min(MAX_WHEEL, dy))  # a flick on a touchpad: a few rows at most
            pos = self.pointer_pos or (0.0, 0.0)
            return [Wheel(dy, pos, now)]
        if t == pygame.KEYDOWN:
            key, mod = getattr(event, "key", 0), getattr(event, "mod", 0)
            name = _key_names().get(key)
            if name not in _MODIFIERS:
                self._key_since_text = True
            ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META)) and not mod & pygame.KMOD_RALT
            return [KeyDown(key, getattr(event, "scancode", 0), mod, now, name,
                            bool(mod & pygame.KMOD_SHIFT), ctrl, bool(mod & pygame.KMOD_META))]
        if t == pygame.KEYUP:
            key = getattr(event, "key", 0)
            return [KeyUp(key, getattr(event, "scancode", 0), now, _key_names().get(key))]
        if t == pygame.TEXTINPUT:
            text = unicodedata.normalize("NFC", getattr(event, "text", "") or "")
            if not text:
                return []
            repeat = not self._key_since_text
            self._key_since_text = False
            return [TextInput(text, now, repeat)]
        return []

    def poll(self, now: float) -> list:
        """Gestures that happen because time passed: the long press."""
        p = self._press
        if self.waiting() and now - p["time"] >= self.long_press_delay:
            p["fired"] = True
            return [LongPress(p["pos"], p["touch"], now)]
        return []

    def waiting(self) -> bool:
        """True while a long press may still fire (the loop must keep ticking).

        Only a finger makes a long press: a mouse user who holds the button
        down a long time is still clicking (beginners often do)."""
        p = self._press
        return bool(p and p["touch"] and not p["fired"] and not p["moved"] and p["button"] == LEFT)

    # -- gestures ---------------------------------------------------------
    def _down(self, pos, button, touch, now):
        self._press = {"pos": pos, "button": button, "touch": touch, "time": now,
                       "moved": False, "fired": False, "travel": 0.0}
        return [PointerDown(pos, button, touch, now)]

    def _up(self, pos, button, touch, now):
        out: list = [PointerUp(pos, button, touch, now)]
        p = self._press
        self._press = None
        if p is None or p["button"] != button:
            return out
        if p["fired"]:  # the long press was the gesture
            self._last_click = None
            return out
        travel = max(p["travel"], distance(pos, p["pos"]))
        click = Click(p["pos"], button, touch, p["time"], pos, travel, travel > self.slop)
        out.append(click)
        if click.moved:  # a click all the same, but not half of a double click
            self._last_click = None
            return out
        last = self._last_click
        if (button == LEFT and last is not None and last.button == LEFT
                and click.time - last.time <= self.double_click_delay
                and distance(click.pos, last.pos) <= self.slop):
            out.append(DoubleClick(click.pos, touch, now))
            self._last_click = None
        else:
            self._last_click = click
        return out


MAX_WHEEL = 3.0  # notches one wheel event may scroll

_MODIFIERS = {"shift", "ctrl", "alt", "altgr", "caps_lock"}
_KEY_NAMES: dict[int, str] = {}


def _key_names() -> dict[int, str]:
    """pygame key codes -> our names of the special keys (built once)."""
    if not _KEY_NAMES:
        import pygame  # (only to read SDL's events: the activities use this module without pygame)

        _KEY_NAMES.update({
            pygame.K_RETURN: "enter", pygame.K_KP_ENTER: "enter", pygame.K_SPACE: "space",
            pygame.K_BACKSPACE: "backspace", pygame.K_DELETE: "delete", pygame.K_TAB: "tab",
            pygame.K_LEFT: "left", pygame.K_RIGHT: "right", pygame.K_UP: "up", pygame.K_DOWN: "down",
            pygame.K_HOME: "home", pygame.K_END: "end", pygame.K_ESCAPE: "escape",
            pygame.K_LSHIFT: "shift", pygame.K_RSHIFT: "shift", pygame.K_CAPSLOCK: "caps_lock",
            pygame.K_LCTRL: "ctrl", pygame.K_RCTRL: "ctrl", pygame.K_LALT: "alt", pygame.K_RALT: "altgr",
            pygame.K_MODE: "altgr", pygame.K_LMETA: "ctrl", pygame.K_RMETA: "ctrl",
        })
    return _KEY_NAMES


def _pos(event) -> Pos:
    x, y = getattr(event, "pos", (0, 0))
    return (float(x), float(y))
