"""The workshop report: exact figures on a crafted database, filters by date,
Markdown and CSV that a funder and a spreadsheet can read."""
import csv
import io
import json
import time
from datetime import date, datetime

import pytest

from trainer import i18n, lesson as lessons_mod, resources
from trainer.cli import main
from trainer.progress import DB_NAME, ProgressStore
from trainer.report import to_csv, to_markdown, workshop_report


def at(day: str, hour: int, minute: int = 0) -> float:
    y, m, d = map(int, day.split("-"))
    return time.mktime(datetime(y, m, d, hour, minute).timetuple())


class Craft:
    def __init__(self, store):
        self.db = store.db
        self.n = 0

    def learner(self, name, guest=False):
        self.n += 1
        return self.db.execute("INSERT INTO learners (uid, name, colour, is_guest, created_at) "
                               "VALUES (?, ?, '#123456', ?, 0)", (f"l{self.n}", name, int(guest))).lastrowid

    def session(self, who, start, end):
        self.n += 1
        return self.db.execute("INSERT INTO sessions (uid, learner_id, started_at, ended_at) VALUES (?, ?, ?, ?)",
                               (f"s{self.n}", who, start, end)).lastrowid

    def attempt(self, session, who, lesson_id, status, start, steps=()):
        """``steps``: (kind, duration, misses, successes, details, minutes after ``start``)."""
        self.n += 1
        attempt = self.db.execute(
            "INSERT INTO attempts (uid, session_id, learner_id, lesson_id, lesson_title, step_count, started_at, "
            "status) VALUES (?, ?, ?, ?, 'Titre', 9, ?, ?)", (f"a{self.n}", session, who, lesson_id, start, status)
        ).lastrowid
        for i, (kind, duration, misses, successes, details, after) in enumerate(steps):
            self.db.execute(
                "INSERT INTO step_results (attempt_id, step_index, kind, finished_at, duration, misses, hints, "
                "target_size, input, successes, details) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, 'mouse', ?, ?)",
                (attempt, i, kind, start + after * 60, duration, misses, successes, json.dumps(details)))
        return attempt


