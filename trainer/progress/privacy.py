"""Gone means gone, and private means private.

- Every connection runs with ``PRAGMA secure_delete = ON``: a deleted row's
  bytes are overwritten, not left in free pages (CPython's Windows builds
  do not turn it on by themselves; Linux distributions usually do).
- :meth:`PrivateStore._scrub`, after a learner is deleted: the write-ahead
  log is copied into the file and emptied (``wal_checkpoint(TRUNCATE)``),
  the file rebuilt without its free pages (``VACUUM``), and the log emptied
  again: the name is neither in the file nor in its ``-wal``.
- :meth:`PrivateStore.scrub_set_aside`: the damaged copies set aside
  (``progres.abime-*.sqlite3`` and their ``-wal``, ``-shm``) are never read
  by the program again but may hold the deleted person's name: its bytes
  (UTF-8 and UTF-16, composed and decomposed accents, the whole name and each
  word of it) are overwritten in place; the rest of the copy is kept for
  whoever tries to rescue it.  The kept writes' journal is rewritten without
  the person (:mod:`.pending`).
- On POSIX, the progress file (and so its ``-wal`` and ``-shm``, which
  SQLite creates with the same rights) is readable by its owner only
  (0600), and the data folder too (0700) when it is the program's own
  folder or one the program created: the names and progress of a workshop
  are not for every account of the computer.
"""
from __future__ import annotations

import os
import sqlite3
import stat
import unicodedata
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = os.name == "posix"


def secure(db: sqlite3.Connection) -> None:
    """What every connection to the progress file runs first."""
    db.execute("PRAGMA secure_delete = ON")


#: where removable disks are mounted: a data folder below one of them whose
#: parent is missing is on a stick not plugged in (or not mounted yet)
REMOVABLE_ROOTS = ("/media", "/run/media", "/mnt", "/Volumes")


class NotPluggedIn(FileNotFoundError):
    """The data folder is on a removable disk that is not there (see :func:`on_unmounted_disk`)."""

    unplugged = True  # (read by trainer.progress.records.reason: the banner says it in plain words)


def on_unmounted_disk(folder: Path) -> bool:
    """Whether ``folder`` would be made below a removable disk's mount point
    whose disk is not there: making its missing parents would put the
    progress on the computer's own disk, where nobody would look for it."""
    folder = Path(os.path.abspath(folder))
    for root in map(Path, REMOVABLE_ROOTS):
        if root in folder.parents and not folder.parent.exists():
            return True
    return False


def private_folder(folder: Path, own: bool) -> None:
    """Make the data folder, reachable by its owner only when it is the
    program's own or one it creates (on POSIX).  A folder someone chose
    (``--data`` on a stick or a shared disk) keeps its rights: only the files
    are made private.  A folder on a stick not plugged in is not made
    (FileNotFoundError: the store then waits for it, as for a locked file)."""
    created = not folder.exists()
    if created and on_unmounted_disk(folder):
        raise NotPluggedIn(2, "removable disk not plugged in", str(folder))
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    if POSIX and (own or created):
        _tighten(folder, FOLDER_MODE)


def private_file(path: Path) -> None:
    """The progress file, made (empty: SQLite takes it as a new database)
    or tightened, readable by its owner only; its -wal and -shm follow it."""
    if not POSIX:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.close(fd)
    except OSError:
        return  # a read-only folder, a link: the store says what it can do
    for name in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm"), Path(str(path) + "-journal")):
        _tighten(name, FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid():
            return
        if stat.S_IMODE(st.st_mode) & ~mode:
            os.chmod(path, stat.S_IMODE(st.st_mode) & mode)
    except OSError:
        pass


class PrivateStore:
    """The part of :class:`~trainer.progress.ProgressStore` that makes a
    deletion final."""

    def _scrub(self) -> bool:
        """After a deletion: nothing of it in the file or its journal.
        False when another program kept part of it (a reader holding an old
        snapshot); the next deletion or checkpoint finishes it."""
        if getattr(self, "path", None) is None:
            return True
        try:
            done = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self.db.execute("VACUUM")
            again = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            return False
        return not (done and done[0]) and not (again and again[0])

    # -- the damaged copies set aside ----------------------------------------------
    def set_aside(self) -> list[Path]:
        """The damaged copies moved aside beside the file (with their -wal, -shm)."""
        path = getattr(self, "path", None)
        if path is None:
            return []
        try:
            return sorted(p for p in path.parent.glob(f"{path.stem}.abime-*") if p.is_file() and not p.is_symlink())
        except OSError:
            return []

    def set_aside_count(self) -> int:
        """How many damaged copies are set aside (« Supprimer » says it scrubs them)."""
        return sum(1 for p in self.set_aside() if p.name.endswith(self.path.suffix))

    def scrub_set_aside(self, name: str) -> int:
        """Overwrite ``name`` wherever it is in the damaged copies set aside;
        how many files changed."""
        patterns = name_patterns(name)
        changed = 0
        for path in self.set_aside():
            try:
                with open(path, "r+b") as f:
                    data = f.read()
                    scrubbed = data
                    for pattern in patterns:
                        scrubbed = scrubbed.replace(pattern, b"*" * len(pattern))
                    if scrubbed != data:
                        f.seek(0)
                        f.write(scrubbed)  # in place, same length: the old bytes are gone, not left in freed blocks
                        f.flush()
                        os.fsync(f.fileno())
                        changed += 1
            except OSError:
                continue
        return changed


def name_patterns(name: str) -> list[bytes]:
    """The bytes a name can take in a file: the whole name and each word of
    three letters or more (« Jean » of « Jean Dupont »: written alone in a
    step's details; shorter words would hit any bytes), accents composed and decomposed, in UTF-8 and in
    UTF-16 (either byte order); longest first."""
    texts = {name, *(w for w in name.split() if len(w) >= 3)}
    texts |= {unicodedata.normalize(form, t) for t in texts for form in ("NFC", "NFD")}
    found = {t.encode(enc) for t in texts if t for enc in ("utf-8", "utf-16-le", "utf-16-be")}
    return sorted(found, key=len, reverse=True)
