"""Draws the shapes an activity asks for (:mod:`trainer.activities.scene`),
in the colours and sizes of the theme it is given (:class:`trainer.ui.theme.Theme`)."""
from __future__ import annotations

from collections import OrderedDict

import pygame

import math

from ..activities.scene import (ActionButton, Box, Circle, Clip, EditText, Field, Keyboard, Label, Ring, Typing,
                                scroll_bar)
from ..lesson import images
from . import text
from .widgets import draw_icon

_images: OrderedDict = OrderedDict()


def _image(path: str, w: int, h: int) -> pygame.Surface | None:
    """A lesson image scaled to fit a box, cached; None if it cannot be read."""
    key = (path, int(w), int(h))
    if key in _images:
        return _images[key]
    try:
        img = images.decode(path)  # its size read from its header first: never a 2 GB picture
        if img is None:
            raise ValueError("not a good image")
        img = img.convert_alpha() if pygame.display.get_surface() else img
        scale = min(w / img.get_width(), h / img.get_height())
        img = pygame.transform.smoothscale(img, (max(1, int(img.get_width() * scale)),
                                                 max(1, int(img.get_height() * scale))))
    except (pygame.error, OSError, ZeroDivisionError, ValueError):
        img = None
    _images[key] = img
    if len(_images) > 64:
        _images.popitem(last=False)
    return img


def clear() -> None:
    _images.clear()


def draw(surf: pygame.Surface, shapes, unit: float, theme) -> None:
    for shape in shapes:
        _DRAWERS[type(shape)](surf, shape, unit, theme)


# -- what changed between two frames (the player redraws only that) --------------

def bounds(shape, unit: float, theme) -> pygame.Rect | None:
    """Every pixel ``shape`` may paint (halo, shadow and label included);
    None for a shape this function does not know (then: redraw everything)."""
    if isinstance(shape, Circle):
        r = max(4, int(shape.radius))
        reach = int(r * 1.35 + unit * 0.012) + 6
        box = pygame.Rect(0, 0, 2 * reach, 2 * reach)
        box.center = (int(shape.center[0]), int(shape.center[1]))
        if shape.label and shape.image:  # the word under the picture
            below = pygame.Rect(0, 0, 3 * r + 4, int(unit * 0.08) + 4)
            below.midtop = (box.centerx, int(shape.center[1]) + r)
            box.union_ip(below)
        return box
    if isinstance(shape, Ring):
        reach = int(shape.radius * 1.5 + unit * 0.014) + 4
        return pygame.Rect(int(shape.center[0]) - reach, int(shape.center[1]) - reach, 2 * reach, 2 * reach)
    if isinstance(shape, EditText):
        return pygame.Rect([int(v) for v in shape.rect]).inflate(8, 8)
    if isinstance(shape, (Box, ActionButton)):
        grow = int(unit * 0.04) + 4
        return pygame.Rect([int(v) for v in shape.rect]).inflate(2 * grow, 2 * grow)
    if isinstance(shape, Clip):
        rect = pygame.Rect([int(v) for v in shape.rect])
        return rect.union(rect.move(int(unit * 0.045), 0)).inflate(4, 4)
    if isinstance(shape, (Label, Typing)):
        return pygame.Rect([int(v) for v in shape.rect]).inflate(int(unit * 0.04), int(unit * 0.02))
    if isinstance(shape, Field):
        rect = pygame.Rect([int(v) for v in shape.rect])
        above = int(unit * (theme.body * 1.6 + 0.01))
        return pygame.Rect(rect.x - 4, rect.y - above, rect.w + 8, rect.h + above + 4)
    if isinstance(shape, Keyboard):
        from .. import keyboards  # (its layouts take 10 ms to build: only for a keyboard step, not at start-up)

        x, y, w, h = keyboards.layout(shape.layout).bounds(shape.rect)
        return pygame.Rect(int(x), int(y), int(w) + 1, int(h) + 1).inflate(int(unit * 0.06), int(unit * 0.06))
    return None


