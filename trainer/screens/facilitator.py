"""The facilitator mode: every learner at a glance, and what to change.

Home: one row per person (colour, name, the lesson last opened, lessons
done, « À aider » when the last steps had many misses or hints), and the
device's actions (add a person, lock the device for the workshop, lesson
folders, the PIN).  Touching a person opens their page: settings, rename,
where they start, lending the device (mode maison), delete.
"""
from __future__ import annotations

import pygame

from .. import i18n, learner_settings, pin
from ..lesson_folders import describe_lock, used_keys
from ..ui import text
from ..ui.theme import deepened
from ..ui.widgets import Button
from .add_learner import AddLearnerScreen  # (the rename screen is the same letters)
from .base import Screen

RECENT_STEPS = 5  # « who struggles » looks at this many last steps
MIN_STEPS = 3  # and needs at least this many
STRUGGLE_MISSES = 2.0  # mean misses per step at or above this: « À aider »
STRUGGLE_HINTS = 0.6  # or mean hints per step at or above this


def struggles(overview: dict) -> bool:
    return overview["steps"] >= MIN_STEPS and (overview["mean_misses"] >= STRUGGLE_MISSES
                                               or overview["mean_hints"] >= STRUGGLE_HINTS)


def lessons_done(app, n: int) -> str:
    """« 3 leçons terminées », « 1 leçon terminée », « Aucune leçon terminée »."""
    return app.n("facilitator.lessons_done", n) if n else app.t("facilitator.lessons_done.none")


def lesson_title(app, lesson_id: str, stored: str) -> str:
    """A lesson's title in the interface's language (the title stored with the
    progress when the lesson is no longer among the folders in use)."""
    for entry in app.all_lesson_entries():
        if entry.usable and entry.lesson.id == lesson_id:
            return entry.lesson.text("title", app.language)
    return stored


def today_workshop_words(app) -> str:
    """Today's workshop in a few words, for the facilitator's home."""
    today = app.store.today_workshop()
    if today is None:
        return app.t("workshop.not_set")
    return app.t("workshop.place", place=today["place"], town=today["town"])


def workshop_words(app, step) -> str:
    """« Atelier 4 sur 10 », or « Parcours terminé »."""
    if step.workshop is None:
        return app.t("facilitator.path_done")
    return app.t("facilitator.workshop", n=step.number, total=step.total)


def skill_names(app, skills) -> str:
    return ", ".join(app.t(f"path.skill.{skill}") for skill in skills)


