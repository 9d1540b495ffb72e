"""Who may do what to a version of the werkafspraken, and when (core/statemachine.py explains the engine). A draft
is edited, then approved (frozen for good) or discarded; an approved version can be the start of a new draft."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.agreements.models import AgreementEvent, AgreementVersion
from gipz.agreements.selectors import can_edit_agreements
from gipz.core.statemachine import Action, StateMachine

Status = AgreementVersion.Status


def is_region_editor(actor: Actor, version: AgreementVersion) -> bool:
    return can_edit_agreements(actor, version.safety_region_id)


EDITORS_ONLY = _("Alleen coördinatoren en beheerders uit deze regio wijzigen de werkafspraken.")
FROZEN = _("Deze versie is vastgesteld of vervallen en verandert niet meer.")

AGREEMENT = StateMachine(
    statuses=Status,
    transitions={
        Status.DRAFT: frozenset({Status.APPROVED, Status.DISCARDED}),
        Status.APPROVED: frozenset(),  # frozen: a change is a new version
        Status.DISCARDED: frozenset(),
    },
    history=AgreementEvent,
    parent="version",
    audit_prefix="agreement",
    actions={
        "edit": Action(
            who=is_region_editor, refusal=EDITORS_ONLY, during=frozenset({Status.DRAFT}), state_refusal=FROZEN
        ),
        "approve": Action(who=is_region_editor, refusal=EDITORS_ONLY, to=Status.APPROVED, state_refusal=FROZEN),
        "discard": Action(who=is_region_editor, refusal=EDITORS_ONLY, to=Status.DISCARDED, state_refusal=FROZEN),
        "new_version": Action(who=is_region_editor, refusal=EDITORS_ONLY, during=frozenset({Status.APPROVED})),
    },
)


def agreement_actions(actor: Actor, version: AgreementVersion) -> frozenset[str]:
    return AGREEMENT.allowed(actor, version)
