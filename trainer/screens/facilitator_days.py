"""Past days' « hors atelier » sessions attached to their workshop
(facilitator mode, from « Atelier du jour »).

Six laptops, one named: the sessions of the five others are « hors atelier »
until they are attached.  The import attaches them by itself only when their
day had a single workshop; here the facilitator does the rest:

- the days with sessions « hors atelier » (a big row each, paged), the most
  recent first; with a single day, it opens at once;
- one day: its sessions in groups by time (a morning and an afternoon are two
  groups, each with its times), and for the first group the workshops of that
  day with their own times, then « Nouvel atelier » at the places of earlier
  workshops (or another place, typed): one tap attaches the group.  The common
  case (one day, its workshop known) is two taps from « Atelier du jour ».
- « Détacher » (top right) undoes the last attachment: exactly those
  sessions are « hors atelier » again.
- Later too: a day with sessions attached afterwards (here or by an import)
  is listed, and its screen shows them one card per workshop, « Détacher de :
  CCAS »; the sessions recorded in a workshop live are never offered.
"""
from __future__ import annotations

import time
from datetime import date

import pygame

from ..ui import text
from ..ui.widgets import Button
from .facilitator import FacilitatorScreen

SUGGESTIONS = 3  # earlier places offered for a new workshop of that day


def day_words(app, day: str) -> str:
    """« mardi 1er décembre 2026 » (« Tuesday 1 December 2026 »)."""
    d = date.fromisoformat(day)
    first = app.t("report.date.first") if d.day == 1 else d.day
    words = app.t("report.date", day=first, month=app.t(f"report.month.{d.month}"), year=d.year)
    return app.t("days.date", weekday=app.t(f"days.weekday.{d.weekday()}"), date=words)


def clock(app, moment: float) -> str:
    """« 14 h 05 » (« 14:05 »), local time."""
    t = time.localtime(moment)
    return app.t("days.clock", h=t.tm_hour, m=f"{t.tm_min:02d}")


def between(app, start: float, end: float) -> str:
    """« de 14 h 05 à 15 h 30 »."""
    return app.t("days.between", start=clock(app, start), end=clock(app, end))


class PastDaysScreen(FacilitatorScreen):
    """The days that have sessions « hors atelier », a big row each."""

    name = "facilitator_past_days"
    title_id = "days.title"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0

    def enter(self):
        self.layout(*self.app.size)

    def layout(self, w, h):
        super().layout(w, h)
        store = self.app.store
        self.days = store.unattached_days()
        outside = dict(self.days)
        attached = self.attached = dict(store.attached_days())
        self.buttons = [self.back_button()]
        self.explain_box = pygame.Rect(int(w * 0.05), self.content_top(), int(w * 0.9), int(h * 0.08))
        # the days still to attach first, then those whose attachments can be undone
        order = [day for day, _ in self.days] + sorted(set(attached) - set(outside), reverse=True)
        cards = [self.card(day_words(self.app, day), (lambda d=day: self.open(d)), self.day_detail(
                           outside.get(day, 0), attached.get(day, 0)), id=f"day:{day}") for day in order]
        self.place_pages(cards, self.explain_box.bottom + int(h * 0.02), self.bottom - int(h * 0.03), 1,
                         max(44, int(h * 0.13)), int(h * 0.15), int(h * 0.02), key="days")

    def day_detail(self, outside: int, attached: int) -> str:
        words = [self.app.n("days.sessions", outside)] if outside else []
        if attached:
            words.append(self.app.n("days.attached_count", attached))
        return " · ".join(words)

    def back(self):
        self.app.nav.back()

    def open(self, day: str):
        self.app.nav.day_sessions(day)

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        box = self.explain_box
        words = self.app.t("days.explain") if self.days else \
            self.app.t("days.explain.detach") if self.attached else self.app.t("days.none")
        text.blit_center(surf, text.fit(words, self.unit * theme.body, theme.muted if self.days else theme.text,
                                        box.w, box.h), box)


