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
    if len(raw) > MAX_BYTES:  # only MAX_BYTES + 1 bytes were read: the real size is unknown
        raise LessonFileError(f"le fichier est trop gros (plus de {MAX_BYTES // 1024} Ko) : une leçon fait "
                              "quelques Ko ; est-ce bien un fichier de leçon ?")
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


_SPECIAL_START = ("un texte qui commence par un signe spécial (« * », « & », « ! », « @ », « ` », « % », "
                  "« | », « > ») doit être mis entre guillemets")
_YAML_HINTS = [
    ("found character '\\t'", "une tabulation est utilisée pour décaler une ligne : utilisez des espaces"),
    ("mapping values are not allowed", "un « : » est mal placé ; si le texte contient « : », "
                                       "mettez-le entre guillemets, sinon vérifiez le décalage de la ligne"),
    ("expected a single document", "le fichier contient plusieurs documents (« --- ») : une leçon par fichier"),
    ("cannot start any token", _SPECIAL_START),
    ("found undefined alias", _SPECIAL_START),
    ("while scanning an alias", _SPECIAL_START),
    ("while scanning an anchor", _SPECIAL_START),
    ("while scanning a block scalar", _SPECIAL_START),
    ("while scanning a double-quoted scalar", "entre guillemets doubles, une barre « \\ » doit être doublée "
                                              "(« \\\\ ») ; ou utilisez des guillemets simples « ' »"),
    ("expected ',' or ']'", "un crochet « [ » n'est pas refermé par « ] », ou il manque une virgule"),
    ("expected ',' or '}'", "une accolade « { » n'est pas refermée par « } », ou il manque une virgule"),
    ("sequence entries are not allowed", "un « - » est mal placé : vérifiez le décalage des lignes de la liste"),
    ("but found '<scalar>'", "texte inattendu : s'il suit un guillemet fermant, mettez tout le texte entre "
                             "les guillemets ; sinon vérifiez le décalage de la ligne"),
    ("expected the node content", "une valeur manque, ou un texte commence par un signe spécial "
                                  "(« , », « ] », « } », « - »...) : mettez ce texte entre guillemets"),
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


_NO_ALIAS = ("les alias YAML (« & » et « * ») ne sont pas permis dans une leçon : écrivez chaque valeur en "
             "entier ; un texte qui commence par « & » ou « * » doit être mis entre guillemets")


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
                raise LessonFileError(_NO_ALIAS, self.peek_event().start_mark.line + 1)
            if self.depth > MAX_DEPTH:
                raise LessonFileError("le fichier est trop grand ou trop imbriqué pour être une leçon",
                                      self.peek_event().start_mark.line + 1)
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
        raise LessonFileError(f"le fichier contient un caractère de contrôle invisible (code "
                              f"{exc.character:#04x}) : effacez-le, il vient souvent d'un copier-coller",
                              text[:exc.position].count("\n") + 1) from None
    except yaml.YAMLError as exc:  # pragma: no cover - other reader errors
        raise LessonFileError(f"le fichier n'est pas du YAML correct ({exc})") from None
    if node is None:
        raise LessonFileError("le fichier est vide : une leçon commence par « format: 1 »")
    return _build(node)


def _build(node) -> Document:
    doc = Document(None)
    doc.data = _Builder(doc).build(node, (), 0)
    return doc


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _shown(value: str) -> str:
    return f"« {value[:40]}{'…' if len(value) > 40 else ''} »"


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node, path: tuple, depth: int):
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise LessonFileError(_NO_ALIAS, line)
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise LessonFileError("le fichier est trop grand ou trop imbriqué pour être une leçon", line)
        self.doc.lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise LessonFileError(f"l'étiquette « {_tag(node.tag)} » n'est pas permise dans une leçon", line)
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
                raise LessonFileError(f"l'étiquette « {_tag(node.tag)} » n'est pas permise dans une leçon", line)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if node.tag not in _PLAIN_TAGS:  # !!binary, !!python/name:..., !foo
            raise LessonFileError(f"l'étiquette « {_tag(node.tag)} » n'est pas permise dans une leçon ; "
                                  "un texte qui commence par « ! » doit être mis entre guillemets", line)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception:  # ValueError, KeyError...: « !!int deux », « 2024-13-45 », 5000 digits
            raise LessonFileError(f"valeur non permise : {_shown(node.value)} (mettez-la entre guillemets)",
                                  line) from None
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            # dates: write them as plain text between quotes
            raise LessonFileError(f"valeur non permise : {_shown(node.value)} (mettez-la entre guillemets)", line)
        return value
