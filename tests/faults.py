"""Test helper, not a test: the faults a workshop meets, injected for real
where the machine allows it.

- :class:`FullDisk`: the store's connection, whose writes fail as SQLite
  fails on a full disk (« database or disk is full »);
- :class:`OtherProgram`: a second SQLite connection of this process holding
  the write lock (``BEGIN EXCLUSIVE``);
- :class:`OtherProcess`: another *process* holding the file, so that nobody
  else can read it either (``locking_mode=EXCLUSIVE``, as a backup tool or a
  second copy of the program may), released on demand;
- :func:`small_disk`: a real 2 MB file system (tmpfs; needs root, else the
  test is skipped), to fill and free for real.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest


class FullDisk:
    """The store's connection, whose writes fail while :attr:`full` is True,
    exactly where SQLite fails when the disk fills: the statement that
    changes the file, or the COMMIT that makes it durable."""

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "COMMIT", "CREATE", "ALTER")

    def __init__(self, db):
        self.real = db
        self.full = False
        self.refused = 0

    def execute(self, sql, *params):
        if self.full and sql.lstrip().upper().startswith(self.WRITES):
            self.refused += 1
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, *params)

    def __getattr__(self, name):
        return getattr(self.real, name)


class OtherProgram:
    """Another program holding the progress file's write lock."""

    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None, timeout=0)

    def lock(self):
        if not self.db.in_transaction:
            self.db.execute("BEGIN EXCLUSIVE")

    def release(self):
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def close(self):
        self.release()
        self.db.close()


HOLDER = r"""
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
db.execute("CREATE TABLE IF NOT EXISTS holder_probe (x)")  # a write: the exclusive lock is really taken
db.execute("DROP TABLE holder_probe")
print("held", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
db.close()
print("released", flush=True)
"""


class OtherProcess:
    """Another process holding the file exclusively: no other connection can
    open, read or write it until :meth:`release`."""

    def __init__(self, path: Path):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "held":  # pragma: no cover
            self.proc.kill()
            raise RuntimeError(f"the other process could not take the file: {line!r}")

    def release(self):
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            assert self.proc.stdout.readline().strip() == "released"
            self.proc.wait(timeout=10)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@contextmanager
def small_disk(where: Path, size: str = "2m"):
    """A real small file system mounted on ``where`` (root only: else skip)."""
    where.mkdir(parents=True, exist_ok=True)
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("a real small disk needs root (mount -t tmpfs)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small disk: {done.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path, name: str = "remplissage") -> Path:
    """Fill the disk to the last byte (a file that takes all the room left)."""
    filler = disk / name
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            chunk = b"\0" * size
            try:
                while True:
                    os.write(fd, chunk)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler
