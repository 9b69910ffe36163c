"""« Atelier du jour »: named once, the same as last time in two taps, the
sessions placed, today's earlier sessions attached (through the real main loop)."""
import os
from pathlib import Path

import pygame
import pytest

from trainer import pin
from trainer.pilot import Pilot

SHOTS = os.environ.get("PAS_A_PAS_SCREENSHOTS")


def shot(p, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        p.screenshot(Path(SHOTS) / f"{name}.png")


@pytest.fixture
def app(tmp_path, lessons):
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons], size=(1024, 600)) as p:
        p.app.store.add_learner("Marie")
        p.app.nav.learners()
        p.frames(1)
        pin.set_pin(p.app.store, None)
        yield p


def open_facilitator(p):
    p.press(pygame.K_a, mod=pygame.KMOD_LCTRL | pygame.KMOD_LALT)
    assert p.screen == "facilitator"


def test_a_new_place_then_the_same_as_last_time_in_two_taps(app):
    store = app.app.store
    marie = store.learners()[0]
    early = store.start_session(marie.id)  # before the workshop was named: « hors atelier »
    open_facilitator(app)
    shot(app, "facilitator-home")
    app.click("workshop")
    assert app.screen == "facilitator_workshop"
    shot(app, "workshop-empty")
    app.click("new_place")
    for letter in "CAMON":
        app.tap(f"letter:{letter}")
    app.tap("save")
    shot(app, "workshop-place")
    app.type("CCAS")
    app.tap("save")
    assert app.screen == "facilitator_workshop"
    today = store.today_workshop()
    assert (today["town"], today["place"]) == ("Camon", "CCAS")
    shot(app, "workshop-today")
    app.click("attach")  # the session started before
    assert store.db.execute("SELECT setting, workshop_id FROM sessions WHERE id = ?", (early,)).fetchone() == \
        ("workshop", today["id"])
    app.click("ok") if "ok" in app.ids() else None
    store.no_workshop_today()
    assert store.session_place(marie.id)[0] == "outside"
    app.app.nav.back()
    app.frames(1)
    app.click("workshop")  # two taps: « Atelier du jour », then the place of last time
    app.click("place:0")
    assert store.today_workshop()["uid"] == today["uid"] and app.screen == "facilitator"
    assert store.session_place(marie.id)[:2] == ("workshop", today["id"])
