"""Colours and sizes.  Sizes are fractions of the screen height, never pixels.

Contrast (WCAG): text on the background 17:1, white on the primary blue
8.6:1, muted text 9.7:1: AAA for the instruction text.

A learner may have high-contrast colours and bigger text
(:func:`use`): the module's names are switched at run time, and every
screen reads them when it draws (``theme.TEXT``, never a copy).
"""

BACKGROUND = (250, 248, 242)
PANEL = (255, 255, 255)
TEXT = (20, 20, 20)
MUTED = (66, 66, 66)
PRIMARY = (23, 74, 148)
PRIMARY_HOVER = (14, 52, 110)
ON_PRIMARY = (255, 255, 255)
BORDER = (120, 120, 120)
DISABLED = (205, 205, 205)
DISABLED_TEXT = (95, 95, 95)
SUCCESS = (30, 110, 40)
SUCCESS_LIGHT = (222, 240, 224)
HINT = (235, 150, 0)  # a warm halo, never red: a mistake is not a failure
HINT_TEXT = (120, 60, 0)
WARNING_BG = (255, 236, 179)
TARGET = (31, 95, 173)
TARGET_HOVER = (20, 130, 210)
ROW = (236, 236, 232)
SHADOW = (0, 0, 0, 60)
DIM = (0, 0, 0, 150)
SECONDARY_HOVER = (228, 236, 248)  # a secondary button under the pointer
CARD_SHADOW = (205, 203, 196)
CARD_DISABLED = (236, 236, 236)

# text sizes, as fractions of the screen height
INSTRUCTION = 0.058  # at least 4 % of the height (DESIGN.md)
TITLE = 0.06
BUTTON = 0.045
BODY = 0.04
SMALL = 0.032

MIN_TOUCH = 0.09  # a button is at least this tall (about 1 cm on a tablet)

# -- palettes and text sizes, switched per learner ---------------------------
_NAMES = ("BACKGROUND", "PANEL", "TEXT", "MUTED", "PRIMARY", "PRIMARY_HOVER", "ON_PRIMARY", "BORDER",
          "DISABLED", "DISABLED_TEXT", "SUCCESS", "SUCCESS_LIGHT", "HINT", "HINT_TEXT", "WARNING_BG", "TARGET",
          "TARGET_HOVER", "ROW", "SHADOW", "DIM", "SECONDARY_HOVER", "CARD_SHADOW", "CARD_DISABLED")
NORMAL_PALETTE = {name: globals()[name] for name in _NAMES}
# White and yellow on black: every text pair is at least 7:1 (WCAG AAA),
# checked in tests/test_settings.py.
HIGH_CONTRAST_PALETTE = {
    "BACKGROUND": (0, 0, 0), "PANEL": (0, 0, 0), "TEXT": (255, 255, 255), "MUTED": (230, 230, 230),
    "PRIMARY": (255, 230, 0), "PRIMARY_HOVER": (255, 255, 140), "ON_PRIMARY": (0, 0, 0),
    "BORDER": (255, 255, 255), "DISABLED": (70, 70, 70), "DISABLED_TEXT": (235, 235, 235),
    "SUCCESS": (110, 255, 110), "SUCCESS_LIGHT": (0, 70, 0), "HINT": (255, 170, 0),
    "HINT_TEXT": (255, 200, 90), "WARNING_BG": (90, 60, 0), "TARGET": (255, 230, 0),
    "TARGET_HOVER": (255, 255, 255), "ROW": (45, 45, 45), "SHADOW": (255, 255, 255, 60), "DIM": (0, 0, 0, 200),
    "SECONDARY_HOVER": (60, 60, 0), "CARD_SHADOW": (90, 90, 90), "CARD_DISABLED": (40, 40, 40),
}
PALETTES = {"normal": NORMAL_PALETTE, "high_contrast": HIGH_CONTRAST_PALETTE}
_SIZES = {"INSTRUCTION": INSTRUCTION, "TITLE": TITLE, "BUTTON": BUTTON, "BODY": BODY, "SMALL": SMALL}
palette = "normal"
text_scale = 1.0


def use(new_palette: str = "normal", scale: float = 1.0) -> bool:
    """Switch the colours and scale every text size.  True when something
    changed (rendered text must then be forgotten: see text.forget_rendered)."""
    global palette, text_scale
    new_palette = new_palette if new_palette in PALETTES else "normal"
    changed = (new_palette, scale) != (palette, text_scale)
    globals().update(PALETTES[new_palette])
    globals().update({name: value * scale for name, value in _SIZES.items()})
    palette, text_scale = new_palette, scale
    return changed


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
