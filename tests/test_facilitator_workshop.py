"""« Atelier du jour »: named once, the same as last time in two taps, the
sessions placed, today's earlier sessions attached (through the real main loop)."""
import os
from pathlib import Path

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
    p.open_facilitator()
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


def test_a_bad_value_in_the_store_never_stops_the_program_and_the_facilitator_sees_it(tmp_path, lessons):
    from trainer.progress import DB_NAME, ProgressStore

    store = ProgressStore(tmp_path / "data" / DB_NAME)
    store.add_learner("Marie")
    store.add_learner("Jean")
    store.db.execute("UPDATE learners SET colour = 'pas une couleur', settings = '{cassé' WHERE name = 'Marie'")
    store.db.execute("UPDATE learners SET name = ? WHERE name = 'Jean'", ("Je\u202ean\x00",))
    store.close()
    with Pilot.start(tmp_path / "data", lesson_dirs=[lessons], size=(1024, 600)) as p:
        assert p.screen == "learners" and {"learner:Marie", "learner:Jean"} <= set(p.ids())
        p.click("learner:Marie")  # her settings fall back to the usual ones
        assert p.app.learner.settings == {}
        p.app.nav.learners()
        p.frames(1)
        pin.set_pin(p.app.store, None)
        open_facilitator(p)
        words = p.app.screen.to_fix()
        assert words == "À corriger : Marie (couleur, réglages), Jean (nom)" or words == "À corriger : Jean (nom), Marie (couleur, réglages)"
        shot(p, "facilitator-fix")
        p.click("learner:Marie")
        p.click("rename")
        p.tap(p.app.screen.swatches[0][0].center)
        p.tap("save")
        marie = next(l for l in p.app.store.learners() if l.name == "Marie")
        p.app.store.update_settings(marie.id, sound=False)  # (what the settings screen does)
        assert [what for _, name, what in p.app.store.values_to_fix() if name == "Marie"] == []
        assert [what for _, name, what in p.app.store.values_to_fix() if name == "Jean"] == ["name"]


def test_two_records_joined_on_the_screen_and_separated_again(app):
    store = app.app.store
    store.add_learner("Monique")
    store.add_learner("Monique (2)")
    app.app.nav.learners()
    app.frames(1)
    open_facilitator(app)
    app.click("learner:Monique (2)")
    app.click("same_person")
    assert app.screen == "facilitator_same_person"
    shot(app, "same-person")
    app.click("same:Monique")
    app.click("no")  # asked first; « Non » changes nothing
    assert store.joined_records() == []
    app.click("same:Monique")
    app.click("yes")
    assert [l.name for l in store.learners()] == ["Marie", "Monique"]
    (lid, name, keep, keep_name), = store.joined_records()
    assert (name, keep_name) == ("Monique (2)", "Monique")
    app.app.nav.facilitator_home()
    app.frames(1)
    app.click("learner:Monique")
    app.click("same_person")
    app.click("joined")
    shot(app, "joined")
    app.click("separate:Monique (2)")
    assert store.joined_records() == [] and len(store.learners()) == 3


def test_six_laptops_on_one_stick_none_overwritten_all_listed_and_imported_at_once(tmp_path, lessons, monkeypatch):
    from trainer import exchange
    from trainer.progress import DB_NAME, ProgressStore
    from trainer.activities.base import StepResult

    stick = tmp_path / "media" / "CLE"
    (stick / "pas-a-pas").mkdir(parents=True)
    monkeypatch.setattr(exchange, "removable_drives", lambda: [stick])
    for i in range(1, 8):  # seven laptops, two of them with the same name, exported the same day
        store = ProgressStore(tmp_path / f"p{i}" / DB_NAME)
        store.set_device_name(f"Portable {min(i, 6)}")
        who = store.add_learner(f"Personne {i}")
        session = store.start_session(who.id)
        attempt = store.start_attempt(session, who.id, "l", "L", 1)
        store.record_step(attempt, 0, StepResult("click", 2.0, 0, 0, 0.1, "mouse", 1, {}))
        name = exchange.default_file_name("json", device=store.device_name())
        exchange.export_progress(store, exchange.free_path(stick / "pas-a-pas" / name))
        store.close()
    files = sorted(p.name for p in (stick / "pas-a-pas").iterdir())
    assert len(files) == 7 and any("portable-6" in f and f.endswith("-2.json") for f in files)
    with Pilot.start(tmp_path / "central", lesson_dirs=[lessons], size=(1024, 600)) as p:
        pin.set_pin(p.app.store, None)
        p.app.nav.learners()
        p.frames(1)
        open_facilitator(p)
        p.click("usb")
        listed = set()
        while True:
            listed |= {i for i in p.ids() if i.startswith("import:")}
            if "next_page" not in p.ids():
                break
            shot(p, "usb-import-list")
            p.click("next_page")
        assert {i.removeprefix("import:") for i in listed} == set(files)  # every export found, paged
        p.click("import_all")
        assert len(p.app.store.learners()) == 7
        p.click(p.app.dialog and "ok" if "ok" in p.ids() else "back")


def test_the_device_s_name_seen_and_changed_on_the_screen_and_the_export_files_follow(app, tmp_path, monkeypatch):
    from trainer import exchange

    store = app.app.store
    store.set_device_name("Portable 1")
    open_facilitator(app)
    app.click("workshop")
    app.click("device_name")
    assert app.screen == "device_name" and app.app.screen.value == "Portable 1"
    shot(app, "device-name")
    for _ in range(len("1")):
        app.tap("erase")
    for key in ("4",):
        app.tap(f"letter:{key}")
    app.type(" bis")
    app.tap("save")
    assert app.screen == "facilitator_workshop" and store.device_name() == "Portable 4 bis"
    assert "Portable 4 bis" in app.app.t("workshop.device", name=store.device_name())
    # checked like a name in an imported file: an invisible character (typed from a program) is refused
    app.click("device_name")
    app.app.screen.value = "Portable\u200b5"
    app.tap("save")
    assert app.screen == "device_name" and app.app.screen.message and store.device_name() == "Portable 4 bis"
    app.app.screen.value = ""
    app.type("   ")
    app.tap("save")
    assert app.screen == "device_name" and store.device_name() == "Portable 4 bis"
    app.click("back")
    # the export to a stick carries the new name
    stick = tmp_path / "media" / "CLE"
    stick.mkdir(parents=True)
    monkeypatch.setattr(exchange, "removable_drives", lambda: [stick])
    app.click("back")
    app.click("usb")
    app.click("export:CLE")
    names = sorted(p.name for p in (stick / "pas-a-pas").iterdir())
    assert any(n.endswith(".json") and "portable-4-bis" in n for n in names), names
