"""Past days' « hors atelier » sessions attached on the facilitator's screen
(through the real main loop), undone with « Détacher », and the report's
figures following: recomputed here from the generated sessions themselves.

Laptop A was set for the day's two workshops (morning at the CCAS, afternoon
at the médiathèque, both in Camon); laptop B was not: its sessions arrive
« hors atelier » with its export, and the import cannot choose between two
workshops of one day.  Another day, only laptop B was used, and no workshop
of that day exists yet."""
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from trainer import exchange, lesson, pin
from trainer.activities.base import StepResult
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore
from trainer.report import workshop_report

SHOTS = os.environ.get("PAS_A_PAS_SCREENSHOTS")
DAY, OTHER_DAY = "2026-11-24", "2026-11-26"
STEP_GAP, STEP_TIME = 50.0, 30.0


def at(day: str, hhmm: str) -> float:
    return datetime.fromisoformat(f"{day}T{hhmm}:00").timestamp()


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def practise(store, clock, learner, start: float, steps: int, truth: list):
    """One session of ``steps`` steps from ``start``; what was done goes to ``truth``."""
    clock.now = start
    session = store.start_session(learner.id)
    attempt = store.start_attempt(session, learner.id, "essai-souris", "Essai souris", steps)
    finished = []
    for i in range(steps):
        clock.now = start + (i + 1) * STEP_GAP
        assert store.record_step(attempt, i, StepResult("click", STEP_TIME, 0, 0, 0.1, "mouse", 1, {}))
        finished.append(clock.now)
    store.finish_attempt(attempt, "done")
    store.end_session(session)
    truth.append({"who": learner.name, "start": start, "finished": finished})


@pytest.fixture
def van(tmp_path, monkeypatch):
    """Laptop A (named for both workshops) and laptop B's export imported into it."""
    clock = Clock()
    clock.now = at(DAY, "08:00")
    monkeypatch.setattr(time, "time", clock)
    truth = {"morning": [], "afternoon": [], "b_morning": [], "b_afternoon": [], "b_other": []}
    a = ProgressStore(tmp_path / "a" / DB_NAME)
    b = ProgressStore(tmp_path / "b" / DB_NAME)
    a.set_device_name("Portable 1")
    b.set_device_name("Portable 2")
    people_a = {n: a.add_learner(n) for n in ("Marie", "Jean", "Lucie")}
    people_b = {n: b.add_learner(n) for n in ("Paul", "Rose", "Zoé")}
    clock.now = at(DAY, "09:25")
    a.name_workshop("Camon", "CCAS")
    for i, name in enumerate(("Marie", "Jean", "Lucie")):
        practise(a, clock, people_a[name], at(DAY, f"09:{35 + i}"), 6 + i, truth["morning"])
    for i, name in enumerate(("Paul", "Rose", "Zoé")):
        practise(b, clock, people_b[name], at(DAY, f"09:{31 + 2 * i}"), 8 - i, truth["b_morning"])
    clock.now = at(DAY, "13:55")
    a.name_workshop("Camon", "Médiathèque")
    practise(a, clock, people_a["Marie"], at(DAY, "14:05"), 5, truth["afternoon"])
    for i, name in enumerate(("Paul", "Rose")):
        practise(b, clock, people_b[name], at(DAY, f"14:{2 + 3 * i:02d}"), 7, truth["b_afternoon"])
    practise(b, clock, people_b["Zoé"], at(OTHER_DAY, "10:00"), 4, truth["b_other"])
    practise(b, clock, people_b["Zoé"], at(OTHER_DAY, "10:30"), 4, truth["b_other"])
    clock.now = at("2026-11-30", "18:00")
    exchange.export_progress(b, tmp_path / "b.json")
    summary = exchange.import_progress(a, tmp_path / "b.json")
    assert summary.attached == 0  # two workshops that day, none the other day: the import cannot choose
    a.close()
    b.close()
    monkeypatch.undo()
    return tmp_path / "a", truth


def expected_workshop(sessions) -> tuple[float, int]:
    """(hours from the first activity to the last, people) of a workshop's sessions, from the truth."""
    begin = min(f - STEP_TIME for s in sessions for f in s["finished"])
    end = max(f for s in sessions for f in s["finished"])
    return round((end - begin) / 3600, 3), len({s["who"] for s in sessions})


def report_lines(store, lessons):
    report = workshop_report(store, lesson.discover([lessons]))
    return {(w.day.isoformat(), w.place): (w.hours, w.people) for w in report.places.workshops}, report


