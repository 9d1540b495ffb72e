"""Reading a rulebook from YAML text: parse, validate against the JSON schema, then build (no Django here)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import jsonschema
import yaml

from gipz.rulebook.engine import (
    CATEGORIES,
    CIRCUMSTANCES,
    ORGANISATION_TYPES,
    PURPOSES,
    ROLES,
    VERDICTS,
    Rulebook,
    RulebookError,
    build_rulebook,
)

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": ["string"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _choice_list(values: tuple[str, ...]) -> dict[str, Any]:
    return {"oneOf": [{"const": "*"}, {"type": "array", "minItems": 1, "items": {"enum": list(values)}}]}


RULE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "verdict", "explanation", "basis", "reviewed"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
        "title": _TEXT,
        "when": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "requester": _choice_list(ORGANISATION_TYPES),
                "requester_role": _choice_list(ROLES),
                "holder": _choice_list(ORGANISATION_TYPES),
                "purpose": _choice_list(PURPOSES),
                "category": _choice_list(CATEGORIES),
                "circumstance": _choice_list(CIRCUMSTANCES),
            },
        },
        "verdict": {"enum": list(VERDICTS)},
        "duty_to_answer": {"type": "boolean"},
        "priority": {"type": "string", "pattern": r"^[0-9]{1,3}$"},
        "explanation": _TEXT,
        "basis": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["source", "article"],
                "additionalProperties": False,
                "properties": {"source": _TEXT, "article": _TEXT, "note": {"type": "string"}},
            },
        },
        "conditions": {"type": "array", "items": _TEXT},
        "ask_instead": {"type": "array", "items": _TEXT},
        "reviewed": _DATE,
    },
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "published", "disclaimer", "sources", "rules", "default"],
    "additionalProperties": False,
    "properties": {
        "version": _TEXT,
        "title": _TEXT,
        "published": _DATE,
        "disclaimer": _TEXT,
        "sources": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["title", "consulted"],
                "additionalProperties": False,
                "properties": {
                    "title": _TEXT,
                    "citation": {"type": "string"},
                    "consulted": _DATE,
                    "url": {"type": "string"},
                    "valid_from": _DATE,
                    "valid_until": _DATE,
                    "review_by": _DATE,
                    "note": {"type": "string"},
                },
            },
        },
        "rules": {"type": "array", "minItems": 1, "items": RULE_SCHEMA},
        "default": RULE_SCHEMA,
    },
}

_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def parse_rulebook(text: str) -> Rulebook:
    """YAML text to a Rulebook, or RulebookError naming where it is wrong."""
    try:
        # BaseLoader keeps every scalar a string, so '2025-03-01' stays text for the schema and 'yes' is not True.
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "yaml"
        raise RulebookError(where, f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    data = _booleans(data)
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        path = _dotted(first.absolute_path) or "(top)"
        raise RulebookError(path, first.message)
    return build_rulebook(data)


def _booleans(value: Any) -> Any:
    """BaseLoader reads true/false as text; the schema has exactly one boolean field (duty_to_answer)."""
    if isinstance(value, dict):
        return {
            key: (item == "true" if key == "duty_to_answer" and item in ("true", "false") else _booleans(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_booleans(item) for item in value]
    return value


def _dotted(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def default_rulebook_text() -> str:
    """The starting rulebook shipped with GIPZ (privacy officers publish their own versions on top)."""
    return resources.files("gipz.rulebook").joinpath("default.yaml").read_text(encoding="utf-8")
