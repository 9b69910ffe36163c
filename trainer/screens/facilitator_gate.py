"""The hidden door to the facilitator mode, on the learner-choice screen only.

Either hold the bottom-right corner (where that screen has no button) for
three seconds, with the mouse or a finger, or press Ctrl+Alt+A on a
keyboard.  A ring fills in the corner, but only after the first second, so
a participant resting a hand there sees nothing happen.  Letting go, moving
away or any other input cancels.  A participant in a lesson never sees this
screen, and the way in asks the PIN when there is one.

In « mode maison » (a device lent to one person) there is no learner-choice
screen: the door is then on that person's lesson menu, so that the
facilitator can take the device back without a terminal.
"""
from __future__ import annotations

import math

import pygame

from .. import input as inp

HOLD_SECONDS = 3.0
SHOW_AFTER = 1.0  # the ring appears only after this long
CORNER = 0.08  # side of the corner square, a fraction of the screen height


def is_key_combination(event) -> bool:
    """Ctrl+Alt+A, exactly (AltGr, Shift or the Windows key held: no)."""
    if not isinstance(event, inp.KeyDown) or event.key != pygame.K_a:
        return False
    mod = event.mod
    return bool(mod & pygame.KMOD_CTRL) and bool(mod & pygame.KMOD_LALT) and not mod & (
        pygame.KMOD_RALT | pygame.KMOD_SHIFT | pygame.KMOD_GUI | pygame.KMOD_MODE)


class FacilitatorCorner:
    """Mixin for a :class:`~trainer.screens.base.Screen`: the corner and the keys."""

    _hold_since: float | None = None
    _hold_drawn = 0

    def facilitator_door(self) -> bool:
        """Whether the door is here now (the lesson menu has it only in mode maison)."""
        return True

    def corner_rect(self) -> pygame.Rect:
        side = max(24, int(self.h * CORNER))
        return pygame.Rect(self.w - side, self.h - side, side, side)

    def handle(self, event) -> None:
        if not self.facilitator_door():
            super().handle(event)
            return
        if is_key_combination(event):
            self._hold_since = None
            self.app.nav.facilitator()
            return
        if isinstance(event, inp.PointerDown) and event.button in (inp.LEFT, inp.RIGHT) \
                and self.corner_rect().collidepoint(event.pos):
            # either button: the facilitator's hand on a learner's left-handed mouse (its
            # buttons swapped) presses the one it always presses
            self._hold_since = event.time
            return
        if self._hold_since is not None:
            still = isinstance(event, inp.PointerMove) and self.corner_rect().inflate(
                int(self.h * 0.04), int(self.h * 0.04)).collidepoint(event.pos)
            if still or isinstance(event, inp.LongPress):
                return
            self._hold_since = None  # let go, moved away, another key: nothing happens
            self.app.dirty = True
            if not isinstance(event, (inp.Click, inp.PointerUp, inp.DoubleClick)):
                return
            # a short click in the corner goes on to what is drawn there (a button, in a layout
            # that puts one in the corner)
        super().handle(event)

    def hold_progress(self, now: float) -> float:
        """0 to 1 while the corner is held."""
        if self._hold_since is None:
            return 0.0
        return min(1.0, (now - self._hold_since) / HOLD_SECONDS)

    def update(self, now: float) -> bool:
        changed = super().update(now)
        if self._hold_since is not None:
            if now - self._hold_since >= HOLD_SECONDS:
                self._hold_since = None
                self.app.nav.facilitator()
                return True
            return True
        return changed

    def animating(self, now: float) -> bool:
        return self._hold_since is not None or super().animating(now)

    def draw(self, surf, theme) -> None:
        super().draw(surf, theme)
        now = self.app.now()
        if self._hold_since is None or now - self._hold_since < SHOW_AFTER:
            return
        share = (now - self._hold_since - SHOW_AFTER) / (HOLD_SECONDS - SHOW_AFTER)
        corner = self.corner_rect()
        radius = int(self.h * 0.05)
        centre = (corner.right - radius - int(self.h * 0.015), corner.bottom - radius - int(self.h * 0.015))
        width = max(3, int(self.h * 0.008))
        pygame.draw.circle(surf, theme.disabled, centre, radius, width=width)
        box = pygame.Rect(0, 0, 2 * radius, 2 * radius)
        box.center = centre
        end = math.pi / 2
        pygame.draw.arc(surf, theme.primary, box, end - 2 * math.pi * min(1.0, share), end, width=width)
