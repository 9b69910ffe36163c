"""The workshop report: the figures a digital-inclusion service gives the
towns that fund it, from the progress store of one device.

:func:`workshop_report` gathers plain data (:class:`Report`);
:func:`to_markdown` and :func:`to_csv` render it in a language (the
translator given; French by default).  Pure Python, no pygame: the progress
store gives the rows of the period (:mod:`trainer.progress.report_rows`), the
steps streamed once, and :mod:`trainer.figures` measures them (the same
measures as the progress screen), so that the report stays under half a
second over 100,000 finished steps.

What the figures mean (also written at the end of the Markdown report):

- hours of practice: the sum of the sessions' lengths, from choosing the
  learner's tile to leaving it; a session with no recorded end (the program
  was closed abruptly) ends at its last finished step; a session where no
  step was finished counts for nothing (nor in the number of sessions);
- sessions: for a named learner, a day of practice (a learner chosen twice
  in one workshop still came once: the same rule as the progress screen,
  :mod:`trainer.stats`); for the shared "Invité" tile, every time it was
  opened (each may be someone else);
- learners: the people with at least one session in the period; the shared
  "Invité" tile is counted apart;
- lessons completed: every lesson played to its end (a lesson done twice
  counts twice; the store's « done » rule, :data:`trainer.progress.ATTEMPT_DONE`),
  per level of the lesson files given; a lesson no longer in those files
  counts in « Autres leçons »;
- progress: the learner's first and last session (day) in the period
  compared, with the progress screen's definitions (:mod:`trainer.figures`):
  seconds per target (median over pointing steps: click, double click, drag,
  hover, right click), missed tries per target, characters per minute
  (median over the typing steps: letters, type, field), undos and redos
  used in undo steps.
"""
from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import i18n
from .exchange import SafeWriter, _cell, _number, csv_separator
from .figures import POINTING_KINDS, Figures

OTHER_LEVEL = "autre"
DASH = "—"


@dataclass
class Measure:
    key: str
    label: str  # French (the report writes the message "report.measure." + key)
    unit: str
    first: float | None  # in the first session (None: nothing measured)
    last: float | None  # in the last session (None: nothing measured, or only one session)


@dataclass
class LearnerProgress:
    name: str
    sessions: int
    hours: float
    lessons_done: int
    steps: int
    first_day: date | None
    last_day: date | None
    measures: list = field(default_factory=list)  # Measure
    skipped: str = ""  # the signs passed with « Passer ce signe » in the period, each once (their keyboard lacks them)


IDLE_CAP = 300.0  # seconds: a longer wait between two finished steps counts as this much practice


@dataclass
class Occasion:
    """One line of a person's progress: a workshop they came to, or a day of
    practice at home (« maison ») or outside a workshop (« hors »)."""
    day: date
    setting: str  # "workshop", "home", "outside"
    town: str
    place: str
    practice_hours: float
    lessons_done: int
    steps: int
    measures: dict  # key -> value (None: nothing measured)


@dataclass
class PersonLines:
    name: str
    new: bool  # first seen in the period
    occasions: list = field(default_factory=list)  # Occasion, in order of time


@dataclass
class WorkshopLine:
    day: date
    town: str
    place: str
    hours: float  # first to last activity
    people: int
    guest_sessions: int


@dataclass
class Places:
    """What a service tells its funders (issue 13); rules in :func:`place_figures`."""
    workshops: list = field(default_factory=list)  # WorkshopLine, in order of time
    workshop_hours: float = 0.0
    attendances: int = 0
    people: int = 0
    people_new: int = 0
    people_returning: int = 0
    people_in_workshops: int = 0
    towns: list = field(default_factory=list)
    places: list = field(default_factory=list)  # (town, place)
    practice_hours: float = 0.0  # every session, idle gaps capped
    practice_hours_workshops: float = 0.0
    home_people: int = 0
    home_sessions: int = 0
    home_hours: float = 0.0
    outside_sessions: int = 0
    outside_hours: float = 0.0
    guest_sessions: int = 0
    persons: list = field(default_factory=list)  # PersonLines


