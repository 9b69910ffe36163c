"""Reading a lesson file: safe YAML, with the line of every value.

Only plain YAML is accepted: mappings, lists, texts, numbers, true/false.
No Python tags (the safe loader refuses them), no aliases (no "billion
laughs"), a size limit, and every value keeps the line it came from, so that
each problem is reported as ``file:line: message``.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import yaml

from ..i18n import Message

MAX_BYTES = 256 * 1024  # a long lesson is about 10 KB
MAX_NODES = 20_000
MAX_DEPTH = 30


class LessonFileError(Exception):
    """The file cannot be read as a lesson at all (``message``: a :class:`trainer.i18n.Message`)."""

    def __init__(self, message: Message, line: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Document:
    data: object
    lines: dict = field(default_factory=dict)  # path tuple -> line (1-based)

    def line_of(self, path: tuple) -> int:
        """The line of a value, or of the nearest enclosing one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_text(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:  # only MAX_BYTES + 1 bytes were read: the real size is unknown
        raise LessonFileError(Message("lesson.file.too_big", kb=MAX_BYTES // 1024))
    if b"\x00" in raw:
        raise LessonFileError(Message("lesson.file.binary"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise LessonFileError(Message("lesson.file.not_utf8"), line) from None


_YAML_HINTS = [  # (what PyYAML says, the message that explains it)
    ("found character '\\t'", "lesson.yaml.tab"),
    ("mapping values are not allowed", "lesson.yaml.colon"),
    ("expected a single document", "lesson.yaml.documents"),
    ("cannot start any token", "lesson.yaml.special"),
    ("found undefined alias", "lesson.yaml.special"),
    ("while scanning an alias", "lesson.yaml.special"),
    ("while scanning an anchor", "lesson.yaml.special"),
    ("while scanning a block scalar", "lesson.yaml.special"),
    ("while scanning a double-quoted scalar", "lesson.yaml.backslash"),
    ("expected ',' or ']'", "lesson.yaml.bracket"),
    ("expected ',' or '}'", "lesson.yaml.brace"),
    ("sequence entries are not allowed", "lesson.yaml.dash"),
    ("but found '<scalar>'", "lesson.yaml.after_quote"),
    ("expected the node content", "lesson.yaml.missing_value"),
    ("could not find expected ':'", "lesson.yaml.missing_colon"),
    ("found undefined tag", "lesson.yaml.tag"),
    ("expected <block end>", "lesson.yaml.indent"),
    ("did not find expected key", "lesson.yaml.indent"),
    ("did not find expected '-' indicator", "lesson.yaml.list_indent"),
    ("found unexpected end of stream", "lesson.yaml.unclosed"),
    ("but found '<stream end>'", "lesson.yaml.stream_end"),
    ("while scanning a quoted scalar", "lesson.yaml.quote"),
]


def _yaml_message(exc: yaml.MarkedYAMLError) -> Message:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return Message("lesson.yaml.hint", hint=Message(hint), problem=exc.problem)
    return Message("lesson.yaml.other", problem=(exc.problem or exc.context or "").strip())


_NO_ALIAS = "lesson.yaml.alias"


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing anchors and aliases where they are written
    ("billion laughs"), and deep nesting before Python's recursion limit does."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if getattr(self.peek_event(), "anchor", None) is not None:
                raise LessonFileError(Message(_NO_ALIAS), self.peek_event().start_mark.line + 1)
            if self.depth > MAX_DEPTH:
                raise LessonFileError(Message("lesson.yaml.too_deep"), self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# Errors found where something opened earlier is not closed: the opening is the line to fix.
_AT_OPENING = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")


_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml, about 5 times faster


def _compose_fast(text: str):
    """libyaml's composer, for the ordinary lesson: no anchors or aliases
    possible, little nesting (libyaml recurses in C).  None: use the checked
    Python composer, which also gives the French error messages."""
    if _FAST is None or "&" in text or "*" in text or text.count("[") + text.count("{") > 500:
        return None
    try:
        return yaml.compose(text, Loader=_FAST)
    except yaml.YAMLError:
        return None


def parse(text: str) -> Document:
    """Parse YAML text into plain data and line numbers."""
    fast = _compose_fast(text)
    if fast is not None:
        try:
            return _build(fast)
        except LessonFileError:
            pass  # the checked composer below explains it its own way
    try:
        node = yaml.compose(text, Loader=_Loader)  # one document only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and ("<stream end>" in str(exc.problem)
                                             or str(exc.context).startswith(_AT_OPENING)):
            mark = exc.context_mark  # point at what was left open
        line = (mark.line + 1) if mark else 1
        raise LessonFileError(_yaml_message(exc), min(line, max(1, len(text.splitlines())))) from None
    except yaml.reader.ReaderError as exc:
        raise LessonFileError(Message("lesson.yaml.control", code=f"{exc.character:#04x}"),
                              text[:exc.position].count("\n") + 1) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other reader errors
        raise LessonFileError(Message("lesson.yaml.other", problem=str(exc))) from None
    if node is None:
        raise LessonFileError(Message("lesson.yaml.empty"))
    return _build(node)


def _build(node) -> Document:
    doc = Document(None)
    doc.data = _Builder(doc).build(node, (), 0)
    return doc


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _shown(value: str) -> Message:
    return Message("lesson.value.text", text=f"{value[:40]}{'…' if len(value) > 40 else ''}")


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node, path: tuple, depth: int):
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise LessonFileError(Message(_NO_ALIAS), line)
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise LessonFileError(Message("lesson.yaml.too_deep"), line)
        self.doc.lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise LessonFileError(Message("lesson.yaml.tag_not_allowed", tag=_tag(node.tag)), line)
            out = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise LessonFileError(Message("lesson.yaml.merge"), key_node.start_mark.line + 1)
                key = self.build(key_node, path + ("__key__",), depth + 1)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise LessonFileError(Message("lesson.yaml.key"), key_node.start_mark.line + 1)
                key = str(key)
                if key in out:
                    raise LessonFileError(Message("lesson.yaml.twice", name=key), key_node.start_mark.line + 1)
                self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
                self.doc.lines[path + (key, "__key__")] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise LessonFileError(Message("lesson.yaml.tag_not_allowed", tag=_tag(node.tag)), line)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if node.tag not in _PLAIN_TAGS:  # !!binary, !!python/name:..., !foo
            raise LessonFileError(Message("lesson.yaml.tag_text", tag=_tag(node.tag)), line)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception:  # ValueError, KeyError...: « !!int deux », « 2024-13-45 », 5000 digits
            raise LessonFileError(Message("lesson.yaml.value", value=_shown(node.value)), line) from None
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            # dates: write them as plain text between quotes
            raise LessonFileError(Message("lesson.yaml.value", value=_shown(node.value)), line)
        if isinstance(value, str):
            # « é » written as e + a combining accent (a copy from a Mac, a PDF) is one « é »
            value = unicodedata.normalize("NFC", value)
            bad = invisible(value)
            if bad is not None:
                where = line + value[:value.index(bad)].count("\n") if node.style in ("|", ">") else line
                raise LessonFileError(Message("lesson.text.invisible" if unicodedata.category(bad) == "Cf"
                                              else "lesson.text.control", code=f"U+{ord(bad):04X}"), where)
        return value


def invisible(text: str) -> str | None:
    """The first control character (a tabulation, a line feed inside a one-line
    text is fine: YAML makes those) or invisible formatting character (zero-width
    space, joiner, soft hyphen, direction marks) of a text: a learner could never
    type it, and drawing it can fail.  None when there is none."""
    for ch in text:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch != "\n") or category in ("Cf", "Co", "Cs", "Cn"):
            return ch
    return None
