"""The store's side of workshops, devices and people joined (issue 13).

- A **workshop** is one day in one place of one town (« CCAS de Camon »,
  Camon): its key is (day, town, place), capitals and extra spaces ignored,
  so that six devices named the same way on the same day make one workshop,
  whatever uid each gave it.
- The facilitator names « l'atelier du jour » once per device
  (:meth:`WorkshopRows.name_workshop`); every session started that day on
  that device belongs to it.  A session started in « mode maison » is « à la
  maison »; any other is « hors atelier » and may be attached to its workshop
  later (:meth:`WorkshopRows.attach_sessions`).
- A **device** has a stable uid and a readable name (device settings
  ``device_uid`` and ``device_name``), written on each session it records.
- **People joined**: ``learners.same_as`` holds the uid of the record a
  record counts as (the facilitator's deliberate choice); clearing it undoes
  the join.  Nothing is moved or deleted.

Mixed into :class:`~trainer.progress.ProgressStore`; the only SQL of these
things (the rule: SQL only in :mod:`trainer.progress`).
"""
from __future__ import annotations

import json
import re
import socket
import sqlite3
import time
import unicodedata
import uuid
from datetime import date

from .schema import WITH_STEPS as _WITH_STEPS

DAY_SQL = "date({col}, 'unixepoch', 'localtime')"
MAX_PLACE = 60  # characters of a town or a place name
MAX_DEVICE_NAME = 40


