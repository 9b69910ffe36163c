"""Draws a keyboard (:mod:`trainer.keyboards`) with the keys to press lit.

The idle keyboard is drawn once into a cached surface; each frame blits it and
then only the lit, flashed or held keys, whose images are cached too.  Keys are
drawn exactly where ``layout.geometry(rect)`` says, so taps can be hit-tested
with the same call.
"""
from __future__ import annotations

from collections import OrderedDict

import pygame

from .. import keyboards
from . import text

COLOURKEY = (255, 0, 255)

NAME_SHARE = 0.4  # a key's name (« Entrée »): at most this fraction of a key's height
RING_STYLES = ("next", "dead", "modifier", "ok", "wrong")  # the styles drawn with a ring around the key


def styles(theme) -> dict:
    """style -> (fill, text, border), in ``theme``'s colours (:class:`trainer.ui.theme.Theme`).

    Idle keys look like real keycaps; the key to press is in the primary
    colour, Shift/AltGr to hold in violet, a wrong key light orange (never red)."""
    return {
        "idle": (theme.key, theme.text, theme.key_border),
        "held": (theme.key_held, theme.text, theme.key_border),
        "next": (theme.primary, theme.on_primary, theme.primary_hover),
        "dead": (theme.primary, theme.on_primary, theme.primary_hover),
        "modifier": (theme.modifier, theme.on_primary, theme.modifier_border),
        "ok": (theme.success, theme.on_primary, theme.ok_border),
        "wrong": (theme.wrong, theme.text, theme.hint_text),
    }


def rings(theme) -> dict:
    """style -> the colour of the ring drawn around a lit key."""
    return {"next": theme.primary, "dead": theme.primary, "modifier": theme.modifier, "ok": theme.success,
            "wrong": theme.hint_text}


_boards: OrderedDict = OrderedDict()  # the idle keyboard, per layout and rect
_keys: OrderedDict = OrderedDict()  # one key's image, per style
_geometry: OrderedDict = OrderedDict()


def clear() -> None:
    _boards.clear()
    _keys.clear()
    _geometry.clear()


