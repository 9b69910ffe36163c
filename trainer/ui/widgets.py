"""Buttons and tiles: big, clear, pressed by a click or a touch."""
from __future__ import annotations

import pygame

from .. import input as inp
from . import text
from .theme import contrast, deepened


ICONS = ("back", "next", "erase")


def draw_icon(surf: pygame.Surface, name: str, box: pygame.Rect, colour) -> None:
    """Arrows drawn as shapes: the font has no arrow glyphs."""
    x, y, w, h = box
    if name == "back":
        pygame.draw.polygon(surf, colour, [(x, y + h / 2), (x + w, y), (x + w, y + h)])
    elif name == "next":
        pygame.draw.polygon(surf, colour, [(x + w, y + h / 2), (x, y), (x, y + h)])
    elif name == "erase":
        pts = [(x, y + h / 2), (x + w * 0.35, y), (x + w, y), (x + w, y + h), (x + w * 0.35, y + h)]
        pygame.draw.polygon(surf, colour, pts, width=max(2, w // 10))
        pygame.draw.line(surf, colour, (x + w * 0.5, y + h * 0.3), (x + w * 0.8, y + h * 0.7), max(2, w // 10))
        pygame.draw.line(surf, colour, (x + w * 0.8, y + h * 0.3), (x + w * 0.5, y + h * 0.7), max(2, w // 10))


class Button:
    """A button.  It acts on a complete click or tap on it: press and release
    both on the button, however the hand trembled in between (a finger that
    slides off and lifts elsewhere cancels, as people expect).  Either mouse
    button works: a left-handed mouse, or a learner whose settings are not
    known yet (the learner screen), presses the one under the finger.

    ``id`` names it whatever its label says and in every language: "back",
    "guest", "level:2", "lesson:souris-double-clic", "learner:Marie"… (tests
    and :class:`trainer.pilot.Pilot` find buttons by it)."""

    PRESSES = (inp.LEFT, inp.RIGHT)  # the main button, and the other one of a mouse held by a left hand

    def __init__(self, label: str, action, style: str = "primary", enabled: bool = True,
                 sublabel: str | None = None, colour=None, icon: str | None = None, id: str = ""):
        self.id = id
        self.label = label
        self.action = action
        self.style = style  # primary | secondary | quiet | tile | card | disabled
        self.enabled = enabled
        self.sublabel = sublabel
        # the card's accent: a theme role ("success", "hint_text": follows the
        # learner's palette) or a colour of its own (a learner's colour)
        self.colour = colour
        self.icon = icon
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.hover = False
        self.pressed = False  # drawn pressed: held down, the pointer on it
        self.armed = False  # the press began on it (it is drawn pressed again if the hand comes back)

    def clicked(self, event) -> bool:
        """``event`` is a click (or tap) on this button: pressed and released on it
        (:meth:`trainer.input.Click.on`)."""
        return isinstance(event, inp.Click) and event.button in self.PRESSES \
            and event.on(self.rect.collidepoint)

    def handle(self, event) -> bool:
        """Returns True when the button changed (it must be redrawn)."""
        before = (self.hover, self.pressed)
        if isinstance(event, inp.PointerMove):
            inside = bool(self.rect.collidepoint(event.pos))
            self.hover = inside and not event.touch
            self.pressed = self.armed and inside and event.held
        elif isinstance(event, inp.PointerDown) and event.button in self.PRESSES:
            self.armed = self.pressed = bool(self.rect.collidepoint(event.pos))
        elif isinstance(event, inp.PointerUp):
            self.pressed = False
        elif self.clicked(event):
            self.armed = False
            if self.action is not None:
                self.action()
            return True
        if isinstance(event, inp.Click):
            self.armed = False
        return before != (self.hover, self.pressed)

    def draw(self, surf: pygame.Surface, unit: float, theme) -> None:
        r = self.rect
        radius = int(min(r.h, r.w) * 0.18)
        pressed = self.pressed and self.enabled
        if self.style in ("tile", "card"):
            self._draw_card(surf, unit, radius, theme)
            return
        if not self.enabled:
            bg, fg, border = theme.disabled, theme.disabled_text, theme.border  # its edge still seen (3:1)
        elif self.style == "primary":
            bg = theme.primary_hover if (self.hover or pressed) else theme.primary
            fg, border = theme.on_primary, None
        else:
            bg = theme.secondary_hover if (self.hover or pressed) else theme.panel
            fg, border = theme.primary, theme.primary
        body = r.move(0, 2) if pressed else r
        if self.style != "quiet" or self.hover:
            pygame.draw.rect(surf, bg, body, border_radius=radius)
        if border:
            pygame.draw.rect(surf, border, body, width=max(2, int(unit * 0.004)), border_radius=radius)
        shape = self.icon if self.icon in ICONS else None
        room = int(r.w * (0.66 if shape else 0.9))  # (the icon and its gap take the rest)
        surf_text = text.fit(self.label, unit * theme.button, fg, room, int(r.h * 0.85), bold=True)
        if not shape:
            text.blit_center(surf, surf_text, body)
            return
        size = int(min(surf_text.get_height(), r.h * 0.6) * 0.62)
        gap = int(size * 0.5)
        total = size + gap + surf_text.get_width()
        if total > r.w * 0.94:  # (a label on two lines is wide: the arrow and the words share the button)
            surf_text = text.fit(self.label, unit * theme.button, fg, int(r.w * 0.94) - size - gap, int(r.h * 0.85),
                                 bold=True)
            total = size + gap + surf_text.get_width()
        x = body.centerx - total // 2
        if shape == "next":
            surf.blit(surf_text, surf_text.get_rect(midleft=(x, body.centery)))
            draw_icon(surf, shape, pygame.Rect(x + surf_text.get_width() + gap, body.centery - size // 2, size, size), fg)
        else:
            draw_icon(surf, shape, pygame.Rect(x, body.centery - size // 2, size, size), fg)
            surf.blit(surf_text, surf_text.get_rect(midleft=(x + size + gap, body.centery)))

    def _draw_card(self, surf, unit, radius, theme):
        r = self.rect
        accent = theme.colour(self.colour)
        lifted = (self.hover or self.pressed) and self.enabled
        shadow = r.move(0, max(3, int(unit * 0.006)))
        pygame.draw.rect(surf, theme.card_shadow, shadow, border_radius=radius)
        bg = theme.panel if self.enabled else theme.card_disabled
        pygame.draw.rect(surf, bg, r, border_radius=radius)
        if accent is not None and contrast(accent, theme.background) < 3:
            accent = theme.border  # a learner's dark colour on black (high contrast): the edge must still be seen
        border_colour = theme.primary if lifted else (accent or theme.border)
        pygame.draw.rect(surf, border_colour if self.enabled else theme.border,
                         r, width=max(3, int(unit * (0.007 if lifted else 0.004))), border_radius=radius)
        fg = theme.text if self.enabled else theme.disabled_text
        if self.style == "tile":
            # a coloured disc with the initial, the first name below
            d = int(min(r.w * 0.55, r.h * 0.44))
            disc = pygame.Rect(0, 0, d, d)
            disc.center = (r.centerx, r.y + r.h * 0.3)
            own = not (self.colour is None or isinstance(self.colour, str))
            # a learner's own colour, deepened under its white initial (7:1), else the palette's
            pygame.draw.circle(surf, deepened(accent) if own else (accent or theme.primary), disc.center, d // 2)
            initial = self.icon or (self.label[:1].upper() if self.label else "?")
            ink = (255, 255, 255) if own else theme.on_primary
            text.blit_center(surf, text.fit(initial, d * 0.6, ink, d, d, bold=True), disc)
            name_box = pygame.Rect(r.x + r.w * 0.05, r.y + r.h * 0.57, r.w * 0.9, r.h * 0.4)
            text.blit_center(surf, text.fit(self.label, unit * theme.button, fg, name_box.w, name_box.h,
                                            bold=True), name_box)
            return
        # (a state on one line below it, « Nouvelle »: the title gets the larger part, two lines of a title
        # rather than a small one; a long line below, an explanation: it gets half and wraps on two lines)
        share = 0.9
        if self.sublabel:
            one_line = text.font(int(unit * theme.small), True).size(self.sublabel)[0] <= r.w * 0.88
            share = 0.6 if one_line else 0.42
        title_box = pygame.Rect(r.x + r.w * 0.06, r.y + r.h * 0.04, r.w * 0.88, r.h * share)
        title_px = text.fitted_size(self.label, unit * theme.body, title_box.w, title_box.h, True)
        text.blit_center(surf, text.render(self.label, title_px, fg, True, title_box.w), title_box)
        if self.sublabel:
            below = r.y + r.h * (share + 0.05)
            sub_box = pygame.Rect(r.x + r.w * 0.06, below, r.w * 0.88, r.bottom - r.h * 0.03 - below)
            colour = accent if (accent and self.enabled) else (theme.muted if self.enabled else fg)
            # (never bigger than the title above it)
            text.blit_center(surf, text.fit(self.sublabel, min(unit * theme.small, title_px), colour, sub_box.w,
                                            sub_box.h, bold=True), sub_box)
