"""Right click: the right button of the mouse, or a long press on a touch screen.

With ``menu`` and ``choose``, the right click opens a small menu, as on a
real computer, and the learner then picks the named entry.
"""
from .. import input as inp
from .base import TargetActivity, TargetDetails, button_word
from .common import TARGET_SETTINGS, check_sizes
from .scene import Box, inside_rect
from ..i18n import Message

KIND = "right_click"
TITLE = "Clic droit"
SETTINGS = dict(TARGET_SETTINGS)
SETTINGS["menu"] = {
    "type": "array", "minItems": 2, "maxItems": 6,
    "items": {"type": "string", "minLength": 1, "maxLength": 30},
    "description": "Les lignes du petit menu qui s'ouvre après le clic droit, "
                   "par exemple [Ouvrir, Copier, Renommer].",
}
SETTINGS["choose"] = {
    "type": "string", "minLength": 1, "maxLength": 30,
    "description": "La ligne du menu à choisir ensuite (elle doit être dans « menu »).",
}
Details = TargetDetails

#: the settings a lesson may give in another language too (``label_en``…)
TRANSLATABLE = ("label", "menu", "choose")


def check(settings):
    problems = check_sizes(settings)
    menu, choose = settings.get("menu"), settings.get("choose")
    if choose is not None and not menu:
        problems.append(("choose", Message("lesson.check.choose_menu")))
    elif isinstance(menu, list) and choose is not None and choose not in menu:
        problems.append(("choose", Message("lesson.check.choose_not_in_menu", choose=choose,
                                           menu=", ".join(map(str, menu)))))
    return problems


class RightClickActivity(TargetActivity):
    KIND = KIND
    HINTS = ("hint.right_click.mouse", "hint.right_click.touch")
    SWAPPED_HINT = "hint.right_click.mouse.swapped"
    MENU_GAP = 0.05  # the menu opens this far beside the pointer (a fraction of the screen height)

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.menu = list(settings.get("menu") or [])
        self.choose = settings.get("choose")
        self.menu_open_at: tuple[float, float] | None = None  # fractions of the play area
        self.menu_hover: int | None = None

    @property
    def hint_text(self):
        if self.menu_open_at is not None and self.choose:
            return self.tr.t("hint.right_click.menu.touch" if self.ctx.touch else "hint.right_click.menu.mouse",
                             choice=self.choose)
        return super().hint_text

    def handle(self, event):
        if self.menu_open_at is not None:
            self._handle_menu(event)
            return
        self.track_hover(event)
        long_press = isinstance(event, inp.LongPress) and event.touch
        right = (isinstance(event, inp.Click) and event.button == inp.RIGHT) or long_press
        on = self.on_target(event.pos) if long_press else (
            isinstance(event, inp.Click) and event.on(self.on_target))
        if right and on:
            if self.menu and self.choose:
                self.progress(event.time)
                where = event.release if isinstance(event, inp.Click) else event.pos  # the pointer, now
                x, y, w, h = self.area
                self.menu_open_at = ((where[0] - x) / w, (where[1] - y) / h)
            else:
                self.hit(event.time)
        elif on and isinstance(event, inp.Click) and not event.touch:
            # the main button on the target: the sentence names the other one, on this mouse
            self.miss(event.time, button_word(self.ctx, False, "note.use_button.{side}"))
        elif isinstance(event, inp.Click):
            if event.touch and on:
                self.miss(event.time, self.tr.t("note.hold_finger"))
            else:
                self.off_target(event)

    def _handle_menu(self, event):
        if isinstance(event, (inp.PointerMove, inp.PointerDown)):
            self.menu_hover = self._menu_index(event.pos)
        if not isinstance(event, inp.Click):
            return
        index = self._menu_index(event.pos)
        if index is not None and not event.on(lambda p: self._menu_index(p) == index):
            # pressed on one line, let go on another: nothing chosen (a kind word, no miss)
            self.nudge(event.time, self.word("note.menu_slid.{hand}"))
        elif index is not None and self.menu[index] == self.choose:
            self.menu_open_at = None
            self.hit(event.time)
        elif index is not None:
            self.miss(event.time, self.word("note.menu_other.{hand}", choice=self.choose))
        elif self.on_target(event.pos):
            # the target again (a second click, a double right click): the menu stays open
            self.nudge(event.time, self.word("note.menu_open.{hand}", choice=self.choose))
        else:
            self.menu_open_at = None  # a click elsewhere closes the menu, as on a computer
            self.miss(event.time, self.word("note.menu_closed.{hand}"))

    def _menu_rects(self):
        """The menu's lines, beside the pointer (to its right, or to its left when
        there is no room), never under it: a second click where the right click
        was does not choose a line at once.  Wholly inside the play area."""
        x, y, w, h = self.area
        row_h = 0.085 * self.unit  # a row as tall as any control (8 % of the height at least)
        width = 0.32 * self.unit
        px, py = self.to_px(*self.menu_open_at)
        gap = self.MENU_GAP * self.unit
        height = row_h * len(self.menu)
        left = px + gap
        if left + width > x + w:  # no room on the right: on the left of the pointer
            left = px - gap - width
        left = min(max(left, x), x + w - width)
        top = min(max(py - row_h / 2, y), y + h - height)
        return [(left, top + i * row_h, width, row_h) for i in range(len(self.menu))]

    def _menu_index(self, pos):
        for i, rect in enumerate(self._menu_rects()):
            if inside_rect(pos, rect):
                return i
        return None

    def scene(self, now):
        shapes = super().scene(now)
        if self.menu_open_at is not None:
            for i, (label, rect) in enumerate(zip(self.menu, self._menu_rects())):
                hinted = self.hint_visible and label == self.choose
                state = "hint" if hinted else ("hover" if i == self.menu_hover else "idle")
                shapes.append(Box(rect, label, style="menu", state=state,
                                  pulse=self.pulse(now) if hinted else 0.0))
        return shapes


Activity = RightClickActivity


def solve(activity, pilot, touch: bool) -> None:
    """How a learner who knows what to do plays the step (:meth:`trainer.pilot.Pilot.play_step`):
    a right click (a long press with a finger), then the entry of the menu."""
    if touch:
        pilot.long_press(activity.center())
    else:
        pilot.right_click(activity.center())
    if activity.menu_open_at is not None:
        x, y, w, h = activity._menu_rects()[activity.menu.index(activity.choose)]
        pilot.click((x + w / 2, y + h / 2), touch=touch)
