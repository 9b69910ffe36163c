"""Fonts and rendered text, cached: text is never rendered twice."""
from __future__ import annotations

from collections import OrderedDict

import pygame

from .. import resources

_fonts: dict[tuple[int, bool], pygame.font.Font] = {}
_cache: OrderedDict = OrderedDict()
# Rendered text kept, at most: what one screen shows, with room to spare.
# A big title weighs ~0.5 MB at 1080p and ~1 MB at 1440p: the budget follows
# the window (set_budget), 4 MB at 1080p.
CACHE_BYTES = 4 * 1024 * 1024
_cache_bytes = 0


def set_budget(width: int, height: int) -> None:
    """Half a screen of 32-bit pixels (4 MB at 1920x1080, 7 MB at 2560x1440),
    never under 2 MB."""
    global CACHE_BYTES
    CACHE_BYTES = max(2 * 1024 * 1024, 2 * int(width) * int(height))
    _evict()  # a smaller window: what was kept for the bigger one goes now, not at the next text


def _evict() -> None:
    global _cache_bytes
    while _cache_bytes > CACHE_BYTES and len(_cache) > 1:
        _, old = _cache.popitem(last=False)
        _cache_bytes -= old.get_width() * old.get_height() * old.get_bytesize()


def font(px: int, bold: bool = False) -> pygame.font.Font:
    px = max(8, int(px))
    key = (px, bold)
    if key not in _fonts:
        if not pygame.font.get_init():
            pygame.font.init()
        path = resources.font_path(bold)
        try:
            _fonts[key] = pygame.font.Font(str(path), px)
        except (OSError, FileNotFoundError):
            _fonts[key] = pygame.font.Font(None, int(px * 1.25))  # pygame's own font
    return _fonts[key]


def render(text: str, px: int, colour, bold: bool = False, width: int = 0,
           align: str = "center") -> pygame.Surface:
    """``text`` at ``px`` pixels, wrapped at ``width`` pixels if given.  The
    text is drawn as given: whoever draws it gives it in the interface's
    language (``app.t``, a lesson's :meth:`~trainer.lesson.Lesson.text`)."""
    key = (text, int(px), tuple(colour), bold, int(width), align)
    surf = _cache.get(key)
    if surf is not None:
        _cache.move_to_end(key)
        return surf
    f = font(px, bold)
    f.align = {"left": pygame.FONT_LEFT, "right": pygame.FONT_RIGHT}.get(align, pygame.FONT_CENTER)
    surf = f.render(text, True, colour, wraplength=max(0, int(width)))
    global _cache_bytes
    _cache[key] = surf
    _cache_bytes += surf.get_width() * surf.get_height() * surf.get_bytesize()
    _evict()
    return surf


def fit(text: str, px: int, colour, width: int, height: int, bold: bool = False,
        align: str = "center") -> pygame.Surface:
    """The largest text not bigger than ``px`` that fits in the box."""
    return render(text, fitted_size(text, px, width, height, bold, colour, align), colour, bold, width, align)


FLOOR_PX = 12  # text is never made smaller than this to fit (layouts leave room above it)
_fitted: OrderedDict = OrderedDict()  # (text, px, width, height, bold) -> size: measured once


def fitted_size(text: str, px: int, width: int, height: int, bold: bool = False,
                colour=(0, 0, 0), align: str = "center") -> int:
    """The font size :func:`fit` uses for this box: lines are wrapped between
    words, never inside one (a word wider than the box makes the text smaller).

    Remembered: a frame asks again for the same boxes, and measuring renders
    the text at several sizes (a long line at 1440p weighs megabytes: keeping
    the tries in the render cache would push everything else out of it)."""
    key = (text, int(px), int(width), int(height), bold)
    size = _fitted.get(key)
    if size is not None:
        _fitted.move_to_end(key)
        return size
    size = int(px)
    # (a file's path is no word of a language: it may be cut anywhere, as it must be to fit)
    words = [word for word in text.split() if "/" not in word and "\\" not in word]
    while size > FLOOR_PX:
        f = font(size, bold)
        w, h = f.size(text)
        if "\n" not in text and w <= width and h <= height:
            break  # one line that fits: no need to render it to know
        if max((f.size(word)[0] for word in words), default=0) > width:
            size = int(size * 0.92)  # a word wider than the box would be cut in two: smaller
            continue
        if w > width or "\n" in text:  # wrapped (between words): measure the real wrapping
            f.align = {"left": pygame.FONT_LEFT, "right": pygame.FONT_RIGHT}.get(align, pygame.FONT_CENTER)
            surf = f.render(text, True, colour, wraplength=max(0, int(width)))
            if surf.get_height() <= height and surf.get_width() <= width:
                break
        size = int(size * 0.92)
    _fitted[key] = size
    if len(_fitted) > 1024:
        _fitted.popitem(last=False)
    return size


def blit_center(target: pygame.Surface, surf: pygame.Surface, rect) -> None:
    r = surf.get_rect(center=pygame.Rect(rect).center)
    target.blit(surf, r)


def clear() -> None:
    """Forget fonts and rendered text (pygame was shut down)."""
    global _cache_bytes
    _fonts.clear()
    _cache.clear()
    _fitted.clear()
    _cache_bytes = 0


def forget_rendered() -> None:
    """Forget rendered text, keep the fonts (the colours, sizes or language changed)."""
    global _cache_bytes
    _cache.clear()
    _fitted.clear()
    _cache_bytes = 0