@dataclass
class Report:
    since: date | None  # as asked
    until: date | None
    first_day: date | None  # of the sessions found
    last_day: date | None
    made_on: date
    hours: float
    hours_guest: float
    learners: int
    guest_sessions: int
    sessions: int
    steps: int
    lessons_done: int
    lessons_done_by_level: dict  # "1", "2", … then "autre": count
    people: list = field(default_factory=list)  # LearnerProgress
    places: Places = field(default_factory=Places)


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _midnight(day: date) -> float:
    return time.mktime(datetime(day.year, day.month, day.day).timetuple())


def _levels(lessons) -> dict[str, str]:
    """lesson id -> level, from Lesson objects or discover()'s entries."""
    levels = {}
    for item in lessons or ():
        lesson = getattr(item, "lesson", item)
        if lesson is not None and getattr(lesson, "id", None):
            levels[lesson.id] = str(lesson.level)
    return levels


def _level_order(key: str):
    return (1, 0, key) if key == OTHER_LEVEL else (0, int(key) if key.isdigit() else 0, key)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _measured(figures: Figures) -> dict:
    """The report's figures of a day of practice (:mod:`trainer.figures`), to two decimals."""
    return {"seconds_per_target": _round(figures.seconds_per_target),
            "misses_per_target": _round(figures.misses_per_target),
            "chars_per_minute": _round(figures.chars_per_minute),
            "undos": figures.undos if figures.undo_steps else None}


MEASURES = tuple((key, i18n.french().t(f"report.measure.{key}"), unit) for key, unit in (
    ("seconds_per_target", "s"), ("misses_per_target", ""), ("chars_per_minute", ""), ("undos", "")))


#: the step kinds whose details the report never reads: pointing (a
#: click's throughput is not in the report); the others' details are read
#: (typing speed, undos, the signs passed with « Passer ce signe »)
WITHOUT_DETAILS = POINTING_KINDS


def session_activity(steps) -> tuple[int, float, float | None, float]:
    """A session's activity from its finished steps ``(finished_at,
    duration)`` in order of finishing: ``(steps, start of the first activity
    (a step's finish minus its duration, the earliest), end of the last,
    practice seconds)``.  Practice: each step counts the time since the
    previous one finished (the first one: its own duration), at most
    :data:`IDLE_CAP` seconds: a program left open, or a long chat, never
    counts as practice."""
    total, previous, begin, cap = 0.0, None, float("inf"), IDLE_CAP
    for finished, duration in steps:
        gap = duration if previous is None else finished - previous
        if gap > cap:  # (min(max(gap, 0), cap) without two calls a step: 100,000 in a big report)
            gap = cap
        elif gap < 0.0:
            gap = 0.0
        total += gap
        previous = finished
        start = finished - duration
        if start < begin:
            begin = start
    return len(steps), begin, previous, total


def practice_seconds(steps, ordered: bool = False) -> float:
    """A session's practice time from its finished steps ``(finished_at,
    duration)`` (:func:`session_activity`)."""
    return session_activity(list(steps) if ordered else sorted(steps))[3]


