"""The lesson's logic without a window: step order, resume, praise, the
effects the player turns into sound, speech and records, « Continuer », and
the store's done rule fed by a run.  Milliseconds, no pygame display."""
from __future__ import annotations

import pytest

from trainer import i18n
from trainer import input as inp
from trainer import lesson as lessons_mod
from trainer.lesson_run import (PRAISE, PRAISE_SECONDS, LessonFinished, LessonRun, PlayCue, Say, StepRecorded,
                                StepSetup, StepStarted, continue_choice, next_lesson)
from trainer.progress import ProgressStore

from conftest import LESSON, SECOND

AREA = (50.0, 250.0, 1180.0, 450.0)


@pytest.fixture
def lesson(tmp_path):
    path = tmp_path / "01-essai.yaml"
    path.write_text(LESSON, encoding="utf-8")
    found, problems = lessons_mod.load(path)
    assert not problems
    return found


@pytest.fixture
def second(tmp_path):
    path = tmp_path / "02-double.yaml"
    path.write_text(SECOND, encoding="utf-8")
    return lessons_mod.load(path)[0]


def click(run, now, pos=None, touch=False):
    """Press and release on the current target, as the normalizer reports it."""
    pos = pos or run.activity.center()
    return (run.feed(inp.PointerDown(pos, "left", touch, now)) + run.feed(inp.PointerUp(pos, "left", touch, now))
            + run.feed(inp.Click(pos, "left", touch, now)))


def drag_item_home(run, now):
    a = run.activity
    x, y, w, h = a.item_rect()
    zx, zy, zw, zh = a.zone_rect()
    start, end = (x + w / 2, y + h / 2), (zx + zw / 2, zy + zh / 2)
    effects = run.feed(inp.PointerDown(start, "left", False, now))
    for i in range(1, 11):
        t = i / 10
        p = (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
        effects += run.feed(inp.PointerMove(p, False, now + 0.01 * i, True))
    return effects + run.feed(inp.PointerUp(end, "left", False, now + 0.2))


def of(kind, effects):
    return [e for e in effects if isinstance(e, kind)]


def test_the_first_step_is_announced_and_read(lesson):
    run = LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, seed=1)
    effects = run.start()
    assert effects[0] == StepStarted(0, None)
    assert of(Say, effects) == [Say("Cliquez sur le rond.")]
    band = run.band()
    assert band.instruction == "Cliquez sur le rond." and band.intro == "Une petite leçon pour essayer."
    assert run.start() == []  # said once


def test_a_lesson_played_through_gives_each_step_once_then_the_end(lesson):
    run = LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, seed=1)
    run.start()
    first = click(run, 1.0)
    assert PlayCue("hit") in first and not of(StepRecorded, first)
    second_hit = click(run, 2.0)
    recorded = of(StepRecorded, second_hit)
    assert [(r.index, r.last) for r in recorded] == [(0, False)]
    assert recorded[0].result.kind == "click" and recorded[0].result.successes == 2
    assert run.praising and run.praise_text in [i18n.french().t(p) for p in PRAISE]
    # input during the praise is not a step's input
    assert run.feed(inp.PointerDown((1, 1), "left", False, 2.1)) == []
    # the praise ends by itself
    assert run.tick(2.0 + PRAISE_SECONDS - 0.01) == [] and run.praising
    effects = run.tick(2.0 + PRAISE_SECONDS)
    assert run.index == 1 and not run.praising
    assert effects[0] == StepStarted(1, None) and Say("Glissez la photo dans l'album.") in effects
    effects = drag_item_home(run, 4.0)
    assert [(r.index, r.last) for r in of(StepRecorded, effects)] == [(1, True)]
    assert run.finished and not of(LessonFinished, effects)  # recorded as done before « Bravo ! » ends
    end = run.tick(4.2 + PRAISE_SECONDS)
    assert of(LessonFinished, end) and len(of(LessonFinished, end)[0].results) == 2


def test_a_tap_during_the_praise_goes_on_sooner_but_not_at_once(lesson):
    run = LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, seed=2)
    click(run, 1.0)
    click(run, 1.5)
    assert run.praising
    run.feed(inp.Click((10, 10), "left", False, 1.6))  # too soon: the same click may have ended the step
    assert run.praising
    run.feed(inp.Click((10, 10), "left", False, 2.0))
    assert not run.praising and run.index == 1


def test_a_resumed_lesson_starts_at_its_step_and_says_so(lesson):
    run = LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, start=1)
    assert run.index == 1 and run.resumed
    assert run.band().resumed_at == 2 and run.band().intro is None
    assert LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, start=7).index == 0  # the lesson changed: from the start
    assert not LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, start=-1).resumed


