"""The look: NL Design System components with the GIPZ token theme (frontend/, `make frontend`).

These checks need no browser and no Node.js: the theme's colour pairs meet WCAG 2.1 AA, every custom property the
stylesheets use exists, and the vendored components are the versions the lock file pins.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import World, logged_in, page_text

STATIC = Path(__file__).resolve().parents[2] / "static"
REPO = Path(__file__).resolve().parents[4]
THEME = STATIC / "gipz" / "theme.css"
VENDOR = STATIC / "vendor" / "nl-design-system"
VENDORED = [VENDOR / "html.css", VENDOR / "components.css"]
SITE = STATIC / "gipz" / "gipz.css"


def _tokens() -> dict[str, str]:
    return dict(re.findall(r"^\s*--([\w-]+):\s*([^;]+);", THEME.read_text(), flags=re.M))


def _resolve(tokens: dict[str, str], name: str) -> str:
    value = tokens[name]
    while match := re.fullmatch(r"var\(--([\w-]+)\)", value):
        value = tokens[match.group(1)]
    return value


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


TEXT_PAIRS = [  # (text, background): 4.5:1 (WCAG 1.4.3)
    ("utrecht-document-color", "utrecht-document-background-color"),
    ("utrecht-button-color", "utrecht-button-background-color"),
    ("utrecht-button-hover-color", "utrecht-button-hover-background-color"),
    ("utrecht-button-primary-action-color", "utrecht-button-primary-action-background-color"),
    ("utrecht-button-primary-action-hover-color", "utrecht-button-primary-action-hover-background-color"),
    ("utrecht-button-primary-action-danger-color", "utrecht-button-primary-action-danger-background-color"),
    ("utrecht-button-secondary-action-danger-color", "utrecht-button-secondary-action-danger-background-color"),
    ("utrecht-button-disabled-color", "utrecht-button-disabled-background-color"),
    ("utrecht-link-color", "gipz-color-white"),
    ("utrecht-link-color", "gipz-color-soft"),
    ("gipz-color-white", "gipz-color-blue"),  # the header and its menu
    ("utrecht-badge-counter-color", "utrecht-badge-counter-background-color"),
    ("utrecht-status-badge-warning-color", "utrecht-status-badge-warning-background-color"),
    ("utrecht-status-badge-danger-color", "utrecht-status-badge-danger-background-color"),
    ("utrecht-status-badge-success-color", "utrecht-status-badge-success-background-color"),
    ("utrecht-status-badge-neutral-color", "utrecht-status-badge-neutral-background-color"),
    ("utrecht-status-badge-warning-color", "gipz-color-escalated-surface"),  # 'escalated' on an escalated row
    ("utrecht-alert-warning-color", "utrecht-alert-warning-background-color"),
    ("utrecht-alert-info-color", "utrecht-alert-info-background-color"),
    ("utrecht-form-field-description-color", "gipz-color-white"),
    ("utrecht-form-field-description-color", "gipz-color-soft"),
    ("utrecht-form-field-error-message-color", "gipz-color-white"),
    ("utrecht-textbox-placeholder-color", "utrecht-textbox-background-color"),
    ("gipz-color-white", "gipz-color-green"),  # 'police can leave'
    ("gipz-color-white", "gipz-color-red"),  # call 112
    *[("gipz-color-white", f"gipz-color-urgency-u{level}") for level in range(1, 6)],
]
NON_TEXT_PAIRS = [  # (part, background): 3:1 (WCAG 1.4.11)
    ("utrecht-focus-outline-color", "gipz-color-white"),
    ("utrecht-focus-outline-color", "gipz-color-soft"),
    ("utrecht-focus-inverse-outline-color", "gipz-color-blue"),
    ("utrecht-textbox-border-color", "gipz-color-white"),
    ("utrecht-select-border-color", "gipz-color-white"),
    ("utrecht-radio-button-border-color", "gipz-color-white"),
    ("utrecht-button-border-color", "gipz-color-white"),
]


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_in_the_theme_meets_aa(text: str, background: str) -> None:
    tokens = _tokens()
    ratio = contrast(_resolve(tokens, text), _resolve(tokens, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize(("part", "background"), NON_TEXT_PAIRS)
def test_controls_and_focus_in_the_theme_meet_aa(part: str, background: str) -> None:
    tokens = _tokens()
    ratio = contrast(_resolve(tokens, part), _resolve(tokens, background))
    assert ratio >= 3, f"{part} on {background}: {ratio:.2f}:1"


def test_every_custom_property_the_site_uses_is_defined() -> None:
    defined = set(_tokens()) | {name for path in VENDORED for name in re.findall(r"(--[\w-]+):", path.read_text())}
    defined = {name.removeprefix("--") for name in defined}
    used = set(re.findall(r"var\(--([\w-]+)", SITE.read_text()))
    assert used and used <= defined, sorted(used - defined)
    references = set(re.findall(r"var\(--([\w-]+)\)", THEME.read_text()))
    assert references <= set(_tokens()), sorted(references - set(_tokens()))


def test_the_vendored_components_are_the_locked_versions() -> None:
    lock = json.loads((REPO / "frontend" / "package-lock.json").read_text())["packages"]
    banners = "".join(path.read_text() for path in VENDORED)
    listed = re.findall(r"^ \*   (@utrecht/[\w-]+)@([\d.]+) \(EUPL-1\.2\)", banners, flags=re.M)
    assert len(listed) >= 8
    for package, version in listed:
        assert lock[f"node_modules/{package}"]["version"] == version, package
    assert (VENDOR / "LICENSE-EUPL-1.2.md").read_text().startswith("# EUROPEAN UNION PUBLIC LICENCE v. 1.2")


def test_pages_are_built_on_the_design_system(world: World) -> None:
    text = page_text(logged_in(world.police_user).get("/"))
    assert 'class="utrecht-html gipz-theme"' in text
    order = [text.index(f"/static/{name}") for name in ("gipz/nl-design-system.css", "gipz/theme.css", "gipz/gipz.css")]
    assert order == sorted(order)  # components, then the theme's tokens, then GIPZ's layout