def place_figures(store, low: float, high: float, levels: dict, also: dict | None = None,
                  activity: dict | None = None, sessions: list | None = None, done_rows: list | None = None,
                  skipped: dict | None = None) -> Places:
    """The workshops, places and people of the sessions of the period
    (call it inside ``store.snapshot()``).

    - a workshop is held when one of its sessions has a finished step; its
      hours run from its first activity (the start of its first finished
      step: when it finished minus its duration) to its last (the end of its
      last finished step), whatever the number of people or devices: each
      workshop counts once;
    - an attendance is one person at one workshop; people are counted by
      identity (records joined by the facilitator count once), the shared
      « Invité » tile apart; a person is new when their first session ever
      is in the period, else returning;
    - practice time: :func:`practice_seconds` per session;
    - home practice (« mode maison ») and sessions outside any workshop are
      counted apart.

    ``also``: session id -> a :class:`~trainer.figures.Figures` that its
    steps are added to as well (the steps are read once for both);
    ``activity``: a dict filled with session id -> ``(steps, start of the
    first, end of the last, practice seconds)``; ``sessions`` and
    ``done_rows``: the store's :meth:`report_sessions` and :meth:`report_done`
    of the period, when already read; ``skipped``: a dict filled with session id ->
    the signs passed with « Passer ce signe » in its steps."""
    also = also or {}
    rows = store.report_sessions(low, high) if sessions is None else sessions
    places = store.report_workshop_places()
    first_seen = store.report_first_seen()
    done: dict[int, int] = {}
    for sid, _, _lesson in (store.report_done(low, high) if done_rows is None else done_rows):
        done[sid] = done.get(sid, 0) + 1
    figures: dict = {}
    session_key = {}
    for sid, _, is_guest, _, started, _, person, _, setting, wid in rows:
        key = ("workshop", wid) if setting == "workshop" and wid is not None else \
            (setting, date.fromtimestamp(started))
        session_key[sid] = (person, key)
        if not is_guest:
            figures.setdefault((person, key), Figures(throughput=False))  # (not in the report)
    by_session = {sid: (Figures(throughput=False), []) for sid in session_key}
    for step in store.report_steps(low, high, WITHOUT_DETAILS):  # (one pass: the activity, and each step counted once…
        session_figures, times = by_session[step[0]]
        times.append((step[2], step[3]))
        session_figures.add(step)
        if skipped is not None and isinstance(step.stored_details, str) and '"skipped"' in step.stored_details:
            signs = getattr(step.details, "skipped", None) or ""  # (parsed only for the few steps that have it)
            skipped[step[0]] = skipped.get(step[0], "") + signs
    for sid, who in session_key.items():  # … then each session's figures go to its occasion and its day)
        session_figures = by_session[sid][0]
        occasion = figures.get(who)
        if occasion is not None:
            occasion.merge(session_figures)
        other = also.get(sid)
        if other is not None:
            other.merge(session_figures)
    activity = {} if activity is None else activity
    for sid, (_, times) in by_session.items():
        times.sort()
        activity[sid] = session_activity(times)
    out = Places()
    spans: dict[int, list] = {}
    attend: dict[int, set] = {}
    guests: dict[int, int] = {}
    persons: dict[str, dict] = {}
    home_people = set()
    for sid, _, is_guest, _, started, _, person, name, setting, wid in rows:
        n_steps, begin, end, seconds = activity[sid]
        out.practice_hours += seconds
        in_workshop = setting == "workshop" and wid is not None
        if in_workshop:
            out.practice_hours_workshops += seconds
            span = spans.setdefault(wid, [begin, end])
            span[0], span[1] = min(span[0], begin), max(span[1], end)
            if is_guest:
                guests[wid] = guests.get(wid, 0) + 1
            else:
                attend.setdefault(wid, set()).add(person)
        elif setting == "home":
            out.home_sessions += 1
            out.home_hours += seconds
            if not is_guest:
                home_people.add(person)
        else:
            out.outside_sessions += 1
            out.outside_hours += seconds
        if is_guest:
            out.guest_sessions += 1
            continue
        who = persons.setdefault(person, {"name": name, "keys": {}})
        key = session_key[sid][1]
        line = who["keys"].setdefault(key, {"seconds": 0.0, "done": 0, "steps": 0, "start": started})
        line["seconds"] += seconds
        line["done"] += done.get(sid, 0)
        line["steps"] += n_steps
    for wid in sorted(spans, key=lambda w: (places[w][0], spans[w][0])):
        day, town, place = places[wid]
        hours = (spans[wid][1] - spans[wid][0]) / 3600
        out.workshops.append(WorkshopLine(date.fromisoformat(day), town, place, round(hours, 3),
                                          len(attend.get(wid, ())), guests.get(wid, 0)))
        out.workshop_hours += hours
    out.workshop_hours = round(out.workshop_hours, 3)
    out.attendances = sum(len(v) for v in attend.values())
    out.people_in_workshops = len(set().union(*attend.values())) if attend else 0
    out.people = len(persons)
    out.people_new = sum(1 for p in persons if first_seen.get(p, low) >= low)
    out.people_returning = out.people - out.people_new
    seen_towns, seen_places = {}, {}
    for w in out.workshops:
        seen_towns.setdefault(" ".join(w.town.split()).casefold(), w.town)
        seen_places.setdefault((" ".join(w.town.split()).casefold(), " ".join(w.place.split()).casefold()),
                               (w.town, w.place))
    out.towns = sorted(seen_towns.values(), key=str.casefold)
    out.places = sorted(seen_places.values(), key=lambda tp: (tp[0].casefold(), tp[1].casefold()))
    out.home_people = len(home_people)
    for attr in ("practice_hours", "practice_hours_workshops", "home_hours", "outside_hours"):
        setattr(out, attr, round(getattr(out, attr) / 3600, 3))
    for person, who in persons.items():
        lines = PersonLines(who["name"], first_seen.get(person, low) >= low)
        for key, line in sorted(who["keys"].items(), key=lambda kv: kv[1]["start"]):
            if key[0] == "workshop":
                day, town, place = places[key[1]]
                day = date.fromisoformat(day)
            else:
                day, town, place = key[1], "", ""
            lines.occasions.append(Occasion(day, key[0], town, place, round(line["seconds"] / 3600, 3),
                                            line["done"], line["steps"], _measured(figures[(person, key)])))
        out.persons.append(lines)
    out.persons.sort(key=lambda p: p.name.casefold())
    return out


