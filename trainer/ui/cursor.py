"""A big arrow pointer: beginners lose the small one on a large screen."""
from __future__ import annotations

import pygame

# the classic arrow, in units of a 16 x 24 grid
_ARROW = [(0, 0), (0, 17), (4, 13), (7, 20), (10, 19), (7, 12), (12, 12)]


def arrow_surface(height: int, theme) -> pygame.Surface:
    scale = height / 22
    w, h = int(14 * scale) + 4, int(22 * scale) + 4
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    points = [(2 + x * scale, 2 + y * scale) for x, y in _ARROW]
    pygame.draw.polygon(surf, theme.cursor_fill, points)
    pygame.draw.polygon(surf, theme.cursor_edge, points, width=max(2, int(scale * 1.2)))
    return surf


def arrow_height(screen_height: int, scale: float = 1.0) -> int:
    """About 4.5 % of the screen height (48 px at 1080p) times the learner's
    pointer size (1, 1.5, 2.2: :data:`trainer.learner_settings.POINTER_SCALES`)."""
    return max(32, int(screen_height * 0.045 * scale))


def use_big_arrow(screen_height: int, theme, scale: float = 1.0) -> None:
    """The arrow of :func:`arrow_height`, in the colours of ``theme`` (black
    edged with white; white edged with black in high contrast); the system
    arrow if it cannot be set."""
    try:
        pygame.mouse.set_cursor(pygame.cursors.Cursor((2, 2), arrow_surface(arrow_height(screen_height, scale),
                                                                            theme)))
    except (pygame.error, TypeError, ValueError):
        pass
