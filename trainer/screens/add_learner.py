"""A new person: the facilitator types a first name and picks a colour.

Works with a physical keyboard (text input, Backspace, Enter) and on a
tablet with the letters drawn on screen.
"""
from __future__ import annotations

import pygame

from .. import input as inp
from ..progress import COLOURS
from ..ui import text
from ..ui.theme import deepened
from ..ui.widgets import Button
from .base import Screen

LETTER_ROWS = ["AZERTYUIOP", "QSDFGHJKLM", "WXCVBN-'", "ÉÈÊËÀÇÏÔ"]
MAX_NAME = 24


class AddLearnerScreen(Screen):
    name = "add_learner"
    field_label_id = "add_learner.first_name"  # the word above the field
    letter_rows = LETTER_ROWS  # the keys drawn (a device's name has digits too)
    colours = True  # the colours to choose under the field (a person's; not a place's)

    def __init__(self, app):
        super().__init__(app)
        self.value = ""
        self.colour = app.store.next_colour()
        self.message = ""
        self.layout(*app.size)

    def banner_box(self):
        """Upright, the letters need every row down to the bottom: the banner takes
        the title's row while it shows (the word above the field says what to write)."""
        if self.portrait and self.title_rect().y >= self.top_bar_height():
            return self.title_rect(), False
        return super().banner_box()

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = []
        t = self.app.t
        back = Button(t("common.cancel"), self.back, style="secondary", icon="back", id="back")
        back.rect = self.back_button_rect()
        self.save_button = Button(t("common.save"), self.save, style="primary", enabled=bool(self.value.strip()),
                                  id="save")
        m = int(h * 0.02)
        self.save_button.rect = self.right_button_rect()
        self.buttons += [back, self.save_button]
        top = self.content_top()
        room = int(h * (0.025 if self.portrait else 0.035))  # between the parts (a tall screen has many rows)
        self.field = pygame.Rect(int(w * (0.05 if self.portrait else 0.2)), top + int(h * 0.045),
                                 int(w * (0.9 if self.portrait else 0.6)), int(h * 0.1))
        # colours: swatches 8.5 % of the height, on one row, or two when the screen is narrow; upright,
        # one swatch that changes colour at each touch (the letters need the room)
        sw = max(int(h * 0.085), 44)
        gap = int(h * 0.025)
        per_row = len(COLOURS) if len(COLOURS) * (sw + gap) - gap <= w * 0.96 else -(-len(COLOURS) // 2)
        sy = self.field.bottom + room
        if not self.colours:
            self.swatches = []
        elif self.portrait:
            self.swatches = [(pygame.Rect(self.field.right - sw - int(h * 0.012), sy, sw, sw), self.colour)]
        else:
            x0 = (w - (per_row * sw + (per_row - 1) * gap)) // 2
            self.swatches = [(pygame.Rect(x0 + (i % per_row) * (sw + gap), sy + (i // per_row) * (sw + gap), sw,
                                          sw), c) for i, c in enumerate(COLOURS)]
        y = (self.swatches[-1][0].bottom if self.swatches else self.field.bottom) + room
        if self.portrait:
            self._portrait_letters(y)
            return
        # letters: rows as long as the width allows (AZERTY's rows when they fit), keys 8 % of the height
        key = max(44, int(h * 0.081) + 1, int(min(h * 0.085, w * 0.07)))
        kgap = int(key * 0.12)
        rows_needed = -(-sum(len(row) for row in self.letter_rows) // max(4, (int(w * 0.96) + kgap) // (key + kgap)))
        need = (max(len(self.letter_rows), rows_needed) + 1) * (key + kgap) - kgap
        if y + need > self.bottom - int(h * 0.01):  # (the banner shows: the parts closer together)
            y = max(self.field.bottom + int(h * 0.01), self.bottom - int(h * 0.01) - need)
        per_row = max(4, (int(w * 0.96) + kgap) // (key + kgap))
        rows = [row[i:i + per_row] for row in self.letter_rows for i in range(0, len(row), per_row)]
        if len(rows) > len(self.letter_rows):  # narrow: the letters in full rows, in keyboard order
            letters = "".join(self.letter_rows)
            rows = [letters[i:i + per_row] for i in range(0, len(letters), per_row)]
        for row in rows:
            x = (w - (len(row) * key + (len(row) - 1) * kgap)) // 2
            for ch in row:
                b = Button(ch, (lambda ch=ch: self.type(ch)), style="secondary", id=f"letter:{ch}")
                b.rect = pygame.Rect(x, y, key, key)
                self.buttons.append(b)
                x += key + kgap
            y += key + kgap
        space = Button(t("common.space"), lambda: self.type(" "), style="secondary", id="space")
        space.rect = pygame.Rect(w // 2 - key * 3, y, key * 4, key)
        erase = Button(t("common.erase"), self.erase, style="secondary", icon="erase", id="erase")
        erase.rect = pygame.Rect(w // 2 + key + kgap, y, key * 3, key)
        self.buttons += [space, erase]

    def _portrait_letters(self, y):
        """Upright: keys 8 % of the height in as many full rows as the width allows;
        when the letters do not all fit, the accented ones (and - ') on a second
        page, « É È… » and « A B C » going from one to the other."""
        w, h, t = self.w, self.h, self.app.t
        key = max(44, int(h * 0.081) + 1)
        kgap = max(3, int(key * 0.06))
        per_row = max(4, (int(w * 0.98) + kgap) // (key + kgap))
        rows = max(2, (self.bottom - int(h * 0.015) - y + kgap) // (key + kgap))
        letters = "".join(self.letter_rows)
        plain = "".join(ch for ch in letters if "A" <= ch <= "Z")
        # (Espace and Effacer share the last row)
        fits = -(-len(letters) // per_row) + 1 <= rows
        pages = [letters] if fits else [plain, "".join(c for c in letters if c not in plain)]
        page = pages[min(getattr(self, "letter_page", 0), len(pages) - 1)]
        slots = [(ch, 1) for ch in page]
        if len(pages) > 1:
            slots.append(("pages", 1))
        last = -(-len(slots) // per_row)  # the row of Espace and Effacer
        slots += [("space", per_row - per_row // 2), ("erase", per_row // 2)]
        x0 = (w - (per_row * key + (per_row - 1) * kgap)) // 2
        col, row = 0, 0
        for what, width in slots:
            if col + width > per_row or (what == "space" and row < last):
                col, y, row = 0, y + key + kgap, row + 1
            rect = pygame.Rect(x0 + col * (key + kgap), y, width * key + (width - 1) * kgap, key)
            col += width
            if what == "space":
                b = Button(t("common.space"), lambda: self.type(" "), style="secondary", id="space")
            elif what == "erase":
                b = Button(t("common.erase"), self.erase, style="secondary", id="erase")
            elif what == "pages":
                other = 1 - pages.index(page)
                b = Button(t("add_learner.accents" if other else "add_learner.plain_letters"),
                           lambda other=other: self.turn_letters(other), style="secondary", id="letters:other")
            else:
                b = Button(what, (lambda ch=what: self.type(ch)), style="secondary", id=f"letter:{what}")
            b.rect = rect
            self.buttons.append(b)

    def turn_letters(self, page: int) -> None:
        """The other page of letters (a tablet held upright)."""
        self.letter_page = page
        self.layout(self.w, self.h)

    def heading(self) -> str:
        return self.app.t("add_learner.title")

    def type(self, chars: str):
        for ch in chars:
            if ch.isprintable() and len(self.value) < MAX_NAME and not (ch == " " and self.value.endswith(" ")):
                if self.value and self.value[-1] not in " -'":
                    ch = ch.lower()
                self.value += ch
        self.message = ""
        self.save_button.enabled = bool(self.value.strip())

    def erase(self):
        self.value = self.value[:-1]
        self.message = ""
        self.save_button.enabled = bool(self.value.strip())

    def save(self):
        name = " ".join(self.value.split())
        if not name:
            self.message = self.app.t("add_learner.empty")
            return
        if self.app.store.name_taken(name):
            self.message = self.app.t("add_learner.taken", name=name)
            return
        self.app.store.add_learner(name, self.colour)
        self.app.nav.back()

    def back(self):
        self.app.nav.back()

    def handle(self, event):
        if isinstance(event, inp.TextInput):
            self.type(event.text)
            return
        if isinstance(event, inp.KeyDown):
            if event.key == pygame.K_BACKSPACE:
                self.erase()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.save()
            else:
                self.on_key(event)
            return
        if isinstance(event, inp.Click):
            for rect, colour in self.swatches:
                if event.on(rect.collidepoint):  # pressed and released on it
                    if len(self.swatches) == 1:  # upright: one swatch, the next colour at each touch
                        colour = COLOURS[(COLOURS.index(self.colour) + 1) % len(COLOURS)] \
                            if self.colour in COLOURS else COLOURS[0]
                        self.swatches = [(rect, colour)]
                    self.colour = colour
                    return
        super().handle(event)

    def draw_content(self, surf, theme):
        self.draw_title(surf, self.heading(), theme)
        # (as wide as the field at most: a long name of the field gets smaller, never cut by the window's edge)
        label = text.fit(self.app.t(self.field_label_id), int(self.unit * theme.body), theme.muted, self.field.w,
                         int(self.h * 0.045), bold=True, align="left")
        surf.blit(label, label.get_rect(bottomleft=(self.field.x, self.field.y - int(self.h * 0.01))))
        pygame.draw.rect(surf, theme.panel, self.field, border_radius=int(self.h * 0.015))
        pygame.draw.rect(surf, theme.primary, self.field, width=max(3, int(self.h * 0.005)),
                         border_radius=int(self.h * 0.015))
        shown = text.render(self.value or " ", int(self.unit * theme.title), theme.text, bold=True)
        pos = shown.get_rect(midleft=(self.field.x + int(self.h * 0.02), self.field.centery))
        surf.blit(shown, pos)
        caret_x = pos.right + 3 if self.value else pos.x
        pygame.draw.line(surf, theme.text, (caret_x, self.field.y + self.field.h * 0.2),
                         (caret_x, self.field.bottom - self.field.h * 0.2), max(2, int(self.h * 0.004)))
        if len(self.swatches) == 1:  # upright: one swatch, said how it changes
            rect = self.swatches[0][0]
            words = text.fit(self.app.t("add_learner.colour_tap"), int(self.unit * theme.body), theme.text,
                             rect.x - self.field.x - int(self.h * 0.03), rect.h, bold=True, align="left")
            surf.blit(words, words.get_rect(midleft=(self.field.x, rect.centery)))
        for rect, colour in self.swatches:
            pygame.draw.circle(surf, deepened(pygame.Color(colour)), rect.center, rect.w // 2)
            # its edge, seen on any page (a dark colour on black)
            pygame.draw.circle(surf, theme.border, rect.center, rect.w // 2, width=max(2, int(self.h * 0.004)))
            if colour == self.colour:
                pygame.draw.circle(surf, theme.text, rect.center, rect.w // 2 + int(self.h * 0.012),
                                   width=max(3, int(self.h * 0.006)))
        if self.message:
            msg = text.fit(self.message, self.unit * theme.body, theme.hint_text, int(self.w * 0.8), int(self.h * 0.06))
            surf.blit(msg, msg.get_rect(midtop=(self.w // 2, self.field.bottom + int(self.h * 0.005))))
