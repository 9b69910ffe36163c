"""What the undo step kinds share: the practice workspace on screen.

A line of text to edit (keyboard, or a double click or double tap on a word
and the « Effacer » button), things in places and a bin (« Corbeille »)
to drag them into, and the big « Annuler » and « Rétablir » buttons (Ctrl+Z,
Ctrl+Y, Ctrl+Shift+Z, Cmd on a Mac).  The lesson sets it up; the learner
makes a named change (or the program makes it, slowly, so that it is seen);
the step kinds (:mod:`.undo`, :mod:`.redo`) say which phase comes next by
comparing the workspace's content with the expected states.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import input as inp
from ..textedit import MAX_REPEATS, REPEAT_DELAY, REPEAT_EVERY, REPEATING
from ..workspace import BIN, BUTTON, KEYBOARD, Content, Mistake, Workspace, apply_all, apply_mistake, find_word
from .base import Activity, button_word
from .common import HINT_AFTER, IMAGE
from .details import StepDetails
from .scene import ActionButton, Box, EditText, Label, inside_rect
from ..i18n import Message

START_DELAY = 1.2  # the program waits this long before its change: the learner sees the workspace first
SHOW_SECONDS = 1.0  # the word to erase is marked, the thing glides, for this long
BETWEEN_SECONDS = 0.6
MESSAGE_SECONDS = 0.6  # the screen keeps animating this long after the program's last change
MAX_TEXT = 120

_LABEL = {"type": "string", "minLength": 1, "maxLength": 30}
CHANGE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "delete": {"type": "string", "minLength": 1, "maxLength": 30,
                   "description": "Effacer ce mot du texte (écrit exactement comme dans « text »)."},
        "delete_en": {"type": "string", "minLength": 1, "maxLength": 30,
                      "description": "Le même mot dans « text_en », quand la leçon a ses textes en anglais."},
        "bin": dict(_LABEL, description="Jeter dans la corbeille la chose qui porte ce nom (un des « items »)."),
        "move": dict(_LABEL, description="Déplacer la chose qui porte ce nom (un des « items »)…"),
        "to": dict(_LABEL, description="… dans cette place (une des « places »)."),
    },
}
WORKSPACE_SETTINGS = {
    "text": {
        "type": "string", "maxLength": 60, "default": "",
        "description": "Le texte écrit au départ dans la zone de texte (60 caractères au plus). "
                       "Vide : pas de zone de texte.",
    },
    "places": {
        "type": "array", "maxItems": 3,
        "description": "Les places où ranger les choses (un bureau, un album, un dossier), de gauche à droite. "
                       "La corbeille est ajoutée toute seule à droite quand il y a des choses.",
        "items": {
            "type": "object", "required": ["label"], "additionalProperties": False,
            "properties": {
                "label": dict(_LABEL, description="Le nom de la place, écrit en haut (« Bureau », « Album »)."),
                "label_en": dict(_LABEL, description="Le nom de la place en anglais (facultatif)."),
                "image": dict(IMAGE, description="Une image sous le nom de la place (facultatif)."),
            },
        },
    },
    "items": {
        "type": "array", "maxItems": 4,
        "description": "Les choses (cartes, photos) posées dans les places, que l'on peut glisser.",
        "items": {
            "type": "object", "required": ["label"], "additionalProperties": False,
            "properties": {
                "label": dict(_LABEL, description="Le nom de la chose, écrit dessus ; chaque nom une seule fois."),
                "label_en": dict(_LABEL, description="Le nom de la chose en anglais (facultatif)."),
                "image": dict(IMAGE, description="Une image sur la chose (une photo), facultative."),
                "place": dict(_LABEL, description="Où elle est au départ : le nom d'une des « places ». "
                                                  "Sans cela : la première place."),
            },
        },
    },
    "bin_image": dict(IMAGE, description="Une image pour la corbeille (par exemple « images/corbeille.png »)."),
    "made_by": {
        "enum": ["learner", "program"], "default": "learner",
        "description": "Qui fait le changement : « learner » (la personne, comme le demande la consigne) "
                       "ou « program » (le programme le fait lui-même, lentement, avec un message).",
    },
    "message": {
        "type": "string", "minLength": 1, "maxLength": 120,
        "description": "Avec made_by: program, le message montré quand le changement est fait "
                       "(sinon « Oh ! Le mot « chat » a été effacé. »).",
    },
    "undo_instruction": {
        "type": "string", "minLength": 1, "maxLength": 200,
        "description": "Avec made_by: learner, la consigne montrée une fois le changement fait "
                       "(sinon « Maintenant, annulez : appuyez sur Ctrl+Z, ou cliquez sur « Annuler ». »).",
    },
    "touch_undo_instruction": {
        "type": "string", "minLength": 1, "maxLength": 200,
        "description": "La même sur un écran tactile (sinon « Maintenant, touchez « Annuler ». »).",
    },
    "hint_after": HINT_AFTER,
}

# message ids (mouse, touch)
UNDO_WORDS = ("practice.undo_now.mouse", "practice.undo_now.touch")
UNDO_MANY_WORDS = ("practice.undo_all.mouse", "practice.undo_all.touch")
UNDO_HINTS = ("practice.undo_hint.mouse", "practice.undo_hint.touch")
REDO_HINTS = ("practice.redo_hint.mouse", "practice.redo_hint.touch")


def _names(settings, key) -> list[str]:
    return [entry.get("label") for entry in settings.get(key) or [] if isinstance(entry, dict)]


def check_workspace(settings: dict, list_name: str, minimum: int) -> list[tuple[str, str]]:
    """Rules the schema cannot say: the names used by the changes exist, and
    each change can really be made one after the other."""
    problems = []
    places, items = _names(settings, "places"), _names(settings, "items")
    none = Message("lesson.value.none")
    changes = settings.get(list_name)
    if not isinstance(changes, list) or len(changes) < minimum:
        return problems  # the schema already explains it
    if items and not places:
        problems.append(("items", Message("lesson.check.items_places")))
    for name in {n for n in items if items.count(n) > 1}:
        problems.append(("items", Message("lesson.check.same_name", name=name)))
    for entry in settings.get("items") or []:
        if isinstance(entry, dict) and entry.get("place") is not None and entry["place"] not in places:
            problems.append(("items", Message("lesson.check.unknown_place", place=entry["place"],
                                              places=", ".join(places) or none)))
    for change in changes:
        if not isinstance(change, dict):
            continue
        actions = [k for k in ("delete", "bin", "move") if k in change]
        if len(actions) != 1:
            problems.append((list_name, Message("lesson.check.one_action")))
            continue
        action = actions[0]
        if action == "delete" and not settings.get("text"):
            problems.append((list_name, Message("lesson.check.delete_needs_text", word=change["delete"])))
        if action in ("bin", "move") and change[action] not in items:
            problems.append((list_name, Message("lesson.check.unknown_item", name=change[action],
                                                items=", ".join(items) or none)))
        if action == "move" and change.get("to") not in places:
            problems.append((list_name, Message("lesson.check.move_needs_to", places=", ".join(places) or none)))
        if action != "move" and "to" in change:
            problems.append((list_name, Message("lesson.check.to_only_move")))
    if problems:
        return problems
    content = initial_content(settings)
    for mistake in (Mistake.from_setting(c) for c in changes):
        after = apply_mistake(content, mistake, items)
        if after is None:
            if mistake.action == "delete":
                problems.append((list_name, Message("lesson.check.word_not_in_text", word=mistake.target,
                                                    text=content.text)))
            else:
                problems.append((list_name, Message("lesson.check.already_there", thing=mistake.target,
                                                    place=mistake.to)))
            break
        content = after
    if settings.get("made_by") == "program" and settings.get("undo_instruction"):
        problems.append(("undo_instruction", Message("lesson.check.undo_instruction")))
    if settings.get("made_by") != "program" and settings.get("message"):
        problems.append(("message", Message("lesson.check.message")))
    return problems


def initial_content(settings: dict) -> Content:
    places = _names(settings, "places")
    start = tuple(entry.get("place") or (places[0] if places else "")
                  for entry in settings.get("items") or [] if isinstance(entry, dict))
    return Content(settings.get("text") or "", start)


@dataclass
class UndoDetails(StepDetails):
    """The details of the undo and redo kinds."""

    KEEP_NONE = ("undo_by",)  # null: nothing was undone

    undos: int | None = None  # undos used (Ctrl+Z or « Annuler »)
    redos: int | None = None  # redos used
    recovered: bool | None = None  # the workspace was back as it should be
    undo_by: str | None = None  # "keyboard", "button" or "both"
    made_by: str | None = None  # who made the change: "learner" or "program"
    changes: int | None = None  # how many changes were made


class PracticeActivity(Activity):
    """The workspace, its buttons and the program's own changes.  Subclasses
    set :attr:`list_name` and implement :meth:`changed`."""

    DETAILS = UndoDetails

    list_name = "changes"

    def __init__(self, settings, ctx, hint=None, touch_hint=None):
        super().__init__(settings, ctx, hint, touch_hint)
        self.has_lesson_hint = hint is not None
        self.held_key: tuple[str, bool, float] | None = None  # an editing key held down: (name, shift, next repeat)
        self.item_defs = [i for i in settings.get("items") or [] if isinstance(i, dict)]
        self.place_defs = [p for p in settings.get("places") or [] if isinstance(p, dict)]
        start = initial_content(settings)
        self.ws = Workspace(start.text, [i["label"] for i in self.item_defs],
                            [p["label"] for p in self.place_defs], start.places,
                            has_text=bool(start.text))
        self.mistakes = [Mistake.from_setting(c) for c in settings.get(self.list_name) or []]
        self.before = start
        self.after = apply_all(start, self.mistakes, self.ws.items) or start
        self.by_program = settings.get("made_by") == "program"
        self.script: list[tuple[float, Mistake]] = []
        if self.by_program:
            t = ctx.now + START_DELAY
            for mistake in self.mistakes:
                self.script.append((t + SHOW_SECONDS, mistake))
                t += SHOW_SECONDS + BETWEEN_SECONDS
        self.program_done_at: float | None = None
        self.message: str | None = None
        self.grab: tuple[float, float] | None = None  # the pointer's offset from the held card's centre
        self.held: int | None = None
        self.last_moved: int | None = None
        self.held_at: tuple[float, float] | None = None
        self.pointer_at: tuple[float, float] | None = None  # the arrow while a card is held: where it drops
        self.hover: str | None = None
        self.pressed: str | None = None
        self.pressed_on_nothing = False  # the last press was on no button, no card, no text
        self._after_shortcut = False  # the last key was Ctrl+Z or Ctrl+Y: its letter is not typed
        self._fit_cache: dict = {}

    # -- for the subclasses ---------------------------------------------------
    def changed(self, now: float, how: str) -> None:
        """The content changed: ``how`` is "learner" (typing, erasing), "move"
        (the learner dropped a thing somewhere), "undo", "redo" or "program"."""
        raise NotImplementedError  # pragma: no cover

    def key_is(self, content: Content) -> bool:
        return self.ws.content.key() == content.key()

    def wrong_move(self, how: str) -> bool:
        """While making the change asked, a thing dropped where the lesson did
        not ask: a soft miss (the hint shows where it goes)."""
        i = self.last_moved
        return how == "move" and i is not None and self.ws.place_of(i) != self.after.places[i]

    @property
    def watching(self) -> bool:
        """The program is still making its change: the learner watches."""
        return bool(self.script)

    def wants_text(self) -> bool:
        return self.ws.has_text

    def text_rect(self):
        return self.layout()["text"] or self.area

    def pending_change(self) -> Mistake | None:
        """The first change asked that is not made yet (the hint is about it)."""
        for m in self.mistakes:
            if m.action == "delete" and find_word(self.ws.text, m.target) is not None:
                return m
            if m.action != "delete" and self.ws.place_of(self.ws.items.index(m.target)) != m.to:
                return m
        return self.mistakes[0] if self.mistakes else None

    def change_hint(self) -> tuple[str, str]:
        """How to make the next change the lesson asks for, mouse and touch."""
        t = self.tr.t
        m = self.pending_change()
        if m is None:
            return self.texts(UNDO_HINTS)
        if m.action == "delete":
            if find_word(self.ws.text, m.target) is None:  # erased letter by letter, not finished yet
                return (t("practice.delete_hint.go_on.mouse", word=m.target),
                        t("practice.delete_hint.go_on.touch", word=m.target))
            return t("practice.delete_hint.mouse", word=m.target), t("practice.delete_hint.touch", word=m.target)
        where = t("practice.to_bin") if m.action == "bin" else t("practice.to_place", place=m.to)
        return (t("practice.drag_hint.mouse", thing=m.target, where=where),
                t("practice.drag_hint.touch", thing=m.target, where=where))

    def texts(self, ids: tuple[str, str]) -> tuple[str, str]:
        """(mouse, touch) message ids -> their texts."""
        return self.tr.t(ids[0]), self.tr.t(ids[1])

    def phase_hints(self) -> tuple[str, str]:  # pragma: no cover - each kind says
        """The hints of the current phase: (mouse, touch)."""
        raise NotImplementedError

    @property
    def hint_text(self):
        """The lesson's hint in the phase its instruction is about, else the phase's own."""
        if self.has_lesson_hint and self.lesson_hint_phase():
            return super().hint_text
        return self.phase_hints()[1 if self.ctx.touch else 0]

    def first_phase(self) -> bool:
        """The learner is making the change asked (or watching the program make it)."""
        return True

    def lesson_hint_phase(self) -> bool:
        """The phase the lesson's ``instruction`` (and so its ``hint``) is about:
        the change asked, or, when the program makes it, getting back."""
        return True

    # -- input --------------------------------------------------------------
    def handle(self, event):
        now = event.time
        if isinstance(event, inp.KeyDown):
            self.held_key = None  # another key: a held one stops repeating
            shortcut = inp.edit_shortcut(event)
            self._after_shortcut = bool(shortcut)
            if shortcut:
                self._undo_redo(shortcut, KEYBOARD, now)
            elif event.name and not event.ctrl and self.ws.has_text and not self.watching:
                if event.name in ("backspace", "delete", "left", "right", "home", "end", "up", "down"):
                    if self.ws.key(event.name, event.shift):
                        self.changed(now, "learner")
                    if event.name in REPEATING:  # held down, it repeats as in an editor (see update)
                        self.held_key = (event.name, event.shift, now + REPEAT_DELAY)
        elif isinstance(event, inp.KeyUp):
            if self.held_key is not None and event.name == self.held_key[0]:
                self.held_key = None
        elif isinstance(event, inp.TextInput):
            if self.watching or not self.ws.has_text or event.repeat:
                return
            after_shortcut, self._after_shortcut = self._after_shortcut, False
            if after_shortcut and event.text in ("z", "Z", "y", "Y"):
                return  # the letter of the shortcut: X11 sends it as text with the Windows (Super) key
            typed = "".join(ch for ch in event.text[:MAX_TEXT] if ch.isprintable())
            room = MAX_TEXT - len(self.ws.text) + len(self.ws.line.selected())
            if typed and room > 0 and self.ws.type(typed[:room]):
                self.changed(now, "learner")
        elif isinstance(event, inp.PointerDown) and event.button == inp.LEFT:
            self.pressed = self._button_at(event.pos)
            if self.pressed is None and not self.watching:
                self._grab(event.pos)
            self.pressed_on_nothing = self.pressed is None and self.held is None and not self._on_text(event.pos)
        elif isinstance(event, inp.PointerMove):
            self.hover = None if event.touch else self._button_at(event.pos)
            if self.pressed is not None and self._button_at(event.pos) != self.pressed:
                self.pressed = None
            if self.held is not None:
                self.held_at = self._on_screen(event.pos[0] - self.grab[0], event.pos[1] - self.grab[1])
                self.pointer_at = event.pos
        elif isinstance(event, inp.PointerUp):
            self.pressed = None
            if self.held is not None:
                self._drop(event.pos, now)
        elif isinstance(event, inp.Click) and event.button == inp.LEFT:
            name = self._button_at(event.pos)
            if name is not None and event.on(lambda p: self._button_at(p) == name):  # pressed and released on it
                self._press_button(name, now)
            elif self._on_text(event.pos) and not self.watching:
                self.ws.place_caret(self._index_at(event.pos[0], caret=True))
            elif event.moved and self.pressed_on_nothing and not self.watching:
                # a slide where nothing can be dragged: nothing happens, and it is said kindly
                self.nudge(now, self.word("note.workspace.no_drag.{hand}"))
        elif isinstance(event, inp.Click) and event.button == inp.RIGHT and not self.watching:
            # a right click: no menu here, the main button is named (the left one, or the right one
            # on a left-handed mouse)
            self.nudge(now, button_word(self.ctx, True, "note.workspace.right_click.{side}"))
        elif isinstance(event, inp.LongPress) and not self.watching and self.held is None \
                and self._button_at(event.pos) is None:
            self.nudge(now, self.tr.t("note.workspace.long_press"))
        elif isinstance(event, inp.DoubleClick) and self._on_text(event.pos) and not self.watching:
            self.ws.select_word(self._index_at(event.pos[0], caret=False))

    def _undo_redo(self, what: str, by: str, now: float) -> None:
        if self.watching:
            return
        done = self.ws.undo(by) if what == inp.UNDO else self.ws.redo(by)
        if done:
            self.changed(now, what)
        else:
            self.miss(now)  # nothing to undo (or redo): a soft sound, never a failure

    def _press_button(self, name: str, now: float) -> None:
        if self.watching:
            return  # the program is working: nothing to do yet, nothing missed
        if name == "erase":
            if not self.ws.can_erase():
                self.miss(now)
            elif self.ws.erase():
                self.changed(now, "learner")
            return
        self._undo_redo(inp.UNDO if name == "undo" else inp.REDO, BUTTON, now)

    def _button_at(self, pos) -> str | None:
        for name, rect in self.layout()["buttons"].items():
            if inside_rect(pos, rect):
                return name
        return None

    def _grab(self, pos) -> None:
        for index in reversed(range(len(self.ws.items))):
            rect = self.card_rect(index)
            if rect and inside_rect(pos, rect):
                cx, cy = rect[0] + rect[2] / 2, rect[1] + rect[3] / 2
                self.held, self.grab, self.held_at = index, (pos[0] - cx, pos[1] - cy), (cx, cy)
                self.pointer_at = pos
                return

    def _drop(self, pos, now) -> None:
        index = self.held
        self.held = self.grab = self.held_at = self.pointer_at = None
        target = self.place_at(pos)  # where the arrow (or the finger) is, not the card's centre
        if target is not None and target != self.ws.place_of(index) and self.ws.move(index, target):
            self.last_moved = index
            self.changed(now, "move")

    def place_at(self, pos) -> str | None:
        """The place (or the bin) under a point, with a little forgiveness at the edges."""
        for name, (x, y, w, h) in self.layout()["places"].items():
            m = 0.03 * self.unit
            if inside_rect(pos, (x - m, y - m, w + 2 * m, h + 2 * m)):
                return name
        return None

    # -- time ------------------------------------------------------------------
    def update(self, now):
        while self.script and now >= self.script[0][0]:
            _, mistake = self.script.pop(0)
            self.ws.apply(mistake)
            self.program_done_at = now
            self.message = self.settings.get("message") or self.tr.t(
                "practice.oh", what=_capital(mistake.describe(self.tr)))
            if len(self.mistakes) > 1 and not self.script and not self.settings.get("message"):
                self.message = self.tr.t("practice.oh", what=_several(self.mistakes, self.tr))
            self.changed(now, "program")
        for _ in range(MAX_REPEATS):  # (a long sleep of the machine does not replay hours of repeats)
            if self.held_key is None or now < self.held_key[2] or self.done or self.watching:
                break
            name, shift, due = self.held_key
            self.held_key = (name, shift, max(due, now - 1.0) + REPEAT_EVERY)
            caret = self.ws.line.caret
            if self.ws.key(name, shift):
                self.changed(due, "learner")
            elif self.ws.line.caret == caret:
                self.held_key = None  # nothing left to erase or to move over: the repeat stops
        if not self.watching:
            super().update(now)

    def animating(self, now):
        return super().animating(now) or self.watching or self.held_key is not None or (
            self.program_done_at is not None and now - self.program_done_at < MESSAGE_SECONDS)

    # -- layout (pixels, from the play area) ---------------------------------------
    def layout(self) -> dict:
        x, y, w, h = self.area
        u = self.unit
        gap = 0.02 * u
        names = ["undo", "redo"] + (["erase"] if self.ws.has_text else [])
        bw = min(0.3 * u, 0.28 * w)
        bh = max(1.0, min(0.11 * u, (h - gap * (len(names) - 1)) / len(names)))
        buttons = {name: (x + w - bw, y + i * (bh + gap), bw, bh) for i, name in enumerate(names)}
        lw = max(1.0, w - bw - 2 * gap)
        message_h = 0.065 * u
        top = y + message_h
        room = max(1.0, y + h - top)
        text_box = None
        places: dict = {}
        if self.ws.has_text:
            th = min(0.13 * u, room * (0.36 if self.ws.items else 0.6))
            ty = top if self.ws.items else top + (room - th) / 2
            text_box = (x, ty, lw, th)
            top = ty + th + gap
        if self.ws.items:
            names = list(self.ws.place_names) + [BIN]
            pw = max(1.0, (lw - gap * (len(names) - 1)) / len(names))
            ph = max(1.0, y + h - top)
            places = {name: (x + i * (pw + gap), top, pw, ph) for i, name in enumerate(names)}
        return {"buttons": buttons, "text": text_box, "places": places, "message": (x, y, lw, message_h * 0.9)}

    def relayout(self, area, unit):
        super().relayout(area, unit)
        self._fit_cache.clear()

    def _text_px(self) -> int:
        box = self.layout()["text"]
        value = self.ws.text
        key = (value, box)
        if key not in self._fit_cache:
            px = int(min(0.065 * self.unit, box[3] * 0.6))
            room = box[2] - 2 * self._pad()
            while px > max(8, 0.03 * self.unit) and self.ctx.measure(value, px) > room:
                px -= 1
            if len(self._fit_cache) > 64:
                self._fit_cache.clear()
            self._fit_cache[key] = px
        return self._fit_cache[key]

    def _pad(self) -> float:
        return 0.02 * self.unit

    def _on_text(self, pos) -> bool:
        box = self.layout()["text"]
        return box is not None and inside_rect(pos, box)

    def _index_at(self, px_x: float, caret: bool) -> int:
        """The character under a point (caret: the gap between characters nearest to it)."""
        value = self.ws.text
        px = self._text_px()
        x0 = self.layout()["text"][0] + self._pad()
        best, best_d = 0, float("inf")
        for i in range(len(value) + 1):
            left = x0 + self.ctx.measure(value[:i], px)
            if caret:
                d = abs(left - px_x)
            else:
                right = x0 + self.ctx.measure(value[:i + 1], px) if i < len(value) else left
                d = 0.0 if left <= px_x <= right else min(abs(left - px_x), abs(right - px_x))
            if d < best_d:
                best, best_d = i, d
        return min(best, len(value)) if caret else min(best, max(0, len(value) - 1))

    def word_center(self, word: str) -> tuple[float, float] | None:
        """Where a word of the text is drawn (for a double click on it)."""
        box = self.layout()["text"]
        span = find_word(self.ws.text, word) if box else None
        if span is None:
            return None
        start = self.ws.text.index(word, span[0])
        px = self._text_px()
        x0 = box[0] + self._pad()
        left = x0 + self.ctx.measure(self.ws.text[:start], px)
        return (left + self.ctx.measure(word, px) / 2, box[1] + box[3] / 2)

    def center_of(self, rect) -> tuple[float, float]:
        return (rect[0] + rect[2] / 2, rect[1] + rect[3] / 2)

    def _slots(self) -> dict:
        """The card of each thing in its place: (x, y, w, h)."""
        layout = self.layout()
        rects = {}
        for name, (x, y, w, h) in layout["places"].items():
            inside = [i for i in range(len(self.ws.items)) if self.ws.place_of(i) == name]
            if not inside:
                continue
            header = 0.065 * self.unit
            gap = 0.015 * self.unit
            n = len(inside)
            room = max(1.0, (w - gap * (n + 1)) / n)
            side = max(1.0, min(0.17 * self.unit, (h - header) * 0.9, room))
            wide = max(1.0, min(side * 1.3, room))  # a card a little wider than tall: room for its name
            total = n * wide + (n - 1) * gap
            sx = x + (w - total) / 2
            sy = y + header + (h - header - side) / 2
            for k, i in enumerate(inside):
                rects[i] = (sx + k * (wide + gap), sy, wide, side)
        return rects

    def _on_screen(self, cx, cy):
        """A held card's centre, so that the whole card stays in the play area."""
        slot = self._slots().get(self.held)
        w, h = (slot[2], slot[3]) if slot else (0.15 * self.unit, 0.15 * self.unit)
        x, y, aw, ah = self.area
        cx = min(max(cx, x + w / 2), x + aw - w / 2) if aw > w else x + aw / 2
        cy = min(max(cy, y + h / 2), y + ah - h / 2) if ah > h else y + ah / 2
        return (cx, cy)

    def card_rect(self, index: int):
        if index == self.held and self.held_at is not None:
            slot = self._slots().get(index)
            w, h = (slot[2], slot[3]) if slot else (0.15 * self.unit, 0.15 * self.unit)
            return (self.held_at[0] - w / 2, self.held_at[1] - h / 2, w, h)
        return self._slots().get(index)

    # -- drawing ----------------------------------------------------------------
    def button_states(self) -> dict:
        """name -> (label's message id, enabled, state) for the drawing; a hint lights the one to use."""
        raise NotImplementedError  # pragma: no cover

    def scene(self, now):
        layout = self.layout()
        shapes = []
        if self.message:
            shapes.append(Label(layout["message"], self.message, 0.045, "hint", "left"))
        box = layout["text"]
        if box is not None:
            marked = None
            showing = self._showing(now)
            if showing is not None and showing.action == "delete":
                marked = find_word(self.ws.text, showing.target)
            elif self.hint_visible and self.first_phase() and not self.by_program and self.mistakes \
                    and self.pending_change().action == "delete":
                marked = find_word(self.ws.text, self.pending_change().target)
            line = self.ws.line
            state = "done" if self.done else ("hint" if self.hint_visible and marked else "idle")
            shapes.append(EditText(box, line.value, line.caret, line.selection(), self._text_px(),
                                   box[0] + self._pad(), state, marked))
        hinted = self._hinted_item()
        for name, rect in layout["places"].items():
            defs = next((p for p in self.place_defs if p["label"] == name), {})
            image = self.settings.get("bin_image") if name == BIN else defs.get("image")
            over = self.held is not None and self.pointer_at is not None and self.place_at(self.pointer_at) == name
            shapes.append(Box(rect, None, None, "zone", "hover" if over else "idle"))
            header = (rect[0], rect[1], rect[2], 0.065 * self.unit)
            shapes.append(Label(header, self.tr.t("practice.bin") if name == BIN else name, 0.042, "done", "center"))
            if image:  # drawn first: the things put there lie on it
                pad = 0.02 * self.unit
                shapes.append(Box((rect[0] + pad, rect[1] + header[3], rect[2] - 2 * pad,
                                   rect[3] - header[3] - pad), None, image, "picture", "idle"))
        showing = self._showing(now)
        for i, label in enumerate(self.ws.items):
            rect = self.card_rect(i)
            if showing is not None and showing.action != "delete" and self.ws.items.index(showing.target) == i:
                rect = self._gliding(i, showing, now) or rect
            if rect is None:
                continue
            image = self.item_defs[i].get("image")
            state = "held" if i == self.held else ("hint" if i == hinted else "idle")
            shapes.append(Box(rect, label, image, "item", state, self.pulse(now) if i == hinted else 0.0))
        for name, rect in layout["buttons"].items():
            label, enabled, state = self.button_states()[name]
            if state == "idle" and name == self.pressed:
                state = "pressed"
            elif state == "idle" and name == self.hover:
                state = "hover"
            shapes.append(ActionButton(rect, self.tr.t(label), name, enabled, state,
                                       self.pulse(now) if state == "hint" else 0.0))
        return shapes

    def _hinted_item(self) -> int | None:
        if not (self.hint_visible and self.first_phase() and not self.by_program and self.mistakes):
            return None
        m = self.pending_change()
        return self.ws.item_index(m.target) if m.action != "delete" else None

    def _showing(self, now) -> Mistake | None:
        """The change the program is about to make (shown for SHOW_SECONDS first)."""
        if self.script and now >= self.script[0][0] - SHOW_SECONDS:
            return self.script[0][1]
        return None

    def _gliding(self, index, mistake, now):
        """The card gliding from its place to where the program puts it."""
        start = self._slots().get(index)
        target = self.layout()["places"].get(mistake.to)
        if start is None or target is None:
            return None
        t = min(1.0, max(0.0, (now - (self.script[0][0] - SHOW_SECONDS)) / SHOW_SECONDS))
        t = t * t * (3 - 2 * t)
        tx = target[0] + target[2] / 2 - start[2] / 2
        ty = target[1] + target[3] / 2 - start[3] / 2  # towards the middle of the place
        return (start[0] + (tx - start[0]) * t, start[1] + (ty - start[1]) * t, start[2], start[3])

    # -- results ------------------------------------------------------------------
    def record(self, recovered: bool) -> None:
        ws = self.ws
        self.details = UndoDetails(undos=sum(ws.undos.values()), redos=sum(ws.redos.values()),
                                   recovered=recovered, undo_by=ws.undo_by(),
                                   made_by="program" if self.by_program else "learner", changes=len(self.mistakes))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _several(mistakes, tr) -> str:
    """« Trois mots ont été effacés », for the message after several changes."""
    n = len(mistakes)
    count = tr.t(f"number.word.{n}") if 2 <= n <= 5 else str(n)
    actions = {m.action for m in mistakes}
    if actions == {"delete"}:
        return tr.t("practice.several.deleted", count=count)
    if actions == {"bin"}:
        return tr.t("practice.several.binned", count=count)
    return tr.t("practice.several.changed", count=count)



