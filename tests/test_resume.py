"""A half-done lesson goes on where it stopped, even after the program was closed;
« Continuer » opens straight into the next thing to do."""
import sqlite3

import pygame
import pytest

from trainer.pilot import Pilot
from trainer.progress import DB_NAME


def add_person(p, name):
    p.click("Ajouter une personne")
    p.type(name)
    p.click("Enregistrer")
    p.click(name)
    assert p.screen == "lessons", p.labels()


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
    assert p.find("Continuer : Essai souris") and "étape" not in p.app.screen.continue_button.label
    p.click("Continuer")
    player = p.app.screen
    assert player.lesson.id == "essai-souris" and player.index == 0
    while player.index == 0:  # the first step (two clicks), then « Bravo ! »
        p.play_step()
        p.wait(1.5)
    assert player.index == 1
    if how == "quit":
        p.press(pygame.K_ESCAPE)
        p.click("Oui")
        assert p.screen == "lessons"
        p.click("Retour")
        p.click("Quitter")
        p.click("Oui")
    else:
        p.app.close()  # the window closed mid-lesson, or the power went off after the step
    # the next day
    p = Pilot.start(data, lesson_dirs=[lessons])
    p.click("Marie")
    card = [b for b in p.app.screen.cards if b.label == "Essai souris"][0]
    assert card.sublabel == "À reprendre : étape 2"
    assert p.app.screen.continue_button.label == "Continuer : Essai souris (étape 2)"
    p.click("Continuer")
    player = p.app.screen
    assert player.index == 1 and player.resumed
    p.play_lesson()
    assert p.screen == "results"
    assert rows(data, "SELECT a.first_step, s.step_index, s.kind FROM step_results s JOIN attempts a "
                      "ON a.id = s.attempt_id ORDER BY s.id") == [(0, 0, "click"), (1, 1, "drag")]
    assert rows(data, "SELECT status FROM attempts ORDER BY id")[-1] == ("done",)
    # done: « Continuer » now offers the next lesson, and the done one starts from the top again
    p.click("Leçons")
    assert p.app.screen.continue_button.label == "Continuer : Essai double"
    p.click("Niveau 1")
    p.click("Essai souris")
    assert p.app.screen.index == 0
    p.app.close()


def test_recommencer_starts_from_the_first_step(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    add_person(p, "Paul")
    p.click("Essai souris")
    p.play_lesson()
    p.click("Recommencer")
    assert p.app.screen.index == 0 and not p.app.screen.resumed
    p.app.close()


def test_a_lesson_changed_since_starts_again_from_the_top(tmp_path, lessons):
    data = tmp_path / "data"
    p = Pilot.start(data, lesson_dirs=[lessons])
    add_person(p, "Jeanne")
    p.click("Essai souris")
    while p.app.screen.index == 0:
        p.play_step()
        p.wait(1.5)
    p.app.close()
    # the facilitator rewrote the lesson with one step only
    path = lessons / "01-essai.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("  - kind: drag")], encoding="utf-8")
    p = Pilot.start(data, lesson_dirs=[lessons])
    p.click("Jeanne")
    p.click("Essai souris")
    assert p.app.screen.index == 0
    p.app.close()


def test_everything_done_means_no_continuer_button(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    p.click("Invité")
    p.click("Continuer")
    p.play_lesson()
    p.click("Leçon suivante")
    p.play_lesson()
    p.click("Retour aux leçons")
    assert p.app.screen.continue_button is None
    assert not any(label.startswith("Continuer") for label in p.labels())
    p.app.close()