def workshop_report(store, lessons, since=None, until=None, anonymous: bool = False, tr=None) -> Report:
    """The figures of the sessions that started between ``since`` and
    ``until`` (days, both included, local time; ``None``: no limit).
    ``anonymous``: the people are « Personne 1 »… in ``tr``'s language."""
    since, until = _day(since), _day(until)
    low = _midnight(since) if since else float("-inf")
    high = _midnight(until + timedelta(days=1)) if until else float("inf")
    levels = _levels(lessons)
    with store.snapshot():  # one consistent state
        sessions = store.report_sessions(low, high)
        done_rows = store.report_done(low, high)
        days: dict[int, dict] = {}  # learner -> day -> sessions, in order of time (not the guest)
        for sid, lid, is_guest, _, started, *_ in sessions:
            if not is_guest:
                days.setdefault(lid, {}).setdefault(date.fromtimestamp(started), []).append(sid)
        # the first and the last day of each learner are measured, from their steps
        figures: dict[int, Figures] = {}  # session id -> the figures of its day
        for by_day in days.values():
            for day in {min(by_day), max(by_day)}:
                day_figures = Figures(throughput=False)
                for sid in by_day[day]:
                    figures[sid] = day_figures
        activity: dict[int, tuple] = {}
        passed: dict[int, str] = {}  # session id -> the signs passed with « Passer ce signe »
        where = place_figures(store, low, high, levels, also=figures, activity=activity,  # (the steps, read once)
                              sessions=sessions, done_rows=done_rows, skipped=passed)
    skipped: dict[int, str] = {}  # learner -> the signs they passed, each once, in order of session
    for sid, lid, is_guest, *_ in sessions:
        for ch in passed.get(sid, ""):
            if not is_guest and ch not in skipped.get(lid, ""):
                skipped[lid] = skipped.get(lid, "") + ch

    people: dict[int, dict] = {}
    totals = {"hours": 0.0, "hours_guest": 0.0, "guest_sessions": 0, "steps": 0}
    for sid, lid, is_guest, name, started, ended, *_ in sessions:
        n, _, last, _ = activity[sid]
        seconds = max(0.0, (ended if ended is not None else last) - started)
        totals["hours"] += seconds / 3600
        totals["steps"] += n
        if is_guest:
            totals["hours_guest"] += seconds / 3600
            totals["guest_sessions"] += 1
            continue
        who = people.setdefault(lid, {"name": name, "seconds": 0.0, "steps": 0, "done": 0})
        who["seconds"] += seconds
        who["steps"] += n
    by_level: dict[str, int] = {level: 0 for level in set(levels.values())}
    for _, lid, lesson_id in done_rows:
        level = levels.get(lesson_id, OTHER_LEVEL)
        by_level[level] = by_level.get(level, 0) + 1
        if lid in people:
            people[lid]["done"] += 1

    progress = []
    for lid, who in people.items():
        by_day = days[lid]
        first_day, last_day = min(by_day), max(by_day)
        first = _measured(figures[by_day[first_day][0]])
        last = _measured(figures[by_day[last_day][0]]) if len(by_day) > 1 else {}
        progress.append(LearnerProgress(
            who["name"], len(by_day), round(who["seconds"] / 3600, 3), who["done"], who["steps"], first_day,
            last_day,
            [Measure(key, label, unit, first[key], last.get(key)) for key, label, unit in MEASURES],
            skipped.get(lid, "")))
    if anonymous:
        progress.sort(key=lambda p: (p.first_day, p.name.casefold()))
        names = {}
        for i, p in enumerate(progress, 1):
            names[p.name] = p.name = (tr or i18n.french()).t("report.anonymous", i=i)
        for i, p in enumerate(sorted(where.persons, key=lambda p: p.occasions[0].day), 1):
            p.name = (tr or i18n.french()).t("report.anonymous", i=i)
        where.persons.sort(key=lambda p: p.name)
    else:
        progress.sort(key=lambda p: p.name.casefold())
    return Report(
        since=since, until=until,
        first_day=date.fromtimestamp(sessions[0][4]) if sessions else None,
        last_day=date.fromtimestamp(sessions[-1][4]) if sessions else None,
        made_on=date.today(),
        hours=round(totals["hours"], 3), hours_guest=round(totals["hours_guest"], 3),
        learners=len(people), guest_sessions=totals["guest_sessions"],
        sessions=totals["guest_sessions"] + sum(p.sessions for p in progress),
        steps=totals["steps"], lessons_done=sum(by_level.values()),
        lessons_done_by_level={k: by_level[k] for k in sorted(by_level, key=_level_order)},
        people=progress, places=where)


