"""Reading a lesson file: safe YAML, with the line of every value.

Only plain YAML is accepted: mappings, lists, texts, numbers, true/false.
No Python tags (the safe loader refuses them), no aliases (no "billion
laughs"), a size limit, and every value keeps the line it came from, so that
each problem is reported as ``file:line: message``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

MAX_BYTES = 256 * 1024  # a long lesson is about 10 KB
MAX_NODES = 20_000
MAX_DEPTH = 30


class LessonFileError(Exception):
    """The file cannot be read as a lesson at all."""

    def __init__(self, message: str, line: int = 1):
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
    if len(raw) > MAX_BYTES:
        raise LessonFileError(
            f"le fichier est trop gros ({len(raw) // 1024} Ko) : une leçon fait au plus {MAX_BYTES // 1024} Ko")
    if b"\x00" in raw:
        raise LessonFileError("ce fichier n'est pas un texte (il contient des données binaires)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise LessonFileError("le texte n'est pas en UTF-8 : dans votre éditeur, enregistrez le fichier "
                              "avec l'encodage « UTF-8 »", line) from None


_YAML_HINTS = [
    ("found character '\\t'", "une tabulation est utilisée pour décaler une ligne : utilisez des espaces"),
    ("mapping values are not allowed", "un « : » est mal placé ; si le texte contient « : », "
                                       "mettez-le entre guillemets"),
    ("could not find expected ':'", "il manque « : » après le nom d'un champ"),
    ("found undefined tag", "une étiquette « ! » n'est pas permise dans une leçon"),
    ("expected <block end>", "le décalage (les espaces en début de ligne) n'est pas régulier"),
    ("did not find expected key", "le décalage (les espaces en début de ligne) n'est pas régulier"),
    ("did not find expected '-' indicator", "le décalage des lignes de la liste n'est pas régulier"),
    ("found unexpected end of stream", "un guillemet ou un crochet n'est pas refermé"),
    ("but found '<stream end>'", "le fichier s'arrête trop tôt : un crochet « [ » ou une accolade « { » "
                                 "n'est pas refermé"),
    ("while scanning a quoted scalar", "un guillemet n'est pas refermé"),
]


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, french in _YAML_HINTS:
        if needle in text:
            return f"{french} (YAML : {exc.problem})"
    return f"le fichier n'est pas du YAML correct ({(exc.problem or exc.context or '').strip()})"


def parse(text: str) -> Document:
    """Parse YAML text into plain data and line numbers."""
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "<stream end>" in str(exc.problem):
            mark = exc.context_mark  # the file ends too soon: point at what was left open
        line = (mark.line + 1) if mark else 1
        raise LessonFileError(_yaml_message(exc), min(line, max(1, len(text.splitlines())))) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other reader errors
        raise LessonFileError(f"le fichier n'est pas du YAML correct ({exc})") from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise LessonFileError("le fichier est vide : une leçon commence par « format: 1 »")
    if len(nodes) > 1:
        raise LessonFileError("le fichier contient plusieurs documents (« --- ») : une leçon par fichier",
                              nodes[1].start_mark.line + 1)
    doc = Document(None)
    builder = _Builder(doc)
    doc.data = builder.build(nodes[0], (), 0)
    return doc


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node, path: tuple, depth: int):
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise LessonFileError("les alias YAML (« & » et « * ») ne sont pas permis dans une leçon : "
                                  "écrivez chaque valeur en entier", line)
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise LessonFileError("le fichier est trop grand ou trop imbriqué pour être une leçon", line)
        self.doc.lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise LessonFileError(f"l'étiquette {node.tag} n'est pas permise dans une leçon", line)
            out = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise LessonFileError("« << » n'est pas permis dans une leçon", key_node.start_mark.line + 1)
                key = self.build(key_node, path + ("__key__",), depth + 1)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise LessonFileError("le nom d'un champ doit être un simple mot", key_node.start_mark.line + 1)
                key = str(key)
                if key in out:
                    raise LessonFileError(f"le champ « {key} » est écrit deux fois", key_node.start_mark.line + 1)
                self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
                self.doc.lines[path + (key, "__key__")] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise LessonFileError(f"l'étiquette {node.tag} n'est pas permise dans une leçon", line)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise LessonFileError(f"valeur non permise dans une leçon ({getattr(exc, 'problem', exc)})",
                                  line) from None
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            # dates, binary: write them as plain text between quotes
            raise LessonFileError(f"valeur non permise : {node.value!r} (mettez-la entre guillemets)", line)
        return value
