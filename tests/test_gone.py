"""Gone means gone: a deleted learner's name is nowhere in the progress file
or beside it (-wal, -shm, -journal), and the data folder and file are for
their owner only (POSIX)."""
import os
import stat
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from trainer import pin
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore, privacy

NAME = "Zéphirine Quelquepart"


def traces(folder, words):
    """Files of ``folder`` (the progress file and its companions) that hold any of ``words``."""
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.startswith(DB_NAME):
            continue
        data = (folder / name).read_bytes()
        if any(w.encode("utf-8") in data for w in words):
            found.append(name)
    return found


def step(who, kind="click"):
    return SimpleNamespace(kind=kind, duration=2.0, misses=1, hints=0, target_size=0.1, input="mouse",
                           successes=1, details={"note": f"{who} a réussi"})


def workshop(path):
    store = ProgressStore(path)
    kept = store.add_learner("Jean")
    gone = store.add_learner(NAME)
    for who in (kept, gone):
        session = store.start_session(who.id)
        attempt = store.start_attempt(session, who.id, "souris", f"Leçon de {who.name}", 3)
        for i in range(3):
            store.record_step(attempt, i, step(who.name))
        store.end_session(session)
    return store, kept, gone


def test_every_connection_deletes_securely(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    store.close()


def test_a_deleted_learner_leaves_no_trace_in_the_file_or_its_journal(tmp_path):
    path = tmp_path / DB_NAME
    store, kept, gone = workshop(path)
    assert traces(tmp_path, [NAME, "Zéphirine"])  # (the test can see a name when it is there)
    assert store.delete_learner(gone.id)
    assert traces(tmp_path, ["Zéphirine", "Quelquepart"]) == []  # while the program still runs
    assert [l.name for l in store.learners()] == ["Jean"] and len(store.learner_steps(kept.id)) == 3
    store.close()
    assert traces(tmp_path, ["Zéphirine", "Quelquepart"]) == []


def test_without_the_scrub_the_name_would_stay(tmp_path, monkeypatch):
    """The control: a plain DELETE (secure delete off, no checkpoint, no
    vacuum, as on Windows before) leaves the name readable."""
    monkeypatch.setattr(privacy, "secure", lambda db: db.execute("PRAGMA secure_delete = OFF"))
    monkeypatch.setattr(ProgressStore, "_scrub", lambda self: True)
    store, kept, gone = workshop(tmp_path / DB_NAME)
    store.delete_learner(gone.id)
    assert traces(tmp_path, ["Zéphirine"])
    store.close()


def ask_to_delete(p, name: str = NAME) -> None:
    """The facilitator (no code) opens ``name``'s page and taps « Supprimer »: the question is asked."""
    pin.set_pin(p.app.store, None)
    p.open_facilitator()
    p.click(f"learner:{name}")
    p.click("delete")


def test_deleting_from_the_facilitator_screen_leaves_no_trace(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    store, kept, gone = workshop(data / DB_NAME)
    store.close()
    with Pilot.start(data) as p:
        ask_to_delete(p)
        p.click("yes")
        assert f"learner:{NAME}" not in p.ids()
        assert traces(data, ["Zéphirine", "Quelquepart"]) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX rights")
def test_the_data_folder_and_files_are_for_their_owner_only(tmp_path):
    data = tmp_path / "nouveau"
    store, kept, gone = workshop(data / DB_NAME)  # a folder the program creates
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    for name in os.listdir(data):
        if name.startswith(DB_NAME):
            assert stat.S_IMODE(os.stat(data / name).st_mode) == 0o600, name
    assert os.path.exists(str(data / DB_NAME) + "-wal")
    store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX rights")
def test_an_older_open_file_is_tightened_and_a_chosen_folder_kept(tmp_path):
    chosen = tmp_path / "cle"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    path = chosen / DB_NAME
    ProgressStore(path).close()
    os.chmod(path, 0o644)  # as an older version left it
    store = ProgressStore(path)
    store.add_learner("Jean")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(str(path) + "-wal").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(chosen).st_mode) == 0o755  # someone chose this folder: its rights stay
    store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX rights")
def test_the_programs_own_folder_is_made_private(tmp_path, monkeypatch):
    own = tmp_path / "share" / "pas-a-pas"
    own.mkdir(parents=True)
    os.chmod(own, 0o755)
    monkeypatch.setattr("trainer.progress.store.default_data_dir", lambda: own)
    ProgressStore(own / DB_NAME).close()
    assert stat.S_IMODE(os.stat(own).st_mode) == 0o700


# -- the damaged copies set aside, and the writes kept for the file (issue 16) -----------------

def name_in(folder, words) -> list[str]:
    """Every file under ``folder`` (any name) holding one of ``words`` in
    UTF-8 or UTF-16 (either byte order)."""
    patterns = [w.encode(enc) for w in words for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    found = []
    for root, _, files in os.walk(folder):
        for name in files:
            data = (Path(root) / name).read_bytes()
            if any(p in data for p in patterns):
                found.append(name)
    return sorted(found)


def damaged_copy_with_the_name(data):
    """The progress file, holding the name, damaged and set aside by the store
    (its first page broken; the learners' rows are further on)."""
    store, kept, gone = workshop(data / DB_NAME)
    store.close()
    raw = bytearray((data / DB_NAME).read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)
    (data / DB_NAME).write_bytes(bytes(raw))
    store = ProgressStore(data / DB_NAME)
    assert "mis de côté" in str(store.notice)
    return store


def utf16_copy_with_the_name(data):
    """A copy set aside from a file in UTF-16 (SQLite may store text so)."""
    import sqlite3

    path = data / "progres.abime-2026-01-05-101500.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA encoding = 'UTF-16le'")
    db.execute("CREATE TABLE learners (name TEXT)")
    db.execute("INSERT INTO learners VALUES (?)", (NAME,))
    db.commit()
    db.close()
    return path


def test_deleting_a_person_scrubs_their_name_from_the_damaged_copies_set_aside(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    store = damaged_copy_with_the_name(data)
    utf16 = utf16_copy_with_the_name(data)
    again = store.add_learner(NAME)  # the facilitator added her again in the new file
    session = store.start_session(again.id)
    attempt = store.start_attempt(session, again.id, "souris", "Souris", 2)
    store.record_step(attempt, 0, step(NAME))
    store.close()
    copies = sorted(p.name for p in data.iterdir() if ".abime-" in p.name)
    sizes = {name: os.path.getsize(data / name) for name in copies}
    assert name_in(data, [NAME]) and utf16.name in name_in(data, [NAME])  # (the test sees a name in UTF-16)
    with Pilot.start(data) as p:
        ask_to_delete(p)
        assert p.screen == "dialog"
        detail = p.app.dialog.detail
        assert "effacé des 2 copies abîmées mises de côté" in detail, detail
        p.click("yes")
        assert f"learner:{NAME}" not in p.ids()
        assert name_in(data, [NAME, "Zéphirine", "Quelquepart"]) == []  # while the program runs
    assert name_in(data, [NAME, "Zéphirine", "Quelquepart"]) == []
    assert sorted(p.name for p in data.iterdir() if ".abime-" in p.name) == copies  # the copies stay
    assert {name: os.path.getsize(data / name) for name in copies} == sizes  # only the name's bytes changed
    assert name_in(data, ["Jean"])  # the other person is still in the copy, for whoever rescues it


def test_the_dialog_says_nothing_of_copies_when_there_are_none(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    store, kept, gone = workshop(data / DB_NAME)
    store.close()
    with Pilot.start(data) as p:
        ask_to_delete(p)
        assert "copie" not in p.app.dialog.detail and "effacés de cet appareil" in p.app.dialog.detail


def test_deleting_a_person_forgets_their_kept_steps_and_their_journal_lines(tmp_path):
    """Steps kept behind a lock (their details may hold the name: a typed
    text) are in the journal on the disk; the person is deleted once the lock
    is gone: nothing of them is written, nor left in the journal."""
    from faults import OtherProgram

    path = tmp_path / DB_NAME
    store, kept, gone = workshop(path)
    store.busy_timeout = 0.1  # (the program's: a lock is waited for a tenth of a second)
    store.db.execute("PRAGMA busy_timeout = 100")
    other = OtherProgram(path)
    other.lock()
    for who in (kept, gone):
        session = store.start_session(who.id)
        attempt = store.start_attempt(session, who.id, "clavier", "Clavier", 2)
        store.record_step(attempt, 0, step(who.name))
    journal = tmp_path / (DB_NAME + ".en-attente.jsonl")
    assert name_in(tmp_path, ["Zéphirine"]) and "Zéphirine".encode() in journal.read_bytes()
    other.close()
    assert store.delete_learner(gone.id)
    assert name_in(tmp_path, ["Zéphirine", "Quelquepart"]) == []
    assert store.pending_count == 3 and "Jean".encode() in journal.read_bytes()  # Jean's are still kept
    assert store.retry_pending(0.0) is True and store.dropped == 0
    assert len(store.learner_steps(kept.id)) == 4
    store.close()


def test_a_person_added_and_deleted_while_the_file_was_held_leaves_nothing(tmp_path):
    from faults import OtherProcess

    data = tmp_path / "data"
    data.mkdir()
    ProgressStore(data / DB_NAME).close()
    other = OtherProcess(data / DB_NAME)
    try:
        store = ProgressStore(data / DB_NAME, busy_timeout=0.1)
        assert store.detached is not None
        who = store.add_learner(NAME)
        store.update_settings(who.id, text_size="big")
        attempt = store.start_attempt(store.start_session(who.id), who.id, "clavier", "Clavier", 2)
        store.record_step(attempt, 0, step(NAME))
        assert name_in(data, ["Zéphirine"])  # in the journal
        assert store.delete_learner(who.id)
        assert name_in(data, ["Zéphirine", "Quelquepart"]) == []
        assert [w.kind for w in store._pending] == ["device_setting"]  # (the device's identity, not hers)
    finally:
        other.close()
    assert store.retry_pending(0.0) is True
    store.close()
    assert name_in(data, ["Zéphirine", "Quelquepart"]) == []


def test_deleting_a_joined_person_deletes_every_record_of_hers(tmp_path):
    """Monique practised on laptop A and laptop B; B's export came into A and
    the facilitator joined the two records: « Supprimer » forgets the person,
    both records, with no byte of either name left in the data folder."""
    from trainer import exchange
    data = tmp_path / "data"
    data.mkdir()
    store, kept, gone = workshop(data / DB_NAME)
    laptop_b = ProgressStore(tmp_path / "b" / DB_NAME)
    laptop_b.set_device_setting("device_name", "Portable B")
    other = laptop_b.add_learner(NAME)
    session = laptop_b.start_session(other.id)
    attempt = laptop_b.start_attempt(session, other.id, "clavier", "Clavier", 2)
    laptop_b.record_step(attempt, 0, step(NAME))
    laptop_b.end_session(session)
    exchange.export_progress(laptop_b, tmp_path / "b.json")
    laptop_b.close()
    exchange.import_progress(store, tmp_path / "b.json")
    second = store.find_learner(f"{NAME} (2)")
    assert second is not None and store.join_people(gone.id, second.id)
    assert len(store.person_records(gone.id)) == 2 and store.person_devices(gone.id) == 2
    store.close()
    assert traces(data, [f"{NAME} (2)"])  # (the joined record's name is in the file)
    with Pilot.start(data) as p:
        pin.set_pin(p.app.store, None)
        p.open_facilitator()
        # lent to her under her joined record (« Prêter » was chosen on laptop A for that record)
        p.app.store.set_device_setting("home_learner", p.app.store.learner_uid(second.id))
        p.click(f"learner:{NAME}")
        p.click("delete")
        detail = p.app.dialog.detail
        assert "2 fiches réunies" in detail and "2 appareils" in detail and "Séparer" in detail, detail
        p.click("yes")
        assert f"learner:{NAME}" not in p.ids() and f"learner:{NAME} (2)" not in p.ids()
        store = p.app.store
        assert [l.name for l in store.learners()] == ["Jean"]
        assert store.device_setting("home_learner") is None  # not lent to nobody
        assert store.db.execute("SELECT COUNT(*) FROM learners WHERE name LIKE 'Z%'").fetchone()[0] == 0
        assert store.db.execute("SELECT COUNT(*) FROM sessions s JOIN learners l ON l.id = s.learner_id "
                                "WHERE l.name = 'Jean'").fetchone()[0] == \
            store.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]  # only Jean's sessions stay
        assert traces(data, ["Zéphirine", "Quelquepart"]) == []
    assert traces(data, ["Zéphirine", "Quelquepart"]) == []


def test_a_record_separated_first_stays_when_the_person_is_deleted(tmp_path):
    """« Séparer » then « Supprimer »: only the person's remaining records go."""
    store = ProgressStore(tmp_path / DB_NAME)
    monique = store.add_learner("Monique")
    wrong = store.add_learner("Monique (2)")
    right = store.add_learner("Monique (3)")
    assert store.join_people(monique.id, wrong.id) and store.join_people(monique.id, right.id)
    assert store.separate_people(wrong.id)
    assert store.delete_person(monique.id) == 2
    assert [l.name for l in store.learners()] == ["Monique (2)"]
    assert store.person_records(wrong.id) == (wrong.id,)
    store.close()
