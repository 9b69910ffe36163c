"""Lessons: the format (YAML, version 1), reading, checking, finding them.

A :class:`Lesson` is plain data.  :func:`load` reads one file and returns the
lesson or the list of problems, each with its line; :func:`discover` reads
every lesson of some folders for the lesson menu, broken files included
(they are shown greyed out with the reason).

A lesson is written in French and may carry its texts in the other
languages of the interface (``title_en``, ``instruction_en``, ``label_en``…):
:meth:`Lesson.text`, :meth:`Step.text` and :meth:`Step.settings_in` give
them in a language, the French one where a text has no translation.
"""
from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import Message
from .files import NotRegularFile, open_regular, printable
from .images import problem as image_problem

# The YAML reader and the schema (which imports every step kind) are imported
# when a file is really read: a start that finds its lessons in the cache
# (:mod:`.cache`) never pays for them (PyYAML alone takes ~60 ms to import).

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
MAX_IMAGE_BYTES = 4 * 1024 * 1024  # (the same as images.MAX_IMAGE_BYTES: this module imports nothing heavy)
MAX_FILES = 2000


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str  # a trainer.i18n.Message: reads as French, shown in any language (text)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def text(self, tr) -> str:
        """``file:line: message`` in ``tr``'s language."""
        return f"{self.path}:{self.line}: {tr.text(self.message)}"


@dataclass(frozen=True)
class Step:
    kind: str
    instruction: str
    touch_instruction: str
    hint: str | None
    touch_hint: str | None
    settings: dict
    line: int
    translations: dict = field(default_factory=dict)  # {"en": {"instruction": ..., "hint": ..., "label": ...}}

    def instruction_for(self, touch: bool, language: str = "fr") -> str:
        return self.text("instruction", language, touch)

    def text(self, name: str, language: str = "fr", touch: bool = False) -> str | None:
        """The step's ``instruction`` or ``hint`` in ``language`` (French when
        it has no translation), for a touch screen or not.  A touch hint may
        be None: the step kind's own touch hint is shown then."""
        own = self.translations.get(language, {}) if language != "fr" else {}
        if name not in own:
            if name == "instruction":
                return self.touch_instruction if touch else self.instruction
            return self.touch_hint if touch else self.hint
        if not touch:
            return own[name]
        derived = touch_text(own.get("touch_" + name), own[name], language)
        return derived or (own[name] if name == "instruction" else None)

    def french_texts(self) -> set:
        """Every French text this step may show (its touch wordings included)."""
        texts = {self.instruction, self.touch_instruction, self.hint, self.touch_hint}
        for name in ("message", "undo_instruction", "touch_undo_instruction", "redo_instruction",
                     "touch_redo_instruction"):
            value = self.settings.get(name)
            if isinstance(value, str):
                texts |= {value, touch_text(None, value)}
        return {t for t in texts if t}

    def settings_in(self, language: str = "fr") -> dict:
        """The step's settings with the words shown in ``language`` (labels,
        menu lines, undo and redo instructions…), the French ones where the
        lesson gives no translation."""
        if language == "fr":
            return self.settings
        return translate_settings(self.kind, self.settings, self.translations.get(language, {}), language)


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    level: int
    intro: str
    learned: str | None
    steps: tuple
    path: str
    author: str | None = None
    id_line: int = 1
    touch_intro: str | None = None
    touch_learned: str | None = None
    translations: dict = field(default_factory=dict)  # {"en": {"title": ..., "intro": ...}}

    def intro_for(self, touch: bool, language: str = "fr") -> str:
        return self.text("intro", language, touch)

    def learned_for(self, touch: bool, language: str = "fr") -> str | None:
        return self.text("learned", language, touch)

    def text(self, name: str, language: str = "fr", touch: bool = False) -> str | None:
        """The lesson's ``title``, ``intro`` or ``learned`` in ``language``
        (French when it has no translation), for a touch screen or not."""
        own = self.translations.get(language, {}) if language != "fr" else {}
        if name not in own:
            french = getattr(self, name)
            return (getattr(self, "touch_" + name, None) if touch else None) or french
        if touch and name != "title":
            return touch_text(own.get("touch_" + name), own[name], language) or own[name]
        return own[name]

    def language_of(self, text: str, language: str) -> str:
        """The language a text shown during this lesson is written in, when the
        interface is in ``language``: French for the lesson's own French texts
        (those it has no translation for), else ``language`` (its translations
        and the interface's own words)."""
        if language == "fr":
            return "fr"
        known = self.__dict__.setdefault("_french_only", {})  # (a frozen dataclass: a cache beside its fields)
        if language not in known:
            found = {self.title, self.intro, self.touch_intro, self.learned, self.touch_learned}
            for step in self.steps:
                found |= step.french_texts()
            known[language] = {t for t in found if t} - self._translated(language)
        return "fr" if text in known[language] else language

    def _translated(self, language: str) -> set:
        """The lesson's texts in ``language`` (a French text may be the same in English: « Album »)."""
        found = set()
        for fields in [self.translations.get(language, {})] + [s.translations.get(language, {}) for s in self.steps]:
            found |= {v for v in fields.values() if isinstance(v, str)}
        return found


