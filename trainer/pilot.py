"""A pilot that uses the program as a person would: through real events.

Every gesture is posted to pygame's event queue and read by the real main
loop (:meth:`App.frame`), as SDL 2 and pygame-ce deliver them on X11 and
Windows, so that a test sees what real input does to the program:

- a hand is not a robot: between pressing and releasing a button (or a
  finger), the pointer moves a few pixels (``tremor``, 3 by default, 0 for
  exact), and a real mouse moves to where it clicks (MOUSEMOTION with ``rel``
  and the ``buttons`` held); ``clicks`` counts as SDL does (500 ms, 32 px);
- a touchpad's two-finger scroll is MOUSEWHEEL with ``precise_y`` fractions
  and ``y`` the whole notches SDL has added up so far (:meth:`Pilot.touchpad`);
- a wheel notch is MOUSEBUTTONDOWN + MOUSEBUTTONUP with button 4 (away from
  you) or 5 (towards you), *then* MOUSEWHEEL: pygame-ce's event filter
  (``pg_event_filter`` in src_c/event.c) pushes the two button events, for
  compatibility with pygame 1, from inside the filter while SDL is adding
  the MOUSEWHEEL, so they are queued before it; they carry the pointer's
  position, ``clicks=1`` and ``touch=False``.  Checked under Xvfb with
  ``xdotool click 5``: down 5, up 5, then MOUSEWHEEL y=-1 precise_y=-1.0
  flipped=False pos=(pointer);
- a finger is SDL's touch-to-mouse emulation (src/events/SDL_touch.c):
  landing sends MOUSEMOTION (when the place changes), MOUSEBUTTONDOWN, then
  FINGERDOWN; moving sends MOUSEMOTION then FINGERMOTION; lifting sends
  MOUSEBUTTONUP (where the pointer is) then FINGERUP (at the finger's last
  place).  The mouse events have ``touch=True`` (pygame-ce: ``which ==
  SDL_TOUCH_MOUSEID``); FINGER* coordinates are fractions of the window,
  and pygame-ce 2.5 reports the finger's ``dy`` as its ``pressure``;
- keys come from a real layout, extracted from X's data (:mod:`trainer.xkb`,
  not the program's own keyboards): Shift and AltGr go down first, KEYDOWN
  has SDL's ``key`` for that layout (the AZERTY number row reports "0".."9",
  a dead key 0x40000000), its ``scancode``, its ``mod``; TEXTINPUT only where
  X makes text (a dead key gives none, the next key's TEXTINPUT carries the
  composed character; Return, Tab, Ctrl+letter give none); ``unicode`` as
  pygame-ce fills it.  A character the layout cannot type raises
  :class:`trainer.xkb.Untypable`.  ``system="windows"`` sends AltGr as
  Windows does: Left Ctrl + Right Alt.

Time is a clock the pilot advances, so waiting half a second takes no real
time.  A pilot is a context manager that closes the program::

    with Pilot.start(tmp_path) as pilot:
        pilot.click("guest")        # buttons are found by their id, in every language
        pilot.click("level:1")
        pilot.click("lesson:souris-pointer-cliquer")
"""
from __future__ import annotations

import math
import os
import random

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # read when pygame is imported
import pygame  # noqa: E402  (after the line above)

from . import activities, xkb  # noqa: E402
from .activities.keyboard_common import tap_special, tap_text  # noqa: E402
from .activities.practice import make_change  # noqa: E402
from .app import App  # noqa: E402

