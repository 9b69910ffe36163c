"""What an imported file may hold: every value of a progress export is
checked here, by its declared type and range, before anything is stored
(:func:`trainer.exchange.read_export`).  A value that fails makes the whole
file refused, with a French reason (``exchange.damaged.value``).

Names (people, towns, places, devices) are one line of visible characters:
no control character, no zero-width or direction-changing (bidi) character,
at most :data:`MAX_NAME` characters.  Times are seconds since 1970 between
the years 2000 and 2100.  A step's details are checked against its kind's
``Details`` (trainer/activities/details.py): a known key must have its
declared type; an unknown key (from a newer version) must be a plain value.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date

MAX_NAME = 60
MAX_TITLE = 200
EARLIEST = 946684800.0  # 2000-01-01
LATEST = 4102444800.0  # 2100-01-01
MAX_COUNT = 1_000_000
MAX_STEPS = 10_000
MAX_DURATION = 7 * 86400.0

_UID = re.compile(r"[0-9A-Za-z_-]{1,100}\Z")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
_WORD = re.compile(r"[a-z_]{0,20}\Z")
#: categories refused in a name: controls, format characters (zero-width
#: spaces and joiners, bidi marks and overrides), private use, unassigned,
#: line and paragraph separators
_REFUSED = {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}


def visible_text(value, limit: int = MAX_NAME, empty: bool = False) -> bool:
    if not isinstance(value, str) or len(value) > limit:
        return False
    if not empty and not value.strip():
        return False
    return not any(unicodedata.category(ch) in _REFUSED for ch in value)


def number(value, low: float, high: float) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and low <= value <= high)


def integer(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def moment(value) -> bool:
    return number(value, EARLIEST, LATEST)


def maybe(check):
    return lambda v: v is None or check(v)


def uid(value) -> bool:
    return isinstance(value, str) and _UID.match(value) is not None


def day(value) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        return 2000 <= date.fromisoformat(value).year < 2100
    except ValueError:
        return False


def plain(value, depth: int = 0) -> bool:
    """A small JSON value: text, number, boolean, null, or a shallow object/list of them."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        return math.isfinite(value) and abs(value) < 2 ** 62
    if isinstance(value, str):
        return len(value) <= 1000
    if depth >= 2:
        return False
    if isinstance(value, list):
        return len(value) <= 1000 and all(plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return len(value) <= 1000 and all(isinstance(k, str) and len(k) <= 100 and plain(v, depth + 1)
                                          for k, v in value.items())
    return False


def settings(value) -> bool:
    """A learner's settings: each known key with one of its values (see
    :mod:`trainer.learner_settings`); other keys plain values."""
    from . import learner_settings  # (pygame-free, but only an import needs it)

    if not isinstance(value, dict) or len(value) > 50:
        return False
    for key, v in value.items():
        if not isinstance(key, str) or len(key) > 40:
            return False
        setting = learner_settings.BY_KEY.get(key)
        if key == "double_click_delay":
            if not number(v, 0.2, 5.0):
                return False
        elif setting is not None:
            if v not in [c for c, _ in setting.choices] or v is None:
                return False
        elif key == "start":
            if not (isinstance(v, dict) and len(v) == 1 and (
                    ("level" in v and integer(v["level"], 1, 100))
                    or ("lesson" in v and visible_text(v["lesson"], MAX_TITLE)))):
                return False
        elif not plain(v):
            return False
    return True


def details(kind: str, value) -> bool:
    """A step's details by its kind's declared types (a known key: its type
    or null; an unknown key: a plain value) and ranges (a text the kind declares
    in ``TEXT_LIMITS``: visible characters, at most that many)."""
    if not isinstance(value, dict) or len(value) > 200:
        return False
    found = _KIND_READERS.get(kind)
    if found is None:
        found = _KIND_READERS[kind] = _readers_of(kind)
    readers, limits = found
    for key, v in value.items():
        if not isinstance(key, str) or len(key) > 100:
            return False
        reader = readers.get(key)
        if reader is None:
            if not plain(v):
                return False
        elif v is not None:
            read = reader(v)
            if read is None or (isinstance(v, dict) and read != v) or (isinstance(v, float) and not math.isfinite(v)):
                return False
            if key in limits and not visible_text(v, limits[key]):
                return False
    return True


_KIND_READERS: dict[str, tuple[dict, dict]] = {}


def _readers_of(kind: str) -> tuple[dict, dict]:
    """The readers of a kind's declared detail fields and the longest each of its
    texts may be (none for an unknown kind)."""
    # (the step kinds are imported when an import first needs them: start-up time)
    from .activities import kinds
    from .activities.details import _readers

    module = kinds().get(kind)
    cls = getattr(module, "Details", None) if module is not None else None
    if cls is None:
        return {}, {}
    return _readers(cls), dict(getattr(cls, "TEXT_LIMITS", {}))


CHECKS = {
    "uid": uid,
    "name": lambda v: visible_text(v, MAX_NAME),
    "colour": lambda v: isinstance(v, str) and _COLOUR.match(v) is not None,
    "is_guest": lambda v: isinstance(v, bool),
    "settings": settings,
    "created_at": moment,
    "same_as": maybe(uid),
    "started_at": moment,
    "ended_at": maybe(moment),
    "setting": lambda v: v in ("workshop", "home", "outside"),
    "workshop": maybe(uid),
    "device_uid": maybe(uid),
    "device_name": maybe(lambda v: visible_text(v, MAX_NAME)),
    "lesson_id": lambda v: visible_text(v, MAX_TITLE),
    "lesson_title": lambda v: visible_text(v, MAX_TITLE, empty=True),
    "step_count": lambda v: integer(v, 0, MAX_STEPS),
    "first_step": lambda v: integer(v, 0, MAX_STEPS),
    "finished_at": maybe(moment),
    "status": lambda v: v in ("started", "left", "done"),
    "step_index": lambda v: integer(v, 0, MAX_STEPS - 1),
    "kind": lambda v: isinstance(v, str) and _KIND.match(v) is not None,
    "duration": lambda v: number(v, 0.0, MAX_DURATION),
    "misses": lambda v: integer(v, 0, MAX_COUNT),
    "hints": lambda v: integer(v, 0, MAX_COUNT),
    "target_size": maybe(lambda v: number(v, 0.0, 10.0)),
    "input": lambda v: isinstance(v, str) and _WORD.match(v) is not None,
    "successes": lambda v: integer(v, 0, MAX_COUNT),
    "details": lambda v: isinstance(v, dict),  # by the step's kind: :func:`details`
    "day": day,
    "town": lambda v: visible_text(v, MAX_NAME),
    "place": lambda v: visible_text(v, MAX_NAME),
}