@dataclass
class LessonEntry:
    """A lesson file found in a folder: its lesson, or why it cannot be used."""

    path: Path
    lesson: Lesson | None
    problems: list = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.lesson is not None

    @property
    def reason(self) -> str:
        return str(self.problems[0]) if self.problems else ""

    def reason_in(self, tr) -> str:
        """Why it cannot be used, in ``tr``'s language."""
        return self.problems[0].text(tr) if self.problems else ""


_SP = "[ \u00a0]"  # a space, or the non-breaking space of French typography
_TOUCH_PHRASES = [  # (mouse wording, touch wording), the longest first
    (f"Double-cliquez{_SP}sur", "Touchez deux fois"),
    (f"Cliquez{_SP}deux{_SP}fois{_SP}sur", "Touchez deux fois"),
    (f"Faites{_SP}un{_SP}double-clic{_SP}sur", "Touchez deux fois"),
    ("Double-cliquez", "Touchez deux fois"),
    ("Double-cliquer", "Toucher deux fois"),
    (f"Faites{_SP}un{_SP}double-clic", "Touchez deux fois"),
    (f"Faites{_SP}un{_SP}clic{_SP}droit", "Gardez le doigt appuyé"),
    (f"Faire{_SP}un{_SP}clic{_SP}droit", "Garder le doigt appuyé"),
    (f"Cliquez{_SP}sur", "Touchez"),
    ("Cliquez", "Touchez"),
    ("Cliquer", "Toucher"),
]


_TOUCH_PHRASES_EN = [  # the same in English: « Click » becomes « Tap »
    ("Double-click", "Double-tap"), ("Right-click", "Press and hold"), ("Click", "Tap"),
]


@functools.lru_cache(maxsize=4)
def _touch_words(language: str = "fr"):
    """Compiled when a lesson file is really read (not on a start from the cache)."""
    phrases = _TOUCH_PHRASES_EN if language == "en" else _TOUCH_PHRASES
    return [(re.compile(rf"\b{p}\b"), r) for p, r in phrases] + \
           [(re.compile(rf"\b{p[0].lower()}{p[1:]}\b"), r[0].lower() + r[1:]) for p, r in phrases]


#: words that only make sense with a mouse: such a text is not reworded for touch
MOUSE_ONLY = re.compile(r"souris|molette|bouton (gauche|droit)|flèche", re.IGNORECASE)
MOUSE_ONLY_EN = re.compile(r"\bmouse\b|\bwheel\b|\b(left|right) (mouse )?button\b|\barrow", re.IGNORECASE)


