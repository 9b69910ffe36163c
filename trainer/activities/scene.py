"""What an activity asks to be drawn: a few plain shapes, no pygame.

Activities stay pure state machines; :mod:`trainer.ui.scene_view` draws these
shapes.  Coordinates are pixels of the window.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]  # x, y, width, height


@dataclass(frozen=True)
class Circle:
    """A round target."""

    center: tuple[float, float]
    radius: float
    label: str | None = None
    image: str | None = None  # absolute path, already checked by the validator
    state: str = "idle"  # idle | hover | hint | hit
    pulse: float = 0.0  # 0..1 while the target pulses after a miss


@dataclass(frozen=True)
class Box:
    """A card: a thing to drag, a place to drop it, a menu entry, a page row."""

    rect: Rect
    label: str | None = None
    image: str | None = None
    style: str = "item"  # item | zone | menu | row | picture (the image alone)
    state: str = "idle"  # idle | hover | held | hint | done
    pulse: float = 0.0


@dataclass(frozen=True)
class Ring:
    """A fading ring where a target was just hit (a small reward)."""

    center: tuple[float, float]
    radius: float
    fade: float  # 1 when new, 0 when gone


@dataclass(frozen=True)
class Clip:
    """Shapes shown through a window, with a scroll bar (a page to scroll)."""

    rect: Rect
    children: tuple = field(default_factory=tuple)
    bar: tuple[float, float] | None = None  # top and visible part, as fractions


@dataclass(frozen=True)
class Keyboard:
    """The drawn keyboard (:mod:`trainer.ui.keyboard_view`)."""

    rect: Rect
    layout: str
    lit: dict = field(default_factory=dict)  # key id -> "next" | "modifier" | "dead"
    flash: tuple | None = None  # (key id, right?) the key just pressed
    language: str = "fr"  # of the names written on the keys (« Entrée », « Enter »)


@dataclass(frozen=True)
class Label:
    """A line of text: ``size`` is a fraction of the screen height."""

    rect: Rect
    text: str
    size: float = 0.05
    style: str = "text"  # text | big | muted | hint | done
    align: str = "center"


@dataclass(frozen=True)
class Typing:
    """A text to copy: the part already typed, the next character marked."""

    rect: Rect
    text: str
    done: int  # characters typed so far
    size: float = 0.07


@dataclass(frozen=True)
class Field:
    """A text field, as on a web form: a label, the text, the caret."""

    rect: Rect
    label: str | None
    value: str
    caret: int
    state: str = "idle"  # idle | done | hint


@dataclass(frozen=True)
class ActionButton:
    """A big button drawn inside the exercise (« Annuler », « Rétablir »,
    « Effacer »), with its icon drawn as shapes."""

    rect: Rect
    label: str
    icon: str  # undo | redo | erase
    enabled: bool = True
    state: str = "idle"  # idle | hover | pressed | hint
    pulse: float = 0.0


@dataclass(frozen=True)
class EditText:
    """A line of text being edited: the caret, the selection, a part marked
    (the word the program is about to erase).  Drawn at ``px`` pixels from
    ``x0``, as the activity measured it (``Context.measure``)."""

    rect: Rect
    value: str
    caret: int
    selection: tuple[int, int] | None
    px: int
    x0: float
    state: str = "idle"  # idle | hint | done
    marked: tuple[int, int] | None = None


def estimate_width(text: str, px: int) -> float:
    """Width of ``text`` in pixels at ``px``: an estimate, for activities
    played without a window (the player gives the real measure:
    ``Context.measure``)."""
    return 0.55 * px * len(text)


def scroll_bar(rect: Rect, bar: tuple[float, float], unit: float) -> tuple[Rect, Rect]:
    """The drawn scroll bar of a :class:`Clip`: its track, right of ``rect``, and
    its thumb (``bar``: top and visible part, as fractions).  The same numbers
    draw it (:mod:`trainer.ui.scene_view`) and let the mouse drag it."""
    x, y, w, h = rect
    top, visible = bar
    track = (float(int(x + w) + int(unit * 0.015)), float(int(y)), float(int(unit * 0.025)), float(int(h)))
    thumb_h = max(track[2], int(visible * track[3]))
    thumb = (track[0], track[1] + int(top * track[3]), track[2], float(thumb_h))
    return track, thumb


def inside_rect(pos, rect: Rect) -> bool:
    x, y, w, h = rect
    return x <= pos[0] <= x + w and y <= pos[1] <= y + h