def shot(p, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        p.screenshot(Path(SHOTS) / f"{name}.png")


def test_past_days_attached_by_time_on_the_screen_undone_and_counted(van, lessons):
    data, truth = van
    with Pilot.start(data, lesson_dirs=[lessons], size=(1024, 600)) as p:
        store = p.app.store
        pin.set_pin(store, None)
        before, report = report_lines(store, lessons)
        assert before == {(DAY, "CCAS"): expected_workshop(truth["morning"]),
                          (DAY, "Médiathèque"): expected_workshop(truth["afternoon"])}
        assert report.places.outside_sessions == 7
        assert store.unattached_days() == [(OTHER_DAY, 2), (DAY, 5)]

        p.open_facilitator()
        p.click("workshop")
        shot(p, "atelier-du-jour-autres-jours")
        p.click("other_days")
        assert p.screen == "facilitator_past_days"
        shot(p, "jours-hors-atelier")
        assert [i for i in p.ids() if i.startswith("day:")] == [f"day:{OTHER_DAY}", f"day:{DAY}"]
        p.click(f"day:{DAY}")
        assert p.screen == "facilitator_day"
        day = p.app.screen
        # the morning first: B's three sessions, with their times; the workshops in order of time
        assert [len(g["ids"]) for g in day.groups] == [3, 2]
        assert "9 h 31" in day.status_lines()[0] and "moment" in day.status_lines()[1]
        assert "sur Portable 2" in day.status_lines()[0]  # which laptop was not set
        assert [w["place"] for w in day.workshops] == ["CCAS", "Médiathèque"]
        shot(p, "jour-deux-ateliers")
        p.click("workshop:0")  # one tap: the morning's sessions to the morning's workshop
        assert "detach" in p.ids() and [len(g["ids"]) for g in day.groups] == [2]
        assert "14 h 02" in day.status_lines()[0]
        p.click("workshop:1")
        assert day.groups == [] and day.status_lines()[0] == "Toutes les séances de ce jour sont rattachées."
        shot(p, "jour-rattache")

        after, report = report_lines(store, lessons)
        assert after == {(DAY, "CCAS"): expected_workshop(truth["morning"] + truth["b_morning"]),
                         (DAY, "Médiathèque"): expected_workshop(truth["afternoon"] + truth["b_afternoon"])}
        assert report.places.attendances == 6 + 3 and report.places.outside_sessions == 2

        p.click("detach")  # the last one: the afternoon's two sessions, and only them
        assert "detach" not in p.ids() and [len(g["ids"]) for g in day.groups] == [2]
        after, report = report_lines(store, lessons)
        assert after == {(DAY, "CCAS"): expected_workshop(truth["morning"] + truth["b_morning"]),
                         (DAY, "Médiathèque"): expected_workshop(truth["afternoon"])}
        assert report.places.outside_sessions == 4

        # the other day: no workshop yet; a new one at a place of earlier workshops, in one tap
        p.click("back")
        assert p.screen == "facilitator_past_days"
        p.click(f"day:{OTHER_DAY}")
        assert [w["place"] for w in p.app.screen.workshops] == []
        assert {"create:0", "create:1", "new_place"} <= set(p.ids())
        created = p.app.screen.buttons[[b.id for b in p.app.screen.buttons].index("create:0")].label
        p.click("create:0")
        assert p.app.screen.groups == []
        place = created.split(": ", 1)[1]
        after, report = report_lines(store, lessons)
        assert after[(OTHER_DAY, place)] == expected_workshop(truth["b_other"])
        assert store.workshop_by_key(OTHER_DAY, "Camon", place) is not None
        assert store.today_workshop() is None  # a past day's workshop is not today's

        # a new place typed for a past day
        p.click("detach")
        p.click("new_place")
        for letter in "LONGPRE":
            p.tap(f"letter:{letter}")
        p.tap("save")
        p.type("Mairie")
        p.tap("save")
        assert p.screen == "facilitator_day" and p.app.screen.groups == []
        assert store.workshop_by_key(OTHER_DAY, "Longpre", "Mairie") is not None
        after, _ = report_lines(store, lessons)
        assert after[(OTHER_DAY, "Mairie")] == expected_workshop(truth["b_other"])
        assert store.today_workshop() is None

        # the common case: one day left, its workshop known: two taps from « Atelier du jour »
        p.click("back")
        p.click("back")
        assert p.screen == "facilitator_workshop" and store.unattached_days() == [(DAY, 2)]
        p.click("other_days")  # one day only: it opens at once
        assert p.screen == "facilitator_day" and p.app.screen.day == DAY
        p.click("workshop:1")
        assert store.unattached_days() == []
        after, _ = report_lines(store, lessons)
        assert after[(DAY, "Médiathèque")] == expected_workshop(truth["afternoon"] + truth["b_afternoon"])


def test_groups_by_time_and_attach_only_what_is_still_outside(tmp_path, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(time, "time", clock)
    store = ProgressStore(tmp_path / DB_NAME)
    marie = store.add_learner("Marie")
    truth = []
    for hhmm in ("09:00", "09:20", "10:30", "14:00"):
        practise(store, clock, marie, at(DAY, hhmm), 3, truth)
    clock.now = at(DAY, "10:00")
    store.start_session(marie.id)  # nothing done in it: not listed
    groups = store.unattached_groups(DAY)
    # 09:20 + 3 steps ends 09:22:30; 10:30 is more than 45 minutes later: three groups
    assert [len(g["ids"]) for g in groups] == [2, 1, 1]
    assert groups[0]["start"] == at(DAY, "09:00") and groups[0]["end"] == at(DAY, "09:20") + 3 * STEP_GAP
    uid = store.create_workshop(DAY, "Camon", "CCAS")
    assert store.create_workshop(DAY, " camon ", "ccas") == uid  # the same workshop
    assert store.attach_session_ids(uid, groups[0]["ids"]) == groups[0]["ids"]
    assert store.attach_session_ids(uid, groups[0]["ids"]) == []  # already attached
    assert store.unattached_days() == [(DAY, 2)]
    assert store.detach_sessions(groups[0]["ids"])
    assert store.unattached_days() == [(DAY, 4)]
    assert store.create_workshop("pas une date", "Camon", "CCAS") is None


def test_attached_sessions_detached_later_and_never_those_recorded_live(van, lessons):
    """Attached one day, detached another: the day's screen lists what was
    attached afterwards (per workshop, « Détacher de : … »), never laptop A's
    sessions recorded in the workshop live; the report follows."""
    data, truth = van
    with Pilot.start(data, lesson_dirs=[lessons], size=(1024, 600)) as p:
        pin.set_pin(p.app.store, None)
        p.open_facilitator()
        p.click("workshop")
        p.click("other_days")
        p.click(f"day:{DAY}")
        assert not [i for i in p.ids() if i.startswith("unattach:")]  # nothing attached yet: nothing to detach
        p.click("workshop:0")
        p.click("workshop:1")
        p.click("back")
        p.click(f"day:{OTHER_DAY}")
        p.click("create:0")
        assert p.app.store.unattached_days() == []
    live = {(s["who"], s["start"]) for s in truth["morning"] + truth["afternoon"]}  # laptop A's, recorded live
    with Pilot.start(data, lesson_dirs=[lessons], size=(1024, 600)) as p:  # another day
        store = p.app.store
        before, report = report_lines(store, lessons)
        assert before[(DAY, "CCAS")] == expected_workshop(truth["morning"] + truth["b_morning"])
        assert report.places.outside_sessions == 0
        assert store.attached_days() == [(OTHER_DAY, 2), (DAY, 5)]
        p.open_facilitator()
        p.click("workshop")
        assert "other_days" in p.ids()  # nothing left to attach, but attachments to undo
        p.click("other_days")
        assert p.screen == "facilitator_past_days"
        assert [i for i in p.ids() if i.startswith("day:")] == [f"day:{OTHER_DAY}", f"day:{DAY}"]
        shot(p, "jours-rattaches")
        p.click(f"day:{DAY}")
        day = p.app.screen
        assert [i for i in p.ids() if i.startswith("unattach:")] == ["unattach:0", "unattach:1"]
        assert [g["workshop"]["place"] for g in day.attached] == ["CCAS", "Médiathèque"]
        # only laptop B's sessions, attached afterwards: none of laptop A's, recorded in the workshops live
        offered = [tuple(store.db.execute("SELECT l.name, s.started_at FROM sessions s JOIN learners l "
                                          "ON l.id = s.learner_id WHERE s.id = ?", (s,)).fetchone())
                   for g in day.attached for s in g["ids"]]
        assert sorted(offered) == sorted((s["who"], s["start"]) for s in truth["b_morning"] + truth["b_afternoon"])
        assert not set(offered) & live
        assert day.attached[0]["devices"] == ["Portable 2"]
        shot(p, "jour-detacher")
        p.click("unattach:0")  # the morning's three sessions leave the CCAS
        assert [len(g["ids"]) for g in day.groups] == [3] and "workshop:0" in p.ids()
        after, report = report_lines(store, lessons)
        assert after[(DAY, "CCAS")] == expected_workshop(truth["morning"])
        assert after[(DAY, "Médiathèque")] == expected_workshop(truth["afternoon"] + truth["b_afternoon"])
        # attendances: one per person and workshop (CCAS: A's three; Médiathèque: Marie, Paul, Rose; the other day: Zoé)
        assert report.places.outside_sessions == 3
        assert report.places.attendances == len({s["who"] for s in truth["morning"]}) + len(
            {s["who"] for s in truth["afternoon"] + truth["b_afternoon"]}) + len({s["who"] for s in truth["b_other"]})
        # detaching never takes a session recorded live, even asked by id
        live_ids = [r[0] for r in store.db.execute("SELECT id FROM sessions WHERE setting = 'workshop' "
                                                   "AND attached = 0")]
        assert len(live_ids) == 4 and store.detach_sessions(live_ids)
        assert report_lines(store, lessons)[0] == after
        p.click("workshop:0")  # attached again, to the right workshop this time: the same figures as before
        assert report_lines(store, lessons)[0] == before


def test_an_import_attaches_so_that_it_can_be_detached(tmp_path, monkeypatch):
    """The import attaches the sessions of a day with one workshop; they are
    attached afterwards like the others: « Détacher » can undo it."""
    clock = Clock()
    monkeypatch.setattr(time, "time", clock)
    a = ProgressStore(tmp_path / "a" / DB_NAME)
    b = ProgressStore(tmp_path / "b" / DB_NAME)
    clock.now = at(DAY, "09:00")
    a.name_workshop("Camon", "CCAS")
    truth = []
    practise(a, clock, a.add_learner("Marie"), at(DAY, "09:10"), 3, truth)
    practise(b, clock, b.add_learner("Paul"), at(DAY, "09:12"), 3, truth)
    exchange.export_progress(b, tmp_path / "b.json")
    assert exchange.import_progress(a, tmp_path / "b.json").attached == 1
    groups = a.attached_groups(DAY)
    assert [(g["workshop"]["place"], len(g["ids"])) for g in groups] == [("CCAS", 1)]
    assert a.detach_sessions(groups[0]["ids"]) and a.unattached_days() == [(DAY, 1)] and a.attached_days() == []
    a.close()
    b.close()


def test_an_attachment_travels_with_the_export_and_can_be_undone_where_it_arrives(tmp_path, monkeypatch):
    """Laptop B's session attached on B afterwards, laptop A's recorded in its
    workshop live: the hub that imports both can detach the first, never the
    second.  A file without the field (older v2) has no attachment; a damaged
    one is refused."""
    import json

    clock = Clock()
    monkeypatch.setattr(time, "time", clock)
    a = ProgressStore(tmp_path / "a" / DB_NAME)
    b = ProgressStore(tmp_path / "b" / DB_NAME)
    hub = ProgressStore(tmp_path / "hub" / DB_NAME)
    clock.now = at(DAY, "09:00")
    a.name_workshop("Camon", "CCAS")
    truth = []
    practise(a, clock, a.add_learner("Marie"), at(DAY, "09:10"), 3, truth)
    practise(b, clock, b.add_learner("Paul"), at(DAY, "09:12"), 3, truth)
    shop = b.create_workshop(DAY, "Camon", "CCAS")
    assert len(b.attach_session_ids(shop, b.unattached_groups(DAY)[0]["ids"])) == 1
    exchange.export_progress(a, tmp_path / "a.json")
    exchange.export_progress(b, tmp_path / "b.json")
    assert [s["attached"] for s in json.loads((tmp_path / "b.json").read_text("utf-8"))["learners"][0]["sessions"]] \
        == [True]
    for name in ("a.json", "b.json"):
        exchange.import_progress(hub, tmp_path / name)
    groups = hub.attached_groups(DAY)
    assert [(g["workshop"]["place"], len(g["ids"])) for g in groups] == [("CCAS", 1)]
    assert hub.db.execute("SELECT l.name FROM sessions s JOIN learners l ON l.id = s.learner_id WHERE s.id = ?",
                          (groups[0]["ids"][0],)).fetchone()[0] == "Paul"
    assert hub.workshops_of_day(DAY)[0]["sessions"] == 2  # one workshop, both sessions
    assert hub.detach_sessions(groups[0]["ids"]) and hub.unattached_days() == [(DAY, 1)]
    # a file without the field: nothing attached; a damaged value: refused, nothing changed
    document = json.loads((tmp_path / "b.json").read_text("utf-8"))
    for session in document["learners"][0]["sessions"]:
        del session["attached"]
    (tmp_path / "old.json").write_text(json.dumps(document), encoding="utf-8")
    other = ProgressStore(tmp_path / "other" / DB_NAME)
    exchange.import_progress(other, tmp_path / "old.json")
    assert other.attached_groups(DAY) == [] and other.workshops_of_day(DAY)[0]["sessions"] == 1
    for bad in ("yes", 1):
        document["learners"][0]["sessions"][0]["attached"] = bad
        (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(exchange.ExchangeError):
            exchange.import_progress(ProgressStore(tmp_path / f"bad{bad}" / DB_NAME), tmp_path / "bad.json")
    for store in (a, b, hub, other):
        store.close()
