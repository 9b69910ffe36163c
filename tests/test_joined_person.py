"""Two records joined by the facilitator are one person everywhere: the lesson
menu (done marks, « Continuer »), « Mes progrès », the path and the
facilitator's person page; « Séparer » gives each its own again.  Deleting a
record leaves no join to nobody.

The person did lessons 1-3 on laptop A and lesson 4 on laptop B (where she
was added again as a new person): B's export is imported into A, where she
arrives as « Monique (2) »; the facilitator joins the two on the screen
(through the real main loop)."""
import json
from pathlib import Path

import pytest

from trainer import exchange, pin
from trainer.activities.base import StepResult
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore

LESSON = """\
format: 1
id: lecon-{n}
title: Leçon {n}
level: 1
intro: La leçon {n}.
steps:
  - kind: click
    instruction: Cliquez sur le rond.
    count: 1
  - kind: click
    instruction: Cliquez encore.
    count: 1
"""
STEPS = 2
PATH = """\
format: 1
workshops:
  - title: Premier atelier
    goal: Cliquer.
    lessons: [lecon-1, lecon-2]
  - title: Deuxième atelier
    goal: Cliquer encore.
    lessons: [lecon-3, lecon-4]
  - title: Troisième atelier
    goal: Cliquer toujours.
    lessons: [lecon-5]
"""


@pytest.fixture
def five(tmp_path):
    folder = tmp_path / "five"
    folder.mkdir()
    for n in range(1, 6):
        (folder / f"{n:02d}-lecon.yaml").write_text(LESSON.format(n=n), encoding="utf-8")
    (folder / "parcours.yaml").write_text(PATH, encoding="utf-8")
    return folder


def do_lesson(store, learner, n, steps=STEPS, misses=0):
    session = store.start_session(learner.id)
    attempt = store.start_attempt(session, learner.id, f"lecon-{n}", f"Leçon {n}", STEPS)
    for i in range(steps):
        assert store.record_step(attempt, i, StepResult("click", 2.0 + n, misses, 0, 0.1, "mouse", 1, {}))
    if steps == STEPS:
        store.finish_attempt(attempt, "done")
    store.end_session(session)


@pytest.fixture
def laptops(tmp_path):
    """Laptop A: Monique did lessons 1-3; laptop B, where she was added as a
    new person: lesson 4.  B's export is imported into A."""
    a = ProgressStore(tmp_path / "a" / DB_NAME)
    b = ProgressStore(tmp_path / "b" / DB_NAME)
    monique_a = a.add_learner("Monique")
    a.add_learner("Jean")
    for n in (1, 2, 3):
        do_lesson(a, monique_a, n)
    monique_b = b.add_learner("Monique")
    do_lesson(b, monique_b, 4, misses=2)
    exchange.export_progress(b, tmp_path / "b.json")
    assert exchange.import_progress(a, tmp_path / "b.json").steps_added == STEPS
    assert sorted(l.name for l in a.learners()) == ["Jean", "Monique", "Monique (2)"]  # kept apart
    a.close()
    b.close()
    return tmp_path / "a"


def open_facilitator(p):
    p.open_facilitator()
    assert p.screen == "facilitator"


def menu_of(p, name):
    """The lesson menu of ``name``, opened from the learner screen as she would."""
    p.app.nav.learners()
    p.frames(1)
    p.click(f"learner:{name}")
    assert p.screen == "lessons"
    menu = p.app.screen
    return menu


def done_marks(menu):
    return sorted(k for k, v in menu.states.items() if v == "done")


