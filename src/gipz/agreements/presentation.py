"""What a page or the PDF shows of a version: the matrix with labels, targets, contacts and levels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from gipz.agreements.forms import TARGET_FIELDS
from gipz.agreements.models import AgreementVersion
from gipz.agreements.selectors import agreement_terms
from gipz.agreements.terms import PARTY_LABELS, SITUATION_TYPE_LABELS, SituationType, Terms
from gipz.core.pdf import html_to_pdf


@dataclass(frozen=True)
class MatrixRow:
    situation_type: str
    label: str
    party: str
    party_label: str
    note: str


def matrix(terms: Terms) -> list[MatrixRow]:
    rows = []
    for situation_type in SituationType:
        responsibility = terms.responsible_for(situation_type)
        rows.append(
            MatrixRow(
                situation_type=str(situation_type),
                label=str(SITUATION_TYPE_LABELS[situation_type]),
                party=str(responsibility.party),
                party_label=str(PARTY_LABELS[responsibility.party]),
                note=responsibility.note,
            )
        )
    return rows


def terms_context(terms: Terms) -> dict[str, Any]:
    return {
        "matrix": matrix(terms),
        "targets": [(label, getattr(terms.targets, name)) for name, label in TARGET_FIELDS.items()],
        "contacts": terms.contacts,
        "unsafe_levels": terms.unsafe_levels,
    }


def situation_agreement_context(version: AgreementVersion | None, situation_type: str) -> dict[str, Any]:
    """For a situation: the version that applied when it was made, and its row for this kind of situation."""
    terms = agreement_terms(version)
    row = next((r for r in matrix(terms) if r.situation_type == situation_type), None)
    return {"agreement_version": version, "agreement_row": row, "agreement_contacts": terms.contacts}


def agreement_pdf(version: AgreementVersion) -> bytes:
    html = render_to_string("agreements/pdf.html", {"version": version, **terms_context(agreement_terms(version))})
    return html_to_pdf(html, site_css=False)
