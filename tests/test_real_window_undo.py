"""Undo in a real X window with the French AZERTY layout: the key labelled Z
with Ctrl really undoes, Ctrl+Y really redoes, the drawn « Annuler » button
works with the real pointer, and the progress database says so.

Same machinery as tests/test_real_window.py (xvfb-run, openbox, setxkbmap fr,
xdotool, tests/real_window_driver.py); skipped without those tools.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from test_real_window import PRAISE_WAIT, SIZE, Plan, installed_trainer, _centre, _missing_tools, run_in_xvfb
from trainer import resources
from trainer.pilot import Pilot
from trainer.progress import DB_NAME

LEVEL = 5
TITLE = "Essai en vraie fenêtre : annuler"
LESSON = f"""\
format: 1
id: essai-fenetre-annuler
title: "{TITLE}"
level: {LEVEL}
intro: Un essai d'annulation avec le vrai clavier.
steps:
  - kind: undo
    instruction: Effacez le mot « noir ».
    text: Le chat noir dort
    changes:
      - delete: noir
  - kind: undo
    instruction: Glissez la photo dans la corbeille.
    places: [{{label: Bureau}}]
    items: [{{label: Photo}}]
    changes: [{{bin: Photo}}]
  - kind: redo
    instruction: Effacez le mot « vieux ».
    text: Mon vieux vélo
    changes:
      - delete: vieux
"""

pytestmark = pytest.mark.skipif(bool(_missing_tools()), reason="a real X window needs " + ", ".join(_missing_tools()))


def _build_plan(pilot: Pilot) -> Plan:
    plan = Plan()
    for label in ("guest", f"level:{LEVEL}", "lesson:essai-fenetre-annuler"):
        plan.click(pilot.find(label), wait=0.8)
        pilot.click(label)
    assert pilot.screen == "player"
    player = pilot.app.screen

    # 1: a real double click on « noir », Retour arrière, then Ctrl + the key labelled Z
    a = player.activity
    pos = a.word_center("noir")
    plan.double_click(pos)
    pilot.double_click(pos)
    plan.keys(["BackSpace"])
    pilot.press_key("backspace")
    assert a.phase == "recover"
    plan.shot("undo-1-after-the-mistake")
    plan.keys(["ctrl+z"], gap=0.4)
    pilot.shortcut("ctrl+z")
    assert a.done
    plan.sleep(PRAISE_WAIT)
    pilot.wait(1.3)

    # 2: the photo dragged to the bin, then the drawn « Annuler » clicked
    a = player.activity
    start, end = _centre(a.card_rect(0)), _centre(a.layout()["places"]["Corbeille"])
    plan.drag(start, end)
    pilot.drag(start, end)
    undo = _centre(a.layout()["buttons"]["undo"])
    plan.click(undo)
    pilot.click(undo)
    assert a.done
    plan.sleep(PRAISE_WAIT)
    pilot.wait(1.3)

    # 3: erase « vieux » with Suppr, Ctrl+Z, then Ctrl+Y
    a = player.activity
    pos = a.word_center("vieux")
    plan.double_click(pos)
    pilot.double_click(pos)
    plan.keys(["Delete", "ctrl+z"], gap=0.4)
    pilot.press_key("delete")
    pilot.shortcut("ctrl+z")
    assert a.phase == "redo"
    plan.keys(["ctrl+y"], gap=0.4)
    pilot.shortcut("ctrl+y")
    assert a.done
    plan.sleep(PRAISE_WAIT)
    pilot.wait(1.3)
    assert pilot.screen == "results"
    plan.shot("undo-end")

    for expected in ("lessons", "learners", "dialog"):
        plan.keys(["Escape"], gap=0.6)
        pilot.press_key("escape")
        assert pilot.screen == expected
    plan.click(pilot.find("yes"), wait=0.2)
    pilot.click("yes")
    return plan


def test_ctrl_z_ctrl_y_and_the_annuler_button_in_a_real_window_with_azerty(tmp_path):
    trainer = installed_trainer()
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "annuler.yaml").write_text(LESSON, encoding="utf-8")
    data = tmp_path / "data"
    pilot = Pilot.start(tmp_path / "pilot-data", size=SIZE, lesson_dirs=[resources.lessons_dir(), lessons])
    try:
        plan = _build_plan(pilot)
    finally:
        pilot.app.close()
    shots = tmp_path / "screens"
    shots.mkdir()
    result, output = run_in_xvfb(tmp_path, trainer, data, lessons, plan, shots=shots)
    story = "\n".join(result["events"]) + "\n" + result.get("log", "") + f"\n{output}\n(screenshots in {shots})"
    assert result.get("error") is None and result["layout"] == "fr", story
    assert "Traceback" not in result["log"] and result["exit_code"] == 0, story
    db = sqlite3.connect(data / DB_NAME)
    try:
        rows = db.execute("SELECT kind, details FROM step_results ORDER BY step_index").fetchall()
    finally:
        db.close()
    found = [(kind, json.loads(details)) for kind, details in rows]
    assert [k for k, _ in found] == ["undo", "undo", "redo"], story
    assert [(d["undos"], d["redos"], d["undo_by"], d["recovered"]) for _, d in found] == [
        (1, 0, "keyboard", True), (1, 0, "button", True), (1, 1, "keyboard", True)], found