def touch_wording(text: str, language: str = "fr") -> str:
    """« Cliquez » becomes « Touchez » (« Click », « Tap »): the wording follows the input used."""
    for pattern, replacement in _touch_words(language if language == "en" else "fr"):
        text = pattern.sub(replacement, text)
    return text


def touch_text(explicit, mouse_text, language: str = "fr"):
    """The touch version of a text: the one written in the lesson, else the
    mouse text reworded, else None when it talks about the mouse itself
    (then the program's own touch wording is used)."""
    if explicit:
        return explicit.strip()
    if not mouse_text:
        return None
    mouse_only = MOUSE_ONLY_EN if language == "en" else MOUSE_ONLY
    return None if mouse_only.search(mouse_text) else touch_wording(mouse_text.strip(), language)


def translate_settings(kind: str, settings: dict, own: dict, language: str) -> dict:
    """A step's settings with the words of another language: the step kind's
    ``TRANSLATABLE`` settings given as ``label_en``… (``own``), the names of
    the undo steps' places and things (``label_en`` in their lists, the
    changes following them) and the word to erase (``delete_en``)."""
    from .. import activities  # (every step kind: not needed by the cached menu at start-up)

    suffix = f"_{language}"
    out = dict(settings)
    for name in getattr(activities.kinds()[kind], "TRANSLATABLE", ()):
        if name in own:
            out[name] = own[name]
    names: dict[str, dict] = {"items": {}, "places": {}}
    for key, renamed in names.items():
        if not isinstance(out.get(key), list):
            continue
        entries = []
        for entry in out[key]:
            if isinstance(entry, dict) and isinstance(entry.get("label" + suffix), str):
                renamed[entry["label"]] = entry["label" + suffix]
                entry = {k: v for k, v in entry.items() if k != "label" + suffix}
                entry["label"] = renamed[entry["label"]]
            entries.append(entry)
        out[key] = entries
    if isinstance(out.get("items"), list):
        out["items"] = [dict(e, place=names["places"].get(e["place"], e["place"]))
                        if isinstance(e, dict) and isinstance(e.get("place"), str) else e for e in out["items"]]
    if isinstance(out.get("changes"), list):
        changes = []
        for change in out["changes"]:
            if isinstance(change, dict):
                change = dict(change)
                if isinstance(change.get("delete" + suffix), str):
                    change["delete"] = change.pop("delete" + suffix)
                for action in ("bin", "move"):
                    if isinstance(change.get(action), str):
                        change[action] = names["items"].get(change[action], change[action])
                if isinstance(change.get("to"), str):
                    change["to"] = names["places"].get(change["to"], change["to"])
            changes.append(change)
        out["changes"] = changes
    for name in ("undo_instruction", "redo_instruction"):  # their touch wording, in this language
        if name in own and "touch_" + name not in own:
            out["touch_" + name] = touch_text(None, own[name], language) or own[name]
    return out


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def _as_written(candidate: Path) -> Path | None:
    """The file a lesson names, when its name on disk is spelt another way:
    « photo-été.png » unzipped from a Windows archive (cp1252 bytes, not
    UTF-8), or from a Mac (accents as separate marks).  None if not there."""
    wanted = unicodedata.normalize("NFC", candidate.name)
    try:
        for entry in os.scandir(candidate.parent):
            if unicodedata.normalize("NFC", printable(entry.name)) == wanted:
                return candidate.parent / entry.name
    except OSError:
        pass
    return None


