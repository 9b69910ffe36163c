"""The path of the ten workshops: the file, its checks, where a person is, what comes next."""
import subprocess
import sys

import pytest

from trainer import lesson, path
from trainer.activities.keyboard_common import TypingDetails
from trainer.lesson_run import continue_choice
from trainer.pilot import Pilot
from trainer.progress import StepRecord

from conftest import LESSONS


@pytest.fixture(scope="module")
def bundled():
    return [e.lesson for e in lesson.discover([LESSONS]) if e.usable]


@pytest.fixture(scope="module")
def workshops(bundled):
    found, problems = path.load_path(LESSONS / path.PATH_FILE, bundled)
    assert found is not None and problems == [], problems
    return found


def test_the_bundled_path_has_ten_workshops_of_about_an_hour_and_meets_every_lesson(workshops, bundled):
    by_id = {x.id: x for x in bundled}
    assert len(workshops) == 10
    for workshop in workshops.workshops:
        assert workshop.title and workshop.goal and workshop.text("title", "en") != workshop.title
        assert 50 <= workshops.minutes(workshop, by_id) <= 70, workshop.number
    met = [i for w in workshops.workshops for i in w.lessons]
    assert sorted(met) == sorted(by_id)  # every bundled lesson is met once, in one workshop
    # from pointing to filling a form, searching, writing an e-mail and undoing a mistake
    first = {i: w.number for w in workshops.workshops for i in w.lessons}
    assert first["souris-pointer-cliquer"] == 1
    assert first["annuler-une-erreur"] <= 3  # undoing early: the fear of doing something wrong
    assert first["clavier-formulaire"] < first["message-pour-lea"] == 10


def test_the_estimate_counts_what_a_beginner_does(bundled):
    by_id = {x.id: x for x in bundled}
    click = by_id["souris-pointer-cliquer"]  # click steps only
    targets = sum(int(s.settings.get("count", 1)) for s in click.steps)
    assert path.beginner_seconds(click) == pytest.approx(
        path.PER_LESSON + len(click.steps) * path.PER_STEP + targets * path.PER_TARGET["click"])
    form = by_id["prendre-rendez-vous"]
    typed = sum(len(s.settings["text"]) for s in form.steps if s.kind == "field")
    assert path.beginner_seconds(form) >= typed * path.PER_CHARACTER


def test_the_lesson_menu_does_not_read_the_path_as_a_lesson():
    assert all(p.name != "parcours.yaml" for p in lesson.lesson_files(LESSONS))


PATH_WITH_MISTAKES = """\
format: 1
workshops:
  - title: Un
    goal: La souris.
    lessons: [souris-double-clic, pas-une-lecon]
    again: [retablir]
  - title: Deux
    lessons: [souris-double-clic]
    colour: bleu
"""


def test_validate_points_at_each_mistake_of_a_path_file_line(tmp_path):
    (tmp_path / "parcours.yaml").write_text(PATH_WITH_MISTAKES, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "trainer.cli", "--lang", "fr", "validate", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    shown = str(tmp_path / "parcours.yaml")
    assert f"{shown}:5: Aucune leçon n'a l'identifiant « pas-une-lecon »" in lines[0]
    assert f"{shown}:6: La leçon « retablir » est refaite avant d'avoir été découverte" in lines[1]
    assert any(line.startswith(f"{shown}:7: L'atelier 2 ne dit pas son but") for line in lines)
    assert any(f"{shown}:8: La leçon « souris-double-clic » est déjà découverte à l'atelier 1" in line
               for line in lines)
    assert any(f"{shown}:9: Champ inconnu « colour »" in line for line in lines)


def test_validate_warns_about_a_workshop_far_from_an_hour_but_accepts_it(tmp_path):
    (tmp_path / "parcours.yaml").write_text(
        "format: 1\nworkshops:\n  - title: Court\n    goal: Un clic.\n    lessons: [souris-pointer-cliquer]\n",
        encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "trainer.cli", "--lang", "fr", "validate", str(LESSONS),
                          str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert "Attention : " in out.stdout and ":3: L'atelier 1 demande environ" in out.stdout


def record(kind, duration, misses, successes, details=None):
    return StepRecord.of(kind, 0.0, duration, misses, successes, details)


def test_skills_are_judged_on_the_last_steps_of_their_kind():
    slow = [record("click", 40.0, 3, 3)] * 3  # 13 s a target, a miss each: not yet
    quick = [record("click", 9.0, 0, 3)] * 3  # 3 s a target: acquired
    assert path.acquired(slow)["point"] is False
    assert path.acquired(slow + quick)["point"] is True
    assert path.acquired(quick + slow)["point"] is False  # the last ones count
    assert path.acquired(quick)["drag"] is None  # never practised
    typing = [record("type", 30.0, 1, 10, TypingDetails(chars_per_minute=20.0, accuracy=0.95).to_json())] * 3
    assert path.acquired(typing)["type"] is True
    hunting = [record("type", 90.0, 6, 10, TypingDetails(chars_per_minute=7.0, accuracy=0.6).to_json())] * 3
    assert path.acquired(typing + hunting)["type"] is False


def test_the_skills_judged_from_the_last_steps_of_each_kind_are_those_of_every_step(tmp_path):
    """The menu reads only the last steps of each kind (store.learner_steps(…, RECENT)):
    the judgement must be the same as from every step, on a long mixed history."""
    import random

    from trainer.activities.base import StepResult
    from trainer.progress import ProgressStore

    store = ProgressStore(tmp_path / "p.db")
    marie = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(marie.id), marie.id, "l", "L", 400)
    rng = random.Random(7)
    kinds = ["click", "hover", "double_click", "right_click", "drag", "scroll", "key", "type", "undo"]
    for i in range(300):
        kind = rng.choice(kinds)
        result = StepResult(kind, rng.uniform(2, 60), rng.randint(0, 4), rng.randint(0, 3), 0.1, "mouse",
                            rng.randint(1, 4))
        if kind in ("key", "type"):
            result.details = TypingDetails(chars_per_minute=rng.uniform(5, 30), accuracy=rng.uniform(0.5, 1))
        store.record_step(attempt, i, result)
        if i % 25 == 24:
            every = store.learner_steps(marie.id)
            last = store.learner_steps(marie.id, path.RECENT)
            assert len(last) <= len(kinds) * path.RECENT
            assert path.acquired(last) == path.acquired(every)
    store.close()


def test_next_step_proposes_the_new_lessons_then_practice_of_a_skill_not_acquired(workshops, bundled):
    by_id = {x.id: x for x in bundled}
    start = path.next_step(workshops, {}, [], by_id)
    assert (start.number, start.total) == (1, 10)
    assert start.lessons[:2] == ["souris-pointer-cliquer", "souris-cliquer-images"]
    done_1 = {"souris-pointer-cliquer": "done", "souris-cliquer-images": "done"}
    at_ease = path.next_step(workshops, done_1, [record("click", 6.0, 0, 3)] * 3, by_id)
    assert at_ease.number == 2 and at_ease.lessons[0] == "clavier-trouver-les-lettres"
    assert "point" in at_ease.acquired
    shaky = path.next_step(workshops, done_1, [record("click", 45.0, 4, 3)] * 3, by_id)
    assert shaky.number == 2 and "point" in shaky.practise
    assert shaky.lessons[0] == "souris-cliquer-images"  # pointing again first, then the keyboard
    assert shaky.lessons[1] == "clavier-trouver-les-lettres"
    chosen = path.next_step(workshops, {}, [], by_id, start=4)  # the facilitator's choice
    assert chosen.number == 4 and chosen.lessons[0] == "souris-clic-droit"
    everything = {x: "done" for x in by_id}
    assert path.next_step(workshops, everything, [], by_id).workshop is None


def test_continue_follows_the_path_but_a_lesson_left_half_way_comes_first(bundled):
    by_id = {x.id: x for x in bundled}
    proposed = ["souris-cliquer-images", "clavier-trouver-les-lettres"]
    assert continue_choice(bundled, {}, {}, [], proposed)[0].id == "souris-cliquer-images"
    half = continue_choice(bundled, {"retablir": "started"}, {"retablir": 2}, ["retablir"], proposed)
    assert (half[0].id, half[1]) == ("retablir", 2)
    assert continue_choice(bundled, {}, {}, [], ["pas-une-lecon"])[0].id == bundled[0].id
    assert by_id  # (the bundled lessons are there)


def test_a_new_learner_starts_at_workshop_1_and_continue_follows_the_path(tmp_path):
    with Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS]) as p:
        p.app.store.add_learner("Marie")
        p.app.nav.learners()
        p.frames(1)
        p.click("learner:Marie")
        step = p.app.next_step(p.app.learner)
        assert (step.number, step.total) == (1, 10)
        assert p.app.screen.next[0].id == "souris-pointer-cliquer"
        p.click("continue")
        p.play_lesson()
        p.click("back")  # the end of the lesson: back to the menu
        assert p.app.screen.next[0].id == "souris-cliquer-images"


def test_the_facilitator_sees_the_workshop_chooses_one_and_locks_the_device_on_one(tmp_path):

    from trainer import pin

    with Pilot.start(tmp_path / "data", lesson_dirs=[LESSONS]) as p:
        marie = p.app.store.add_learner("Marie")
        pin.set_pin(p.app.store, None)
        p.app.nav.learners()
        p.frames(1)
        p.open_facilitator()
        row = next(b for b in p.buttons() if b.id == "learner:Marie")
        assert row.step.number == 1
        p.click("learner:Marie")
        p.click("start")
        p.click("level:workshops")
        p.click("workshop:4")  # Marie already knows the mouse: she starts at workshop 4
        assert p.app.store.learner(marie.id).settings["start"] == {"workshop": 4}
        assert p.app.next_step(p.app.store.learner(marie.id)).number == 4
        p.click("back")
        p.click("lock")
        p.click("level:workshops")
        p.click("workshop:3")
        p.click("lock_ticked")
        lock = p.app.store.device_setting("lock")
        assert lock["lessons"][:3] == ["souris-double-clic", "clavier-retour-arriere", "annuler-une-erreur"]
        p.click("back")
        p.app.nav.choose_learner(p.app.store.learner(marie.id))
        p.frames(1)
        # the device is locked on workshop 3: Marie's « Continuer » proposes what is there
        assert p.app.screen.next[0].id in lock["lessons"]
