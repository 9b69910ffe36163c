"""Colours and sizes.  Sizes are fractions of the screen height, never pixels.

Contrast (WCAG): text on the background 17:1, white on the primary blue
8.6:1, muted text 9.7:1: AAA for the instruction text.
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

# text sizes, as fractions of the screen height
INSTRUCTION = 0.058  # at least 4 % of the height (DESIGN.md)
TITLE = 0.06
BUTTON = 0.045
BODY = 0.04
SMALL = 0.032

MIN_TOUCH = 0.09  # a button is at least this tall (about 1 cm on a tablet)