# -- the text, in a language ------------------------------------------------------

def french_date(day: date, tr=None) -> str:
    """« 1er décembre 2026 », « 26 novembre 2026 » (« 26 November 2026 » in English)."""
    tr = tr or i18n.french()
    first = tr.t("report.date.first") if day.day == 1 else day.day
    return tr.t("report.date", day=first, month=tr.t(f"report.month.{day.month}"), year=day.year)


def hours_text(hours: float, tr=None) -> str:
    tr = tr or i18n.french()
    minutes = int(round(hours * 60))
    h, m = divmod(minutes, 60)
    if h == 0:
        return tr.t("report.duration.minutes", m=m)
    return tr.t("report.duration.hours_minutes", h=h, m=f"{m:02d}") if m else tr.t("report.duration.hours", h=h)


def _value(value: float | None, unit: str, tr=None) -> str:
    if value is None:
        return DASH
    text = _number(float(value), tr) if not float(value).is_integer() else str(int(value))
    return f"{text} {unit}" if unit else text


def _compare(m: Measure, tr=None) -> str:
    if m.first is None or m.last is None:
        return DASH
    return f"{_value(m.first, m.unit, tr)} → {_value(m.last, m.unit, tr)}"


def title(report: Report, tr=None) -> str:
    tr = tr or i18n.french()
    start = report.since or report.first_day
    end = report.until or report.last_day
    if start and end and start == end:
        return tr.t("report.title.day", day=french_date(start, tr))
    if start and end:
        return tr.t("report.title.range", start=french_date(start, tr), end=french_date(end, tr))
    if start:
        return tr.t("report.title.since", day=french_date(start, tr))
    if end:
        return tr.t("report.title.until", day=french_date(end, tr))
    return tr.t("report.title.none")


def _level_name(key: str, tr=None) -> str:
    tr = tr or i18n.french()
    return tr.t("report.other_lessons") if key == OTHER_LEVEL else tr.t("common.level", n=key)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md(text) -> str:
    """A name, a town or a place for the Markdown report: control characters
    gone, every character Markdown could read as markup escaped, one line."""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in str(text))
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _where(o: Occasion, t) -> str:
    if o.setting == "workshop":
        return t("report.where.workshop", town=md(o.town), place=md(o.place))
    return t("report.where.home" if o.setting == "home" else "report.where.outside")