def fold(text: str) -> str:
    """What makes two names the same: capitals and extra spaces ignored
    (accents kept: « Camon » and « Camôn » are not the same town)."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def clean_name(text: str, limit: int = MAX_PLACE) -> str:
    """One line of visible characters: no control, zero-width or bidi
    characters, spaces squeezed, at most ``limit`` characters."""
    text = unicodedata.normalize("NFC", str(text))
    kept = "".join(ch if unicodedata.category(ch)[0] != "Z" else " " for ch in text
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs", "Cn"))
    return " ".join(kept.split())[:limit].strip()


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
#: « hors atelier » sessions of one day further apart than this (from the
#: last one's end, or start, to the next one's start) are two groups: a
#: morning and an afternoon workshop are attached separately
GROUP_GAP = 45 * 60
FALLBACK_COLOUR = "#5F6368"


def _settings_of(text) -> dict | None:
    """The stored settings, or None when they cannot be read."""
    try:
        value = json.loads(text) if isinstance(text, (str, bytes)) else None
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def readable_learner(make, row):
    """``make(id, name, colour, is_guest, settings)`` from a stored row whose
    values may be wrong: a name with control or invisible characters is
    cleaned (« ? » when nothing is left), a colour that is not #RRGGBB is
    grey, settings that cannot be read are none."""
    name = row[1] if isinstance(row[1], str) else str(row[1])
    shown = clean_name(name, 60) or "?"
    colour = row[2] if isinstance(row[2], str) and _COLOUR.match(row[2]) else FALLBACK_COLOUR
    settings = _settings_of(row[4])
    return make(row[0], shown, colour, bool(row[3]), settings if settings is not None else {})


def _hostname() -> str:
    try:
        return clean_name(socket.gethostname(), MAX_DEVICE_NAME) or "appareil"
    except OSError:
        return "appareil"


class WorkshopRows:
    """Mixed into :class:`~trainer.progress.ProgressStore`."""

    db: sqlite3.Connection

    # -- the device ----------------------------------------------------------
    def device_uid(self) -> str:
        """This device's stable identity (made the first time it is asked for)."""
        uid = self.device_setting("device_uid")
        if not isinstance(uid, str) or not uid:
            uid = uuid.uuid4().hex
            self.set_device_setting("device_uid", uid)
        return uid

    def device_name(self) -> str:
        """This device's readable name (« Portable 3 »; by default its network name)."""
        name = self.device_setting("device_name")
        name = clean_name(name, MAX_DEVICE_NAME) if isinstance(name, str) else ""
        return name or _hostname()

    def set_device_name(self, name: str) -> bool:
        name = clean_name(name, MAX_DEVICE_NAME)
        return bool(name) and self.set_device_setting("device_name", name)

    # -- today's workshop ------------------------------------------------------
    @staticmethod
    def today() -> str:
        return date.fromtimestamp(time.time()).isoformat()

    def workshop_by_key(self, day: str, town: str, place: str):
        """``(id, uid)`` of the workshop of that day, town and place, or None."""
        for wid, uid, t, p in self.db.execute("SELECT id, uid, town, place FROM workshops WHERE day = ?", (day,)):
            if fold(t) == fold(town) and fold(p) == fold(place):
                return wid, uid
        return None

    def name_workshop(self, town: str, place: str, day: str | None = None) -> str | None:
        """Today's workshop on this device is in ``place`` of ``town``: the
        sessions started from now on today belong to it.  Returns its uid
        (None if nothing could be written)."""
        day = day or self.today()
        uid = self.create_workshop(day, town, place)
        if uid is not None:
            self.set_device_setting("workshop", {"uid": uid, "day": day})
        return uid

    def create_workshop(self, day: str, town: str, place: str) -> str | None:
        """The workshop of ``day`` in ``place`` of ``town`` (made when there is
        none yet: the same day, town and place make one workshop); its uid,
        None if nothing could be written.  Today's workshop of the device is
        not changed (a past day's workshop, named afterwards)."""
        town, place = clean_name(town), clean_name(place)
        if not town or not place or not _DAY.match(str(day)):
            return None
        found = self.workshop_by_key(day, town, place)
        if found is not None:
            return found[1]
        uid = uuid.uuid4().hex
        if self._write("INSERT INTO workshops (uid, day, town, place, created_at) VALUES (?, ?, ?, ?, ?)",
                       (uid, day, town, place, time.time())) is None:
            return None
        return uid

    def no_workshop_today(self) -> bool:
        """« Pas d'atelier aujourd'hui »: the sessions are « hors atelier » again."""
        return self.set_device_setting("workshop", None)

    def today_workshop(self) -> dict | None:
        """``{"id", "uid", "day", "town", "place"}`` of the workshop named
        today on this device, or None (none named, or named another day)."""
        chosen = self.device_setting("workshop")
        if not isinstance(chosen, dict) or chosen.get("day") != self.today():
            return None
        return self.workshop(chosen.get("uid"))

    def workshop(self, uid) -> dict | None:
        if not isinstance(uid, str):
            return None
        row = self.db.execute("SELECT id, uid, day, town, place FROM workshops WHERE uid = ?", (uid,)).fetchone()
        return dict(zip(("id", "uid", "day", "town", "place"), row)) if row else None

    def earlier_places(self, limit: int = 6) -> list[tuple[str, str]]:
        """The (town, place) of earlier workshops, the most recent first, each once."""
        seen, found = set(), []
        for town, place in self.db.execute("SELECT town, place FROM workshops ORDER BY day DESC, id DESC"):
            key = (fold(town), fold(place))
            if key not in seen:
                seen.add(key)
                found.append((town, place))
                if len(found) == limit:
                    break
        return found

    def workshops(self) -> list[dict]:
        """Every workshop known here, the most recent first, with its sessions counted."""
        rows = self.db.execute(
            "SELECT w.id, w.uid, w.day, w.town, w.place, COUNT(s.id) FROM workshops w "
            "LEFT JOIN sessions s ON s.workshop_id = w.id GROUP BY w.id ORDER BY w.day DESC, w.id DESC").fetchall()
        return [dict(zip(("id", "uid", "day", "town", "place", "sessions"), r)) for r in rows]

    # -- where a session is practised ---------------------------------------------
    def session_place(self, learner_id: int) -> tuple[str, int | None, str, str]:
        """``(setting, workshop id, device uid, device name)`` for a session
        starting now: « à la maison » when the device is lent to this learner,
        today's workshop when one is named, else « hors atelier »."""
        device = (self.device_uid(), self.device_name())
        home = self.device_setting("home_learner")
        if home is not None and home == self.learner_uid(learner_id):
            return ("home", None, *device)
        today = self.today_workshop()
        if today is not None:
            return ("workshop", today["id"], *device)
        return ("outside", None, *device)

    def unattached_sessions(self, day: str) -> int:
        """How many sessions of that day are « hors atelier » (they may be attached)."""
        return self.db.execute(
            f"SELECT COUNT(*) FROM sessions WHERE setting = 'outside' AND {DAY_SQL.format(col='started_at')} = ?",
            (day,)).fetchone()[0]

    def attach_sessions(self, workshop_uid: str, day: str | None = None, device_uid: str | None = None) -> int:
        """The « hors atelier » sessions of the workshop's day (of one device
        only with ``device_uid``) now belong to it; how many did."""
        found = self.workshop(workshop_uid)
        if found is None:
            return 0
        day = day or found["day"]
        sql = (f"UPDATE sessions SET setting = 'workshop', workshop_id = ?, attached = 1 WHERE setting = 'outside' "
               f"AND {DAY_SQL.format(col='started_at')} = ?")
        params: tuple = (found["id"], day)
        if device_uid is not None:
            sql += " AND device_uid = ?"
            params += (device_uid,)
        cur = self._write(sql, params)
        return 0 if cur is None else cur.rowcount

    # -- past days' « hors atelier » sessions (the facilitator's screen) ---------
    def unattached_days(self) -> list[tuple[str, int]]:
        """``(day, sessions)`` of every day with « hors atelier » sessions
        where something was done (a finished step), the most recent first."""
        day = DAY_SQL.format(col="s.started_at")
        return self.db.execute(
            f"SELECT {day} AS d, COUNT(*) FROM sessions s JOIN {_WITH_STEPS} st ON st.sid = s.id "
            "WHERE s.setting = 'outside' GROUP BY d ORDER BY d DESC").fetchall()

    def unattached_groups(self, day: str) -> list[dict]:
        """The « hors atelier » sessions of ``day`` where something was done,
        in groups by time (:data:`GROUP_GAP`): ``{"start", "end", "ids",
        "devices"}``, the earliest first (``end``: the last end, or start,
        of its sessions; ``devices``: the names of the devices they were
        practised on, in order of name)."""
        rows = self.db.execute(
            "SELECT s.id, s.started_at, MAX(s.started_at, COALESCE(s.ended_at, s.started_at)), s.device_name "
            f"FROM sessions s JOIN {_WITH_STEPS} st ON st.sid = s.id "
            f"WHERE s.setting = 'outside' AND {DAY_SQL.format(col='s.started_at')} = ? "
            "ORDER BY s.started_at, s.id", (day,)).fetchall()
        groups: list[dict] = []
        for sid, start, end, device in rows:
            if not groups or start - groups[-1]["end"] > GROUP_GAP:
                groups.append({"start": start, "end": end, "ids": [], "devices": set()})
            group = groups[-1]
            group["end"] = max(group["end"], end)
            group["ids"].append(sid)
            group["devices"].add(device)
        for group in groups:
            group["devices"] = sorted({clean_name(d, MAX_DEVICE_NAME) for d in group["devices"] if isinstance(d, str)}
                                      - {""}, key=str.casefold)
        return groups

    def workshops_of_day(self, day: str) -> list[dict]:
        """The workshops of ``day``, with the times of their sessions
        (``start``, ``end``: None when none is attached yet) and how many:
        ``{"id", "uid", "day", "town", "place", "start", "end", "sessions"}``,
        in order of time (those without sessions last)."""
        rows = self.db.execute(
            "SELECT w.id, w.uid, w.day, w.town, w.place, MIN(s.started_at), "
            "MAX(MAX(s.started_at, COALESCE(s.ended_at, s.started_at))), COUNT(s.id) FROM workshops w "
            "LEFT JOIN sessions s ON s.workshop_id = w.id AND s.setting = 'workshop' WHERE w.day = ? "
            "GROUP BY w.id ORDER BY MIN(s.started_at) IS NULL, MIN(s.started_at), w.id", (day,)).fetchall()
        return [dict(zip(("id", "uid", "day", "town", "place", "start", "end", "sessions"), r)) for r in rows]

    def attach_session_ids(self, workshop_uid: str, session_ids) -> list[int]:
        """These sessions, those still « hors atelier », now belong to the
        workshop; the ids of those that did (for « Détacher »)."""
        found = self.workshop(workshop_uid)
        ids = [int(i) for i in session_ids]
        if found is None or not ids:
            return []
        marks = ", ".join("?" * len(ids))
        moving = [r[0] for r in self.db.execute(
            f"SELECT id FROM sessions WHERE setting = 'outside' AND id IN ({marks}) ORDER BY id", ids)]
        if not moving:
            return []
        marks = ", ".join("?" * len(moving))
        if self._write(f"UPDATE sessions SET setting = 'workshop', workshop_id = ?, attached = 1 WHERE setting = 'outside' "
                       f"AND id IN ({marks})", (found["id"], *moving)) is None:
            return []
        return moving

    def detach_sessions(self, session_ids) -> bool:
        """« Détacher »: these sessions, those that were attached afterwards
        (never one recorded in its workshop live), are « hors atelier » again."""
        ids = [int(i) for i in session_ids]
        if not ids:
            return True
        marks = ", ".join("?" * len(ids))
        return self._write(f"UPDATE sessions SET setting = 'outside', workshop_id = NULL, attached = 0 "
                           f"WHERE setting = 'workshop' AND attached = 1 AND id IN ({marks})", ids) is not None

    def attached_days(self) -> list[tuple[str, int]]:
        """``(day, sessions)`` of every day with sessions attached to a
        workshop afterwards (where something was done), the most recent first."""
        day = DAY_SQL.format(col="s.started_at")
        return self.db.execute(
            f"SELECT {day} AS d, COUNT(*) FROM sessions s JOIN {_WITH_STEPS} st ON st.sid = s.id "
            "WHERE s.setting = 'workshop' AND s.attached = 1 GROUP BY d ORDER BY d DESC").fetchall()

    def attached_groups(self, day: str) -> list[dict]:
        """The sessions of ``day`` attached afterwards, one group per
        workshop: ``{"workshop": {"uid", "town", "place"}, "start", "end",
        "ids", "devices"}``, in order of time (what « Détacher » offers)."""
        rows = self.db.execute(
            "SELECT s.id, s.started_at, MAX(s.started_at, COALESCE(s.ended_at, s.started_at)), s.device_name, "
            f"w.uid, w.town, w.place FROM sessions s JOIN {_WITH_STEPS} st ON st.sid = s.id "
            "JOIN workshops w ON w.id = s.workshop_id "
            f"WHERE s.setting = 'workshop' AND s.attached = 1 AND {DAY_SQL.format(col='s.started_at')} = ? "
            "ORDER BY s.started_at, s.id", (day,)).fetchall()
        groups: dict[str, dict] = {}
        for sid, start, end, device, uid, town, place in rows:
            group = groups.setdefault(uid, {"workshop": {"uid": uid, "town": town, "place": place},
                                            "start": start, "end": end, "ids": [], "devices": set()})
            group["end"] = max(group["end"], end)
            group["ids"].append(sid)
            group["devices"].add(device)
        for group in groups.values():
            group["devices"] = sorted({clean_name(d, MAX_DEVICE_NAME) for d in group["devices"] if isinstance(d, str)}
                                      - {""}, key=str.casefold)
        return list(groups.values())

    # -- values to fix ------------------------------------------------------------
    def values_to_fix(self) -> list[tuple[int, str, str]]:
        """``(learner id, name as shown, what)`` of every learner with a value
        that got in wrong ("name", "colour", "settings"): the screens show a
        fallback, the facilitator's home says what to fix."""
        found = []
        for lid, name, colour, settings in self.db.execute(
                "SELECT id, name, colour, settings FROM learners WHERE is_guest = 0 ORDER BY id"):
            shown = clean_name(name if isinstance(name, str) else str(name), 60) or "?"
            if not isinstance(name, str) or shown != name:
                found.append((lid, shown, "name"))
            if not (isinstance(colour, str) and _COLOUR.match(colour)):
                found.append((lid, shown, "colour"))
            if _settings_of(settings) is None:
                found.append((lid, shown, "settings"))
        return found

    # -- people joined -------------------------------------------------------------
    def join_people(self, keep_id: int, other_id: int) -> bool:
        """The facilitator says two records are one person: ``other`` counts
        as ``keep`` from now on (the report counts them once; the learner
        screen shows ``keep`` only).  Undone by :meth:`separate_people`."""
        if keep_id == other_id:
            return False
        rows = {r[0]: r for r in self.db.execute(
            "SELECT id, uid, is_guest, same_as FROM learners WHERE id IN (?, ?)", (keep_id, other_id))}
        if len(rows) != 2 or rows[keep_id][2] or rows[other_id][2]:
            return False
        root = rows[keep_id][3] or rows[keep_id][1]  # (joined to a record that is itself joined: to its root)
        other_uid = rows[other_id][1]
        return self._write_all([
            ("UPDATE learners SET same_as = ? WHERE same_as = ?", (root, other_uid)),
            ("UPDATE learners SET same_as = ? WHERE id = ?", (root, other_id))]) is not None

    def separate_people(self, learner_id: int) -> bool:
        """Undo a join: this record is its own person again."""
        return self._write("UPDATE learners SET same_as = NULL WHERE id = ?", (learner_id,)) is not None

    def joined_records(self) -> list[tuple[int, str, int, str]]:
        """``(id, name, id of the person, their name)`` of every record joined to another."""
        return self.db.execute(
            "SELECT l.id, l.name, k.id, k.name FROM learners l JOIN learners k ON k.uid = l.same_as "
            "ORDER BY k.name COLLATE NOCASE, l.id").fetchall()

    def person_records(self, learner_id: int) -> tuple[int, ...]:
        """The ids of every record of the person ``learner_id`` is: itself,
        the records joined to it, and (when it is itself joined) the record
        it counts as and the others joined there.  The learner's screens (the
        menu, « Continuer », the path, « Mes progrès », the day's memo) and the
        facilitator's person page read the steps of all of them, as the
        report does; « Séparer » gives each its own again."""
        row = self.db.execute("SELECT uid, same_as FROM learners WHERE id = ?", (learner_id,)).fetchone()
        if row is None:
            return (learner_id,)
        root = row[1] or row[0]
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM learners WHERE (uid = ? OR same_as = ?) AND is_guest = 0 ORDER BY id", (root, root))]
        return tuple(ids) if learner_id in ids else (learner_id, *ids)

    def person_devices(self, learner_id: int) -> int:
        """On how many devices the person (every record of theirs) practised:
        the sessions' device ids (« Supprimer » says what goes with them)."""
        ids = self.person_records(learner_id)
        return self.db.execute(
            f"SELECT COUNT(DISTINCT device_uid) FROM sessions WHERE learner_id IN ({', '.join('?' * len(ids))})",
            ids).fetchone()[0]

    def person_uids(self) -> dict[int, str]:
        """learner id -> the uid of the person it counts as (itself, or the one it was joined to)."""
        return {lid: same or uid for lid, uid, same in self.db.execute("SELECT id, uid, same_as FROM learners")}

