"""Export and import of progress: a learner's record travels between devices.

Pure Python, no pygame: the command line uses it with no display, and the
facilitator's screen calls the same functions.  It owns the file format, its
checks and the merge rules; the progress store reads the rows and writes the
merge (:mod:`trainer.progress.exchange_rows`).  The stable API:

``export_progress(store, out_path, learner_ids=None, fmt="json", include_guest=False) -> ExportSummary``
    Write the progress of some learners (``None``: every learner but the
    guest) to ``out_path``, as JSON (the complete record, the one that
    :func:`import_progress` reads) or CSV (one row per finished step, for a
    spreadsheet).  The file is written atomically: a temporary file in the
    same folder, flushed to the disk, then renamed over the target, so that a
    USB stick pulled out too early never holds half a file under the real
    name.  ``summary.message`` says in French what was written.
``import_progress(store, path, same_person=(), attach=True) -> ImportSummary``
    Merge a JSON export into the store, in one transaction; importing the same
    file twice adds nothing.  ``summary.lines()`` says in French, per learner,
    what was added.
``removable_drives() -> list[Path]``
    Where USB sticks are mounted now (never fails: an empty list).
``default_file_name(fmt, learner_name=None, day=None, device=None) -> str``
    ``pas-a-pas-progres-portable-3-2026-11-26.json`` (the device's name, the
    learner's); :func:`free_path` never gives the name of a file already there.
``ExchangeError``
    Raised with a ``.message`` (a :class:`trainer.i18n.Message`: read as French,
    shown in the language of whoever shows it) when a file cannot be written
    or read; an import that fails wrote nothing.

The JSON format (``"format": "pas-a-pas-progres"``, ``"version": 2``; files
of version 1, without workshops nor devices, are still read: their sessions
are « hors atelier »)::

    {"format": "pas-a-pas-progres", "version": 2,
     "exported_at": "2026-11-26T15:40:00Z",
     "device": {"uid": "…", "name": "Portable 3"},
     "workshops": [{"uid": "…", "day": "2026-11-26", "town": "Camon", "place": "CCAS de Camon"}],
     "learners": [
       {"uid": "…", "name": "Marie", "colour": "#1F5FAD", "is_guest": false,
        "settings": {…}, "created_at": 1795000000.0, "same_as": null | "<uid of the person>",
        "sessions": [
          {"uid": "…", "started_at": …, "ended_at": … | null,
           "setting": "workshop" | "home" | "outside", "workshop": "<uid>" | null,
           "device_uid": "…", "device_name": "Portable 3",
           "attached": false,  (true: attached to its workshop afterwards, « Détacher » may undo it;
                                optional: a file without it has none)
           "attempts": [
             {"uid": "…", "lesson_id": "…", "lesson_title": "…", "step_count": 6,
              "first_step": 0, "started_at": …, "finished_at": … | null,
              "status": "started" | "left" | "done",
              "steps": [
                {"step_index": 0, "kind": "click", "finished_at": …, "duration": 4.2,
                 "misses": 1, "hints": 0, "target_size": 0.1 | null, "input": "mouse",
                 "successes": 3, "details": {…}}]}]}]}]}

Times are seconds since 1970 (UTC), exactly as stored; records are ordered
by time then uid, so that the same progress always gives the same file.  An
attempt's status is the store's « done » rule (:data:`trainer.progress.ATTEMPT_DONE`):
an attempt with every step recorded is "done" even if its program was
stopped before it could say so.  A step's details are the JSON object as
stored (the keys of its kind's ``Details``, and whatever another device wrote).

Every value is checked before anything is written (:mod:`trainer.exchange_checks`):
a file with one bad value is refused whole, with a French reason.

Merge rules of an import: a learner is the one with the same uid, never one
with the same first name: a different person whose first name someone here
already has is added apart (« Monique (2) ») and the summary says so, unless
the facilitator named them in ``same_person`` (then the record is joined to
the one here, undoably: ``same_as``; a record joined to someone neither
in the file nor here comes as its own person, and exporting a person takes
all their records); the guest's record goes to the
device's guest.  A workshop is the one with the same uid, or the same day,
town and place (six laptops make one workshop).  Sessions and attempts are
matched by uid, finished steps by (attempt, step index), and what is already
there is kept as it is; an attempt's status only moves forward (started →
left → done); a session's end is the later of the two; a session « hors
atelier » here takes the file's workshop; then the « hors atelier » sessions
of the days the file touches join that day's workshop when there was exactly
one.  A learner's name, colour and settings here are never changed.
"""
from __future__ import annotations

