"""Where the program's own files are: the bundled lessons and the fonts.

In a source checkout (and an editable install) they are the repository's
``lessons/`` and ``assets/`` folders; a wheel carries them as
``trainer/bundled/``.
"""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _first_dir(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def lessons_dir() -> Path:
    return _first_dir(_HERE.parent / "lessons", _HERE / "bundled" / "lessons")


def assets_dir() -> Path:
    return _first_dir(_HERE.parent / "assets", _HERE / "bundled" / "assets")


def font_path(bold: bool = False) -> Path:
    name = "AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf"
    return assets_dir() / "fonts" / name
