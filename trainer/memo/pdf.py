"""The memo's pages drawn into a PDF (A4, portrait) with fpdf2.

fpdf2 is pure Python and well kept, embeds our TrueType font (Atkinson
Hyperlegible, made for low vision) and draws the shapes we need; nothing
else is used, and nothing goes on the network.

Type sizes are for reading at arm's length with poor eyes: titles 30 pt,
the first sentence 20 pt, everything else at least 16 pt (the printed legends
on the drawn keys too); black on white, the key or button to use filled
in dark blue.  One sheet is always one page: what does not fit (a long
list of reminders) is left out rather than spilling onto a second page.
"""
from __future__ import annotations

import math
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .. import resources
from ..exchange import write_atomically
from .sheets import KeyCap, KeyCombo, MouseGesture, Sheet

PAGE_W, PAGE_H = 210.0, 297.0  # A4, mm
MARGIN = 15.0
WIDTH = PAGE_W - 2 * MARGIN
TITLE_PT, LEAD_PT, BODY_PT, SMALL_PT = 30, 20, 18, 16
KEY_PT = 22  # legends on the drawn keys
UNIT = 24.0  # a letter key, mm (a real one is 19 mm: bigger, to be read without glasses)
MARK = 6.2  # the radius of the round mark under the wanted legend, mm
ARROWS = {"ArrowLeft": 180, "ArrowRight": 0, "ArrowUp": 90, "ArrowDown": 270}  # drawn, not written
GAP = 3.0
INK = (0, 0, 0)
ACCENT = (22, 74, 150)  # dark blue: 8.3:1 on white
PAPER = (255, 255, 255)
SOFT = (225, 232, 245)  # the light fill of a wanted key (its legend stays black: 15:1)
PT = 0.3528  # mm per point
FONT = "Atkinson"


class _Memo(FPDF):
    def __init__(self, title: str, language: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.add_font(FONT, "", str(resources.font_path()))
        self.add_font(FONT, "B", str(resources.font_path(bold=True)))
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("Pas à pas")
        self.set_author("Pas à pas")

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def lines_height(self, text: str, size: float, width: float, bold: bool = False) -> float:
        self.font(size, bold)
        lines = self.multi_cell(width, size * PT * 1.35, text, dry_run=True, output="LINES", align="L")
        return len(lines) * size * PT * 1.35


# -- the drawings -------------------------------------------------------------------

def _cap_width(cap: KeyCap, pdf: _Memo | None = None) -> float:
    if not cap.name or cap.key_id in ARROWS:
        return UNIT
    width = UNIT * max(1.0, min(cap.width, 2.2))
    if pdf is not None:
        pdf.font(KEY_PT, True)
        width = max(width, pdf.get_string_width(cap.name) + 8.0)
    return width


def _combo_size(combo: KeyCombo, pdf: _Memo | None = None) -> tuple[float, float]:
    width = 0.0
    for i, press in enumerate(combo.presses):
        if i:
            width += 16.0  # then: an arrow between two presses
        width += sum(_cap_width(c, pdf) for c in press) + 9.0 * (len(press) - 1)  # « + » between held keys
    return width, UNIT


def _arrow(pdf: _Memo, cx: float, cy: float, angle: int, length: float) -> None:
    """A filled arrow pointing at ``angle`` degrees (0: right, 90: up)."""
    dx, dy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
    tip = (cx + dx * length / 2, cy + dy * length / 2)
    tail = (cx - dx * length / 2, cy - dy * length / 2)
    base = (tip[0] - dx * length * 0.45, tip[1] - dy * length * 0.45)
    side = (-dy * length * 0.3, dx * length * 0.3)
    pdf.set_line_width(1.6)
    pdf.line(tail[0], tail[1], base[0], base[1])
    pdf.polygon([tip, (base[0] + side[0], base[1] + side[1]), (base[0] - side[0], base[1] - side[1])], style="F")


def _draw_cap(pdf: _Memo, cap: KeyCap, x: float, y: float) -> float:
    w, h = _cap_width(cap, pdf), UNIT
    pdf.set_line_width(0.7)
    pdf.set_draw_color(*INK)
    pdf.set_fill_color(*(SOFT if cap.name else PAPER))
    pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=2.5)
    pdf.set_text_color(*INK)
    if cap.key_id in ARROWS:
        pdf.set_fill_color(*INK)
        pdf.set_draw_color(*INK)
        _arrow(pdf, x + w / 2, y + h / 2, ARROWS[cap.key_id], w * 0.55)
        return w
    if cap.name:
        pdf.font(KEY_PT, True)
        pdf.text(x + (w - pdf.get_string_width(cap.name)) / 2, y + h / 2 + KEY_PT * PT * 0.35, cap.name)
        return w
    inset = MARK + 0.8
    places = {"top": (x + inset, y + inset), "bottom": (x + inset, y + h - inset),
              "right": (x + w - inset, y + h - inset)}
    for place, legend in (("top", cap.top), ("bottom", cap.bottom), ("right", cap.right)):
        if not legend:
            continue
        cx, cy = places[place]
        wanted = cap.wanted == place
        if wanted:  # a round mark under the legend the learner wants
            pdf.set_fill_color(*ACCENT)
            pdf.ellipse(cx - MARK, cy - MARK, 2 * MARK, 2 * MARK, style="F")
        pdf.set_text_color(*(PAPER if wanted else INK))
        pdf.font(KEY_PT, wanted)
        pdf.text(cx - pdf.get_string_width(legend) / 2, cy + KEY_PT * PT * 0.35, legend)
    pdf.set_text_color(*INK)
    return w


