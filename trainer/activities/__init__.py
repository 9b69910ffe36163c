"""Step kinds: one module each, found here without a list to keep up to date.

A step kind module defines ``KIND`` (the name used in lesson files), ``TITLE``
(French, for people), ``SETTINGS`` (its part of the lesson JSON Schema),
optionally ``REQUIRED`` and ``check(settings)`` (rules a schema cannot say),
and ``Activity`` (the state machine).  Adding a kind is adding a module.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

_NOT_KINDS = {"base", "common", "scene"}


@lru_cache(maxsize=1)
def kinds() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name in _NOT_KINDS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if getattr(module, "KIND", None):
            found[module.KIND] = module
    return dict(sorted(found.items()))


def create(kind: str, settings: dict, ctx, hint=None, touch_hint=None):
    return kinds()[kind].Activity(settings, ctx, hint, touch_hint)
