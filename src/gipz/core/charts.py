"""Small server-rendered SVG bar charts: no JavaScript, no CDN, readable by screen readers (title, desc, and the
numbers as a table beside each chart in the template).

Why not matplotlib or a JS chart library: a bar chart is a few rectangles; rendering it here keeps the page light,
printable and accessible, and avoids a 30 MB dependency for the web process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 560, 220
LEFT, BOTTOM, TOP = 44, 36, 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def _tick(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f}%"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def bar_chart(
    bars: Sequence[Bar],
    *,
    ident: str,
    title: str,
    description: str,
    percent: bool = False,
    reference: float | None = None,
    reference_label: str = "",
) -> SafeString:
    """Vertical bars with a y axis from 0 and an optional dashed reference line (a target)."""
    top = max([b.value for b in bars] + [reference or 0, 1e-9])
    if percent:
        top = max(top, 1.0)
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_w / max(len(bars), 1)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    def n(value: float) -> str:  # format_html escapes its arguments, so numbers go in as text
        return f"{value:.1f}"

    rects = format_html_join(
        "",
        # Presentation attributes as well as classes: PDF renderers (WeasyPrint) do not apply page CSS inside SVG.
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar" fill="#0b4f8a"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" class="label" text-anchor="middle" fill="#222">{}</text>',
        (
            (
                n(LEFT + i * slot + slot * 0.15),
                n(y(b.value)),
                n(slot * 0.7),
                n(TOP + plot_h - y(b.value)),
                b.label,
                _tick(b.value, percent),
                n(LEFT + i * slot + slot / 2),
                n(HEIGHT - BOTTOM + 16),
                b.label,
            )
            for i, b in enumerate(bars)
        ),
    )
    axis = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid" stroke="#ccc"/>'
        '<text x="{}" y="{}" class="tick" text-anchor="end" fill="#555">{}</text>',
        ((LEFT, WIDTH - 8, n(y(top * f)), n(y(top * f)), LEFT - 4, n(y(top * f) + 4), _tick(top * f, percent))
         for f in (0, 0.5, 1)),
    )  # fmt: skip
    line = (
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="reference" stroke="#a3140f" stroke-dasharray="5 3" '
            'stroke-width="2"/><text x="{}" y="{}" class="reference-label" text-anchor="end" fill="#a3140f" '
            'font-weight="700">{}</text>',
            LEFT,
            WIDTH - 8,
            n(y(reference)),
            n(y(reference)),
            WIDTH - 10,
            n(y(reference) - 4),
            reference_label,
        )
        if reference is not None
        else ""
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" font-size="11" '
        'font-family="sans-serif">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}{}{}</svg>',
        WIDTH, HEIGHT, ident, ident, ident, title, ident, description, axis, rects, line,
    )  # fmt: skip
