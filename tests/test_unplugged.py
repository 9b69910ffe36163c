"""A data folder on a USB stick that is not plugged in (``--data /media/CLE/pas-a-pas``):
the program does not make the stick's folders on the computer's own disk, where
nobody would look for the progress; it keeps everything, says why in plain
words, and writes it all once the stick is there."""
from trainer.activities.base import StepResult
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore, privacy


def test_a_stick_not_plugged_in_is_waited_for_not_made_on_the_computer(tmp_path, monkeypatch):
    media = tmp_path / "media"
    media.mkdir()
    monkeypatch.setattr(privacy, "REMOVABLE_ROOTS", (str(media),))
    data = media / "CLE" / "pas-a-pas"
    with Pilot.start(data, strict=False) as p:
        assert not (media / "CLE").exists()  # nothing made where the stick should be
        banner = p.app.translator.text(p.app.store.warning)
        assert "clé USB" in banner and "n'est pas branché" in banner
        p.click("guest")
        assert p.screen == "lessons"  # the workshop goes on
        (media / "CLE").mkdir()  # the stick is plugged in (mounted)
        p.wait(2.5)
        assert p.app.store.detached is None
        assert "C'est réglé" in p.app.translator.text(p.app.notice)
    assert (data / DB_NAME).exists()


def test_a_chosen_folder_elsewhere_is_made_with_its_parents(tmp_path, monkeypatch):
    media = tmp_path / "media"
    monkeypatch.setattr(privacy, "REMOVABLE_ROOTS", (str(media),))
    store = ProgressStore(tmp_path / "atelier" / "2026" / DB_NAME)  # not under a mount point: made
    marie = store.add_learner("Marie")
    attempt = store.start_attempt(store.start_session(marie.id), marie.id, "l", "L", 1)
    assert store.record_step(attempt, 0, StepResult("click", 2.0, 0, 0, 0.1, "mouse", 1))
    store.close()
    assert (tmp_path / "atelier" / "2026" / DB_NAME).exists()


def test_the_folder_is_made_on_windows_too(tmp_path, monkeypatch):
    """(private_folder made the folder only on POSIX: on Windows the file could not be created)"""
    monkeypatch.setattr(privacy, "POSIX", False)
    privacy.private_folder(tmp_path / "donnees" / "pas-a-pas", own=True)
    assert (tmp_path / "donnees" / "pas-a-pas").is_dir()