import csv
import errno
import getpass
import io
import json
import math
import os
import re
import stat
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from . import i18n
from .exchange_checks import CHECKS
from .exchange_checks import details as details_ok
from .i18n import Message
from .progress import StoreError, reason_of

FORMAT = "pas-a-pas-progres"
VERSION = 2  # 2: workshops, the device's uid and name, where each session was practised
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # an export of 100,000 steps is ~25 MB

STATUS_RANK = {"started": 0, "left": 1, "done": 2}

LEARNER_FIELDS_V1 = ("uid", "name", "colour", "is_guest", "settings", "created_at")
SESSION_FIELDS_V1 = ("uid", "started_at", "ended_at")
LEARNER_FIELDS = LEARNER_FIELDS_V1 + ("same_as",)
SESSION_FIELDS = SESSION_FIELDS_V1 + ("setting", "workshop", "device_uid", "device_name")
WORKSHOP_FIELDS = ("uid", "day", "town", "place")
SETTINGS = ("workshop", "home", "outside")
ATTEMPT_FIELDS = ("uid", "lesson_id", "lesson_title", "step_count", "first_step", "started_at", "finished_at",
                  "status")
STEP_FIELDS = ("step_index", "kind", "finished_at", "duration", "misses", "hints", "target_size", "input",
               "successes", "details")

#: the details of a step that a spreadsheet gets as their own columns
CSV_DETAILS = ("chars_per_minute", "accuracy", "undos", "redos", "recovered")
INPUT_NAMES = ("mouse", "touch", "mixed", "keyboard")  # written as the message "exchange.input." + name


def csv_header(tr=None) -> tuple[str, ...]:
    """The columns of the spreadsheet, in ``tr``'s language (French by default)."""
    return tuple((tr or i18n.french()).t("exchange.columns").split(";"))


CSV_HEADER = csv_header()  # (in French)


