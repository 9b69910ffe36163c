"""A pilot that uses the program as a person would: through real events.

Every gesture is posted to pygame's event queue and read by the real main
loop (:meth:`App.frame`), exactly as SDL would deliver it: mouse buttons,
motion, wheel, touch (mouse events with ``touch=True``), keys and text
(KEYDOWN + TEXTINPUT + KEYUP, as a real keyboard does).  Time is a clock the
pilot advances, so waiting half a second takes no real time.

    pilot = Pilot.start(tmp_path)
    pilot.click("guest")        # buttons are found by their id, in every language
    pilot.click("level:1")
    pilot.click("lesson:souris-pointer-cliquer")
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
    def start(cls, data_dir, size=(1280, 720), lesson_dirs=None, strict: bool = True) -> "Pilot":
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        from .app import App

        clock = FakeClock()
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
        """What the buttons on screen say, in the interface's language."""
        return [b.label for b in self.buttons()]

    def ids(self) -> list[str]:
        """The buttons on screen, by id ("back", "guest", "level:2", "lesson:<id>", "learner:Marie"…)."""
        return [b.id for b in self.buttons()]

    def button(self, button_id: str):
        """The button ``button_id`` (exact, then the first whose id starts with it:
        "import:pas-a-pas-progres")."""
        buttons = self.buttons()
        for match in (lambda b: b.id == button_id, lambda b: b.id.startswith(button_id)):
            for b in buttons:
                if match(b):
                    return b
        raise LookupError(f"no button {button_id!r} on screen {self.screen}: {self.ids()}")

    def find(self, button_id: str):
        """The centre of the button ``button_id`` (see :meth:`button`)."""
        return self.button(button_id).rect.center

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
        """Do what the current step asks, with the mouse or with a finger."""
        screen = self.app.screen
        activity = screen.activity
        kind = activity.KIND
        if kind == "hover":
            if touch:
                self.tap(activity.center())
            else:
                self.move(activity.center())
                self.wait(activity.dwell + 0.1)
        elif kind == "click":
            self.click(activity.center(), touch=touch)
        elif kind == "double_click":
            self.double_click(activity.center(), touch=touch)
        elif kind == "right_click":
            if touch:
                self.long_press(activity.center())
            else:
                self.right_click(activity.center())
            if activity.menu_open_at is not None:
                index = activity.menu.index(activity.choose)
                x, y, w, h = activity._menu_rects()[index]
                self.click((x + w / 2, y + h / 2), touch=touch)
        elif kind == "drag":
            x, y, w, h = activity.item_rect()
            zx, zy, zw, zh = activity.zone_rect()
            self.drag((x + w / 2, y + h / 2), (zx + zw / 2, zy + zh / 2), touch=touch)
        elif kind == "scroll":
            vx, vy, vw, vh = activity._viewport()
            for _ in range(200):
                if activity.seen:
                    break
                if touch:
                    self.swipe((vx + vw / 2, vy + vh * 0.8), (vx + vw / 2, vy + vh * 0.3))
                else:
                    self.wheel(1, (vx + vw / 2, vy + vh / 2))
            if not activity.done:
                x, y, w, h = activity._row_rect(activity.target_index)
                self.click((x + w / 2, y + h / 2), touch=touch)
        elif kind in ("key", "letters", "type", "field"):
            self._play_keyboard_step(activity, touch)
        elif kind in ("undo", "redo"):
            self._play_practice_step(activity, touch)
        else:  # pragma: no cover - a new kind must teach the pilot
            raise NotImplementedError(kind)

    def _play_keyboard_step(self, activity, touch: bool) -> None:
        write = (lambda t: self.tap_keys(activity, t)) if touch else self.type
        key = (lambda n: self.tap_special(activity, n)) if touch else self.press_key
        kind = activity.KIND
        if kind == "key":
            key(activity.keys[activity.successes])
        elif kind == "letters":
            write(activity.text[activity.successes])
        elif kind == "type":
            write(activity.text[activity.typed:])
            if activity.submit and not activity.done:
                key("enter")
        elif kind == "field":
            key("end")
            while not activity.value == activity.text[:len(activity.value)]:
                key("backspace")
            write(activity.text[len(activity.value):])
            if activity.submit and not activity.done:
                key("enter")

    def _play_practice_step(self, activity, touch: bool) -> None:
        """Watch the program's change, or make the change asked (after undoing
        whatever else was done first); then undo (Ctrl+Z with the mouse,
        « Annuler » with a finger) and, for a redo step, redo (Ctrl+Y, or
        « Rétablir »), or make the change again when nothing can be redone."""
        def button(name):
            if touch:
                self.tap(activity.center_of(activity.layout()["buttons"][name]))
            else:
                self.shortcut("ctrl+y" if name == "redo" else "ctrl+z")

        history = activity.ws.history
        for _ in range(400):
            if activity.done:
                return
            if activity.watching:
                self.wait(0.25)
            elif activity.phase in ("mistake", "change"):
                if history.can_undo and not activity.key_is(activity.before):
                    button("undo")  # back to the start, then the change asked
                else:
                    for mistake in activity.mistakes:
                        self.make_change(activity, mistake, touch)
            elif activity.phase == "redo":
                if history.can_redo:
                    button("redo")
                elif not activity.key_is(activity.before) and history.can_undo:
                    button("undo")
                else:
                    self.make_change(activity, activity.pending_change(), touch)
            else:
                button("undo")
        raise AssertionError(f"the {activity.KIND} step did not end")

    def make_change(self, activity, mistake, touch: bool = False) -> None:
        """Erase a word (double click on it, then Retour arrière, or « Effacer »
        with a finger), or drag a thing to its place or to the bin."""
        if mistake.action == "delete":
            self.double_click(activity.word_center(mistake.target), touch=touch)
            if touch:
                self.tap(activity.center_of(activity.layout()["buttons"]["erase"]))
            else:
                self.press_key("backspace")
            return
        index = activity.ws.item_index(mistake.target)
        start = activity.center_of(activity.card_rect(index))
        self.drag(start, activity.center_of(activity.layout()["places"][mistake.to]), touch=touch)

    def _tap_key(self, activity, key_id: str) -> None:
        x, y, w, h = activity.layout.geometry(activity.keyboard_rect())[key_id]
        self.tap((x + w / 2, y + h / 2))

    def tap_keys(self, activity, text: str) -> None:
        """Type by touching the keys drawn on screen (a tablet without a keyboard)."""
        for ch in text:
            for press in activity.layout.recipe(ch):
                if press.shift:
                    self._tap_key(activity, "ShiftLeft")
                if press.altgr:
                    self._tap_key(activity, "AltRight")
                self._tap_key(activity, press.key)

    def tap_special(self, activity, name: str) -> None:
        from . import keyboards

        self._tap_key(activity, keyboards.KEY_NAMES[name])

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
