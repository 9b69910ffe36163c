"""The interface language: French by default, English as a second language.

Every text of the interface has a stable message id (« learners.title »)
and lives in a gettext catalogue, ``trainer/locale/<language>.po``, that a
translator opens in Poedit or Weblate:

- the id is the entry's ``msgctxt`` and its French text the ``msgid``
  (bilingual gettext with ids as contexts).  A translator sees the French
  next to the translation; when the French of a message changes, its
  translation no longer matches and ``msgmerge`` marks it « fuzzy »: an
  outdated translation is never shown.  Code asks by id only, so rewording
  the French never touches the code;
- ``fr.po`` is the source: its ``msgstr`` are the French texts again, so
  that French plurals come from its ``Plural-Forms`` (``n > 1``: « 0 leçon »,
  « 2 leçons ») like any other language's; ``messages.pot`` is the template
  for a new language;
- plurals are ``msgid_plural`` / ``msgstr[n]`` entries, asked with
  :meth:`Translator.n`; placeholders are Python's ``{name}``
  (``python-brace-format``, checked by Poedit and Weblate).

The catalogues are compiled to ``.mo`` files, shipped beside the ``.po``
and loaded with the standard :class:`gettext.GNUTranslations` (no parsing
at start-up; Poedit writes the ``.mo`` when it saves; ``python -m
trainer.catalogues`` compiles them all and a test checks every ``.mo``
matches its ``.po``).

The language is held by whoever shows text: the app owns a
:class:`Translator` (``app.t("learners.title")``), the command line makes
its own.  Lessons carry their own texts in each language (``title_en``…,
:meth:`trainer.lesson.Lesson.text`), not in these catalogues.

Device setting ``language``: "fr" (default) or "en".
"""
from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT = "fr"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_loaded: dict[str, gettext.GNUTranslations] = {}
_ids: dict[str, tuple[str, ...]] = {}  # message id -> its French text (singular, plural)


def _catalogue(language: str) -> gettext.GNUTranslations:
    found = _loaded.get(language)
    if found is None:
        with open(LOCALE_DIR / f"{language}.mo", "rb") as f:
            found = gettext.GNUTranslations(f)
        _loaded[language] = found
    return found


def _source_ids() -> dict[str, tuple[str, ...]]:
    """Every message id and its French text (singular, and plural if any),
    from the source catalogue."""
    if not _ids:
        for key, value in _catalogue(DEFAULT)._catalog.items():  # noqa: SLF001 - read once, never changed
            original, index = key if isinstance(key, tuple) else (key, None)
            if "\x04" not in original:
                continue  # the header
            msg_id, msgid = original.split("\x04", 1)
            if index is None:
                _ids[msg_id] = (msgid,)
            else:
                forms = list(_ids.get(msg_id, (msgid, msgid)))
                if index == 1:
                    forms[1] = value
                _ids[msg_id] = tuple(forms)
    return _ids


def known(language) -> str:
    """``language`` when the interface has it, else the default (French)."""
    return language if language in LANGUAGES else DEFAULT


def system_language(environ=None) -> str:
    """The language the device's settings ask for (``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, in gettext's order), when the interface has it;
    else French."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                break
        return DEFAULT  # the first variable set decides, as gettext does
    return DEFAULT


class Translator:
    """The interface's texts in one language, by message id.

        tr = Translator("en")
        tr.t("lessons.hello", name="Marie")      # "Hello Marie! Choose a lesson"
        tr.n("facilitator.lessons_done", 3)     # "3 lessons finished" ({n} is the count)

    A message missing from the language's catalogue is shown in French; an id
    missing from the French catalogue too is shown as itself (a mistake in the
    program, caught by the tests, never a crash).
    """

    def __init__(self, language: str = DEFAULT):
        self.language = known(language)
        self._own = _catalogue(self.language)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    def has(self, msg_id: str) -> bool:
        return msg_id in _source_ids()

    def t(self, msg_id: str, **values) -> str:
        """The message ``msg_id``, its ``{placeholders}`` filled with ``values``."""
        french = _source_ids().get(msg_id)
        if french is None:
            return msg_id
        return self._fill(self._own.pgettext(msg_id, french[0]), values, french[0])

    def n(self, msg_id: str, count: int, **values) -> str:
        """The plural message ``msg_id`` for ``count`` (the catalogue's own
        plural rule; ``{n}`` is the count)."""
        french = _source_ids().get(msg_id)
        if french is None:
            return msg_id
        singular, plural = (french * 2)[:2]
        values.setdefault("n", count)
        own = self._own if (f"{msg_id}\x04{singular}", 0) in self._own._catalog else _catalogue(DEFAULT)  # noqa: SLF001
        text = own.npgettext(msg_id, singular, plural, count)  # not translated: French, with its plural rule
        return self._fill(text, values, text)

    def text(self, value) -> str:
        """``value`` in this language when it is a :class:`Message` (a store's
        warning, an export's summary…), else ``value`` itself."""
        if not isinstance(value, Message):
            return value
        values = {k: self.text(v) for k, v in value.values.items()}
        if len(_source_ids().get(value.id, ())) == 2:
            return self.n(value.id, value.values.get("n", 0), **values)
        return self.t(value.id, **values)

    def decimal(self, value: float, places: int = 1) -> str:
        """A number with its decimals as the language writes them: « 0,7 » in
        French, « 0.7 » in English."""
        written = f"{value:.{places}f}"
        return written.replace(".", self.t("number.decimal_point"))

    @staticmethod
    def _fill(text: str, values: dict, fallback: str) -> str:
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
            try:
                return fallback.format(**values)
            except (KeyError, IndexError, ValueError):
                return text


class Message(str):
    """A text made far from any screen (the progress store's warning, an
    export's summary) kept with its message id and values, so that whoever
    shows it shows it in its own language (:meth:`Translator.text`).  It reads
    as its French text: ``str(message)``, ``"abîmé" in message``."""

    id: str
    values: dict

    def __new__(cls, msg_id: str, **values):
        french_text = french().text(_Pending(msg_id, values))
        obj = super().__new__(cls, french_text)
        obj.id, obj.values = msg_id, values
        return obj

    def __reduce__(self):  # copied and pickled as what it is
        return (_message, (self.id, self.values))

    def to_data(self) -> dict:
        """Plain JSON data (a cache file): :func:`from_data` gives it back."""
        return {"message": self.id, "values": {k: v.to_data() if isinstance(v, Message) else v
                                               for k, v in self.values.items()}}


def from_data(data):
    """A :class:`Message` from :meth:`Message.to_data` (anything else as it is)."""
    if isinstance(data, dict) and set(data) == {"message", "values"}:
        return Message(data["message"], **{k: from_data(v) for k, v in data["values"].items()})
    return data


def _message(msg_id, values):
    return Message(msg_id, **values)


class _Pending(Message):
    """(how a Message finds its own French text)"""

    def __new__(cls, msg_id, values):
        obj = str.__new__(cls, msg_id)
        obj.id, obj.values = msg_id, values
        return obj


_translators: dict[str, Translator] = {}


def translator(language: str = DEFAULT) -> Translator:
    """The shared translator of a language (a translator holds no state)."""
    language = known(language)
    if language not in _translators:
        _translators[language] = Translator(language)
    return _translators[language]


def french() -> Translator:
    return translator(DEFAULT)
