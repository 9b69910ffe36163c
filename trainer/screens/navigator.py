"""The one place that knows the screens and how to go from one to another.

The screens are a stack: the one on top is shown.

- :meth:`Navigator.reset` starts a new stack (the choice of the learner, a
  learner's lesson menu, the facilitator's home);
- :meth:`Navigator.push` opens a screen over the current one, and
  :meth:`Navigator.back` closes it: the one below is shown again, as it was
  (« Mes progrès » goes back to the lessons or to the facilitator's page of
  that person, whichever opened it);
- :meth:`Navigator.replace` swaps the top (the end of a lesson replaces the
  lesson).

Each screen hears :meth:`~trainer.screens.base.Screen.enter` every time it
comes on top (first shown, or shown again after the one above closed: it
reads the store again there) and :meth:`~trainer.screens.base.Screen.leave`
once, when it leaves the stack for good (a lesson left half way is recorded
as left there, whatever took the learner away).

Screens never import each other: they ask the navigator (``app.nav``) to go
somewhere.  The navigator imports each screen module only when it is first
opened: the program starts on the learner tiles, and importing every screen
up front (the player with every step kind, the facilitator's export and
report) would add ~60 ms to the first frame.
"""
from __future__ import annotations

from .. import pin
from .learners import LearnersScreen  # the first screen: the others are imported when first opened