@pytest.fixture
def crafted(tmp_path):
    """Marie: three days of practice (four sessions with steps, one without), Paul: one, the guest: two
    (one in October)."""
    store = ProgressStore(tmp_path / "data" / DB_NAME)
    c = Craft(store)
    marie, paul, guest = c.learner("Marie"), c.learner("Paul"), c.learner("Invité", guest=True)
    # Marie, 3 November 14:00-15:30 (1 h 30): seconds per target 6, 10, 3 -> median 6 (a step with no
    # target does not count); misses 3 / 4 targets; 2 undos and 1 redo
    s1 = c.session(marie, at("2026-11-03", 14), at("2026-11-03", 15, 30))
    c.attempt(s1, marie, "essai-souris", "done", at("2026-11-03", 14, 1), [
        ("click", 12.0, 2, 2, {"start_size": 0.15}, 1), ("drag", 10.0, 0, 1, {}, 2), ("hover", 3.0, 1, 1, {}, 3),
        ("type", 30.0, 0, 1, {"chars_per_minute": 10.0, "accuracy": 0.9}, 4),
        ("undo", 8.0, 0, 1, {"undos": 2, "redos": 1, "recovered": True}, 5), ("hover", 1.0, 0, 0, {}, 6)])
    c.attempt(s1, marie, "essai-double", "left", at("2026-11-03", 14, 20))  # opened, no step done
    # Marie, 10 November 14:00, no recorded end: it ends at its last step, 14:45 (45 min)
    s2 = c.session(marie, at("2026-11-10", 14), None)
    c.attempt(s2, marie, "essai-double", "done", at("2026-11-10", 14), [("double_click", 8.0, 2, 1, {}, 45)])
    # Marie, 17 November 14:00-15:00 and 15:30-16:00 (one day of practice): seconds per target 2, 3, 2 -> 2;
    # misses 1 / 4; typing 20, 30, 24 -> 24 (a « key » step is not typing); 1 undo
    s3 = c.session(marie, at("2026-11-17", 14), at("2026-11-17", 15))
    c.attempt(s3, marie, "essai-souris", "done", at("2026-11-17", 14), [
        ("click", 4.0, 0, 2, {}, 1), ("click", 3.0, 1, 1, {}, 2), ("drag", 2.0, 0, 1, {}, 3),
        ("type", 20.0, 0, 1, {"chars_per_minute": 20.0}, 4), ("field", 20.0, 0, 1, {"chars_per_minute": 30.0}, 5),
        ("undo", 5.0, 0, 1, {"undos": 1}, 6)])
    c.attempt(s3, marie, "ancienne-lecon", "done", at("2026-11-17", 14, 30),  # no longer in the lesson files
              [("key", 2.0, 0, 1, {"chars_per_minute": 60.0}, 31)])
    s3b = c.session(marie, at("2026-11-17", 15, 30), at("2026-11-17", 16))  # her tile chosen again after a break
    c.attempt(s3b, marie, "essai-double", "left", at("2026-11-17", 15, 30),
              [("type", 10.0, 0, 1, {"chars_per_minute": 24.0}, 5)])
    # Marie, 18 November: the tile chosen, nothing done: counts for nothing
    s4 = c.session(marie, at("2026-11-18", 10), at("2026-11-18", 11))
    c.attempt(s4, marie, "essai-souris", "left", at("2026-11-18", 10))
    # Paul, 10 November 9:00-9:30
    s5 = c.session(paul, at("2026-11-10", 9), at("2026-11-10", 9, 30))
    c.attempt(s5, paul, "essai-souris", "done", at("2026-11-10", 9), [("click", 5.0, 0, 1, {}, 10)])
    # the guest: 17 November 16:00-16:15, and 20 October 10:00-11:00
    s6 = c.session(guest, at("2026-11-17", 16), at("2026-11-17", 16, 15))
    c.attempt(s6, guest, "essai-souris", "done", at("2026-11-17", 16), [("click", 7.0, 0, 1, {}, 5)])
    s7 = c.session(guest, at("2026-10-20", 10), at("2026-10-20", 11))
    c.attempt(s7, guest, "essai-double", "done", at("2026-10-20", 10), [("double_click", 9.0, 1, 1, {}, 20)])
    yield store
    store.close()


def discover(folder):
    return lessons_mod.discover([folder])


def measures(person):
    return {m.key: (m.first, m.last) for m in person.measures}


def test_the_figures_are_exact(crafted, lessons):
    r = workshop_report(crafted, discover(lessons))
    assert r.hours == 5.5 and r.hours_guest == 1.25  # 1.5 + 0.75 + 1 + 0.5 (Marie), 0.5 (Paul), 0.25 + 1
    assert (r.learners, r.guest_sessions, r.sessions) == (2, 2, 6)  # Marie 3 days, Paul 1, the guest 2
    assert r.steps == 18
    assert r.lessons_done_by_level == {"1": 4, "2": 2, "autre": 1}
    assert r.lessons_done == 7
    assert (r.first_day, r.last_day) == (date(2026, 10, 20), date(2026, 11, 17))
    marie, paul = r.people
    assert (marie.name, marie.sessions, marie.hours, marie.lessons_done, marie.steps) == ("Marie", 3, 3.75, 4, 15)
    assert (marie.first_day, marie.last_day) == (date(2026, 11, 3), date(2026, 11, 17))
    assert measures(marie) == {"seconds_per_target": (6.0, 2.0), "misses_per_target": (0.75, 0.25),
                               "chars_per_minute": (10.0, 24.0), "undos": (3, 1)}
    assert (paul.name, paul.sessions, paul.hours, paul.lessons_done) == ("Paul", 1, 0.5, 1)
    assert measures(paul) == {"seconds_per_target": (5.0, None), "misses_per_target": (0.0, None),
                              "chars_per_minute": (None, None), "undos": (None, None)}