# -- how a test plays these steps (trainer.pilot) ------------------------------

def solve_practice(activity, pilot, touch: bool) -> None:
    """Watch the program's change, or make the change asked (after undoing
    whatever else was done first); then undo (Ctrl+Z with the mouse,
    « Annuler » with a finger) and, for a redo step, redo (Ctrl+Y, or
    « Rétablir »), or make the change again when nothing can be redone."""
    def button(name):
        if touch:
            pilot.tap(activity.center_of(activity.layout()["buttons"][name]))
        else:
            pilot.shortcut("ctrl+y" if name == "redo" else "ctrl+z")

    history = activity.ws.history
    for _ in range(400):
        if activity.done:
            return
        if activity.watching:
            pilot.wait(0.25)
        elif activity.phase in ("mistake", "change"):
            if history.can_undo and not activity.key_is(activity.before):
                button("undo")  # back to the start, then the change asked
            else:
                for mistake in activity.mistakes:
                    make_change(activity, pilot, mistake, touch)
        elif activity.phase == "redo":
            if history.can_redo:
                button("redo")
            elif not activity.key_is(activity.before) and history.can_undo:
                button("undo")
            else:
                make_change(activity, pilot, activity.pending_change(), touch)
        else:
            button("undo")
    raise AssertionError(f"the {activity.KIND} step did not end")


def make_change(activity, pilot, mistake, touch: bool = False) -> None:
    """Erase a word (double click on it, then Retour arrière, or « Effacer »
    with a finger), or drag a thing to its place or to the bin."""
    if mistake.action == "delete":
        pilot.double_click(activity.word_center(mistake.target), touch=touch)
        if touch:
            pilot.tap(activity.center_of(activity.layout()["buttons"]["erase"]))
        else:
            pilot.press_key("backspace")
        return
    index = activity.ws.item_index(mistake.target)
    start = activity.center_of(activity.card_rect(index))
    pilot.drag(start, activity.center_of(activity.layout()["places"][mistake.to]), touch=touch)