def draw(surf: pygame.Surface, layout: keyboards.Layout, rect, unit: float, theme, lit=None, flash=None,
         pressed_modifiers=()) -> None:
    """Draw ``layout`` inside ``rect``, in ``theme``'s colours.

    ``lit``: key id -> "next" (press it now), "modifier" (hold it with the next
    key), "dead" (the accent key to press first) or "held" (a lock that is on:
    Caps Lock).  ``flash``: (key id, ok) for
    the key just pressed.  ``pressed_modifiers``: key ids (or names like "shift")
    of keys held down now.
    """
    rect = tuple(int(round(v)) for v in rect)
    geo = _rects(layout, rect)
    held = _held(layout, pressed_modifiers)
    board, origin = _board(surf, layout, rect, geo, unit, theme)
    surf.blit(board, origin)

    states: dict[str, str] = {key_id: "held" for key_id in held if key_id in geo}
    for key_id, style in (lit or {}).items():
        if key_id in geo and style in RING_STYLES:
            states[key_id] = style
        elif key_id in geo and style == "held":  # a lock that is on (Caps Lock): the key stays down
            states.setdefault(key_id, "held")
            held = held | {key_id}
    if flash:
        key_id, ok = flash
        if key_id in geo:
            states[key_id] = "ok" if ok else "wrong"
    if not states:
        return
    ku = _key_unit(geo)
    ring = max(3, round(ku * 0.1), round(unit * 0.004))
    ring_colours = rings(theme)
    for key_id, style in states.items():
        if style not in RING_STYLES:
            continue
        r = _outline(layout, geo, key_id)
        width = ring if style != "modifier" else max(2, ring * 2 // 3)
        grow = width + max(1, round(ku * 0.03))
        pygame.draw.rect(surf, ring_colours[style], r.inflate(2 * grow, 2 * grow), width=width,
                         border_radius=round(ku * 0.16) + grow)
    for key_id, style in states.items():
        image, pos = _key_image(layout, geo, key_id, style, key_id in held, ku, theme)
        surf.blit(image, pos)
    if (lit or {}).get("CapsLock") == "held" and "CapsLock" in geo:  # Caps Lock's light, on
        r = geo["CapsLock"]
        radius = max(4, round(ku * 0.13))
        centre = (r.right - round(ku * 0.3), r.y + round(ku * 0.3))
        pygame.draw.circle(surf, theme.success, centre, radius)
        pygame.draw.circle(surf, theme.key_border, centre, radius, width=max(1, radius // 4))
    if "dead" in states.values():  # the order of the presses: 1 then 2
        for key_id, style in states.items():
            if style in ("dead", "next"):
                _badge(surf, geo[key_id], "1" if style == "dead" else "2", ku, theme)


def changed_rects(layout: keyboards.Layout, rect, unit: float, before, after) -> list[pygame.Rect]:
    """Where the drawing changes between two states of the same keyboard:
    each state is (lit, flash).  The keys whose style changed, with their
    ring and their « 1 »/« 2 » badge."""
    rect = tuple(int(round(v)) for v in rect)
    geo = _rects(layout, rect)

    def styles(state):
        lit, flash = state
        out = {k: v for k, v in (lit or {}).items() if k in geo and (v in RING_STYLES or v == "held")}
        if flash and flash[0] in geo:
            out[flash[0]] = "ok" if flash[1] else "wrong"
        badges = "dead" in out.values()
        return out, badges

    old, old_badges = styles(before)
    new, new_badges = styles(after)
    keys = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    if old_badges != new_badges:  # the badges come or go on the dead and next keys
        keys |= {k for k, v in {**old, **new}.items() if v in ("dead", "next")}
    ku = _key_unit(geo)
    margin = max(3, round(ku * 0.1), round(unit * 0.004)) + max(1, round(ku * 0.03)) + max(8, round(ku * 0.25)) + 2
    return [_outline(layout, geo, k).inflate(2 * margin, 2 * margin) for k in keys]


# --- geometry, cached --------------------------------------------------------

def _rects(layout, rect) -> dict[str, pygame.Rect]:
    key = (layout.name, rect)
    geo = _geometry.get(key)
    if geo is None:
        geo = {}
        for key_id, (x, y, w, h) in layout.geometry(rect).items():
            left, top = round(x), round(y)
            geo[key_id] = pygame.Rect(left, top, round(x + w) - left, round(y + h) - top)
        _geometry[key] = geo
        if len(_geometry) > 16:
            _geometry.popitem(last=False)
    return geo


def _key_unit(geo) -> int:
    """Side of a normal key, in pixels (its width when keys are taller than wide)."""
    r = geo.get("KeyA") or next(iter(geo.values()))
    return min(r.h, r.w)


def _held(layout, pressed) -> frozenset:
    out = set()
    for name in pressed or ():
        if name in ("shift", "ctrl"):
            out.update({"shift": ("ShiftLeft", "ShiftRight"), "ctrl": ("ControlLeft", "ControlRight")}[name])
        elif name in keyboards.KEY_NAMES:
            out.add(keyboards.KEY_NAMES[name])
        elif layout.key(name) is not None:
            out.add(name)
    return frozenset(out)


def _ear(layout, geo, key_id) -> pygame.Rect | None:
    """The upper part of a tall (ISO) Enter key, left of its stem."""
    for row in layout.rows:
        for i, key in enumerate(row):
            if key.id == key_id and key.height > 1.5 and i > 0:
                left = geo[row[i - 1].id]
                stem = geo[key_id]
                gap = geo[row[1].id].x - geo[row[0].id].right if len(row) > 1 else 0
                x = left.right + gap
                return pygame.Rect(x, stem.y, stem.right - x, left.h)
    return None


def _outline(layout, geo, key_id) -> pygame.Rect:
    r = geo[key_id]
    ear = _ear(layout, geo, key_id)
    return r.union(ear) if ear else r


# --- the idle keyboard -------------------------------------------------------

def _board(surf, layout, rect, geo, unit, theme):
    colours = (theme.key_case, theme.key, theme.text, theme.key_border, theme.key_lip, theme.primary)
    cache_key = (layout.name, layout.language, rect, surf.get_bitsize(), int(unit), colours)  # the idle keys' colours
    found = _boards.get(cache_key)
    if found is not None:
        _boards.move_to_end(cache_key)
        return found
    x, y, w, h = layout.bounds(rect)
    case = pygame.Rect(round(x), round(y), round(w), round(h))
    board = pygame.Surface(case.size, 0, surf) if surf.get_bitsize() >= 24 else pygame.Surface(case.size)
    board.fill(COLOURKEY)
    ku = _key_unit(geo)
    pygame.draw.rect(board, theme.key_case, board.get_rect(), border_radius=int(ku * 0.25))
    for key in layout.keys():
        image, pos = _key_image(layout, geo, key.id, "idle", False, ku, theme)
        board.blit(image, (pos[0] - case.x, pos[1] - case.y))
    board.set_colorkey(COLOURKEY, pygame.RLEACCEL)
    found = (board, case.topleft)
    _boards[cache_key] = found
    if len(_boards) > 6:
        _boards.popitem(last=False)
    return found


# --- one key -------------------------------------------------------------------

def _key_image(layout, geo, key_id, style, pressed, ku, theme):
    r = geo[key_id]
    ear = _ear(layout, geo, key_id)
    box = r.union(ear) if ear else r
    fill, ink, border = styles(theme)[style]
    lip = theme.key_lip if style in ("idle", "held") else border
    altgr_ink = theme.primary if style in ("idle", "held") else ink  # AltGr characters in blue, like AltGr's label
    colours = (fill, ink, border, lip, altgr_ink)
    cache_key = (layout.name, layout.language, key_id, box.size, style, pressed, ku, colours)
    image = _keys.get(cache_key)
    if image is None:
        image = _render_key(layout.key(key_id), r.move(-box.x, -box.y),
                            ear.move(-box.x, -box.y) if ear else None, style, pressed, ku, colours)
        _keys[cache_key] = image
        if len(_keys) > 600:
            _keys.popitem(last=False)
    else:
        _keys.move_to_end(cache_key)
    return image, box.topleft


def _render_key(key, stem: pygame.Rect, ear, style, pressed, ku, colours) -> pygame.Surface:
    box = stem.union(ear) if ear else stem
    image = pygame.Surface(box.size)
    image.fill(COLOURKEY)
    fill, ink, border, lip_colour, altgr_ink = colours
    lip = max(2, round(ku * 0.055))
    radius = max(2, round(ku * 0.14))
    line = max(1, round(ku * 0.035))
    parts = [stem] + ([ear] if ear else [])
    # the keycap: its side (lip) below, its top above; a held key sits down on its lip
    tops = []
    for part in parts:
        top = pygame.Rect(part.x, part.y, part.w, part.h - lip)
        if pressed:
            top.y += lip
        else:
            pygame.draw.rect(image, lip_colour, part, border_radius=radius)
        tops.append(top)
    for top in tops:
        pygame.draw.rect(image, border, top, border_radius=radius)
    for top in tops:
        pygame.draw.rect(image, fill, top.inflate(-2 * line, -2 * line), border_radius=max(1, radius - line))
    face = tops[-1] if ear else tops[0]  # the label goes on the upper, wider part of a tall Enter
    _labels(image, key, face, ink, altgr_ink, ku)
    image.set_colorkey(COLOURKEY)
    return image


def _labels(image, key, face: pygame.Rect, ink, altgr_ink, ku):
    pad = max(2, round(ku * 0.1))
    inner = face.inflate(-2 * round(ku * 0.16), -2 * pad)
    if inner.h > inner.w * 1.2:  # a key taller than wide (compact keyboard): its signs kept together, centred
        inner = pygame.Rect(inner.x, inner.centery - round(inner.w * 0.6), inner.w, round(inner.w * 1.2))
    if key.label:
        colour = altgr_ink if key.id == "AltRight" and key.label == "AltGr" else ink
        edge = min(pad, round(face.h * 0.06))
        _words(image, key.label, name_cap(ku, face), face.inflate(-2 * max(1, round(face.w * 0.03)), -2 * edge),
               colour)
        return
    if key.id.startswith("Arrow"):
        _arrow(image, key.id[5:], face, ink, ku)
        return
    if key.id == "MetaLeft" or key.id == "MetaRight":
        _windows_logo(image, face, ink, ku)
        return
    if key.id == "ContextMenu":
        _menu_icon(image, face, ink, ku)
        return
    if key.base is None:
        return
    if key.shift_altgr:  # Shift+AltGr (the AFNOR keyboard's É À Ç È), top right in AltGr's colour
        _place(image, key.shift_altgr, ku * 0.24, inner, "topright", altgr_ink)
    base, shift, altgr = key.base, key.shift, key.altgr
    if len(base) == 1 and base.isalpha() and shift == base.upper() and shift != base:
        # a letter: only the capital, as printed on real keyboards
        if altgr:
            _place(image, shift, ku * 0.42, inner, "topleft", ink)
            _place(image, altgr, ku * 0.24, inner, "bottomright", altgr_ink)
        else:
            _place(image, shift, ku * 0.5, inner, "center", ink)
        return
    if shift is None or shift == base:
        _place(image, base, ku * 0.34, inner, "center" if not altgr else "topleft", ink)
    else:
        _place(image, shift, ku * 0.32, inner, "topleft", ink)
        _place(image, base, ku * 0.32, inner, "bottomleft", ink)
    if altgr:
        _place(image, altgr, ku * 0.24, inner, "bottomright", altgr_ink)


# glyphs much smaller than a capital: drawn larger, centred in their place (not ² and ³:
# enlarged, they would look like the digits)
ACCENTS = set("^¨´`~")
_cap: dict[bool, float] = {}


def _cap_ratio() -> float:
    """Height of a capital letter, as a fraction of the font size."""
    if True not in _cap:
        _cap[True] = max(0.5, text.font(100, bold=True).metrics("H")[0][3] / 100)
    return _cap[True]


def _place(image, ch, cap, inner: pygame.Rect, where, colour):
    """One character with capitals ``cap`` pixels tall, set on its baseline at
    a corner (or the centre) of ``inner``: the capitals' top at the top, the
    baseline at the bottom, the ink against the side."""
    floating = ch in ACCENTS
    if floating:
        cap *= 1.5
    px = max(8, int(cap / _cap_ratio()))
    # rendered here, not with text.render: key images are cached by this module,
    # and a hundred keycap characters would push other text out of text's cache
    surf = text.font(px, bold=True).render(ch, True, colour)
    ink = surf.get_bounding_rect()
    limit = inner.w * (0.55 if where != "center" else 1.0)
    if ink.w > limit:
        px = max(8, int(px * limit / ink.w))
        surf = text.font(px, bold=True).render(ch, True, colour)
        ink = surf.get_bounding_rect()
    if not ink.w:
        return
    ascent = text.font(px, bold=True).get_ascent()  # the baseline, from the surface's top
    if floating:
        cap /= 1.5
    if where.startswith("top"):
        middle = inner.top + cap / 2
    elif where.startswith("bottom"):
        middle = inner.bottom - cap / 2
    else:
        middle = inner.centery
    if floating:  # an accent floats: its ink in the middle of a capital's place
        y = middle - ink.centery
    else:  # everything else sits on its baseline, capitals filling their place
        y = middle + cap / 2 - ascent
    if where.endswith("left"):
        x = inner.left - ink.x
    elif where.endswith("right"):
        x = inner.right - ink.right
    else:
        x = inner.centerx - ink.centerx
    image.blit(surf, (round(x), round(y)))


def _name_fit(label, px, box: pygame.Rect):
    """(size, lines, line step, height) of a key's name in ``box``: one line,
    or two split between words, never inside a word; as large as fits, up to
    ``px``, never under 8 px."""
    words = label.split()
    options = [[label]] + [[" ".join(words[:i]), " ".join(words[i:])] for i in range(1, len(words))]
    size = int(px)
    while True:
        f = text.font(size, bold=True)
        for lines in options:
            sizes = [f.size(line) for line in lines]
            step = int(size * 1.08)
            height = step * (len(lines) - 1) + sizes[-1][1]
            # (a line's box has room above the capitals and below the letters: 10 % of it may pass the edge)
            if max(w for w, _ in sizes) <= box.w and height * 0.9 <= box.h:
                return size, lines, step, height
        if size <= 8:
            return None
        size = max(8, int(size * 0.92))


def _words(image, label, px, box: pygame.Rect, colour):
    """A key's name on one line, or on two lines split between words, never
    inside a word; as large as fits, up to ``px``."""
    found = _name_fit(label, px, box)
    if found is None:
        return
    size, lines, step, height = found
    f = text.font(size, bold=True)
    y = box.centery - height // 2
    for line in lines:
        s = f.render(line, True, colour)
        image.blit(s, s.get_rect(midtop=(box.centerx, y)))
        y += step


def name_cap(ku, face: pygame.Rect) -> float:
    """The largest size of a key's name: :data:`NAME_SHARE` of a key, more on a
    key taller than wide (portrait), where two lines have room."""
    return max(ku, min(face.h, round(face.w * 0.8))) * NAME_SHARE


def _name_box(geo, layout, key_id, ku) -> pygame.Rect:
    """Where a key's name is written (as :func:`_render_key` and :func:`_labels` place it)."""
    r = geo[key_id]
    ear = _ear(layout, geo, key_id)
    part = ear if ear else r
    lip = max(2, round(ku * 0.055))
    face = pygame.Rect(part.x, part.y, part.w, part.h - lip)
    pad = max(2, round(ku * 0.1))
    edge = min(pad, round(face.h * 0.06))
    return face.inflate(-2 * max(1, round(face.w * 0.03)), -2 * edge)


def name_sizes(layout: keyboards.Layout, rect) -> dict[str, int]:
    """Key id -> the font size of its written name (« Entrée », « Maj »...), as
    drawn in ``rect`` (0: the name does not fit at all)."""
    rect = tuple(int(round(v)) for v in rect)
    geo = _rects(layout, rect)
    ku = _key_unit(geo)
    out = {}
    for key in layout.keys():
        if key.label and key.id in geo:
            box = _name_box(geo, layout, key.id, ku)
            found = _name_fit(key.label, name_cap(ku, box), box)
            out[key.id] = found[0] if found else 0
    return out


def _arrow(image, direction, face: pygame.Rect, colour, ku):
    s = ku * 0.2
    cx, cy = face.center
    points = {
        "Up": [(cx, cy - s), (cx - s, cy + s * 0.7), (cx + s, cy + s * 0.7)],
        "Down": [(cx, cy + s), (cx - s, cy - s * 0.7), (cx + s, cy - s * 0.7)],
        "Left": [(cx - s, cy), (cx + s * 0.7, cy - s), (cx + s * 0.7, cy + s)],
        "Right": [(cx + s, cy), (cx - s * 0.7, cy - s), (cx - s * 0.7, cy + s)],
    }[direction]
    pygame.draw.polygon(image, colour, points)


def _windows_logo(image, face: pygame.Rect, colour, ku):
    s = max(2, round(ku * 0.11))
    g = max(1, round(ku * 0.025))
    x0 = face.centerx - s - g // 2
    y0 = face.centery - s - g // 2
    for dx in (0, s + g):
        for dy in (0, s + g):
            pygame.draw.rect(image, colour, (x0 + dx, y0 + dy, s, s))


def _menu_icon(image, face: pygame.Rect, colour, ku):
    w, h = round(ku * 0.28), round(ku * 0.34)
    page = pygame.Rect(0, 0, w, h)
    page.center = face.center
    line = max(1, round(ku * 0.03))
    pygame.draw.rect(image, colour, page, width=line)
    for i in range(1, 4):
        y = page.y + page.h * i // 4
        pygame.draw.line(image, colour, (page.x + w // 4, y), (page.right - w // 4, y), line)


def _badge(surf, r: pygame.Rect, number, ku, theme):
    radius = max(8, round(ku * 0.25))
    centre = (r.right - radius // 3, r.y + radius // 3)
    pygame.draw.circle(surf, theme.panel, centre, radius)
    pygame.draw.circle(surf, theme.primary, centre, radius, width=max(2, radius // 5))
    label = text.fit(number, int(radius * 1.5), theme.primary, radius * 2, radius * 2, bold=True)
    text.blit_center(surf, label, (centre[0] - radius, centre[1] - radius, 2 * radius, 2 * radius))
