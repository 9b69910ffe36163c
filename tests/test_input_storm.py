"""Tens of thousands of random events, through the real main loop.

A curious grandchild, a cat on the keyboard, a tablet in a pocket: whatever
arrives from SDL, the program must neither stop nor freeze nor lose a row.
Seeded random events are posted to pygame's queue and read by the real loop
(:class:`trainer.pilot.Pilot`, ``strict=True``: any exception fails the
test) on every screen: choosing a learner, adding a person, the lesson menu
and all its tabs, the player on every step of every bundled lesson, the
end-of-lesson screen and the dialogs.

Mouse motion, buttons 1 to 3 and odd ones (4, 5, 8, 0, 255), wheels with
huge values, touch (mouse events with ``touch=True``), FINGER* events, keys
with random modifiers, huge text (10 000 characters, emoji, combining marks,
NUL), positions far outside the window, window resizes, focus changes and
QUIT (answered « Non » most of the time; when the program stops, it is
started again on the same folder).

Set PAS_A_PAS_STORM_EVENTS to scale the number of events (default 30 000 in
total, about 45 s) and PAS_A_PAS_STORM_SEED to try other storms.

A storm is the same at every run (:func:`same_storm_every_run`): besides the
seeds, nothing it shows may depend on the run.  The folders are named
relative to the test's folder (pytest numbers its folders, pytest-9 then
pytest-10: a path shown on screen changed width, then wrapping, then where
the next random click landed), and the program's wall clock (timestamps,
dates, a file moved aside named by the time) is the pilots' clock, in UTC.
"""
from __future__ import annotations

import os
import random
import sqlite3
import string
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pygame
import pytest

from trainer import exchange, report, stats
from trainer.progress import store as progress_store
from trainer import lesson as lessons_mod
from trainer.pilot import FakeClock, Pilot
from trainer.progress import DB_NAME
from trainer.ui import scene_view, text

from conftest import LESSONS

SEED = int(os.environ.get("PAS_A_PAS_STORM_SEED", "1789"))
EVENTS = int(os.environ.get("PAS_A_PAS_STORM_EVENTS", "30000"))
MENU_SHARE = 0.35  # of the events on the menus, dialogs and end screen; the rest in the player

SCREENS = {"learners", "add_learner", "lessons", "player", "results", "progress"}
DIALOGS = {"quit", "stop_lesson", "damaged", "broken_lesson"}  # the questions' ids
# resident memory may grow this much after the warm-up (bytes): generous, the caches refill at every
# new window size and freed memory is not always given back; one leaked frame is 3.6 MB at 1280x720
MEMORY_GROWTH_LIMIT = 200 * 1024 * 1024  # (measured: 10 to 60 MB)

BUTTONS = [1, 1, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 0, 255]
KEYS = [pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_BACKSPACE, pygame.K_AC_BACK,
        pygame.K_TAB, pygame.K_SPACE, pygame.K_DELETE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP,
        pygame.K_DOWN, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_z,
        pygame.K_y, pygame.K_a, pygame.K_q, pygame.K_c, pygame.K_v, pygame.K_x, pygame.K_e, pygame.K_2,
        pygame.K_F1, pygame.K_F4, pygame.K_F11, pygame.K_LCTRL, pygame.K_RALT, pygame.K_LSHIFT,
        pygame.K_LGUI, pygame.K_RMETA, pygame.K_MODE, pygame.K_CAPSLOCK, pygame.K_MENU, pygame.K_KP_5,
        0, -1, 1 << 30 | 0x1FF, 2 ** 31 - 1]
MODS = [pygame.KMOD_LSHIFT, pygame.KMOD_RSHIFT, pygame.KMOD_LCTRL, pygame.KMOD_RCTRL, pygame.KMOD_LALT,
        pygame.KMOD_RALT, pygame.KMOD_LMETA, pygame.KMOD_RMETA, pygame.KMOD_CAPS, pygame.KMOD_NUM,
        pygame.KMOD_MODE]
SIZES = [(1280, 720), (1366, 768), (1920, 1080), (1280, 800), (1024, 768), (800, 600), (360, 640),
         (640, 360), (320, 240), (2560, 1440), (1920, 1200), (50, 50), (49, 300), (300, 49), (10, 10),
         (2000, 60), (60, 1200)]