class ExchangeError(Exception):
    """A file that cannot be written or imported; ``message`` says why (a Message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- small helpers ---------------------------------------------------------------

def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-")


def default_file_name(fmt: str = "json", learner_name: str | None = None, day: date | None = None,
                      device: str | None = None) -> str:
    """``pas-a-pas-progres-2026-11-26.json``; with a learner:
    ``pas-a-pas-progres-marie-2026-11-26.json``; with the device's name:
    ``pas-a-pas-progres-portable-3-2026-11-26.json`` (plain letters only, for
    every file system)."""
    day = day or date.today()
    middle = "".join(f"{slug}-" for slug in (_slug(device or ""), _slug(learner_name or "")) if slug)
    return f"pas-a-pas-progres-{middle}{day.isoformat()}.{fmt}"


def free_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``… when a file of that name is there already:
    nothing on a stick is ever replaced."""
    path = Path(path)
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _write_reason(exc: OSError) -> Message:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return Message("exchange.reason.full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Message("store.reason.read_only")
    if exc.errno == errno.ENOENT:
        return Message("exchange.reason.gone")
    return Message("store.reason.error", error=exc.strerror or str(exc))


LEFTOVER_AGE = 600.0  # seconds: a temporary file older than this is from an export that was killed


def _clean_leftovers(folder: Path) -> None:
    """Temporary files of an export killed while writing (power cut, stick
    pulled out, process killed) are removed at the next export (best effort;
    a recent one may be another export writing now)."""
    try:
        for p in folder.glob(".pas-a-pas-*.tmp"):
            try:
                if time.time() - p.stat().st_mtime > LEFTOVER_AGE:
                    p.unlink()
            except OSError:
                pass
    except OSError:
        pass


def write_atomically(out_path: Path, data: bytes) -> None:
    """Write ``data`` to ``out_path`` whole or not at all: a temporary file in
    the same folder (same disk, so the rename is atomic), flushed to the disk
    with fsync, then renamed over the target."""
    out_path = Path(out_path)
    tmp_name = None
    _clean_leftovers(out_path.parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".pas-a-pas-", suffix=".tmp", dir=str(out_path.parent))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, out_path)
        tmp_name = None
        if hasattr(os, "O_DIRECTORY"):  # the rename itself on the disk (POSIX); best effort
            try:
                dir_fd = os.open(str(out_path.parent), os.O_RDONLY | os.O_DIRECTORY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
            except OSError:
                pass
    except OSError as exc:
        raise ExchangeError(Message("exchange.cannot_write", path=out_path, reason=_write_reason(exc))) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


# -- reading the store ----------------------------------------------------------

def _check_store(store, doing: str) -> None:
    """A store that fell back to memory (its file could not be opened) holds
    only this run's steps: exporting it or importing into it would mislead.
    (``doing``: "export" or "import")"""
    if not store.file_lost():
        return
    raise ExchangeError(Message("exchange.closed", reason=reason_of(store.warning) or Message("store.reason.unknown"),
                                doing=Message(f"exchange.doing.{doing}")))


def _json_object(text) -> dict:
    if text == "{}" or not text:
        return {}
    try:
        value = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


_FIELDS = {"learners": LEARNER_FIELDS, "sessions": SESSION_FIELDS + ("attached",), "attempts": ATTEMPT_FIELDS,
           "steps": STEP_FIELDS}


def collect(store, learner_ids=None, include_guest: bool = False) -> list[dict]:
    """The complete record of some learners, as plain data (the ``learners``
    of the JSON format)."""
    learners = store.export_records(_FIELDS, learner_ids, include_guest)
    for learner in learners:
        learner["is_guest"] = bool(learner["is_guest"])
        learner["settings"] = _json_object(learner["settings"])
        for session in learner["sessions"]:
            session["attached"] = bool(session["attached"])
            for attempt in session["attempts"]:
                for step in attempt["steps"]:
                    step["details"] = _json_object(step["details"])
    return learners


# -- export ----------------------------------------------------------------------

@dataclass
class ExportSummary:
    path: Path
    fmt: str
    learners: int
    sessions: int
    steps: int

    @property
    def message(self) -> Message:
        return Message("exchange.exported", people=Message("common.people", n=self.learners),
                       sessions=Message("common.sessions", n=self.sessions), steps=Message("common.steps", n=self.steps),
                       path=self.path)


def _number(value, tr=None) -> str:
    """A number as a spreadsheet of ``tr``'s language reads it: a decimal comma in French."""
    tr = tr or i18n.french()
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr.t("exchange.yes" if value else "exchange.no")
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = repr(round(value, 3))
        if text.endswith(".0"):
            text = text[:-2]
        return text.replace(".", tr.t("number.decimal_point"))
    if isinstance(value, int):
        return str(value)
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(text) -> str:
    """A cell for a spreadsheet: control characters gone, and one that starts
    like a formula (=, +, -, @, a tab, their full-width forms) is written as
    text, never run."""
    if not isinstance(text, str):
        return text
    if text[:1] in _FORMULA_START and not _NUMBER.match(text):
        text = "'" + text
    return "".join(ch if ch not in _CONTROLS else " " for ch in text)


_NUMBER = re.compile(r"-?\d+([.,]\d+)?\Z")  # (a number is a number, even negative)
_CONTROLS = {chr(c) for c in range(32)} | {chr(127)}


class SafeWriter:
    """A csv writer whose every text cell goes through :func:`_cell`."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row) -> None:
        self.writer.writerow([_cell(c) for c in row])


def _local(ts) -> str:
    if ts is None:
        return ""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def csv_separator(tr=None) -> str:
    """';' where numbers have a decimal comma (French), else ','."""
    return ";" if (tr or i18n.french()).t("number.decimal_point") == "," else ","


def csv_text(learners: list[dict], tr=None) -> str:
    """One row per finished step, in ``tr``'s language (French by default).
    In French the separator is ';' and numbers have a decimal comma: a French
    Excel or LibreOffice opens the file straight into columns that way (with
    ',' it puts everything in one column, and reads 4.2 as a date); in
    English, ',' and a decimal point.  The file starts with a byte order mark
    (UTF-8 with BOM) so that Excel reads the accents of the names right."""
    tr = tr or i18n.french()
    out = io.StringIO()
    writer = SafeWriter(csv.writer(out, delimiter=csv_separator(tr), lineterminator="\r\n"))
    writer.writerow(csv_header(tr))
    for learner in learners:
        for session in learner["sessions"]:
            day = _local(session["started_at"])
            for attempt in session["attempts"]:
                for step in attempt["steps"]:
                    details = step["details"]
                    name = tr.t("learners.guest") if learner["is_guest"] else learner["name"]  # (the shared tile)
                    writer.writerow([_cell(name), day, attempt["lesson_id"],
                                     _cell(attempt["lesson_title"]),
                                     step["step_index"] + 1, step["kind"], _number(step["duration"], tr),
                                     step["misses"], step["hints"], _number(step["target_size"], tr),
                                     tr.t(f"exchange.input.{step['input']}") if step["input"] in INPUT_NAMES
                                     else step["input"],
                                     step["successes"], *(_number(details.get(k), tr) for k in CSV_DETAILS)])
    return "\ufeff" + out.getvalue()


def export_progress(store, out_path, learner_ids=None, fmt: str = "json",
                    include_guest: bool = False, tr=None) -> ExportSummary:
    """Write the progress of ``learner_ids`` (``None``: every learner, the
    guest only with ``include_guest``) to ``out_path``, atomically (a
    spreadsheet in ``tr``'s language, French by default)."""
    if fmt not in ("json", "csv"):
        raise ValueError(f"unknown export format: {fmt}")
    out_path = Path(out_path)
    _check_store(store, "export")
    learners = collect(store, learner_ids, include_guest)
    if fmt == "json":
        used = {s["workshop"] for l in learners for s in l["sessions"] if s["workshop"]}
        document = {"format": FORMAT, "version": VERSION,
                    "exported_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "device": {"uid": store.device_uid(), "name": store.device_name()},
                    "workshops": store.export_workshops(used), "learners": learners}
        # compact: the indented form is four times slower to write (Python's
        # pure encoder) and half as big again; `python -m json.tool` shows it
        data = (json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                ).encode("utf-8")
    else:
        data = csv_text(learners, tr).encode("utf-8")
    write_atomically(out_path, data)
    sessions = sum(len(l["sessions"]) for l in learners)
    steps = sum(len(a["steps"]) for l in learners for s in l["sessions"] for a in s["attempts"])
    return ExportSummary(out_path, fmt, len(learners), sessions, steps)


# -- reading and checking a file -----------------------------------------------------



def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2 ** 62  # fits SQLite's integers


def _check_record(record, fields, where, children: str | None = None) -> None:
    """``where``: a Message, or a function that makes it (only when something is wrong:
    making 100,000 messages for nothing took seconds)."""
    def place():
        return where() if callable(where) else where

    if not isinstance(record, dict):
        raise ExchangeError(Message("exchange.damaged.unreadable", where=place()))
    for name in fields:
        if name not in record:
            raise ExchangeError(Message("exchange.damaged.missing", name=name, where=place()))
        if not CHECKS[name](record[name]):
            raise ExchangeError(Message("exchange.damaged.value", name=name, where=place()))
    if children is not None and not isinstance(record.get(children), list):
        raise ExchangeError(Message("exchange.damaged.list", name=children, where=place()))


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, never more than :data:`MAX_IMPORT_BYTES` read: a
    regular file only (a named pipe, a device such as /dev/zero, a folder are
    refused without waiting), opened without blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(str(path), flags)
    except FileNotFoundError:
        raise ExchangeError(Message("exchange.no_file", path=path)) from None
    except IsADirectoryError:
        raise ExchangeError(Message("exchange.is_folder", path=path)) from None
    except OSError as exc:
        raise ExchangeError(Message("exchange.unreadable", path=path, reason=exc.strerror or str(exc))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ExchangeError(Message("exchange.is_folder", path=path))
        if not stat.S_ISREG(info.st_mode):
            raise ExchangeError(Message("exchange.not_a_file", name=path.name))
        if info.st_size > MAX_IMPORT_BYTES:
            raise ExchangeError(Message("exchange.too_big", name=path.name))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_IMPORT_BYTES:  # (grew while read)
                raise ExchangeError(Message("exchange.too_big", name=path.name))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise ExchangeError(Message("exchange.unreadable", path=path, reason=exc.strerror or str(exc))) from None
    finally:
        os.close(fd)


def read_export(path) -> dict:
    """Read and check a whole JSON export before anything is written (every
    value by its type and range: :mod:`trainer.exchange_checks`)."""
    path = Path(path)
    raw = _read_bounded(path)
    if not raw.strip():
        raise ExchangeError(Message("exchange.empty", name=path.name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(Message("exchange.not_text")) from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        from . import i18n  # (only for a file that is not JSON)

        if any(text.lstrip().startswith(csv_header(i18n.translator(lang))[0] + csv_separator(i18n.translator(lang)))
               for lang in i18n.LANGUAGES):
            raise ExchangeError(Message("exchange.csv")) from None
        raise ExchangeError(Message("exchange.cut", name=path.name)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError(Message("exchange.not_ours"))
    version = document.get("version")
    if not _is_int(version) or version < 1:
        raise ExchangeError(Message("exchange.damaged.version"))
    if version > VERSION:
        raise ExchangeError(Message("exchange.newer", version=version, ours=VERSION))
    learners = document.get("learners")
    if not isinstance(learners, list):
        raise ExchangeError(Message("exchange.damaged.learners"))
    learner_fields, session_fields = (LEARNER_FIELDS_V1, SESSION_FIELDS_V1) if version == 1 else \
        (LEARNER_FIELDS, SESSION_FIELDS)
    workshops = document.get("workshops", []) if version >= 2 else []
    if not isinstance(workshops, list):
        raise ExchangeError(Message("exchange.damaged.list", name="workshops", where=Message("exchange.where.file")))
    device = document.get("device")
    if version >= 2 and not (isinstance(device, dict) and CHECKS["uid"](device.get("uid"))
                             and CHECKS["device_name"](device.get("name"))):
        raise ExchangeError(Message("exchange.damaged.value", name="device", where=Message("exchange.where.file")))
    known_workshops = set()
    for i, workshop in enumerate(workshops, 1):
        _check_record(workshop, WORKSHOP_FIELDS, Message("exchange.where.workshop", i=i))
        known_workshops.add(workshop["uid"])
    seen: set = set()
    for i, learner in enumerate(learners, 1):
        _check_record(learner, learner_fields, Message("exchange.where.learner", i=i), "sessions")
        who = learner["name"]
        for j, session in enumerate(learner["sessions"], 1):
            def where(j=j):
                return Message("exchange.where.session", j=j, who=who)

            _check_record(session, session_fields, where, "attempts")
            if version >= 2 and (session["workshop"] is not None) != (session["setting"] == "workshop") or \
                    version >= 2 and session["workshop"] is not None and session["workshop"] not in known_workshops:
                raise ExchangeError(Message("exchange.damaged.value", name="workshop", where=where()))
            if "attached" in session and not (isinstance(session["attached"], bool) and (
                    not session["attached"] or session.get("setting") == "workshop")):
                raise ExchangeError(Message("exchange.damaged.value", name="attached", where=where()))
            for k, attempt in enumerate(session["attempts"], 1):
                def where(k=k, j=j):
                    return Message("exchange.where.attempt", k=k, j=j, who=who)

                def step_where(where=where):
                    return Message("exchange.where.step", where=where())

                _check_record(attempt, ATTEMPT_FIELDS, where, "steps")
                indexes = set()
                for step in attempt["steps"]:
                    _check_record(step, STEP_FIELDS, step_where)
                    if not details_ok(step["kind"], step["details"]):
                        raise ExchangeError(Message("exchange.damaged.value", name="details", where=step_where()))
                    if step["step_index"] in indexes:
                        raise ExchangeError(Message("exchange.damaged.step_twice", n=step["step_index"] + 1,
                                                    where=where()))
                    indexes.add(step["step_index"])
        for uid in [learner["uid"]] + [s["uid"] for s in learner["sessions"]] + \
                [a["uid"] for s in learner["sessions"] for a in s["attempts"]]:
            if uid in seen:
                raise ExchangeError(Message("exchange.damaged.uid_twice", uid=uid))
            seen.add(uid)
    return document


# -- import ----------------------------------------------------------------------

@dataclass
class LearnerImport:
    name: str
    how: str  # "uid" (known here), "new", "homonym" (new, another person here has that first name), "joined", "guest"
    sessions_added: int = 0
    steps_added: int = 0
    steps_present: int = 0
    attempts_updated: int = 0
    other_name: str = ""  # "homonym", "joined": the name of the person here

    def line(self) -> Message:
        added = []
        if self.sessions_added:
            added.append(Message("common.sessions", n=self.sessions_added))
        if self.steps_added:
            added.append(Message("common.steps", n=self.steps_added))
        if added:
            what = added[0] if len(added) == 1 else Message("exchange.and", a=added[0], b=added[1])
            text = Message("exchange.added", n=self.sessions_added + self.steps_added, what=what)
            if self.steps_present:
                text = Message("exchange.then", a=text, b=Message("exchange.present", n=self.steps_present))
        elif self.steps_present:
            text = Message("exchange.nothing_new_present", n=self.steps_present)
        else:
            text = Message("exchange.nothing_new")
        if self.attempts_updated:
            text = Message("exchange.then", a=text, b=Message("exchange.updated", n=self.attempts_updated))
        line = {"new": "exchange.line.new", "homonym": "exchange.line.homonym",
                "joined": "exchange.line.joined"}.get(self.how, "exchange.line")
        return Message(line, name=self.name, text=text, other=self.other_name)


@dataclass
class ImportSummary:
    path: Path
    learners: list = field(default_factory=list)  # LearnerImport, in the file's order
    device: str = ""  # the name of the device the file comes from
    attached: int = 0  # sessions « hors atelier » attached to the workshop of their day

    @property
    def sessions_added(self) -> int:
        return sum(l.sessions_added for l in self.learners)

    @property
    def steps_added(self) -> int:
        return sum(l.steps_added for l in self.learners)

    @property
    def steps_present(self) -> int:
        return sum(l.steps_present for l in self.learners)

    def lines(self) -> list[Message]:
        if not self.learners:
            return [Message("exchange.nobody")]
        lines = [l.line() for l in self.learners]
        if self.attached:
            lines.append(Message("exchange.attached", n=self.attached))
        return lines


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _free_name(name: str, taken) -> str:
    """« Monique (2) »: a first name no one here has yet (the tiles must differ)."""
    n = 2
    while True:
        candidate = f"{name[:24]} ({n})"
        if _fold(candidate) not in taken:
            return candidate
        n += 1


class _Merge:
    """The merge rules (see the module's docstring), over the store's
    :class:`~trainer.progress.exchange_rows.ImportWriter`."""

    def __init__(self, rows, same_person=(), version: int = VERSION, device=None, workshops=(), uids=()):
        self.rows = rows
        self.uids = set(uids)  # the learners of the file (a join to one of them is kept)
        self.same_person = {_fold(n) for n in same_person}
        self.version = version
        self.device = device if isinstance(device, dict) else {"uid": None, "name": device or None}
        self.workshops = {w["uid"]: w for w in workshops}
        self.workshop_ids: dict[str, int] = {}
        self.days: set[str] = {w["day"] for w in workshops}

    def learner(self, record) -> tuple[int, str, str]:
        """(id here, how, the name of the person here it met)."""
        rows = self.rows
        found = rows.learner_by_uid(record["uid"])
        if found is not None:
            return found[0], ("guest" if found[1] else "uid"), ""
        if record["is_guest"]:
            guest = rows.guest_id()
            if guest is not None:
                return guest, "guest", ""
        name = " ".join(record["name"].split())[:30]
        how, same_as, other = ("guest" if record["is_guest"] else "new"), record.get("same_as"), ""
        if same_as is not None and same_as not in self.uids and rows.learner_by_uid(same_as) is None:
            same_as = None  # joined to someone neither in the file nor here: their own person (no join to nobody)
        if not record["is_guest"]:
            named = rows.named_learners()
            taken = {_fold(n) for _, n in named}
            if _fold(name) in taken:
                other = next(n for _, n in named if _fold(n) == _fold(name))
                if _fold(name) in self.same_person:  # the facilitator says: the same person
                    how = "joined"
                    same_as = rows.person_uid(next(i for i, n in named if _fold(n) == _fold(name)))
                else:  # never merged by accident: kept apart, under a name that differs
                    how = "homonym"
                name = _free_name(name, taken)
        new_id = rows.add_learner(record["uid"], name, record["colour"], record["is_guest"], record["settings"],
                                  record["created_at"], same_as)
        return new_id, how, other

    def workshop(self, uid) -> int | None:
        if uid is None:
            return None
        if uid not in self.workshop_ids:
            w = self.workshops[uid]
            self.workshop_ids[uid] = self.rows.workshop_id(w["uid"], w["day"], w["town"], w["place"])
        return self.workshop_ids[uid]

    def session(self, learner_id: int, record, report: LearnerImport) -> int:
        setting = record.get("setting", "outside")
        workshop_id = self.workshop(record.get("workshop"))
        attached = record.get("attached") is True and setting == "workshop"  # (« Détacher » may undo it here too)
        self.days.add(date.fromtimestamp(record["started_at"]).isoformat())
        row = self.rows.session_by_uid(record["uid"])
        if row is None:
            report.sessions_added += 1
            return self.rows.add_session(record["uid"], learner_id, record["started_at"], record["ended_at"],
                                         setting, workshop_id, record.get("device_uid", self.device["uid"]),
                                         record.get("device_name", self.device["name"]), attached)
        if row[1] != learner_id:
            raise ExchangeError(Message("exchange.session_elsewhere", name=report.name))
        if record["ended_at"] is not None and (row[2] is None or record["ended_at"] > row[2]):
            self.rows.set_session_end(row[0], record["ended_at"])
        if setting != "outside":
            self.rows.place_session(row[0], setting, workshop_id, attached)
        return row[0]

    def attempt(self, session_id: int, learner_id: int, record, report: LearnerImport) -> int:
        row = self.rows.attempt_by_uid(record["uid"])
        if row is None:
            return self.rows.add_attempt(session_id, learner_id, **{f: record[f] for f in ATTEMPT_FIELDS})
        if row[1] != session_id:
            raise ExchangeError(Message("exchange.attempt_elsewhere", name=report.name))
        if STATUS_RANK[record["status"]] > STATUS_RANK.get(row[2], 0):
            self.rows.set_attempt_status(row[0], record["status"], record["finished_at"])
            report.attempts_updated += 1
        return row[0]

    def steps(self, attempt_id: int, steps: list, report: LearnerImport) -> None:
        present = self.rows.step_indexes(attempt_id)
        new = [s for s in steps if s["step_index"] not in present]
        report.steps_present += len(steps) - len(new)
        report.steps_added += len(new)
        self.rows.add_steps(attempt_id, new)


def import_progress(store, path, same_person=(), attach: bool = True) -> ImportSummary:
    """Merge the JSON export at ``path`` into ``store``, all or nothing.

    A learner is matched by uid only: someone of the file whose first name a
    different person here already has is kept apart (« Monique (2) ») and the
    summary says so, unless their first name is in ``same_person`` (the
    facilitator's deliberate « c'est la même personne »: the record is joined
    to the one here, undoably).  A learner's settings here are never changed.
    With ``attach``, the « hors atelier » sessions of the days the file
    touches join the workshop of their day when that day had exactly one."""
    from .progress import StoreError  # (the store's package imports this module's users: no circle)

    _check_store(store, "import")
    document = read_export(path)
    device = document.get("device")
    summary = ImportSummary(Path(path), device=(device.get("name") if isinstance(device, dict) else device) or "")
    try:
        with store.importing() as rows:
            merge = _Merge(rows, same_person, document["version"], device, document.get("workshops", []),
                           [r["uid"] for r in document["learners"]])
            for record in document["learners"]:
                learner_id, how, other = merge.learner(record)
                report = LearnerImport(rows.learner_name(learner_id), how, other_name=other)
                for session in record["sessions"]:
                    session_id = merge.session(learner_id, session, report)
                    for attempt in session["attempts"]:
                        attempt_id = merge.attempt(session_id, learner_id, attempt, report)
                        merge.steps(attempt_id, attempt["steps"], report)
                summary.learners.append(report)
            if attach:
                summary.attached = rows.attach_outside(merge.days)
    except StoreError as exc:
        if not exc.started:
            raise ExchangeError(Message("exchange.busy", reason=exc.reason)) from None
        raise ExchangeError(Message("exchange.not_saved", reason=exc.reason)) from None
    return summary


# -- USB sticks ------------------------------------------------------------------

def _mounted_children(folder: Path) -> list[Path]:
    try:
        children = sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []
    return [p for p in children if os.path.ismount(p)]


def _linux_drives(user: str, root: Path = Path("/")) -> list[Path]:
    found: list[Path] = []
    folders = ([root / "media" / user, root / "run" / "media" / user] if user else []) + [root / "media"]
    for folder in folders:
        for p in _mounted_children(folder):
            if p not in found:
                found.append(p)
    return found


def _mac_drives(volumes: Path = Path("/Volumes")) -> list[Path]:
    try:
        system = os.stat("/").st_dev
    except OSError:
        system = None
    found = []
    try:
        children = sorted(volumes.iterdir())
    except OSError:
        return []
    for p in children:
        try:
            if p.name.startswith(".") or not p.is_dir() or os.stat(p).st_dev == system:
                continue  # the system volume (a link to /) and hidden ones
        except OSError:
            continue
        found.append(p)
    return found


def _windows_drives() -> list[Path]:
    import ctypes  # (Windows only)

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    found = []
    for i in range(26):
        if mask & (1 << i):
            root = f"{chr(ord('A') + i)}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == 2:  # DRIVE_REMOVABLE
                found.append(Path(root))
    return found


def removable_drives() -> list[Path]:
    """Where a USB stick (or an SD card) is mounted now; an empty list when
    there is none or when this cannot be known.  Never raises."""
    try:
        if sys.platform.startswith("win"):
            return _windows_drives()
        if sys.platform == "darwin":
            return _mac_drives()
        user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
        if not user:
            user = getpass.getuser()
        return _linux_drives(user)
    except Exception:
        return []