def test_since_and_until_keep_the_sessions_of_those_days(crafted, lessons):
    r = workshop_report(crafted, discover(lessons), since="2026-11-01")
    assert (r.hours, r.hours_guest, r.guest_sessions, r.sessions) == (4.5, 0.25, 1, 5)
    assert r.lessons_done_by_level == {"1": 4, "2": 1, "autre": 1}
    r = workshop_report(crafted, discover(lessons), since=date(2026, 11, 3), until=date(2026, 11, 10))
    assert (r.hours, r.sessions, r.learners, r.guest_sessions) == (2.75, 3, 2, 0)
    marie = r.people[0]
    assert measures(marie) == {"seconds_per_target": (6.0, 8.0), "misses_per_target": (0.75, 2.0),
                               "chars_per_minute": (10.0, None), "undos": (3, None)}
    r = workshop_report(crafted, discover(lessons), since="2026-11-18")  # only the empty session
    assert (r.hours, r.sessions, r.learners, r.people) == (0.0, 0, 0, [])


def test_markdown_for_a_funder(crafted, lessons):
    text = to_markdown(workshop_report(crafted, discover(lessons)))
    assert text.startswith("# Rapport des ateliers Pas à pas — du 20 octobre 2026 au 17 novembre 2026\n")
    assert "| Heures de pratique | 5 h 30 (dont 1 h 15 sur la tuile « Invité ») |" in text
    assert "| Personnes | 2 (et 2 séances sur la tuile « Invité ») |" in text
    assert "| Séances | 6 |" in text and "| Leçons terminées | 7 |" in text
    assert "| Niveau 1 | 4 |\n| Niveau 2 | 2 |\n| Autres leçons | 1 |" in text
    assert "| Marie | 3 | 3 h 45 | 4 | 6 s → 2 s | 0,75 → 0,25 | 10 → 24 | 3 → 1 |" in text
    assert "| Paul | 1 | 30 min | 1 | — | — | — | — |" in text
    since = to_markdown(workshop_report(crafted, discover(lessons), since="2026-11-01", until="2026-11-30"))
    assert since.startswith("# Rapport des ateliers Pas à pas — du 1er novembre 2026 au 30 novembre 2026\n")
    empty = to_markdown(workshop_report(ProgressStore(None), []))
    assert "aucune séance enregistrée" in empty and "Aucune personne n'a fait de séance" in empty


def test_csv_for_a_spreadsheet(crafted, lessons):
    text = to_csv(workshop_report(crafted, discover(lessons)))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == ["rubrique", "qui ou quoi", "indicateur", "valeur", "première séance", "dernière séance"]
    assert {len(row) for row in rows} == {6}
    index = {(r[0], r[1], r[2]): r[3:] for r in rows[1:]}
    assert index[("ensemble", "", "heures de pratique")] == ["5,5", "", ""]
    assert index[("ensemble", "", "heures de pratique sur la tuile Invité")] == ["1,25", "", ""]
    assert index[("niveau", "autre", "leçons terminées")] == ["1", "", ""]
    assert index[("personne", "Marie", "heures de pratique")] == ["3,75", "", ""]
    assert index[("personne", "Marie", "séances")] == ["3", "2026-11-03", "2026-11-17"]
    assert index[("personne", "Marie", "essais manqués par cible")] == ["", "0,75", "0,25"]
    assert index[("personne", "Paul", "caractères tapés par minute")] == ["", "", ""]


