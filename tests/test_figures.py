"""The measures of practice (trainer.figures), defined once for the progress
screen and the workshop report, over step records with typed details."""
import ast
from pathlib import Path

import pytest

from trainer import figures, stats
from trainer.activities.base import StepResult, TargetDetails
from trainer.activities.keyboard_common import TypingDetails
from trainer.activities.practice import UndoDetails
from trainer.figures import Figures
from trainer.progress import DB_NAME, ProgressStore, StepRecord
from trainer.report import workshop_report


def step(kind, duration, misses, successes, details="{}"):
    return StepRecord.of(kind, 0.0, duration, misses, successes, details)


def test_each_measure():
    f = Figures.of([
        step("click", 12.0, 4, 2), step("drag", 6.0, 0, 1), step("double_click", 2.0, 0, 1),
        step("hover", 1.0, 3, 0),  # no target reached: not a time per target, nor its misses
        step("letters", 30.0, 1, 5, '{"chars_per_minute": 20.0}'), step("type", 9.0, 0, 1, '{"chars_per_minute": 44}'),
        step("field", 9.0, 0, 1, '{"chars_per_minute": 32, "accuracy": 0.5}'),
        step("key", 2.0, 0, 3, '{"chars_per_minute": 90}'),  # pressing named keys is not typing
        step("type", 9.0, 0, 1, '{"chars_per_minute": "vite"}'),  # a wrong value from elsewhere: not measured
        step("undo", 5.0, 0, 1, '{"undos": 2, "redos": 1, "recovered": true}'),
        step("redo", 5.0, 0, 1, '{"undos": 1}'),
        step("undo", 5.0, 0, 1, "{}"),  # recorded nothing about undos: not counted as measured
        step("scroll", 4.0, 0, 1, '{"wheel_notches": 3}'),
    ])
    assert f.steps == 13
    assert f.seconds_per_target == 6.0  # median of 6, 6 and 2 seconds per target
    assert f.misses_per_target == 1.0  # 4 misses for 4 targets
    assert f.chars_per_minute == 32.0  # median of 20, 44 and 32
    assert (f.undos, f.undo_steps) == (4, 2)


def test_nothing_measured():
    f = Figures.of([step("scroll", 4.0, 0, 1), step("click", 3.0, 1, 0)])
    assert (f.steps, f.seconds_per_target, f.misses_per_target, f.chars_per_minute, f.undos, f.undo_steps) == (
        2, None, None, None, 0, 0)


def test_the_measures_read_typed_details():
    """The kinds measured for typing and undos record the typed details the figures read."""
    from trainer import activities

    assert all(activities.details_type(k) is TypingDetails for k in figures.TYPING_KINDS)
    assert all(activities.details_type(k) is UndoDetails for k in figures.UNDO_KINDS)
    assert figures.POINTING_KINDS | figures.TYPING_KINDS | figures.UNDO_KINDS <= set(activities.kinds())


def test_groups_merged_are_the_figures_of_all_their_steps():
    """The report counts each step once per session, then merges the
    sessions into occasions and days: the same figures as adding every step."""
    import random

    rng = random.Random(13)
    kinds = ["click", "double_click", "drag", "hover", "type", "letters", "undo", "redo", "scroll", "key"]
    steps = []
    for _ in range(500):
        kind = rng.choice(kinds)
        details = rng.choice(['{}', '{"chars_per_minute": %s}' % rng.uniform(5, 80), '{"undos": %d, "redos": %d}'
                              % (rng.randrange(4), rng.randrange(3)), '{"throughput": %s}' % rng.uniform(0.5, 4)])
        steps.append(step(kind, rng.uniform(0.5, 30), rng.randrange(5), rng.randrange(4), details))
    whole = Figures.of(steps)
    merged = Figures()
    for i in range(0, len(steps), 37):
        merged.merge(Figures.of(steps[i:i + 37]))
    for name in ("steps", "misses", "targets", "undos", "undo_steps", "seconds_per_target", "misses_per_target",
                 "chars_per_minute", "throughput"):
        assert getattr(merged, name) == getattr(whole, name), name
    assert whole.throughput is not None
    unmeasured = Figures(throughput=False)
    for s in steps:
        unmeasured.add(s)
    assert unmeasured.throughput is None and unmeasured.seconds_per_target == whole.seconds_per_target


def test_figures_is_pure():
    tree = ast.parse(Path(figures.__file__).read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not imported & {"pygame", "sqlite3"}
    assert not any(isinstance(n, ast.Attribute) and n.attr in ("execute", "executemany") for n in ast.walk(tree))


def test_the_progress_screen_and_the_report_measure_a_day_the_same_way(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 20)
    results = [("click", 12.0, 4, 2, TargetDetails(0.15)), ("drag", 7.0, 1, 1, TargetDetails(0.18)),
               ("hover", 2.5, 0, 1, TargetDetails(0.1)), ("letters", 30.0, 1, 5, TypingDetails(20.5, 0.8, {})),
               ("type", 10.0, 0, 1, TypingDetails(44.25, 1.0, {})), ("field", 10.0, 0, 1, TypingDetails(31.0)),
               ("undo", 5.0, 0, 1, UndoDetails(2, 1, True, "keyboard", "learner", 1)),
               ("redo", 5.0, 0, 1, UndoDetails(1, 1, True, "button", "learner", 1))]
    for i, (kind, duration, misses, successes, details) in enumerate(results):
        store.record_step(attempt, i, StepResult(kind, duration, misses, 0, 0.1, "mouse", successes, details))
    (day,) = stats.learner_progress(store, who.id).days
    (person,) = workshop_report(store, []).people
    measured = {m.key: m.first for m in person.measures}
    assert measured == {"seconds_per_target": round(day.seconds_per_target, 2),
                        "misses_per_target": round(day.misses_per_target, 2),
                        "chars_per_minute": round(day.chars_per_minute, 2), "undos": day.undos}
    assert (day.seconds_per_target, day.misses_per_target, day.chars_per_minute, day.undos) == (
        pytest.approx(6.0), pytest.approx(5 / 4), 31.0, 5)
