"""Which lesson folders a device uses, and the lock for today's workshop.

Device setting ``lesson_dirs``: the list of folders in use, each a path, or
``"bundled"`` for the lessons that come with the program.  Without it: the
folders the program was started with (bundled and ``--lessons``) and
``<data>/lecons`` if it exists.  The facilitator may also pick folders
found on USB sticks (``/media/*/*``, ``/run/media/*/*``, ``/Volumes/*``,
removable drive letters on Windows): a folder ``lecons`` (or ``leçons``,
``pas-a-pas``) on the stick, or the stick itself when it holds lesson files.
A folder in use that is missing (the stick was taken out) is skipped.

Device setting ``lock``: ``{"level": n}`` or ``{"lessons": [ids]}``: the
lesson menu shows only those.
"""
from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import i18n, lesson, resources

BUNDLED = "bundled"
DATA_FOLDER = "lecons"
STICK_FOLDERS = ("lecons", "leçons", "Lecons", "Leçons", "pas-a-pas", "Pas a pas", "Pas à pas")
MOUNTS = ("/media/*/*", "/run/media/*/*", "/Volumes/*")


@dataclass(frozen=True)
class Folder:
    key: str  # what is stored: "bundled" or the path
    path: Path
    label: str  # for the facilitator, in the interface's language
    where: str  # "bundled", "data", "stick", "command line"


def _key(app, path: Path) -> str:
    try:
        if Path(path).resolve() == resources.lessons_dir().resolve():
            return BUNDLED
    except OSError:
        pass
    return str(path)


def _path(key: str) -> Path:
    return resources.lessons_dir() if key == BUNDLED else Path(key)


def default_keys(app) -> list[str]:
    keys = [_key(app, p) for p in app.lesson_dirs]
    data = app.data_dir / DATA_FOLDER
    if data.is_dir() and str(data) not in keys:
        keys.append(str(data))
    return keys


def used_keys(app) -> list[str]:
    stored = app.store.device_setting("lesson_dirs")
    if isinstance(stored, list) and all(isinstance(k, str) for k in stored):
        return stored
    return default_keys(app)


def used_folders(app) -> list[Path]:
    """The folders the lesson menu reads (missing ones skipped)."""
    found = []
    for key in used_keys(app):
        path = _path(key)
        if path.exists():
            found.append(path)
    return found


def _windows_removable() -> list[Path]:
    if sys.platform != "win32":
        return []
    try:
        import ctypes  # (Windows only)

        kernel = ctypes.windll.kernel32
        mask = kernel.GetLogicalDrives()
        drives = []
        for i in range(26):
            if mask & (1 << i):
                root = f"{chr(65 + i)}:\\"
                if kernel.GetDriveTypeW(root) == 2:  # DRIVE_REMOVABLE
                    drives.append(Path(root))
        return drives
    except (OSError, AttributeError, ValueError):
        return []


def stick_roots() -> list[Path]:
    roots = []
    for pattern in MOUNTS:
        for found in sorted(glob.glob(pattern)):
            if os.path.isdir(found):
                roots.append(Path(found))
    return roots + _windows_removable()


def _has_lessons(folder: Path) -> bool:
    try:
        return any(p.suffix.lower() in (".yaml", ".yml") for p in folder.iterdir() if p.is_file())
    except OSError:
        return False


def candidates(app) -> list[Folder]:
    """Every folder the facilitator may turn on or off."""
    out: list[Folder] = []
    seen: set[str] = set()

    def add(path: Path, label: str, where: str):
        key = _key(app, path)
        if key not in seen:
            seen.add(key)
            out.append(Folder(key, _path(key), label, where))

    t = app.t
    add(resources.lessons_dir(), t("folders.bundled"), "bundled")
    for path in app.lesson_dirs:
        add(Path(path), t("folders.folder", name=Path(path).name), "command line")
    data = app.data_dir / DATA_FOLDER
    if data.is_dir():
        add(data, t("folders.own"), "data")
    for root in stick_roots():
        name = root.name or str(root)
        for sub in STICK_FOLDERS:
            if (root / sub).is_dir():
                add(root / sub, t("folders.stick_folder", name=name, folder=sub), "stick")
        if _has_lessons(root):
            add(root, t("folders.stick", name=name), "stick")
    for key in used_keys(app):  # in use but not found above (a folder chosen earlier)
        path = _path(key)
        if key not in seen and path.exists():
            add(path, t("folders.folder", name=path.name), "command line")
    return out


def count_usable(path: Path) -> int:
    try:
        return sum(1 for e in lesson.discover([path]) if e.usable)
    except OSError:
        return 0


def set_used(app, keys: list[str]) -> None:
    app.store.set_device_setting("lesson_dirs", list(keys))
    app.refresh_lessons()


def apply_lock(entries, lock) -> list:
    """Only the lessons of the locked level or list (broken files hidden)."""
    if not isinstance(lock, dict):
        return entries
    if isinstance(lock.get("level"), int):
        return [e for e in entries if e.usable and e.lesson.level == lock["level"]]
    if isinstance(lock.get("lessons"), list):
        wanted = set(lock["lessons"])
        return [e for e in entries if e.usable and e.lesson.id in wanted]
    return entries


def describe_lock(lock, entries, tr=None) -> str:
    """The lock in words: « Niveau 2 seulement », « 3 leçons choisies », « Pas verrouillé »
    (in ``tr``'s language, French by default)."""
    tr = tr or i18n.french()
    if isinstance(lock, dict) and isinstance(lock.get("level"), int):
        return tr.t("facilitator.lock.level", n=lock["level"])
    if isinstance(lock, dict) and isinstance(lock.get("lessons"), list):
        return tr.n("facilitator.lock.lessons", len(lock["lessons"]))
    return tr.t("facilitator.lock.none")
