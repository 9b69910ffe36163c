"""Drag and drop: hold the button (or the finger) on a thing, move it, let go on a place."""
from dataclasses import dataclass

from .. import input as inp
from .base import Activity, Sizer, start_size
from .details import StepDetails
from .common import COUNT, HINT_AFTER, IMAGE, LABEL, check_sizes
from .scene import Box, inside_rect

KIND = "drag"
TITLE = "Glisser-déposer"
_POSITION = {
    "type": "array", "minItems": 2, "maxItems": 2,
    "items": {"type": "number", "minimum": 0, "maximum": 1},
}
SETTINGS = {
    "count": COUNT,
    "size": {
        "type": "number", "minimum": 0.05, "maximum": 0.4, "default": 0.18,
        "description": "Taille de départ de l'objet à déplacer, en fraction de la hauteur de l'écran.",
    },
    "min_size": {
        "type": "number", "minimum": 0.05, "maximum": 0.4, "default": 0.09,
        "description": "L'objet rapetisse après chaque réussite, sans descendre sous cette taille.",
    },
    "zone_size": {
        "type": "number", "minimum": 0.1, "maximum": 0.7, "default": 0.34,
        "description": "Taille de la place où déposer l'objet, en fraction de la hauteur de l'écran.",
    },
    "item_label": dict(LABEL, description="Le mot écrit sur l'objet à déplacer (par exemple « Photo »)."),
    "item_image": dict(IMAGE, description="Image de l'objet à déplacer, rangée dans le dossier des leçons."),
    "zone_label": dict(LABEL, description="Le mot écrit sur la place où déposer (par exemple « Album »)."),
    "zone_image": dict(IMAGE, description="Image de la place où déposer, rangée dans le dossier des leçons."),
    "from": dict(_POSITION, description="Où l'objet apparaît : [x, y] de 0 à 1 dans la zone de jeu. "
                                        "Sans cela : au hasard dans la moitié gauche."),
    "to": dict(_POSITION, default=[0.78, 0.5],
               description="Où se trouve la place où déposer : [x, y] de 0 à 1 dans la zone de jeu."),
    "hint_after": HINT_AFTER,
}

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("item_label", "zone_label")


@dataclass
class Details(StepDetails):
    start_size: float | None = None  # the thing's size at the start, a fraction of the screen height
    drops_outside: int | None = None  # let go (after moving it) away from the place


check = check_sizes


