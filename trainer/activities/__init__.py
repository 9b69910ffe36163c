"""Step kinds: one module each, found here without a list to keep up to date.

A step kind module defines ``KIND`` (the name used in lesson files), ``TITLE``
(French, for people), ``SETTINGS`` (its part of the lesson JSON Schema),
optionally ``REQUIRED`` and ``check(settings)`` (rules a schema cannot say),
``Activity`` (the state machine) and ``solve(activity, pilot, touch)``: how a
learner who knows what to do plays the step, used by the test pilot
(:meth:`trainer.pilot.Pilot.play_step`).  Adding a kind is adding a module.

Every module of this package that defines ``KIND`` is a kind; the others
(``base``, ``common``, ``scene``, ``keyboard_common``, ``practice``) are what
kinds share.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=1)
def kinds() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if getattr(module, "KIND", None):
            found[module.KIND] = module
    return dict(sorted(found.items()))


def create(kind: str, settings: dict, ctx, hint=None, touch_hint=None):
    return kinds()[kind].Activity(settings, ctx, hint, touch_hint)
