"""Keys that explain themselves (issue 15, item 5), played with the real French layout."""
import json

from trainer.pilot import Pilot

LESSON = """\
format: 1
id: clavier-explique
title: Clavier
level: 1
intro: Un essai.
steps:
  - kind: field
    instruction: Écrivez Paris.
    text: Paris
  - kind: type
    instruction: Tapez bon.
    text: bon
  - kind: field
    instruction: Effacez tout.
    text: ""
    initial: "abc"
"""


def test_missed_key_caps_lock_hint_and_speed(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "c.yaml").write_text(LESSON, encoding="utf-8")
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        p.click("guest")
        p.click("lesson:clavier-explique")
        screen = p.app.screen
        p.type("Pz")  # a wrong letter: the miss is « a », not « Retour arrière »
        p.press_key("backspace")
        p.type("aris")
        p.wait(1.3)
        step = screen.activity
        p.press_key("caps_lock")  # switched on by mistake
        p.type("b")  # gives « B »
        assert step.caps_on and step.pressed_text == "B"
        assert "Verr. Maj" in step.automatic_hint()
        p.press_key("caps_lock")
        p.type("bon")
        p.wait(1.3)
        for _ in range(3):
            p.press_key("backspace")
        p.wait(1.3)
        rows = p.app.store.db.execute("SELECT details FROM step_results ORDER BY step_index").fetchall()
        details = [json.loads(r[0]) for r in rows]
        assert details[0]["missed_keys"] == {"a": 1}
        assert details[1]["chars_per_minute"] > 0
        assert details[2].get("chars_per_minute") is None  # erasing only: no typing speed
