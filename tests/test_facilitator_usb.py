"""The facilitator's USB stick: export everyone's progress, the spreadsheet and
the workshop report; bring back a loaned device's progress, twice without
duplicates; a learner's progress screen from their page."""
import json
import sqlite3

import pypdfium2 as pdfium
import pytest

from trainer import exchange, pin
from trainer.pilot import Pilot
from trainer.progress import DB_NAME


@pytest.fixture
def stick(tmp_path, monkeypatch):
    folder = tmp_path / "media" / "KINGSTON"
    folder.mkdir(parents=True)
    monkeypatch.setattr(exchange, "removable_drives", lambda: [folder])
    return folder


def open_mode(p):
    pin.set_pin(p.app.store, None)
    p.app.nav.learners()
    p.frames(1)
    p.open_facilitator()
    assert p.screen == "facilitator"


def play_first_lesson(p, name):
    p.click(f"learner:{name}")
    p.click("continue")
    p.play_lesson()
    p.click("back")
    p.click("back")


def test_export_to_the_stick_then_import_on_another_device_twice(tmp_path, lessons, stick):
    workshop = Pilot.start(tmp_path / "atelier", lesson_dirs=[lessons])
    workshop.app.store.add_learner("Marie")
    workshop.app.nav.learners()
    workshop.frames(1)
    play_first_lesson(workshop, "Marie")
    open_mode(workshop)
    workshop.click("usb")
    assert workshop.screen == "facilitator_usb"
    workshop.click("export:KINGSTON")
    assert workshop.screen == "dialog" and workshop.app.dialog.question == "Export terminé"
    assert "1 personne, 1 séance, 2 étapes" in workshop.app.dialog.detail
    assert "2 mémos à imprimer (PDF) sont sur la clé." in workshop.app.dialog.detail
    workshop.click("ok")
    files = sorted(p.name for p in (stick / "pas-a-pas").iterdir())
    assert [f.rsplit(".", 1)[1] for f in files] == ["pdf", "pdf", "csv", "json", "md"], files
    memos = sorted(p for p in (stick / "pas-a-pas").glob("memo-*.pdf"))
    assert memos[0].name == "memo-pas-a-pas-azerty.pdf"  # the skills: the keys, then a page per lesson
    assert memos[1].name.startswith("memo-pas-a-pas-marie-")  # what Marie learned today
    today = pdfium.PdfDocument(memos[1])
    assert "Ce que j'ai appris aujourd'hui" in today[0].get_textpage().get_text_range()
    assert len(today) == 2  # her sheet, and the page of the lesson she finished
    workshop.click("export:KINGSTON")  # again: the skills memo is there already, Marie's is kept and a « -2 » added
    assert sorted(p.name for p in (stick / "pas-a-pas").glob("memo-*.pdf"))[1:] == \
        [memos[1].name.replace(".pdf", "-2.pdf"), memos[1].name]
    report = next((stick / "pas-a-pas").glob("*.md")).read_text(encoding="utf-8")
    assert report.startswith("# Rapport des ateliers Pas à pas")
    data = json.loads(next((stick / "pas-a-pas").glob("*.json")).read_text(encoding="utf-8"))
    assert [l["name"] for l in data["learners"]] == ["Marie"]
    workshop.app.close()

    # the loaned laptop, at home: it knows nobody yet
    home = Pilot.start(tmp_path / "maison", lesson_dirs=[lessons])
    open_mode(home)
    home.click("usb")
    assert any(i.startswith("import:pas-a-pas-progres") for i in home.ids())
    for _ in range(2):  # twice: the second time adds nothing
        home.click("import:pas-a-pas-progres")
        assert home.screen == "dialog" and home.app.dialog.question == "Import terminé"
        detail = home.app.dialog.detail
        home.click("ok")
    assert "Marie" in detail and "déjà présente" in detail
    db = sqlite3.connect(tmp_path / "maison" / DB_NAME)
    assert db.execute("SELECT COUNT(*) FROM step_results").fetchone() == (2,)
    assert db.execute("SELECT name FROM learners WHERE is_guest = 0").fetchall() == [("Marie",)]
    db.close()
    home.app.close()


def test_no_stick_says_what_to_do_and_a_damaged_file_changes_nothing(tmp_path, lessons, monkeypatch):
    drives = []
    monkeypatch.setattr(exchange, "removable_drives", lambda: list(drives))
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    open_mode(p)
    p.click("usb")
    assert not any(i.startswith(("export:", "import:")) for i in p.ids())
    stick = tmp_path / "STICK"
    stick.mkdir()
    (stick / "pas-a-pas-progres-2026-11-20.json").write_text('{"format": "pas-a-pas-progres", "vers',
                                                             encoding="utf-8")
    drives.append(stick)
    p.click("search")
    p.click("import:pas-a-pas-progres-2026-11-20.json")
    assert p.app.dialog.question == "Ce fichier n'a pas pu être importé"
    assert "Rien n'a été changé." in p.app.dialog.detail
    p.click("ok")
    p.click("back")
    assert p.screen == "facilitator"
    p.app.close()


def test_a_learners_progress_from_their_page_and_back(tmp_path, lessons):
    p = Pilot.start(tmp_path / "data", lesson_dirs=[lessons])
    p.app.store.add_learner("Marie")
    p.app.nav.learners()
    p.frames(1)
    play_first_lesson(p, "Marie")
    open_mode(p)
    p.click("learner:Marie")
    p.click("progress")
    assert p.screen == "progress"
    assert p.app.screen.sentence == "Vous avez terminé votre première leçon. Bravo !"
    p.click("back")
    assert p.screen == "facilitator_learner"
    p.app.close()
