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
        # colours: swatches 8.5 % of the height, on one row, or two when the screen is narrow
        sw = max(int(h * 0.085), 44)
        gap = int(h * 0.025)
        per_row = len(COLOURS) if len(COLOURS) * (sw + gap) - gap <= w * 0.96 else -(-len(COLOURS) // 2)
        sy = self.field.bottom + room
        x0 = (w - (per_row * sw + (per_row - 1) * gap)) // 2
        self.swatches = [(pygame.Rect(x0 + (i % per_row) * (sw + gap), sy + (i // per_row) * (sw + gap), sw, sw), c)
                         for i, c in enumerate(COLOURS)] if self.colours else []
        # letters: rows as long as the width allows (AZERTY's rows when they fit), keys 6 % of the height
        y = (self.swatches[-1][0].bottom if self.swatches else self.field.bottom) + room
        key = max(44, int(h * 0.062), int(min(h * 0.085, w * 0.07)))
        kgap = int(key * 0.12)
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
                    self.colour = colour
                    return
        super().handle(event)

    def draw_content(self, surf, theme):
        self.draw_title(surf, self.heading(), theme)
        label = text.render(self.app.t(self.field_label_id), int(self.unit * theme.body), theme.muted, bold=True)
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
