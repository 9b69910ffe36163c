"""The real program through its real main loop, used as a person would."""
import sqlite3

import pygame
import pytest

from trainer.pilot import Pilot
from trainer.progress import DB_NAME


@pytest.fixture
def app(tmp_path, lessons):
    """The program on two small lessons (see conftest.py)."""
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        yield p


def rows(tmp_path, sql):
    db = sqlite3.connect(tmp_path / "data" / DB_NAME)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_the_program_opens_on_choosing_who_practises(app):
    assert app.screen == "learners"
    assert {"guest", "add_learner", "quit"} <= set(app.ids())
    assert {"Invité", "Ajouter une personne", "Quitter"} <= set(app.labels())  # in French by default


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_from_choosing_a_learner_to_a_finished_lesson_and_its_rows(app, tmp_path, touch):
    app.click("guest", touch=touch)
    assert app.screen == "lessons"
    app.click("lesson:essai-souris", touch=touch)  # two taps from a new device to the first exercise
    assert app.screen == "player"
    player = app.app.screen
    assert player.step.instruction_for(touch).startswith("Touchez" if touch else "Cliquez")
    app.play_lesson(touch=touch)
    assert app.screen == "results"
    saved = rows(tmp_path, "SELECT step_index, kind, input, successes FROM step_results ORDER BY step_index")
    expected_input = "touch" if touch else "mouse"
    assert saved == [(0, "click", expected_input, 2), (1, "drag", expected_input, 1)]
    assert rows(tmp_path, "SELECT lesson_id, status FROM attempts") == [("essai-souris", "done")]
    # the menu now says the lesson is done, and the next lesson is offered
    assert "next_lesson" in app.ids()
    app.click("next_lesson", touch=touch)
    assert app.app.screen.lesson.id == "essai-double"


def test_each_step_is_written_as_soon_as_it_ends(app, tmp_path):
    app.click("guest")
    app.click("lesson:essai-souris")
    app.play_step()  # the first of two clicks
    assert rows(tmp_path, "SELECT COUNT(*) FROM step_results") == [(0,)]
    app.play_step()  # the step is done: written now, before the next one starts
    assert rows(tmp_path, "SELECT step_index, kind FROM step_results") == [(0, "click")]


def test_a_miss_is_recorded_but_never_ends_the_lesson(app, tmp_path):
    app.click("guest")
    app.click("lesson:essai-souris")
    activity = app.app.screen.activity
    cx, cy = activity.center()
    far = (cx + 400 if cx < 640 else cx - 400, cy)
    for _ in range(3):
        app.click(far)
    assert app.screen == "player" and activity.misses == 3 and activity.hint_visible
    app.play_lesson()
    assert rows(tmp_path, "SELECT misses, hints FROM step_results WHERE step_index = 0") == [(3, 1)]


def test_escape_in_a_lesson_asks_before_leaving_and_non_stays(app, tmp_path):
    app.click("guest")
    app.click("lesson:essai-souris")
    app.press(pygame.K_ESCAPE)
    assert app.screen == "dialog" and "Arrêter" in app.app.dialog.question
    app.click("no")
    assert app.screen == "player"
    app.click("back")
    assert app.screen == "dialog"
    app.click("yes")
    assert app.screen == "lessons"
    assert rows(tmp_path, "SELECT status FROM attempts") == [("left",)]
    # the lesson menu shows it as started
    card = [b for b in app.app.screen.cards if b.id == "lesson:essai-souris"][0]
    assert card.sublabel == "Commencée"


def test_pressing_retour_is_not_a_miss(app):
    app.click("guest")
    app.click("lesson:essai-souris")
    app.click("back")
    app.click("no")
    assert app.app.screen.activity.misses == 0


def test_quitting_always_asks_first(app):
    app.press(pygame.K_ESCAPE)
    assert app.screen == "dialog" and app.app.running
    app.press(pygame.K_ESCAPE)  # Escape answers « Non »
    assert app.screen == "learners" and app.app.running
    app.post(pygame.QUIT)  # the window's close button
    app.frames(1)
    assert app.screen == "dialog" and app.app.running
    app.click("yes")
    assert not app.app.running


