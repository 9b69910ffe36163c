"""A learner's figures over the days (trainer.stats) and the progress screen."""
import time

import pytest

from trainer import stats
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore

DAY = 86400.0


class Result:
    def __init__(self, kind, duration, misses, successes, details=None):
        self.kind, self.duration, self.misses, self.successes = kind, duration, misses, successes
        self.hints, self.target_size, self.input, self.details = 0, 0.1, "mouse", details or {}


def play_day(store, learner_id, days_ago, results):
    session = store.start_session(learner_id)
    attempt = store.start_attempt(session, learner_id, "l", "L", len(results) + 1)  # not finished
    for i, result in enumerate(results):
        store.record_step(attempt, i, result)
    store.db.execute("UPDATE step_results SET finished_at = finished_at - ? WHERE attempt_id = ?",
                     (days_ago * DAY, attempt))
    return attempt


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / DB_NAME)
    yield s
    s.close()


def test_figures_per_day_are_exact(store):
    marie = store.add_learner("Marie")
    play_day(store, marie.id, 14, [Result("click", 12.0, 4, 2), Result("drag", 6.0, 0, 1),
                                   Result("letters", 30.0, 1, 5, {"chars_per_minute": 20.0})])
    play_day(store, marie.id, 14, [Result("double_click", 2.0, 0, 1)])  # the same day, chosen twice
    play_day(store, marie.id, 0, [Result("click", 3.0, 1, 3), Result("type", 10.0, 0, 1, {"chars_per_minute": 44}),
                                  Result("undo", 5.0, 0, 1, {"undos": 2, "redos": 1, "recovered": True})])
    p = stats.learner_progress(store, marie.id)
    assert [d.steps for d in p.days] == [4, 3]
    first, last = p.days
    assert first.seconds_per_target == 6.0  # median of 6, 6 and 2 seconds per target
    assert first.misses_per_target == 1.0  # 4 misses for 4 targets
    assert first.chars_per_minute == 20.0 and first.undo_steps == 0
    assert last.seconds_per_target == 1.0 and last.misses_per_target == pytest.approx(1 / 3)
    assert last.chars_per_minute == 44.0 and last.undos == 3 and last.undo_steps == 1
    assert last.label == time.strftime("%-d/%-m")
    assert p.sentence == "Vous touchez les cibles trois fois plus vite qu'à la première séance."


@pytest.mark.parametrize("days, done, expected", [
    ([], 0, "Votre première leçon vous attend."),
    ([[Result("click", 3.0, 0, 1)]], 0, "Vous avez déjà réussi 1 exercice."),
    ([[Result("click", 3.0, 0, 1)]], 1, "Vous avez terminé votre première leçon. Bravo !"),
    ([[Result("click", 3.0, 0, 1)]], 3, "Vous avez terminé 3 leçons. Bravo !"),
    # slower than the first day: no false praise about speed
    ([[Result("click", 2.0, 0, 1)], [Result("click", 5.0, 0, 1)]], 0, "Vous avez déjà réussi 2 exercices."),
    ([[Result("letters", 9.0, 0, 1, {"chars_per_minute": 10})],
      [Result("letters", 9.0, 0, 1, {"chars_per_minute": 21})]], 0,
     "Vous tapez deux fois plus vite qu'à la première séance."),
    ([[Result("click", 2.0, 2, 2)], [Result("click", 2.0, 0, 2)]], 0,
     "Vous vous trompez deux fois moins souvent qu'à la première séance."),
    ([[Result("undo", 2.0, 0, 1, {"undos": 1, "redos": 0, "recovered": True})]], 0,
     "Vous savez annuler une erreur : rien n'est jamais perdu."),
])
def test_the_sentence_is_true(store, days, done, expected):
    who = store.add_learner("Paul")
    for i, results in enumerate(days):
        play_day(store, who.id, len(days) - i, results)
    session = store.start_session(who.id)
    for n in range(done):
        store.finish_attempt(store.start_attempt(session, who.id, f"done-{n}", "D", 1), "done")
    assert stats.learner_progress(store, who.id).sentence == expected


def test_lessons_done_per_level(store, lessons):
    from trainer import lesson

    entries = [e.lesson for e in lesson.discover([lessons]) if e.usable]
    who = store.add_learner("Jeanne")
    store.finish_attempt(store.start_attempt(store.start_session(who.id), who.id, "essai-souris", "E", 2), "done")
    p = stats.learner_progress(store, who.id, entries)
    assert [(c.level, c.done, c.total) for c in p.levels] == [(1, 1, 1), (2, 0, 1)]


def test_the_progress_screen_through_the_real_loop(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    p.click("guest")
    assert "my_progress" not in p.ids()  # the guest tile is shared: no chart of everybody
    p.click("back")
    p.click("add_learner")
    p.type("Marie")
    p.click("save")
    p.click("learner:Marie")
    p.click("my_progress")
    assert p.screen == "progress"
    assert p.app.screen.sentence == "Votre première leçon vous attend."
    p.click("back")
    p.click("lesson:essai-souris")
    p.play_lesson()
    p.click("back")
    p.click("my_progress", touch=True)
    screen = p.app.screen
    assert screen.sentence == "Vous avez terminé votre première leçon. Bravo !"
    assert [(c.level, c.done, c.total) for c in screen.progress.levels] == [(1, 1, 1), (2, 0, 1)]
    assert len(screen.progress.days) == 1 and screen.progress.days[0].seconds_per_target is not None
    p.press(__import__("pygame").K_ESCAPE)
    assert p.screen == "lessons"
    p.app.close()
