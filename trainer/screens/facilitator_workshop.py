"""« Atelier du jour » (facilitator mode): where today's workshop is held.

Named once per device and per day: the sessions started from then on belong
to that workshop (« hors atelier » otherwise; « à la maison » on a loaned
device).  The places of earlier workshops are offered first, the last one on
top: the same as last time is two taps from the facilitator's home (« Atelier
du jour », then the place).  A new place is typed in two steps (the town, then
the place).  The sessions of today that started before the workshop was named
can be attached to it here.
"""
from __future__ import annotations

import pygame

from .. import input as inp
from ..ui import text
from ..ui.widgets import Button
from ..exchange_checks import visible_text
from ..progress.workshops import MAX_DEVICE_NAME
from .add_learner import LETTER_ROWS, AddLearnerScreen
from .facilitator import FacilitatorScreen, today_workshop_words

SUGGESTIONS = 4
MAX_PLACE = 40


class WorkshopScreen(FacilitatorScreen):
    name = "facilitator_workshop"
    title_id = "workshop.title"

    def enter(self):
        self.layout(*self.app.size)

    def layout(self, w, h):
        super().layout(w, h)
        store, t = self.app.store, self.app.t
        self.today = store.today_workshop()
        self.waiting = store.unattached_sessions(store.today()) if self.today else 0
        self.buttons = [self.back_button()]
        m = int(w * 0.04)
        # (below the title: in portrait it has a row of its own under the top bar)
        # today's status, and the device's name with « Changer le nom » under it (8 % of the height,
        # like every control), the status's words room for two lines above it
        bh = max(44, int(h * 0.081) + 1)
        self.status_box = pygame.Rect(m, max(int(h * 0.14), self.content_top() + int(h * 0.01)), w - 2 * m,
                                      max(int(h * (0.14 if self.portrait else 0.17)),
                                          int(h * 0.015) + int(h * 0.07) + bh + int(h * 0.012)))
        top = self.status_box.bottom + int(h * 0.03)
        self.cards_top = top
        col_w = (w - 3 * m) // 2
        card_h = int(h * 0.13)
        gap = int(h * 0.02)
        places = store.earlier_places(SUGGESTIONS)
        left = []
        for i, (town, place) in enumerate(places):
            sub = t("workshop.last_time", town=town) if i == 0 else town
            left.append(self.card(place, (lambda tp=(town, place): self.choose(*tp)), sub,
                                  "success" if self.today and (self.today["town"], self.today["place"]) == (town, place)
                                  else None, id=f"place:{i}"))
        right = [self.card(t("workshop.new"), self.new_place, t("workshop.new.detail"), id="new_place"),
                 self.card(t("workshop.no_workshop"), self.no_workshop, t("workshop.no_workshop.detail"),
                           id="no_workshop")]
        if self.waiting:
            right.append(self.card(self.app.n("workshop.attach", self.waiting), self.attach,
                                   t("workshop.attach.detail"), "hint_text", id="attach"))
        self.other_days = store.unattached_days()
        self.attached_days = store.attached_days()
        others = sum(n for day, n in self.other_days if not (self.today and day == store.today()))
        if others:  # past days' sessions (and today's, while no workshop is named)
            right.append(self.card(t("days.open"), self.open_days, self.app.n("days.sessions", others),
                                   id="other_days"))
        elif self.attached_days:  # all attached: « Détacher » later, from the day's screen
            attached = sum(n for _, n in self.attached_days)
            right.append(self.card(t("days.open"), self.open_days, self.app.n("days.attached_count", attached),
                                   id="other_days"))
        rows = max(len(left), len(right))  # (as tall as they can be, and all on the screen)
        card_h = max(int(h * 0.08), min(card_h, (self.bottom - int(h * 0.03) - top - (rows - 1) * gap) // rows))
        for i, b in enumerate(left):
            b.rect = pygame.Rect(m, top + i * (card_h + gap), col_w, card_h)
        for i, b in enumerate(right):
            b.rect = pygame.Rect(2 * m + col_w, top + i * (card_h + gap), col_w, card_h)
        self.buttons += left + right
        rename = Button(t("device.rename"), self.app.nav.device_name, style="secondary", id="device_name")
        rename.rect = pygame.Rect(0, 0, int(self.status_box.w * 0.3), bh)
        rename.rect.bottomright = (self.status_box.right - int(h * 0.012), self.status_box.bottom - int(h * 0.01))
        self.buttons.append(rename)

    # -- actions -------------------------------------------------------------
    def back(self):
        self.app.nav.back()

    def choose(self, town: str, place: str):
        self.app.store.name_workshop(town, place)
        self.app.nav.back()

    def new_place(self):
        self.app.nav.push(PlaceNameScreen(self.app))

    def open_days(self):
        """The days with sessions « hors atelier »; the day itself when there is one."""
        days = [day for day, _ in self.other_days if not (self.today and day == self.app.store.today())]
        if not days and len(self.attached_days) == 1:  # nothing left to attach: the day whose attachments may be undone
            days = [self.attached_days[0][0]]
        if len(days) == 1:
            self.app.nav.day_sessions(days[0])
        else:
            self.app.nav.past_days()

    def no_workshop(self):
        self.app.store.no_workshop_today()
        self.app.nav.back()

    def attach(self):
        n = self.app.store.attach_sessions(self.today["uid"], self.app.store.today())
        self.layout(self.w, self.h)
        self.app.message(self.app.t("workshop.attached.title"), self.app.n("workshop.attached", n))

    # -- drawing -------------------------------------------------------------
    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        t = self.app.t
        words = t("workshop.today", where=today_workshop_words(self.app)) if self.today else t("workshop.none_today")
        box = self.status_box
        pygame.draw.rect(surf, theme.panel, box, border_radius=int(self.h * 0.02))
        rename = next(b for b in self.buttons if b.id == "device_name").rect
        above = rename.y - box.y - int(box.h * 0.1)  # (the words above the device's row, never over its button)
        label = text.fit(words, self.unit * theme.body, theme.text, int(box.w * 0.95), above, bold=True)
        surf.blit(label, label.get_rect(midtop=(box.centerx, box.y + int(box.h * 0.05))))
        room = pygame.Rect(box.x + int(box.w * 0.03), rename.y, rename.x - box.x - int(box.w * 0.06), rename.h)
        device = text.fit(t("workshop.device", name=self.app.store.device_name()), self.unit * theme.body,
                          theme.text, room.w, room.h, align="left")
        surf.blit(device, device.get_rect(midleft=room.midleft))
        if not self.app.store.earlier_places(1):
            m = int(self.w * 0.04)
            area = pygame.Rect(m, self.cards_top, (self.w - 3 * m) // 2, int(self.h * 0.3))
            text.blit_center(surf, text.fit(t("workshop.no_earlier"), self.unit * theme.body, theme.muted,
                                            area.w, area.h), area)


class TypedNameScreen(AddLearnerScreen):
    """A place's or a device's name, typed with the drawn capitals or a
    keyboard: the drawn capitals become small letters after a letter
    (« Camon »); from a keyboard the letters stay as typed (« CCAS »)."""

    colours = False  # (no colour to choose)
    limit = MAX_PLACE  # characters at most

    def small_after(self, previous: str) -> bool:
        """Whether a drawn capital typed after ``previous`` becomes a small letter."""
        return previous not in " -'"

    def type(self, chars: str, as_typed: bool = False):
        for ch in chars:
            if ch.isprintable() and len(self.value) < self.limit and not (ch == " " and self.value.endswith(" ")):
                if not as_typed and self.value and self.small_after(self.value[-1]):
                    ch = ch.lower()
                self.value += ch
        self.message = ""
        self.save_button.enabled = bool(self.value.strip())

    def handle(self, event):
        if isinstance(event, inp.TextInput):
            self.type(event.text, as_typed=True)
            return
        super().handle(event)


class PlaceNameScreen(TypedNameScreen):
    """The town, then the place, typed with the same letters as a first name."""

    name = "workshop_place"

    @property
    def field_label_id(self):
        return "workshop.town" if self.town is None else "workshop.place_name"

    def __init__(self, app, town: str | None = None, day: str | None = None, then=None):
        self.town = town
        self.day = day  # a past day's workshop (« Séances des autres jours »): not today's
        self.then = then  # called with the new workshop's uid (then back)
        super().__init__(app)

    def layout(self, w, h):
        super().layout(w, h)
        self.save_button.label = self.app.t("common.next") if self.town is None else self.app.t("common.save")

    def heading(self) -> str:
        return self.app.t("workshop.town.title") if self.town is None else \
            self.app.t("workshop.place.title", town=self.town)

    def save(self):
        value = " ".join(self.value.split())
        if not value:
            self.message = self.app.t("add_learner.empty")
            return
        if self.town is None:
            self.app.nav.replace(PlaceNameScreen(self.app, value, self.day, self.then))
            return
        if self.day is not None:
            uid = self.app.store.create_workshop(self.day, self.town, value)
        else:
            uid = self.app.store.name_workshop(self.town, value)
        if uid is not None and self.then is not None:
            self.then(uid)
        self.app.nav.back()  # to « Atelier du jour », which shows it (or to the day, which took the sessions)


class DeviceNameScreen(TypedNameScreen):
    """This device's readable name (« Portable 3 »): on each session it
    records, in its export files' names and in the report.  Typed with the
    drawn letters and digits (or a keyboard), checked like a name in an
    imported file (:func:`trainer.exchange_checks.visible_text`)."""

    name = "device_name"
    field_label_id = "device.name.field"
    letter_rows = ["1234567890"] + LETTER_ROWS
    limit = MAX_DEVICE_NAME

    def small_after(self, previous: str) -> bool:
        return previous.isalpha()  # (« Portable 3 »: a capital after a digit stays one)

    def __init__(self, app):
        super().__init__(app)
        self.value = app.store.device_name()
        self.save_button.enabled = bool(self.value.strip())

    def heading(self) -> str:
        return self.app.t("device.name.title")

    def save(self):
        value = " ".join(self.value.split())
        if not value:
            self.message = self.app.t("device.name.empty")
            return
        if not visible_text(value, MAX_DEVICE_NAME) or not self.app.store.set_device_name(value):
            self.message = self.app.t("device.name.refused")
            return
        self.app.nav.back()
