"""The facilitator's PIN: four digits, kept salted and hashed with a costly hash.

Device setting ``pin``: absent (never chosen yet: it is asked at the first
opening of the facilitator mode), ``"none"`` (« Passer »: no PIN), or
``{"kdf": "scrypt", "salt": hex, "hash": hex, "n": .., "r": .., "p": ..}``.
scrypt (in Python's standard library) is memory-hard: each guess costs
:data:`SCRYPT_N` x 128 x r bytes (32 MB) and about 70-90 ms on a 2-core test
machine, against 5 ms for PBKDF2 at 20,000 iterations (the hash of earlier
versions): the 10,000 codes take some 12 minutes of one core instead of
under one, and 32 MB a guess makes thousands of guesses at once (a
graphics card) costly.  An old PBKDF2
hash (``{"salt", "hash", "iterations"}``) is still checked, and replaced by
a scrypt one the first time the right code is typed.  Four digits stay four
digits: someone who copies the file can still try them all, only slower.

Device setting ``pin_tries``: ``{"count": n, "until": time}``: the wrong
codes typed in a row, kept in the progress file, whatever the way in (the
corner, Ctrl+Alt+A, a restart).  After :data:`FREE_TRIES` wrong codes, each
new one makes the next try wait longer (:func:`wait_after`).

A device lent to one person (« mode maison ») needs a code: the person at
home must not be able to open the facilitator mode, nor choose a code that
shuts the facilitator out (:func:`lending_allowed`).

A forgotten PIN is removed with ``trainer pin --reset`` (then it is asked again).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time

ITERATIONS = 20000  # PBKDF2, the hash of earlier versions (still checked, then upgraded)
FALLBACK_ITERATIONS = 600_000  # PBKDF2 where scrypt is missing (OWASP's figure for SHA-256)
SCRYPT_N = 2 ** 15
SCRYPT_R = 8
SCRYPT_P = 1
LENGTH = 4
NO_PIN = "none"
FREE_TRIES = 3  # wrong codes before any wait
FIRST_WAIT = 30.0  # seconds after the first wrong code beyond the free ones; doubles with each one
LONGEST_WAIT = 15 * 60.0


def now() -> float:
    """The wall clock (the waits outlive a restart); tests set it."""
    return time.time()


def _pbkdf2(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=4 * 128 * r * n, dklen=32)


def _stored(pin: str) -> dict:
    salt = os.urandom(16)
    if not hasattr(hashlib, "scrypt"):  # a Python built without OpenSSL's scrypt: many PBKDF2 rounds then
        return {"salt": salt.hex(), "iterations": FALLBACK_ITERATIONS,
                "hash": _pbkdf2(pin, salt, FALLBACK_ITERATIONS).hex()}
    return {"kdf": "scrypt", "salt": salt.hex(), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "hash": _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).hex()}


def state(store) -> str:
    """"unset" (ask for one), "none" (chosen: no PIN) or "set"."""
    value = store.device_setting("pin")
    if value == NO_PIN:
        return "none"
    if isinstance(value, dict) and value.get("hash") and value.get("salt"):
        return "set"
    return "unset"


def set_pin(store, pin: str | None) -> bool:
    """Keep ``pin`` (four digits), or no PIN when ``pin`` is None."""
    if pin is None:
        return store.set_device_setting("pin", NO_PIN)
    if len(pin) != LENGTH or not pin.isdigit():
        raise ValueError("a PIN is four digits")
    done = store.set_device_setting("pin", _stored(pin))
    if done:
        store.set_device_setting("pin_tries", None)
    return done


def _matches(value: dict, pin: str) -> tuple[bool, bool]:
    """(right code, stored with an old hash)."""
    try:
        salt = bytes.fromhex(value["salt"])
        expected = bytes.fromhex(value["hash"])
        if value.get("kdf") == "scrypt":
            n, r, p = int(value["n"]), int(value["r"]), int(value["p"])
            if not (2 <= n <= 2 ** 20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
                return False, False  # not what this program writes: no 100 GB of memory asked
            return hmac.compare_digest(_scrypt(pin, salt, n, r, p), expected), False
        iterations = int(value.get("iterations", ITERATIONS))
        if not 1 <= iterations <= 10_000_000:
            return False, False
        old = hasattr(hashlib, "scrypt") or iterations < FALLBACK_ITERATIONS
        return hmac.compare_digest(_pbkdf2(pin, salt, iterations), expected), old
    except (KeyError, ValueError, TypeError, MemoryError):
        return False, False


def check(store, pin: str) -> bool:
    """Whether ``pin`` is the code (True when there is none).  Does not count
    the tries: :func:`attempt` does, for the screen."""
    value = store.device_setting("pin")
    if not isinstance(value, dict):
        return True
    right, old = _matches(value, pin)
    if right and old:
        store.set_device_setting("pin", _stored(pin))  # upgraded to the costly hash, now that it is known
    return right


# -- wrong codes: a growing wait, whatever the way in --------------------------------

def tries(store) -> dict:
    value = store.device_setting("pin_tries")
    count, until = 0, 0.0
    if isinstance(value, dict):
        try:
            count = max(0, int(value.get("count", 0)))
            until = float(value.get("until", 0.0))
        except (TypeError, ValueError):
            count, until = FREE_TRIES, 0.0  # something wrote nonsense here: no free tries for it
    return {"count": count, "until": until}


def wait_after(count: int) -> float:
    """Seconds to wait after ``count`` wrong codes in a row: none for the
    first :data:`FREE_TRIES`, then 30 s, 1 min, 2 min… up to 15 min each."""
    if count < FREE_TRIES:
        return 0.0
    return min(LONGEST_WAIT, FIRST_WAIT * 2 ** (count - FREE_TRIES))


def waiting(store) -> float:
    """Seconds before the next code may be typed (0: now)."""
    info = tries(store)
    left = info["until"] - now()
    if left > wait_after(info["count"]) + 1:  # the clock was put back: the wait does not grow for it
        left = wait_after(info["count"])
        store.set_device_setting("pin_tries", {"count": info["count"], "until": now() + left})
    return max(0.0, left)


def attempt(store, pin: str) -> str:
    """A code typed at the door: "right", "wrong" or "wait" (too early:
    not even checked).  Wrong codes are counted in the progress file."""
    if waiting(store) > 0:
        return "wait"
    if check(store, pin):
        if tries(store)["count"]:
            store.set_device_setting("pin_tries", None)
        return "right"
    count = tries(store)["count"] + 1
    store.set_device_setting("pin_tries", {"count": count, "until": now() + wait_after(count)})
    return "wrong"


def lending_allowed(store) -> bool:
    """A device may be lent (mode maison) only with a code set."""
    return state(store) == "set"


def reset(store) -> bool:
    """Forget the PIN: the next opening of the facilitator mode asks for a new one."""
    done = store.set_device_setting("pin", None)
    store.set_device_setting("pin_tries", None)
    return done
