"""The workshop report: the figures a digital-inclusion service gives the
towns that fund it, from the progress store of one device.

:func:`workshop_report` gathers plain data (:class:`Report`);
:func:`to_markdown` and :func:`to_csv` render it in French.  Pure Python, no
pygame: the progress store gives the rows of the period
(:mod:`trainer.progress.report_rows`), the steps streamed once, and
:mod:`trainer.figures` measures them (the same measures as the progress
screen), so that the report stays under half a second over 100,000
finished steps.

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
  counts twice; the store's « done » rule, :data:`trainer.progress.ATTEMPT_DONE`), per level of the lesson files given; a lesson no longer in
  those files counts in « autre »;
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
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .exchange import _cell, _number
from .figures import Figures

OTHER_LEVEL = "autre"
DASH = "—"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


@dataclass
class Measure:
    key: str
    label: str  # French, for the report
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


MEASURES = (("seconds_per_target", "Temps par cible (pointer, cliquer, glisser)", "s"),
            ("misses_per_target", "Essais manqués par cible", ""),
            ("chars_per_minute", "Caractères tapés par minute", ""),
            ("undos", "Annulations et rétablissements", ""))


def workshop_report(store, lessons, since=None, until=None, anonymous: bool = False) -> Report:
    """The figures of the sessions that started between ``since`` and
    ``until`` (days, both included, local time; ``None``: no limit)."""
    since, until = _day(since), _day(until)
    low = _midnight(since) if since else float("-inf")
    high = _midnight(until + timedelta(days=1)) if until else float("inf")
    levels = _levels(lessons)
    with store.snapshot():  # one consistent state
        sessions = store.report_sessions(low, high)
        done = store.report_lessons_done(low, high)
        days: dict[int, dict] = {}  # learner -> day -> sessions, in order of time (not the guest)
        for sid, lid, is_guest, _, started, *_ in sessions:
            if not is_guest:
                days.setdefault(lid, {}).setdefault(date.fromtimestamp(started), []).append(sid)
        # the first and the last day of each learner are measured, from their steps
        figures: dict[int, Figures] = {}  # session id -> the figures of its day
        for by_day in days.values():
            for day in {min(by_day), max(by_day)}:
                day_figures = Figures()
                for sid in by_day[day]:
                    figures[sid] = day_figures
        for step in store.report_steps(figures):
            figures[step.session_id].add(step)

    people: dict[int, dict] = {}
    totals = {"hours": 0.0, "hours_guest": 0.0, "guest_sessions": 0, "steps": 0}
    for sid, lid, is_guest, name, started, ended, n, last in sessions:
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
    for lid, lesson_id, count in done:
        level = levels.get(lesson_id, OTHER_LEVEL)
        by_level[level] = by_level.get(level, 0) + count
        if lid in people:
            people[lid]["done"] += count

    progress = []
    for lid, who in people.items():
        by_day = days[lid]
        first_day, last_day = min(by_day), max(by_day)
        first = _measured(figures[by_day[first_day][0]])
        last = _measured(figures[by_day[last_day][0]]) if len(by_day) > 1 else {}
        progress.append(LearnerProgress(
            who["name"], len(by_day), round(who["seconds"] / 3600, 3), who["done"], who["steps"], first_day,
            last_day,
            [Measure(key, label, unit, first[key], last.get(key)) for key, label, unit in MEASURES]))
    if anonymous:
        progress.sort(key=lambda p: (p.first_day, p.name.casefold()))
        for i, p in enumerate(progress, 1):
            p.name = f"Personne {i}"
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
        people=progress)


# -- French text -------------------------------------------------------------------

def french_date(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def hours_text(hours: float) -> str:
    minutes = int(round(hours * 60))
    h, m = divmod(minutes, 60)
    if h == 0:
        return f"{m} min"
    return f"{h} h {m:02d}" if m else f"{h} h"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return DASH
    text = _number(float(value)) if not float(value).is_integer() else str(int(value))
    return f"{text} {unit}" if unit else text


def _compare(m: Measure) -> str:
    if m.first is None or m.last is None:
        return DASH
    return f"{_value(m.first, m.unit)} → {_value(m.last, m.unit)}"


def title(report: Report) -> str:
    start = report.since or report.first_day
    end = report.until or report.last_day
    if start and end and start == end:
        return f"Rapport des ateliers Pas à pas — le {french_date(start)}"
    if start and end:
        return f"Rapport des ateliers Pas à pas — du {french_date(start)} au {french_date(end)}"
    if start:
        return f"Rapport des ateliers Pas à pas — depuis le {french_date(start)}"
    if end:
        return f"Rapport des ateliers Pas à pas — jusqu'au {french_date(end)}"
    return "Rapport des ateliers Pas à pas — aucune séance enregistrée"


def _level_name(key: str) -> str:
    return "Autres leçons" if key == OTHER_LEVEL else f"Niveau {key}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def to_markdown(report: Report) -> str:
    lines = [f"# {title(report)}", "",
             f"Établi le {french_date(report.made_on)} à partir des progrès enregistrés sur cet appareil.", ""]
    guest = ""
    if report.guest_sessions:
        guest = f" (et {_plural(report.guest_sessions, 'séance')} sur la tuile « Invité »)"
    hours = hours_text(report.hours)
    if report.hours_guest:
        hours += f" (dont {hours_text(report.hours_guest)} sur la tuile « Invité »)"
    lines += ["## En bref", "", "| | |", "| --- | ---: |",
              f"| Heures de pratique | {hours} |",
              f"| Personnes | {report.learners}{guest} |",
              f"| Séances | {report.sessions} |",
              f"| Leçons terminées | {report.lessons_done} |",
              f"| Étapes réussies | {report.steps} |", ""]
    lines += ["## Leçons terminées par niveau", "", "| Niveau | Leçons terminées |", "| --- | ---: |"]
    lines += [f"| {_level_name(k)} | {v} |" for k, v in report.lessons_done_by_level.items()]
    lines += [""]
    lines += ["## Progrès de chaque personne, de la première à la dernière séance", ""]
    if not report.people:
        lines += ["Aucune personne n'a fait de séance sur cette période.", ""]
    else:
        head = ["Personne", "Séances", "Heures", "Leçons terminées", *(label for _, label, _ in MEASURES)]
        lines += ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * 3 + " --- |" * len(MEASURES)]
        for p in report.people:
            cells = [p.name, str(p.sessions), hours_text(p.hours), str(p.lessons_done),
                     *(_compare(m) for m in p.measures)]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
        lines += ["", f"« {DASH} » : rien à comparer (une seule séance, ou pas d'étape de ce type "
                      "dans la première ou la dernière séance).", ""]
    lines += ["## Comment lire ce rapport", "",
              "- Heures de pratique : la durée des séances, du choix de la personne jusqu'à la sortie ; "
              "une séance arrêtée net se termine à sa dernière étape réussie ; une séance sans aucune étape "
              "ne compte pas.",
              "- Séances : pour une personne, un jour de pratique (choisie deux fois dans le même atelier, "
              "elle est venue une fois) ; pour la tuile « Invité », chaque ouverture.",
              "- Personnes : celles qui ont fait au moins une séance sur la période ; la tuile « Invité », "
              "partagée, est comptée à part.",
              "- Leçons terminées : chaque leçon menée jusqu'au bout (une leçon refaite compte de nouveau), "
              "« Invité » compris.",
              "- Progrès : la première et la dernière séance de la période, comptées comme sur l'écran des "
              "progrès. Temps par cible : la médiane, en secondes, sur les étapes où l'on pointe, clique, "
              "double-clique, glisse ou fait un clic droit. Caractères par minute : la médiane sur les étapes "
              "de frappe. Annulations : celles des étapes d'annulation, rétablissements compris.", ""]
    return "\n".join(lines)


def to_csv(report: Report) -> str:
    """One table, a figure per row: ``rubrique;qui ou quoi;indicateur;valeur;
    première séance;dernière séance``.  ';' and a decimal comma, with a
    byte order mark, for a French spreadsheet (see exchange.csv_text)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["rubrique", "qui ou quoi", "indicateur", "valeur", "première séance", "dernière séance"])
    start = report.since or report.first_day
    end = report.until or report.last_day
    w.writerow(["période", "", "du", start.isoformat() if start else "", "", ""])
    w.writerow(["période", "", "au", end.isoformat() if end else "", "", ""])
    for label, value in (("heures de pratique", _number(float(report.hours))),
                         ("heures de pratique sur la tuile Invité", _number(float(report.hours_guest))),
                         ("personnes", report.learners), ("séances sur la tuile Invité", report.guest_sessions),
                         ("séances", report.sessions), ("leçons terminées", report.lessons_done),
                         ("étapes réussies", report.steps)):
        w.writerow(["ensemble", "", label, value, "", ""])
    for level, count in report.lessons_done_by_level.items():
        w.writerow(["niveau", level, "leçons terminées", count, "", ""])
    for p in report.people:
        name = _cell(p.name)
        w.writerow(["personne", name, "séances", p.sessions, p.first_day.isoformat(), p.last_day.isoformat()])
        w.writerow(["personne", name, "heures de pratique", _number(float(p.hours)), "", ""])
        w.writerow(["personne", name, "leçons terminées", p.lessons_done, "", ""])
        w.writerow(["personne", name, "étapes réussies", p.steps, "", ""])
        for m in p.measures:
            label = m.label.lower() + (f" ({m.unit})" if m.unit else "")
            w.writerow(["personne", name, label, "",
                        "" if m.first is None else _number(float(m.first)),
                        "" if m.last is None else _number(float(m.last))])
    return "\ufeff" + out.getvalue()
