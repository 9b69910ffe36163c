"""Scroll: move a long page with the wheel (or a finger) until a thing appears."""
from dataclasses import dataclass

from .. import input as inp
from .base import Activity
from .details import StepDetails
from .common import HINT_AFTER
from .scene import Box, Clip, inside_rect, scroll_bar
from ..i18n import Message

KIND = "scroll"
TITLE = "Faire défiler"
REQUIRED = ["find"]
SETTINGS = {
    "find": {
        "type": "string", "minLength": 1, "maxLength": 40,
        "description": "Ce qu'il faut trouver en bas de la page (un mot court).",
    },
    "items": {
        "type": "array", "minItems": 1, "maxItems": 100,
        "items": {"type": "string", "minLength": 1, "maxLength": 40},
        "description": "Les autres lignes de la page, dans l'ordre (sinon, des noms de fruits). "
                       "La page les montre toutes, une fois chacune, s'il y en a assez pour remplir l'écran.",
    },
    "page_length": {
        "type": "number", "minimum": 1.5, "maximum": 10, "default": 3,
        "description": "Longueur de la page, en nombre d'écrans (3 = trois écrans à faire défiler), "
                       "quand la leçon ne donne pas « items ».",
    },
    "find_at": {
        "type": "number", "minimum": 0.3, "maximum": 1,
        "description": "Où se trouve la chose à trouver, de 0.3 (au premier tiers de la page) à 1 (tout en bas). "
                       "Sans cela : au hasard dans le dernier tiers.",
    },
    "size": {
        "type": "number", "minimum": 0.06, "maximum": 0.25, "default": 0.11,
        "description": "Hauteur d'une ligne de la page, en fraction de la hauteur de l'écran.",
    },
    "click_to_finish": {
        "type": "boolean", "default": True,
        "description": "true : il faut cliquer (ou toucher) la chose trouvée ; false : il suffit de la voir.",
    },
    "hint_after": HINT_AFTER,
}

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("find", "items")


@dataclass
class Details(StepDetails):
    wheel_notches: int | None = 0
    rows_scrolled: float | None = 0.0
    seen_after: float | None = None  # seconds until the thing to find was on screen
    wrong_way: int | None = None  # times the page was moved away from the thing to find (or could not move)


def check(settings):
    find, items = settings.get("find"), settings.get("items")
    if isinstance(items, list) and find in items:
        return [("items", Message("lesson.check.find_in_items", find=find))]
    return []


