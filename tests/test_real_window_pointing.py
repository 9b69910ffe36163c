"""Forgiving pointing with the real X pointer (issue 14): xdotool's ``click 5`` is
one notch of a real wheel (X sends button 5; SDL adds MOUSEWHEEL and pygame-ce
the buttons 4/5), and a hand that trembles presses, wanders a finger's width
and comes back before letting go.  One notch must move the page by one row and
be recorded once; the trembling clicks must count.

Positions and notch counts are computed in-process first (the Pilot, the
same screens); a notch counted twice would scroll past the thing to find and
the click planned on it would land on another row.  Skipped without Xvfb,
xdotool and openbox (see tests/test_real_window.py)."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from test_real_window import PRAISE_WAIT, SIZE, Plan, installed_trainer, _missing_tools, run_in_xvfb
from trainer import resources
from trainer.pilot import Pilot
from trainer.progress import DB_NAME

pytestmark = pytest.mark.skipif(bool(_missing_tools()), reason="needs " + ", ".join(_missing_tools()))

LESSON = """\
format: 1
id: essai-fenetre-pointer
title: "Essai en vraie fenêtre : une main qui tremble"
level: 5
intro: La vraie molette, une main qui tremble.
steps:
  - kind: scroll
    instruction: Faites défiler jusqu'au chat, puis cliquez dessus.
    find: Le chat
    find_at: 0.6
    page_length: 3
  - kind: click
    instruction: Cliquez sur le rond.
    count: 2
    positions: [[0.3, 0.5], [0.7, 0.5]]
"""


def _build_plan(pilot: Pilot) -> tuple[Plan, int]:
    plan = Plan()
    for button in ("guest", "level:5", "lesson:essai-fenetre-pointer"):
        plan.click(pilot.find(button))
        pilot.click(button)
    assert pilot.screen == "player"
    player = pilot.app.screen
    a = player.activity
    assert a.KIND == "scroll"
    vx, vy, vw, vh = a._viewport()
    middle = (round(vx + vw / 2), round(vy + vh / 2))
    notches = 0
    while not a.seen:
        pilot.wheel(1, middle)
        notches += 1
    plan.actions.append(["wheel", middle[0], middle[1], notches])
    plan.sleep(0.6)
    x, y, w, h = a._row_rect(a.target_index)
    plan.click((x + w / 2, y + h / 2))
    pilot.click((x + w / 2, y + h / 2))
    assert a.done, "the thing found was not clicked in-process"
    plan.sleep(PRAISE_WAIT)
    pilot.wait(1.3)
    # two targets, each clicked by a hand that wanders 8 % of the screen height and comes back
    a = player.activity
    assert a.KIND == "click"
    wander = round(0.08 * SIZE[1])
    path = [[wander, 0], [wander // 2, -wander // 2], [-wander // 3, wander // 3], [4, 3]]
    for _ in range(2):
        cx, cy = (round(v) for v in a.center())
        plan.actions.append(["wander_click", cx, cy, path])
        plan.sleep(0.5)
        pilot.wander_click((cx, cy), [tuple(p) for p in path[:-1]], release=tuple(path[-1]))
    assert a.done and a.misses == 0
    plan.sleep(PRAISE_WAIT)
    pilot.wait(1.3)
    assert pilot.screen == "results"
    for expected in ("lessons", "learners", "dialog"):
        plan.keys(["Escape"], gap=0.6)
        pilot.press_key("escape")
        assert pilot.screen == expected
    plan.click(pilot.find("yes"), wait=0.2)
    pilot.click("yes")
    return plan, notches


def test_a_real_wheel_notch_is_one_row_and_a_trembling_click_counts(tmp_path):
    trainer = installed_trainer()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "pointer.yaml").write_text(LESSON, encoding="utf-8")
    data = tmp_path / "data"
    pilot = Pilot.start(tmp_path / "pilot-data", size=SIZE, lesson_dirs=[resources.lessons_dir(), lessons])
    try:
        plan, notches = _build_plan(pilot)
    finally:
        pilot.app.close()
    shots = tmp_path / "screens"
    shots.mkdir()
    result, output = run_in_xvfb(tmp_path, trainer, data, lessons, plan)
    story = "\n".join(result["events"]) + "\n" + result.get("log", "") + f"\n{output}"
    assert result.get("error") is None, story
    assert "Traceback" not in result["log"] and result["exit_code"] == 0, story
    db = sqlite3.connect(data / DB_NAME)
    try:
        rows = db.execute("SELECT kind, successes, misses, details FROM step_results ORDER BY step_index").fetchall()
    finally:
        db.close()
    assert [(kind, successes, misses) for kind, successes, misses, _ in rows] == [
        ("scroll", 1, 0), ("click", 2, 0)], story
    scroll = json.loads(rows[0][3])
    assert scroll["wheel_notches"] == notches, scroll  # each notch once: X's button 5 is not a second notch
    assert scroll["rows_scrolled"] == pytest.approx(notches), scroll