def _places_markdown(report: Report, tr) -> list[str]:
    t = tr.t
    p = report.places
    towns = ", ".join(md(x) for x in p.towns) or DASH
    lines = [f"## {t('report.places')}", "", "| | |", "| --- | ---: |",
             f"| {t('report.workshops')} | {len(p.workshops)} |",
             f"| {t('report.workshop_hours')} | {hours_text(p.workshop_hours, tr)} |",
             f"| {t('report.attendances')} | {p.attendances} |",
             f"| {t('report.distinct_people')} | {t('report.distinct_people.value', n=p.people, new=p.people_new, returning=p.people_returning)} |",
             f"| {t('report.towns')} | {len(p.towns)} ({towns}) |",
             f"| {t('report.places_count')} | {len(p.places)} |",
             f"| {t('report.practice')} | {hours_text(p.practice_hours, tr)} |",
             f"| {t('report.home')} | {t('report.home.value', people=p.home_people, sessions=tr.n('common.sessions', p.home_sessions), hours=hours_text(p.home_hours, tr))} |",
             f"| {t('report.outside')} | {t('report.outside.value', sessions=tr.n('common.sessions', p.outside_sessions), hours=hours_text(p.outside_hours, tr))} |",
             ""]
    if p.workshops:
        lines += [f"## {t('report.workshop_list')}", "",
                  f"| {t('report.day')} | {t('report.town')} | {t('report.place')} | {t('report.length')} | "
                  f"{t('report.people')} |", "| --- | --- | --- | ---: | ---: |"]
        lines += [f"| {w.day.isoformat()} | {md(w.town)} | {md(w.place)} | {hours_text(w.hours, tr)} | {w.people} |"
                  for w in p.workshops]
        lines += [""]
    if p.persons:
        lines += [f"## {t('report.journeys')}", ""]
        head = [t("report.person"), t("report.day"), t("report.where"), t("report.practice.short"),
                t("report.lessons_done"), *(t(f"report.measure.{key}") for key, _, _ in MEASURES)]
        lines += ["| " + " | ".join(head) + " |", "| --- | --- | --- |" + " ---: |" * (2 + len(MEASURES))]
        for person in p.persons:
            for i, o in enumerate(person.occasions):
                cells = [md(person.name) if i == 0 else "", o.day.isoformat(), _where(o, t),
                         hours_text(o.practice_hours, tr), str(o.lessons_done),
                         *(_value(o.measures[key], unit, tr) for key, _, unit in MEASURES)]
                lines.append("| " + " | ".join(cells) + " |")
        lines += [""]
    return lines


def to_markdown(report: Report, tr=None) -> str:
    """The report as a text to read or send (Markdown), in ``tr``'s language (French by default)."""
    tr = tr or i18n.french()
    t = tr.t
    lines = [f"# {title(report, tr)}", "", t("report.made", day=french_date(report.made_on, tr)), ""]
    lines += _places_markdown(report, tr)
    people = str(report.learners)
    if report.guest_sessions:
        people = t("report.people.guest", n=report.learners, sessions=tr.n("common.sessions", report.guest_sessions))
    hours = hours_text(report.hours, tr)
    if report.hours_guest:
        hours = t("report.hours.guest", hours=hours, guest=hours_text(report.hours_guest, tr))
    lines += [f"## {t('report.in_short')}", "", "| | |", "| --- | ---: |",
              f"| {t('report.hours')} | {hours} |",
              f"| {t('report.people')} | {people} |",
              f"| {t('report.sessions')} | {report.sessions} |",
              f"| {t('report.lessons_done')} | {report.lessons_done} |",
              f"| {t('report.steps')} | {report.steps} |", ""]
    lines += [f"## {t('report.by_level')}", "", f"| {t('report.level')} | {t('report.lessons_done')} |",
              "| --- | ---: |"]
    lines += [f"| {_level_name(k, tr)} | {v} |" for k, v in report.lessons_done_by_level.items()]
    lines += [""]
    lines += [f"## {t('report.progress')}", ""]
    if not report.people:
        lines += [t("report.nobody"), ""]
    else:
        head = [t("report.person"), t("report.sessions"), t("report.hours.short"), t("report.lessons_done"),
                *(t(f"report.measure.{key}") for key, _, _ in MEASURES)]
        lines += ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * 3 + " --- |" * len(MEASURES)]
        for p in report.people:
            cells = [md(p.name), str(p.sessions), hours_text(p.hours, tr), str(p.lessons_done),
                     *(_compare(m, tr) for m in p.measures)]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        lines += ["", t("report.dash", dash=DASH), ""]
        passed = [p for p in report.people if p.skipped]
        if passed:  # signs their keyboard could not type: the facilitator may show another way
            lines += [f"## {t('report.skipped')}", ""]
            lines += [f"- {md(p.name)} : " + ", ".join(t("keyboard.char", char=md(ch)) for ch in p.skipped)
                      for p in passed]
            lines += [""]
    lines += [f"## {t('report.how')}", ""]
    lines += [f"- {t(f'report.how.{part}', cap=int(IDLE_CAP // 60))}" for part in (
        "workshops", "attendances", "practice", "home", "hours", "sessions", "people", "lessons", "progress")]
    lines += [""]
    return "\n".join(lines)


