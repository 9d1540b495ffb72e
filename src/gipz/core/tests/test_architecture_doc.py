"""docs/architecture.md cannot drift from the code: its layer diagram is the import contract's layers, and its app
table names every package of gipz (installed apps and the shared careasks package) and nothing else."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
DOC = (ROOT / "docs" / "architecture.md").read_text()


def contract_layers() -> list[str]:
    (contract,) = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    return [layer.replace("gipz.", "") for layer in contract["layers"]]


def test_the_layer_diagram_is_the_import_contract() -> None:
    block = re.search(r"## Layers\n.*?```\n(.*?)```", DOC, re.S)
    assert block, "docs/architecture.md has no layer diagram"
    expected = "\n".join(contract_layers())
    assert block.group(1).strip() == expected, f"paste this as the diagram in docs/architecture.md:\n{expected}"


def test_the_app_table_names_every_package_of_gipz() -> None:
    table = set(re.findall(r"^\| `gipz\.(\w+)` \|", DOC, re.M))
    packages = {p.parent.name for p in (ROOT / "src" / "gipz").glob("*/__init__.py")} - {"templates", "static"}
    in_layers = {app.strip() for layer in contract_layers() for app in layer.split("|")}
    assert packages == in_layers, f"packages outside the import contract: {packages ^ in_layers}"
    assert table == packages, f"add to or remove from the app table: {sorted(table ^ packages)}"