def test_the_wording_follows_the_hand_from_one_step_to_the_next(lesson):
    run = LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, seed=3)
    assert of(Say, run.start()) == [Say("Cliquez sur le rond.")]
    click(run, 1.0, touch=True)
    assert run.band().instruction == "Touchez le rond."
    click(run, 2.0, touch=True)
    effects = run.tick(2.0 + PRAISE_SECONDS)
    assert Say("Glissez la photo dans l'album.") in effects  # (a drag is worded the same for both)
    assert run.activity.ctx.touch


def test_a_hint_after_misses_is_shown_and_read_once(lesson):
    run = LessonRun(lesson, StepSetup(AREA, 720.0), now=0.0, seed=4)
    run.start()
    far = (AREA[0] + 2, AREA[1] + 2)
    first = click(run, 1.0, pos=far)
    note = run.band().note  # the first miss: a short kind sentence, read once
    assert note and note.startswith("Presque") and of(Say, first) == [Say(note)]
    effects = click(run, 2.0, pos=far)
    assert of(PlayCue, first + effects).count(PlayCue("miss")) == 2
    hint = run.band().hint
    assert hint and of(Say, effects) == [Say(hint)]  # the hint says more: it is read, not the sentence again
    assert not of(Say, click(run, 3.0, pos=far))


def test_escape_belongs_to_the_step_only_when_it_asks_for_it(tmp_path):
    path = tmp_path / "echap.yaml"
    path.write_text("format: 1\nid: echap\ntitle: Échap\nlevel: 1\nintro: La touche Échap.\nsteps:\n"
                    "  - kind: key\n    instruction: Appuyez sur Échap.\n    keys: [escape]\n", encoding="utf-8")
    found, problems = lessons_mod.load(path)
    assert not problems
    run = LessonRun(found, StepSetup(AREA, 720.0), now=0.0)
    assert run.captures_escape()
    run.feed(inp.KeyDown(27, 41, 0, 1.0, name="escape"))
    assert run.praising and not run.captures_escape()  # « Bravo ! »: Échap leaves again


def test_continue_opens_the_lesson_left_half_way_else_the_first_not_done(lesson, second):
    lessons = [lesson, second]
    assert continue_choice(lessons, {}, {}, []) == (lesson, 0)
    assert continue_choice(lessons, {lesson.id: "done"}, {}, [lesson.id]) == (second, 0)
    # left half way most recently, even a lesson done before
    assert continue_choice(lessons, {lesson.id: "done", second.id: "started"}, {lesson.id: 1},
                           [lesson.id, second.id]) == (lesson, 1)
    assert continue_choice(lessons, {lesson.id: "done", second.id: "done"}, {}, []) is None
    assert next_lesson(lessons, lesson) is second and next_lesson(lessons, second) is None


def test_a_run_recorded_in_the_store_makes_the_lesson_done_for_the_menu(lesson, second):
    """The run's effects written as the player writes them: the menu's states,
    its resume point and « Continuer » follow, without a window."""
    store = ProgressStore(None)
    learner = store.add_learner("Marie")
    session = store.start_session(learner.id)

    def play(lesson_, start, steps_to_play):
        attempt = store.start_attempt(session, learner.id, lesson_.id, lesson_.title, len(lesson_.steps), start)
        run = LessonRun(lesson_, StepSetup(AREA, 720.0), now=0.0, start=start, seed=5)
        now = 1.0
        while run.index < start + steps_to_play and not run.finished:
            effects = drag_item_home(run, now) if run.activity.KIND == "drag" else click(run, now)
            for e in of(StepRecorded, effects):
                store.record_step(attempt, e.index, e.result)  # the last one also marks the attempt done
            now += 0.5
            run.tick(now + PRAISE_SECONDS)
            now += PRAISE_SECONDS + 0.1
        if not run.finished:
            store.finish_attempt(attempt, "left")

    play(lesson, 0, 1)  # the first step, then « Arrêter »
    states = store.lesson_states(learner.id)
    resume = {lesson.id: store.resume_point(learner.id, lesson.id, len(lesson.steps))}
    assert states == {lesson.id: "started"} and resume == {lesson.id: 1}
    assert continue_choice([lesson, second], states, resume, store.recent_lessons(learner.id)) == (lesson, 1)
    play(lesson, 1, 1)  # resumed, finished
    states = store.lesson_states(learner.id)
    assert states == {lesson.id: "done"}
    assert store.resume_point(learner.id, lesson.id, len(lesson.steps)) == 0
    assert continue_choice([lesson, second], states, {lesson.id: 0}, store.recent_lessons(learner.id)) == (second, 0)


def test_the_lesson_logic_never_imports_pygame():
    import subprocess
    import sys

    code = "import sys, trainer.lesson_run; sys.exit('pygame' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
