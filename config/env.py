"""Typed, self-documenting access to environment variables.

Every setting GIPZ reads from the environment is declared here once, with its type, default and a one-line
description. A bad value fails loudly at start-up (ImproperlyConfigured) instead of being silently coerced.
`gipz config-docs` renders the registry to docs/configuration.md; a test keeps the two in step.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EnvVar:
    name: str
    kind: str
    default: Any
    help: str


REGISTRY: dict[str, EnvVar] = {}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _register(name: str, kind: str, default: Any, help: str) -> str | None:
    REGISTRY[name] = EnvVar(name=name, kind=kind, default=default, help=help)
    return os.environ.get(name)


def env_str(name: str, default: str, help: str) -> str:
    raw = _register(name, "string", default, help)
    return default if raw is None else raw


def env_bool(name: str, default: bool, help: str) -> bool:
    raw = _register(name, "boolean", default, help)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use one of true/false, 1/0, yes/no, on/off.")


def env_int(name: str, default: int, help: str, *, minimum: int | None = None) -> int:
    raw = _register(name, "integer", default, help)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    return value


def env_list(name: str, default: list[str], help: str) -> list[str]:
    raw = _register(name, "comma-separated list", ",".join(default), help)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_checked(name: str, default: str, help: str, check: Callable[[str], str | None]) -> str:
    """A string with a validator that returns an error message, or None when the value is fine."""
    value = env_str(name, default, help)
    problem = check(value)
    if problem:
        raise ImproperlyConfigured(f"{name}={value!r}: {problem}")
    return value


def render_markdown() -> str:
    lines = [
        "# Configuration",
        "",
        "GIPZ reads its settings from environment variables. A bad value stops the process at start-up with a",
        "message naming the variable. This page is generated from `config/env.py` by `gipz config-docs`;",
        "a test fails when it is out of date.",
        "",
        "| variable | type | default | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for var in sorted(REGISTRY.values(), key=lambda v: v.name):
        default = "" if var.default in (None, "") else f"`{var.default}`"
        lines.append(f"| `{var.name}` | {var.kind} | {default} | {var.help} |")
    return "\n".join(lines) + "\n"