def _draw_combo(pdf: _Memo, combo: KeyCombo, x: float, y: float) -> None:
    for i, press in enumerate(combo.presses):
        if i:  # then: an arrow
            pdf.set_line_width(0.8)
            pdf.set_draw_color(*INK)
            pdf.set_fill_color(*INK)
            _arrow(pdf, x + 8.0, y + UNIT / 2, 0, 11.0)
            x += 16.0
        for j, cap in enumerate(press):
            if j:
                pdf.font(BODY_PT, True)
                pdf.text(x + 4.5 - pdf.get_string_width("+") / 2, y + UNIT / 2 + BODY_PT * PT * 0.35, "+")
                x += 9.0
            x += _draw_cap(pdf, cap, x, y)


MOUSE_W, MOUSE_H = 32.0, 48.0


def _gesture_size(gesture: MouseGesture) -> tuple[float, float]:
    return MOUSE_W + (34.0 if gesture.drag else 16.0 if gesture.times > 1 else 0.0), MOUSE_H


def _draw_mouse(pdf: _Memo, gesture: MouseGesture, x: float, y: float) -> None:
    w, h = MOUSE_W, MOUSE_H
    pdf.set_line_width(0.7)
    pdf.set_draw_color(*INK)
    pdf.set_fill_color(*PAPER)
    pdf.rect(x, y, w, h, style="DF", round_corners=True, corner_radius=11.0)
    split = y + h * 0.42
    pdf.line(x, split, x + w, split)
    pdf.line(x + w / 2, y, x + w / 2, split)
    if gesture.button in ("left", "right"):  # the button filled: the mouse's shape, cut to the button
        bx = x if gesture.button == "left" else x + w / 2
        pdf.set_fill_color(*ACCENT)
        with pdf.rect_clip(bx + 1.0, y + 1.0, w / 2 - 2.0, split - y - 2.0):
            pdf.rect(x, y, w, h, style="F", round_corners=True, corner_radius=11.0)
    wheel_fill = ACCENT if gesture.button == "wheel" else PAPER
    pdf.set_fill_color(*wheel_fill)
    pdf.rect(x + w / 2 - 2.2, y + 5.0, 4.4, 9.0, style="DF", round_corners=True, corner_radius=2.0)
    right = x + w + 3.0
    if gesture.times > 1:
        pdf.font(LEAD_PT, True)
        pdf.set_text_color(*ACCENT)
        pdf.text(right, y + h / 2, f"× {gesture.times}")
        pdf.set_text_color(*INK)
    if gesture.drag:  # hold and move: a long arrow
        pdf.set_line_width(1.0)
        pdf.set_draw_color(*ACCENT)
        pdf.line(right, y + h * 0.6, right + 26.0, y + h * 0.6)
        pdf.set_fill_color(*ACCENT)
        pdf.polygon([(right + 26.0, y + h * 0.6 - 3.5), (right + 31.0, y + h * 0.6),
                     (right + 26.0, y + h * 0.6 + 3.5)], style="F")
    if gesture.button == "wheel":  # turn it towards you
        pdf.set_line_width(1.0)
        pdf.set_draw_color(*ACCENT)
        pdf.line(x + w / 2, y - 2.0, x + w / 2, y + 17.0)


