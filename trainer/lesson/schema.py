"""The lesson format, version 1, as one JSON Schema: the single source of truth.

The schema is built from the lesson fields below and from each step kind's
``SETTINGS`` (:mod:`trainer.activities`).  ``lessons/lesson.schema.json`` is
this schema written to a file for text editors (``trainer schema`` writes it,
a test checks it is up to date).  :func:`check` applies the schema to a
loaded lesson and explains every problem in French.
"""
from __future__ import annotations

import difflib
import re

from .. import activities
from ..i18n import Message

FORMAT_VERSION = 1
SCHEMA_ID = "https://pas-a-pas.example/lesson-v1.schema.json"

TEXT_FIELDS = {
    "instruction": {
        "type": "string", "minLength": 1, "maxLength": 200,
        "description": "La consigne, une seule phrase, comme l'animatrice la dirait "
                       "(« Cliquez sur le rond bleu. »). Pour nommer les touches d'un signe, écrivez "
                       "{touches:@} (« AltGr + à » sur un AZERTY, « AltGr + é » en Belgique…) ; "
                       "{touches} : celles du caractère demandé.",
    },
    "touch_instruction": {
        "type": "string", "minLength": 1, "maxLength": 200,
        "description": "La consigne sur un écran tactile (« Touchez le rond bleu. »). "
                       "Sans elle, « Cliquez » devient « Touchez » tout seul.",
    },
    "hint": {
        "type": "string", "minLength": 1, "maxLength": 300,
        "description": "L'astuce montrée après des essais manqués (sinon, une astuce toute prête).",
    },
    "touch_hint": {
        "type": "string", "minLength": 1, "maxLength": 300,
        "description": "L'astuce sur un écran tactile.",
    },
}


#: the interface languages besides French that a lesson may carry texts for
TRANSLATIONS = {"en": "anglais"}
#: the lesson's own texts that may be translated (the steps': TEXT_FIELDS)
LESSON_TEXT_FIELDS = ("title", "intro", "touch_intro", "learned", "touch_learned")


def translated(fields: dict) -> dict:
    """``title_en``… : the same field in another interface language (optional)."""
    out = {}
    for name, prop in fields.items():
        for lang, words in TRANSLATIONS.items():
            copy = {k: v for k, v in prop.items() if k not in ("description", "default")}
            copy["description"] = (f"« {name} » en {words}, montré quand l'interface est en {words} "
                                   f"(sinon le texte français est montré).")
            out[f"{name}_{lang}"] = copy
    return out


def _step_def(kind: str, module) -> dict:
    props = {"kind": {"const": kind}}
    props.update(TEXT_FIELDS)
    props.update(translated(TEXT_FIELDS))
    props.update(module.SETTINGS)
    props.update(translated({name: module.SETTINGS[name] for name in getattr(module, "TRANSLATABLE", ())}))
    return {
        "type": "object",
        "title": module.TITLE,
        "required": ["kind", "instruction"] + list(getattr(module, "REQUIRED", [])),
        "properties": props,
        "additionalProperties": False,
    }


_built: dict = {}


def lesson_schema() -> dict:
    """The lesson JSON Schema, built once from the step kinds (read-only: it is
    shared by every check)."""
    if "schema" not in _built:
        _built["schema"] = _build_schema()
    return _built["schema"]


