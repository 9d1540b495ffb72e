"""Append-only rows outlive every retention period, so typed text never goes into them: history notes and audit
values hold codes, dates, references and field names. A unique marker typed into every free-text field a service
takes must not turn up in any timeline, history or audit row."""

from __future__ import annotations

import json

from conftest import World, intake
from gipz.core.models import AuditEvent
from gipz.keyfigures.models import ConsultEvent
from gipz.keyfigures.services import consult_answer, consult_request
from gipz.keyfigures.tests.helpers import key_figure
from gipz.learning.models import DiscussionEvent
from gipz.learning.services.discussions import improper_call_discussion_update
from gipz.learning.tests.helpers import flagged_discussion
from gipz.prevention.models import PreventiveRequestEvent
from gipz.prevention.services import (
    DecisionData,
    preventive_request_add_info,
    preventive_request_decide,
    preventive_request_withdraw,
)
from gipz.prevention.tests.helpers import ask, police_planner
from gipz.situations import services
from gipz.situations.models import TimelineEvent
from gipz.unsafety.models import UnsafeReportEvent
from gipz.unsafety.services import unsafe_report_close, unsafe_report_respond, unsafe_report_withdraw
from gipz.unsafety.tests.helpers import report

MARK = "Zebrapad-Merkteken"


def _appended_text() -> str:
    rows: list[str] = []
    for model in (TimelineEvent, PreventiveRequestEvent, UnsafeReportEvent, ConsultEvent, DiscussionEvent):
        rows += [str(note) for note in model.objects.values_list("note", flat=True)]
    rows += [json.dumps([old, new]) for old, new in AuditEvent.objects.values_list("old", "new")]
    return "\n".join(rows)


def test_typed_text_stays_out_of_every_append_only_row(world: World) -> None:
    situation = intake(world)
    services.situation_cancel(actor=world.police_actor, situation_id=situation.pk, reason=f"dubbel {MARK}")

    chief = police_planner(world)
    decided = ask(world)
    preventive_request_decide(
        actor=chief,
        request_id=decided.pk,
        data=DecisionData(decision="more_info", reason=f"Wij missen iets {MARK}", info_question=f"Wie? {MARK}"),
    )
    preventive_request_add_info(actor=world.care_actor, request_id=decided.pk, answer=f"Buurman {MARK}")
    withdrawn = ask(world)
    preventive_request_withdraw(actor=world.care_actor, request_id=withdrawn.pk, reason=f"Opgelost {MARK}")

    responded = report(world)
    unsafe_report_respond(actor=world.police_actor, report_id=responded.pk, response_kind="visit", note=f"Langs {MARK}")
    unsafe_report_close(
        actor=world.care_actor, report_id=responded.pk, aangifte="not_made", follow_up="pending", note=f"Rust {MARK}"
    )
    unsafe_report_withdraw(actor=world.care_actor, report_id=report(world).pk, reason=f"Vergissing {MARK}")

    entry = key_figure(world)
    consult = consult_request(
        actor=world.crisis_actor, situation_id=intake(world).pk, key_figure_id=entry.pk, question=f"Hoe? {MARK} nu"
    )
    consult_answer(actor=world.crisis_actor, consult_id=consult.pk, outcome=f"Zo {MARK}")

    discussion = flagged_discussion(world)
    improper_call_discussion_update(
        actor=world.coordinator_actor,
        discussion_id=discussion.pk,
        status="discussed",
        notes=f"Besproken met beide kanten {MARK}",
    )

    assert MARK not in _appended_text()
