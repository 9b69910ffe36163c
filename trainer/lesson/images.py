"""Lesson images, checked for real before anything draws them.

A file called ``.png`` may be empty, cut short (copied from a stick pulled
out too soon), a text file renamed, or a real image of 20,000 x 20,000
points in a 400 KB file (PNG compresses a plain colour very well), which
would take 1.6 GB once decoded.  So the size an image announces in its
header (PNG: IHDR; JPEG: the SOF segment) is read first, and only an image
of at most :data:`MAX_PIXELS` points is decoded; then it must decode.

:func:`problem` says what is wrong (a :class:`trainer.i18n.Message`), for
``trainer validate`` and the lesson menu's « À corriger »;
:func:`decode` is what the drawing code uses (None for a bad image).
"""
from __future__ import annotations

import io
import os
import struct

from ..i18n import Message
from .files import NotRegularFile, printable, read_regular

MAX_IMAGE_BYTES = 4 * 1024 * 1024
MAX_SIDE = 8192
MAX_PIXELS = 4096 * 4096  # 64 MB once decoded (4 bytes a point); lesson pictures are far smaller

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class BadImage(Exception):
    """``message``: why (a :class:`trainer.i18n.Message`)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def header_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) read from a PNG or JPEG header; None when the bytes
    are neither (or the header is cut)."""
    if data.startswith(_PNG):
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        return struct.unpack(">II", data[16:24])
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 4 <= len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker == 0xFF:  # padding
                i += 1
                continue
            if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
                i += 2
                continue
            if marker in (0xD9, 0xDA):  # end of image, start of scan: no size before it
                return None
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in _JPEG_SOF:
                if i + 9 > len(data):
                    return None
                height, width = struct.unpack(">HH", data[i + 5:i + 9])
                return width, height
            i += 2 + length
    return None


def read_checked(path, value: str | None = None) -> bytes:
    """The bytes of an image whose header is sound and whose size is bounded
    (not decoded yet); :class:`BadImage` otherwise.  ``value``: the name
    shown in the messages (the one written in the lesson)."""
    shown = value if value is not None else printable(path)
    try:
        data = read_regular(path, MAX_IMAGE_BYTES + 1)
    except NotRegularFile:
        raise BadImage(Message("lesson.image.not_regular", path=shown)) from None
    except FileNotFoundError:
        raise BadImage(Message("lesson.image.missing", path=shown)) from None
    except OSError:
        raise BadImage(Message("lesson.image.unreadable", path=shown)) from None
    if len(data) > MAX_IMAGE_BYTES:
        raise BadImage(Message("lesson.image.too_big", path=shown))
    size = header_size(data)
    if size is None:
        raise BadImage(Message("lesson.image.not_image", path=shown))
    width, height = size
    if width <= 0 or height <= 0:
        raise BadImage(Message("lesson.image.damaged", path=shown))
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise BadImage(Message("lesson.image.too_many_pixels", path=shown, width=width, height=height,
                               side=4096))
    return data


def decode_bytes(data: bytes, path):
    """A pygame surface from bytes :func:`read_checked` let through."""
    import pygame  # (only to decode: the report reads lessons without pygame)

    hint = "x.png" if data.startswith(_PNG) else "x.jpg"
    image = pygame.image.load(io.BytesIO(data), hint)
    if image.get_width() * image.get_height() > MAX_PIXELS:  # the header lied
        raise pygame.error("image larger than its header says")
    return image


_checked: dict = {}  # (file, size, date, decoded): found good already, by this process (500 lessons, 10 pictures)


def problem(path, value: str | None = None, decode: bool = True):
    """Why this image cannot be shown (a message), or None when it is good:
    read for real (header, size, and a full decoding unless ``decode`` is
    False).  A picture found good is not decoded again while its size and
    date stay the same."""
    try:
        st = os.stat(path)
        key = (os.path.realpath(path), st.st_size, st.st_mtime_ns, st.st_ino, decode)
    except (OSError, ValueError):
        key = None
    if key is not None and key in _checked:
        return None
    found = _problem(path, value, decode)
    if found is None and key is not None:
        if len(_checked) > 1024:
            _checked.clear()
        _checked[key] = True
    return found


def _problem(path, value, decode):
    try:
        data = read_checked(path, value)
    except BadImage as exc:
        return exc.message
    if not decode:
        return None
    try:
        import pygame  # (only to decode: the report reads lessons without pygame)

        decode_bytes(data, path)
    except ImportError:  # pragma: no cover - pygame is a dependency
        return None
    except (pygame.error, ValueError, OSError, MemoryError, EOFError):
        return Message("lesson.image.damaged", path=value if value is not None else printable(path))
    return None


def decode(path):
    """The image as a pygame surface, or None when it is not a good image
    (never decodes more than :data:`MAX_PIXELS` points)."""
    import pygame  # (only to decode: the report reads lessons without pygame)

    try:
        return decode_bytes(read_checked(path), path)
    except (BadImage, pygame.error, ValueError, OSError, MemoryError, EOFError):
        return None
