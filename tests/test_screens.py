"""Every screen at the sizes of the devices in the van: nothing off screen,
nothing on top of something else, the instruction big, the way back visible.

Set PAS_A_PAS_SCREENSHOTS=folder to save a PNG of each screen to look at.
"""
import os
from pathlib import Path

import pytest

from trainer.pilot import Pilot


SIZES = [(1280, 720), (1280, 800), (1366, 768), (1920, 1080), (2560, 1440)]
SHOTS = os.environ.get("PAS_A_PAS_SCREENSHOTS")


def shot(pilot, name):
    if SHOTS:
        w, h = pilot.app.size
        folder = Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        pilot.screenshot(folder / f"{w}x{h}-{name}.png")


def check_layout(pilot):
    owner = pilot.app.dialog or pilot.app.screen
    w, h = pilot.app.size
    rects = [b.rect for b in owner.buttons]
    for b in owner.buttons:
        assert 0 <= b.rect.left and b.rect.right <= w and 0 <= b.rect.top and b.rect.bottom <= h, \
            f"{b.label!r} is off screen at {w}x{h}"
        assert b.rect.h >= 0.06 * h, f"{b.label!r} is too small to touch at {w}x{h}"
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.colliderect(b), f"buttons overlap at {w}x{h}"


def back_button(pilot):
    """The way back of the screen on top: « Retour » (« Annuler », « Leçons »…), « Quitter », « Non », « D'accord »."""
    return next((i for i in pilot.ids() if i in ("back", "quit", "no", "ok")), None)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_screen_fits_and_has_a_way_back(tmp_path, lessons, size):
    folder = lessons
    (folder / "03.yaml").write_text("format: 1\nid: x\n\ttitle: y\n", encoding="utf-8")
    p = Pilot.start(tmp_path / "data", size=size, lesson_dirs=[folder])
    h = size[1]
    for name in ["Marie", "Jean-Pierre", "Françoise", "Ahmed"]:
        p.app.store.add_learner(name)
    p.app.nav.learners()
    p.frames(1)
    visited = []

    def look(name):
        check_layout(p)
        assert back_button(p), f"no visible way back on {name}"
        shot(p, name)
        visited.append(name)

    look("1-qui-s-entraine")
    p.click("add_learner")
    p.type("Hélène")
    look("2-nouvelle-personne")
    p.click("back")
    p.click("learner:Marie")
    look("3-menu-des-lecons")
    p.click("level:broken")
    look("3b-lecons-a-corriger")
    p.click("broken:03.yaml")
    look("3c-lecon-abimee-expliquee")
    p.click("ok")
    p.click("level:1")
    p.click("lesson:essai-souris")
    look("4-lecteur-premiere-etape")
    player = p.app.screen
    assert player.instruction_px >= 0.04 * h, "the instruction must be at least 4 % of the screen height"
    activity = player.activity
    cx, cy = activity.center()
    for _ in range(2):
        p.click((cx + 300 if cx < size[0] / 2 else cx - 300, cy))
    assert activity.hint_visible
    look("5-lecteur-astuce")
    assert player.instruction_px >= 0.04 * h
    p.play_step()
    p.play_step()
    look("6-bravo")
    p.wait(1.3)
    x, y, w_, h_ = p.app.screen.activity.item_rect()
    p.down((x + w_ / 2, y + h_ / 2))
    p.move((x + w_ / 2 + 200, y + h_ / 2 + 20), held=True)
    look("7-glisser-en-cours")
    p.up()
    p.click("back")
    look("8-arreter-la-lecon")
    p.click("no")
    p.play_lesson()
    look("9-fin-de-lecon")
    p.click("back")
    look("9b-menu-avec-continuer")
    p.click("my_progress")
    look("9c-mes-progres")
    p.click("back")
    p.click("back")
    p.click("quit")
    look("10-quitter")
    p.app.close()
    assert len(visited) == 14


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_facilitator_screen_fits_and_has_a_way_back(tmp_path, lessons, size):
    import pygame

    from trainer.activities.base import StepResult

    p = Pilot.start(tmp_path / "data", size=size, lesson_dirs=[lessons])
    h = size[1]
    store = p.app.store
    for name in ["Marie", "Nadia", "Pierre-Emmanuel", "Robert", "Simone", "Thérèse", "Yvette", "Zoé"]:
        store.add_learner(name)
    marie = next(l for l in store.learners() if l.name == "Marie")
    session = store.start_session(marie.id)
    attempt = store.start_attempt(session, marie.id, "essai-souris", "Essai souris", 6)  # not all done
    for i in range(5):
        store.record_step(attempt, i, StepResult("click", 2.0, 4, 1, 0.1, "mouse", 3))
    p.app.nav.learners()
    p.frames(1)
    visited = []

    def look(name):
        check_layout(p)
        assert back_button(p), f"no visible way back on {name}"
        shot(p, name)
        visited.append(name)

    p.hold(p.app.screen.corner_rect().center, 3.1)
    look("f1-code-a-choisir")
    p.click("skip")
    look("f2-mode-animatrice")
    assert any(r.struggling for r in p.app.screen.rows)
    if "next_page" in p.ids():
        p.click("next_page")
        look("f2b-mode-animatrice-suite")
        p.click("previous_page")
    p.click("learner:Marie")
    look("f3-une-personne")
    p.click("settings")
    look("f4-reglages")
    p.click("setting:text_size=tres_grand")
    p.click("setting:high_contrast=true")
    p.click("back")
    p.click("start")
    look("f5-ou-commencer")
    p.click("back")
    p.click("rename")
    look("f6-renommer")
    p.click("back")
    p.click("delete")
    look("f7-supprimer")
    p.click("no")
    p.click("back")
    p.click("lock")
    p.click("lesson:essai-souris")
    look("f8-verrouiller")
    p.click("back")
    p.click("folders")
    look("f9-dossiers")
    p.click("back")
    p.click("pin")
    look("f10-changer-le-code")
    p.click("back")
    # the USB stick: one stick with two exports on it
    from trainer import exchange

    stick = tmp_path / "KINGSTON"
    (stick / "pas-a-pas").mkdir(parents=True)
    for day in ("2026-11-19", "2026-11-26"):
        (stick / "pas-a-pas" / f"pas-a-pas-progres-{day}.json").write_text("{}", encoding="utf-8")
    real_drives = exchange.removable_drives
    exchange.removable_drives = lambda: [stick]
    try:
        p.click("usb")
        look("f10b-cle-usb")
    finally:
        exchange.removable_drives = real_drives
    p.click("back")
    p.click("learner:Marie")
    p.click("progress")
    look("f10c-progres-de-marie")
    p.click("back")
    p.click("back")
    p.click("back")
    # Marie's biggest text in high contrast: the lesson still fits
    p.click("learner:Marie")
    look("f11-menu-tres-grand-contraste")
    p.click("lesson:essai-souris")
    player = p.app.screen
    look("f12-lecteur-tres-grand-contraste")
    assert player.instruction_px >= 0.058 * 1.2 * h
    activity = player.activity
    cx, cy = activity.center()
    for _ in range(2):
        p.click((cx + 300 if cx < size[0] / 2 else cx - 300, cy))
    assert activity.hint_visible
    look("f13-lecteur-astuce-tres-grand")
    p.press(pygame.K_ESCAPE)
    p.click("yes")
    p.app.close()
    assert len(visited) >= 13
