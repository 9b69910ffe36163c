"""The facilitator's optional PIN: four digits, kept salted and hashed.

Device setting ``pin``: absent (never chosen yet: it is asked at the first
opening of the facilitator mode), ``"none"`` (« Passer »: no PIN), or
``{"salt": hex, "hash": hex, "iterations": n}``.  A forgotten PIN is
removed with ``trainer pin --reset`` (then it is asked again).
"""
from __future__ import annotations

import hashlib
import hmac
import os

ITERATIONS = 20000
LENGTH = 4
NO_PIN = "none"


def _hash(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


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
    salt = os.urandom(16)
    return store.set_device_setting("pin", {"salt": salt.hex(), "hash": _hash(pin, salt, ITERATIONS).hex(),
                                            "iterations": ITERATIONS})


def check(store, pin: str) -> bool:
    value = store.device_setting("pin")
    if not isinstance(value, dict):
        return True
    try:
        salt = bytes.fromhex(value["salt"])
        expected = bytes.fromhex(value["hash"])
        iterations = int(value.get("iterations", ITERATIONS))
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(_hash(pin, salt, iterations), expected)


def reset(store) -> bool:
    """Forget the PIN: the next opening of the facilitator mode asks for a new one."""
    return store.set_device_setting("pin", None)
