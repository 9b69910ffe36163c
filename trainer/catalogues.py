"""The gettext catalogues of the interface: read, write and compile them.

Not used when the program runs (it loads the compiled ``.mo`` files with the
standard :mod:`gettext`); used by translators' tools and by the tests.

    python -m trainer.catalogues          # after editing a .po: compile every .mo, write messages.pot
    python -m trainer.catalogues --check  # are the .mo and messages.pot up to date? (exit status 1 if not)

The layout is explained in :mod:`trainer.i18n`.  Only what our catalogues use
is read and written: ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``,
``msgstr[n]``, comments and flags (a ``fuzzy`` entry is left out of the
``.mo``, as GNU msgfmt does).
"""
from __future__ import annotations

import argparse
import ast
import gettext
import io
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE = "fr"  # the language the program is written in: fr.po holds the messages' ids and French texts
TEMPLATE = "messages.pot"
WIDTH = 79  # lines are wrapped as GNU gettext, Poedit and Weblate do


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    comments: list = field(default_factory=list)  # "#. ..." and "# ..." lines, kept as written

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def translations(self) -> list:
        return list(self.msgstr_plural) if self.msgid_plural is not None else [self.msgstr]

    def translated(self) -> bool:
        return not self.fuzzy and all(self.translations())


@dataclass
class Catalogue:
    header: Entry
    entries: list

    def headers(self) -> dict:
        found = {}
        for line in self.header.msgstr.split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                found[name.strip()] = value.strip()
        return found

    def by_context(self) -> dict:
        return {e.msgctxt: e for e in self.entries}