class LearnerRow(Button):
    """A person on the home screen: colour and name, where they are, a badge."""

    def __init__(self, app, learner, overview, action, step=None):
        super().__init__(learner.name, action, style="card", id=f"learner:{learner.name}")
        self.app = app
        self.learner = learner
        self.overview = overview
        self.step = step  # trainer.path.NextStep, or None without a path
        self.struggling = struggles(overview)

    page_rows: list = []  # the rows shown with this one: their names are drawn at one size

    def name_box(self) -> tuple[int, int]:
        """Where the name starts and where the lines beside it start."""
        r = self.rect
        x = r.x + int(r.h * 0.15) + int(r.h * 0.7) + int(r.h * 0.2)  # after the disc
        return x, x + int((r.right - x - int(r.w * 0.2) - int(r.h * 0.3)) * 0.43)  # the same with or without badge

    def own_name_px(self, unit, theme) -> int:
        x, info_x = self.name_box()
        return text.fitted_size(self.label, unit * theme.button, info_x - x - int(self.rect.h * 0.2),
                                int(self.rect.h * 0.8), True)

    def name_px(self, unit, theme) -> int:
        """One size for the names of the page (« Nadia » as big as « Jean-Pierre » can be, not twice it),
        at most a third of the row; only a name too long for that size is drawn smaller."""
        own = self.own_name_px(unit, theme)
        cap = int(self.rect.h * 0.34)
        shared = min(cap, max(min(row.own_name_px(unit, theme) for row in (self.page_rows or [self])), int(cap * 0.7)))
        return min(own, shared)

    def draw(self, surf, unit, theme):
        r = self.rect
        radius = int(r.h * 0.18)
        lifted = self.hover or self.pressed
        pygame.draw.rect(surf, theme.card_shadow, r.move(0, max(3, int(unit * 0.005))), border_radius=radius)
        pygame.draw.rect(surf, theme.panel, r, border_radius=radius)
        pygame.draw.rect(surf, theme.primary if lifted else theme.border, r,
                         width=max(2, int(unit * (0.006 if lifted else 0.003))), border_radius=radius)
        d = int(r.h * 0.7)
        disc = pygame.Rect(r.x + int(r.h * 0.15), r.y + (r.h - d) // 2, d, d)
        pygame.draw.circle(surf, deepened(pygame.Color(self.learner.colour)), disc.center, d // 2)
        text.blit_center(surf, text.fit(self.label[:1].upper(), d * 0.6, (255, 255, 255), d, d, bold=True), disc)
        x, info_x = self.name_box()
        badge_w = int(r.w * 0.2) if self.struggling else 0
        name = text.render(self.label, self.name_px(unit, theme), theme.text, True, info_x - x - int(r.h * 0.2),
                           "left")
        surf.blit(name, name.get_rect(midleft=(x, r.centery)))
        current = self.overview["current"]
        app = self.app
        where = app.t("facilitator.last_lesson", title=lesson_title(app, current["id"], current["title"])) \
            if current else app.t("facilitator.not_started")
        done = lessons_done(app, self.overview["done"])
        if self.step is not None:  # « Atelier 4 sur 10 · 7 leçons terminées »
            done = app.t("facilitator.workshop_and_done", workshop=workshop_words(app, self.step), done=done)
        info_w = r.right - info_x - badge_w - int(r.h * 0.3)
        line_h = int(r.h * 0.4)
        for i, line in enumerate((where, done)):
            label = text.fit(line, unit * theme.small, theme.muted if i else theme.text, info_w, line_h,
                             align="left")
            surf.blit(label, label.get_rect(midleft=(info_x, r.y + r.h * (0.3 if i == 0 else 0.7))))
        if self.struggling:
            badge = pygame.Rect(r.right - badge_w - int(r.h * 0.15), r.y + int(r.h * 0.22), badge_w,
                                r.h - 2 * int(r.h * 0.22))
            pygame.draw.rect(surf, theme.warning_bg, badge, border_radius=badge.h // 2)
            pygame.draw.rect(surf, theme.hint, badge, width=max(2, int(unit * 0.003)), border_radius=badge.h // 2)
            text.blit_center(surf, text.fit(app.t("facilitator.needs_help"), unit * theme.small, theme.text,
                                            int(badge.w * 0.85),
                                            int(badge.h * 0.8), bold=True), badge)


class FacilitatorScreen(Screen):
    """What the facilitator screens share: « Retour » top left, a title."""

    title_id = ""  # the message id of the title

    def heading(self) -> str:
        return self.app.t(self.title_id) if self.title_id else ""

    def draw_content(self, surf, theme):
        self.draw_title(surf, self.heading(), theme)

    def card(self, label, action, sublabel=None, colour=None, id="") -> Button:
        return Button(label, action, style="card", sublabel=sublabel, colour=colour, id=id)


class FacilitatorHome(FacilitatorScreen):
    name = "facilitator"
    title_id = "facilitator.title"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0
        self.view = "people"  # upright: "people" (the people first) or "actions" (« Plus d'actions »)

    def enter(self):
        self.view = "people"  # back from an action: the people again
        self.refresh()  # a person added, renamed, deleted, their settings changed

    def refresh(self):
        store = self.app.store
        self.learners = store.learners()
        self.overviews = {l.id: store.learner_overview(l.id, RECENT_STEPS) for l in self.learners}
        self.steps = {l.id: self.app.next_step(l) for l in self.learners}  # where each is on the path
        self.layout(*self.app.size)

    def banner_box(self):
        """Laid flat, the device's actions fill the right column to the bottom: the
        banner goes under the people, left of them."""
        if self.portrait:
            top = self.top_bar_box(right_button=False)
            return (top, False) if top is not None else super().banner_box()
        box, moves = super().banner_box()
        box.w = self.w - int(self.w * 0.04) - int(self.w * 0.32) - int(self.w * 0.02)
        return box, moves

    def layout(self, w, h):
        super().layout(w, h)
        self.buttons = [self.back_button()]
        m = int(w * 0.04)
        top = max(int(h * 0.17), self.content_top() + int(h * 0.01))
        # the device's actions, on the right (room is left below them for more); in
        # portrait, two columns of them under the people
        col_w = int(w * 0.32)
        col_x = w - m - col_w
        card_h = int(h * 0.115)
        gap = int(h * 0.012)
        lock = self.app.store.device_setting("lock")
        n_dirs = len(used_keys(self.app))
        t = self.app.t
        # today's workshop: the first thing of the day, above the people
        day = self.card(t("workshop.title"), self.app.nav.workshop, today_workshop_words(self.app),
                        None if self.app.store.today_workshop() else "hint_text", id="workshop")
        day.rect = pygame.Rect(m, top, col_x - 2 * m, card_h)
        self.actions_x = col_x
        self.buttons.append(day)
        actions = [
            self.card(t("learners.add"), self.add, t("facilitator.add.detail"), id="add_learner"),
            self.card(t("facilitator.lock"), self.open_lock, describe_lock(lock, None, self.app.translator),
                      "hint_text" if lock else None, id="lock"),
            self.card(t("facilitator.folders"), self.open_folders, self.app.n("facilitator.folders.used", n_dirs),
                      id="folders"),
            self.card(t("facilitator.pin"), self.change_pin,
                      t("facilitator.pin.set" if pin.state(self.app.store) == "set" else "facilitator.pin.none"),
                      id="pin"),
            # (each language by its own name: whoever reads it finds theirs)
            self.card(t("facilitator.language", language=i18n.LANGUAGES[self.app.language]), self.next_language,
                      " / ".join(i18n.LANGUAGES.values()), id="language"),
            self.card(t("facilitator.usb"), self.open_usb, t("facilitator.usb.detail"), id="usb"),
            self.card(t("facilitator.keyboard"), self.app.nav.keyboard_choice,
                      self.app.t(f"settings.keyboard_layout.{self.app.keyboard_layout}"),
                      id="keyboard"),
        ]
        bottom = (self.bottom if self.portrait else h) - int(h * 0.03)
        if self.portrait:
            # upright: the people first, « Ajouter une personne » and « Plus d'actions » under them;
            # the other actions on their own view, two columns, « Les personnes » to come back
            col_w = (w - 2 * m - gap) // 2
            if self.view == "actions":
                actions.append(self.card(t("facilitator.people"), self.show_people,
                                         self.app.n("facilitator.people.detail", len(self.learners)),
                                         id="people"))
                self.buttons.remove(day)  # (on the people's view)
                rows = -(-len(actions) // 2)
                card_h = max(int(h * 0.081) + 1, min(int(h * 0.14), (bottom - top - (rows - 1) * gap) // rows))
                for i, b in enumerate(actions):
                    r, c = divmod(i, 2)
                    b.rect = pygame.Rect(m + c * (col_w + gap), top + r * (card_h + gap), col_w, card_h)
                self.buttons += actions
                self.rows = []
                return
            card_h = int(h * 0.081) + 1
            more = self.card(t("facilitator.more_actions"), self.show_actions, t("facilitator.more_actions.detail"),
                             id="more_actions")
            actions = [actions[0], more]
            first = bottom - card_h
            for i, b in enumerate(actions):
                b.rect = pygame.Rect(m + i * (col_w + gap), first, col_w, card_h)
            day.rect.h = card_h
            list_w, bottom = w - 2 * m, first - int(h * 0.015)
        else:  # (as many as fit: each as tall as it can, never under 8 % of the height)
            card_h = max(int(h * 0.08), min(card_h, (bottom - top - (len(actions) - 1) * gap) // len(actions)))
            for i, b in enumerate(actions):
                b.rect = pygame.Rect(col_x, top + i * (card_h + gap), col_w, card_h)
            list_w = col_x - 2 * m
            bottom = self.bottom - int(h * 0.03)  # (the banner under the people, left of the actions)
        self.buttons += actions
        # the people, on the left below today's workshop (above the actions, in portrait)
        if self.portrait:
            day.rect.w = w - 2 * m
        top = day.rect.bottom + int(h * (0.015 if self.portrait else 0.035))
        row_h = int(h * (0.09 if self.portrait else 0.1))
        rgap = int(h * (0.01 if self.portrait else 0.018))
        pager_h = int(h * (0.081 if self.portrait else 0.09)) + 1
        rows_room = bottom - top
        per_page = max(1, (rows_room + rgap) // (row_h + rgap))
        if len(self.learners) > per_page:
            # (a page shows four people at least: their rows a little lower when the banner takes room)
            row_h = max(int(h * 0.081) + 1, min(row_h, (rows_room - pager_h - rgap) // 4 - rgap))
            per_page = max(1, (rows_room - pager_h - rgap + rgap) // (row_h + rgap))
        pages = max(1, -(-len(self.learners) // per_page))
        self.page = min(self.page, pages - 1)
        shown = self.learners[self.page * per_page:(self.page + 1) * per_page]
        self.rows = []
        for i, learner in enumerate(shown):
            row = LearnerRow(self.app, learner, self.overviews[learner.id], (lambda l=learner: self.open_learner(l)),
                             self.steps.get(learner.id))
            row.rect = pygame.Rect(m, top + i * (row_h + rgap), list_w, row_h)
            self.rows.append(row)
        for row in self.rows:
            row.page_rows = self.rows
        self.buttons += self.rows
        if pages > 1:
            self.add_pager(pages, m, m + list_w, bottom - pager_h, int(list_w * 0.4), pager_h)

    # -- actions -------------------------------------------------------------
    def back(self):
        if self.view == "actions":  # « Plus d'actions » open: back to the people
            self.show_people()
            return
        self.app.nav.learners()

    def show_actions(self):
        self.view = "actions"
        self.layout(self.w, self.h)

    def show_people(self):
        self.view = "people"
        self.layout(self.w, self.h)

    def add(self):
        self.app.nav.add_learner()

    def open_learner(self, learner):
        self.app.nav.facilitator_learner(learner.id)

    def open_usb(self):
        self.app.nav.usb()

    def open_lock(self):
        self.app.nav.lock()

    def open_folders(self):
        self.app.nav.folders()

    def next_language(self):
        codes = list(i18n.LANGUAGES)
        code = codes[(codes.index(self.app.language) + 1) % len(codes)]
        self.app.store.set_device_setting("language", code)
        self.app.set_language(code)
        self.layout(self.w, self.h)

    def change_pin(self):
        self.app.nav.change_pin()

    def to_fix(self) -> str:
        """« À corriger : … » when a value got in wrong (else "")."""
        found = self.app.store.values_to_fix()
        if not found:
            return ""
        t = self.app.t
        by_person: dict = {}
        for lid, name, what in found:
            by_person.setdefault((lid, name), []).append(t(f"facilitator.fix.{what}"))
        return t("facilitator.fix", items=", ".join(t("facilitator.fix.item", name=name, what=", ".join(whats))
                                                    for (_, name), whats in list(by_person.items())[:3]))

    def draw_content(self, surf, theme):
        super().draw_content(surf, theme)
        fix = self.to_fix()
        if fix:
            m = int(self.w * 0.04)
            band = pygame.Rect(m, int(self.h * 0.115), self.actions_x - 2 * m, int(self.h * 0.05))
            pygame.draw.rect(surf, theme.warning_bg, band, border_radius=band.h // 3)
            text.blit_center(surf, text.fit(fix, self.unit * theme.small, theme.text, int(band.w * 0.96), band.h,
                                            bold=True), band)
        if not self.learners and self.view == "people":
            m = int(self.w * 0.04)
            box = pygame.Rect(m, int(self.h * 0.35), self.actions_x - 2 * m, int(self.h * 0.2))
            msg = text.fit(self.app.t("facilitator.nobody"), self.unit * theme.body,
                           theme.muted, box.w, box.h)
            text.blit_center(surf, msg, box)


class RenameLearnerScreen(AddLearnerScreen):
    """The same letters as for a new person, with the name and colour already there."""

    name = "rename_learner"

    def __init__(self, app, learner):
        self.learner = learner
        super().__init__(app)
        self.value = learner.name
        self.colour = learner.colour
        self.layout(*app.size)

    def heading(self) -> str:
        return self.app.t("rename.title", name=self.learner.name)

    def save(self):
        name = " ".join(self.value.split())
        if not name:
            self.message = self.app.t("add_learner.empty")
            return
        if name.lower() != self.learner.name.lower() and self.app.store.name_taken(name):
            self.message = self.app.t("add_learner.taken", name=name)
            return
        self.app.store.rename_learner(self.learner.id, name)
        if self.colour != self.learner.colour:
            self.app.store.recolour_learner(self.learner.id, self.colour)
        self.app.nav.back()



def settings_summary(settings: dict, tr) -> str:
    changed = [s for s in learner_settings.SETTINGS
               if s.key in settings and learner_settings.words_of(settings, s.key)
               != learner_settings.words_of({}, s.key)]
    if not changed:
        return tr.t("facilitator.settings.usual")
    if len(changed) == 1:
        return tr.t("facilitator.settings.one", setting=tr.t(changed[0].label),
                    value=learner_settings.words_of(settings, changed[0].key, tr))
    return tr.n("facilitator.settings.changed", len(changed))


def skipped_words(app, signs: str) -> str:
    """« Signe passé : « œ » »: the signs a person passed with « Passer ce signe »."""
    quoted = ", ".join(app.t("keyboard.char", char=ch) for ch in signs)
    return app.n("facilitator.skipped", len(signs), signs=quoted)


class FacilitatorLearner(FacilitatorScreen):
    """One person: their state, and what to change for them."""

    name = "facilitator_learner"

    def __init__(self, app, learner_id: int):
        super().__init__(app)
        self.learner_id = learner_id

    def enter(self):
        self.refresh()  # renamed, settings or start changed since

    def refresh(self):
        store = self.app.store
        self.learner = store.learner(self.learner_id)
        if self.learner is None:  # deleted meanwhile
            self.overview = None
            self.buttons = []
            return
        self.overview = store.learner_overview(self.learner_id, RECENT_STEPS)
        self.skipped = store.skipped_signs(self.learner_id)  # « Passer ce signe »: what their keyboard lacks
        self.step = self.app.next_step(self.learner)
        self.uid = store.learner_uid(self.learner_id)
        self.layout(*self.app.size)

    def heading(self) -> str:
        return self.learner.name

    def start_words(self) -> str:
        start = self.learner.settings.get("start")
        t = self.app.t
        if isinstance(start, dict) and "lesson" in start:
            return t("facilitator.start.lesson", title=lesson_title(self.app, start["lesson"], start["lesson"]))
        if isinstance(start, dict) and "level" in start:
            return t("common.level", n=start["level"])
        if isinstance(start, dict) and "workshop" in start:
            return t("start.workshop_card", n=start["workshop"])
        return t("facilitator.start.usual")

    def lent(self) -> bool:
        return self.uid is not None and self.app.store.device_setting("home_learner") == self.uid

    def banner_box(self):
        """Upright: in the top bar, right of « Retour » (the person's panel needs the
        room); laid flat: under the panel, left of the cards (they reach the bottom)."""
        if self.portrait:
            top = self.top_bar_box(right_button=False)
            return (top, False) if top is not None else super().banner_box()
        box, moves = super().banner_box()
        box.w = int(self.w * 0.47) - int(self.w * 0.02)
        return box, moves

    def layout(self, w, h):
        super().layout(w, h)
        if self.learner is None:
            return
        self.buttons = [self.back_button()]
        name = self.learner.name
        m = int(w * 0.04)
        col_x = int(w * 0.47)
        col_w = w - m - col_x
        top = max(int(h * 0.15), self.content_top() + int(h * 0.01))
        card_h = int(h * 0.1)  # (seven cards)
        gap = int(h * 0.014)
        t = self.app.t
        cards = [
            self.card(t("facilitator.progress", name=name), self.open_progress, t("facilitator.progress.detail"),
                      id="progress"),
            self.card(t("facilitator.settings", name=name), self.open_settings,
                      settings_summary(self.learner.settings, self.app.translator), id="settings"),
            self.card(t("facilitator.start"), self.open_start, self.start_words(), id="start"),
            self.card(t("facilitator.lend", name=name), self.toggle_lent,
                      t("facilitator.lend.yes") if self.lent() else t("common.no"),
                      "success" if self.lent() else None, id="lend"),
            self.card(t("facilitator.rename"), self.rename, t("facilitator.rename.detail"), id="rename"),
            self.card(t("people.same"), self.same_person, t("people.same.detail_card"), id="same_person"),
            self.card(t("facilitator.delete", name=name), self.delete, t("facilitator.delete.detail"),
                      "hint_text", id="delete"),
        ]
        if self.portrait:  # the person on top, the cards in two columns below, as many rows as needed
            card_h = int(h * 0.095)
            col_w = (w - 2 * m - gap) // 2
            rows = -(-len(cards) // 2)
            first = self.bottom - int(h * 0.03) - rows * card_h - (rows - 1) * gap
            self.panel = pygame.Rect(m, top, w - 2 * m, first - int(h * 0.02) - top)
            for i, b in enumerate(cards):
                r, c = divmod(i, 2)
                b.rect = pygame.Rect(m + c * (col_w + gap), first + r * (card_h + gap), col_w, card_h)
        else:
            for i, b in enumerate(cards):
                b.rect = pygame.Rect(col_x, top + i * (card_h + gap), col_w, card_h)
            self.panel = pygame.Rect(m, top, col_x - 2 * m, min(len(cards) * card_h + (len(cards) - 1) * gap,
                                                                self.bottom - int(h * 0.02) - top))
        self.buttons += cards

    # -- actions -------------------------------------------------------------
    def back(self):
        self.app.nav.back()

    def open_progress(self):
        self.app.nav.progress(self.learner)

    def open_settings(self):
        self.app.nav.learner_settings(self.learner_id)

    def open_start(self):
        self.app.nav.learner_start(self.learner_id)

    def toggle_lent(self):
        if not self.lent() and not pin.lending_allowed(self.app.store):
            self.app.nav.choose_pin_to_lend(self.uid)  # a lent device needs a code
            return
        self.app.store.set_device_setting("home_learner", None if self.lent() else self.uid)
        self.layout(self.w, self.h)

    def same_person(self):
        self.app.nav.same_person(self.learner_id)

    def rename(self):
        self.app.nav.rename_learner(self.learner)

    def delete(self):
        name = self.learner.name
        detail = self.app.t("facilitator.delete.consequence")
        records = len(self.app.store.person_records(self.learner_id))
        if records > 1:  # a joined person: every record of hers goes (« Séparer » first to keep one)
            detail += " " + self.app.n("facilitator.delete.records", records, name=name, n=records)
            devices = self.app.store.person_devices(self.learner_id)
            if devices > 1:
                detail += " " + self.app.n("facilitator.delete.devices", devices, n=devices)
            detail += " " + self.app.t("facilitator.delete.separate_first")
        copies = self.app.store.set_aside_count()  # damaged copies set aside: the name is scrubbed from them too
        if copies:
            detail += " " + self.app.n("facilitator.delete.set_aside", copies, n=copies)
        self.app.confirm(self.app.t("facilitator.delete.question", name=name), self._delete,
                         detail=detail, id="delete_learner")

    def _delete(self):
        store = self.app.store
        if store.device_setting("home_learner") in {store.learner_uid(i) for i in store.person_records(self.learner_id)}:
            store.set_device_setting("home_learner", None)  # (lent to her, under any of her records)
        self.app.store.delete_person(self.learner_id)
        self.app.nav.back()

    # -- drawing -------------------------------------------------------------
    def draw_content(self, surf, theme):
        if self.learner is None:
            return
        super().draw_content(surf, theme)
        p = self.panel
        pygame.draw.rect(surf, theme.panel, p, border_radius=int(self.h * 0.02))
        pygame.draw.rect(surf, theme.border, p, width=max(2, int(self.h * 0.003)), border_radius=int(self.h * 0.02))
        d = int(self.h * 0.12)
        centre = (p.x + int(self.h * 0.04) + d // 2, p.y + int(self.h * 0.04) + d // 2)
        pygame.draw.circle(surf, deepened(pygame.Color(self.learner.colour)), centre, d // 2)
        disc = pygame.Rect(0, 0, d, d)
        disc.center = centre
        text.blit_center(surf, text.fit(self.learner.name[:1].upper(), d * 0.6, (255, 255, 255), d, d, bold=True),
                         disc)
        o = self.overview
        current = o["current"]
        t, tr = self.app.t, self.app.translator
        lines = [
            (t("facilitator.last_opened"), theme.muted, False),
            (lesson_title(self.app, current["id"], current["title"]) if current else t("facilitator.none_yet"),
             theme.text, True),
            (lessons_done(self.app, o["done"]), theme.text, True),
        ]
        if o["steps"]:
            lines.append((t("facilitator.recent", n=o["steps"], misses=tr.decimal(o["mean_misses"]),
                            hints=tr.decimal(o["mean_hints"])), theme.muted, False))
        step = self.step
        if step is not None:  # the path: where they are, what is acquired, what to practise
            where = workshop_words(self.app, step)
            if step.workshop is not None:
                where = t("facilitator.workshop_title", workshop=where,
                          title=step.workshop.text("title", self.app.language))
            lines.append((where, theme.text, True))
            if step.acquired:
                lines.append((t("facilitator.acquired", skills=skill_names(self.app, step.acquired)), theme.text,
                              False))
            if step.practise:
                lines.append((t("facilitator.practise", skills=skill_names(self.app, step.practise)), theme.text,
                              False))
        if self.skipped:  # signs their keyboard could not type: a facilitator may show another way
            lines.append((skipped_words(self.app, self.skipped), theme.text, False))
        if struggles(o):
            lines.append((t("facilitator.struggling"), theme.hint_text, True))
        x = p.x + int(self.h * 0.04)
        y = disc.bottom + int(self.h * 0.03)
        if self.portrait:  # a wide panel: the lines beside the disc
            x, y = disc.right + int(self.h * 0.03), p.y + int(self.h * 0.03)
        width = p.right - x - int(self.h * 0.04)
        room = (p.bottom - y - int(self.h * 0.02)) // max(4, len(lines))
        for words, colour, bold in lines:
            label = text.fit(words, self.unit * theme.body, colour, width, room, bold=bold, align="left")
            surf.blit(label, (x, y))
            y += max(label.get_height(), int(room * 0.8)) + int(self.h * 0.005)