FAR = [-1, -50, -10 ** 6, -2 ** 31, 2 ** 31 - 1, 10 ** 9, 5000, 65535]
EMOJI = "😀👍🏽👨‍👩‍👧‍👦🇫🇷🐈‍⬛🫠"
ODD_TEXT = ["\x00", "a\x00b", "\u0301", "e\u0301\u0302\u0303", "\u0301" * 40, "\u200b\u200d\ufeff",
            "مرحبا", "שלום", "\t", "\n", "\r\n", " ", "  ", "'", "-", "\U0010FFFF", "\uFFFD", "\u202e",
            "Ω≈ç√∫", "ÉÈÊËÀÇÏÔ", "ß", "İ", "ǅ", "\x7f", "\x1b", EMOJI]


def rss() -> int:
    """Resident memory of this process, in bytes (Linux); 0 where unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def check_database(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT COUNT(*) FROM step_results WHERE attempt_id NOT IN "
                          "(SELECT id FROM attempts)").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM attempts WHERE session_id NOT IN "
                          "(SELECT id FROM sessions)").fetchone() == (0,)
    finally:
        db.close()


WALL_START = 1_780_000_000.0  # 2026-05-28 in UTC: the program's wall clock when a storm starts


class WallClock:
    """The ``time`` module as the program sees it, its « now » following the
    pilots' clock (the program reads the wall clock for timestamps and dates)."""

    def __init__(self, clock: FakeClock):
        self.clock = clock

    def time(self) -> float:
        return WALL_START + self.clock.t

    def localtime(self, t=None):
        return time.localtime(self.time() if t is None else t)

    def strftime(self, fmt, t=None):
        return time.strftime(fmt, self.localtime() if t is None else t)

    def __getattr__(self, name):  # the rest of the time module, unchanged
        return getattr(time, name)