def _draw_finger(pdf: _Memo, gesture: MouseGesture, x: float, y: float) -> None:
    """A fingertip coming down on a round target: tap, hold (a ring), slide (an arrow)."""
    cx, cy = x + 16.0, y + 30.0  # where the finger touches
    pdf.set_line_width(0.7)
    pdf.set_draw_color(*INK)
    pdf.set_fill_color(*SOFT)
    pdf.ellipse(cx - 9.0, cy - 9.0, 18.0, 18.0, style="DF")  # the thing touched
    pdf.set_fill_color(*PAPER)
    pdf.rect(cx - 5.5, y, 11.0, cy - y + 3.0, style="DF", round_corners=True, corner_radius=5.5)  # the finger
    pdf.set_fill_color(*ACCENT)
    pdf.ellipse(cx - 3.0, cy - 3.0, 6.0, 6.0, style="F")  # where it presses
    right = x + 34.0
    if gesture.button == "right":  # hold: a ring around, and how long
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(1.2)
        pdf.ellipse(cx - 13.0, cy - 13.0, 26.0, 26.0, style="D")
        pdf.font(LEAD_PT, True)
        pdf.set_text_color(*ACCENT)
        pdf.text(right, cy + 2.0, "1 s")
        pdf.set_text_color(*INK)
    if gesture.times > 1:
        pdf.font(LEAD_PT, True)
        pdf.set_text_color(*ACCENT)
        pdf.text(right, cy + 2.0, f"× {gesture.times}")
        pdf.set_text_color(*INK)
    pdf.set_fill_color(*ACCENT)
    pdf.set_draw_color(*ACCENT)
    if gesture.drag:  # slide it, without lifting the finger
        _arrow(pdf, right + 14.0, cy, 0, 26.0)
    elif gesture.button == "wheel":  # slide the page up
        _arrow(pdf, right + 6.0, cy - 4.0, 90, 24.0)


def _size(drawing, pdf: _Memo | None = None) -> tuple[float, float]:
    return _combo_size(drawing, pdf) if isinstance(drawing, KeyCombo) else _gesture_size(drawing)


def _caption_height(pdf: _Memo, drawing, width: float) -> float:
    h = BODY_PT * PT * 1.35 + 2.0 if drawing.caption else 0.0
    note = getattr(drawing, "note", None)
    if note:
        h += pdf.lines_height(note, SMALL_PT, width)
    return h


def _layout(pdf: _Memo, drawings) -> list[list[tuple[object, float]]]:
    """The drawings in rows across the page: (drawing, its cell width)."""
    rows: list[list[tuple[object, float]]] = []
    row: list = []
    used = 0.0
    for d in drawings:
        w = max(_size(d, pdf)[0], 86.0 if isinstance(d, MouseGesture) else 52.0) + 8.0
        w = min(w, WIDTH)
        if row and used + w > WIDTH:
            rows.append(row)
            row, used = [], 0.0
        row.append((d, w))
        used += w
    if row:
        rows.append(row)
    return rows


def _rows_height(pdf: _Memo, rows) -> float:
    total = 0.0
    for row in rows:
        total += max(_caption_height(pdf, d, w - 4) + _size(d, pdf)[1] + 2.0 for d, w in row) + 8.0
    return total


def _draw_rows(pdf: _Memo, rows, y: float) -> float:
    for row in rows:
        x = MARGIN
        tallest = 0.0
        for d, w in row:
            pdf.font(BODY_PT, True)
            pdf.set_text_color(*INK)
            top = y
            if d.caption:
                pdf.set_xy(x, y)
                pdf.multi_cell(w - 4, BODY_PT * PT * 1.35, d.caption, new_x=XPos.LEFT, new_y=YPos.NEXT, align="L")
                top = pdf.get_y() + 2.0
            if isinstance(d, KeyCombo):
                _draw_combo(pdf, d, x, top)
            elif d.touch:
                _draw_finger(pdf, d, x, top)
            else:
                _draw_mouse(pdf, d, x, top)
            bottom = top + _size(d, pdf)[1] + 2.0
            note = getattr(d, "note", None)
            if note:
                pdf.font(SMALL_PT)
                pdf.set_xy(x, bottom)
                pdf.multi_cell(w - 4, SMALL_PT * PT * 1.35, note, new_x=XPos.LEFT, new_y=YPos.NEXT, align="L")
                bottom = pdf.get_y()
            tallest = max(tallest, bottom - y)
            x += w
        y += tallest + 8.0
    return y


