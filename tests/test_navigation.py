"""One place knows the screens: the navigator's stack, through the real loop,
and a house without import circles."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from trainer import pin
from trainer.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def p(tmp_path, lessons):
    pilot = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    pilot.app.store.add_learner("Marie")
    pilot.app.nav.learners()
    pilot.frames(1)
    yield pilot
    if pilot.app.running:
        pilot.app.close()


def names(p):
    return [s.name for s in p.app.nav.stack]


def test_progress_goes_back_to_whichever_screen_opened_it(p):
    p.click("learner:Marie")
    p.click("my_progress")
    assert names(p) == ["lessons", "progress"]
    p.click("back")
    assert names(p) == ["lessons"]
    # the same screen from the facilitator's page of that person
    pin.set_pin(p.app.store, None)
    p.click("back")
    p.open_facilitator()
    p.click("learner:Marie")
    p.click("progress")
    assert names(p) == ["facilitator", "facilitator_learner", "progress"]
    p.click("back")
    assert names(p) == ["facilitator", "facilitator_learner"]
    p.click("back")
    assert names(p) == ["facilitator"]


def test_a_page_shown_again_reads_the_store_again(p):
    pin.set_pin(p.app.store, None)
    p.open_facilitator()
    p.click("learner:Marie")
    p.click("rename")
    for _ in range(5):
        p.press_key("backspace")
    p.type("Maria")
    p.click("save")
    assert names(p) == ["facilitator", "facilitator_learner"]
    assert p.app.screen.heading() == "Maria"  # the page below was told it is on top again
    p.click("back")
    assert [row.label for row in p.app.screen.rows] == ["Maria"]


def test_every_way_out_of_a_lesson_records_it_as_left_and_a_finished_one_stays_done(p):
    p.click("learner:Marie")
    p.click("lesson:essai-souris")
    player = p.app.screen
    p.play_step()  # the first step, then the program is closed
    attempt = player.attempt_id
    p.app.quit()
    row = p.app.store.db.execute("SELECT status FROM attempts WHERE id = ?", (attempt,)).fetchone()
    assert row[0] == "left"


def test_the_screens_import_no_circle():
    """Every module of trainer/, every import (at the top or inside a
    function): following them never comes back to where it started."""
    package = ROOT / "trainer"
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base[:len(base) - node.level + (1 if is_package else 0)]
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                targets = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    # the package faces (__init__) are left out: importing a.b runs a/__init__ first, not a cycle of ours
    faces = {n for n, p in modules.items() if p.name == "__init__.py"}
    state: dict[str, int] = {}
    circle: list[str] = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node] - faces):
            if state.get(nxt) == 1:
                circle.extend(trail[trail.index(nxt):] + [nxt])
                return True
            if state.get(nxt) is None and visit(nxt, trail + [nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if start not in faces and state.get(start) is None and visit(start, [start]):
            break
    assert not circle, " -> ".join(circle)