def test_closing_the_window_in_a_lesson_keeps_the_finished_steps(app, tmp_path):
    app.click("guest")
    app.click("lesson:essai-souris")
    app.play_step()
    app.play_step()
    app.wait(1.3)
    app.post(pygame.QUIT)
    app.frames(1)
    app.click("yes")
    assert not app.app.running
    assert rows(tmp_path, "SELECT COUNT(*) FROM step_results") == [(1,)]
    assert rows(tmp_path, "SELECT status FROM attempts") == [("left",)]
    assert rows(tmp_path, "SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL") == [(0,)]


def test_adding_a_person_with_the_letters_on_screen(app, tmp_path):
    app.click("add_learner")
    assert app.screen == "add_learner"
    for letter in "MARIE":
        app.click(f"letter:{letter}")
    app.click("erase")
    app.click("letter:E")
    app.click("save")
    assert app.screen == "learners"
    assert "learner:Marie" in app.ids()
    app.click("learner:Marie")
    assert app.screen == "lessons"
    assert rows(tmp_path, "SELECT name, is_guest FROM learners WHERE is_guest = 0") == [("Marie", 0)]
    assert rows(tmp_path, "SELECT COUNT(*) FROM sessions") == [(1,)]


def test_adding_a_person_with_a_keyboard_accents_included(app, tmp_path):
    app.click("add_learner")
    app.type("Hélène")
    app.press(pygame.K_RETURN)
    assert app.screen == "learners" and "learner:Hélène" in app.ids()
    # the same name again is refused kindly
    app.click("add_learner")
    app.type("hélène")
    app.press(pygame.K_RETURN)
    assert app.screen == "add_learner" and "existe déjà" in app.app.screen.message
    app.click("back")
    assert app.screen == "learners"


def test_double_click_delay_follows_the_learner(app, tmp_path):
    store = app.app.store
    slow = store.add_learner("Lucien")
    store.db.execute("UPDATE learners SET settings = ? WHERE id = ?", ('{"double_click_delay": 1.5}', slow.id))
    app.app.nav.learners()
    app.frames(1)
    app.click("learner:Lucien")
    assert app.app.normalizer.double_click_delay == 1.5
    app.click("level:2")
    app.click("lesson:essai-double")
    target = app.app.screen.activity.center()
    app.double_click(target, gap=1.2)  # far too slow for SDL's 0.5 s, fine for Lucien
    assert app.app.screen.activity.done


def test_the_window_can_change_size_in_the_middle_of_a_step(app):
    app.click("guest")
    app.click("lesson:essai-souris")
    pygame.display.set_mode((1280, 800), pygame.RESIZABLE)
    app.post(pygame.WINDOWSIZECHANGED, x=1280, y=800)
    app.frames(1)
    assert app.app.size == (1280, 800)
    app.play_lesson()
    assert app.screen == "results"


def test_a_broken_lesson_is_greyed_out_and_explained(tmp_path, lessons):
    (lessons / "03-cassee.yaml").write_text("format: 1\nid: cassee\ntitle: [\n", encoding="utf-8")
    p = Pilot.start(tmp_path / "data2", lesson_dirs=[lessons])
    p.click("guest")
    assert "level:1" in p.ids() and "level:broken" in p.ids()
    p.click("level:broken")
    p.click("broken:03-cassee.yaml")
    assert p.screen == "dialog" and "03-cassee.yaml:3:" in p.app.dialog.detail
    p.click("ok")
    p.click("level:1")
    p.click("lesson:essai-souris")
    assert p.screen == "player"
    p.app.close()


def test_an_error_in_the_program_goes_back_to_a_safe_screen(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons], strict=False)
    p.click("guest")
    p.click("lesson:essai-souris")

    def broken(event):
        raise RuntimeError("boom")

    p.app.screen.activity.handle = broken
    p.click((10, 700))
    assert p.app.running and p.screen == "dialog" and p.app.screen.name == "lessons"
    assert "boom" in (tmp_path / "data" / "erreurs.log").read_text(encoding="utf-8")
    p.app.close()


def test_the_loop_sleeps_when_nothing_moves(app):
    """No redraw while nothing changes: the frame counter stays still."""
    app.click("guest")
    app.wait(1.5)
    drawn = app.app.frames_drawn
    app.wait(3)
    assert app.app.frames_drawn == drawn
    from trainer.app import IDLE_FPS

    assert app.app.pace(app.app.now()) == IDLE_FPS


