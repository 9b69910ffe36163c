"""The lessons as last read, kept in the data folder so that a start does not
read and check every YAML file again (nor import YAML at all: the path of
the ten workshops, ``parcours.yaml``, is kept with them).

The cache is plain JSON (never pickle: the data folder may be a USB stick
brought from elsewhere, and loading it must not run anything).  It is used
only when its fingerprint matches: the content of every lesson file, the
size and date of every other file of the lesson folders (images), and the
code that reads lessons.  Anything else, or any trouble reading or writing
it, simply means reading the lessons as usual.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from ..i18n import Message, from_data
from ..path import Workshop, WorkshopPath, find_path_file, load_path
from . import Lesson, LessonEntry, Problem, Step, discover
from .files import open_regular

CACHE_NAME = "lecons.cache.json"
FORMAT = 3  # 2: the problems' messages kept with their ids; 3: the path of the workshops kept too
_CODE = Path(__file__).resolve().parent.parent  # trainer/: the lesson reader, the step kinds and the path


def fingerprint(folders) -> str:
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for source in sorted([*(_CODE / "lesson").glob("*.py"), *(_CODE / "activities").glob("*.py"), _CODE / "path.py"]):
        _stat_into(digest, source, str(source.name))
    for folder in folders:
        folder = Path(folder)
        digest.update(_bytes(f"\0folder {folder.resolve()}"))
        if folder.is_file():
            _file_into(digest, folder, folder.name)
            continue
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath) / name
                _file_into(digest, path, os.path.relpath(path, folder))
    return digest.hexdigest()


def _bytes(text: str) -> bytes:
    """Text for the digest: a file name that is not UTF-8 (surrogate escapes) as its own bytes."""
    return text.encode("utf-8", "surrogateescape")


def _stat_into(digest, path: Path, shown: str) -> None:
    try:
        st = path.stat()
        digest.update(_bytes(f"\0{shown} {st.st_size} {st.st_mtime_ns} {st.st_mode}"))
    except OSError:
        digest.update(_bytes(f"\0{shown} unreadable"))


def _file_into(digest, path: Path, shown: str) -> None:
    """A lesson file by its content (a file rewritten twice in the same
    millisecond keeps its date); an image by its size and date."""
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            with open_regular(path) as f:  # a named pipe called *.yaml: never waits (OSError)
                digest.update(_bytes(f"\0{shown} ") + hashlib.sha256(f.read(1024 * 1024)).digest())
            st = path.stat()  # its permissions and links count too
            digest.update(f" {st.st_mode} {st.st_size}".encode())
            return
        except OSError:
            pass
    _stat_into(digest, path, shown)
    digest.update(_bytes(f" {path.is_symlink()}"))


def _to_json(entry: LessonEntry) -> dict:
    lesson = entry.lesson
    data = None
    if lesson is not None:
        data = {name: getattr(lesson, name) for name in Lesson.__dataclass_fields__}
        data["steps"] = [{name: getattr(step, name) for name in Step.__dataclass_fields__} for step in lesson.steps]
    return {"path": str(entry.path), "lesson": data,  # (a message kept with its id: shown in any language)
            "problems": [[p.path, p.line, p.message.to_data() if isinstance(p.message, Message) else p.message]
                         for p in entry.problems]}


def _from_json(item: dict) -> LessonEntry:
    lesson = None
    if item["lesson"] is not None:
        data = dict(item["lesson"])
        data["steps"] = tuple(Step(**step) for step in data["steps"])
        lesson = Lesson(**data)
    return LessonEntry(Path(item["path"]), lesson, [Problem(path, line, from_data(message))
                                                    for path, line, message in item["problems"]])


def _path_to_json(workshops) -> dict | None:
    return None if workshops is None else asdict(workshops)


def _path_from_json(data):
    if data is None:
        return None
    return WorkshopPath([Workshop(**w) for w in data["workshops"]], data["path"])


def _read_path(folders, entries):
    """The path of the workshops of ``folders`` (:func:`trainer.path.load_path`
    against the usable lessons), or None: none, or one with mistakes."""
    found = find_path_file([f for f in folders if f.is_dir()])
    if found is None:
        return None
    return load_path(found, [e.lesson for e in entries if e.usable])[0]


def discover_cached(folders, cache_file: Path | None) -> list[LessonEntry]:
    """What :func:`trainer.lesson.discover` returns, from the cache when it is
    still true (:func:`discover_with_path`)."""
    return discover_with_path(folders, cache_file)[0]


def discover_with_path(folders, cache_file: Path | None):
    """The lessons of ``folders`` (:func:`trainer.lesson.discover`) and their
    path of workshops (:func:`_read_path`), from the cache when it is still
    true.  Nothing in a folder can make it fail: whatever the cache cannot
    take (a strange name, a special file) means reading the lessons without
    it."""
    folders = [Path(f) for f in folders]
    if cache_file is None:
        entries = discover(folders)
        return entries, _read_path(folders, entries)
    try:
        key = fingerprint(folders)
    except (OSError, ValueError, RuntimeError):  # (UnicodeError is a ValueError)
        entries = discover(folders)
        return entries, _read_path(folders, entries)
    try:
        cached = json.loads(Path(cache_file).read_text(encoding="utf-8"))
        if cached.get("fingerprint") == key:
            return [_from_json(item) for item in cached["entries"]], _path_from_json(cached["path"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no cache, an old one, a damaged one: read the lessons
    entries = discover(folders)
    workshops = _read_path(folders, entries)
    try:
        # (ASCII: a file name that is not UTF-8 is kept as its escapes and read back the same)
        data = json.dumps({"fingerprint": key, "entries": [_to_json(e) for e in entries],
                           "path": _path_to_json(workshops)}, ensure_ascii=True)
        back = json.loads(data)
        if [_from_json(item) for item in back["entries"]] != entries or _path_from_json(back["path"]) != workshops:
            return entries, workshops  # something JSON cannot hold exactly: no cache rather than a wrong one
        tmp = Path(cache_file).with_name(Path(cache_file).name + ".tmp")
        tmp.write_text(data, encoding="utf-8")
        os.replace(tmp, cache_file)
    except (OSError, TypeError, ValueError):
        pass  # a read-only folder, a full disk: the lessons were read anyway
    return entries, workshops
