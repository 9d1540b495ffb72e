"""The answer to a data subject as files: a PDF to send, and a CSV with the same content (privacy/subject.py builds
it). Consultations name organisations, roles and purposes, never employees (C-579/21); the employees are for the
privacy officer's own page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from gipz.core.csvfile import csv_text
from gipz.core.pdf import html_to_pdf
from gipz.privacy.subject import SubjectReport


def report_rows(report: SubjectReport) -> list[list[str]]:
    """One table: section, date, organisation, what, detail."""
    local = timezone.localtime
    rows: list[list[str]] = [["onderdeel", "datum", "organisatie", "wat", "omschrijving"]]
    rows.append(["regime", "", str(report.organisation), report.title, ""])
    if report.request:
        r = report.request
        rows.append(
            ["verzoek", f"{r.received_at:%Y-%m-%d}", "", "ontvangen; identiteit", r.get_identity_check_display()]
        )
        rows.append(["verzoek", f"{r.due:%Y-%m-%d}", "", "uiterlijk beantwoorden", r.extension_reason])
        if r.wpg_restriction:
            rows.append(["verzoek", "", "", "deels afgewezen (Wpg art. 27)", r.get_wpg_restriction_display()])
    for text in report.purposes:
        rows.append(["doelen", "", "", "", text])
    for text in report.categories:
        rows.append(["categorieën", "", "", "", text])
    for name in report.recipients:
        rows.append(["ontvangers", "", name, "", ""])
    rows.append(["doorgifte", "", "", "", report.third_countries])
    for label, days, starts, covers, _source in report.retention:
        rows.append(["bewaartermijn", "", "", label, f"{days} dagen {starts}: {covers}"])
    for text in report.rights:
        rows.append(["rechten", "", "", "", text])
    rows.append(["klacht", "", "", "", report.complaint])
    for text in report.sources():
        rows.append(["herkomst", "", "", "", text])
    rows.append(["geautomatiseerde besluiten", "", "", "", report.automated])
    for copy in report.copies:
        for fact in copy.facts:
            rows.append(["kopie", f"{local(copy.situation.created_at):%Y-%m-%d}", "", fact.label, fact.value])
    for v in report.views:
        rows.append(
            ["ingezien", f"{local(v.at):%Y-%m-%d %H:%M}", v.organisation, f"{v.roles}: {v.action} {v.what}", v.purpose]
        )
    for d in report.disclosures:
        shared = ", ".join(str(i.get_category_display()) for i in d.items.all())
        rows.append(
            [
                "gedeeld",
                f"{local(d.decided_at):%Y-%m-%d %H:%M}",
                f"{d.organisation} → {d.request.requesting_organisation}",
                d.get_decision_display(),
                f"{shared or '—'}; grondslag: {d.legal_basis or '—'}",
            ]
        )
    for w in report.warnings:
        rows.append(
            ["gewaarschuwd", f"{local(w.warned_at):%Y-%m-%d %H:%M}", f"{w.organisation} → {w.recipient}", "", ""]
        )
    return rows


def report_csv(report: SubjectReport) -> str:
    return csv_text(report_rows(report))


def report_pdf(report: SubjectReport) -> bytes:
    return html_to_pdf(render_to_string("privacy/report_pdf.html", {"report": report}))
