"""Pas à pas: a full-screen trainer for the mouse, the touch screen and the keyboard."""

__version__ = "0.1.0"
