"""The funders' figures against a generated truth (issue 13).

Three towns × ten workshops, six people per town on the six laptops of the
van (each absent now and then), two people per town practising at home on a
loaned laptop.  Every laptop is exported, the files are imported one after
another into the coordinator's device, and the report's figures are
recomputed here from the truth, with the rules written out again (not with
the report's code): they must match exactly.
"""
import random
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

from trainer import exchange
from trainer.activities.base import StepResult
from trainer.progress import DB_NAME, ProgressStore
from trainer.progress import store as store_module
from trainer.progress import workshops as workshops_module
from trainer.report import to_csv, to_markdown, workshop_report

TOWNS = [("Camon", "CCAS de Camon"), ("Boves", "Salle des fêtes"), ("Rivery", "Médiathèque")]
FIRST_NAMES = ["Monique", "Jean", "Odette", "Marcel", "Huguette", "Roger"]  # the same in every town
LESSONS = [SimpleNamespace(id=f"l{level}-{k}", level=level) for level in (1, 2, 3) for k in range(4)]
CAP = 300


class Clock:
    def __init__(self):
        self.now = 0.0

    def time(self):
        return self.now


def stamp(day: date, hour: int, minute: int = 0) -> float:
    return datetime(day.year, day.month, day.day, hour, minute).timestamp()


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    fake = SimpleNamespace(time=c.time, strftime=__import__("time").strftime,
                           localtime=__import__("time").localtime)
    monkeypatch.setattr(store_module, "time", fake)
    monkeypatch.setattr(workshops_module, "time", fake)
    return c


def play_session(store, clock, learner, rng, truth, person, setting, key):
    """One session of 1 to 3 lessons, some steps after a long pause; the truth of it."""
    sid = store.start_session(learner.id)
    steps, done = [], []
    for _ in range(rng.randint(1, 3)):
        lesson = rng.choice(LESSONS)
        count = rng.randint(2, 5)
        played = count if rng.random() < 0.75 else rng.randint(1, count - 1)
        attempt = store.start_attempt(sid, learner.id, lesson.id, lesson.id, count)
        for i in range(played):
            clock.now += rng.choice([20, 45, 70, 400, 900]) if rng.random() < 0.2 else rng.randint(5, 90)
            duration = rng.randint(1, 40) / 2
            store.record_step(attempt, i, StepResult("click", duration, rng.randint(0, 3), 0, 0.1, "mouse", 1,
                                                     {}))
            steps.append((clock.now, duration))
        store.finish_attempt(attempt, "done" if played == count else "left")
        if played == count:
            done.append(lesson.level)
    if rng.random() < 0.8:
        clock.now += rng.randint(0, 600)
        store.end_session(sid)  # (else the program was closed abruptly)
    truth.append({"person": person, "setting": setting, "key": key, "steps": steps, "done": done,
                  "start_day": key[1] if setting == "workshop" else None})
    clock.now += 1


def build(tmp_path, clock):
    rng = random.Random(13)
    van = [ProgressStore(tmp_path / f"portable-{i + 1}" / DB_NAME) for i in range(6)]
    for i, s in enumerate(van):
        s.set_device_name(f"Portable {i + 1}")
    truth = []
    people = {}  # (town, seat) -> learner on its laptop
    first_day = date(2026, 3, 2)
    homes = []
    for t, (town, place) in enumerate(TOWNS):
        for seat in range(6):
            clock.now = stamp(first_day - timedelta(days=1), 9)
            people[(town, seat)] = van[seat].add_learner(FIRST_NAMES[seat])
        for k in range(10):
            day = first_day + timedelta(days=7 * k + t)
            start = stamp(day, 14)
            for seat, store in enumerate(van):
                clock.now = start
                if seat < 5:  # the sixth laptop is never told: its sessions are attached at import
                    store.name_workshop(f" {town} " if seat == 2 else town, place.upper() if seat == 3 else place)
            for seat, store in enumerate(van):
                if rng.random() < 0.2:
                    continue  # absent
                clock.now = start + rng.randint(0, 900)
                play_session(store, clock, people[(town, seat)], rng, truth, (town, seat), "workshop",
                             (town, day.isoformat()))
        for h in range(2):  # two people of this town practise at home on a loaned laptop
            home = ProgressStore(tmp_path / f"maison-{town}-{h}" / DB_NAME)
            home.set_device_name(f"Prêt {town} {h + 1}")
            clock.now = stamp(first_day, 10)
            learner = home.add_learner(FIRST_NAMES[h])  # (a Monique and a Jean again: other people)
            home.set_device_setting("home_learner", home.learner_uid(learner.id))
            for k in range(rng.randint(2, 5)):
                clock.now = stamp(first_day + timedelta(days=3 * k + 1), 10 + h)
                play_session(home, clock, learner, rng, truth, (town, f"maison-{h}"), "home",
                             ("home", (first_day + timedelta(days=3 * k + 1)).isoformat()))
            homes.append(home)
    return van, homes, truth