def _build_schema() -> dict:
    kinds = activities.kinds()
    defs = {f"step_{kind}": _step_def(kind, module) for kind, module in kinds.items()}
    defs["step"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {
            "kind": {
                "enum": list(kinds),
                "description": "Le type d'étape : " + ", ".join(
                    f"{kind} ({module.TITLE.lower()})" for kind, module in kinds.items()) + ".",
            },
        },
        "allOf": [
            {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
             "then": {"$ref": f"#/$defs/step_{kind}"}}
            for kind in kinds
        ],
    }
    properties = {
            "format": {"const": FORMAT_VERSION, "description": "La version du format : 1."},
            "id": {
                "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,59}$",
                "description": "Un identifiant unique, en minuscules sans accents ni espaces "
                               "(« souris-clic-1 »). Ne le changez plus une fois la leçon utilisée : "
                               "les progrès y sont rattachés.",
            },
            "title": {"type": "string", "minLength": 1, "maxLength": 60,
                      "description": "Le titre montré dans le menu des leçons."},
            "level": {"type": "integer", "minimum": 1, "maximum": 5,
                      "description": "Le niveau, de 1 (premiers pas) à 5."},
            "intro": {"type": "string", "minLength": 1, "maxLength": 300,
                      "description": "Une ou deux phrases d'introduction, montrées au début."},
            "touch_intro": {"type": "string", "minLength": 1, "maxLength": 300,
                            "description": "L'introduction sur un écran tactile (sinon « Cliquez » "
                                           "devient « Touchez » tout seul)."},
            "touch_learned": {"type": "string", "minLength": 1, "maxLength": 200,
                              "description": "« learned » sur un écran tactile."},
            "learned": {"type": "string", "minLength": 1, "maxLength": 200,
                        "description": "Ce que la personne sait faire à la fin, montré pour la féliciter "
                                       "(« Vous savez cliquer. »)."},
            "author": {"type": "string", "maxLength": 80, "description": "Qui a écrit la leçon."},
            "steps": {"type": "array", "minItems": 1, "maxItems": 40,
                      "items": {"$ref": "#/$defs/step"},
                      "description": "Les étapes, dans l'ordre."},
    }
    properties.update(translated({name: properties[name] for name in LESSON_TEXT_FIELDS}))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Leçon Pas à pas (format 1)",
        "type": "object",
        "required": ["format", "id", "title", "level", "intro", "steps"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }


# --------------------------------------------------------------------------
# A small JSON Schema validator: the subset this schema uses, French messages.



def _type_ok(value, type_name: str) -> bool:
    if type_name == "string":
        return isinstance(value, str)
    if type_name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "number":  # not .nan: it passes every comparison
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
    if type_name == "boolean":
        return isinstance(value, bool)
    if type_name == "object":
        return isinstance(value, dict)
    if type_name == "array":
        return isinstance(value, list)
    if type_name == "null":
        return value is None
    return False


