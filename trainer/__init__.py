"""Pas à pas: a full-screen trainer for the mouse, the touch screen and the keyboard."""
import os

# pygame prints its version when imported: a facilitator running `trainer validate` (whose step kinds
# import pygame) or any command must read only what the program says to her
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

__version__ = "0.1.0"