def practice(steps):
    total, last = 0.0, None
    for finished, duration in sorted(steps):
        total += min(duration if last is None else finished - last, CAP)
        last = finished
    return total


def expected(truth, since: date | None = None):
    kept = [s for s in truth if since is None or date.fromtimestamp(s["steps"][0][0] if s["steps"] else 0) >= since]
    kept = [s for s in kept if s["steps"]]
    first_ever = {}
    for s in truth:
        if s["steps"]:
            first_ever[s["person"]] = min(first_ever.get(s["person"], 9e99), s["steps"][0][0])
    workshops = {}
    for s in kept:
        if s["setting"] == "workshop":
            w = workshops.setdefault(s["key"], {"begin": 9e99, "end": 0, "people": set()})
            w["begin"] = min(w["begin"], min(f - d for f, d in s["steps"]))
            w["end"] = max(w["end"], max(f for f, _ in s["steps"]))
            w["people"].add(s["person"])
    people = {s["person"] for s in kept}
    low = 0 if since is None else datetime(since.year, since.month, since.day).timestamp()
    by_level = {}
    for s in kept:
        for level in s["done"]:
            by_level[str(level)] = by_level.get(str(level), 0) + 1
    lines = {}
    for s in kept:
        lines.setdefault(s["person"], set()).add(s["key"])
    return {
        "workshops": len(workshops),
        "workshop_hours": round(sum(w["end"] - w["begin"] for w in workshops.values()) / 3600, 3),
        "attendances": sum(len(w["people"]) for w in workshops.values()),
        "people": len(people),
        "new": sum(1 for p in people if first_ever[p] >= low),
        "towns": sorted({k[0] for k in workshops}),
        "home_people": len({s["person"] for s in kept if s["setting"] == "home"}),
        "home_sessions": sum(1 for s in kept if s["setting"] == "home"),
        "home_hours": round(sum(practice(s["steps"]) for s in kept if s["setting"] == "home") / 3600, 3),
        "practice_hours": round(sum(practice(s["steps"]) for s in kept) / 3600, 3),
        "lessons_done": by_level,
        "lines": sorted(len(v) for v in lines.values()),
        "steps": sum(len(s["steps"]) for s in kept),
    }


def figures(report):
    p = report.places
    return {
        "workshops": len(p.workshops), "workshop_hours": p.workshop_hours, "attendances": p.attendances,
        "people": p.people, "new": p.people_new, "towns": p.towns, "home_people": p.home_people,
        "home_sessions": p.home_sessions, "home_hours": p.home_hours, "practice_hours": p.practice_hours,
        "lessons_done": {k: v for k, v in report.lessons_done_by_level.items() if v},
        "lines": sorted(len(person.occasions) for person in p.persons), "steps": report.steps,
    }


def test_six_laptops_three_towns_and_home_practice_give_the_funders_exact_figures(tmp_path, clock):
    van, homes, truth = build(tmp_path, clock)
    files = []
    for store in van + homes:
        clock.now = stamp(date(2026, 6, 1), 18)
        out = tmp_path / "cle" / exchange.default_file_name("json", device=store.device_name())
        out.parent.mkdir(exist_ok=True)
        exchange.export_progress(store, out)
        files.append(out)
    assert len({f.name for f in files}) == len(files)  # nothing on the stick replaced another
    central = ProgressStore(tmp_path / "coordination" / DB_NAME)
    random.Random(5).shuffle(files)
    notes = []
    for f in files:
        notes += [str(line) for line in exchange.import_progress(central, f).lines()]
    assert any("gardées à part" in n for n in notes)  # the Moniques of three towns never merged
    report = workshop_report(central, LESSONS)
    assert figures(report) == expected(truth)
    assert len(report.places.workshops) == 30 and report.places.places == sorted(
        TOWNS, key=lambda tp: (tp[0].casefold(), tp[1].casefold()))
    # a period starting mid-way: returning people are told apart from new ones
    since = date(2026, 4, 1)
    later = workshop_report(central, LESSONS, since=since)
    assert figures(later) == expected(truth, since)
    assert later.places.people_returning > 0
    # importing everything again changes nothing
    for f in files:
        exchange.import_progress(central, f)
    assert figures(workshop_report(central, LESSONS)) == expected(truth)
    text = to_markdown(report)
    assert "| Ateliers tenus | 30 |" in text
    assert to_csv(report).count("\r\n") > 30
