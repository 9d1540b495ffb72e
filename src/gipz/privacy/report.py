"""The data-subject report (AVG art. 15): what is held about a person, who saw it, what was shared with whom.

Who saw it names organisations and roles, not individual employees: under the CJEU's reading of art. 15 (C-579/21,
22 June 2023) the data subject is entitled to the recipients and the consultations, not to the employees' identity.
The privacy officer sees the names in the per-user log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.core.pdf import html_to_pdf
from gipz.privacy import selectors
from gipz.privacy.models import AccessAction, AccessLogEntry, DataCategory, Disclosure, Person
from gipz.privacy.retention import CATEGORIES
from gipz.privacy.templatetags.privacy import role_labels
from gipz.privacy.texts import object_words


@dataclass
class SubjectReport:
    person: Person
    persons: list[Person]
    include_care: bool
    entries: list[AccessLogEntry]
    disclosures: list[Disclosure]
    made_by: Actor
    made_at: datetime = field(default_factory=timezone.now)

    @property
    def retention(self) -> list[tuple[str, int, str]]:
        return [(str(c.label), c.days, str(c.covers)) for c in CATEGORIES]


def build_report(*, actor: Actor, person: Person) -> SubjectReport:
    persons = list(selectors.related_persons(person, actor=actor))
    ids = [p.pk for p in persons]
    return SubjectReport(
        person=person,
        persons=persons,
        include_care=actor.is_care,
        entries=list(selectors.access_log_for_persons(ids).order_by("seq")),
        disclosures=list(selectors.disclosures_for_situations([p.situation_id for p in persons])),
        made_by=actor,
    )


def report_rows(report: SubjectReport) -> list[list[str]]:
    """One table for the CSV: section, date, organisation, role/what, detail."""
    local = timezone.localtime
    actions = dict(AccessAction.choices)
    categories = dict(DataCategory.choices)
    rows: list[list[str]] = [["onderdeel", "datum", "organisatie", "rol of soort", "omschrijving"]]
    for p in report.persons:
        s = p.situation
        rows.append(
            [
                "vastgelegd",
                f"{local(s.created_at):%Y-%m-%d %H:%M}",
                str(s.reporting_organisation),
                "melding",
                f"{s.reference}, {s.municipality}",
            ]
        )
        for label, value in (
            ("naam", p.full_name),
            ("geboortedatum", p.date_of_birth.isoformat() if p.date_of_birth else ""),
            ("contact", p.contact),
            ("bekende risico's", p.known_risks),
        ):
            if value:
                rows.append(["vastgelegd", "", str(p.recorded_by_organisation), label, value])
        if report.include_care and p.care_details:
            rows.append(["vastgelegd", "", str(p.recorded_by_organisation), "zorggegevens", p.care_details])
        if p.is_removed:
            rows.append(["vastgelegd", f"{local(p.identity_removed_at):%Y-%m-%d}", "", "verwijderd", p.removal_reason])
    for e in report.entries:
        rows.append(
            [
                "ingezien",
                f"{local(e.at):%Y-%m-%d %H:%M}",
                str(e.organisation or "GIPZ (systeem)"),
                role_labels(e.roles),
                f"{actions.get(e.action, e.action)}: {object_words(e.object_type)}",
            ]
        )
    for d in report.disclosures:
        shared = ", ".join(str(categories.get(i.category, i.category)) for i in d.items.all())
        rows.append(
            [
                "gedeeld",
                f"{local(d.decided_at):%Y-%m-%d %H:%M}",
                f"{d.organisation} → {d.request.requesting_organisation}",
                d.get_decision_display(),
                f"{shared or '—'}; grondslag: {d.legal_basis or '—'}",
            ]
        )
    for label, days, covers in report.retention:
        rows.append(["bewaartermijn", "", "", label, f"{days} dagen: {covers}"])
    return rows


def report_csv(report: SubjectReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(report_rows(report))
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens it as UTF-8


def report_pdf(report: SubjectReport) -> bytes:
    return html_to_pdf(render_to_string("privacy/report_pdf.html", {"report": report, "rows": report_rows(report)}))