class DragActivity(Activity):
    KIND = KIND
    DETAILS = Details
    HINTS = ("hint.drag.mouse", "hint.drag.touch")

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.count = int(settings.get("count", 3))
        self.sizer = Sizer(start_size(settings, ctx, 0.18), float(settings.get("min_size", 0.09)))
        self.zone_pos = tuple(settings.get("to") or (0.78, 0.5))
        self.start_pos = settings.get("from")
        self.item = self._spawn()
        self.details.start_size = self.sizer.start
        self.grab: tuple[float, float] | None = None  # offset from the pointer to the item centre
        self.grab_from = None
        self.over_zone = False
        self.hover_item = False
        self.last_drop: str | None = None  # "beside" the place, or "still" (pressed without moving)
        self.pressed_item = False  # the button went down on the thing (a drag), not beside it

    def _spawn(self):
        if self.start_pos:
            return tuple(self.start_pos)
        x, y, w, h = self.area
        half = self.sizer.size * self.unit / 2
        mx, my = min(0.3, half / max(w, 1) + 0.03), min(0.45, half / max(h, 1) + 0.03)
        return (self.ctx.rng.uniform(mx, 0.42), self.ctx.rng.uniform(my, 1 - my))

    def current_size(self):
        return self.sizer.size

    def item_rect(self):
        side = self.sizer.size * self.unit
        cx, cy = self.to_px(*self.item)
        return (cx - side / 2, cy - side / 2, side, side)

    def zone_rect(self):
        ax, ay, aw, ah = self.area
        # (never wider than 45 % of the play area, and wholly inside it: a tablet held upright)
        side = min(float(self.settings.get("zone_size", 0.34)) * self.unit, aw * 0.45 / 1.25, ah)
        w, h = side * 1.25, side
        cx, cy = self.to_px(*self.zone_pos)
        cx, cy = min(max(cx, ax + w / 2), ax + aw - w / 2), min(max(cy, ay + h / 2), ay + ah - h / 2)
        return (cx - w / 2, cy - h / 2, w, h)

    def _in_zone(self, pointer):
        """The drop counts where the arrow (or the finger) is, not where the
        picture's centre is: that is where the learner looks and lets go."""
        x, y, w, h = self.zone_rect()
        m = 0.1 * min(w, h)  # a little forgiveness at the edges
        return inside_rect(pointer, (x - m, y - m, w + 2 * m, h + 2 * m))

    def _keep_on_screen(self, cx, cy):
        """The item's centre, moved so that the whole item stays in the play area."""
        x, y, w, h = self.area
        half = self.sizer.size * self.unit / 2
        cx = min(max(cx, x + half), x + w - half) if w > 2 * half else x + w / 2
        cy = min(max(cy, y + half), y + h - half) if h > 2 * half else y + h / 2
        return ((cx - x) / w, (cy - y) / h)

    @property
    def hint_text(self):
        """After a drop beside the place, the hint says what is left to do (not
        all of it again); after a press without moving, how to hold and move."""
        if self.last_drop == "beside":
            return self.word("hint.drag.beside.{hand}")
        if self.last_drop == "still":
            return self.word("hint.drag.still.{hand}")
        return super().hint_text

    def miss_note(self):
        if self.last_drop == "beside":
            return self.word("note.drag.beside.{hand}")
        return self.word("note.drag.still.{hand}")

    def handle(self, event):
        if isinstance(event, inp.Wheel):
            self.no_wheel(event.time)
            return
        if isinstance(event, inp.PointerDown) and event.button == inp.LEFT:
            self.pressed_item = inside_rect(event.pos, self.item_rect())
            if self.pressed_item:
                cx, cy = self.to_px(*self.item)
                self.grab = (event.pos[0] - cx, event.pos[1] - cy)
                self.grab_from = event.pos
        elif isinstance(event, inp.PointerMove):
            if self.grab is not None:
                self.item = self._keep_on_screen(event.pos[0] - self.grab[0], event.pos[1] - self.grab[1])
                self.over_zone = self._in_zone(event.pos)
            else:
                self.hover_item = not event.touch and inside_rect(event.pos, self.item_rect())
        elif isinstance(event, inp.PointerUp) and self.grab is not None:
            moved = inp.distance(event.pos, self.grab_from)
            self.grab = None
            self.over_zone = False
            if self._in_zone(event.pos):
                self.last_drop = None
                self._placed(event.time)
            else:
                # dropped elsewhere, or clicked without moving: it stays where it is
                beside = moved > 0.03 * self.unit
                self.last_drop = "beside" if beside else "still"
                self.details.drops_outside = (self.details.drops_outside or 0) + int(beside)
                self.miss(event.time)
                self.sizer.on_miss()
        elif isinstance(event, inp.Click) and event.moved and not self.pressed_item:
            # a slide that did not start on the thing: nothing to carry (not a miss)
            self.nudge(event.time, self.word("note.drag.grab.{hand}"))

    def _placed(self, now):
        zx, zy, zw, zh = self.zone_rect()
        self.success(now, (zx + zw / 2, zy + zh / 2), min(zw, zh) / 2)
        self.sizer.on_success()
        if self.successes >= self.count:
            self.finish(now)
        else:
            self.item = self._spawn()

    def scene(self, now):
        zone_state = "hover" if self.over_zone else ("hint" if self.hint_visible else "idle")
        shapes = [Box(self.zone_rect(), self.settings.get("zone_label"),
                      self.settings.get("zone_image"), "zone", zone_state,
                      self.pulse(now) if self.hint_visible else 0.0)]
        shapes += self.ring_shape(now)
        if not self.done:
            state = "held" if self.grab is not None else (
                "hint" if self.hint_visible else ("hover" if self.hover_item else "idle"))
            shapes.append(Box(self.item_rect(), self.settings.get("item_label"),
                              self.settings.get("item_image"), "item", state, self.pulse(now)))
        return shapes


Activity = DragActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`)."""
    x, y, w, h = activity.item_rect()
    zx, zy, zw, zh = activity.zone_rect()
    pilot.drag((x + w / 2, y + h / 2), (zx + zw / 2, zy + zh / 2), touch=touch)
