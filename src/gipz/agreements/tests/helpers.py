"""Approving an agreement in tests goes through the services, so every test that needs one exercises them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from gipz.accounts.actor import Actor
from gipz.agreements.models import AgreementVersion
from gipz.agreements.services import agreement_approve, agreement_draft_create, agreement_draft_update
from gipz.geo.models import Municipality


def editor(actor: Actor, municipality: Municipality) -> Actor:
    """The actor's organisation placed in the municipality's safety region, so its coordinator may edit there."""
    actor.organisation.safety_region_id = municipality.safety_region_id
    actor.organisation.save(update_fields=["safety_region"])
    return actor


def approve(
    actor: Actor,
    municipality: Municipality,
    *,
    for_municipality: bool = False,
    effective_from: date | None = None,
    targets: dict[str, int] | None = None,
    parties: dict[str, str] | None = None,
    **changes: Any,
) -> AgreementVersion:
    """Draft, edit and approve a version for the municipality's region (or the municipality itself)."""
    editor(actor, municipality)
    draft = agreement_draft_create(
        actor=actor,
        safety_region_id=municipality.safety_region_id,
        municipality_id=municipality.pk if for_municipality else None,
    )
    terms = dict(draft.terms)
    terms["targets"] = {**terms["targets"], **(targets or {})}
    terms["responsibilities"] = {
        **terms["responsibilities"],
        **{kind: {"party": party, "note": ""} for kind, party in (parties or {}).items()},
    }
    terms.update(changes)
    agreement_draft_update(actor=actor, version_id=draft.pk, title=draft.title, terms=terms)
    return agreement_approve(
        actor=actor,
        version_id=draft.pk,
        effective_from=effective_from or timezone.localdate(),
        approval_note="Regionaal overleg (test)",
    )
