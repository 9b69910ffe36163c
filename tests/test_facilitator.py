"""The facilitator mode, through the real main loop: how it opens (and
does not), the PIN, the people, the lock, the folders."""
import sqlite3

import pygame
import pytest

from trainer import cli, pin
from trainer.pilot import Pilot
from trainer.progress import DB_NAME
from trainer.activities.base import StepResult
from trainer.screens.facilitator_gate import HOLD_SECONDS


@pytest.fixture
def app(tmp_path, lessons):
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons]) as p:
        for name in ("Marie", "Jean"):
            p.app.store.add_learner(name)
        p.app.nav.learners()
        p.frames(1)
        yield p


def corner(p):
    return p.app.screen.corner_rect().center


def open_without_pin(p):
    pin.set_pin(p.app.store, None)
    p.open_facilitator()
    assert p.screen == "facilitator"


def learner(p, name):
    return next(l for l in p.app.store.learners() if l.name == name)


# -- opening ---------------------------------------------------------------
@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_holding_the_corner_three_seconds_opens_it(app, touch):
    app.hold(corner(app), HOLD_SECONDS + 0.1, touch=touch)
    assert app.screen == "facilitator_pin"  # first use: a PIN is offered


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "finger"])
def test_a_shorter_hold_or_a_hold_elsewhere_does_nothing(app, touch):
    app.hold(corner(app), HOLD_SECONDS - 0.5, touch=touch)
    app.wait(1.0)
    assert app.screen == "learners"
    w, h = app.app.size
    for where in [(5, h - 5), (w - 5, 5), (w // 2, h - 5), (w - 5, h // 2)]:
        app.hold(where, HOLD_SECONDS + 1, touch=touch)
        assert app.screen == "learners", where
    app.click(corner(app), touch=touch)
    app.double_click(corner(app), touch=touch)
    assert app.screen == "learners"


def test_moving_away_or_another_input_cancels_the_hold(app):
    c = corner(app)
    app.down(c)
    app.wait(1.5)
    app.move((c[0] - 300, c[1] - 300), held=True)
    app.wait(2.0)
    app.up()
    assert app.screen == "learners"
    app.down(c)
    app.wait(1.5)
    app.press(pygame.K_SPACE)
    app.wait(2.0)
    app.up(c)
    assert app.screen == "learners"


def test_the_ring_shows_only_after_a_second(app):
    c = corner(app)
    box = app.app.screen.corner_rect().inflate(app.app.size[1] * 0.1, app.app.size[1] * 0.1)
    box = box.clip(app.app.surface.get_rect())

    def corner_pixels():
        app.app.draw()
        return pygame.image.tobytes(app.app.surface.subsurface(box), "RGB")

    before = corner_pixels()
    app.down(c)
    app.wait(0.6)
    assert corner_pixels() == before
    app.wait(1.0)
    assert corner_pixels() != before
    app.up(c)
    assert app.screen == "learners" and corner_pixels() == before


def test_the_key_combination_opens_it_and_nothing_like_it_does(app):
    for mod in (0, pygame.KMOD_LCTRL, pygame.KMOD_LALT, pygame.KMOD_LCTRL | pygame.KMOD_RALT,  # AltGr
                pygame.KMOD_LCTRL | pygame.KMOD_LALT | pygame.KMOD_LSHIFT):
        app.press(pygame.K_a, mod=mod)
        assert app.screen == "learners", mod
    app.press(pygame.K_q, mod=pygame.KMOD_LCTRL | pygame.KMOD_LALT)
    assert app.screen == "learners"
    app.open_facilitator()
    assert app.screen == "facilitator_pin"


def test_only_from_the_learner_screen(app):
    app.click("learner:Marie")
    assert app.screen == "lessons"
    w, h = app.app.size
    app.hold((w - 3, h - 3), HOLD_SECONDS + 1)
    app.open_facilitator()
    assert app.screen in ("lessons", "player")
    app.app.nav.lessons()
    app.click("lesson:essai-souris")
    app.hold((w - 3, h - 3), HOLD_SECONDS + 1, touch=True)
    app.open_facilitator()
    assert app.screen == "player"


# -- the PIN ---------------------------------------------------------------
def type_pin(p, digits):
    for d in digits:
        p.tap(f"digit:{d}")


def test_a_pin_chosen_at_first_use_then_asked(app, tmp_path):
    app.open_facilitator()
    assert app.screen == "facilitator_pin" and "skip" in app.ids()
    type_pin(app, "1234")
    assert app.screen == "facilitator_pin" and app.app.screen.mode == "confirm"
    type_pin(app, "9999")  # not the same: chosen again
    assert app.app.screen.mode == "choose"
    type_pin(app, "2580")
    type_pin(app, "2580")
    assert app.screen == "facilitator"
    stored = app.app.store.device_setting("pin")
    assert "2580" not in str(stored) and len(stored["salt"]) == 32 and pin.state(app.app.store) == "set"
    raw = sqlite3.connect(tmp_path / "data" / DB_NAME).execute("SELECT value FROM device_settings").fetchall()
    assert "2580" not in str(raw)
    app.click("back")
    assert app.screen == "learners"
    # asked now; two wrong ones stay, the third goes back quietly
    app.hold(corner(app), HOLD_SECONDS + 0.1)
    assert app.screen == "facilitator_pin" and app.app.screen.mode == "enter" and "skip" not in app.ids()
    type_pin(app, "1111")
    type_pin(app, "2222")
    assert app.screen == "facilitator_pin" and "bon code" in app.app.screen.message
    type_pin(app, "3333")
    assert app.screen == "learners"
    # another way in does not give three more tries: the next one waits (trainer.pin)
    app.open_facilitator()
    assert app.screen == "facilitator_pin" and pin.waiting(app.app.store) > 0
    type_pin(app, "2580")
    assert app.screen == "facilitator_pin"  # not even checked while it waits
    app.click("back")
    pin.set_pin(app.app.store, "2580")  # (as if the wait were over: the wall clock is not the pilot's)
    # the right one, typed on the keyboard this time, after a mistake erased
    app.open_facilitator()
    app.type("25")
    app.type("9")
    app.press(pygame.K_BACKSPACE)
    app.type("80")
    assert app.screen == "facilitator"


def test_passer_means_no_pin_and_the_reset_command(app, tmp_path, capsys):
    app.open_facilitator()
    app.click("skip")
    assert app.screen == "facilitator" and pin.state(app.app.store) == "none"
    app.click("back")
    app.open_facilitator()
    assert app.screen == "facilitator"  # no PIN: straight in
    app.click("pin")  # a PIN can be chosen later
    type_pin(app, "4321")
    type_pin(app, "4321")
    assert app.screen == "facilitator" and pin.state(app.app.store) == "set"
    app.app.close()
    assert cli.main(["pin", "--reset", "--data", str(tmp_path / "data")]) == 0
    again = Pilot.start(tmp_path / "data")
    try:
        assert pin.state(again.app.store) == "unset"
        again.open_facilitator()
        assert again.screen == "facilitator_pin" and again.app.screen.mode == "choose"
    finally:
        again.app.close()


# -- the people ------------------------------------------------------------
def record(p, learner_id, misses, hints, steps=5):
    store = p.app.store
    session = store.start_session(learner_id)
    attempt = store.start_attempt(session, learner_id, "essai-souris", "Essai souris", steps)
    for i in range(steps):
        store.record_step(attempt, i, StepResult("click", 2.0, misses, hints, 0.1, "mouse", 3))
    store.finish_attempt(attempt, "done")


def test_everyone_at_a_glance_with_who_needs_help(app):
    record(app, learner(app, "Marie").id, misses=4, hints=1)
    record(app, learner(app, "Jean").id, misses=0, hints=0)
    open_without_pin(app)
    rows = {r.label: r for r in app.app.screen.rows}
    assert rows["Marie"].struggling and not rows["Jean"].struggling
    assert rows["Jean"].overview["done"] == 1 and rows["Jean"].overview["current"]["title"] == "Essai souris"
    # and the page of one person says it too
    app.click("learner:Marie")
    assert app.screen == "facilitator_learner" and app.app.screen.heading() == "Marie"


def test_add_and_rename_with_the_on_screen_letters(app):
    open_without_pin(app)
    app.click("add_learner")
    assert app.screen == "add_learner"
    for letter in "LUC":
        app.tap(f"letter:{letter}")
    app.tap("save")
    assert app.screen == "facilitator" and "Luc" in [r.label for r in app.app.screen.rows]
    app.click("learner:Luc")
    app.click("rename")
    assert app.screen == "rename_learner" and app.app.screen.value == "Luc"
    app.tap("erase")
    app.tap("erase")
    app.tap("erase")
    for letter in "LUCIE":
        app.tap(f"letter:{letter}")
    colour = app.app.screen.swatches[-1]
    app.tap(colour[0].center)
    app.tap("save")
    assert app.screen == "facilitator_learner" and app.app.screen.learner.name == "Lucie"
    assert "Luc" not in [l.name for l in app.app.store.learners()]
    assert learner(app, "Lucie").colour == colour[1]


def test_delete_asks_first_non_is_the_default_and_oui_forgets_everything(app, tmp_path):
    marie = learner(app, "Marie")
    record(app, marie.id, misses=1, hints=0)
    open_without_pin(app)
    app.click("learner:Marie")
    app.click("delete")
    assert app.screen == "dialog"
    assert app.app.dialog.question == "Supprimer Marie et tout ce qui la concerne ? C'est définitif."
    non = next(b for b in app.buttons() if b.id == "no")
    assert non.style == "primary"  # the highlighted answer
    app.press(pygame.K_ESCAPE)  # Escape answers « Non »
    assert app.screen == "facilitator_learner" and app.app.store.learner(marie.id) is not None
    app.click("delete")
    app.click("no")
    assert app.app.store.learner(marie.id) is not None
    app.click("delete")
    app.click("yes")
    assert app.screen == "facilitator"
    assert [r.label for r in app.app.screen.rows] == ["Jean"]
    db = sqlite3.connect(tmp_path / "data" / DB_NAME)
    assert db.execute("SELECT COUNT(*) FROM attempts WHERE learner_id = ?", (marie.id,)).fetchone() == (0,)
    assert db.execute("SELECT COUNT(*) FROM step_results").fetchone() == (0,)


def test_lending_the_device_sets_home_learner(app):
    marie = learner(app, "Marie")
    uid = app.app.store.learner_uid(marie.id)
    open_without_pin(app)
    app.click("learner:Marie")
    app.click("lend")  # no code yet: a lent device needs one, chosen first (no « Passer »)
    assert app.screen == "facilitator_pin" and "skip" not in app.ids()
    assert app.app.store.device_setting("home_learner") is None
    type_pin(app, "1357")
    type_pin(app, "1357")
    assert app.screen == "facilitator_learner" and pin.state(app.app.store) == "set"
    assert app.app.store.device_setting("home_learner") == uid
    app.click("lend")
    assert app.app.store.device_setting("home_learner") is None
    app.click("lend")
    app.click("delete")
    app.click("yes")
    assert app.app.store.device_setting("home_learner") is None  # nobody to open on


def test_where_a_learner_starts(app):
    open_without_pin(app)
    app.click("learner:Jean")
    app.click("start")
    assert app.screen == "facilitator_start"
    app.click("level:2")
    app.click("start_level")
    assert learner(app, "Jean").settings["start"] == {"level": 2}
    app.click("start")
    app.click("level:1")
    app.click("lesson:essai-souris")  # a lesson: Jean goes straight into it
    assert learner(app, "Jean").settings["start"] == {"lesson": "essai-souris"}
    app.click("back")
    app.click("back")
    app.click("learner:Jean")
    assert app.screen == "player" and app.app.screen.lesson.id == "essai-souris"
    app.app.nav.learners()
    app.click("learner:Marie")
    assert app.screen == "lessons"


# -- the device ------------------------------------------------------------
def test_lock_to_a_level_then_to_lessons_then_unlock(app):
    open_without_pin(app)
    app.click("lock")
    assert app.screen == "facilitator_lock"
    app.click("level:2")
    app.click("lock_level")
    assert app.screen == "facilitator" and app.app.store.device_setting("lock") == {"level": 2}
    app.click("back")
    app.click("learner:Marie")
    ids = app.ids()
    assert "level:2" in ids and "level:1" not in ids
    assert [c.id for c in app.app.screen.cards] == ["lesson:essai-double"]
    # a list of lessons
    app.app.nav.learners()
    app.open_facilitator()
    app.click("lock")
    app.click("level:1")
    app.click("lesson:essai-souris")
    app.click("lock_ticked")
    assert app.app.store.device_setting("lock") == {"lessons": ["essai-souris"]}
    app.click("back")
    app.click("learner:Jean")
    assert [c.id for c in app.app.screen.cards] == ["lesson:essai-souris"] and "level:2" not in app.ids()
    # unlocked from the same screen
    app.app.nav.learners()
    app.open_facilitator()
    app.click("lock")
    app.click("unlock")
    assert app.app.store.device_setting("lock") is None
    app.click("back")
    app.click("learner:Jean")
    assert {"level:1", "level:2"} <= set(app.ids())


def test_lesson_folders_found_counted_and_toggled(app, tmp_path):
    own = tmp_path / "data" / "lecons"
    own.mkdir(parents=True)
    (own / "mienne.yaml").write_text(
        "format: 1\nid: la-mienne\ntitle: Ma leçon\nlevel: 1\nintro: Bonjour.\nsteps:\n"
        "  - kind: click\n    instruction: Cliquez sur le rond.\n", encoding="utf-8")
    (own / "abimee.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    open_without_pin(app)
    app.click("folders")
    assert app.screen == "facilitator_folders"
    cards = {b.id: b for b in app.buttons() if b.style == "card"}
    mine = cards["folder:data"]
    assert "1 leçon" in mine.sublabel and mine.sublabel.startswith("Utilisé")  # found: on by default
    assert cards["folder:lessons"].sublabel == "Utilisé · 2 leçons"
    assert cards["folder:bundled"].label == "Leçons fournies avec le programme"
    assert cards["folder:bundled"].sublabel.startswith("Pas utilisé")
    app.click("folder:lessons")  # off
    app.click("back")
    app.click("back")
    app.click("learner:Marie")
    assert [c.id for c in app.app.screen.cards] == ["lesson:la-mienne"]
    app.app.nav.learners()
    app.open_facilitator()
    app.click("folders")
    app.click("folder:data")  # off too: no lesson at all, and the menu says so
    assert app.app.store.device_setting("lesson_dirs") == []
    app.click("back")
    app.click("back")
    app.click("learner:Marie")
    assert app.app.screen.cards == [] and app.screen == "lessons"


def test_random_taps_on_the_learner_screen_never_open_it(app):
    """Participants tap everywhere, sometimes slowly: short presses anywhere,
    the corner included, never open the facilitator mode."""
    import random

    rng = random.Random(6)
    w, h = app.app.size
    for _ in range(300):
        pos = (rng.randrange(w), rng.randrange(h)) if rng.random() < 0.7 else (
            rng.randrange(w - 60, w), rng.randrange(h - 60, h))
        touch = rng.random() < 0.5
        app.down(pos, touch=touch)
        app.wait(rng.choice([0.05, 0.2, 0.8, 1.5, 2.5]))
        app.up(pos, touch=touch)
        if app.screen != "learners":  # a tile was tapped: back to the learner screen
            assert app.screen in ("lessons", "add_learner", "dialog"), app.screen
            app.app.dialog = None
            app.app.nav.learners()
            app.frames(1)


def test_in_mode_maison_the_door_is_on_the_lesson_menu(app):
    """A lent device opens on one person's lessons: the facilitator takes it
    back from there, without a terminal."""
    marie = learner(app, "Marie")
    app.app.store.update_settings(marie.id, text_size="tres_grand")
    app.app.store.set_device_setting("home_learner", app.app.store.learner_uid(marie.id))
    app.app.nav.learners()
    app.frames(1)
    assert app.screen == "lessons" and app.app.learner.name == "Marie"
    app.hold(corner(app), HOLD_SECONDS - 0.5)
    assert app.screen == "lessons"
    app.hold(corner(app), HOLD_SECONDS + 0.1)  # lent with no code (an older version): the door stays shut
    assert app.screen == "dialog" and app.app.dialog.id == "lent_no_code"
    app.click(app.ids()[0])
    assert app.screen == "lessons" and pin.state(app.app.store) == "unset"
    pin.set_pin(app.app.store, "2468")
    app.hold(corner(app), HOLD_SECONDS + 0.1)
    assert app.screen == "facilitator_pin" and app.app.screen.mode == "enter"
    type_pin(app, "2468")
    assert app.screen == "facilitator"
    assert app.app.theme.scale == 1.0  # the facilitator's screens in the normal size
    app.click("back")
    assert app.screen == "lessons" and app.app.theme.scale == 1.5  # back to Marie, with her settings
    app.open_facilitator()
    type_pin(app, "2468")
    app.click("learner:Marie")
    app.click("lend")  # taken back
    app.click("back")
    app.click("back")
    assert app.screen == "learners"


@pytest.mark.parametrize("size", [(800, 1280), (600, 1024)])
def test_a_tablet_held_upright_types_a_name_with_accents_and_changes_the_colour(tmp_path, lessons, size):
    """Upright, the letters are 8 % of the height: the accented ones on a second page
    (« É È … »), back with « A B C »; one swatch changes colour at each touch."""
    from trainer.progress import COLOURS

    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons], size=size) as p:
        p.app.nav.learners()
        p.frames(1)
        open_without_pin(p)
        p.tap("add_learner")
        screen = p.app.screen
        assert len(screen.swatches) == 1 and "letter:É" not in p.ids()
        keys = [b.rect for b in screen.buttons if (b.id or "").startswith("letter:")]
        assert min(min(r.w, r.h) for r in keys) >= 0.08 * size[1]
        p.tap("letter:H")
        p.tap("letters:other")
        assert "letter:H" not in p.ids()
        p.tap("letter:É")
        p.tap("letters:other")
        for letter in "LNE":
            p.tap(f"letter:{letter}")
        first = screen.colour
        p.tap(screen.swatches[0][0].center)
        p.tap(screen.swatches[0][0].center)
        assert screen.colour == COLOURS[(COLOURS.index(first) + 2) % len(COLOURS)]
        p.tap("save")
        assert learner(p, "Hélne").colour == screen.colour


@pytest.mark.parametrize("size", [(800, 1280), (600, 1024)])
def test_the_facilitator_s_home_held_upright_shows_the_people_first(tmp_path, lessons, size):
    """Upright: four people or more per page, « Ajouter une personne » and « Plus d'actions »
    under them; the other actions on their own view, « Retour » (or « Les personnes ») back."""
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons], size=size) as p:
        for name in ("Marie", "Jean", "Nadia", "Robert", "Simone", "Yvette", "Zoé"):
            p.app.store.add_learner(name)
        p.app.nav.learners()
        p.frames(1)
        open_without_pin(p)
        ids = p.ids()
        people = [i for i in ids if i.startswith("learner:")]
        assert len(people) >= 4 and "add_learner" in ids and "more_actions" in ids and "lock" not in ids
        rows = [b.rect for b in p.app.screen.buttons if (b.id or "").startswith("learner:")]
        assert all(r.bottom <= p.button("more_actions").rect.top for r in rows)
        p.tap("more_actions")
        ids = p.ids()
        assert not [i for i in ids if i.startswith("learner:")]
        assert {"add_learner", "lock", "folders", "pin", "language", "usb", "keyboard", "people"} <= set(ids)
        p.tap("back")
        assert p.screen == "facilitator" and "more_actions" in p.ids()
        p.tap("more_actions")
        p.tap("people")
        assert "learner:Marie" in p.ids()
        p.tap("usb")  # reached through « Plus d'actions », as a person would
        assert p.screen == "facilitator_usb"
        p.tap("back")
        assert p.screen == "facilitator" and "more_actions" in p.ids()  # the people again
        p.tap("back")
        assert p.screen == "learners"
