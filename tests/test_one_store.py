"""One store: only trainer/progress/ runs SQL, a finished step and its
attempt's « done » are one transaction, and one rule says when a lesson is
done, the same for the menu, « Continuer », the facilitator, the progress
screen, the export and the report."""
import ast
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

import trainer
from trainer import exchange, stats
from trainer.activities.base import StepResult
from trainer.activities.keyboard_common import TypingDetails
from trainer.progress import DB_NAME, ProgressStore
from trainer.report import workshop_report

PACKAGE = Path(trainer.__file__).parent
SQL_CALLS = {"execute", "executemany", "executescript"}


def sql_uses(path: Path) -> list[str]:
    """Where a module runs SQL: a call of .execute/.executemany/.executescript, or an import of sqlite3."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: .{node.func.attr}()")
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlite3" for a in node.names):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: import sqlite3")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlite3":
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: from sqlite3 import")
    return found


def test_only_the_store_package_runs_sql():
    outside = [p for p in sorted(PACKAGE.rglob("*.py")) if (PACKAGE / "progress") not in p.parents]
    assert len(outside) > 40  # the scan does look at the program
    assert [use for path in outside for use in sql_uses(path)] == []


def test_the_scan_sees_sql(tmp_path):
    """The scan itself finds what it looks for (else the test above proves nothing)."""
    module = PACKAGE / "progress" / "store.py"
    uses = sql_uses(module)
    assert any(".execute()" in u for u in uses) and any("import sqlite3" in u for u in uses)
    assert any(".executemany()" in u for u in sql_uses(PACKAGE / "progress" / "exchange_rows.py"))


# -- a step and its attempt's status: one transaction ----------------------------------------------

def result(kind="click", details=None):
    return StepResult(kind, 3.0, 1, 0, 0.1, "mouse", 2, details or TypingDetails())


def status(store, attempt):
    return store.db.execute("SELECT status FROM attempts WHERE id = ?", (attempt,)).fetchone()[0]


def test_the_last_step_marks_its_attempt_done_in_the_same_transaction(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 2)
    assert store.record_step(attempt, 0, result())
    assert status(store, attempt) == "started"
    assert store.record_step(attempt, 1, result())  # the last one: no finish_attempt needed
    assert status(store, attempt) == "done"
    store.finish_attempt(attempt, "left")  # « Retour » during « Bravo ! »
    assert status(store, attempt) == "done"
    store.close()
    assert status(ProgressStore(tmp_path / DB_NAME), attempt) == "done"  # durable


def test_a_failed_status_write_takes_the_step_with_it(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(who.id), who.id, "l", "L", 1)
    store.db.execute("CREATE TEMP TRIGGER no_done BEFORE UPDATE OF status ON attempts "
                     "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    assert store.record_step(attempt, 0, result()) is False
    assert store.warning and "disque est plein" in store.warning
    assert store.db.execute("SELECT COUNT(*) FROM step_results").fetchone() == (0,)  # all or nothing
    assert status(store, attempt) == "started"


def test_the_player_does_not_write_the_status_apart():
    source = (PACKAGE / "screens" / "player.py").read_text(encoding="utf-8")
    assert 'finish_attempt(self.attempt_id, "done")' not in source


# -- one rule for « done » --------------------------------------------------------------------------

LESSONS = [SimpleNamespace(id=i, level=1 if n < 3 else 2, title=i)
           for n, i in enumerate(["fait", "tue", "parti", "reprise", "moities", "reprise-tuee", "en-cours"])]
DONE = {"fait", "tue", "parti", "reprise"}


@pytest.fixture
def tricky(tmp_path):
    """Every way a lesson can look done or not, for one learner (steps: 4 per lesson)."""
    store = ProgressStore(tmp_path / DB_NAME)
    who = store.add_learner("Marie")
    session = store.start_session(who.id)

    def attempt(lesson_id, steps, first_step=0):
        a = store.start_attempt(session, who.id, lesson_id, lesson_id, 4, first_step)
        for i in steps:
            assert store.record_step(a, i, result())
        return a

    attempt("fait", range(4))  # played to its end
    killed = attempt("tue", range(4))  # every step recorded, the status never written (an older version killed)
    store.db.execute("UPDATE attempts SET status = 'started', finished_at = NULL WHERE id = ?", (killed,))
    store.finish_attempt(attempt("parti", range(4)), "left")  # « Retour » during « Bravo ! »: stays done
    store.finish_attempt(attempt("reprise", [0, 1]), "left")  # left half way, then resumed to the end
    resumed = attempt("reprise", [2, 3], first_step=2)
    store.db.execute("UPDATE attempts SET status = 'started' WHERE id = ?", (resumed,))  # and killed at « Bravo ! »
    store.finish_attempt(attempt("moities", [0, 1]), "left")  # two halves of two attempts: 4 steps, not done
    store.finish_attempt(attempt("moities", [0, 1]), "left")
    store.finish_attempt(attempt("reprise-tuee", [0, 1, 2]), "left")  # resumed at the last step, killed in it
    attempt("reprise-tuee", [], first_step=3)
    attempt("en-cours", [0])  # still being played
    yield store, who
    store.close()


def test_menu_continue_facilitator_progress_screen_export_and_report_agree(tricky, tmp_path):
    store, who = tricky
    # the menu and « Continuer »
    states = store.lesson_states(who.id)
    assert {k for k, v in states.items() if v == "done"} == DONE
    assert states == {"fait": "done", "tue": "done", "parti": "done", "reprise": "done", "moities": "started",
                      "reprise-tuee": "started", "en-cours": "started"}
    assert {l.id: store.resume_point(who.id, l.id, 4) for l in LESSONS} == {
        "fait": 0, "tue": 0, "parti": 0, "reprise": 0, "moities": 2, "reprise-tuee": 3, "en-cours": 1}
    # the facilitator's screen
    assert store.learner_overview(who.id)["done"] == len(DONE)
    # the progress screen
    progress = stats.learner_progress(store, who.id, LESSONS)
    assert progress.lessons_done == len(DONE)
    assert [(c.level, c.done, c.total) for c in progress.levels] == [(1, 3, 3), (2, 1, 4)]
    # the export: an attempt's status is the rule's
    exchange.export_progress(store, tmp_path / "export.json")
    attempts = [a for s in json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))["learners"][0]
                ["sessions"] for a in s["attempts"]]
    assert {a["lesson_id"] for a in attempts if a["status"] == "done"} == DONE
    assert sum(a["status"] == "done" for a in attempts) == len(DONE)  # « reprise »: only its second attempt
    # the workshop report
    report = workshop_report(store, LESSONS)
    assert report.lessons_done == report.people[0].lessons_done == len(DONE)
    assert report.lessons_done_by_level == {"1": 3, "2": 1}


def test_the_facilitator_sees_a_lesson_killed_at_bravo_as_done(tricky):
    store, who = tricky
    assert store.learner_overview(who.id)["current"] == {"id": "en-cours", "title": "en-cours", "status": "started"}
    session = store.db.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
    again = store.start_attempt(session, who.id, "tue", "tue", 2)  # played again, killed at « Bravo ! »
    store.record_step(again, 0, result())
    store.record_step(again, 1, result())
    store.db.execute("UPDATE attempts SET status = 'started' WHERE id = ?", (again,))
    assert store.learner_overview(who.id)["current"] == {"id": "tue", "title": "tue", "status": "done"}


def test_the_guest_menu_of_one_session_uses_the_same_rule(tricky):
    store, who = tricky
    session = store.db.execute("SELECT MAX(id) FROM sessions").fetchone()[0]
    assert store.lesson_states(who.id, session) == store.lesson_states(who.id)
    other = store.start_session(who.id)
    assert store.lesson_states(who.id, other) == {}


def test_an_imported_killed_attempt_is_done_here_too(tricky, tmp_path):
    store, who = tricky
    exchange.export_progress(store, tmp_path / "export.json")
    other = ProgressStore(tmp_path / "other" / DB_NAME)
    exchange.import_progress(other, tmp_path / "export.json")
    marie = other.find_learner("Marie")
    assert other.lesson_states(marie.id) == store.lesson_states(who.id)
    assert other.learner_overview(marie.id)["done"] == len(DONE)
