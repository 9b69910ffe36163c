"""What a step records beyond the columns every step has (time, misses,
hints, target size, input, successes): its *details*, a small dataclass per
step kind, declared in the kind's module as ``Details`` next to ``SETTINGS``.

The store keeps them as a JSON object whose keys are the field names (the
same keys as before these classes existed).  Reading them back is forgiving,
because a record may come from an older version, be partial, or come from
another device's file: a missing key gives the field's default, an unknown
key is ignored, a value of the wrong type gives None.  Every field is
therefore ``X | None``, with X one of float, int, bool, str or ``dict[str, int]``.
"""
from __future__ import annotations

import dataclasses
import json
import math
import typing
from types import UnionType
from typing import ClassVar


def _number(value):
    kind = type(value)
    if (kind is float or kind is int or (isinstance(value, (int, float)) and not isinstance(value, bool))) \
            and math.isfinite(value):
        return float(value)
    return None


def _integer(value):
    if type(value) is int:
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _flag(value):
    return value if isinstance(value, bool) else None


def _text(value):
    return value if isinstance(value, str) else None


def _counts(value):
    """``{"é": 2}``: the entries that are a text and a whole number."""
    if not isinstance(value, dict):
        return None
    return {k: n for k, n in ((k, _integer(v)) for k, v in value.items()) if isinstance(k, str) and n is not None}


_READERS = {float: _number, int: _integer, bool: _flag, str: _text, dict: _counts}


def _reader(hint):
    """The converter for a field annotated ``X | None``."""
    if typing.get_origin(hint) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            hint = args[0]
    base = typing.get_origin(hint) or hint
    if base not in _READERS:
        raise TypeError(f"a step detail must be float, int, bool, str or dict[str, int], not {hint}")
    return _READERS[base]


@dataclasses.dataclass
class StepDetails:
    """No details (a kind that records none, or a kind this version does not know)."""

    #: fields written even while None (``"undo_by": null`` says « not undone at all »)
    KEEP_NONE: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> dict:
        """The stored JSON object: the fields that have a value."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if getattr(self, f.name) is not None or f.name in self.KEEP_NONE}

    @classmethod
    def from_json(cls, data) -> StepDetails:
        """Never fails: see the module's docstring."""
        if not isinstance(data, dict):
            return cls()
        readers = _CACHE.get(cls)
        if readers is None:
            readers = _readers(cls)
        values = {}
        for key, value in data.items():
            reader = readers.get(key)
            if reader is not None:
                values[key] = reader(value)
        return cls(**values)

    @classmethod
    def parse(cls, text) -> StepDetails:
        """From the stored text (or an already decoded object)."""
        if isinstance(text, (str, bytes)):
            if text == "{}" or not text:
                return cls()
            try:
                text = _loads(text)
            except (ValueError, RecursionError):
                return cls()
        return cls.from_json(text)


_loads = json.loads
_CACHE: dict[type, dict] = {}


def _readers(cls) -> dict:
    hints = typing.get_type_hints(cls)
    readers = _CACHE[cls] = {f.name: _reader(hints[f.name]) for f in dataclasses.fields(cls)}
    return readers


def check_shape(cls) -> None:
    """Raise TypeError when a Details class has a field of a type that cannot be read back."""
    _readers(cls)
