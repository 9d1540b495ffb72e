"""docs/benchmarks.md: each benchmark owns one section between its markers and rewrites only that."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS_MD = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(marker: str, title: str, body: str) -> None:
    begin, end = f"<!-- bench:{marker}:begin -->", f"<!-- bench:{marker}:end -->"
    section = f"{begin}\n## {title}\n\n{body}\n{end}"
    text = RESULTS_MD.read_text()
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _match: section, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS_MD.write_text(text)