class Navigator:
    def __init__(self, app):
        self.app = app
        self.stack: list = []

    @property
    def screen(self):
        return self.stack[-1] if self.stack else None

    # -- the stack ------------------------------------------------------------
    def reset(self, screen) -> None:
        """A new start: every screen leaves, ``screen`` is the only one."""
        self.leave_all()
        self.stack = [screen]
        self._shown(screen)

    def push(self, screen) -> None:
        """``screen`` over the current one; :meth:`back` comes back here."""
        self.stack.append(screen)
        self._shown(screen)

    def replace(self, screen) -> None:
        if self.stack:
            self.stack.pop().leave()
        self.push(screen)

    def back(self) -> None:
        """Close the screen on top and show the one below again (the choice of
        the learner when there is none)."""
        if len(self.stack) < 2:
            self.learners()
            return
        self.stack.pop().leave()
        self._shown(self.stack[-1])

    def leave_all(self) -> None:
        while self.stack:
            self.stack.pop().leave()

    def close(self) -> None:
        """The program stops: every screen leaves (the top one first); the last
        one stays on the window until it closes."""
        for screen in reversed(self.stack):
            screen.leave()
        del self.stack[:-1]

    def _shown(self, screen) -> None:
        if screen.size != self.app.size:  # the window changed size while it was below
            screen.layout(*self.app.size)
        screen.enter()
        self.app.screen_changed()

    # -- the learners' side ---------------------------------------------------
    def learners(self) -> None:
        """« Qui s'entraîne aujourd'hui ? », or in « mode maison » the lent
        learner's lessons (nobody else is shown)."""
        app = self.app
        home = app.home_learner
        if home is not None:
            if app.learner is None or app.learner.id != home.id:
                self.choose_learner(home)
            else:
                self.lessons()
            return
        app.end_session()  # the device's defaults: the next person has their own
        self.reset(LearnersScreen(app))

    def add_learner(self) -> None:
        from .add_learner import AddLearnerScreen  # (when first opened: start-up time, see above)

        self.push(AddLearnerScreen(self.app))

    def choose_learner(self, learner) -> None:
        """A learner starts: their session, their settings, where they begin:
        the lesson or level the facilitator chose for them (learner setting
        "start"), else the lesson menu."""
        app = self.app
        learner = app.begin_session(learner)
        start = learner.settings.get("start") if not learner.is_guest else None
        if isinstance(start, dict):
            usable = app.usable_lessons()
            wanted = [lesson for lesson in usable if lesson.id == start.get("lesson")]
            if wanted and app.store.lesson_states(learner.id).get(wanted[0].id) != "done":
                self.lessons()
                self.play(wanted[0])
                return
            if start.get("level") in {lesson.level for lesson in usable}:
                self.lessons(start["level"])
                return
        self.lessons()

    def lessons(self, level: int | None = None) -> None:
        """The current learner's lesson menu (at ``level``), the bottom of their stack."""
        if self.app.learner is None:
            self.learners()
            return
        from .lessons import LessonMenuScreen  # (when first opened: start-up time, see above)

        self.reset(LessonMenuScreen(self.app, self.app.learner, level))

    def progress(self, learner) -> None:
        """« Les progrès de … », over the screen that opened it."""
        from .progress import ProgressScreen  # (when first opened: start-up time, see above)

        self.push(ProgressScreen(self.app, learner))

    def play(self, lesson, start: int | None = None) -> None:
        """A lesson, over the menu: where it stopped last time when it was left
        half done (``start`` None), else at step ``start``."""
        from .player import PlayerScreen  # (when first opened: start-up time, see above)

        if start is None:
            start = self.app.resume_point(lesson)
        screen = PlayerScreen(self.app, lesson, self.app.learner, start=start)
        if self.screen is not None and self.screen.name in ("player", "results"):
            self.replace(screen)
        else:
            self.push(screen)

    def lesson_finished(self, lesson, learner, results) -> None:
        from .results import ResultsScreen  # (when first opened: start-up time, see above)

        self.app.sounds.play("done")
        self.replace(ResultsScreen(self.app, lesson, learner, results, self.app.next_lesson(lesson)))

    # -- the facilitator's side --------------------------------------------------
    def facilitator(self) -> None:
        """The corner held or Ctrl+Alt+A on the learner screen: the PIN first, if any."""
        state = pin.state(self.app.store)
        if state != "set" and self.app.home_learner is not None:
            # a device lent without a code (an older version allowed it): the person at home
            # may neither come in nor choose a code that shuts the facilitator out
            self.app.message(self.app.t("pin.lent_no_code"), self.app.t("pin.lent_no_code.detail"), id="lent_no_code")
            return
        self.app.end_session()  # (mode maison: the lent learner's session ends here)
        if state == "none":
            self.facilitator_home()
        else:
            from .facilitator_pin import PinScreen  # (when first opened: start-up time, see above)

            self.reset(PinScreen(self.app, "choose" if state == "unset" else "enter"))

    def facilitator_home(self) -> None:
        from .facilitator import FacilitatorHome  # (when first opened: start-up time, see above)

        self.reset(FacilitatorHome(self.app))

    def facilitator_learner(self, learner_id: int) -> None:
        from .facilitator import FacilitatorLearner  # (when first opened: start-up time, see above)

        self.push(FacilitatorLearner(self.app, learner_id))

    def rename_learner(self, learner) -> None:
        from .facilitator import RenameLearnerScreen  # (when first opened: start-up time, see above)

        self.push(RenameLearnerScreen(self.app, learner))

    def learner_settings(self, learner_id: int) -> None:
        from .facilitator_settings import LearnerSettingsScreen  # (when first opened: start-up time, see above)

        self.push(LearnerSettingsScreen(self.app, learner_id))

    def keyboard_choice(self, learner_id: int | None = None) -> None:
        """The keyboard drawn for this device (``learner_id`` None) or for one person."""
        from .facilitator_keyboard import KeyboardChoiceScreen  # (when first opened: start-up time, see above)

        self.push(KeyboardChoiceScreen(self.app, learner_id))

    def learner_start(self, learner_id: int) -> None:
        from .facilitator_lessons import StartScreen  # (when first opened: start-up time, see above)

        self.push(StartScreen(self.app, learner_id))

    def lock(self) -> None:
        from .facilitator_lessons import LockScreen  # (when first opened: start-up time, see above)

        self.push(LockScreen(self.app))

    def folders(self) -> None:
        from .facilitator_folders import FoldersScreen  # (when first opened: start-up time, see above)

        self.push(FoldersScreen(self.app))

    def same_person(self, learner_id: int) -> None:
        from .facilitator_people import SamePersonScreen  # (when first opened: start-up time, see above)

        self.push(SamePersonScreen(self.app, learner_id))

    def workshop(self) -> None:
        from .facilitator_workshop import WorkshopScreen  # (when first opened: start-up time, see above)

        self.push(WorkshopScreen(self.app))

    def past_days(self) -> None:
        """The days with sessions « hors atelier », to attach to their workshop."""
        from .facilitator_days import PastDaysScreen  # (when first opened: start-up time, see above)

        self.push(PastDaysScreen(self.app))

    def day_sessions(self, day: str) -> None:
        """One day's sessions « hors atelier » and the workshops to attach them to."""
        from .facilitator_days import DayScreen  # (when first opened: start-up time, see above)

        self.push(DayScreen(self.app, day))

    def place_name(self, day: str | None = None, then=None) -> None:
        """A new place typed: the town, then the place (today's workshop, or ``day``'s)."""
        from .facilitator_workshop import PlaceNameScreen  # (when first opened: start-up time, see above)

        self.push(PlaceNameScreen(self.app, day=day, then=then))

    def device_name(self) -> None:
        """This device's readable name, to see and change."""
        from .facilitator_workshop import DeviceNameScreen  # (when first opened: start-up time, see above)

        self.push(DeviceNameScreen(self.app))

    def usb(self) -> None:
        from .facilitator_usb import UsbScreen  # (when first opened: start-up time, see above)

        self.push(UsbScreen(self.app))

    def change_pin(self) -> None:
        from .facilitator_pin import PinScreen  # (when first opened: start-up time, see above)

        self.push(PinScreen(self.app, "choose", changing=True))

    def choose_pin_to_lend(self, uid: str) -> None:
        """Lending the device needs a code: one is chosen first, then it is lent."""
        from .facilitator_pin import PinScreen  # (when first opened: start-up time, see above)

        self.push(PinScreen(self.app, "choose", changing=True, lend_to=uid))
