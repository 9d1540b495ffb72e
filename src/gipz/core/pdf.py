"""HTML to PDF (A4 layouts come from each template's @page rule) with WeasyPrint."""

from __future__ import annotations


def html_to_pdf(html: str, *, site_css: bool = False) -> bytes:
    """`site_css` adds the app's theme and stylesheet (charts, tables) under the template's own print styles."""
    # Imported here: loading Pango takes a moment, and only the exports need it.
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    stylesheets = []
    if site_css:
        # The theme's tokens first: the stylesheet's var() values come from it (<html class="gipz-theme">).
        for name in ("gipz/theme.css", "gipz/gipz.css"):
            if path := finders.find(name):
                stylesheets.append(CSS(filename=path))
    return HTML(string=html).write_pdf(stylesheets=stylesheets)  # type: ignore[no-any-return]