def changes(before, after, unit: float, theme) -> list[pygame.Rect] | None:
    """The rectangles to draw again to go from the scene ``before`` to the
    scene ``after`` (both lists of shapes); None: draw everything."""
    rects: list[pygame.Rect] = []
    if len(before) != len(after):
        pairs = [(a, None) for a in before] + [(None, b) for b in after]
    else:
        pairs = list(zip(before, after))
    for old, new in pairs:
        if old == new:
            continue
        if isinstance(old, Keyboard) and isinstance(new, Keyboard) and (old.rect, old.layout, old.language) == \
                (new.rect, new.layout, new.language):
            from .. import keyboards  # (the same)
            from . import keyboard_view  # (the same)

            rects += keyboard_view.changed_rects(keyboards.layout(new.layout, new.language), new.rect, unit,
                                                 (old.lit, old.flash), (new.lit, new.flash))
            continue
        for shape in (old, new):
            if shape is not None:
                box = bounds(shape, unit, theme)
                if box is None:
                    return None
                rects.append(box)
    return merge(rects)


def merge(rects: list[pygame.Rect]) -> list[pygame.Rect]:
    """Overlapping rectangles become one (each is drawn and sent once)."""
    out = [r.copy() for r in rects if r.w > 0 and r.h > 0]
    merged = True
    while merged:
        merged = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                if out[i].colliderect(out[j]):
                    out[i].union_ip(out.pop(j))
                    merged = True
                    break
            if merged:
                break
    return out


def _keyboard(surf, kb: Keyboard, unit, theme):
    from .. import keyboards  # (the same)
    from . import keyboard_view  # (the same)

    keyboard_view.draw(surf, keyboards.layout(kb.layout, kb.language), kb.rect, unit, theme, kb.lit, kb.flash)


def _halo(surf, center, radius, pulse, unit, theme):
    grow = radius * (0.12 + 0.22 * pulse)
    pygame.draw.circle(surf, theme.hint, center, radius + grow, width=max(4, int(unit * 0.012)))