def to_csv(report: Report, tr=None) -> str:
    """One table, a figure per row: ``rubrique;qui ou quoi;indicateur;valeur;
    première séance;dernière séance``.  In French, ';' and a decimal comma,
    with a byte order mark, for a French spreadsheet (see exchange.csv_text);
    in English, ',' and a decimal point."""
    tr = tr or i18n.french()
    t = tr.t
    out = io.StringIO()
    w = SafeWriter(csv.writer(out, delimiter=csv_separator(tr), lineterminator="\r\n"))
    w.writerow(t("report.csv.columns").split(";"))
    start = report.since or report.first_day
    end = report.until or report.last_day
    period, person = t("report.csv.period"), t("report.csv.person")
    w.writerow([period, "", t("report.csv.from"), start.isoformat() if start else "", "", ""])
    w.writerow([period, "", t("report.csv.to"), end.isoformat() if end else "", "", ""])
    for label, value in (("hours", _number(float(report.hours), tr)),
                         ("hours_guest", _number(float(report.hours_guest), tr)),
                         ("people", report.learners), ("guest_sessions", report.guest_sessions),
                         ("sessions", report.sessions), ("lessons_done", report.lessons_done),
                         ("steps", report.steps)):
        w.writerow([t("report.csv.all"), "", t(f"report.csv.{label}"), value, "", ""])
    for level, count in report.lessons_done_by_level.items():
        shown = t("report.csv.other") if level == OTHER_LEVEL else level
        w.writerow([t("report.csv.level"), shown, t("report.csv.lessons_done"), count, "", ""])
    places = report.places
    where = t("report.csv.places")
    for label, value in (("workshops", len(places.workshops)),
                         ("workshop_hours", _number(float(places.workshop_hours), tr)),
                         ("attendances", places.attendances), ("people", places.people),
                         ("people_new", places.people_new), ("people_returning", places.people_returning),
                         ("towns", len(places.towns)), ("places_count", len(places.places)),
                         ("practice", _number(float(places.practice_hours), tr)),
                         ("home_people", places.home_people), ("home_sessions", places.home_sessions),
                         ("home_hours", _number(float(places.home_hours), tr)),
                         ("outside_sessions", places.outside_sessions),
                         ("outside_hours", _number(float(places.outside_hours), tr))):
        w.writerow([where, "", t(f"report.csv.{label}"), value, "", ""])
    for ws in places.workshops:
        who = f"{ws.day.isoformat()} {ws.town} — {ws.place}"
        w.writerow([t("report.csv.workshop"), who, t("report.csv.workshop_hours"), _number(float(ws.hours), tr),
                    "", ""])
        w.writerow([t("report.csv.workshop"), who, t("report.csv.people"), ws.people, "", ""])
    for someone in places.persons:
        for o in someone.occasions:
            place = f"{o.town} — {o.place}" if o.setting == "workshop" else \
                t("report.where.home" if o.setting == "home" else "report.where.outside")
            who = f"{someone.name} ({o.day.isoformat()}, {place})"
            w.writerow([t("report.csv.journey"), who, t("report.csv.practice"),
                        _number(float(o.practice_hours), tr), "", ""])
            w.writerow([t("report.csv.journey"), who, t("report.csv.lessons_done"), o.lessons_done, "", ""])
            for key, _, unit in MEASURES:
                value = o.measures[key]
                label = t(f"report.measure.{key}").lower() + (f" ({unit})" if unit else "")
                w.writerow([t("report.csv.journey"), who, label, "" if value is None else _number(float(value), tr),
                            "", ""])
    for p in report.people:
        name = _cell(p.name)
        w.writerow([person, name, t("report.csv.sessions"), p.sessions, p.first_day.isoformat(),
                    p.last_day.isoformat()])
        w.writerow([person, name, t("report.csv.hours"), _number(float(p.hours), tr), "", ""])
        w.writerow([person, name, t("report.csv.lessons_done"), p.lessons_done, "", ""])
        w.writerow([person, name, t("report.csv.steps"), p.steps, "", ""])
        if p.skipped:  # the signs their keyboard could not type, each once, a space between (as the Markdown lists them)
            w.writerow([person, name, t("report.csv.skipped"), " ".join(p.skipped), "", ""])
        for m in p.measures:
            label = t(f"report.measure.{m.key}").lower() + (f" ({m.unit})" if m.unit else "")
            w.writerow([person, name, label, "",
                        "" if m.first is None else _number(float(m.first), tr),
                        "" if m.last is None else _number(float(m.last), tr)])
    return "\ufeff" + out.getvalue()