class DayScreen(FacilitatorScreen):
    """One day: its first group of sessions « hors atelier », and the
    workshops to attach it to."""

    name = "facilitator_day"

    def __init__(self, app, day: str):
        super().__init__(app)
        self.day = day
        self.page = 0
        self.last: tuple[list[int], str] | None = None  # (sessions, where): what « Détacher » undoes

    def heading(self) -> str:
        return day_words(self.app, self.day)

    def enter(self):
        self.layout(*self.app.size)

    def layout(self, w, h):
        super().layout(w, h)
        store, t = self.app.store, self.app.t
        self.groups = store.unattached_groups(self.day)
        self.workshops = store.workshops_of_day(self.day)
        self.attached = store.attached_groups(self.day)
        self.buttons = [self.back_button()]
        if self.last is not None:
            undo = Button(t("days.detach"), self.detach, style="secondary", id="detach")
            undo.rect = self.right_button_rect()
            self.buttons.append(undo)
        top = self.content_top()
        self.status_box = pygame.Rect(int(w * 0.05), top, int(w * 0.9), int(h * (0.13 if self.portrait else 0.15)))
        cards = (self.attach_cards() if self.groups else []) + self.detach_cards()
        if not cards:
            return
        self.place_pages(cards, self.status_box.bottom + int(h * 0.025), self.bottom - int(h * 0.03), 1 if self.portrait else 2,
                         max(44, int(h * 0.13)), int(h * 0.15), int(h * 0.02), key=("day", self.day))

    def attach_cards(self) -> list:
        """The workshops of the day, then new ones at earlier places: one tap attaches the first group."""
        store, t = self.app.store, self.app.t
        cards = []
        for i, shop in enumerate(self.workshops):
            when = t("days.workshop.times", town=shop["town"], between=between(self.app, shop["start"], shop["end"])) \
                if shop["start"] is not None else t("days.workshop.empty", town=shop["town"])
            cards.append(self.card(shop["place"], (lambda u=shop["uid"]: self.attach(u)), when, id=f"workshop:{i}"))
        here = {(" ".join(s["town"].split()).casefold(), " ".join(s["place"].split()).casefold())
                for s in self.workshops}
        places = [(town, place) for town, place in store.earlier_places(SUGGESTIONS + len(here))
                  if (" ".join(town.split()).casefold(), " ".join(place.split()).casefold()) not in here][:SUGGESTIONS]
        for i, (town, place) in enumerate(places):
            cards.append(self.card(t("days.create", place=place), (lambda tp=(town, place): self.create(*tp)),
                                   t("days.create.detail", town=town), id=f"create:{i}"))
        cards.append(self.card(t("workshop.new"), self.other_place, t("workshop.new.detail"), id="new_place"))
        return cards

    def detach_cards(self) -> list:
        """The sessions attached afterwards, one card per workshop, each with « Détacher »."""
        app, cards = self.app, []
        for i, g in enumerate(self.attached):
            sessions = app.n("days.attached.sessions", len(g["ids"]), between=between(app, g["start"], g["end"]))
            cards.append(self.card(app.t("days.detach.group", place=g["workshop"]["place"]),
                                   (lambda ids=g["ids"]: self.detach_group(ids)),
                                   app.t("days.detach.group.detail", town=g["workshop"]["town"], sessions=sessions),
                                   id=f"unattach:{i}"))
        return cards

    # -- actions -------------------------------------------------------------
    def back(self):
        self.app.nav.back()

    def attach(self, workshop_uid: str):
        """The first group of sessions now belongs to this workshop."""
        if not self.groups:
            return
        ids = self.app.store.attach_session_ids(workshop_uid, self.groups[0]["ids"])
        shop = self.app.store.workshop(workshop_uid)
        where = self.app.t("workshop.place", place=shop["place"], town=shop["town"]) if shop else ""
        self.last = (ids, where) if ids else self.last
        self.page = 0
        self.layout(self.w, self.h)

    def create(self, town: str, place: str):
        uid = self.app.store.create_workshop(self.day, town, place)
        if uid is not None:
            self.attach(uid)

    def other_place(self):
        """The town, then the place, typed; the new workshop of that day takes the group."""
        self.app.nav.place_name(self.day, self.attach)

    def detach_group(self, ids):
        """« Détacher de : … » later: these sessions are « hors atelier » again, to attach elsewhere."""
        self.app.store.detach_sessions(ids)
        self.last = None
        self.page = 0
        self.layout(self.w, self.h)

    def detach(self):
        if self.last is None:
            return
        self.app.store.detach_sessions(self.last[0])
        self.last = None
        self.layout(self.w, self.h)

    # -- drawing -------------------------------------------------------------
    def status_lines(self) -> tuple[str, str]:
        """What the box under the title says: the group to attach (or that all
        are), and what was just attached."""
        app = self.app
        if self.groups:
            group = self.groups[0]
            first = app.t("days.group", between=between(app, group["start"], group["end"]),
                          sessions=app.n("days.sessions", len(group["ids"])))
            if group["devices"]:  # (which laptops: the one left unset, usually)
                first = app.t("days.group.devices", group=first, devices=", ".join(group["devices"][:3]))
        else:
            first = app.t("days.all_done")
        if self.last is not None:
            second = app.n("days.attached", len(self.last[0]), where=self.last[1])
        elif not self.groups and self.attached:
            second = app.t("days.detach.explain")
        else:
            second = app.n("days.question", len(self.groups[0]["ids"])) if self.groups else ""
            if len(self.groups) > 1:  # « … (puis 1 autre moment) »: the next group comes after this one
                second = app.n("days.group.of", len(self.groups) - 1, group=second)
        return first, second

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        box = self.status_box
        pygame.draw.rect(surf, theme.panel, box, border_radius=int(self.h * 0.02))
        first, second = self.status_lines()
        label = text.fit(first, self.unit * theme.body, theme.text, int(box.w * 0.95), int(box.h * 0.5), bold=True)
        surf.blit(label, label.get_rect(midtop=(box.centerx, box.y + int(box.h * 0.06))))
        if second:
            colour = theme.text if self.last is not None else theme.muted
            label = text.fit(second, self.unit * theme.small, colour, int(box.w * 0.95), int(box.h * 0.36))
            surf.blit(label, label.get_rect(midbottom=(box.centerx, box.bottom - int(box.h * 0.06))))