def _check_image(value: str, root: Path, base: Path, decode: bool = True) -> tuple[str | None, str | None]:
    """(absolute path, None) for a good image, else (None, the message why).
    The image is read for real (:func:`.images.problem`): its header always,
    and it is decoded unless ``decode`` is False (the report, which never
    shows a picture and never imports pygame)."""
    if "\x00" in value or value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or value.startswith("~"):
        return None, Message("lesson.image.absolute", path=value)
    candidate = base / value
    if not _inside(root, candidate):
        return None, Message("lesson.image.outside", path=value, folder=root.resolve().name)
    if candidate.suffix.lower() not in IMAGE_SUFFIXES:
        return None, Message("lesson.image.type", path=value)
    try:
        if not candidate.exists():
            candidate = _as_written(candidate)
        if candidate is None:
            return None, Message("lesson.image.missing", path=value)
    except OSError:
        return None, Message("lesson.image.unreadable", path=value)
    # read for real: a special file, an empty, cut, fake or immense image is refused here
    message = image_problem(candidate, value, decode=decode)
    if message is not None:
        return None, message
    return str(candidate.resolve()), None


def load(path, root=None, decode_images: bool = True) -> tuple[Lesson | None, list[Problem]]:
    """Read and check one lesson file.  ``root`` is the lessons folder that
    every image must stay inside (by default the file's own folder); each
    image is decoded once to be sure it can be shown, unless ``decode_images``
    is False (its header and size are checked all the same)."""
    # (the schema imports every step kind and the loader YAML: only when a file is read,
    # not for the lesson menu of a start-up that finds the lessons cached)
    from . import schema
    from .loader import MAX_BYTES, LessonFileError, parse, read_text

    path = Path(path)
    root = Path(root) if root is not None else path.parent
    shown = printable(path)  # a name that is not UTF-8 (from a Windows archive) can still be shown

    def problem(line, message):
        return Problem(shown, line, message)

    if not _inside(root, path):
        return None, [problem(1, Message("lesson.file.link"))]
    if not path.is_file():  # a broken link, a folder, a named pipe (opening it would wait forever)
        return None, [problem(1, Message("lesson.file.not_regular" if path.exists() else "lesson.file.missing"))]
    try:
        with open_regular(path) as f:  # (a named pipe made after the check above: never waits)
            raw = f.read(MAX_BYTES + 1)
        doc = parse(read_text(raw))
    except LessonFileError as exc:
        return None, [problem(exc.line, exc.message)]
    except NotRegularFile:
        return None, [problem(1, Message("lesson.file.not_regular"))]
    except PermissionError:
        return None, [problem(1, Message("lesson.file.permission"))]
    except OSError as exc:
        return None, [problem(1, Message("lesson.file.unreadable", error=exc.strerror or str(exc)))]
    data = doc.data
    if not isinstance(data, dict):
        return None, [problem(1, Message("lesson.file.not_fields"))]
    problems = [problem(doc.line_of(p), msg) for p, msg in schema.check(data)]
    steps = data.get("steps") if isinstance(data.get("steps"), list) else []
    kinds = schema.activities.kinds()
    built = []
    for i, raw_step in enumerate(steps):
        kind = raw_step.get("kind") if isinstance(raw_step, dict) else None
        if not isinstance(kind, str) or kind not in kinds:  # « kind: [click] » cannot be looked up
            continue
        module = kinds[kind]
        settings = schema.defaults_of(kind)
        settings.update({k: v for k, v in raw_step.items() if k in module.SETTINGS})
        check_fn = getattr(module, "check", None)
        for name, msg in (check_fn(settings) if check_fn else []):
            problems.append(problem(doc.line_of(("steps", i, name)), msg))
        for name in schema.image_fields(kind):
            if isinstance(settings.get(name), str):
                absolute, msg = _check_image(settings[name], root, path.parent, decode_images)
                if msg:
                    problems.append(problem(doc.line_of(("steps", i, name)), msg))
                settings[name] = absolute
        for name, sub in schema.nested_image_fields(kind):
            if not isinstance(settings.get(name), list):
                continue
            settings[name] = [dict(entry) if isinstance(entry, dict) else entry for entry in settings[name]]
            for j, entry in enumerate(settings[name]):
                if isinstance(entry, dict) and isinstance(entry.get(sub), str):
                    absolute, msg = _check_image(entry[sub], root, path.parent, decode_images)
                    if msg:
                        problems.append(problem(doc.line_of(("steps", i, name, j, sub)), msg))
                    entry[sub] = absolute
        instruction = raw_step.get("instruction")
        if isinstance(instruction, str):
            hint = raw_step.get("hint")
            texts = _translations(raw_step, [*schema.TEXT_FIELDS, *getattr(module, "TRANSLATABLE", ())])
            for lang in schema.TRANSLATIONS:  # the words of the other languages make a step that works too
                translated = translate_settings(kind, settings, texts.get(lang, {}), lang)
                if translated == settings:
                    continue
                for name, msg in (check_fn(translated) if check_fn else []):
                    where = f"{name}_{lang}" if f"{name}_{lang}" in raw_step else name
                    problems.append(problem(doc.line_of(("steps", i, where)),
                                            Message("lesson.check.translated", message=msg,
                                                    language=Message(f"lesson.language.{lang}"))))
            built.append(Step(kind, instruction.strip(),
                              touch_text(raw_step.get("touch_instruction"), instruction) or instruction.strip(),
                              hint, touch_text(raw_step.get("touch_hint"), hint), settings,
                              doc.line_of(("steps", i)), texts))
    problems.sort(key=lambda p: p.line)
    if problems:
        return None, problems
    learned = (data.get("learned") or "").strip() or None
    lesson = Lesson(data["id"], data["title"].strip(), data["level"], data["intro"].strip(),
                    learned, tuple(built), shown, data.get("author"), doc.line_of(("id",)),
                    touch_text(data.get("touch_intro"), data["intro"]) or data["intro"].strip(),
                    touch_text(data.get("touch_learned"), learned),
                    _translations(data, schema.LESSON_TEXT_FIELDS))
    return lesson, []


