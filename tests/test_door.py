"""A door that stays shut: a lent device needs a code, wrong codes make the
next try wait longer whatever the way in (kept in the progress file), and
the code is kept with a costly, memory-hard hash (scrypt)."""
import hashlib
import os

import pytest

from trainer import cli, pin
from trainer.pilot import Pilot
from trainer.progress import DB_NAME, ProgressStore
from trainer.screens.facilitator_gate import HOLD_SECONDS


class WallClock:
    """pin.now, moved by the test (the waits are on the wall clock: they outlive a restart)."""

    def __init__(self, monkeypatch, start=1_800_000_000.0):
        self.t = start
        monkeypatch.setattr(pin, "now", lambda: self.t)

    def advance(self, seconds):
        self.t += seconds


def type_pin(p, digits):
    for d in digits:
        p.tap(f"digit:{d}")


# -- the hash ------------------------------------------------------------------------

def test_the_code_is_kept_with_scrypt_and_checked(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    pin.set_pin(store, "2580")
    stored = store.device_setting("pin")
    assert stored["kdf"] == "scrypt" and stored["n"] >= 2 ** 14 and stored["r"] >= 8
    salt = bytes.fromhex(stored["salt"])
    expected = hashlib.scrypt(b"2580", salt=salt, n=stored["n"], r=stored["r"], p=stored["p"],
                              maxmem=64 * 1024 * 1024, dklen=32)  # recomputed independently
    assert bytes.fromhex(stored["hash"]) == expected
    assert pin.check(store, "2580") and not pin.check(store, "2581")


def test_an_old_pbkdf2_code_still_opens_and_is_upgraded_on_success_only(tmp_path):
    store = ProgressStore(tmp_path / DB_NAME)
    salt = os.urandom(16)
    old = {"salt": salt.hex(), "iterations": 20000,
           "hash": hashlib.pbkdf2_hmac("sha256", b"1234", salt, 20000).hex()}
    store.set_device_setting("pin", old)
    assert pin.state(store) == "set"
    assert not pin.check(store, "4321")
    assert store.device_setting("pin") == old  # a wrong code changes nothing
    assert pin.check(store, "1234")
    upgraded = store.device_setting("pin")
    assert upgraded["kdf"] == "scrypt" and "iterations" not in upgraded
    assert pin.check(store, "1234") and not pin.check(store, "4321")


@pytest.mark.parametrize("value", [
    {"kdf": "scrypt", "salt": "00" * 16, "hash": "00" * 32, "n": 2 ** 30, "r": 8, "p": 1},
    {"kdf": "scrypt", "salt": "00" * 16, "hash": "00" * 32, "n": 1000, "r": 8, "p": 1},
    {"salt": "00" * 16, "hash": "00" * 32, "iterations": 10 ** 12},
    {"salt": "zz", "hash": "00"},
])
def test_a_stored_code_that_asks_too_much_or_is_nonsense_opens_nothing(tmp_path, value):
    store = ProgressStore(tmp_path / DB_NAME)
    store.set_device_setting("pin", value)
    assert pin.check(store, "0000") is False


# -- wrong codes: a growing wait, kept in the file ---------------------------------

def test_wrong_codes_make_the_next_try_wait_longer_and_the_count_outlives_a_restart(tmp_path, monkeypatch):
    clock = WallClock(monkeypatch)
    path = tmp_path / DB_NAME
    store = ProgressStore(path)
    pin.set_pin(store, "2580")
    assert [pin.attempt(store, c) for c in ("1111", "2222")] == ["wrong", "wrong"]
    assert pin.waiting(store) == 0  # two mistakes: no wait
    assert pin.attempt(store, "3333") == "wrong"
    assert pin.waiting(store) == 30
    store.close()
    store = ProgressStore(path)  # the program closed and opened again
    assert pin.waiting(store) == 30
    assert pin.attempt(store, "2580") == "wait"  # the right code, too early: not even checked
    waits = []
    for _ in range(7):
        clock.advance(pin.waiting(store))
        assert pin.attempt(store, "0000") == "wrong"
        waits.append(pin.waiting(store))
    assert waits == [60, 120, 240, 480, 900, 900, 900]  # doubles, up to a quarter of an hour
    clock.advance(900)
    assert pin.attempt(store, "2580") == "right"
    assert pin.tries(store)["count"] == 0 and pin.waiting(store) == 0


def test_a_clock_put_back_does_not_make_the_wait_endless(tmp_path, monkeypatch):
    clock = WallClock(monkeypatch)
    store = ProgressStore(tmp_path / DB_NAME)
    pin.set_pin(store, "2580")
    for code in ("1", "2", "3"):
        pin.attempt(store, code * 4)
    clock.advance(-10 * 24 * 3600)  # the device's clock set back ten days
    assert pin.waiting(store) == 30


def test_ctrl_alt_a_and_the_corner_share_the_count_and_the_screen_says_how_long(tmp_path, monkeypatch):
    clock = WallClock(monkeypatch)
    data = tmp_path / "data"
    with Pilot.start(data) as p:
        pin.set_pin(p.app.store, "2580")
        p.hold(p.app.screen.corner_rect().center, HOLD_SECONDS + 0.1)
        type_pin(p, "1111")
        type_pin(p, "2222")
        assert p.screen == "facilitator_pin"
        type_pin(p, "3333")
        assert p.screen == "learners"  # quietly back
        p.open_facilitator()
        assert p.screen == "facilitator_pin"
        shown = []
        import trainer.ui.text as text_module

        real_fit = text_module.fit
        monkeypatch.setattr(text_module, "fit", lambda t, *a, **k: shown.append(t) or real_fit(t, *a, **k))
        p.app.draw()
        assert "Trop de codes faux. Réessayez dans 30 secondes." in shown
        type_pin(p, "2580")
        assert p.screen == "facilitator_pin" and pin.tries(p.app.store)["count"] == 3
        p.click("back")
    with Pilot.start(data) as p:  # a restart gives nothing back either
        p.open_facilitator()
        assert pin.waiting(p.app.store) == 30
        clock.advance(31)
        p.frames(2)
        type_pin(p, "4444")  # one more wrong one: back, and a minute to wait now
        assert p.screen == "learners" and pin.waiting(p.app.store) == 60
        clock.advance(61)
        p.open_facilitator()
        type_pin(p, "2580")
        assert p.screen == "facilitator"


# -- lending needs a code ----------------------------------------------------------------

def test_a_lent_device_without_a_code_never_lets_the_person_at_home_choose_one(tmp_path):
    data = tmp_path / "data"
    store = ProgressStore(data / DB_NAME)
    marie = store.add_learner("Marie")
    store.set_device_setting("home_learner", store.learner_uid(marie.id))  # lent by an older version
    store.close()
    with Pilot.start(data) as p:
        assert p.screen == "lessons"
        for way in ("corner", "keys"):
            if way == "corner":
                p.hold(p.app.screen.corner_rect().center, HOLD_SECONDS + 0.1)
            else:
                p.open_facilitator()
            assert p.screen == "dialog" and p.app.dialog.id == "lent_no_code"
            assert "trainer home --off" in p.app.dialog.detail
            p.click(p.ids()[0])
            assert p.screen == "lessons" and pin.state(p.app.store) == "unset"
        assert "learner:Paul" not in p.ids()


def test_the_command_line_lends_only_with_a_code_and_sets_one_unseen(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    store = ProgressStore(data / DB_NAME)
    store.add_learner("Marie")
    store.close()
    assert cli.main(["home", "Marie", "--data", str(data)]) == 1
    assert "besoin d'un code" in capsys.readouterr().out
    answers = iter(["1234", "1243"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["pin", "--set", "--data", str(data)]) == 1  # not the same twice
    answers = iter(["1234", "1234"])
    assert cli.main(["pin", "--set", "--data", str(data)]) == 0
    capsys.readouterr()
    assert cli.main(["home", "Marie", "--data", str(data)]) == 0
    store = ProgressStore(data / DB_NAME)
    assert pin.check(store, "1234") and store.device_setting("home_learner") is not None
    store.close()


def test_while_the_device_is_lent_its_code_can_be_changed_but_not_removed(tmp_path):
    data = tmp_path / "data"
    store = ProgressStore(data / DB_NAME)
    marie = store.add_learner("Marie")
    pin.set_pin(store, "2580")
    store.set_device_setting("home_learner", store.learner_uid(marie.id))
    store.close()
    with Pilot.start(data) as p:
        p.open_facilitator()
        type_pin(p, "2580")
        assert p.screen == "facilitator"
        p.click("pin")
        assert p.screen == "facilitator_pin" and "skip" not in p.ids()  # no « Sans code » while lent
        type_pin(p, "1111")
        type_pin(p, "1111")
        assert pin.check(p.app.store, "1111") and pin.state(p.app.store) == "set"


def test_without_scrypt_the_code_is_kept_with_many_pbkdf2_rounds(tmp_path, monkeypatch):
    monkeypatch.delattr(hashlib, "scrypt")
    store = ProgressStore(tmp_path / DB_NAME)
    pin.set_pin(store, "2580")
    stored = store.device_setting("pin")
    assert stored["iterations"] == pin.FALLBACK_ITERATIONS and "kdf" not in stored
    assert pin.check(store, "2580") and store.device_setting("pin") == stored  # not "upgraded" to itself
    assert not pin.check(store, "0000")