class PoError(ValueError):
    def __init__(self, path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(text: str, path, line: int) -> str:
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise PoError(path, line, f"not a quoted string: {text}") from None
    if not isinstance(value, str):
        raise PoError(path, line, f"not a quoted string: {text}")
    return value


def parse(text: str, path="<po>") -> Catalogue:
    """A .po file's header and entries."""
    entries: list[Entry] = []
    current: dict | None = None
    last = None  # the field a continuation line adds to

    def finish():
        nonlocal current
        if current is not None and "msgid" in current:
            plural = [current[k] for k in sorted(k for k in current if isinstance(k, int))]
            entries.append(Entry(current["msgid"], current.get("msgstr", ""), current.get("msgctxt"),
                                 current.get("msgid_plural"), plural, current["flags"], current["comments"]))
        current = None

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            last = None
            continue
        if line.startswith("#"):
            if current is not None and "msgid" in current:
                finish()
            if current is None:
                current = {"flags": [], "comments": []}
            if line.startswith("#,"):
                current["flags"] += [f.strip() for f in line[2:].split(",") if f.strip()]
            elif line.startswith("#~"):
                pass  # an obsolete entry: dropped
            else:
                current["comments"].append(raw.rstrip())
            continue
        if line.startswith('"'):
            if current is None or last is None:
                raise PoError(path, number, "a continued string with nothing before it")
            current[last] += _unquote(line, path, number)
            continue
        match = _KEYWORD.match(line)
        if not match:
            raise PoError(path, number, f"not understood: {line}")
        word, index, value = match.group(1), match.group(2), _unquote(match.group(3), path, number)
        if word in ("msgctxt", "msgid") and current is not None and "msgid" in current:
            finish()
        if current is None:
            current = {"flags": [], "comments": []}
        key = int(index) if index is not None else word
        if key in current:
            raise PoError(path, number, f"{word} twice in one entry")
        current[key] = value
        last = key
    finish()
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    if header is None:
        raise PoError(path, 1, "no header (the first entry, msgid \"\")")
    rest = [e for e in entries if e is not header]
    seen = set()
    for e in rest:
        if e.key in seen:
            raise PoError(path, 1, f"the message {e.msgctxt or e.msgid!r} is there twice")
        seen.add(e.key)
    return Catalogue(header, rest)


def read(path) -> Catalogue:
    path = Path(path)
    return parse(path.read_text(encoding="utf-8"), path)


# -- writing -----------------------------------------------------------------

def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")


def _field(name: str, value: str) -> list[str]:
    """``name "value"``, wrapped as GNU gettext does (after spaces and after each \\n)."""
    escaped = _escape(value)
    if len(name) + len(escaped) + 3 <= WIDTH and "\\n" not in escaped[:-2]:
        return [f'{name} "{escaped}"']
    lines = [f'{name} ""']
    for part in re.findall(r".*?\\n|.+$", escaped):
        while len(part) + 2 > WIDTH:
            cut = part.rfind(" ", 0, WIDTH - 2)
            if cut <= 0:
                break
            lines.append(f'"{part[:cut + 1]}"')
            part = part[cut + 1:]
        if part:
            lines.append(f'"{part}"')
    return lines


def _entry_lines(e: Entry, template: bool = False) -> list[str]:
    lines = list(e.comments)
    flags = [f for f in e.flags if not (template and f == "fuzzy")]
    if flags:
        lines.append("#, " + ", ".join(flags))
    if e.msgctxt is not None:
        lines += _field("msgctxt", e.msgctxt)
    lines += _field("msgid", e.msgid)
    if e.msgid_plural is not None:
        lines += _field("msgid_plural", e.msgid_plural)
        forms = e.msgstr_plural if not template else ["", ""]
        for i, value in enumerate(forms):
            lines += _field(f"msgstr[{i}]", value)
    else:
        lines += _field("msgstr", "" if template else e.msgstr)
    return lines


def format_po(catalogue: Catalogue, template: bool = False) -> str:
    """The text of a .po file (or of the .pot template: no translations)."""
    blocks = [_entry_lines(catalogue.header)]
    blocks += [_entry_lines(e, template) for e in catalogue.entries]
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def template_of(source: Catalogue) -> Catalogue:
    """messages.pot: the source catalogue's messages, untranslated."""
    header = Entry("", "\n".join(f"{k}: {v}" for k, v in source.headers().items()
                                 if k not in ("Language", "Plural-Forms", "Last-Translator", "Language-Team"))
                   + "\n", comments=["# Pas à pas: the interface's messages (template).",
                                     "# Each message has a stable id (msgctxt) and its French text (msgid)."],
                   flags=[])
    return Catalogue(header, [Entry(e.msgid, "", e.msgctxt, e.msgid_plural, ["", ""] if e.msgid_plural else [],
                                    [f for f in e.flags if f != "fuzzy"],
                                    [c for c in e.comments if c.startswith("#.")]) for e in source.entries])


# -- compiling -----------------------------------------------------------------

def compile_mo(catalogue: Catalogue) -> bytes:
    """The GNU .mo file of a catalogue (fuzzy and untranslated entries left out, as msgfmt does)."""
    pairs = {"".encode(): catalogue.header.msgstr.encode("utf-8")}
    for e in catalogue.entries:
        if not e.translated():
            continue
        original = e.key if e.msgid_plural is None else f"{e.key}\x00{e.msgid_plural}"
        pairs[original.encode("utf-8")] = "\x00".join(e.translations()).encode("utf-8")
    keys = sorted(pairs)
    originals = translations = b""
    table_o, table_t = [], []
    for k in keys:
        table_o.append((len(k), len(originals)))
        originals += k + b"\x00"
        table_t.append((len(pairs[k]), len(translations)))
        translations += pairs[k] + b"\x00"
    n = len(keys)
    start = 7 * 4 + 16 * n  # the header, then the two tables
    head = struct.pack("Iiiiiii", 0x950412de, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    o_table = b"".join(struct.pack("ii", length, start + offset) for length, offset in table_o)
    t_table = b"".join(struct.pack("ii", length, start + len(originals) + offset) for length, offset in table_t)
    return head + o_table + t_table + originals + translations


def languages() -> list[str]:
    return sorted(p.stem for p in LOCALE_DIR.glob("*.po"))


def build(check: bool = False) -> list[str]:
    """Compile every .po to its .mo and write messages.pot; with ``check``,
    only say which files are not up to date."""
    stale = []
    wanted = {LOCALE_DIR / f"{lang}.mo": compile_mo(read(LOCALE_DIR / f"{lang}.po")) for lang in languages()}
    wanted[LOCALE_DIR / TEMPLATE] = format_po(template_of(read(LOCALE_DIR / f"{SOURCE}.po")),
                                              template=True).encode("utf-8")
    for path, data in wanted.items():
        if not path.exists() or not _same(path, data):
            stale.append(path.name)
            if not check:
                path.write_bytes(data)
    return stale


def mo_content(data: bytes) -> dict:
    """What a .mo file says, as :mod:`gettext` reads it (a .mo written by
    msgfmt or Poedit has a hash table ours has not: the same content)."""
    return gettext.GNUTranslations(io.BytesIO(data))._catalog  # noqa: SLF001


def _same(path: Path, data: bytes) -> bool:
    old = path.read_bytes()
    if path.suffix != ".mo" or old == data:
        return old == data
    try:
        return mo_content(old) == mo_content(data)
    except OSError:  # not a .mo file at all
        return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    stale = build(check=args.check)
    for name in stale:
        print(("out of date: " if args.check else "written: ") + name)
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