def describe(value) -> str:
    """A value found in the lesson, as a message shows it (a Message, or true/false)."""
    if value is None:
        return Message("lesson.value.nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return Message("lesson.value.fields")
    if isinstance(value, list):
        return Message("lesson.value.list")
    text = str(value)
    return Message("lesson.value.text", text=f"{text[:40]}{'…' if len(text) > 40 else ''}")


def _where(path) -> Message:
    """« size », or « l'élément 2 de « positions » » inside a list."""
    names = [str(p) for p in path if isinstance(p, str)]
    if not names:
        return Message("lesson.where.lesson")
    if isinstance(path[-1], int) and path[-2] != "steps":
        return Message("lesson.where.item", i=path[-1] + 1, name=names[-1])
    return Message("lesson.where.field", name=names[-1])


class Checker:
    def __init__(self, schema: dict):
        self.root = schema
        self.problems: list[tuple[tuple, str]] = []

    def _resolve(self, ref: str) -> dict:
        node = self.root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node

    def passes(self, value, schema) -> bool:
        # the step's « if »: {"properties": {"kind": {"const": k}}, "required": ["kind"]},
        # asked for every kind of every step: answered without a sub-checker
        if schema.get("required") == ["kind"] and len(schema) == 2 and len(schema.get("properties", ())) == 1 \
                and len(schema["properties"].get("kind", ())) == 1 and "const" in schema["properties"]["kind"]:
            return isinstance(value, dict) and "kind" in value and value["kind"] == schema["properties"]["kind"]["const"]
        sub = Checker(self.root)
        sub.check(value, schema, ())
        return not sub.problems

    def check(self, value, schema: dict, path: tuple) -> None:
        add = lambda msg, p=path: self.problems.append((p, msg))  # noqa: E731
        if "$ref" in schema:
            self.check(value, self._resolve(schema["$ref"]), path)
        if "const" in schema and value != schema["const"]:
            add(Message("lesson.check.const", where=_where(path), value=schema["const"], found=describe(value)))
            return
        if "enum" in schema and value not in schema["enum"]:
            known = [str(v) for v in schema["enum"]]
            close = difflib.get_close_matches(str(value), known, n=1)
            msg = Message("lesson.check.enum", value=describe(value), where=_where(path))
            if path and path[-1] == "kind":
                msg = Message("lesson.check.kind", value=describe(value))
            msg = Message("lesson.check.possible", message=msg, known=", ".join(known))
            if close:
                msg = Message("lesson.check.did_you_mean", message=msg, close=close[0])
            add(msg)
            return
        type_name = schema.get("type")
        if type_name and not _type_ok(value, type_name):
            add(Message("lesson.check.type", where=_where(path), type=Message(f"lesson.type.{type_name}"),
                        found=describe(value)))
            return
        if isinstance(value, str):
            if "minLength" in schema and len(value.strip()) < schema["minLength"]:
                add(Message("lesson.check.empty", where=_where(path)))
            if "maxLength" in schema and len(value) > schema["maxLength"]:
                add(Message("lesson.check.too_long", where=_where(path), n=len(value), max=schema["maxLength"]))
            if "pattern" in schema and not re.match(schema["pattern"], value):
                add(Message("lesson.check.pattern", where=_where(path), value=describe(value)))
        if _type_ok(value, "number"):
            lo, hi = schema.get("minimum"), schema.get("maximum")
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                add(Message("lesson.check.range", where=_where(path), low=lo, high=hi, value=value))
        if isinstance(value, list):
            lo, hi = schema.get("minItems"), schema.get("maxItems")
            if lo is not None and len(value) < lo:
                add(Message("lesson.check.min_items", where=_where(path), n=lo))
            if hi is not None and len(value) > hi:
                add(Message("lesson.check.max_items", where=_where(path), n=len(value), max=hi))
            if "items" in schema:
                for i, item in enumerate(value):
                    self.check(item, schema["items"], path + (i,))
        if isinstance(value, dict):
            for name in schema.get("required", []):
                if name not in value:
                    in_step = "kind" in schema.get("properties", {}) and path
                    add(Message("lesson.check.required_step" if in_step else "lesson.check.required", name=name))
            props = schema.get("properties", {})
            for name, item in value.items():
                if name in props:
                    self.check(item, props[name], path + (name,))
                elif schema.get("additionalProperties") is False:
                    close = difflib.get_close_matches(str(name), list(props), n=1)
                    msg = Message("lesson.check.unknown", name=name)
                    if close:
                        msg = Message("lesson.check.did_you_mean", message=msg, close=close[0])
                    else:
                        msg = Message("lesson.check.fields", message=msg, known=", ".join(props))
                    add(msg, path + (name, "__key__"))
        for sub in schema.get("allOf", []):
            if "if" in sub:
                if self.passes(value, sub["if"]) and "then" in sub:
                    self.check(value, sub["then"], path)
            else:
                self.check(value, sub, path)


def check(data, schema: dict | None = None) -> list[tuple[tuple, str]]:
    """Problems of ``data`` against the lesson schema: (path, message)."""
    checker = Checker(schema or lesson_schema())
    checker.check(data, checker.root, ())
    return list(dict.fromkeys(checker.problems))  # the same problem once


def defaults_of(kind: str) -> dict:
    """The default value of each setting of a step kind."""
    return {name: prop["default"] for name, prop in activities.kinds()[kind].SETTINGS.items()
            if "default" in prop}


def image_fields(kind: str) -> list[str]:
    return [name for name, prop in activities.kinds()[kind].SETTINGS.items()
            if prop.get("format") == "lesson-image"]


def nested_image_fields(kind: str) -> list[tuple[str, str]]:
    """(list, field) of the images inside lists of objects (« items: - image: … »)."""
    found = []
    for name, prop in activities.kinds()[kind].SETTINGS.items():
        inner = prop.get("items", {}) if prop.get("type") == "array" else {}
        for sub, sub_prop in inner.get("properties", {}).items():
            if sub_prop.get("format") == "lesson-image":
                found.append((name, sub))
    return found
