"""The path of about ten workshops (« Atelier 1 … Atelier 10 »).

A beginner needs about ten workshops to feel at ease.  The path says, for
each workshop, what it is for (``title``, ``goal``), the lessons met for the
first time (``lessons``) and the ones played again (``again``: their targets
get smaller as the person succeeds, which is the practice), in order.

It is a YAML file beside the lessons, ``parcours.yaml``: a facilitator can
change it like a lesson, and ``trainer validate`` checks it (``file:line``).
A ``parcours.yaml`` in a facilitator's own lessons folder replaces the
bundled one.

How long a workshop takes a beginner is estimated from its lessons' steps
(:func:`beginner_seconds`): the figures are a first-timer's, deliberately
slow — reading or hearing the instruction and finding what to do, 30 s a
step; 15 s a target to point at and click (20 s for a double click or a
right click, 30 s for a drag); 6 s a character typed (a first-time typist
looks for every key: 10 characters a minute), 10 s a named key; a minute
to scroll to something or to undo a change; plus a minute for the lesson's
welcome and its « Bravo ».  They are a guess to be checked against the
times the devices record (the report's seconds per target and characters
per minute).  ``trainer validate``
warns when a workshop is far from an hour of practice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .i18n import Message
from .lesson import PATH_FILE, Problem

FORMAT_VERSION = 1
HOUR = 3600.0
TOO_SHORT, TOO_LONG = 40 * 60.0, 80 * 60.0  # a workshop's practice, for a beginner

#: a first-timer's seconds (see the module's docstring)
PER_LESSON = 60.0  # the welcome, then « Bravo » and what was learned
PER_STEP = 30.0  # reading or hearing the instruction, finding what to do
PER_TARGET = {"click": 15.0, "hover": 15.0, "right_click": 20.0, "double_click": 20.0, "drag": 30.0}
PER_CHARACTER = 6.0
PER_KEY = 10.0
PER_STEP_KIND = {"scroll": 60.0, "undo": 60.0, "redo": 60.0}


def beginner_seconds(lesson) -> float:
    """How long ``lesson`` takes someone who has never used a computer (an estimate)."""
    total = PER_LESSON
    for step in lesson.steps:
        total += PER_STEP
        settings = step.settings
        if step.kind in PER_TARGET:
            total += PER_TARGET[step.kind] * int(settings.get("count", 1) or 1)
        elif step.kind == "key":
            total += PER_KEY * len(settings.get("keys", ()))
        elif step.kind in ("letters", "type", "field"):
            text = str(settings.get("text") or "")
            initial = str(settings.get("initial") or "")
            typed = text[len(initial):] if text.startswith(initial) else text
            total += PER_CHARACTER * max(1, len(typed))
        total += PER_STEP_KIND.get(step.kind, 0.0)
    return total


@dataclass
class Workshop:
    number: int
    title: str
    goal: str
    lessons: list[str]
    again: list[str] = field(default_factory=list)
    line: int = 1
    translations: dict = field(default_factory=dict)  # {"en": {"title": ..., "goal": ...}}

    def text(self, name: str, language: str = "fr") -> str:
        return self.translations.get(language, {}).get(name) or getattr(self, name)

    def lesson_ids(self) -> list[str]:
        """Every lesson played in this workshop, the new ones first."""
        return [*self.lessons, *self.again]


@dataclass
class WorkshopPath:
    workshops: list[Workshop]
    path: str = ""

    def __len__(self) -> int:
        return len(self.workshops)

    def workshop_of(self, lesson_id: str) -> Workshop | None:
        """The workshop where ``lesson_id`` is met for the first time."""
        return next((w for w in self.workshops if lesson_id in w.lessons), None)

    def minutes(self, workshop: Workshop, lessons_by_id: dict) -> float:
        return sum(beginner_seconds(lessons_by_id[i]) for i in workshop.lesson_ids() if i in lessons_by_id) / 60


def find_path_file(folders) -> Path | None:
    """The path in use: the last ``parcours.yaml`` of the lesson folders (a
    facilitator's own replaces the bundled one)."""
    found = None
    for folder in folders:
        candidate = Path(folder) / PATH_FILE
        if candidate.is_file():
            found = candidate
    return found


def load_path(file, lessons) -> tuple[WorkshopPath | None, list[Problem]]:
    """Read and check ``file`` against the ``lessons`` known (usable ones):
    the path, or None and the problems (``file:line``, in French).  Warnings
    (a workshop far from an hour) come back with a path."""
    from .lesson.loader import MAX_BYTES, LessonFileError, parse, read_text  # (YAML: only when the path is read)

    shown = str(file)
    try:
        if not Path(file).is_file():  # (a named pipe would wait forever)
            return None, [Problem(shown, 1, Message("lesson.file.not_regular"))]
        with open(file, "rb") as f:
            doc = parse(read_text(f.read(MAX_BYTES + 1)))
    except LessonFileError as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    except OSError as exc:
        return None, [Problem(shown, 1, Message("lesson.file.unreadable", error=exc.strerror or str(exc)))]
    data = doc.data
    problems: list[Problem] = []

    def problem(where, message):
        problems.append(Problem(shown, doc.line_of(where), message))

    if not isinstance(data, dict) or not isinstance(data.get("workshops"), list) or not data["workshops"]:
        return None, [Problem(shown, 1, Message("path.check.no_workshops"))]
    if data.get("format") != FORMAT_VERSION:
        problem(("format",), Message("path.check.format", version=FORMAT_VERSION))
    known = {lesson.id: lesson for lesson in lessons}
    workshops: list[Workshop] = []
    met: dict[str, int] = {}
    for i, raw in enumerate(data["workshops"]):
        where = ("workshops", i)
        if not isinstance(raw, dict):
            problem(where, Message("path.check.not_a_workshop", n=i + 1))
            continue
        for name in raw:
            if name not in ("title", "goal", "lessons", "again", "title_en", "goal_en"):
                problem((*where, name), Message("path.check.unknown_field", name=name))
        title, goal = raw.get("title"), raw.get("goal")
        if not isinstance(title, str) or not title.strip():
            problem(where, Message("path.check.no_title", n=i + 1))
        if not isinstance(goal, str) or not goal.strip():
            problem(where, Message("path.check.no_goal", n=i + 1))
        new, again = raw.get("lessons", []), raw.get("again", [])
        for name, ids in (("lessons", new), ("again", again)):
            if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
                problem((*where, name), Message("path.check.not_a_list", name=name))
                continue
            for j, lesson_id in enumerate(ids):
                if lesson_id not in known:
                    problem((*where, name, j), Message("path.check.unknown_lesson", id=lesson_id))
                elif name == "lessons" and lesson_id in met:
                    problem((*where, name, j), Message("path.check.met_twice", id=lesson_id, n=met[lesson_id]))
                elif name == "lessons":
                    met[lesson_id] = i + 1
                elif lesson_id not in met and lesson_id not in new:
                    problem((*where, name, j), Message("path.check.again_before", id=lesson_id))
        if not new and not again:
            problem(where, Message("path.check.empty", n=i + 1))
        translations = {"en": {k: raw[f"{k}_en"].strip() for k in ("title", "goal")
                               if isinstance(raw.get(f"{k}_en"), str) and raw[f"{k}_en"].strip()}}
        workshops.append(Workshop(i + 1, (title or "").strip(), (goal or "").strip(),
                                  list(new) if isinstance(new, list) else [],
                                  list(again) if isinstance(again, list) else [], doc.line_of(where), translations))
    if problems:
        return None, problems
    path = WorkshopPath(workshops, shown)
    warnings = []
    for workshop in workshops:
        minutes = path.minutes(workshop, known)
        if not TOO_SHORT / 60 <= minutes <= TOO_LONG / 60:
            warnings.append(Problem(shown, workshop.line, Message("path.check.duration", n=workshop.number,
                                                                  minutes=round(minutes))))
    return path, warnings


# -- where a person is, and what comes next ------------------------------------------------

#: the skills the path teaches: the step kinds that train each one
SKILLS = {
    "point": ("click", "hover"),
    "double_click": ("double_click",),
    "right_click": ("right_click",),
    "drag": ("drag",),
    "scroll": ("scroll",),
    "keys": ("key", "letters"),
    "type": ("type", "field"),
    "undo": ("undo", "redo"),
}
RECENT = 3  # a skill is judged on the person's last steps of its kinds
#: acquired: pointing at a target in under 6 s with at most one miss in two targets
#: (a first-timer takes 10 to 20 s; someone at ease, 1 to 2 s)
POINT_SECONDS, POINT_MISSES = 6.0, 0.5
#: acquired: typing at least 15 characters a minute with 9 right keys in 10
TYPE_CPM, TYPE_ACCURACY = 15.0, 0.9
#: acquired: the change undone with at most one miss
UNDO_MISSES = 1


def skills_of(lesson) -> set[str]:
    kinds = {step.kind for step in lesson.steps}
    return {skill for skill, of in SKILLS.items() if kinds & set(of)}


def acquired(records) -> dict[str, bool | None]:
    """For each skill, from a person's finished steps (:class:`~trainer.progress.StepRecord`,
    oldest first): True (acquired), False (not yet) or None (never practised)."""
    by_skill: dict[str, list] = {skill: [] for skill in SKILLS}
    kind_skill = {kind: skill for skill, kinds in SKILLS.items() for kind in kinds}
    for record in records:
        skill = kind_skill.get(record.kind)
        if skill is not None:
            by_skill[skill].append(record)
    return {skill: (_is_acquired(skill, steps[-RECENT:]) if steps else None) for skill, steps in by_skill.items()}


def _is_acquired(skill: str, steps) -> bool:
    if skill in ("keys", "type"):
        speeds = [s.details.chars_per_minute for s in steps if getattr(s.details, "chars_per_minute", None)]
        right = [s.details.accuracy for s in steps if getattr(s.details, "accuracy", None) is not None]
        if skill == "keys":  # a named key or a letter: right first time
            return bool(right) and min(right) >= TYPE_ACCURACY
        return bool(speeds) and min(speeds) >= TYPE_CPM and bool(right) and min(right) >= TYPE_ACCURACY
    if skill == "undo":
        return all(s.misses <= UNDO_MISSES for s in steps)
    if skill == "scroll":
        return all(s.misses <= 1 for s in steps)
    targets = sum(s.successes for s in steps)
    if not targets:
        return False
    seconds = sum(s.duration for s in steps) / targets
    misses = sum(s.misses for s in steps) / targets
    return seconds <= POINT_SECONDS and misses <= POINT_MISSES


@dataclass
class NextStep:
    """Where a person is on the path, and what to do next."""

    workshop: Workshop | None  # the workshop they are at (None: the path is done)
    number: int  # its number (len(path) + 1 when done)
    total: int
    lessons: list[str]  # the lessons to play next, in order
    acquired: list[str]  # the skills acquired (SKILLS' keys)
    practise: list[str]  # the skills met and not acquired yet


def next_step(path: WorkshopPath, states: dict[str, str], records, lessons_by_id: dict,
              start: int | None = None) -> NextStep:
    """What comes next for a person: their workshop is the first one whose
    new lessons are not all done (or ``start``, the facilitator's choice);
    the lessons proposed are, first, a lesson played again for a skill the
    person met and has not acquired yet (the first of the workshop's
    « again » that trains it), then the workshop's new lessons not done, then
    the rest of its « again »."""
    skills = acquired(records)
    got = [s for s, ok in skills.items() if ok]
    weak = [s for s, ok in skills.items() if ok is False]
    at = None
    for workshop in path.workshops:
        if start is not None and workshop.number < start:
            continue
        if any(states.get(i) != "done" for i in workshop.lessons if i in lessons_by_id):
            at = workshop
            break
    if at is None:
        return NextStep(None, len(path) + 1, len(path), [], got, weak)
    proposed: list[str] = []
    for lesson_id in at.again:
        lesson = lessons_by_id.get(lesson_id)
        if lesson is not None and states.get(lesson_id) == "done" and skills_of(lesson) & set(weak):
            proposed.append(lesson_id)
            break
    proposed += [i for i in at.lessons if i in lessons_by_id and states.get(i) != "done"]
    proposed += [i for i in dict.fromkeys(at.again) if i in lessons_by_id and i not in proposed]
    return NextStep(at, at.number, len(path), proposed, got, weak)


def ordered(path: WorkshopPath | None, lessons: list) -> list:
    """The lessons in the path's order (each at the workshop where it is met),
    then those the path does not name, in their own order."""
    if path is None:
        return list(lessons)
    by_id = {lesson.id: lesson for lesson in lessons}
    first = [by_id[i] for w in path.workshops for i in w.lessons if i in by_id]
    seen = {lesson.id for lesson in first}
    return first + [lesson for lesson in lessons if lesson.id not in seen]