SDL_DOUBLE_CLICK_TIME = 0.5  # SDL_HINT_MOUSE_DOUBLE_CLICK_TIME's default, in seconds
SDL_DOUBLE_CLICK_RADIUS = 32  # SDL_HINT_MOUSE_DOUBLE_CLICK_RADIUS's default, in pixels
TOUCH_ID = 1  # the touch screen (SDL numbers devices; the program never reads it)


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class Pilot:
    FRAME = 1 / 60

    def __init__(self, app, clock: FakeClock, tremor: float = 3.0, layout: str = "fr",
                 system: str = "x11", seed: int = 0):
        if system not in ("x11", "windows"):
            raise ValueError(f"system: 'x11' or 'windows', not {system!r}")
        self.app = app
        self.clock = clock
        self.pygame = pygame
        self.pointer = (app.size[0] // 2, app.size[1] // 2)
        self.tremor = tremor  # pixels the hand moves between press and release (0: exact)
        self.layout = layout  # the real keyboard: "fr", "us", "de"
        self.system = system
        self.rng = random.Random(seed)  # the direction of each tremor: the same at every run
        self.held: set[int] = set()  # mouse buttons down
        self.finger: int | None = None  # the finger on the screen
        self._fingers = 0
        self._finger_at = (0.0, 0.0)
        self._clicks: dict[int, tuple[float, tuple[int, int], int]] = {}  # button -> (time, pos, count)
        self.caps_lock = False
        self.num_lock = False
        self._dead: str | None = None  # the dead key pressed last, waiting for its letter
        self.closed = False

    @classmethod
    def start(cls, data_dir, size=(1280, 720), lesson_dirs=None, strict: bool = True,
              clock: FakeClock | None = None, **options) -> "Pilot":
        """The real program on a window of ``size``; ``options``: tremor, layout, system, seed."""
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        clock = clock or FakeClock()
        app = App(data_dir=data_dir, lesson_dirs=lesson_dirs, size=size, clock=clock, strict=strict)
        pilot = cls(app, clock, **options)
        pilot.frames(2)  # the first frame, then the start-up check of the progress file
        return pilot

    def __enter__(self) -> "Pilot":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the program (once, even if a test closed it already)."""
        if not self.closed:
            self.closed = True
            self.app.close()

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

    def page_to(self, button_id: str, touch: bool = False) -> None:
        """« Suivants » until the page with ``button_id`` shows (nothing when it is shown already);
        on the facilitator's home held upright, « Plus d'actions » (or « Les personnes ») too."""
        for way in ("next_page", "previous_page", "more_actions", "people"):  # (onwards first, then back)
            for _ in range(50):
                ids = self.ids()
                if any(i == button_id or i.startswith(button_id) for i in ids):
                    return
                if way not in ids or button_id == way:
                    break
                self.click(way, touch=touch)

    def find(self, button_id: str):
        """The centre of the button ``button_id`` (see :meth:`button`)."""
        return self.button(button_id).rect.center

    def _pos(self, target):
        return self.find(target) if isinstance(target, str) else (int(target[0]), int(target[1]))

    # -- low-level events ---------------------------------------------------
    def post(self, event_type, **attrs) -> None:
        self.pygame.event.post(self.pygame.event.Event(event_type, **attrs))

    def _motion(self, pos, touch: bool, held: bool = False) -> None:
        """The pointer goes to ``pos`` (SDL sends nothing when it does not move)."""
        pos = self._clamp(pos) if touch else (int(pos[0]), int(pos[1]))
        rel = (pos[0] - self.pointer[0], pos[1] - self.pointer[1])
        if rel == (0, 0):
            return
        self.pointer = pos
        buttons = tuple(int(b in self.held or (held and b == 1)) for b in (1, 2, 3))
        self.post(self.pygame.MOUSEMOTION, pos=pos, rel=rel, buttons=buttons, touch=touch, window=None)
        if touch and self.finger is not None:
            x, y = self._fraction(pos)
            dx, dy = x - self._finger_at[0], y - self._finger_at[1]
            self._finger_at = (x, y)
            self.post(self.pygame.FINGERMOTION, touch_id=TOUCH_ID, finger_id=self.finger, x=x, y=y, dx=dx, dy=dy,
                      pressure=dy, window=None)

    def _clamp(self, pos) -> tuple[int, int]:
        """Inside the window: a finger cannot touch outside the screen (SDL clamps it too)."""
        w, h = self.app.size
        return (min(max(int(pos[0]), 0), w - 1), min(max(int(pos[1]), 0), h - 1))

    def _fraction(self, pos) -> tuple[float, float]:
        w, h = self.app.size
        return (pos[0] / w, pos[1] / h)

    def _count_click(self, button: int) -> int:
        """SDL's ``clicks``: 2 for a second press of the same button within 500 ms and 32 px."""
        now = self.clock()
        last = self._clicks.get(button)
        count = 1
        if last is not None and now - last[0] <= SDL_DOUBLE_CLICK_TIME \
                and abs(self.pointer[0] - last[1][0]) <= SDL_DOUBLE_CLICK_RADIUS \
                and abs(self.pointer[1] - last[1][1]) <= SDL_DOUBLE_CLICK_RADIUS:
            count = min(last[2] + 1, 255)
        self._clicks[button] = (now, self.pointer, count)
        return count

    def move(self, target, touch: bool = False, held: bool = False) -> None:
        """The mouse (or a finger on the screen) goes to ``target``."""
        self._motion(self._pos(target), touch, held)
        self.frames(1)

    def down(self, target=None, button: int = 1, touch: bool = False) -> None:
        """Press a button where the pointer is, or at ``target`` (the mouse goes there
        first); with ``touch``, a finger lands there."""
        pos = self._pos(target) if target is not None else self.pointer
        if touch:
            if self.finger is not None:
                self.up(touch=True)
            self._fingers += 1
            pos = self._clamp(pos)
        self._motion(pos, touch)
        self.held.add(button)
        self.post(self.pygame.MOUSEBUTTONDOWN, pos=self.pointer, button=button, touch=touch,
                  clicks=self._count_click(button), window=None)
        if touch:
            self.finger = self._fingers
            self._finger_at = self._fraction(self.pointer)
            x, y = self._finger_at
            self.post(self.pygame.FINGERDOWN, touch_id=TOUCH_ID, finger_id=self.finger, x=x, y=y, dx=0.0, dy=0.0,
                      pressure=0.0, window=None)
        self.frames(1)

    def up(self, target=None, button: int = 1, touch: bool = False) -> None:
        """Release the button (or lift the finger), after going to ``target`` if given."""
        if target is not None:
            self._motion(self._pos(target), touch)
        self.held.discard(button)
        clicks = self._clicks.get(button, (0, 0, 1))[2]
        self.post(self.pygame.MOUSEBUTTONUP, pos=self.pointer, button=button, touch=touch, clicks=clicks,
                  window=None)
        if touch and self.finger is not None:
            x, y = self._finger_at
            self.post(self.pygame.FINGERUP, touch_id=TOUCH_ID, finger_id=self.finger, x=x, y=y, dx=0.0, dy=0.0,
                      pressure=0.0, window=None)
            self.finger = None
        self.frames(1)

    def shake(self, touch: bool = False) -> None:
        """The hand moves a little (``tremor`` pixels, in a direction drawn from the pilot's seed)."""
        if not self.tremor:
            return
        angle = self.rng.uniform(0, 2 * math.pi)
        x, y = self.pointer
        self._motion(self._clamp((round(x + self.tremor * math.cos(angle)),
                                  round(y + self.tremor * math.sin(angle)))), touch)

    # -- gestures -----------------------------------------------------------
    def click(self, target, button: int = 1, touch: bool = False) -> None:
        """Press and release on ``target`` (the hand moves a little meanwhile).
        A button on a later page of a long list is reached as a person would:
        « Suivants » (``next_page``) until it shows."""
        if isinstance(target, str) and button == 1:
            self.page_to(target, touch)
        self.down(self._pos(target), button, touch)
        self.wait(0.04)
        self.shake(touch)
        self.wait(0.04)
        self.up(button=button, touch=touch)

    def tap(self, target) -> None:
        self.click(target, touch=True)

    def right_click(self, target) -> None:
        self.click(target, button=3)

    def double_click(self, target, gap: float = 0.15, touch: bool = False) -> None:
        """Two clicks: the mouse does not move between them (but trembles); a
        finger lands again on the target."""
        pos = self._pos(target)
        self.click(pos, touch=touch)
        self.wait(gap)
        self.click(pos if touch else self.pointer, touch=touch)

    def long_press(self, target, seconds: float = 0.9) -> None:
        self.hold(target, seconds, touch=True)

    def hold(self, target, seconds: float, touch: bool = False, button: int = 1) -> None:
        """Press and keep still for ``seconds`` (mouse button or finger), then let go."""
        self.down(self._pos(target), button, touch=touch)
        self.wait(seconds / 2)
        self.shake(touch)
        self.wait(seconds / 2)
        self.up(button=button, touch=touch)

    def wander_click(self, target, path, button: int = 1, touch: bool = False, release=None) -> None:
        """A click by a hand with a strong tremor: press on ``target``, wander through
        ``path`` (offsets in pixels from the press), release at ``release`` (an offset,
        default: where the wandering ended)."""
        x, y = self._pos(target)
        self.down((x, y), button, touch)
        for dx, dy in path:
            self._motion((x + dx, y + dy), touch, held=True)
            self.wait(0.03)
        if release is not None:
            self._motion((x + release[0], y + release[1]), touch, held=True)
        self.up(button=button, touch=touch)

    def drag(self, start, end, steps: int = 12, touch: bool = False) -> None:
        a, b = self._pos(start), self._pos(end)
        self.down(a, touch=touch)
        for i in range(1, steps + 1):
            t = i / steps
            self.move((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), touch=touch)
        self.up(b, touch=touch)

    def swipe(self, start, end, steps: int = 10) -> None:
        self.drag(start, end, steps, touch=True)

    def wheel(self, notches: int = 1, target=None) -> None:
        """Turn the wheel towards you (positive: the page goes down), one notch at a
        time: button 5 (4 away from you) down and up, then MOUSEWHEEL (see the module's docstring)."""
        if target is not None:
            self.move(target)
        y = -1 if notches > 0 else 1
        button = 5 if y < 0 else 4
        for _ in range(abs(notches)):
            for kind in (self.pygame.MOUSEBUTTONDOWN, self.pygame.MOUSEBUTTONUP):
                self.post(kind, pos=self.pointer, button=button, clicks=1, touch=False, window=None)
            self.post(self.pygame.MOUSEWHEEL, flipped=False, x=0, y=y, precise_x=0.0, precise_y=float(y),
                      touch=False, pos=self.pointer, window=None)
            self.frames(2)

    def touchpad(self, rows: float, target=None, step: float = 0.25) -> None:
        """Two fingers on a touchpad move the page by ``rows`` (positive: down), in
        small steps: MOUSEWHEEL with ``precise_y`` fractions; SDL adds them up and
        puts the whole notches so far in ``y`` (SDL_SendMouseWheel), and pygame-ce
        sends the buttons 4/5 only with an event whose ``y`` is not 0."""
        if target is not None:
            self.move(target)
        sign = 1 if rows > 0 else -1
        left = abs(rows)
        while left > 1e-9:
            amount = min(step, left)
            left -= amount
            precise = -sign * amount  # SDL: positive y is away from the user (the page goes up)
            rest = getattr(self, "_wheel_rest", 0.0)
            if rest * precise < 0:  # SDL starts again when the direction changes
                rest = 0.0
            self._wheel_rest = rest + precise
            whole = int(self._wheel_rest)
            self._wheel_rest -= whole
            if whole:
                button = 4 if whole > 0 else 5
                for kind in (self.pygame.MOUSEBUTTONDOWN, self.pygame.MOUSEBUTTONUP):
                    self.post(kind, pos=self.pointer, button=button, clicks=1, touch=False, window=None)
            self.post(self.pygame.MOUSEWHEEL, flipped=False, x=0, y=whole, precise_x=0.0, precise_y=precise,
                      touch=False, pos=self.pointer, window=None)
            self.frames(1)

    # -- keys ---------------------------------------------------------------
    def keyboard(self, layout: str | None = None) -> xkb.Layout:
        return xkb.layout(layout or self.layout)

    def _locks(self) -> int:
        pg = self.pygame
        return (pg.KMOD_CAPS if self.caps_lock else 0) | (pg.KMOD_NUM if self.num_lock else 0)

    def _modifier_bit(self, key: xkb.Key) -> int:
        pg = self.pygame
        return {225: pg.KMOD_LSHIFT, 229: pg.KMOD_RSHIFT, 224: pg.KMOD_LCTRL, 228: pg.KMOD_RCTRL,
                226: pg.KMOD_LALT, 230: pg.KMOD_RALT, 227: pg.KMOD_LGUI, 231: pg.KMOD_RGUI}.get(key.scancode, 0)

    def _unicode(self, key: int, mod: int, text: str | None) -> str:
        """KEYDOWN's and KEYUP's ``unicode`` as pygame-ce fills them: the text of the
        TEXTINPUT that followed the key (its first character, if UTF-8 needs at most
        3 bytes), else guessed from the key (``_pg_unicode_from_event``)."""
        pg = self.pygame
        if text:
            return text[0] if ord(text[0]) <= 0xFFFF else ""
        if mod & pg.KMOD_CTRL:
            if ord("a") <= key <= ord("z"):
                return chr(key - ord("a") + 1)
            control = {ord("2"): "", ord("@"): "", ord("3"): "\x1b", ord("["): "\x1b", ord("4"): "\x1c",
                       ord("\\"): "\x1c", ord("5"): "\x1d", ord("]"): "\x1d", ord("6"): "\x1e", ord("^"): "\x1e",
                       ord("7"): "\x1f", ord("_"): "\x1f", ord("8"): "\x7f"}
            if key in control:
                return control[key]
        if 0 < key < 128:
            upper = bool(mod & pg.KMOD_CAPS) != bool(mod & pg.KMOD_SHIFT)
            return chr(key).upper() if upper and ord("a") <= key <= ord("z") else chr(key)
        return ""

    def _key_event(self, kind, key: xkb.Key, mod: int, text: str | None = None) -> None:
        attrs = dict(key=key.key, mod=mod, scancode=key.scancode, unicode=self._unicode(key.key, mod, text),
                     window=None)
        if kind == self.pygame.KEYDOWN:
            attrs["repeat"] = False
        self.post(kind, **attrs)

    def _hold(self, keys: list[xkb.Key], mod: int) -> int:
        """Press modifier keys in order; the mod of each KEYDOWN includes its own bit."""
        for key in keys:
            mod |= self._modifier_bit(key)
            self._key_event(self.pygame.KEYDOWN, key, mod)
        return mod

    def _release(self, keys: list[xkb.Key], mod: int) -> int:
        for key in reversed(keys):
            mod &= ~self._modifier_bit(key)
            self._key_event(self.pygame.KEYUP, key, mod)
        return mod

    def _modifiers(self, board: xkb.Layout, shift: bool, altgr: bool) -> list[xkb.Key]:
        keys = [board.named("shift")] if shift else []
        if altgr:
            if self.system == "windows":  # Windows sends AltGr as Left Ctrl + Right Alt
                keys.append(board.named("ctrl"))
            keys.append(board.named("altgr"))
        return keys

    def stroke(self, stroke: xkb.Stroke, board: xkb.Layout) -> None:
        """One key with its modifiers: down (and the text X makes), then up.
        The Caps Lock key toggles Caps Lock; with Caps Lock on, the text is what
        X makes of the key then (« b » gives « B », « é » gives « É » on fr)."""
        if stroke.key.keysyms and stroke.key.keysyms[0][1] == "Caps_Lock":
            self.press_key("caps_lock", board.name)
            return
        text = stroke.text
        if (self.caps_lock or self._dead is not None) and not stroke.dead:
            text = board.text(stroke.key, stroke.shift, stroke.altgr, caps=self.caps_lock, dead=self._dead)
        self._dead = board.keysym(stroke.key, stroke.shift, stroke.altgr, self.caps_lock) if stroke.dead else None
        held = self._modifiers(board, stroke.shift, stroke.altgr)
        mod = self._hold(held, self._locks())
        self._key_event(self.pygame.KEYDOWN, stroke.key, mod, text)
        if text is not None:
            self.post(self.pygame.TEXTINPUT, text=text, window=None)
        self.frames(1)
        self._key_event(self.pygame.KEYUP, stroke.key, mod, text)
        self._release(held, mod)
        self.frames(1)

    def type(self, text: str, layout: str | None = None) -> None:
        """Type ``text`` as a person does on a real keyboard with this layout
        (``"fr"`` by default; "azerty", "qwerty", "qwertz" name fr, us, de):
        each character's keys and modifiers, a dead key first where needed
        ("^" then "e" for "ê"), the text X sends for them.  Raises
        :class:`trainer.xkb.Untypable` for a character the layout cannot type
        (all of them are checked first: nothing is typed then)."""
        board = self.keyboard(layout)
        for stroke in board.type(text):
            self.stroke(stroke, board)

    def text_input(self, text: str) -> None:
        """Text from an input method (a tablet's own keyboard, an emoji picker, a
        paste): TEXTINPUT without any key event, as SDL sends it."""
        self.post(self.pygame.TEXTINPUT, text=text, window=None)
        self.frames(1)

    def press(self, key: int, mod: int = 0, scancode: int = 0) -> None:
        """A raw key press and release, with exactly this key code (no text)."""
        for kind in (self.pygame.KEYDOWN, self.pygame.KEYUP):
            attrs = dict(key=key, mod=mod, scancode=scancode, unicode=self._unicode(key, mod, None), window=None)
            if kind == self.pygame.KEYDOWN:
                attrs["repeat"] = False
            self.post(kind, **attrs)
            self.frames(1)

    def open_facilitator(self) -> None:
        """The facilitator's door as she opens it from a keyboard: Ctrl+Alt+A
        (the facilitator's home, or first the code when one is set: see trainer.pin)."""
        self.press(self.pygame.K_a, mod=self.pygame.KMOD_LCTRL | self.pygame.KMOD_LALT)

    def shortcut(self, combo: str, layout: str | None = None) -> None:
        """A shortcut as a real keyboard sends it: "ctrl+z", "ctrl+shift+z",
        "ctrl+y", "alt+x", "cmd+z" (a Mac's Cmd).  The modifiers go down first,
        then the key that types the letter on this layout (Z is the QWERTY W key
        on AZERTY, its key code is still K_z).  With Ctrl or Cmd no text is
        sent (SDL under X drops control characters; a Mac sends no text with
        Cmd); otherwise X types the letter (Alt+x types "x", checked)."""
        board = self.keyboard(layout)
        *names, letter = combo.lower().split("+")
        held = [board.named(n) for n in names]
        if "altgr" in names and self.system == "windows":
            held.insert(names.index("altgr"), board.named("ctrl"))
        key = board.letter(letter)
        mod = self._hold(held, self._locks())
        text = None
        if not {"ctrl", "cmd"} & set(names):
            combo_name = "+".join(c for c in ("shift", "altgr") if c in names) or "base"
            keysym = dict(key.keysyms).get(combo_name)
            text = board.chars.get(keysym) if keysym not in board.dead else None
        self._key_event(self.pygame.KEYDOWN, key, mod, text)
        if text:
            self.post(self.pygame.TEXTINPUT, text=text, window=None)
        self.frames(1)
        self._key_event(self.pygame.KEYUP, key, mod, text)
        self._release(held, mod)
        self.frames(1)

    def press_key(self, name: str, layout: str | None = None) -> None:
        """A special key by our name ("enter", "backspace", "left", "shift"...)
        from the real layout: Space also types " "; Caps Lock toggles its light,
        which then shows in every key's ``mod``."""
        board = self.keyboard(layout)
        key = board.named(name)
        pg = self.pygame
        bit = self._modifier_bit(key)
        if name == "caps_lock":
            self.caps_lock = not self.caps_lock
        mod = self._locks() | bit
        text = " " if name == "space" else None
        if name == "space" and self._dead is not None:  # a dead key then Space: the accent alone
            text = board.compose.get(self._dead, {}).get("space", " ")
        if name not in ("shift", "altgr", "ctrl", "alt", "cmd", "caps_lock"):
            self._dead = None
        self._key_event(pg.KEYDOWN, key, mod, text)
        if text:
            self.post(pg.TEXTINPUT, text=text, window=None)
        self.frames(1)
        self._key_event(pg.KEYUP, key, mod & ~bit, text)
        self.frames(1)

    # -- looking ------------------------------------------------------------
    def screenshot(self, path) -> None:
        self.app.draw()
        self.pygame.image.save(self.app.surface, str(path))

    # -- playing a step as a learner who knows what to do ---------------------
    def play_step(self, touch: bool = False) -> None:
        """Do what the current step asks, with the mouse or with a finger: each
        step kind says how, next to its Activity (``solve`` in its module)."""
        activity = self.app.screen.activity
        activities.kinds()[activity.KIND].solve(activity, self, touch)

    def make_change(self, activity, mistake, touch: bool = False) -> None:
        """The change of an undo or redo step (see :func:`trainer.activities.practice.make_change`)."""
        make_change(activity, self, mistake, touch)

    def tap_keys(self, activity, text: str) -> None:
        """Type by touching the keys drawn on screen (a tablet without a keyboard)."""
        tap_text(activity, self, text)

    def tap_special(self, activity, name: str) -> None:
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
