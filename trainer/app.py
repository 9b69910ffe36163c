"""The window and the one main loop.

:meth:`App.frame` is one turn of the loop: read events, update, draw only if
something changed.  :meth:`App.run` calls it and sleeps (20 turns a second
while nothing moves, 30 while an animation plays alone, 60 for a second
after input: devices run on battery);
:meth:`App.run_async` does the same under asyncio (for a web build).  Tests
call :meth:`App.frame` through :class:`trainer.pilot.Pilot`, with a clock
they control.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # read when pygame is imported
import pygame  # noqa: E402  (after the line above)

from . import i18n, learner_settings, resources  # noqa: E402
from .input import InputNormalizer  # noqa: E402
from .progress import DB_NAME, ProgressStore, default_data_dir, reason_of  # noqa: E402
from .screens.dialog import Dialog  # noqa: E402
from .screens.navigator import Navigator  # noqa: E402
from .speech import Speech  # noqa: E402
from .ui import scene_view, text  # noqa: E402
from .ui.cursor import use_big_arrow  # noqa: E402
from .ui.sound import Sounds  # noqa: E402
from .ui.theme import Theme  # noqa: E402

ACTIVE_FPS = 60  # while the learner acts (a drag follows the hand)
ANIMATION_FPS = 30  # a target pulsing, « Bravo ! »: gentle, no need for more
IDLE_FPS = 20
ACTIVE_AFTER_INPUT = 1.0  # seconds at full speed after the last input
DEFAULT_DOUBLE_CLICK = 0.8  # seconds: generous, beginners are slow
STORE_BUSY_TIMEOUT = 0.1  # seconds a write may wait for a lock before it is kept for later (the screen never freezes)
NOTICE_SECONDS = 8.0  # how long « C'est réglé… » stays


def prepare_environment() -> None:
    """SDL settings that must be in place before the display starts."""
    # A plain framebuffer: the software OpenGL path costs ~100 MB and 4.7 ms
    # per flip for a program that redraws rarely (see TECH-NOTES.md).
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # SDL would turn SIGTERM (a shutdown) into a window-close event, which
    # only asks « Quitter ? »: we handle the signals ourselves (App.run).
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")


def keyboard_names() -> tuple:
    """The layouts the program draws (:data:`trainer.keyboards.LAYOUTS`), without building them."""
    return ("azerty", "azerty-be", "qwertz-ch", "qwerty-ca", "azerty-afnor", "qwerty", "qwertz")


class App:
    def __init__(self, data_dir: Path | str | None = None, lesson_dirs=None, windowed: bool = False,
                 size: tuple[int, int] | None = None, clock=None, strict: bool = False,
                 in_memory: bool = False, keyboard_layout: str | None = None, language: str | None = None):
        prepare_environment()
        self.pygame = pygame
        self.strict = strict  # tests: let exceptions through
        self.keyboard_layout = keyboard_layout or "azerty"  # drawn keyboard, unless the learner has their own
        self._clock = clock or time.monotonic
        pygame.display.init()
        pygame.font.init()
        if windowed or size:
            self.surface = pygame.display.set_mode(size or (1280, 720), pygame.RESIZABLE)
        else:
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        pygame.display.set_caption("Pas à pas")
        pygame.key.start_text_input()  # typed characters (accents, dead keys) arrive as text
        self.size = self.surface.get_size()
        # colours and text sizes: the device's defaults until a learner is chosen
        # (learner_settings.apply); given to every drawing call, never a global
        self.theme = Theme.normal()
        use_big_arrow(self.size[1], self.theme)
        self.pointer = (self.theme, 1.0)  # the arrow's theme and size (a learner's pointer_size)
        text.set_budget(*self.size)
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        # a write never waits long for another program holding the file: it is kept for later
        self.store = ProgressStore(None if in_memory else self.data_dir / DB_NAME, defer_check=True,
                                   busy_timeout=STORE_BUSY_TIMEOUT)
        self.notice = None  # a banner for a while (« les progrès sont maintenant enregistrés »)
        self.notice_until = 0.0
        self.lesson_dirs = [Path(d) for d in (lesson_dirs or [resources.lessons_dir()])]
        self._entries = None
        self._menu_entries = None
        self._workshop_path = False  # (not read yet: App.workshop_path)
        self.normalizer = InputNormalizer(double_click_delay=DEFAULT_DOUBLE_CLICK, slop=0.03 * self.size[1])
        self.sounds = Sounds()
        self.speech = Speech()  # instructions read aloud, for the learners who want it
        self.learner = None
        self.session_id = None
        self.dialog = None
        self.running = True
        self.closed = False
        self.dirty = True
        self.repaint = True  # the whole screen, not only what changed
        self.last_input = -1e9
        self.frames_drawn = 0
        self.pygame_clock = pygame.time.Clock()
        # the interface's language: the device's (facilitator mode, « Langue »), or --lang this time only
        self._chosen = (language, keyboard_layout)  # (given for this run: not the device's)
        self.translator = i18n.translator(language or self.store.device_setting("language", i18n.DEFAULT))
        self.speech.language = self.translator.language
        self._device_keyboard()
        if self.store.device_setting("home_learner") is not None:
            # « mode maison » opens on a lesson menu, which reads every table: check
            # the whole file first (a loaned device holds one person's progress: quick)
            self.store.finish_check()
        self.nav = Navigator(self)
        self.nav.learners()  # or, in « mode maison », the lessons of the one learner
        if self.store.notice:
            self.message(self.t("app.damaged"), self.store.notice, id="damaged")

    def _device_keyboard(self) -> None:
        if self._chosen[1] is None:  # the device's keyboard, as the facilitator chose it (« Clavier »)
            self.keyboard_layout = self.store.device_setting("keyboard_layout", "azerty")
            if not isinstance(self.keyboard_layout, str) or self.keyboard_layout not in keyboard_names():
                self.keyboard_layout = "azerty"

    # -- the interface's language ----------------------------------------------
    @property
    def language(self) -> str:
        """The interface's language: "fr" or "en"."""
        return self.translator.language

    def t(self, msg_id: str, **values) -> str:
        """A text of the interface in its language (:meth:`trainer.i18n.Translator.t`)."""
        return self.translator.t(msg_id, **values)

    def n(self, msg_id: str, count: int, **values) -> str:
        """A text with a number, in the language's plural form (:meth:`trainer.i18n.Translator.n`)."""
        return self.translator.n(msg_id, count, **values)

    def set_language(self, code) -> None:
        """Show the interface in ``code`` from now on (the facilitator's « Langue »;
        kept as the device setting "language" by whoever calls this)."""
        self.translator = i18n.translator(code)
        self.speech.language = self.translator.language
        self.dirty = self.repaint = True

    # -- time -------------------------------------------------------------
    def now(self) -> float:
        return self._clock()

    # -- screens and the learner's session ----------------------------------
    @property
    def screen(self):
        """The screen on top (see :class:`trainer.screens.navigator.Navigator`)."""
        return self.nav.screen

    def screen_changed(self) -> None:
        """Another screen is on top: presses in progress are forgotten, all is drawn."""
        self.normalizer.reset()
        self.dirty = self.repaint = True

    @property
    def home_learner(self):
        """In « mode maison » (a loaned device) the one learner this device opens
        on, with no other learner visible; else None."""
        return self.store.learner_by_uid(self.store.device_setting("home_learner"))

    def begin_session(self, learner):
        """``learner`` starts practising: a session, their settings (text size,
        colours, sound, mouse, voice...).  Returns the learner as now stored."""
        self._close_session()
        learner = self.store.learner(learner.id) or learner  # settings as now stored
        self.learner = learner
        self.session_id = self.store.start_session(learner.id)
        learner_settings.apply(self, learner)
        return learner

    def end_session(self) -> None:
        """Nobody practises: the session ends, the device's own settings come back."""
        self._close_session()
        learner_settings.apply(self, None)

    def _close_session(self) -> None:
        if self.session_id is not None:
            self.store.end_session(self.session_id)
        self.session_id = None
        self.learner = None

    def resume_point(self, lesson) -> int:
        """The step where this lesson stopped for the current learner (0: from the start)."""
        if self.learner is None:
            return 0
        return self.store.resume_point(self.learner.id, lesson.id, len(lesson.steps),
                                       self.session_id if self.learner.is_guest else None)

    # -- dialogs ----------------------------------------------------------
    def confirm(self, question: str, on_yes, detail: str | None = None, on_no=None, id: str = "") -> None:
        """A question with « Oui » and « Non » (``id``: which question it is)."""
        self.dialog = Dialog(self, question, on_yes, on_no, detail, id=id)
        self.dirty = self.repaint = True

    def message(self, title: str, detail: str, id: str = "") -> None:
        """Something to read, with « D'accord » (``detail`` may be a :class:`trainer.i18n.Message`)."""
        self.dialog = Dialog(self, title, None, None, self.translator.text(detail), no=None, id=id)
        self.dirty = self.repaint = True

    def close_dialog(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self.dirty = self.repaint = True

    def request_quit(self) -> None:
        if self.dialog is not None and self.dialog.id == "quit":
            return
        detail = self.t("app.quit.detail")
        if self.store.pending_count and not self.store.flush_pending():  # kept during a full disk, a lock
            detail = self.t("app.quit.pending", reason=self.translator.text(
                reason_of(self.store.warning) or i18n.Message("store.reason.unknown")))
        self.confirm(self.t("app.quit.question"), self.quit, detail=detail, id="quit")

    def quit(self) -> None:
        self.nav.close()  # a lesson on screen is recorded as left
        self._close_session()
        self.running = False

    # -- lessons and learners --------------------------------------------
    def lesson_entries(self):
        """The lessons a learner may open on this device: those of the folders
        in use, only the locked ones when the device is locked (facilitator)."""
        if self._menu_entries is None:
            from .lesson_folders import apply_lock  # (not needed by the first screen: start-up time)

            self._menu_entries = apply_lock(self.all_lesson_entries(), self.store.device_setting("lock"))
        return self._menu_entries

    def all_lesson_entries(self):
        """Every lesson of the folders in use (device setting "lesson_dirs"), lock or not."""
        if self._entries is None:
            # (lessons are read after the first screen: start-up time)
            from .lesson.cache import CACHE_NAME, discover_with_path
            from .lesson_folders import used_folders  # (the same)

            cache = self.data_dir / CACHE_NAME if self.store.path is not None else None
            try:  # (the path of the workshops comes with them, from the same cache)
                entries, self._workshop_path = discover_with_path(used_folders(self), cache)
            except Exception:  # noqa: BLE001 - nothing in a lesson folder may stop the menu
                if self.strict:
                    raise
                self._log_problem()
                entries, self._workshop_path = [], None
            entries.sort(key=lambda e: (e.lesson.level if e.usable else 99, str(e.path)))
            self._entries = entries
        return self._entries

    def refresh_lessons(self) -> None:
        """The folders or the lock changed: read the lessons again."""
        self._entries = None
        self._menu_entries = None
        self._workshop_path = False

    def workshop_path(self):
        """The path of the ten workshops (:mod:`trainer.path`) of the folders in
        use, or None (no ``parcours.yaml``, or one with mistakes: the menu
        then follows the levels; « À corriger » is for lessons, ``trainer
        validate`` tells what is wrong with the path)."""
        if self._workshop_path is False or self._entries is None:
            self._entries = None
            self.all_lesson_entries()  # (read with the lessons, cached with them)
        return self._workshop_path

    def next_step(self, learner, states=None):
        """Where ``learner`` is on the path and what comes next
        (:func:`trainer.path.next_step`), or None without a path."""
        from . import path  # (the same)

        workshops = self.workshop_path()
        if workshops is None or learner is None:
            return None
        session = self.session_id if learner.is_guest else None
        if states is None:
            states = self.store.lesson_states(learner.id, session)
        # (the guest is everybody; a skill is judged on its last steps: those of each kind are enough)
        records = [] if learner.is_guest else self.store.learner_steps(learner.id, path.RECENT)
        start = learner.settings.get("start") if not learner.is_guest else None
        chosen = start.get("workshop") if isinstance(start, dict) else None
        by_id = {lesson.id: lesson for lesson in self.usable_lessons()}
        return path.next_step(workshops, states, records, by_id, chosen if isinstance(chosen, int) else None)

    def usable_lessons(self) -> list:
        """The lessons a learner may open, in menu order."""
        return [e.lesson for e in self.lesson_entries() if e.usable]

    def next_lesson(self, current):
        from .lesson_run import next_lesson  # (with the step kinds: not needed by the first screen)

        return next_lesson(self.usable_lessons(), current)

    def continue_choice(self, states=None, resume=None, step=None):
        """What « Continuer » opens for the current learner: (lesson, step),
        None when all are done (the rule: :func:`trainer.lesson_run.continue_choice`).
        ``states``, ``resume`` (lesson id -> step) and ``step`` (:meth:`next_step`)
        are the menu's, when it already read them."""
        from .lesson_run import continue_choice  # (with the step kinds: not needed by the first screen)

        if self.learner is None:
            return None
        session = self.session_id if self.learner.is_guest else None
        usable = self.usable_lessons()
        if states is None:
            states = self.store.lesson_states(self.learner.id, session)
        if resume is None:
            resume = {lesson.id: self.resume_point(lesson) for lesson in usable if lesson.id in states}
        if step is None:
            step = self.next_step(self.learner, states)
        proposed = step.lessons if step is not None else ()
        return continue_choice(usable, states, resume, self.store.recent_lessons(self.learner.id, session), proposed)

    def double_click_delay(self, learner) -> float:
        try:
            value = float(learner.settings.get("double_click_delay", DEFAULT_DOUBLE_CLICK))
        except (TypeError, ValueError, AttributeError):
            value = DEFAULT_DOUBLE_CLICK
        return min(max(value, 0.3), 2.0)

    # -- the loop ---------------------------------------------------------
    def frame(self) -> None:
        """One turn of the main loop (without the sleep)."""
        pygame = self.pygame
        now = self.now()
        try:
            if self.store.check_pending and self.frames_drawn:
                self._check_store()  # the rest of the progress file, once the first frame is up
            elif self.store.reserve_due and self.frames_drawn:
                self.store.make_reserve()  # (room for kept steps on a full disk: after the first frame too)
            self._store_news(now)
            self._banner_news()
            for event in pygame.event.get():
                self._pygame_event(event, now)
            for event in self.normalizer.poll(now):
                self._dispatch(event)
            if self.dialog is None and self.screen.update(now):
                self.dirty = True
            if self.dirty or self.screen.animating(now):
                self.draw()
        except Exception:  # noqa: BLE001 - nothing a learner does may close the program
            if self.strict:
                raise
            self._recover()

    def draw(self) -> None:
        """Draw what changed: only some rectangles when the screen can say
        which (the player during an exercise), else the whole screen."""
        rects = None
        if not self.repaint and self.dialog is None:
            partial = getattr(self.screen, "draw_changes", None)
            rects = partial(self.surface, self.theme) if partial is not None else None
        if rects is None:
            self.screen.draw(self.surface, self.theme)
            if self.dialog is not None:
                self.dialog.draw(self.surface, self.theme)
            self.pygame.display.flip()
            self.repaint = False
        elif rects:
            self.pygame.display.update(rects)
        self.dirty = False
        self.frames_drawn += 1

    def pace(self, now: float) -> int:
        """Turns of the loop per second: 60 after input, 30 for an animation alone, else 20."""
        if now - self.last_input < ACTIVE_AFTER_INPUT or self.normalizer.waiting():
            return ACTIVE_FPS
        return ANIMATION_FPS if self.screen.animating(now) else IDLE_FPS

    def run(self) -> int:
        self._stop_on_signals()
        if self.frames_drawn == 0:
            self.frame()
        if os.environ.get("PAS_A_PAS_REPORT_FIRST_FRAME"):  # for benchmarks/
            print(f"first-frame {time.time():.6f}", file=sys.stderr, flush=True)
        self.sounds.warm_up()  # after the first frame: start-up stays quick
        try:
            while self.running:
                self.frame()
                self.pygame_clock.tick(self.pace(self.now()))
        except KeyboardInterrupt:  # Ctrl+C in the terminal that started it
            self.quit()
        self.close()
        return 0

    def _stop_on_signals(self) -> None:
        """A shutdown (SIGTERM) ends the session cleanly, without a question."""
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
            signal.signal(signal.SIGTERM, lambda *_: self.quit())

    async def run_async(self) -> int:
        import asyncio  # (a web build only: 10-20 ms of every desktop start-up otherwise)

        while self.running:
            self.frame()
            await asyncio.sleep(1 / self.pace(self.now()))
        self.close()
        return 0

    def close(self) -> None:
        if getattr(self, "closed", False):  # once: pygame may already serve another App (tests)
            return
        self.closed = True
        self._close_session()
        self.store.close()
        text.clear()
        scene_view.clear()
        self.pygame.quit()

    # -- events -----------------------------------------------------------
    def _pygame_event(self, event, now: float) -> None:
        pygame = self.pygame
        t = event.type
        if t == pygame.QUIT:
            self.request_quit()
            return
        if t in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._resized()
            return
        if t == pygame.WINDOWFOCUSLOST:
            self.normalizer.reset()
            self.dirty = self.repaint = True
            return
        if t in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED, pygame.WINDOWFOCUSGAINED,
                 pygame.VIDEOEXPOSE):
            self.dirty = self.repaint = True
            return
        for normalized in self.normalizer.feed(event, now):
            self._dispatch(normalized)

    def _dispatch(self, event) -> None:
        if not self.running:  # « Oui » to « Quitter ? » came first in this frame: the rest is dropped
            return
        self.last_input = event.time
        self.dirty = True
        target = self.dialog if self.dialog is not None else self.screen
        target.handle(event)

    def _resized(self) -> None:
        surface = self.pygame.display.get_surface()
        if surface is None:
            return
        self.surface = surface
        w, h = surface.get_size()
        if (w, h) == self.size or w < 50 or h < 50:
            return
        self.size = (w, h)
        text.set_budget(w, h)
        self.normalizer.slop = 0.03 * h
        self.screen.layout(w, h)
        if self.dialog is not None:
            self.dialog.layout(w, h)
        self.dirty = self.repaint = True

    def _check_store(self) -> None:
        """The progress file was damaged beyond the tables of the first screen:
        it is now set aside and a new one started; everything shown came from
        the old one, so start again from the choice of the learner."""
        if self.store.finish_check():
            return
        self.dialog = None
        self.learner = None
        self.session_id = None
        self.nav.learners()
        self.message(self.t("app.damaged"), self.store.notice, id="damaged")

    def _log_problem(self) -> None:
        """Write the exception being handled to ``erreurs.log`` in the data folder."""
        report = traceback.format_exc()
        print(report, file=sys.stderr)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            with open(self.data_dir / "erreurs.log", "a", encoding="utf-8", errors="backslashreplace") as log:
                log.write(time.strftime("%Y-%m-%d %H:%M:%S ") + report + "\n")
        except OSError:
            pass

    def _store_news(self, now: float) -> None:
        """Progress kept while the file could not take it is written as soon
        as it can; the banner then says so for a while, and goes."""
        if self.store.waiting:  # something kept, or the file itself awaited since the start
            self.store.retry_pending(now)
        if self.store.reconnected:
            self._reconnected()
        if self.store.recovered is not None:  # (written by the retry, or by the next step's own write)
            self.notice, self.store.recovered = self.store.recovered, None
            self.notice_until = now + NOTICE_SECONDS
            self.dirty = self.repaint = True
        elif self.notice is not None and now >= self.notice_until:
            self.notice = None
            self.dirty = self.repaint = True

    def _banner_news(self) -> None:
        """The banner at the bottom came, went or changed: the screen is laid out
        again, its content above the banner (it never covers a button)."""
        message = self.store.warning or self.notice
        shown = self.translator.text(message) if message else None
        if shown != getattr(self, "_banner_shown", None):
            self._banner_shown = shown
            self.screen.layout(*self.size)
            self.dirty = self.repaint = True

    def _reconnected(self) -> None:
        """The progress file opened after a start without it, and everything
        kept meanwhile is in it: the ids held here become the file's, and the
        choice of the learner, if on screen, shows the people of the file (or,
        on a lent device, opens on its learner)."""
        store = self.store
        store.reconnected = False
        if self.session_id is not None:
            self.session_id = store.real_id(self.session_id)
        if self.learner is not None:
            self.learner = store.learner(self.learner.id) or self.learner
        if self.learner is None:  # the device's language and keyboard, as the file now says
            if self._chosen[0] is None:
                self.set_language(store.device_setting("language", i18n.DEFAULT))
            self._device_keyboard()
        if store.notice:  # the file was damaged when it finally opened: set aside, a new one started
            self.message(self.t("app.damaged"), store.notice, id="damaged")
        if self.dialog is None and self.screen.name == "learners":
            self.nav.learners()
        self.dirty = self.repaint = True

    def _recover(self) -> None:
        """Something went wrong in the program: write it down, go somewhere safe."""
        self._log_problem()
        self.dialog = None
        try:
            if self.learner is not None:
                self.nav.lessons()
            else:
                self.nav.learners()
            self.message(self.t("app.problem"), self.t("app.problem.detail"), id="problem")
        except Exception:  # noqa: BLE001
            if self.strict:
                raise