@pytest.fixture(autouse=True)
def same_storm_every_run(tmp_path, monkeypatch) -> FakeClock:
    """Run from the test's folder (folders named relative to it), on a clock
    shared by every pilot of the test, which is also the program's wall clock,
    in UTC (see the module's docstring)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    clock = FakeClock()
    wall = WallClock(clock)

    class Date(date):
        @classmethod
        def today(cls):
            return datetime.fromtimestamp(wall.time()).date()

    class DateTime(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.fromtimestamp(wall.time(), tz)

        @classmethod
        def today(cls):
            return datetime.fromtimestamp(wall.time())

    for module in (progress_store, stats, exchange, report):
        monkeypatch.setattr(module, "time", wall)
    for module in (exchange, report):
        monkeypatch.setattr(module, "date", Date)
        monkeypatch.setattr(module, "datetime", DateTime)
    yield clock
    monkeypatch.undo()
    time.tzset()


class Storm:
    """The program and a seeded source of random events, with ways to go
    somewhere calm and to play a step properly between bursts."""

    def __init__(self, data: Path, lesson_dirs, seed: int, clock: FakeClock):
        self.data = data
        self.lesson_dirs = lesson_dirs
        self.rng = random.Random(seed)
        self.clock = clock  # one clock for the program started again after « Oui » to « Quitter ? »
        self.posted = 0
        self.restarts = 0
        self.on_screen: dict[str, int] = {}  # events posted while this screen (or dialog) was shown
        self.pilot = Pilot.start(data, lesson_dirs=lesson_dirs, strict=True, clock=clock)

    @property
    def app(self):
        return self.pilot.app

    def where(self) -> str:
        return f"dialog: {self.app.dialog.id}" if self.app.dialog is not None else self.app.screen.name

    # -- what keeps being true ---------------------------------------------------
    def check(self) -> None:
        app = self.app
        if not app.running:  # someone answered « Oui » to « Quitter ? »: start again on the same folder
            app.close()
            self.restarts += 1
            self.pilot = Pilot.start(self.data, lesson_dirs=self.lesson_dirs, strict=True, clock=self.clock)
            app = self.app
        assert app.screen.name in SCREENS, app.screen.name
        if app.dialog is not None:
            assert (app.dialog.id in DIALOGS) if DIALOGS is not None else app.dialog.id, app.dialog.question
        # the program still draws: any input is answered by a new frame
        drawn = app.frames_drawn
        w, h = app.size
        self.pilot.post(pygame.MOUSEMOTION, pos=(self.rng.randrange(w), self.rng.randrange(h)), rel=(0, 0),
                        buttons=(0, 0, 0), touch=False)
        self.pilot.frames(1)
        assert app.frames_drawn > drawn, f"no frame drawn after input on {self.where()}"
        assert (text._cache_bytes <= text.CACHE_BYTES or len(text._cache) == 1) and len(scene_view._images) <= 64

    # -- random events -------------------------------------------------------------
    def pos(self):
        rng, app = self.rng, self.app
        w, h = app.size
        roll = rng.random()
        owner = app.dialog or app.screen
        in_player = app.dialog is None and app.screen.name == "player"
        if roll < (0.08 if in_player else 0.35) and owner.buttons:  # (the player's one button is « Retour »)
            buttons = owner.buttons
            if app.dialog is not None and rng.random() < 0.9:  # « Non » most of the time
                buttons = [b for b in buttons if b.id != "yes"] or buttons
            r = rng.choice(buttons).rect  # (may be negative in a window far too narrow: never clicked)
            return (r.centerx + rng.randint(-abs(r.w) // 3, abs(r.w) // 3),
                    r.centery + rng.randint(-abs(r.h) // 3, abs(r.h) // 3))
        if roll < 0.45 and in_player:
            activity = app.screen.activity
            if hasattr(activity, "keyboard_rect") and rng.random() < 0.8:  # a key of the drawn keyboard
                x, y, kw, kh = rng.choice(list(activity.drawn_layout().geometry(activity.keyboard_rect()).values()))
                return (int(x + kw / 2), int(y + kh / 2))
            if hasattr(activity, "center"):
                x, y = activity.center()
            elif hasattr(activity, "item_rect"):
                x, y, iw, ih = (activity.item_rect() if rng.random() < 0.6 else activity.zone_rect())
                x, y = x + iw / 2, y + ih / 2
            else:
                x, y, vw, vh = activity.area
                x, y = x + rng.random() * vw, y + rng.random() * vh
            return (int(x) + rng.randint(-20, 20), int(y) + rng.randint(-20, 20))
        if roll < 0.88:
            return (rng.randrange(w), rng.randrange(h))
        return (rng.choice(FAR + [rng.randrange(w)]), rng.choice(FAR + [rng.randrange(h)]))

    def text(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.03:
            return "".join(rng.choices(string.ascii_letters + "éèàçùÉ -'", k=10_000))
        if roll < 0.05:
            return "".join(rng.choices(ODD_TEXT + list(EMOJI) + list("azerty"), k=10_000))[:10_000]
        if roll < 0.45:
            return rng.choice(ODD_TEXT)
        if roll < 0.55:
            while True:
                ch = chr(rng.randrange(0x20, 0x30000))
                if not 0xD800 <= ord(ch) <= 0xDFFF:  # SDL sends UTF-8: never a lone surrogate
                    return ch
        return rng.choice(string.ascii_letters + "éèàçù")

    def event(self) -> None:
        if not self.app.running:  # stopped by an earlier event of this batch: started again first
            self.check()
        rng, post = self.rng, self.pilot.post
        self.posted += 1
        where = self.where()
        self.on_screen[where] = self.on_screen.get(where, 0) + 1
        roll = rng.random()
        touch = rng.random() < 0.3
        if roll < 0.25:
            post(pygame.MOUSEMOTION, pos=self.pos(), rel=(rng.randint(-500, 500), rng.randint(-500, 500)),
                 buttons=tuple(rng.randint(0, 1) for _ in range(3)), touch=touch)
        elif roll < 0.45:
            kind = rng.choice([pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP])
            post(kind, pos=self.pos(), button=rng.choice(BUTTONS), touch=touch, clicks=rng.randint(1, 3))
        elif roll < 0.55:  # a whole click or tap, sometimes slow (a long press on a finger)
            pos, button = self.pos(), rng.choice([1, 1, 1, 3])
            post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=touch, clicks=1)
            if rng.random() < 0.1:
                self.pilot.wait(rng.choice([0.1, 0.7, 1.0]))
            post(pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=touch, clicks=1)
        elif roll < 0.63:
            y = rng.choice([1, -1, 0, 3, -7, 120, -120, 10 ** 6, -10 ** 6, 2 ** 31 - 1, -2 ** 31])
            precise = rng.choice([float(y), y * 0.1, 1e30, -1e30, 3.4e38, -3.4e38, 0.0, 1e-9])
            post(pygame.MOUSEWHEEL, x=rng.choice([0, 0, 1, -1, 10 ** 6]), y=y, precise_x=0.0, precise_y=precise,
                 flipped=rng.random() < 0.2, touch=touch, which=0)
        elif roll < 0.68:
            kind = rng.choice([pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP])
            post(kind, touch_id=rng.randint(0, 3), finger_id=rng.randint(0, 10), x=rng.uniform(-2, 3),
                 y=rng.choice([rng.random(), 1e9, -1.0]), dx=rng.uniform(-1, 1), dy=rng.uniform(-1, 1),
                 pressure=rng.random())
        elif roll < 0.83:
            key = pygame.K_ESCAPE if rng.random() < 0.04 else rng.choice(KEYS)
            mod = rng.choice([0, 0, rng.getrandbits(16)] + MODS)
            unicode = "" if rng.random() < 0.5 else self.text()[:1]
            for kind in rng.choice([(pygame.KEYDOWN,), (pygame.KEYUP,), (pygame.KEYDOWN, pygame.KEYUP)]):
                post(kind, key=key, mod=mod, scancode=rng.choice([rng.randint(0, 300), -1, 512, 2 ** 31 - 1]),
                     unicode=unicode,
                     repeat=rng.random() < 0.1)
        elif roll < 0.93:
            post(pygame.TEXTINPUT, text=self.text())
        elif roll < 0.935:
            self.resize(rng.choice(SIZES) if rng.random() < 0.7 else (rng.randint(1, 2200), rng.randint(1, 1400)))
        elif roll < 0.965:
            post(rng.choice([pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWEXPOSED,
                             pygame.WINDOWENTER, pygame.WINDOWLEAVE, pygame.WINDOWMINIMIZED,
                             pygame.WINDOWRESTORED, pygame.ACTIVEEVENT, pygame.USEREVENT]))
        elif roll < 0.975:
            self.quit_question()
        elif roll < 0.98:  # no event: time passes
            self.pilot.wait(rng.choice([0.05, 0.3, 0.7, 1.3]))
        else:
            post(pygame.MOUSEMOTION, pos=self.pos(), rel=(0, 0), buttons=(0, 0, 0), touch=touch)

    def resize(self, size) -> None:
        pygame.display.set_mode(size, pygame.RESIZABLE)
        if self.rng.random() < 0.3:
            self.pilot.post(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
        self.pilot.post(pygame.WINDOWSIZECHANGED, x=size[0], y=size[1])

    def quit_question(self) -> None:
        """The window's close button: « Non » most of the time, the question left open or « Oui » sometimes."""
        self.pilot.post(pygame.QUIT)
        self.pilot.frames(1)
        if not self.app.running:  # an event before it in the queue said « Oui » to a question
            self.check()
            return
        assert self.app.dialog is not None and self.app.dialog.id == "quit"
        roll = self.rng.random()
        if roll < 0.85:
            self.pilot.click("no", touch=self.rng.random() < 0.3)
            assert self.app.running
        elif roll < 0.97:
            pass  # the storm goes on with the question on screen
        else:
            self.pilot.click("yes")
            assert not self.app.running
        self.check()

    def burst(self, n: int) -> None:
        """``n`` random events, read by the loop in batches of random size, with checks."""
        done = batches = 0
        while done < n:
            size = min(n - done, self.rng.choice([1, 2, 5, 10, 20, 30, 40]))
            app, drawn = self.app, self.app.frames_drawn
            for _ in range(size):
                self.event()
            self.pilot.post(pygame.MOUSEMOTION, pos=self.pos(), rel=(1, 1), buttons=(0, 0, 0), touch=False)
            done += size
            self.pilot.frames(1)
            if app is self.app and app.running:  # (not started again in the meantime)
                assert app.frames_drawn > drawn, f"no frame drawn after input on {self.where()}"
            batches += 1
            if self.rng.random() < 0.03:
                self.pilot.wait(self.rng.uniform(0.1, 1.5))
            elif self.rng.random() < 0.001:
                self.pilot.wait(21)  # long enough for the idle hint in a lesson
            if batches % 8 == 0 or not self.app.running:
                self.check()
        self.check()

    def storm_on(self, place: str, n: int, arrive) -> None:
        """Storm ``place`` until about ``n`` events were posted while it was shown,
        coming back there with ``arrive()`` each time the storm leads elsewhere."""
        start = self.on_screen.get(place, 0)
        for _ in range(100):
            if self.on_screen.get(place, 0) - start >= n:
                return
            arrive()
            assert self.where() == place
            self.burst(max(20, n // 4))
        raise AssertionError(f"the storm never stays on {place}: {self.on_screen}")

    # -- going somewhere calm ------------------------------------------------------
    def settle(self) -> None:
        """No dialog, no button or finger held, a usual window size."""
        self.check()
        pilot = self.pilot
        if self.app.size != (1280, 720) or pygame.display.get_surface().get_size() != (1280, 720):
            self.resize((1280, 720))
        pilot.post(pygame.WINDOWFOCUSLOST)
        pilot.frames(1)
        pilot.post(pygame.MOUSEBUTTONUP, pos=(5, 5), button=1, touch=False, clicks=1)
        pilot.post(pygame.WINDOWFOCUSGAINED)
        pilot.frames(1)
        for _ in range(5):
            if self.app.dialog is None:
                break
            ids = pilot.ids()
            pilot.click("no" if "no" in ids else ids[0])
        assert self.app.dialog is None and self.app.running
        assert self.app.size == (1280, 720)

    def go_to(self, target: str) -> None:
        """learners | add_learner | lessons, by the ways a person would take
        (with the mouse as the learner on screen holds it: left-handed or not)."""
        for _ in range(8):
            self.settle()
            name = self.app.screen.name
            if name == target:
                return
            if name == "learners":
                self.click("add_learner" if target == "add_learner" else "guest")
            elif name == "lessons" and target == "add_learner":
                self.click("back")
            elif name == "player":
                self.click("back")
                if self.app.dialog is not None:  # (unless the step's praise ended first: the next screen)
                    self.click("yes")
            else:  # add_learner: « Annuler »; lessons: « Retour »; results: « Leçons »
                self.click(self.pilot.ids()[0])
        raise AssertionError(f"could not go to {target}, still on {self.app.screen.name}")

    def click(self, target) -> None:
        """A click with the main button of the learner on screen (the right one
        for a left-handed mouse, which the storm may have chosen for them)."""
        learner = self.app.learner
        left_handed = learner is not None and bool(learner.settings.get("left_handed"))
        self.pilot.click(target, button=3 if left_handed else 1)

    def open_lesson(self, found) -> None:
        self.go_to("lessons")
        self.pilot.click(f"level:{found.level}")
        self.pilot.click(f"lesson:{found.id}")
        assert self.app.screen.name == "player" and self.app.screen.lesson.id == found.id

    def play_current_step(self) -> None:
        """Finish the step on screen as a learner who knows what to do (after a storm)."""
        pilot = self.pilot
        screen = self.app.screen
        index = screen.index
        for _ in range(10):
            self.settle()
            if self.app.screen is not screen or screen.index != index:
                return
            if screen.praise_until is not None:
                pilot.wait(1.3)
                continue
            activity = screen.activity
            if activity.KIND == "scroll" and activity.seen:
                self.bring_into_view(activity)
            pilot.play_step(touch=self.rng.random() < 0.3)
        raise AssertionError(f"step {index} ({screen.activity.KIND}) of {screen.lesson.id} did not end")

    def bring_into_view(self, activity) -> None:
        """The storm may have scrolled the thing to find out of sight again."""
        vx, vy, vw, vh = activity._viewport()
        for _ in range(500):
            x, y, w, h = activity._row_rect(activity.target_index)
            if y < vy:
                self.pilot.wheel(-1, (vx + vw / 2, vy + vh / 2))
            elif y + h > vy + vh:
                self.pilot.wheel(1, (vx + vw / 2, vy + vh / 2))
            else:
                return


@pytest.fixture(autouse=True)
def seeded_player(monkeypatch):
    """The player draws target places at random: seeded too, so that a failure can be replayed."""
    from types import SimpleNamespace

    from trainer import lesson_run

    seeds = random.Random(SEED)
    monkeypatch.setattr(lesson_run, "random", SimpleNamespace(
        Random=lambda seed=None: random.Random(seeds.randrange(1 << 30) if seed is None else seed)))


@pytest.fixture
def broken_lessons(same_storm_every_run):
    """A second lessons folder with a file to correct: the « À corriger » tab and its dialog."""
    folder = Path("more-lessons")
    folder.mkdir()
    (folder / "99-cassee.yaml").write_text("format: 1\nid: cassee\ntitle: [\n", encoding="utf-8")
    return folder


def finish(storm: Storm, memory_before: int) -> None:
    storm.settle()
    growth = rss() - memory_before
    assert growth < MEMORY_GROWTH_LIMIT, f"resident memory grew by {growth / 2 ** 20:.0f} MB"
    storm.app.close()
    check_database(storm.data / DB_NAME)


def test_a_storm_on_every_screen_and_dialog(same_storm_every_run, broken_lessons):
    budget = int(EVENTS * MENU_SHARE)
    data = Path("data")
    data.mkdir()
    (data / DB_NAME).write_bytes(random.Random(SEED).randbytes(8192))  # opens on the « abîmé » message
    storm = Storm(data, [LESSONS, broken_lessons], SEED, same_storm_every_run)
    assert storm.where() == "dialog: damaged"
    per_place = budget // 16  # (the storm_on loops post more than this: what leads elsewhere)
    storm.burst(per_place)  # on the message, then wherever it led
    memory_before = rss()
    for _ in range(9):  # enough people for the learners screen to have pages
        storm.go_to("add_learner")
        # random text (emoji, combining marks...) comes from an input method: no keyboard types it
        storm.pilot.text_input(storm.text()[:40] + str(storm.rng.randrange(10 ** 6)))
        storm.pilot.press(pygame.K_RETURN)
    storm.go_to("learners")
    assert "next_page" in storm.pilot.ids()
    storm.storm_on("learners", per_place, lambda: storm.go_to("learners"))
    storm.storm_on("add_learner", per_place, lambda: storm.go_to("add_learner"))
    # the lesson menu, every tab, and the « cannot be opened » dialog
    storm.go_to("lessons")
    tabs = [i for i in storm.pilot.ids() if i.startswith("level:")]
    assert len(tabs) >= 4
    for tab in tabs:
        def arrive(tab=tab):
            storm.go_to("lessons")
            storm.pilot.click(tab)
        storm.storm_on("lessons", per_place // len(tabs), arrive)

    def broken():
        storm.go_to("lessons")
        storm.pilot.click("level:broken")
        storm.pilot.click("broken:99-cassee.yaml")
    storm.storm_on("dialog: broken_lesson", per_place // 2, broken)
    # the end-of-lesson screen, after a lesson played properly
    first = lessons_mod.discover([LESSONS])[0].lesson

    def results():
        storm.open_lesson(first)
        while storm.app.screen.name == "player":
            storm.play_current_step()
    storm.storm_on("results", per_place // 2, results)

    def progress():  # a named person's « Mes progrès » (the storm's guest has none)
        storm.go_to("learners")
        people = [b.id for b in storm.pilot.buttons() if b.style == "tile"
                  and b.id not in ("guest", "add_learner")]
        storm.pilot.click(people[0])
        storm.pilot.click("my_progress")
    storm.storm_on("progress", per_place // 2, progress)
    # the questions, with the storm going on: « Quitter ? » and « Arrêter cette leçon ? »

    def quit_question():
        storm.go_to("learners")
        storm.pilot.press(pygame.K_ESCAPE)
    storm.storm_on("dialog: quit", per_place // 2, quit_question)

    def stop_question():
        storm.open_lesson(first)
        storm.pilot.click("back")
    storm.storm_on("dialog: stop_lesson", per_place // 2, stop_question)
    # and wherever it goes from anywhere, until the budget is spent
    while storm.posted < budget:
        storm.burst(min(500, budget - storm.posted))
    finish(storm, memory_before)
    assert storm.posted >= budget
    assert {f"dialog: {q}" for q in DIALOGS} | SCREENS <= set(storm.on_screen), storm.on_screen


def test_a_storm_on_every_step_of_every_bundled_lesson(same_storm_every_run):
    entries = [e for e in lessons_mod.discover([LESSONS]) if e.usable]
    steps = [(e.lesson, i) for e in entries for i in range(len(e.lesson.steps))]
    budget = EVENTS - int(EVENTS * MENU_SHARE)
    per_step = max(20, budget // len(steps))
    storm = Storm(Path("data"), [LESSONS], SEED + 1, same_storm_every_run)
    memory_before = None
    stormed_kinds = set()
    for found in (e.lesson for e in entries):
        index = 0
        while index < len(found.steps):
            screen = storm.app.screen
            if not (screen.name == "player" and screen.lesson.id == found.id and screen.index <= index):
                storm.open_lesson(found)  # a new attempt
                if storm.app.screen.index > index:  # the storm itself played on in this lesson before:
                    storm.app.nav.play(found, start=index)  # it resumes further; this step is wanted
                    storm.pilot.frames(1)
            while storm.app.screen.index < index:  # played properly up to the step
                storm.play_current_step()
            screen = storm.app.screen
            assert screen.index == index
            stormed_kinds.add(screen.activity.KIND)
            storm.burst(per_step)
            if memory_before is None:
                memory_before = rss()  # after a first storm: fonts and images are loaded
            screen_after = storm.app.screen
            if screen_after is screen and screen.index == index:
                storm.play_current_step()
            index += 1
        if storm.app.screen.name == "player" and storm.app.screen.lesson.id == found.id:
            storm.play_current_step()  # the praise of the last step, then the end-of-lesson screen
    finish(storm, memory_before)
    used = {step.kind for e in entries for step in e.lesson.steps}
    assert stormed_kinds == used
    assert storm.posted >= budget * 0.9 and storm.on_screen["player"] >= budget / 2, storm.on_screen


def test_what_comes_after_oui_to_quitter_in_the_same_frame_is_not_handled(tmp_path):
    """Found by the storm: « Oui » to « Quitter ? » on the lesson menu, then (in the same
    turn of the loop: a slow frame, a fast double tap) a tap where a lesson card is under
    the question.  The program was already closing the session: the tap opened a lesson
    for nobody (AttributeError).  Nothing after « Oui » is handled any more."""
    p = Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS], strict=True)
    p.click("guest")
    card = p.app.screen.cards[0].rect.center
    p.post(pygame.QUIT)
    p.frames(1)
    yes = p.find("yes")
    for pos in (yes, card):
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            p.post(kind, pos=pos, button=1, touch=True, clicks=1)
    p.frames(1)
    assert not p.app.running
    assert p.app.store.db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (0,)
    p.app.close()


FACILITATOR_SCREENS = {"facilitator", "facilitator_folders", "facilitator_learner", "facilitator_lock",
                       "facilitator_pin", "facilitator_settings", "facilitator_start", "facilitator_usb",
                       "facilitator_keyboard", "facilitator_workshop", "workshop_place", "facilitator_same_person",
                       "facilitator_joined", "rename_learner", "device_name", "facilitator_past_days",
                       "facilitator_day"}


def test_a_storm_in_the_facilitator_mode(same_storm_every_run, monkeypatch):
    """The facilitator's screens under random clicks, taps, keys and resizes: every
    action (delete with its question, lock, folders, settings, PIN, language, USB)
    may be hit; nothing crashes, every frame is drawn, the database stays whole."""
    from trainer import pin

    stick = Path("STICK")
    stick.mkdir()
    monkeypatch.setattr(exchange, "removable_drives", lambda: [stick])
    monkeypatch.setattr(sys.modules[__name__], "SCREENS", SCREENS | FACILITATOR_SCREENS)
    monkeypatch.setattr(sys.modules[__name__], "DIALOGS", None)  # any question: they name the people
    storm = Storm(Path("data"), [LESSONS], SEED + 6, same_storm_every_run)
    for name in ("Marie", "Jean-Pierre", "Zoé"):
        storm.app.store.add_learner(name)
    budget = max(2000, EVENTS // 6)
    memory_before = rss()
    opened = 0
    while storm.posted < budget:
        storm.settle()
        if storm.app.screen.name not in FACILITATOR_SCREENS:
            # the storm may have lent the device (mode maison) or chosen a code
            storm.app.store.set_device_setting("home_learner", None)
            pin.set_pin(storm.app.store, None)
            storm.go_to("learners")
            storm.pilot.open_facilitator()
            assert storm.app.screen.name == "facilitator", storm.where()
            opened += 1
        storm.burst(min(400, budget - storm.posted))
    finish(storm, memory_before)
    assert opened >= 2
    assert len({s for s in storm.on_screen if s in FACILITATOR_SCREENS}) >= 5, storm.on_screen
