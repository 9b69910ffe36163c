"""Gone means gone: a deleted learner's name is nowhere in the progress file
or beside it (-wal, -shm, -journal), and the data folder and file are for
their owner only (POSIX)."""
import os
import stat
import sys
from types import SimpleNamespace

import pygame
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


def test_deleting_from_the_facilitator_screen_leaves_no_trace(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    store, kept, gone = workshop(data / DB_NAME)
    store.close()
    with Pilot.start(data) as p:
        pin.set_pin(p.app.store, None)
        p.press(pygame.K_a, mod=pygame.KMOD_LCTRL | pygame.KMOD_LALT)
        p.click(f"learner:{NAME}")
        p.click("delete")
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