def test_a_joined_person_sees_both_laptops_lessons_and_continues_at_the_fifth(laptops, five):
    with Pilot.start(laptops, lesson_dirs=[five], size=(1024, 600)) as p:
        store = p.app.store
        pin.set_pin(store, None)
        menu = menu_of(p, "Monique")  # before the join: laptop A's lessons only
        assert done_marks(menu) == ["lecon-1", "lecon-2", "lecon-3"]
        assert menu.next[0].id == "lecon-4"
        assert menu.step.number == 2 and menu.step.lessons[0] == "lecon-4"  # the path: the second workshop

        p.app.nav.learners()
        p.frames(1)
        open_facilitator(p)
        p.click("learner:Monique (2)")
        p.click("same_person")
        p.click("same:Monique")
        p.click("yes")
        assert [name for _, name, _, _ in store.joined_records()] == ["Monique (2)"]

        # the facilitator's person page counts both records' lessons
        p.app.nav.facilitator_home()
        p.frames(1)
        assert p.app.screen.overviews[store.find_learner("Monique").id]["done"] == 4
        p.click("learner:Monique")
        assert p.screen == "facilitator_learner"
        assert p.app.screen.overview["done"] == 4
        assert p.app.screen.overview["current"]["id"] == "lecon-4"

        menu = menu_of(p, "Monique")
        assert done_marks(menu) == ["lecon-1", "lecon-2", "lecon-3", "lecon-4"]
        assert menu.next[0].id == "lecon-5"  # « Continuer »
        assert menu.step.number == 3 and menu.step.lessons == ["lecon-5"]  # the path: the third workshop
        assert "continue" in p.ids() or menu.continue_button is not None
        p.click("my_progress")
        assert p.screen == "progress"
        shown = p.app.screen.progress
        assert shown.lessons_done == 4 and shown.steps_done == 4 * STEPS
        assert sum(d.steps for d in shown.days) == 4 * STEPS

        # « Séparer »: each record its own again
        p.app.nav.facilitator_home()
        p.frames(1)
        p.click("learner:Monique")
        p.click("same_person")
        p.click("joined")
        p.click("separate:Monique (2)")
        assert store.joined_records() == []
        menu = menu_of(p, "Monique")
        assert done_marks(menu) == ["lecon-1", "lecon-2", "lecon-3"]
        assert menu.next[0].id == "lecon-4" and menu.step.number == 2
        menu = menu_of(p, "Monique (2)")
        assert done_marks(menu) == ["lecon-4"]
        assert menu.next[0].id == "lecon-1"


def test_a_lesson_half_done_on_the_other_laptop_resumes_where_it_stopped(tmp_path, five):
    a = ProgressStore(tmp_path / "a" / DB_NAME)
    b = ProgressStore(tmp_path / "b" / DB_NAME)
    monique = a.add_learner("Monique")
    for n in (1, 2, 3, 4):
        do_lesson(a, monique, n)
    other = b.add_learner("Monique")
    do_lesson(b, other, 5, steps=1)  # the fifth, stopped after its first step
    exchange.export_progress(b, tmp_path / "b.json")
    exchange.import_progress(a, tmp_path / "b.json")
    second = a.find_learner("Monique (2)")
    assert a.join_people(monique.id, second.id)
    assert a.resume_point(monique.id, "lecon-5", STEPS) == 1  # « Reprendre » at the second step
    assert a.lesson_states(monique.id)["lecon-5"] == "started"
    assert a.recent_lessons(monique.id)[0] == "lecon-5"
    assert a.person_records(monique.id) == a.person_records(second.id) == (monique.id, second.id)
    assert a.separate_people(second.id)
    assert a.resume_point(monique.id, "lecon-5", STEPS) == 0 and "lecon-5" not in a.lesson_states(monique.id)
    a.close()
    b.close()


