"""Step kinds: one module each, found here without a list to keep up to date.

A step kind module defines ``KIND`` (the name used in lesson files), ``TITLE``
(French, for people), ``SETTINGS`` (its part of the lesson JSON Schema),
optionally ``REQUIRED`` and ``check(settings)`` (rules a schema cannot say),
``Details`` (what its steps record: :mod:`.details`), ``Activity`` (the state
machine) and ``solve(activity, pilot, touch)``: how a learner who knows what
to do plays the step, used by the test pilot
(:meth:`trainer.pilot.Pilot.play_step`).  Adding a kind is adding a module.

Every module of this package that defines ``KIND`` is a kind; the others
(``base``, ``common``, ``details``, ``scene``, ``keyboard_common``,
``practice``) are what kinds share.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

from .details import StepDetails


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


@lru_cache(maxsize=None)
def details_type(kind: str) -> type[StepDetails]:
    """The ``Details`` class of a step kind; :class:`StepDetails` (no details)
    for a kind this version does not know (a file from a newer one)."""
    module = kinds().get(kind)
    return getattr(module, "Details", StepDetails) if module is not None else StepDetails


def read_details(kind: str, stored) -> StepDetails:
    """A step's typed details from what the store holds (JSON text or an
    object); never fails (see :mod:`.details`)."""
    return details_type(kind).parse(stored)