def _translations(raw: dict, fields) -> dict:
    """{"en": {"title": "..."}} from ``title_en``… (:meth:`Lesson.text` shows them)."""
    from . import schema  # (every step kind: see load)

    found: dict = {}
    for lang in schema.TRANSLATIONS:
        for name in fields:
            value = raw.get(f"{name}_{lang}")
            if isinstance(value, str) and value.strip():
                found.setdefault(lang, {})[name] = value.strip()
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                found.setdefault(lang, {})[name] = [v.strip() for v in value]
    return found


PATH_FILE = "parcours.yaml"  # the path of the ten workshops, beside the lessons (trainer/path.py)


def lesson_files(folder: Path) -> list[Path]:
    """The .yaml files of a folder and its sub-folders (symbolic links to
    folders are not followed), but the path of the workshops (:data:`PATH_FILE`)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith((".yaml", ".yml")) and not name.startswith(".") and name != PATH_FILE:
                found.append(Path(dirpath) / name)
                if len(found) >= MAX_FILES:
                    return found
    return found


def discover(folders, decode_images: bool = True) -> list[LessonEntry]:
    """Every lesson file of the folders, usable or not, in a stable order
    (``decode_images``: see :func:`load`)."""
    entries: list[LessonEntry] = []
    owners: dict[str, Path] = {}
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            files, root = [folder], folder.parent
        else:
            files, root = lesson_files(folder), folder
        for file in files:
            lesson, problems = load(file, root, decode_images)
            if lesson is not None and lesson.id in owners:
                problems = [Problem(printable(file), lesson.id_line,
                                    Message("lesson.file.id_taken", id=lesson.id, path=printable(owners[lesson.id])))]
                lesson = None
            elif lesson is not None:
                owners[lesson.id] = file
            entries.append(LessonEntry(file, lesson, problems))
    return entries


def __getattr__(name):
    if name == "MAX_BYTES":  # the size limit of a lesson file, from the reader
        from .loader import MAX_BYTES  # (YAML: see load)

        return MAX_BYTES
    raise AttributeError(name)
