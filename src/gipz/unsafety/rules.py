"""Who may do what to a report of an unsafe situation, and when (core/statemachine.py explains the engine). The
services `require` these; the report's page renders its forms from `unsafe_report_actions`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gipz.accounts.actor import Actor
from gipz.core.statemachine import Action, StateMachine
from gipz.unsafety.models import TRANSITIONS, UnsafeReport, UnsafeReportEvent

Status = UnsafeReport.Status


def is_police_asked(actor: Actor, report: UnsafeReport) -> bool:
    return report.is_police_asked(actor)


def is_reporter(actor: Actor, report: UnsafeReport) -> bool:
    return report.is_asker(actor)


POLICE_ONLY = _("Alleen de gevraagde politie-eenheid reageert op deze melding.")

UNSAFE_REPORT = StateMachine(
    statuses=Status,
    transitions=TRANSITIONS,
    history=UnsafeReportEvent,
    parent="report",
    actions={
        "pick_up": Action(who=is_police_asked, refusal=POLICE_ONLY, to=Status.IN_PROGRESS),
        "respond": Action(who=is_police_asked, refusal=POLICE_ONLY, to=Status.RESPONDED),
        "close": Action(
            who=lambda actor, report: is_reporter(actor, report) or is_police_asked(actor, report),
            refusal=_("Alleen de melder en de politie sluiten deze melding af."),
            to=Status.CLOSED,
        ),
        "withdraw": Action(
            who=is_reporter, refusal=_("Alleen de melder kan de melding intrekken."), to=Status.WITHDRAWN
        ),
    },
)


def unsafe_report_actions(actor: Actor, report: UnsafeReport) -> frozenset[str]:
    return UNSAFE_REPORT.allowed(actor, report)
