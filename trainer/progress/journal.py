"""Kept writes that survive a kill: a journal on disk, and a reserve of room for it.

While the progress file cannot take a write (another program holds it, the
disk is full), :mod:`.pending` keeps it in memory.  Memory alone dies with
the program (a killed process, a battery that runs out), so each kept write
is also appended to a small journal beside the file,
``progres.sqlite3.en-attente.jsonl``: one JSON line per write, flushed to the
disk (``fsync``) before the step counts as kept, private to the user (0600).
When everything kept is written into the file (all of it in one
transaction) the journal is removed; when a deleted person's kept writes
are forgotten, it is rewritten without them (a new file, ``fsync``, renamed
over the old one).  At the next start the store reads it back and
writes it (:meth:`trainer.progress.pending.PendingWrites._resume_journal`):
every write in it can be made twice without counting twice (sessions and
attempts are found again by their uid, a step replaces itself, an end is the
same end), so a kill between the file's write and the journal's rewrite never
counts a step twice.

Why a journal, and why a reserve: a lock leaves the disk writable, so the
journal alone keeps the steps.  A full disk refuses the journal too; so a
reserve file of :data:`RESERVE_SIZE` bytes is kept beside the progress file,
made while there is room, and given back to the disk the moment a journal
line cannot be written for want of room: that is room for a few hundred
steps' lines (a line is ~400 bytes).  It is made again once the disk has room.

This module does no SQL (only files); :mod:`.pending` decides what to keep.
"""
from __future__ import annotations

import errno
import json
import os
from pathlib import Path

JOURNAL_SUFFIX = ".en-attente.jsonl"
RESERVE_SUFFIX = ".reserve"
RESERVE_SIZE = 256 * 1024
FILE_MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _sync_folder(folder: Path) -> None:
    """A new or renamed name in ``folder`` survives a power cut (POSIX)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Journal:
    """The journal of kept writes and the reserve beside the progress file ``db_path``."""

    def __init__(self, db_path: Path):
        self.path = db_path.with_name(db_path.name + JOURNAL_SUFFIX)
        self.reserve = db_path.with_name(db_path.name + RESERVE_SUFFIX)
        self.released = False  # the reserve was given back to a full disk

    # -- the journal ------------------------------------------------------------
    def append(self, entry: dict) -> bool:
        """Add one kept write, on the disk before returning; False when even
        that failed (the write stays in memory only)."""
        data = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        new = not self.path.exists()
        for _ in range(2):
            try:
                self._write(data, os.O_APPEND, self.path)
                if new:
                    _sync_folder(self.path.parent)
                return True
            except OSError as exc:
                if not (_full(exc) and self.release_reserve()):
                    return False
        return False

    def rewrite(self, entries: list[dict]) -> bool:
        """The journal now holds only ``entries`` (none: it is removed)."""
        if not entries:
            return self.remove()
        data = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries).encode("utf-8")
        fresh = self.path.with_name(self.path.name + ".nouveau")
        for _ in range(2):
            try:
                self._write(data, os.O_TRUNC, fresh)
                os.replace(fresh, self.path)
                _sync_folder(self.path.parent)
                return True
            except OSError as exc:
                self._unlink(fresh)
                if not (_full(exc) and self.release_reserve()):
                    return False  # the old journal stays: replaying it again counts nothing twice
        return False

    def read(self) -> list[dict]:
        """The kept writes of an earlier run, oldest first (a line torn by a
        kill in the middle of its write is skipped)."""
        try:
            with open(self.path, "rb") as f:
                raw = f.read()
        except OSError:
            return []
        entries = []
        for line in raw.split(b"\n"):
            try:
                entry = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            if isinstance(entry, dict) and isinstance(entry.get("kind"), str) and isinstance(entry.get("values"),
                                                                                              dict):
                entries.append(entry)
        return entries

    def exists(self) -> bool:
        return self.path.exists()

    def remove(self) -> bool:
        if not self.path.exists():
            return True
        ok = self._unlink(self.path)
        _sync_folder(self.path.parent)
        return ok

    # -- the reserve ----------------------------------------------------------------
    def make_reserve(self) -> bool:
        """Set aside :data:`RESERVE_SIZE` bytes beside the file, if there is room."""
        try:
            if os.path.getsize(self.reserve) >= RESERVE_SIZE:
                return True
        except OSError:
            pass
        try:
            self._write(bytes(RESERVE_SIZE), os.O_TRUNC, self.reserve)
        except OSError:
            self._unlink(self.reserve)  # a half reserve is no reserve: give the room back
            return False
        self.released = False
        return True

    def release_reserve(self) -> bool:
        """Give the reserve's room back to a full disk; False when there was none."""
        if not self.reserve.exists():
            return False
        if not self._unlink(self.reserve):
            return False
        self.released = True
        return True

    # -- the file operations ----------------------------------------------------------
    @staticmethod
    def _write(data: bytes, flag: int, path: Path) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | flag | _NOFOLLOW | _BINARY, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)

    @staticmethod
    def _unlink(path: Path) -> bool:
        try:
            os.unlink(path)
            return True
        except FileNotFoundError:
            return True
        except OSError:
            return False
