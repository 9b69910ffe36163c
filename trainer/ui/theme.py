"""Colours and sizes, as one :class:`Theme` object given to whatever draws.

Sizes are fractions of the screen height, never pixels.

Contrast (WCAG), normal palette: text on the background 17:1, white on the
primary blue 8.6:1, muted text 9.7:1: AAA for the instruction text.  High
contrast: white and yellow on black, every text pair at least 7:1 (AAA).
Both are checked in tests/test_settings.py.

A learner may have high-contrast colours and bigger text: the app holds the
current theme (``app.theme``, made by :func:`trainer.learner_settings.theme_of`
when a learner is chosen) and passes it down to every drawing call
(``screen.draw(surf, theme)``, ``button.draw(surf, unit, theme)``,
``scene_view.draw(surf, shapes, unit, theme)``...).  Nothing here changes at
run time: a colour or size read at import or at layout time would not
follow the learner, so code that draws reads ``theme.text`` from the theme
it is given, and code that lays out names a colour by its role
(``colour="success"``, resolved with :meth:`Theme.colour` when drawn).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from types import MappingProxyType

RGB = tuple  # (r, g, b) or (r, g, b, a)

# text sizes at the normal scale, as fractions of the screen height
BASE_SIZES = MappingProxyType({
    "instruction": 0.058,  # at least 4 % of the height (DESIGN.md)
    "title": 0.06,
    "button": 0.045,
    "body": 0.04,
    "small": 0.032,
})

MIN_TOUCH = 0.09  # a button is at least this tall (about 1 cm on a tablet)

NORMAL_PALETTE = MappingProxyType({
    "background": (250, 248, 242),
    "panel": (255, 255, 255),
    "text": (20, 20, 20),
    "muted": (66, 66, 66),
    "primary": (23, 74, 148),
    "primary_hover": (14, 52, 110),
    "on_primary": (255, 255, 255),
    "border": (120, 120, 120),
    "disabled": (215, 215, 215),
    "disabled_text": (54, 54, 54),  # 8.4:1 on disabled
    "success": (20, 90, 30),  # 7.9:1 on the page, 7:1 on success_light
    "success_light": (222, 240, 224),
    "hint": (180, 95, 0),  # a warm halo, never red: a mistake is not a failure; 4.3:1 on the page
    "hint_text": (120, 60, 0),
    "warning_bg": (255, 236, 179),
    "target": (22, 80, 155),  # white on it 7.9:1
    "target_hover": (20, 130, 210),
    "row": (236, 236, 232),
    "dim": (0, 0, 0, 150),  # the veil behind a question
    "secondary_hover": (228, 236, 248),  # a secondary button under the pointer
    "card_shadow": (205, 203, 196),
    "card_disabled": (236, 236, 236),
    # the exercise's shapes (trainer.ui.scene_view)
    "target_shadow": (200, 198, 190),
    "item_shadow": (190, 188, 180),
    "zone_hover": (210, 236, 212),
    "row_hover": (222, 230, 242),
    "selection": (178, 208, 247),  # selected text: dark text on it 11.6:1
    "marked": (255, 214, 153),  # the word about to be erased: 13.5:1
    # the drawn keyboard (trainer.ui.keyboard_view)
    "key_case": (204, 207, 214),
    "key": (255, 255, 255),
    "key_lip": (132, 136, 146),  # the side of a keycap, seen under it
    "key_border": (28, 28, 30),
    "key_held": (214, 216, 222),
    "modifier": (104, 46, 150),  # Shift/AltGr to hold: violet, white text 8.7:1
    "modifier_border": (70, 28, 105),
    "ok_border": (18, 75, 26),
    "wrong": (255, 214, 150),  # a wrong key: light warm orange, never red
    # the big pointer (trainer.ui.cursor)
    "cursor_fill": (0, 0, 0),
    "cursor_edge": (255, 255, 255),
})

# White and yellow on black: every text pair is at least 7:1 (WCAG AAA).
HIGH_CONTRAST_PALETTE = MappingProxyType({
    "background": (0, 0, 0),
    "panel": (0, 0, 0),
    "text": (255, 255, 255),
    "muted": (230, 230, 230),
    "primary": (255, 230, 0),
    "primary_hover": (255, 255, 140),
    "on_primary": (0, 0, 0),
    "border": (255, 255, 255),
    "disabled": (70, 70, 70),
    "disabled_text": (235, 235, 235),
    "success": (110, 255, 110),
    "success_light": (0, 70, 0),
    "hint": (255, 170, 0),
    "hint_text": (255, 200, 90),
    "warning_bg": (90, 60, 0),
    # a blue that stands out on black (8.7:1): lessons say « le rond bleu », and it stays blue
    "target": (100, 175, 255),
    "target_hover": (255, 255, 255),
    "row": (45, 45, 45),
    "dim": (0, 0, 0, 200),
    "secondary_hover": (60, 60, 0),
    "card_shadow": (90, 90, 90),
    "card_disabled": (40, 40, 40),
    "target_shadow": (90, 90, 90),
    "item_shadow": (90, 90, 90),
    "zone_hover": (0, 45, 0),
    "row_hover": (60, 60, 0),
    "selection": (0, 70, 160),  # white text on it 8.8:1
    "marked": (120, 70, 0),  # white text on it 7.9:1
    "key_case": (45, 45, 45),
    "key": (0, 0, 0),
    "key_lip": (150, 150, 150),
    "key_border": (255, 255, 255),
    "key_held": (70, 70, 70),
    "modifier": (200, 120, 255),  # black text on it 7.6:1
    "modifier_border": (255, 255, 255),
    "ok_border": (255, 255, 255),
    "wrong": (90, 60, 0),  # white text on it 10:1
    "cursor_fill": (255, 255, 255),  # the inverted arrow of high-contrast desktops
    "cursor_edge": (0, 0, 0),
})

PALETTES = MappingProxyType({"normal": NORMAL_PALETTE, "high_contrast": HIGH_CONTRAST_PALETTE})


@dataclass(frozen=True)
class Theme:
    """Everything a drawing needs to know about colours and text sizes.

    Colours are the palette's entries as attributes (``theme.text``,
    ``theme.primary``...); text sizes (``instruction``, ``title``,
    ``button``, ``body``, ``small``) are fractions of the screen height,
    already multiplied by the learner's ``scale``.  Make one with
    :meth:`normal`, :meth:`high_contrast`, :meth:`of`, or from a learner's
    settings with :func:`trainer.learner_settings.theme_of`; never changed
    once made (frozen)."""

    palette: str
    scale: float
    # colours
    background: RGB
    panel: RGB
    text: RGB
    muted: RGB
    primary: RGB
    primary_hover: RGB
    on_primary: RGB
    border: RGB
    disabled: RGB
    disabled_text: RGB
    success: RGB
    success_light: RGB
    hint: RGB
    hint_text: RGB
    warning_bg: RGB
    target: RGB
    target_hover: RGB
    row: RGB
    dim: RGB
    secondary_hover: RGB
    card_shadow: RGB
    card_disabled: RGB
    target_shadow: RGB
    item_shadow: RGB
    zone_hover: RGB
    row_hover: RGB
    selection: RGB
    marked: RGB
    key_case: RGB
    key: RGB
    key_lip: RGB
    key_border: RGB
    key_held: RGB
    modifier: RGB
    modifier_border: RGB
    ok_border: RGB
    wrong: RGB
    cursor_fill: RGB
    cursor_edge: RGB
    # text sizes, fractions of the screen height, scaled
    instruction: float
    title: float
    button: float
    body: float
    small: float

    @classmethod
    def of(cls, palette: str = "normal", scale: float = 1.0) -> "Theme":
        """The theme of a palette ("normal", "high_contrast"; anything else:
        normal) with every text size multiplied by ``scale``."""
        palette = palette if palette in PALETTES else "normal"
        scale = float(scale)
        return cls(palette=palette, scale=scale, **PALETTES[palette],
                   **{name: size * scale for name, size in BASE_SIZES.items()})

    @classmethod
    def normal(cls, scale: float = 1.0) -> "Theme":
        return cls.of("normal", scale)

    @classmethod
    def high_contrast(cls, scale: float = 1.0) -> "Theme":
        return cls.of("high_contrast", scale)

    def colour(self, value):
        """A colour given by its role (``"success"``: read from this theme)
        or as itself (an RGB tuple, a pygame.Color: a learner's own colour);
        None stays None."""
        return getattr(self, value) if isinstance(value, str) else value

    def colours(self) -> dict:
        """Every colour of the palette, by role."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in NORMAL_PALETTE}


def deepened(colour, ink=(255, 255, 255), ratio: float = 7.0):
    """``colour`` made darker, keeping its hue, until ``ink`` on it reaches
    ``ratio`` (a learner's own colour under the white initial: 7:1)."""
    r, g, b = (int(v) for v in tuple(colour)[:3])
    k = 1.0
    while contrast(ink, (r * k, g * k, b * k)) < ratio and k > 0.05:
        k -= 0.03
    return (int(r * k), int(g * k), int(b * k))


def contrast(a, b) -> float:
    """The WCAG contrast ratio of two colours."""
    def luminance(c):
        def channel(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b_ = (channel(v) for v in c[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
