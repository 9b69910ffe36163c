"""Files of a lesson folder, read without letting them hurt.

A lesson folder may come from anywhere (a USB stick, an archive made on
another computer): a named pipe called ``*.yaml`` would make ``open()`` wait
forever, a device file would read without end, and a name made on Windows
may not be UTF-8 (``os.listdir`` gives it with surrogate escapes, which
cannot be printed, drawn, or written to JSON or SQLite as they are).

- :func:`open_regular` opens a file only if it is an ordinary file (the
  opening itself never waits: ``O_NONBLOCK``, then ``fstat``);
- :func:`printable` gives any path as text that can be shown (a name in a
  Windows code page is read as such: « photo-été.png »).
"""
from __future__ import annotations

import os
import stat


class NotRegularFile(OSError):
    """A named pipe, a device, a socket, a folder: not a file to read."""


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)


def open_regular(path):
    """``open(path, "rb")`` for an ordinary file only (:class:`NotRegularFile`
    for anything else); never waits for a writer on a named pipe."""
    fd = os.open(path, _FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file: {printable(path)}")
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path, limit: int) -> bytes:
    """At most ``limit`` bytes of an ordinary file (see :func:`open_regular`)."""
    with open_regular(path) as f:
        return f.read(limit)


def printable(path) -> str:
    """A path as text that can be printed and drawn: a name that is not UTF-8
    (surrogate escapes from ``os.listdir``) is read in the Windows code page
    of Western Europe, where « é » is one byte."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        raw = text
    else:
        try:
            text.encode("utf-8")
            return text
        except UnicodeEncodeError:
            raw = os.fsencode(text)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
