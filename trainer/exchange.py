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
``import_progress(store, path) -> ImportSummary``
    Merge a JSON export into the store, in one transaction; importing the same
    file twice adds nothing.  ``summary.lines()`` says in French, per learner,
    what was added.
``removable_drives() -> list[Path]``
    Where USB sticks are mounted now (never fails: an empty list).
``default_file_name(fmt, learner_name=None, day=None) -> str``
    ``pas-a-pas-progres-2026-11-26.json``, or with the learner's name.
``ExchangeError``
    Raised with a French ``.message`` when a file cannot be written or read;
    an import that fails wrote nothing.

The JSON format (``"format": "pas-a-pas-progres"``, ``"version": 1``)::

    {"format": "pas-a-pas-progres", "version": 1,
     "exported_at": "2026-11-26T15:40:00Z", "device": "portable-3",
     "learners": [
       {"uid": "…", "name": "Marie", "colour": "#1F5FAD", "is_guest": false,
        "settings": {…}, "created_at": 1795000000.0,
        "sessions": [
          {"uid": "…", "started_at": …, "ended_at": … | null,
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

Merge rules of an import: a learner is the one with the same uid, else the
one with the same first name (case and accents as written, capitals ignored;
never the guest, whose record goes to the device's guest); sessions and
attempts are matched by uid, finished steps by (attempt, step index), and
what is already there is kept as it is; an attempt's status only moves
forward (started → left → done); a session's end is the later of the two;
a learner's name and colour stay the device's, and a setting comes from the
file only when the device has none for it.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import socket
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

FORMAT = "pas-a-pas-progres"
VERSION = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024

STATUS_RANK = {"started": 0, "left": 1, "done": 2}

LEARNER_FIELDS = ("uid", "name", "colour", "is_guest", "settings", "created_at")
SESSION_FIELDS = ("uid", "started_at", "ended_at")
ATTEMPT_FIELDS = ("uid", "lesson_id", "lesson_title", "step_count", "first_step", "started_at", "finished_at",
                  "status")
STEP_FIELDS = ("step_index", "kind", "finished_at", "duration", "misses", "hints", "target_size", "input",
               "successes", "details")

#: the details of a step that a spreadsheet gets as their own columns
CSV_DETAILS = ("chars_per_minute", "accuracy", "undos", "redos", "recovered")
INPUT_NAMES = {"mouse": "souris", "touch": "doigt", "mixed": "souris et doigt", "keyboard": "clavier"}
CSV_HEADER = ("prénom", "date de la séance", "leçon", "titre de la leçon", "étape", "type d'étape", "durée (s)",
              "essais manqués", "astuces", "taille de la cible", "entrée", "réussites", "caractères par minute",
              "précision", "annulations", "rétablissements", "situation retrouvée")


class ExchangeError(Exception):
    """A file that cannot be written or imported; ``message`` is in French."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- small helpers ---------------------------------------------------------------

def default_file_name(fmt: str = "json", learner_name: str | None = None, day: date | None = None) -> str:
    """``pas-a-pas-progres-2026-11-26.json``; with a learner:
    ``pas-a-pas-progres-marie-2026-11-26.json`` (plain letters only, for
    every file system)."""
    day = day or date.today()
    middle = ""
    if learner_name:
        plain = unicodedata.normalize("NFKD", learner_name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
        middle = f"{slug}-" if slug else ""
    return f"pas-a-pas-progres-{middle}{day.isoformat()}.{fmt}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n <= 1 else (plural or word + 's')}"


def _write_reason(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "le disque ou la clé est plein"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "le dossier est protégé en écriture"
    if exc.errno == errno.ENOENT:
        return "ce dossier n'existe pas (la clé a-t-elle été retirée ?)"
    return f"erreur : {exc.strerror or exc}"


def write_atomically(out_path: Path, data: bytes) -> None:
    """Write ``data`` to ``out_path`` whole or not at all: a temporary file in
    the same folder (same disk, so the rename is atomic), flushed to the disk
    with fsync, then renamed over the target."""
    out_path = Path(out_path)
    tmp_name = None
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
        raise ExchangeError(f"Le fichier {out_path} n'a pas pu être écrit : {_write_reason(exc)}.") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


# -- reading the store ----------------------------------------------------------

def _check_store(store, doing: str) -> None:
    """A store that fell back to memory (its file could not be opened) holds
    only this run's steps: exporting it or importing into it would mislead."""
    if not store.file_lost():
        return
    reason = (store.warning or "")[(store.warning or "").find("(") + 1:(store.warning or "").rfind(")")]
    raise ExchangeError(f"Le fichier des progrès de cet appareil ne peut pas être ouvert"
                        f"{' (' + reason + ')' if reason else ''} : {doing} est impossible pour l'instant.")


def _json_object(text) -> dict:
    if text == "{}" or not text:
        return {}
    try:
        value = json.loads(text or "{}")
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


_FIELDS = {"learners": LEARNER_FIELDS, "sessions": SESSION_FIELDS, "attempts": ATTEMPT_FIELDS, "steps": STEP_FIELDS}


def collect(store, learner_ids=None, include_guest: bool = False) -> list[dict]:
    """The complete record of some learners, as plain data (the ``learners``
    of the JSON format)."""
    learners = store.export_records(_FIELDS, learner_ids, include_guest)
    for learner in learners:
        learner["is_guest"] = bool(learner["is_guest"])
        learner["settings"] = _json_object(learner["settings"])
        for session in learner["sessions"]:
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
    def message(self) -> str:
        return (f"{_plural(self.learners, 'personne')}, {_plural(self.sessions, 'séance')} et "
                f"{_plural(self.steps, 'étape')} exportées "
                f"dans {self.path}.")


def _device_name() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _number(value) -> str:
    """A number as a French spreadsheet reads it: a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = repr(round(value, 3))
        if text.endswith(".0"):
            text = text[:-2]
        return text.replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return str(value)


def _cell(text: str) -> str:
    """A name or a title for a spreadsheet: one that starts like a formula
    (=, +, -, @) is written as text, never run."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _local(ts) -> str:
    if ts is None:
        return ""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def csv_text(learners: list[dict]) -> str:
    """One row per finished step.  The separator is ';' and numbers have a
    decimal comma: a French Excel or LibreOffice opens the file straight into
    columns that way (with ',' it puts everything in one column, and reads
    4.2 as a date).  The file starts with a byte order mark (UTF-8 with BOM)
    so that Excel reads the accents of the names right."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for learner in learners:
        for session in learner["sessions"]:
            day = _local(session["started_at"])
            for attempt in session["attempts"]:
                for step in attempt["steps"]:
                    details = step["details"]
                    writer.writerow([_cell(learner["name"]), day, attempt["lesson_id"],
                                     _cell(attempt["lesson_title"]),
                                     step["step_index"] + 1, step["kind"], _number(step["duration"]),
                                     step["misses"], step["hints"], _number(step["target_size"]),
                                     INPUT_NAMES.get(step["input"], step["input"]),
                                     step["successes"], *(_number(details.get(k)) for k in CSV_DETAILS)])
    return "\ufeff" + out.getvalue()


def export_progress(store, out_path, learner_ids=None, fmt: str = "json",
                    include_guest: bool = False) -> ExportSummary:
    """Write the progress of ``learner_ids`` (``None``: every learner, the
    guest only with ``include_guest``) to ``out_path``, atomically."""
    if fmt not in ("json", "csv"):
        raise ValueError(f"unknown export format: {fmt}")
    out_path = Path(out_path)
    _check_store(store, "l'export")
    learners = collect(store, learner_ids, include_guest)
    if fmt == "json":
        document = {"format": FORMAT, "version": VERSION,
                    "exported_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "device": _device_name(), "learners": learners}
        # compact: the indented form is four times slower to write (Python's
        # pure encoder) and half as big again; `python -m json.tool` shows it
        data = (json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
                ).encode("utf-8")
    else:
        data = csv_text(learners).encode("utf-8")
    write_atomically(out_path, data)
    sessions = sum(len(l["sessions"]) for l in learners)
    steps = sum(len(a["steps"]) for l in learners for s in l["sessions"] for a in s["attempts"])
    return ExportSummary(out_path, fmt, len(learners), sessions, steps)


# -- reading and checking a file -----------------------------------------------------

_NOT_OURS = "Ce fichier n'est pas un export des progrès de Pas à pas."


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and abs(v) < 2 ** 62  # fits SQLite's integers


_CHECKS = {
    "uid": lambda v: isinstance(v, str) and 0 < len(v) <= 100,
    "name": lambda v: isinstance(v, str) and 0 < len(v.strip()) and len(v) <= 100,
    "colour": lambda v: isinstance(v, str) and len(v) <= 30,
    "is_guest": lambda v: isinstance(v, bool),
    "settings": lambda v: isinstance(v, dict),
    "created_at": _is_number,
    "started_at": _is_number,
    "ended_at": lambda v: v is None or _is_number(v),
    "lesson_id": lambda v: isinstance(v, str) and v != "",
    "lesson_title": lambda v: isinstance(v, str),
    "step_count": lambda v: _is_int(v) and v >= 0,
    "first_step": lambda v: _is_int(v) and v >= 0,
    "finished_at": lambda v: v is None or _is_number(v),
    "status": lambda v: v in STATUS_RANK,
    "step_index": lambda v: _is_int(v) and v >= 0,
    "kind": lambda v: isinstance(v, str) and v != "",
    "duration": _is_number,
    "misses": _is_int,
    "hints": _is_int,
    "target_size": lambda v: v is None or _is_number(v),
    "input": lambda v: isinstance(v, str),
    "successes": _is_int,
    "details": lambda v: isinstance(v, dict),
}


def _check_record(record, fields, where: str, children: str | None = None) -> None:
    if not isinstance(record, dict):
        raise ExchangeError(f"Le fichier est abîmé : {where} n'est pas lisible.")
    for name in fields:
        if name not in record:
            raise ExchangeError(f"Le fichier est abîmé : il manque « {name} » dans {where}.")
        if not _CHECKS[name](record[name]):
            raise ExchangeError(f"Le fichier est abîmé : « {name} » n'a pas une valeur possible dans {where}.")
    if children is not None and not isinstance(record.get(children), list):
        raise ExchangeError(f"Le fichier est abîmé : il manque la liste « {children} » dans {where}.")


def read_export(path) -> dict:
    """Read and check a whole JSON export before anything is written."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ExchangeError(f"Le fichier {path.name} est bien trop gros pour être un export de Pas à pas.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExchangeError(f"Le fichier {path} n'existe pas.") from None
    except IsADirectoryError:
        raise ExchangeError(f"{path} est un dossier : donnez le fichier exporté (.json).") from None
    except OSError as exc:
        raise ExchangeError(f"Le fichier {path} ne peut pas être lu : {exc.strerror or exc}.") from None
    if not raw.strip():
        raise ExchangeError(f"Le fichier {path.name} est vide.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(_NOT_OURS + " (Ce n'est pas un fichier texte JSON.)") from None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        if text.lstrip().startswith(CSV_HEADER[0] + ";"):
            raise ExchangeError("Ce fichier est un tableau (CSV), fait pour un tableur : pour importer des "
                                "progrès, exportez-les au format JSON (trainer export --format json).") from None
        raise ExchangeError(f"Le fichier {path.name} est abîmé ou incomplet (une copie interrompue ?) : "
                            "il ne peut pas être lu. Rien n'a été importé.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError(_NOT_OURS)
    version = document.get("version")
    if not _is_int(version) or version < 1:
        raise ExchangeError("Le fichier est abîmé : sa version n'est pas lisible.")
    if version > VERSION:
        raise ExchangeError(f"Ce fichier vient d'une version plus récente de Pas à pas (format {version}, "
                            f"celle-ci lit le format {VERSION}) : mettez le programme à jour pour l'importer.")
    learners = document.get("learners")
    if not isinstance(learners, list):
        raise ExchangeError("Le fichier est abîmé : la liste des personnes manque.")
    seen: set = set()
    for i, learner in enumerate(learners, 1):
        _check_record(learner, LEARNER_FIELDS, f"la personne n° {i}", "sessions")
        who = learner["name"]
        for j, session in enumerate(learner["sessions"], 1):
            _check_record(session, SESSION_FIELDS, f"la séance n° {j} de {who}", "attempts")
            for k, attempt in enumerate(session["attempts"], 1):
                where = f"la leçon n° {k} de la séance n° {j} de {who}"
                _check_record(attempt, ATTEMPT_FIELDS, where, "steps")
                indexes = set()
                for step in attempt["steps"]:
                    _check_record(step, STEP_FIELDS, f"une étape de {where}")
                    if step["step_index"] in indexes:
                        raise ExchangeError(f"Le fichier est abîmé : l'étape {step['step_index'] + 1} "
                                            f"apparaît deux fois dans {where}.")
                    indexes.add(step["step_index"])
        for uid in [learner["uid"]] + [s["uid"] for s in learner["sessions"]] + \
                [a["uid"] for s in learner["sessions"] for a in s["attempts"]]:
            if uid in seen:
                raise ExchangeError(f"Le fichier est abîmé : l'identifiant {uid} apparaît deux fois.")
            seen.add(uid)
    return document


# -- import ----------------------------------------------------------------------

@dataclass
class LearnerImport:
    name: str
    how: str  # "uid" (known here), "name" (same first name), "new", "guest"
    sessions_added: int = 0
    steps_added: int = 0
    steps_present: int = 0
    attempts_updated: int = 0

    def line(self) -> str:
        added = []
        if self.sessions_added:
            added.append(_plural(self.sessions_added, "séance"))
        if self.steps_added:
            added.append(_plural(self.steps_added, "étape"))
        if added:
            total = self.sessions_added + self.steps_added
            text = f"{' et '.join(added)} {'ajoutées' if total > 1 else 'ajoutée'}"
            if self.steps_present:
                text += f", {self.steps_present} déjà {'présentes' if self.steps_present > 1 else 'présente'}"
        elif self.steps_present:
            text = (f"rien de nouveau ({_plural(self.steps_present, 'étape')} déjà "
                    f"{'présentes' if self.steps_present > 1 else 'présente'})")
        else:
            text = "rien de nouveau"
        if self.attempts_updated:
            text += (f", {_plural(self.attempts_updated, 'leçon')} "
                     f"{'mises' if self.attempts_updated > 1 else 'mise'} à jour")
        note = {"new": " (nouvelle personne sur cet appareil)",
                "name": " (reconnue à son prénom : sa fiche avait été créée sur l'autre appareil)"
                }.get(self.how, "")
        return f"{self.name} : {text}.{note}"


@dataclass
class ImportSummary:
    path: Path
    learners: list = field(default_factory=list)  # LearnerImport, in the file's order

    @property
    def sessions_added(self) -> int:
        return sum(l.sessions_added for l in self.learners)

    @property
    def steps_added(self) -> int:
        return sum(l.steps_added for l in self.learners)

    @property
    def steps_present(self) -> int:
        return sum(l.steps_present for l in self.learners)

    def lines(self) -> list[str]:
        if not self.learners:
            return ["Ce fichier ne contient aucune personne : rien à importer."]
        return [l.line() for l in self.learners]


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


class _Merge:
    """The merge rules (see the module's docstring), over the store's
    :class:`~trainer.progress.exchange_rows.ImportWriter`."""

    def __init__(self, rows):
        self.rows = rows

    def learner(self, record) -> tuple[int, str]:
        rows = self.rows
        found = rows.learner_by_uid(record["uid"])
        if found is not None:
            return found[0], ("guest" if found[1] else "uid")
        if record["is_guest"]:
            guest = rows.guest_id()
            if guest is not None:
                return guest, "guest"
        else:
            wanted = _fold(record["name"])
            for lid, name in rows.named_learners():
                if _fold(name) == wanted:
                    return lid, "name"
        new_id = rows.add_learner(record["uid"], " ".join(record["name"].split())[:30], record["colour"],
                                  record["is_guest"], record["settings"], record["created_at"])
        return new_id, ("guest" if record["is_guest"] else "new")

    def settings(self, learner_id: int, incoming: dict) -> None:
        mine = self.rows.learner_settings(learner_id)
        merged = {**incoming, **mine}  # the device's own value wins; the file fills what is absent
        if merged != mine:
            self.rows.set_learner_settings(learner_id, merged)

    def session(self, learner_id: int, record, report: LearnerImport) -> int:
        row = self.rows.session_by_uid(record["uid"])
        if row is None:
            report.sessions_added += 1
            return self.rows.add_session(record["uid"], learner_id, record["started_at"], record["ended_at"])
        if row[1] != learner_id:
            raise ExchangeError(f"Une séance de {report.name} est déjà enregistrée ici pour une autre personne : "
                                "le fichier ne correspond pas à cet appareil. Rien n'a été importé.")
        if record["ended_at"] is not None and (row[2] is None or record["ended_at"] > row[2]):
            self.rows.set_session_end(row[0], record["ended_at"])
        return row[0]

    def attempt(self, session_id: int, learner_id: int, record, report: LearnerImport) -> int:
        row = self.rows.attempt_by_uid(record["uid"])
        if row is None:
            return self.rows.add_attempt(session_id, learner_id, **{f: record[f] for f in ATTEMPT_FIELDS})
        if row[1] != session_id:
            raise ExchangeError(f"Une leçon de {report.name} est déjà enregistrée ici dans une autre séance : "
                                "le fichier ne correspond pas à cet appareil. Rien n'a été importé.")
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


def import_progress(store, path) -> ImportSummary:
    """Merge the JSON export at ``path`` into ``store``, all or nothing."""
    from .progress import StoreError

    _check_store(store, "l'import")
    document = read_export(path)
    summary = ImportSummary(Path(path))
    try:
        with store.importing() as rows:
            merge = _Merge(rows)
            for record in document["learners"]:
                learner_id, how = merge.learner(record)
                report = LearnerImport(rows.learner_name(learner_id), how)
                if how != "new":
                    merge.settings(learner_id, record["settings"])
                for session in record["sessions"]:
                    session_id = merge.session(learner_id, session, report)
                    for attempt in session["attempts"]:
                        attempt_id = merge.attempt(session_id, learner_id, attempt, report)
                        merge.steps(attempt_id, attempt["steps"], report)
                summary.learners.append(report)
    except StoreError as exc:
        if not exc.started:
            raise ExchangeError(f"Les progrès de cet appareil ne peuvent pas être modifiés maintenant "
                                f"({exc.reason}). Rien n'a été importé.") from None
        raise ExchangeError(f"L'import n'a pas pu être enregistré ({exc.reason}). "
                            "Rien n'a été importé.") from None
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
    import ctypes

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
            import getpass

            user = getpass.getuser()
        return _linux_drives(user)
    except Exception:
        return []
