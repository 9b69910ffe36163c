"""A pilot that uses the program as a person would: through real events.

Every gesture is posted to pygame's event queue and read by the real main
loop (:meth:`App.frame`), exactly as SDL would deliver it: mouse buttons,
motion, wheel, touch (mouse events with ``touch=True``), keys and text
(KEYDOWN + TEXTINPUT + KEYUP, as a real keyboard does).  Time is a clock the
pilot advances, so waiting half a second takes no real time.

    pilot = Pilot.start(tmp_path)
    pilot.click("Invité")
    pilot.click("Niveau 1")
"""
from __future__ import annotations

import math
import os


def _scancode_of(key_id: str) -> int:
    """The SDL scancode of a physical key (the inverse of keyboards.scancode_to_key_id)."""
    from . import keyboards

    for code in range(512):
        if keyboards.scancode_to_key_id(code) == key_id:
            return code
    return 0


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class Pilot:
    FRAME = 1 / 60

    def __init__(self, app, clock: FakeClock):
        import pygame

        self.app = app
        self.clock = clock
        self.pygame = pygame
        self.pointer = (app.size[0] // 2, app.size[1] // 2)

    @classmethod
    def start(cls, data_dir, size=(1280, 720), lesson_dirs=None, strict: bool = True,
              clock: FakeClock | None = None) -> "Pilot":
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        from .app import App

        clock = clock or FakeClock()
        app = App(data_dir=data_dir, lesson_dirs=lesson_dirs, size=size, clock=clock, strict=strict)
        pilot = cls(app, clock)
        pilot.frames(2)  # the first frame, then the start-up check of the progress file
        return pilot

    # -- time ---------------------------------------------------------------
    def frames(self, n: int = 1) -> None:
        for _ in range(n):
            self.clock.advance(self.FRAME)
            self.app.frame()

    def wait(self, seconds: float) -> None:
        self.frames(max(1, math.ceil(seconds / self.FRAME)))

    # -- where things are ---------------------------------------------------
    @property
    def screen(self) -> str:
        return "dialog" if self.app.dialog is not None else self.app.screen.name

    def buttons(self):
        owner = self.app.dialog if self.app.dialog is not None else self.app.screen
        return owner.buttons

    def labels(self) -> list[str]:
        return [b.label for b in self.buttons()]

    def find(self, label: str):
        """The centre of the button showing ``label`` (exact, then the start of it)."""
        buttons = self.buttons()
        for match in (lambda b: b.label == label, lambda b: b.label.startswith(label)):
            for b in buttons:
                if match(b):
                    return b.rect.center
        raise LookupError(f"no button {label!r} on screen {self.screen}: {self.labels()}")

    def _pos(self, target):
        return self.find(target) if isinstance(target, str) else (int(target[0]), int(target[1]))

    # -- low-level events ---------------------------------------------------
    def post(self, event_type, **attrs) -> None:
        self.pygame.event.post(self.pygame.event.Event(event_type, **attrs))

    def move(self, target, touch: bool = False, held: bool = False) -> None:
        pos = self._pos(target)
        rel = (pos[0] - self.pointer[0], pos[1] - self.pointer[1])
        self.pointer = pos
        self.post(self.pygame.MOUSEMOTION, pos=pos, rel=rel, buttons=(1 if held else 0, 0, 0), touch=touch)
        self.frames(1)

    def down(self, target=None, button: int = 1, touch: bool = False) -> None:
        pos = self._pos(target) if target is not None else self.pointer
        self.pointer = pos
        self.post(self.pygame.MOUSEBUTTONDOWN, pos=pos, button=button, touch=touch, clicks=1)
        self.frames(1)

    def up(self, target=None, button: int = 1, touch: bool = False) -> None:
        pos = self._pos(target) if target is not None else self.pointer
        self.pointer = pos
        self.post(self.pygame.MOUSEBUTTONUP, pos=pos, button=button, touch=touch, clicks=1)
        self.frames(1)

    # -- gestures -----------------------------------------------------------
    def click(self, target, button: int = 1, touch: bool = False) -> None:
        pos = self._pos(target)
        if not touch:
            self.move(pos)
        self.down(pos, button, touch)
        self.wait(0.08)
        self.up(pos, button, touch)

    def tap(self, target) -> None:
        self.click(target, touch=True)

    def right_click(self, target) -> None:
        self.click(target, button=3)

    def double_click(self, target, gap: float = 0.15, touch: bool = False) -> None:
        pos = self._pos(target)
        self.click(pos, touch=touch)
        self.wait(gap)
        self.click(pos, touch=touch)

    def long_press(self, target, seconds: float = 0.9) -> None:
        pos = self._pos(target)
        self.down(pos, touch=True)
        self.wait(seconds)
        self.up(pos, touch=True)

    def hold(self, target, seconds: float, touch: bool = False) -> None:
        """Press and keep still for ``seconds`` (mouse button or finger), then let go."""
        pos = self._pos(target)
        if not touch:
            self.move(pos)
        self.down(pos, touch=touch)
        self.wait(seconds)
        self.up(pos, touch=touch)

    def drag(self, start, end, steps: int = 12, touch: bool = False) -> None:
        a, b = self._pos(start), self._pos(end)
        if not touch:
            self.move(a)
        self.down(a, touch=touch)
        for i in range(1, steps + 1):
            t = i / steps
            self.move((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), touch=touch, held=True)
        self.up(b, touch=touch)

    def wheel(self, notches: int = 1, target=None) -> None:
        """Turn the wheel towards you (positive: the page goes down)."""
        if target is not None:
            self.move(target)
        step = -1 if notches > 0 else 1
        for _ in range(abs(notches)):
            self.post(self.pygame.MOUSEWHEEL, x=0, y=step, precise_x=0.0, precise_y=float(step),
                      flipped=False, touch=False)
            self.frames(2)

    def swipe(self, start, end, steps: int = 10) -> None:
        self.drag(start, end, steps, touch=True)

    def press(self, key: int, mod: int = 0, scancode: int = 0) -> None:
        self.post(self.pygame.KEYDOWN, key=key, mod=mod, scancode=scancode, unicode="", repeat=False)
        self.frames(1)
        self.post(self.pygame.KEYUP, key=key, mod=mod, scancode=scancode, unicode="")
        self.frames(1)

    def type(self, text: str, layout: str = "azerty") -> None:
        """Each character as a real keyboard with this layout sends it: Shift
        or AltGr held down, a dead accent key first (no text), then the key,
        whose TEXTINPUT carries the composed character ("^" then "e" give
        one "ê"), and the KEYUPs."""
        from . import keyboards

        board = keyboards.LAYOUTS[layout]
        for ch in text:
            recipe = board.recipe(ch) or [None]
            for i, press in enumerate(recipe):
                last = i == len(recipe) - 1
                mods = 0
                if press is not None and press.shift:
                    mods |= self.pygame.KMOD_LSHIFT
                    self.post(self.pygame.KEYDOWN, key=self.pygame.K_LSHIFT, mod=mods,
                              scancode=self.pygame.KSCAN_LSHIFT, unicode="", repeat=False)
                if press is not None and press.altgr:
                    mods |= self.pygame.KMOD_RALT
                    self.post(self.pygame.KEYDOWN, key=self.pygame.K_RALT, mod=mods,
                              scancode=self.pygame.KSCAN_RALT, unicode="", repeat=False)
                scancode = _scancode_of(press.key) if press is not None else 0
                key = ord(ch.lower()) if ch.isascii() else 0
                self.post(self.pygame.KEYDOWN, key=key, mod=mods, scancode=scancode,
                          unicode=ch if last else "", repeat=False)
                if last:
                    self.post(self.pygame.TEXTINPUT, text=ch)
                self.post(self.pygame.KEYUP, key=key, mod=mods, scancode=scancode, unicode="")
                if press is not None and press.altgr:
                    self.post(self.pygame.KEYUP, key=self.pygame.K_RALT, mod=0, scancode=self.pygame.KSCAN_RALT)
                if press is not None and press.shift:
                    self.post(self.pygame.KEYUP, key=self.pygame.K_LSHIFT, mod=0, scancode=self.pygame.KSCAN_LSHIFT)
                self.frames(1)

    def shortcut(self, combo: str, layout: str = "azerty") -> None:
        """A shortcut as a real keyboard sends it: "ctrl+z", "ctrl+shift+z",
        "cmd+z" (a Mac), "ctrl+y".  The modifiers go down first, then the
        letter (its key code follows the layout, its scancode is where the
        letter is on that layout: Z is the QWERTY W key on AZERTY), no text."""
        from . import keyboards

        pg = self.pygame
        *mods, letter = combo.lower().split("+")
        held = {"ctrl": (pg.K_LCTRL, pg.KMOD_LCTRL, pg.KSCAN_LCTRL),
                "shift": (pg.K_LSHIFT, pg.KMOD_LSHIFT, pg.KSCAN_LSHIFT),
                "cmd": (pg.K_LGUI, pg.KMOD_LGUI, pg.KSCAN_LGUI),
                "alt": (pg.K_LALT, pg.KMOD_LALT, pg.KSCAN_LALT),
                "altgr": (pg.K_RALT, pg.KMOD_RALT, pg.KSCAN_RALT)}
        mod = 0
        for name in mods:
            key, bit, scan = held[name]
            mod |= bit
            self.post(pg.KEYDOWN, key=key, mod=mod, scancode=scan, unicode="", repeat=False)
        recipe = keyboards.LAYOUTS[layout].recipe(letter) or [None]
        scancode = _scancode_of(recipe[0].key) if recipe[0] is not None else 0
        self.post(pg.KEYDOWN, key=ord(letter), mod=mod, scancode=scancode, unicode="", repeat=False)
        self.post(pg.KEYUP, key=ord(letter), mod=mod, scancode=scancode, unicode="")
        for name in reversed(mods):
            key, bit, scan = held[name]
            mod &= ~bit
            self.post(pg.KEYUP, key=key, mod=mod, scancode=scan, unicode="")
        self.frames(1)

    def press_key(self, name: str) -> None:
        """A special key by our name ("enter", "backspace", "left"...), as
        SDL sends it (Space also types a " ")."""
        from .input import _key_names

        code = next(k for k, n in _key_names().items() if n == name)
        from . import keyboards

        scancode = _scancode_of(keyboards.KEY_NAMES.get(name, ""))
        self.post(self.pygame.KEYDOWN, key=code, mod=0, scancode=scancode, unicode="", repeat=False)
        if name == "space":
            self.post(self.pygame.TEXTINPUT, text=" ")
        self.post(self.pygame.KEYUP, key=code, mod=0, scancode=scancode, unicode="")
        self.frames(1)

    # -- looking ------------------------------------------------------------
    def screenshot(self, path) -> None:
        self.app.draw()
        self.pygame.image.save(self.app.surface, str(path))

    # -- playing a step as a learner who knows what to do ---------------------
    def play_step(self, touch: bool = False) -> None:
        """Do what the current step asks, with the mouse or with a finger: each
        step kind says how, next to its Activity (``solve`` in its module)."""
        from .activities import kinds

        activity = self.app.screen.activity
        kinds()[activity.KIND].solve(activity, self, touch)

    def make_change(self, activity, mistake, touch: bool = False) -> None:
        """The change of an undo or redo step (see :func:`trainer.activities.practice.make_change`)."""
        from .activities.practice import make_change

        make_change(activity, self, mistake, touch)

    def tap_keys(self, activity, text: str) -> None:
        """Type by touching the keys drawn on screen (a tablet without a keyboard)."""
        from .activities.keyboard_common import tap_text

        tap_text(activity, self, text)

    def tap_special(self, activity, name: str) -> None:
        from .activities.keyboard_common import tap_special

        tap_special(activity, self, name)

    def play_lesson(self, touch: bool = False, limit: int = 200) -> None:
        """Play the lesson on screen to its end-of-lesson screen."""
        for _ in range(limit):
            if self.app.screen.name != "player":
                return
            screen = self.app.screen
            if screen.praise_until is not None:
                self.wait(1.3)
                continue
            before = (screen.index, screen.activity.successes)
            self.play_step(touch)
            if (screen.index, screen.activity.successes) == before and screen.praise_until is None:
                raise AssertionError(f"step {screen.index} ({screen.activity.KIND}) did not move on")
        raise AssertionError("the lesson did not end")