class ScrollActivity(Activity):
    KIND = KIND
    DETAILS = Details
    HINTS = ("hint.scroll.mouse", "hint.scroll.touch")
    WHEEL_ROWS = 1.0  # one notch of the wheel moves the page by one row
    DRAG_AFTER = 0.03  # the held mouse moves the page once it went this far (a fraction of the screen height)

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.find = settings["find"]
        self.click_to_finish = bool(settings.get("click_to_finish", True))
        written = settings.get("items")
        fruits = self.tr.t("scroll.fruits").split(", ")  # the page when the lesson gives no rows
        filler = [item for item in (written or fruits) if item != self.find] or ["…"]
        rows_per_screen = self._viewport()[3] / self._row_h()
        at_least = int(rows_per_screen) + 2  # the thing to find is never on the first screen
        if written:
            n = max(len(filler) + 1, at_least)
        else:
            n = max(int(float(settings.get("page_length", 3)) * rows_per_screen), at_least)
        first = int(rows_per_screen) + 1
        if settings.get("find_at") is not None:
            self.target_index = min(n - 1, max(first, round(float(settings["find_at"]) * (n - 1))))
        else:
            self.target_index = ctx.rng.randint(max(first, int(n * 0.7)), n - 1)
        self.rows = [filler[i % len(filler)] for i in range(n - 1)]
        self.rows.insert(self.target_index, self.find)
        self.offset = 0.0  # rows scrolled from the top (kept in rows: survives a resize)
        self.finger: float | None = None  # y of the finger (or the held mouse) on the page
        self.press_y: float | None = None  # where that press began
        self.dragging = False  # the page follows the hand (a finger at once, the mouse beyond a tremor)
        self.dragged = False  # the press that just ended moved the page: its click is not a choice
        self.bar_grab: tuple[float, float] | None = None  # (pointer y, offset) when the scroll bar was taken
        self._wheel_total = 0.0  # notches turned (a touchpad turns fractions of one)
        self.seen = False
        self.hover_row: int | None = None

    @property
    def hint_text(self):
        if self.seen and self.click_to_finish:
            return self.tr.t("hint.scroll.found.touch" if self.ctx.touch else "hint.scroll.found.mouse",
                             name=self.find)
        return super().hint_text

    def _row_h(self):
        return float(self.settings.get("size", 0.11)) * self.unit

    def _viewport(self):
        x, y, w, h = self.area
        width = min(w * 0.7, 1.1 * self.unit)
        return (x + (w - width) / 2, y + 0.02 * h, width, h * 0.96)

    def _max_offset(self):
        return max(0.0, len(self.rows) - self._viewport()[3] / self._row_h())

    def _scroll(self, rows, now):
        before = self.offset
        self.offset = min(max(self.offset + rows, 0.0), self._max_offset())
        self.details.rows_scrolled = round((self.details.rows_scrolled or 0.0) + abs(self.offset - before), 2)
        if self.offset != before:
            self.last_progress = now
        self._check_wrong_way(rows, now)
        self._check_seen(now)

    def _check_wrong_way(self, rows, now):
        """Moving the page away from the thing to find, or against its end: a kind
        word says which way to go (once, not at every notch), no miss."""
        if rows == 0 or self.done:
            return
        vx, vy, vw, vh = self._viewport()
        x, y, w, h = self._row_rect(self.target_index)
        if y + h > vy + vh + 1:
            wanted = 1  # the thing is further down the page
        elif y < vy - 1:
            wanted = -1
        else:
            return  # in sight: the hand may move the page a little either way
        if (rows > 0) == (wanted > 0):
            return
        note = self.word("note.scroll.down.{hand}" if wanted > 0 else "note.scroll.up.{hand}")
        if self.note == note:
            self.note_at = now  # still going the wrong way: the sentence stays, no new sound
            return
        self.details.wrong_way = (self.details.wrong_way or 0) + 1
        self.nudge(now, note)

    def _bar(self):
        """The scroll bar's track and thumb, and the zone where a hand takes it
        (wider than drawn: a trembling hand)."""
        vx, vy, vw, vh = self._viewport()
        total = len(self.rows) * self._row_h()
        track, thumb = scroll_bar(self._viewport(), (self.offset * self._row_h() / total, min(1.0, vh / total)),
                                  self.unit)
        m = 0.03 * self.unit
        zone = (track[0] - m, track[1], track[2] + 2 * m, track[3])
        return track, thumb, zone

    def _take_bar(self, pos, now):
        """A press on the scroll bar: the thumb follows the hand; a press on the
        track beside the thumb first brings the thumb there."""
        track, thumb, zone = self._bar()
        if not inside_rect(pos, zone) or self._max_offset() <= 0:
            return False
        if not thumb[1] <= pos[1] <= thumb[1] + thumb[3]:
            rows_per_px = len(self.rows) / track[3]
            self._scroll((pos[1] - (thumb[1] + thumb[3] / 2)) * rows_per_px, now)
        self.bar_grab = (pos[1], self.offset)
        return True

    def _row_rect(self, i):
        vx, vy, vw, vh = self._viewport()
        rh = self._row_h()
        return (vx, vy + (i - self.offset) * rh, vw, rh)

    def _check_seen(self, now):
        vx, vy, vw, vh = self._viewport()
        x, y, w, h = self._row_rect(self.target_index)
        if not self.seen and y >= vy - 1 and y + h <= vy + vh + 1:
            self.seen = True
            self.details.seen_after = round(now - self.started, 2)
            if self.click_to_finish:
                self.progress(now)
            else:
                self.success(now)
                self.finish(now)

    def _row_at(self, pos):
        if not inside_rect(pos, self._viewport()):
            return None
        i = int((pos[1] - self._viewport()[1]) / self._row_h() + self.offset)
        return i if 0 <= i < len(self.rows) else None

    def handle(self, event):
        if isinstance(event, inp.Wheel):
            # a notch is one row; a touchpad's fractions add up to notches in the record
            self._wheel_total += abs(event.dy)
            self.details.wheel_notches = max(1, round(self._wheel_total))
            self._scroll(event.dy * self.WHEEL_ROWS, event.time)
        elif isinstance(event, inp.PointerDown) and event.button == inp.LEFT:
            self.dragged = False
            if self._take_bar(event.pos, event.time):
                return
            if inside_rect(event.pos, self._viewport()):
                self.finger = self.press_y = event.pos[1]
                self.dragging = event.touch  # a finger moves the page at once
        elif isinstance(event, inp.PointerMove):
            if self.bar_grab is not None and event.held:
                track = self._bar()[0]
                y0, offset0 = self.bar_grab
                wanted = offset0 + (event.pos[1] - y0) * len(self.rows) / track[3]
                self._scroll(wanted - self.offset, event.time)
                self.dragged = True
            elif self.finger is not None and event.held:
                if not self.dragging and abs(event.pos[1] - self.press_y) > self.DRAG_AFTER * self.unit:
                    self.dragging = True  # the mouse holds the page: beyond a tremor, it follows
                    self.finger = event.pos[1]
                if self.dragging:
                    self._scroll((self.finger - event.pos[1]) / self._row_h(), event.time)
                    self.finger = event.pos[1]
                    self.dragged = self.dragged or abs(event.pos[1] - self.press_y) > self.DRAG_AFTER * self.unit
            elif not event.touch:
                self.hover_row = self._row_at(event.pos)
        elif isinstance(event, inp.PointerUp):
            self.finger = self.press_y = self.bar_grab = None
            self.dragging = False
        elif isinstance(event, inp.Click) and self.click_to_finish:
            if self.dragged:  # that press moved the page: it was not a choice
                self.dragged = False
                return
            row = self._row_at(event.pos)
            if row is not None and not event.on(lambda p: self._row_at(p) == row):
                return  # pressed on one line, let go on another, the page still: nothing chosen
            if row == self.target_index:
                rect = self._row_rect(row)
                self.success(event.time, (rect[0] + rect[2] / 2, rect[1] + rect[3] / 2), rect[3] / 2)
                self.finish(event.time)
            elif row is not None and not event.touch:
                self.miss(event.time, self.word("note.scroll.other_row.{hand}", name=self.find)
                          if self.seen else self.word("note.scroll.not_yet.{hand}", name=self.find))

    def scene(self, now):
        vx, vy, vw, vh = self._viewport()
        rh = self._row_h()
        first = max(0, int(self.offset))
        last = min(len(self.rows), int(self.offset + vh / rh) + 2)
        children = []
        for i in range(first, last):
            x, y, w, h = self._row_rect(i)
            target = i == self.target_index
            state = "done" if (target and self.done) else (
                "hint" if (target and self.hint_visible) else ("hover" if i == self.hover_row else "idle"))
            children.append(Box((x + 0.01 * vw, y + 0.08 * h, w * 0.98, h * 0.84), self.rows[i],
                                style="row", state=state,
                                pulse=self.pulse(now) if target and self.hint_visible else 0.0))
        total = len(self.rows) * rh
        bar = (self.offset * rh / total, min(1.0, vh / total))
        return [Clip(self._viewport(), tuple(children), bar)] + self.ring_shape(now)


Activity = ScrollActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    the wheel (or a finger going up) until the thing is in sight, then a click on it."""
    vx, vy, vw, vh = activity._viewport()
    for _ in range(200):
        if activity.seen:
            break
        if touch:
            pilot.swipe((vx + vw / 2, vy + vh * 0.8), (vx + vw / 2, vy + vh * 0.3))
        else:
            pilot.wheel(1, (vx + vw / 2, vy + vh / 2))
    if not activity.done:
        x, y, w, h = activity._row_rect(activity.target_index)
        pilot.click((x + w / 2, y + h / 2), touch=touch)
