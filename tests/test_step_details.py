"""Typed step details: every step kind declares what its steps record (a
``Details`` dataclass next to its SETTINGS); the stored JSON keeps the keys
it always had, and reading it back never fails."""
import dataclasses
import json
import random

import pytest

from trainer import activities
from trainer import input as inp
from trainer.activities.base import Context, StepResult, TargetDetails
from trainer.activities.details import StepDetails, check_shape
from trainer.activities.keyboard_common import TypingDetails
from trainer.activities.practice import UndoDetails
from trainer.progress import DB_NAME, ProgressStore, StepRecord

KINDS = ["click", "double_click", "drag", "field", "hover", "key", "letters", "redo", "right_click", "scroll",
         "type", "undo"]


def test_every_kind_declares_its_details():
    assert sorted(activities.kinds()) == KINDS
    for kind, module in activities.kinds().items():
        details = module.Details
        assert dataclasses.is_dataclass(details) and issubclass(details, StepDetails), kind
        assert module.Activity.DETAILS is details, kind  # the activity records what the module declares
        assert activities.details_type(kind) is details
        check_shape(details)  # every field can be read back (float, int, bool, str, dict[str, int], or None)
        assert all(f.default is not dataclasses.MISSING for f in dataclasses.fields(details)), kind


def test_an_unknown_kind_has_no_details():
    assert activities.details_type("from-a-newer-version") is StepDetails
    assert activities.read_details("from-a-newer-version", '{"speed": 3}') == StepDetails()


def test_the_stored_keys_are_the_ones_they_always_were():
    assert TargetDetails(start_size=0.15).to_json() == {"start_size": 0.15}
    assert activities.kinds()["double_click"].Details(start_size=0.15).to_json() == {"start_size": 0.15}
    assert activities.kinds()["double_click"].Details(start_size=0.15, slow_clicks=2).to_json() == {
        "start_size": 0.15, "slow_clicks": 2}
    assert TargetDetails(start_size=0.15, throughput=1.5).to_json() == {"start_size": 0.15, "throughput": 1.5}
    assert activities.kinds()["scroll"].Details().to_json() == {"wheel_notches": 0, "rows_scrolled": 0.0}
    assert TypingDetails(31.5, 0.875, {"é": 2}).to_json() == {
        "chars_per_minute": 31.5, "accuracy": 0.875, "missed_keys": {"é": 2}}
    assert UndoDetails(1, 0, True, None, "learner", 1).to_json() == {
        "undos": 1, "redos": 0, "recovered": True, "undo_by": None, "made_by": "learner", "changes": 1}


@pytest.mark.parametrize("kind, stored, expected", [
    # as written by this version and the ones before
    ("type", '{"accuracy": 0.875, "chars_per_minute": 31.5, "missed_keys": {"é": 2}}',
     TypingDetails(31.5, 0.875, {"é": 2})),
    ("undo", '{"changes": 1, "made_by": "learner", "recovered": true, "redos": 0, "undo_by": null, "undos": 2}',
     UndoDetails(2, 0, True, None, "learner", 1)),
    # partial: missing keys take the defaults
    ("undo", '{"undos": 1}', UndoDetails(undos=1)),
    ("scroll", '{"seen_after": 2.5}', activities.kinds()["scroll"].Details(0, 0.0, 2.5)),
    ("letters", "{}", TypingDetails()),
    # foreign: unknown keys are ignored, wrong types give None
    ("type", '{"chars_per_minute": "vite", "accuracy": true, "missed_keys": {"a": 1, "b": "x", "c": 2.0}, '
             '"mood": "happy"}', TypingDetails(None, None, {"a": 1, "c": 2})),
    ("undo", '{"undos": 2.0, "redos": 1.5, "recovered": 1, "undo_by": 3}', UndoDetails(2, None, None, None)),
    ("click", '{"start_size": NaN}', TargetDetails(None)),
    ("click", '{"start_size": 12}', TargetDetails(12.0)),
    # not an object, or not JSON at all
    ("click", "[1, 2]", TargetDetails()),
    ("click", "{abîmé", TargetDetails()),
    ("click", "", TargetDetails()),
    ("click", None, TargetDetails()),
    ("drag", {"drops_outside": 2}, activities.kinds()["drag"].Details(drops_outside=2)),  # already decoded
])
def test_reading_back_is_forgiving(kind, stored, expected):
    details = activities.read_details(kind, stored)
    assert details == expected and type(details) is type(expected)


def test_every_kind_round_trips_through_the_store(tmp_path):
    """What a real step of each kind records is read back equal, typed."""
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 99)
    samples = {
        "click": TargetDetails(0.15), "double_click": activities.kinds()["double_click"].Details(start_size=0.15, slow_clicks=1),
        "drag": activities.kinds()["drag"].Details(0.18, 2), "hover": TargetDetails(0.1),
        "right_click": TargetDetails(0.12), "scroll": activities.kinds()["scroll"].Details(3, 4.5, 2.25),
        "field": TypingDetails(20.0, 1.0, {}), "key": TypingDetails(12.0, 0.5, {"a": 1}),
        "letters": TypingDetails(8.5, 0.75, {"é": 3}), "type": TypingDetails(40.0, 0.9, {"ç": 1, "à": 2}),
        "undo": UndoDetails(2, 0, True, "keyboard", "learner", 1), "redo": UndoDetails(1, 1, False, None, "program", 1),
    }
    assert sorted(samples) == KINDS
    for i, (kind, details) in enumerate(samples.items()):
        assert store.record_step(attempt, i, StepResult(kind, 2.0, 0, 0, 0.1, "mouse", 1, details))
    back = {step.kind: step.details for step in store.learner_steps(who.id)}
    assert back == samples
    stored = {row["kind"]: json.loads(row["details"]) for row in store.steps_of(attempt)}
    assert stored["undo"]["undo_by"] == "keyboard" and "undo_by" in stored["redo"]  # null kept


def test_a_played_step_gives_its_typed_details():
    ctx = Context(area=(0, 0, 1000, 800), unit=800.0, now=0.0, rng=random.Random(1))
    a = activities.create("double_click", {"count": 1, "positions": [[0.5, 0.5]]}, ctx)
    centre = a.center()
    a.feed(inp.Click(centre, inp.LEFT, False, 0.1))
    a.update(5.0)  # the second click never came: a slow double click
    a.feed(inp.DoubleClick(centre, False, 6.0))
    details = a.result().details
    assert details == activities.kinds()["double_click"].Details(start_size=0.15, slow_clicks=1)
    assert details is not a.details  # a copy: the result does not change with the activity


def test_a_step_record_reads_its_details_once():
    step = StepRecord.of("type", 10.0, 4.0, 0, 1, '{"chars_per_minute": 30}', session_id=3)
    assert (step.session_id, step.kind, step.finished_at, step.duration, step.misses, step.successes) == (
        3, "type", 10.0, 4.0, 0, 1)
    assert step.details is step.details and step.details.chars_per_minute == 30.0
    assert "chars_per_minute=30.0" in repr(step)