def test_csv_lists_the_signs_each_person_skipped_neutralised(tmp_path):
    """« Passer ce signe »: the CSV says per person which signs, as the
    Markdown does; a sign a spreadsheet would run (« = ») stays text."""
    store = ProgressStore(tmp_path / "data" / DB_NAME)
    c = Craft(store)
    rose, jean = c.learner("Rose"), c.learner("Jean")
    s = c.session(rose, at("2026-11-03", 14), at("2026-11-03", 15))
    c.attempt(s, rose, "texte", "done", at("2026-11-03", 14), [
        ("type", 30.0, 0, 1, {"chars_per_minute": 10.0, "skipped": "=œ"}, 1),
        ("type", 30.0, 0, 1, {"chars_per_minute": 12.0, "skipped": "œ"}, 2),  # each sign once
        ("type", 30.0, 0, 1, {"chars_per_minute": 12.0, "skipped": "@"}, 3)])
    s = c.session(jean, at("2026-11-03", 14), at("2026-11-03", 15))
    c.attempt(s, jean, "texte", "done", at("2026-11-03", 14), [("type", 30.0, 0, 1, {"chars_per_minute": 9.0}, 1)])
    store.db.commit()
    report = workshop_report(store, [])
    assert "- Rose : « = », « œ », « @ »" in to_markdown(report)
    for tr, separator, label in ((None, ";", "signes passés (« Passer ce signe »)"),
                                 (i18n.translator("en"), ",", "signs skipped (“Skip this sign”)")):
        rows = list(csv.reader(io.StringIO(to_csv(report, tr)[1:]), delimiter=separator))
        skipped = [r for r in rows if r[2] == label]
        assert [r[1:4] for r in skipped] == [["Rose", label, "'= œ @"]]  # not Jean: he skipped nothing
        assert {len(row) for row in rows} == {6}
    store.close()


def test_cli_report(crafted, lessons, tmp_path, capsys):
    data = str(crafted.path.parent)
    assert main(["report", "--data", data, "--lessons", str(lessons), "--since", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Rapport des ateliers Pas à pas — du 1er novembre 2026 au 17 novembre 2026")
    assert "| Niveau 1 | 4 |" in out and "| Autres leçons | 1 |" in out and "| Niveau 2 | 1 |" in out
    # the bundled lessons' levels are there too; our two test lessons count in their own levels
    out_file = tmp_path / "rapport.csv"
    assert main(["report", "--data", data, "--lessons", str(lessons), "--format", "csv", "--out", str(out_file),
                 "--until", "2026-11-10", "--anonymous"]) == 0
    assert f"Rapport écrit dans {out_file}." in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out_file.read_text(encoding="utf-8-sig")), delimiter=";"))
    people = sorted({r[1] for r in rows if r[0] == "personne"})
    assert people == ["Personne 1", "Personne 2"]  # no first name leaves with --anonymous
    assert not any("Marie" in cell or "Paul" in cell for row in rows for cell in row)
    assert main(["report", "--data", data, "--since", "2026-11-20", "--until", "2026-11-01"]) == 1
    assert "vient après" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "--data", data, "--since", "20/11/2026"])
    assert "date attendue comme 2026-11-26" in capsys.readouterr().err
    assert main(["report", "--data", str(tmp_path / "rien")]) == 1
    assert "Aucun progrès enregistré" in capsys.readouterr().err


def test_a_lesson_played_through_the_program_shows_in_the_report(pilot):
    pilot.click("guest")
    pilot.click("lesson:souris-pointer-cliquer")
    lesson = pilot.app.screen.lesson
    pilot.play_lesson()
    r = workshop_report(pilot.app.store, lessons_mod.discover([resources.lessons_dir()]))
    assert (r.learners, r.guest_sessions, r.sessions, r.steps) == (0, 1, 1, len(lesson.steps))
    assert r.lessons_done_by_level[str(lesson.level)] == 1 and r.lessons_done == 1
    assert r.hours_guest == r.hours  # all of it on the guest tile


def test_the_report_and_the_progress_screen_tell_the_same_story(crafted, lessons):
    """First and last day of practice, with the same definitions as trainer.stats."""
    from trainer.stats import learner_progress

    r = workshop_report(crafted, discover(lessons))
    for person in r.people:
        learner = next(l for l in crafted.learners() if l.name == person.name)
        days = learner_progress(crafted, learner.id).days
        assert len(days) == person.sessions
        for m in person.measures:
            if m.key == "undos":
                assert (m.first or 0, m.last or 0) == (days[0].undos, days[-1].undos if len(days) > 1 else 0)
                continue
            screen_first = getattr(days[0], m.key)
            assert m.first == (None if screen_first is None else round(screen_first, 2))
            if len(days) > 1:
                screen_last = getattr(days[-1], m.key)
                assert m.last == (None if screen_last is None else round(screen_last, 2))