def test_a_guest_starts_fresh_each_time(app):
    app.click("guest")
    app.click("lesson:essai-souris")
    app.play_lesson()
    app.click("back")
    card = [b for b in app.app.screen.cards if b.id == "lesson:essai-souris"][0]
    assert card.sublabel == "Terminée"
    app.click("back")
    app.click("guest")  # the next person at this device
    card = [b for b in app.app.screen.cards if b.id == "lesson:essai-souris"][0]
    assert card.sublabel == "Nouvelle"


def test_the_real_loop_sleeps_and_stops_only_after_the_question(tmp_path, lessons):
    """App.run(), the loop the program really uses, with its real clock."""
    from trainer.app import App

    real = App(data_dir=tmp_path / "data", lesson_dirs=[lessons], size=(1280, 720), strict=True)
    real.frame()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    real.frame()
    x, y = [b.rect.center for b in real.dialog.buttons if b.id == "yes"][0]
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=(x, y), button=1, touch=False))
    assert real.run() == 0
    assert not real.running


def test_the_loop_also_runs_under_asyncio(tmp_path, lessons):
    import asyncio

    from trainer.app import App

    real = App(data_dir=tmp_path / "data", lesson_dirs=[lessons], size=(1280, 720), strict=True)

    async def person():
        await asyncio.sleep(0.1)
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        await asyncio.sleep(0.1)
        x, y = [b.rect.center for b in real.dialog.buttons if b.id == "yes"][0]
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=(x, y), button=1, touch=False))

    async def both():
        return (await asyncio.gather(real.run_async(), person()))[0]

    assert asyncio.run(both()) == 0


def test_a_shutdown_signal_closes_the_session_cleanly(tmp_path, lessons):
    """SIGTERM (the computer shutting down) ends the program without a question."""
    import os
    import signal
    import subprocess
    import sys
    import time

    data = tmp_path / "data"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PAS_A_PAS_REPORT_FIRST_FRAME="1")
    proc = subprocess.Popen([sys.executable, "-m", "trainer", "--windowed", "--data", str(data),
                             "--lessons", str(lessons)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if line.startswith("first-frame"):
                break
        time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
    assert (data / DB_NAME).exists()


def test_the_next_step_is_drawn_when_the_praise_ends_without_any_input(app):
    """After « Bravo ! » the next step must appear by itself (a keyboard
    learner does not move the mouse to make the screen change)."""
    app.click("guest")
    app.click("lesson:essai-souris")
    app.play_step()
    app.play_step()
    screen = app.app.screen
    assert screen.praise_until is not None
    for _ in range(200):
        drawn = app.app.frames_drawn
        app.frames(1)
        if screen.index == 1:
            assert app.app.frames_drawn == drawn + 1, "the new step was not drawn"
            break
    else:
        raise AssertionError("the praise never ended")


def test_a_full_disk_in_the_middle_of_a_lesson_lets_it_go_on_and_says_so(app, tmp_path):
    app.click("guest")
    app.click("lesson:essai-souris")
    app.play_step()
    app.app.store.db.execute("PRAGMA query_only=ON")  # from now on every write fails, as on a full disk
    app.play_lesson()
    assert app.screen == "results"
    warning = app.app.store.warning
    assert warning and "ne peuvent pas être écrits pour l'instant" in warning and "continuer" in warning
    assert "gardés" in warning and app.app.store.pending_count > 0  # kept, to be written later
    shown = []
    import trainer.ui.text as text_module

    real_fit = text_module.fit
    text_module.fit = lambda t, *a, **k: shown.append(t) or real_fit(t, *a, **k)
    try:
        app.app.draw()
    finally:
        text_module.fit = real_fit
    assert warning in shown  # the banner is on screen
    app.app.store.db.execute("PRAGMA query_only=OFF")  # the disk was freed
    app.wait(1.5)
    assert app.app.store.pending_count == 0 and app.app.store.warning is None
    assert "maintenant enregistrés" in app.app.translator.text(app.app.notice)
    steps = app.app.store.db.execute("SELECT COUNT(*) FROM step_results").fetchone()[0]
    assert steps == 2  # both steps of the lesson, the one before and the one during the « full disk »
    app.wait(10)
    assert app.app.notice is None  # the good news goes after a while