def test_deleting_a_person_leaves_no_join_to_nobody(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    keep = store.add_learner("Monique")
    other = store.add_learner("Monique (2)")
    third = store.add_learner("Monique (3)")
    do_lesson(store, other, 1)
    assert store.join_people(keep.id, other.id) and store.join_people(keep.id, third.id)
    assert [l.name for l in store.learners()] == ["Monique"]
    assert store.delete_learner(keep.id)
    # no record still points at the deleted one: both are their own person again, on the learner screen
    assert store.db.execute("SELECT COUNT(*) FROM learners l WHERE l.same_as IS NOT NULL AND NOT EXISTS "
                            "(SELECT 1 FROM learners k WHERE k.uid = l.same_as)").fetchone()[0] == 0
    assert store.joined_records() == []
    assert sorted(l.name for l in store.learners()) == ["Monique (2)", "Monique (3)"]
    assert store.lesson_states(other.id) == {"lecon-1": "done"}  # her own steps stay hers
    assert store.person_records(other.id) == (other.id,)
    # deleting a joined record leaves the others joined to the one they count as
    a = store.add_learner("Paul")
    b = store.add_learner("Paul (2)")
    c = store.add_learner("Paul (3)")
    store.join_people(a.id, b.id)
    store.join_people(a.id, c.id)
    assert store.delete_learner(b.id)
    assert [(n, k) for _, n, _, k in store.joined_records()] == [("Paul (3)", "Paul")]
    store.close()


def test_a_person_exported_alone_takes_all_their_records_and_no_import_joins_to_nobody(laptops, tmp_path):
    a = ProgressStore(laptops / DB_NAME)
    monique, second = a.find_learner("Monique"), a.find_learner("Monique (2)")
    assert a.join_people(monique.id, second.id)
    exchange.export_progress(a, tmp_path / "monique.json", learner_ids=[monique.id])
    exchange.export_progress(a, tmp_path / "second.json", learner_ids=[second.id])
    a.close()
    for name in ("monique.json", "second.json"):
        other = ProgressStore(tmp_path / f"c-{name}" / DB_NAME)
        exchange.import_progress(other, tmp_path / name)
        there = other.find_learner("Monique")
        assert [l.name for l in other.learners()] == ["Monique"]  # one person, her two records
        assert sorted(k for k, v in other.lesson_states(there.id).items() if v == "done") == \
            ["lecon-1", "lecon-2", "lecon-3", "lecon-4"]
        other.close()
    # a file whose record is joined to someone neither in it nor here: their own person, on the tiles
    document = json.loads((tmp_path / "monique.json").read_text("utf-8"))
    document["learners"] = [r for r in document["learners"] if r["same_as"]]
    assert len(document["learners"]) == 1
    (tmp_path / "alone.json").write_text(json.dumps(document), encoding="utf-8")
    alone = ProgressStore(tmp_path / "alone" / DB_NAME)
    exchange.import_progress(alone, tmp_path / "alone.json")
    assert [l.name for l in alone.learners()] == ["Monique (2)"] and alone.joined_records() == []
    alone.close()


def test_a_joined_person_resumes_the_attempt_she_started_last_whatever_device_it_came_from(tmp_path, monkeypatch):
    """Lesson started on laptop B in the morning (imported later, so with later row ids) and
    again on laptop A in the afternoon: « Reprendre » follows the afternoon's attempt."""
    import time as clock

    from trainer.activities.base import StepResult
    from trainer.progress import ProgressStore

    store = ProgressStore(tmp_path / "p.db")
    a = store.add_learner("Monique").id
    b = store.add_learner("Monique B").id
    now = [1_800_000_000.0]
    monkeypatch.setattr(clock, "time", lambda: now[0])
    # the afternoon, on this laptop (row ids first): stopped after step 3 of 5
    afternoon = store.start_attempt(store.start_session(a), a, "lecon", "Leçon", 5)
    for i in range(3):
        store.record_step(afternoon, i, StepResult("click", 3.0, 0, 0, 0.1, "mouse", 1))
    # the morning, on the other laptop, imported afterwards (later row ids): stopped after step 1
    now[0] -= 5 * 3600
    morning = store.start_attempt(store.start_session(b), b, "lecon", "Leçon", 5)
    store.record_step(morning, 0, StepResult("click", 3.0, 0, 0, 0.1, "mouse", 1))
    store.start_attempt(store.start_session(b), b, "autre", "Autre", 5)
    assert morning > afternoon
    assert store.join_people(a, b)
    assert store.resume_point(a, "lecon", 5) == 3  # the afternoon's attempt
    assert store.recent_lessons(a)[0] == "lecon"  # opened last, although its row is older
    store.close()