def _key_list(pdf: _Memo, combos, y: float, bottom: float) -> None:
    """One key a row: the key on the left, what it does on its right."""
    key_w = max((_combo_size(c, pdf)[0] for c in combos), default=UNIT)
    text_x = MARGIN + key_w + 8.0
    for combo in combos:
        words = combo.note or ""
        height = max(UNIT, pdf.lines_height(words, BODY_PT, MARGIN + WIDTH - text_x))
        if y + height > bottom:
            break  # (never with our keys: one page stays one page)
        _draw_combo(pdf, combo, MARGIN, y)
        pdf.font(BODY_PT)
        pdf.set_xy(text_x, y + max(0.0, (UNIT - pdf.lines_height(words, BODY_PT, MARGIN + WIDTH - text_x)) / 2))
        pdf.multi_cell(MARGIN + WIDTH - text_x, BODY_PT * PT * 1.35, words, new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       align="L")
        y += height + 9.0


# -- a page ------------------------------------------------------------------------

def _page(pdf: _Memo, sheet: Sheet, reminders_title: str) -> None:
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.font(TITLE_PT, True)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.multi_cell(WIDTH, TITLE_PT * PT * 1.25, sheet.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.line(MARGIN, pdf.get_y() + 2, MARGIN + WIDTH, pdf.get_y() + 2)
    pdf.set_y(pdf.get_y() + 6)
    if sheet.lead:
        pdf.font(LEAD_PT)
        pdf.multi_cell(WIDTH, LEAD_PT * PT * 1.35, sheet.lead, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        pdf.set_y(pdf.get_y() + 5)
    footer_top = PAGE_H - MARGIN - SMALL_PT * PT * 1.35
    if sheet.kind == "keys":
        _key_list(pdf, sheet.drawings, pdf.get_y() + 2, footer_top)
        sheet = Sheet(sheet.title, footer=sheet.footer, kind="keys")  # (drawn: only the footer is left)
    rows = _layout(pdf, sheet.drawings)
    while rows and pdf.get_y() + _rows_height(pdf, rows) > footer_top - 10:
        rows = rows[:-1]  # (never: a skill page has at most 8 drawings; but one page stays one page)
    y = _draw_rows(pdf, rows, pdf.get_y() + 2)
    reminders = list(sheet.reminders)
    line = BODY_PT * PT * 1.35

    def reminders_height(items) -> float:
        return (line + 2 if items and sheet.kind == "skill" else 0) + sum(
            pdf.lines_height(f"•  {r}", BODY_PT, WIDTH - 8) + 2 for r in items)
    while reminders and y + reminders_height(reminders) > footer_top - 4:
        reminders.pop()
    if reminders:
        pdf.set_xy(MARGIN, y)
        if sheet.kind == "skill":
            pdf.font(BODY_PT, True)
            pdf.multi_cell(WIDTH, line, reminders_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            pdf.set_y(pdf.get_y() + 2)
        for reminder in reminders:
            pdf.font(BODY_PT)
            pdf.set_x(MARGIN)
            pdf.multi_cell(WIDTH - 8, line, f"•  {reminder}", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            pdf.set_y(pdf.get_y() + 2)
    if sheet.footer:
        pdf.font(SMALL_PT)
        pdf.set_text_color(70, 70, 70)  # 10:1 on white
        pdf.set_xy(MARGIN, footer_top)
        pdf.cell(WIDTH, SMALL_PT * PT * 1.35, sheet.footer)
        pdf.set_text_color(*INK)


def memo_bytes(sheets: list[Sheet], tr, title: str | None = None) -> bytes:
    """The PDF of ``sheets``, one page each, as bytes."""
    pdf = _Memo(title or tr.t("memo.document_title"), tr.language)
    for sheet in sheets:
        _page(pdf, sheet, tr.t("memo.reminders"))
    return bytes(pdf.output())


def write_memo(sheets: list[Sheet], path, tr, title: str | None = None) -> Path:
    """Write the PDF to ``path`` all at once (a file half written is never left:
    :func:`trainer.exchange.write_atomically`)."""
    path = Path(path)
    write_atomically(path, memo_bytes(sheets, tr, title))
    return path