def _circle(surf, c: Circle, unit, theme):
    center = (int(c.center[0]), int(c.center[1]))
    r = max(4, int(c.radius))
    if c.state == "hint" or c.pulse > 0:
        _halo(surf, center, r, c.pulse, unit, theme)
    pygame.draw.circle(surf, theme.target_shadow, (center[0], center[1] + max(2, r // 14)), r)
    fill = theme.target_hover if c.state == "hover" else theme.target
    if c.image:
        pygame.draw.circle(surf, theme.panel, center, r)
        img = _image(c.image, r * 1.4, r * 1.4)
        if img:
            surf.blit(img, img.get_rect(center=center))
        pygame.draw.circle(surf, fill, center, r, width=max(3, r // 12))
    else:
        pygame.draw.circle(surf, fill, center, r)
        pygame.draw.circle(surf, theme.panel, center, int(r * 0.82), width=max(2, r // 14))
    if c.label and c.image:  # the word under the picture, never on top of it
        label = text.fit(c.label, unit * theme.body, theme.text, int(r * 3), int(unit * 0.06), bold=True)
        surf.blit(label, label.get_rect(midtop=(center[0], center[1] + r + int(unit * 0.015))))
    elif c.label:
        label = text.fit(c.label, unit * theme.body, theme.on_primary, int(r * 1.5), int(r * 0.9), bold=True)
        text.blit_center(surf, label, (center[0] - r, center[1] - r, 2 * r, 2 * r))


def _ring(surf, ring: Ring, unit, theme):
    r = ring.radius * (1.0 + 0.5 * (1 - ring.fade))
    width = max(2, int(unit * 0.014 * ring.fade))
    pygame.draw.circle(surf, theme.success, (int(ring.center[0]), int(ring.center[1])), int(r), width=width)


def _box(surf, b: Box, unit, theme):
    rect = pygame.Rect([int(v) for v in b.rect])
    radius = int(min(rect.w, rect.h) * 0.12)
    line = max(3, int(unit * 0.005))
    if b.state == "hint" or b.pulse > 0:
        grow = int(unit * (0.008 + 0.02 * b.pulse))
        pygame.draw.rect(surf, theme.hint, rect.inflate(2 * grow, 2 * grow), width=max(4, int(unit * 0.01)),
                         border_radius=radius + grow)
    if b.style == "zone":
        fill = theme.zone_hover if b.state == "hover" else theme.success_light
        pygame.draw.rect(surf, fill, rect, border_radius=radius)
        _dashed_rect(surf, theme.success, rect, line)
    elif b.style == "menu":
        hover = b.state == "hover"
        pygame.draw.rect(surf, theme.primary if hover else theme.panel, rect)
        pygame.draw.rect(surf, theme.border, rect, width=max(1, line // 2))
        colour = theme.on_primary if hover else theme.text
        label = text.fit(b.label or "", unit * theme.body, colour, int(rect.w * 0.85), int(rect.h * 0.8),
                         align="left")
        surf.blit(label, label.get_rect(midleft=(rect.x + rect.w * 0.08, rect.centery)))
        return
    elif b.style == "picture":  # an image alone, under what lies on it
        pass
    elif b.style == "row":
        fill = {"done": theme.success_light, "hover": theme.row_hover}.get(b.state, theme.row)
        pygame.draw.rect(surf, fill, rect, border_radius=radius)
        # its edge: a row stands out from the page (3:1), not only by its shade
        pygame.draw.rect(surf, theme.border, rect, width=max(2, line // 2), border_radius=radius)
    else:  # item
        lift = int(unit * (0.014 if b.state == "held" else 0.006))
        pygame.draw.rect(surf, theme.item_shadow, rect.move(lift // 2, lift), border_radius=radius)
        pygame.draw.rect(surf, theme.panel, rect, border_radius=radius)
        border = theme.target_hover if b.state in ("hover", "held") else theme.target
        pygame.draw.rect(surf, border, rect, width=line * (2 if b.state == "held" else 1), border_radius=radius)
    inner = rect.inflate(-rect.w * 0.12, -rect.h * 0.12)
    if b.image:
        img_h = inner.h * (0.7 if b.label else 1.0)
        img = _image(b.image, inner.w, img_h)
        if img:
            surf.blit(img, img.get_rect(midtop=(inner.centerx, inner.y)))
            inner = pygame.Rect(inner.x, inner.y + img_h, inner.w, inner.h - img_h)
    if b.label:
        colour = theme.success if b.style == "zone" else theme.text
        label = text.fit(b.label, unit * (theme.body if b.style != "row" else theme.button), colour,
                         inner.w, inner.h, bold=True)
        text.blit_center(surf, label, inner)


def _dashed_rect(surf, colour, rect, width):
    dash = max(8, rect.w // 14)
    for x in range(rect.left, rect.right, dash * 2):
        end = min(x + dash, rect.right)
        pygame.draw.line(surf, colour, (x, rect.top), (end, rect.top), width)
        pygame.draw.line(surf, colour, (x, rect.bottom - 1), (end, rect.bottom - 1), width)
    for y in range(rect.top, rect.bottom, dash * 2):
        end = min(y + dash, rect.bottom)
        pygame.draw.line(surf, colour, (rect.left, y), (rect.left, end), width)
        pygame.draw.line(surf, colour, (rect.right - 1, y), (rect.right - 1, end), width)


def _clip(surf, clip: Clip, unit, theme):
    rect = pygame.Rect([int(v) for v in clip.rect])
    pygame.draw.rect(surf, theme.panel, rect)
    previous = surf.get_clip()
    surf.set_clip(rect.clip(previous) if previous else rect)
    draw(surf, clip.children, unit, theme)
    surf.set_clip(previous)
    pygame.draw.rect(surf, theme.border, rect, width=2)
    if clip.bar:
        track, thumb = (pygame.Rect([int(v) for v in r]) for r in scroll_bar(clip.rect, clip.bar, unit))
        pygame.draw.rect(surf, theme.row, track, border_radius=track.w // 2)
        pygame.draw.rect(surf, theme.border, thumb, border_radius=track.w // 2)


_LABEL_STYLES = {  # the colour's role in the theme (never the colour itself: it follows the learner), bold
    "text": ("text", True), "big": ("text", True), "muted": ("muted", False),
    "hint": ("hint_text", True), "done": ("success", True),
}


def _label(surf, label: Label, unit, theme):
    role, bold = _LABEL_STYLES.get(label.style, _LABEL_STYLES["text"])
    colour = getattr(theme, role)
    rect = pygame.Rect([int(v) for v in label.rect])
    shown = text.fit(label.text, unit * label.size, colour, rect.w, rect.h, bold=bold, align=label.align)
    if label.align == "left":
        surf.blit(shown, shown.get_rect(midleft=rect.midleft))
    elif label.align == "right":
        surf.blit(shown, shown.get_rect(midright=rect.midright))
    else:
        text.blit_center(surf, shown, rect)


def _typing(surf, t: Typing, unit, theme):
    """The model: typed part in green, the next character in a blue box.

    Drawn character by character from cached glyphs: typing changes the
    colours on every key press, and re-rendering a whole line each time
    costs milliseconds at 1440p."""
    rect = pygame.Rect([int(v) for v in t.rect])
    px = text.fitted_size(t.text + "  ", unit * t.size * theme.scale, int(rect.w * 0.94), rect.h, bold=True)
    f = text.font(px, bold=True)
    widths = [f.size(ch)[0] for ch in t.text]
    if t.done < len(widths):
        widths[t.done] = max(widths[t.done], f.size("n")[0])  # a space to type is still visible
    line_h = f.get_linesize()
    x = rect.centerx - sum(widths) // 2
    y = rect.centery - line_h // 2
    for i, (ch, width) in enumerate(zip(t.text, widths)):
        colour = theme.success if i < t.done else (theme.on_primary if i == t.done else theme.text)
        if i == t.done:
            # (exactly its own width: a box spilling onto its neighbours would put their letters on it)
            pygame.draw.rect(surf, theme.primary, (x, y, width, line_h), border_radius=max(3, px // 10))
        if not ch.isspace():
            glyph = text.render(ch, px, colour, bold=True, align="left")
            surf.blit(glyph, (x + (width - glyph.get_width()) // 2, y))
        x += width
    if t.done >= len(t.text):
        pygame.draw.line(surf, theme.text, (x + 3, y), (x + 3, y + line_h), max(2, px // 14))


def _field(surf, fld: Field, unit, theme):
    rect = pygame.Rect([int(v) for v in fld.rect])
    if fld.label:
        lab = text.render(fld.label, int(unit * theme.body), theme.text, bold=True, align="left")
        surf.blit(lab, lab.get_rect(bottomleft=(rect.x, rect.y - int(unit * 0.008))))
    border = {"done": theme.success, "hint": theme.hint}.get(fld.state, theme.primary)
    pygame.draw.rect(surf, theme.panel, rect, border_radius=int(unit * 0.01))
    pygame.draw.rect(surf, border, rect, width=max(3, int(unit * 0.005)), border_radius=int(unit * 0.01))
    px = int(min(rect.h * 0.62, unit * 0.06))
    f = text.font(px)
    pad = int(unit * 0.015)
    room = rect.w - 2 * pad
    before = f.size(fld.value[:fld.caret])[0]
    shift = max(0, before - room + pad)  # a long text scrolls so that the caret stays visible
    clip = surf.get_clip()
    inner = rect.inflate(-2 * pad, -4)
    surf.set_clip(inner.clip(clip) if clip else inner)
    if fld.value:
        surf.blit(text.render(fld.value, px, theme.text, align="left"),
                  (rect.x + pad - shift, rect.centery - f.get_linesize() // 2))
    surf.set_clip(clip)
    cx = rect.x + pad - shift + before
    pygame.draw.line(surf, theme.text, (cx, rect.y + rect.h * 0.18), (cx, rect.bottom - rect.h * 0.18),
                     max(2, int(unit * 0.004)))


def text_width(value: str, px: int) -> float:
    """The width in pixels of ``value`` drawn at ``px`` (regular weight), as
    :class:`~trainer.ui.scene_view` draws it: the player gives it to the
    activities (``Context.measure``) so that they place a caret or find the
    word under a finger exactly where it is drawn."""
    return text.font(int(px)).size(value)[0] if value else 0


def curved_arrow(surf, box: pygame.Rect, colour, mirrored: bool = False) -> None:
    """↶ (or ↷ mirrored): a thick half circle ending in an arrowhead.  The
    font has no arrow glyphs, so it is drawn as shapes."""
    w = max(2, int(box.w * 0.16))
    r = box.w * 0.34
    cx, cy = box.centerx, box.y + box.h * 0.58
    side = -1 if mirrored else 1
    points = []
    for i in range(25):  # from the right end over the top to the left end (mirrored: the other way)
        a = math.pi * i / 24
        points.append((cx + side * r * math.cos(a), cy - r * math.sin(a)))
    for p in points:
        pygame.draw.circle(surf, colour, (int(p[0]), int(p[1])), w // 2)
    ex, ey = points[-1]
    head = box.w * 0.3
    pygame.draw.polygon(surf, colour, [(ex - head * 0.6, ey - head * 0.1), (ex + head * 0.6, ey - head * 0.1),
                                       (ex, ey + head * 0.75)])


def _action(surf, b: ActionButton, unit, theme):
    rect = pygame.Rect([int(v) for v in b.rect])
    radius = int(min(rect.w, rect.h) * 0.18)
    if b.state == "hint" or b.pulse > 0:
        grow = int(unit * (0.008 + 0.02 * b.pulse))
        pygame.draw.rect(surf, theme.hint, rect.inflate(2 * grow, 2 * grow), width=max(4, int(unit * 0.01)),
                         border_radius=radius + grow)
    if not b.enabled:
        bg, fg = theme.disabled, theme.disabled_text
    elif b.icon == "erase":
        bg = theme.secondary_hover if b.state in ("hover", "pressed") else theme.panel
        fg = theme.primary
    else:
        bg = theme.primary_hover if b.state in ("hover", "pressed") else theme.primary
        fg = theme.on_primary
    body = rect.move(0, 2) if b.state == "pressed" else rect
    pygame.draw.rect(surf, bg, body, border_radius=radius)
    if b.enabled and b.icon == "erase":
        pygame.draw.rect(surf, theme.primary, body, width=max(2, int(unit * 0.004)), border_radius=radius)
    icon = int(min(body.h * 0.62, body.w * 0.3))
    label = text.fit(b.label, unit * theme.button * 1.1, fg, max(1, int(body.w - icon - body.h * 0.45)),
                     max(1, int(body.h * 0.8)), bold=True)
    gap = int(icon * 0.25)
    x = body.centerx - (icon + gap + label.get_width()) // 2
    box = pygame.Rect(x, body.centery - icon // 2, icon, icon)
    if b.icon == "erase":
        draw_icon(surf, "erase", box.inflate(-icon // 6, -icon // 3), fg)
    else:
        curved_arrow(surf, box, fg, mirrored=b.icon == "redo")
    surf.blit(label, label.get_rect(midleft=(x + icon + gap, body.centery)))


def _edit_text(surf, t: EditText, unit, theme):
    rect = pygame.Rect([int(v) for v in t.rect])
    border = {"done": theme.success, "hint": theme.hint}.get(t.state, theme.primary)
    pygame.draw.rect(surf, theme.panel, rect, border_radius=int(unit * 0.01))
    pygame.draw.rect(surf, border, rect, width=max(3, int(unit * 0.005)), border_radius=int(unit * 0.01))
    f = text.font(t.px)
    top = rect.centery - f.get_linesize() // 2

    def x_of(i):
        return int(t.x0 + text_width(t.value[:i], t.px))

    for span, colour in ((t.marked, theme.marked), (t.selection, theme.selection)):
        if span:
            pygame.draw.rect(surf, colour, (x_of(span[0]), top, max(2, x_of(span[1]) - x_of(span[0])),
                                            f.get_linesize()))
    if t.value:
        surf.blit(text.render(t.value, t.px, theme.text, align="left"), (int(t.x0), top))
    if t.selection is None:
        cx = x_of(t.caret)
        pygame.draw.line(surf, theme.text, (cx, rect.y + rect.h * 0.18), (cx, rect.bottom - rect.h * 0.18),
                         max(2, int(unit * 0.004)))


_DRAWERS = {ActionButton: _action, EditText: _edit_text,
            Circle: _circle, Box: _box, Ring: _ring, Clip: _clip, Label: _label, Typing: _typing, Field: _field,
            Keyboard: _keyboard}
