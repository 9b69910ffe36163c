"""A half-done lesson goes on where it stopped, even after the program was closed;
« Continuer » opens straight into the next thing to do."""
import sqlite3

import pygame
import pytest

from trainer.pilot import Pilot
from trainer.progress import DB_NAME


def add_person(p, name):
    p.click("add_learner")
    p.type(name)
    p.click("save")
    p.click(f"learner:{name}")
    assert p.screen == "lessons", p.labels()


def finish_first_step(p):
    """Play the lesson's first step (two clicks), then « Bravo ! »: the second step is on."""
    while p.app.screen.index == 0:
        p.play_step()
        p.wait(1.5)


def rows(data, sql):
    db = sqlite3.connect(data / DB_NAME)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


@pytest.mark.parametrize("how", ["quit", "window closed"])
def test_a_half_done_lesson_resumes_at_its_step_after_the_program_was_closed(tmp_path, lessons, how):
    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Marie")
    # a new learner: « Continuer » opens the first lesson from the start
    assert p.find("continue") and "étape" not in p.app.screen.continue_button.label
    p.click("continue")
    player = p.app.screen
    assert player.lesson.id == "essai-souris" and player.index == 0
    finish_first_step(p)
    assert player.index == 1
    if how == "quit":
        p.press(pygame.K_ESCAPE)
        p.click("yes")
        assert p.screen == "lessons"
        p.click("back")
        p.click("quit")
        p.click("yes")
    else:
        p.app.close()  # the window closed mid-lesson, or the power went off after the step
    # the next day
    p = Pilot.start(data, lesson_dirs=[lessons])
    p.click("learner:Marie")
    card = [b for b in p.app.screen.cards if b.id == "lesson:essai-souris"][0]
    assert card.sublabel == "À reprendre : étape 2"
    assert p.app.screen.continue_button.label == "Continuer : Essai souris (étape 2)"
    p.click("continue")
    player = p.app.screen
    assert player.index == 1 and player.run.resumed
    p.play_lesson()
    assert p.screen == "results"
    assert rows(data, "SELECT a.first_step, s.step_index, s.kind FROM step_results s JOIN attempts a "
                      "ON a.id = s.attempt_id ORDER BY s.id") == [(0, 0, "click"), (1, 1, "drag")]
    assert rows(data, "SELECT status FROM attempts ORDER BY id")[-1] == ("done",)
    # done: « Continuer » now offers the next lesson, and the done one starts from the top again
    p.click("back")
    assert p.app.screen.continue_button.label == "Continuer : Essai double"
    p.click("level:1")
    p.click("lesson:essai-souris")
    assert p.app.screen.index == 0
    p.app.close()


def test_recommencer_starts_from_the_first_step(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    add_person(p, "Paul")
    p.click("lesson:essai-souris")
    p.play_lesson()
    p.click("again")
    assert p.app.screen.index == 0 and not p.app.screen.run.resumed
    p.app.close()


def test_a_lesson_changed_since_starts_again_from_the_top(tmp_path, lessons):
    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Jeanne")
    p.click("lesson:essai-souris")
    finish_first_step(p)
    p.app.close()
    # the facilitator rewrote the lesson with one step only
    path = lessons / "01-essai.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("  - kind: drag")], encoding="utf-8")
    p = Pilot.start(data, lesson_dirs=[lessons])
    p.click("learner:Jeanne")
    p.click("lesson:essai-souris")
    assert p.app.screen.index == 0
    p.app.close()


def test_everything_done_means_no_continuer_button(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    p.click("guest")
    p.click("continue")
    p.play_lesson()
    p.click("next_lesson")
    p.play_lesson()
    p.click("lessons")
    assert p.app.screen.continue_button is None
    assert "continue" not in p.ids()
    p.app.close()


def test_mode_maison_opens_on_the_one_learner_and_continuer(tmp_path, lessons, capsys):
    from trainer.cli import main

    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Marie")
    p.click("back")
    add_person(p, "Paul")
    p.app.close()
    assert main(["home", "Lucien", "--data", str(data)]) == 1
    assert "Personnes enregistrées : Marie, Paul" in capsys.readouterr().out
    assert main(["home", "marie", "--data", str(data)]) == 1  # no code yet: a lent device needs one
    assert "trainer pin --set" in capsys.readouterr().out
    from trainer import pin
    from trainer.progress import ProgressStore

    store = ProgressStore(data / DB_NAME)
    pin.set_pin(store, "1470")
    store.close()
    assert main(["home", "marie", "--data", str(data)]) == 0
    assert "directement sur les leçons de Marie" in capsys.readouterr().out
    # the loaned device opens on Marie's lessons, nobody else is visible
    p = Pilot.start(data, lesson_dirs=[lessons])
    assert p.screen == "lessons" and p.app.learner.name == "Marie"
    assert "learner:Paul" not in p.ids() and "back" not in p.ids()
    p.click("continue")
    assert p.screen == "player"
    p.press(pygame.K_ESCAPE)
    p.click("yes")
    assert p.screen == "lessons"
    # the way out asks first, and never shows the other learners
    p.click("quit")
    assert p.screen == "dialog" and p.app.dialog.question == "Quitter Pas à pas ?"
    p.click("no")
    p.press(pygame.K_ESCAPE)
    assert p.screen == "dialog"
    p.click("yes")
    assert not p.app.running
    assert rows(data, "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL") == [(0,)]
    assert main(["home", "--off", "--data", str(data)]) == 0
    p = Pilot.start(data, lesson_dirs=[lessons])
    assert p.screen == "learners" and {"learner:Marie", "learner:Paul"} <= set(p.ids())
    p.app.close()


def test_mode_maison_for_a_deleted_learner_falls_back_to_the_choice(tmp_path, lessons):
    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Marie")
    store = p.app.store
    marie = p.app.learner
    store.set_device_setting("home_learner", store.learner_uid(marie.id))
    p.click("back")  # home mode now: the lesson menu's way back asks to quit
    assert p.screen == "dialog"
    p.click("no")
    store.delete_learner(marie.id)
    p.app.close()
    p = Pilot.start(data, lesson_dirs=[lessons])
    assert p.screen == "learners"
    p.app.close()


def test_a_done_lesson_started_again_and_left_half_way_resumes_too(tmp_path, lessons):
    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Marie")
    p.click("lesson:essai-souris")
    p.play_lesson()
    p.click("again")
    finish_first_step(p)
    p.press(pygame.K_ESCAPE)
    p.click("yes")
    card = [b for b in p.app.screen.cards if b.id == "lesson:essai-souris"][0]
    assert card.sublabel == "À reprendre : étape 2"
    assert p.app.screen.continue_button.label == "Continuer : Essai souris (étape 2)"
    p.app.close()


def test_the_last_step_done_is_the_lesson_done_even_if_left_during_bravo(tmp_path, lessons):
    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Marie")
    p.click("level:2")
    p.click("lesson:essai-double")  # one step
    p.play_step()
    assert p.app.screen.praise_until is not None  # « Bravo ! » on screen
    assert rows(data, "SELECT status FROM attempts") == [("done",)]
    p.press(pygame.K_ESCAPE)  # « Arrêter cette leçon ? » during « Bravo ! »: it stays done
    p.click("yes")
    assert rows(data, "SELECT status FROM attempts") == [("done",)]
    p.app.close()
