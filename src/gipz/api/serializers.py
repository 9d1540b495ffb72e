from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gipz.core.memo import memo
from gipz.core.text import validate_free_text
from gipz.geo.models import Municipality
from gipz.geo.selectors import dissolved_refusal
from gipz.situations import triage
from gipz.situations.models import CareRequest, FollowUp, Offence, Situation, Status, TimelineEvent, Urgency


class IntakeSerializer(serializers.Serializer):
    """A melding as police send it: where, what, and the triage answers."""

    municipality = serializers.CharField(help_text="CBS code, e.g. GM0344", max_length=6)
    # Free text refuses a BSN and control characters in the first round of validation (core/text.py).
    location = serializers.CharField(max_length=200, validators=[validate_free_text])
    description = serializers.CharField(max_length=1000, validators=[validate_free_text])
    person_description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", validators=[validate_free_text]
    )
    offence = serializers.ChoiceField(choices=Offence.choices)
    danger_to_self = serializers.BooleanField(default=False)
    danger_to_others = serializers.BooleanField(default=False)
    weapon = serializers.BooleanField(default=False)
    medical_emergency = serializers.BooleanField(default=False)
    intoxication = serializers.BooleanField(default=False)
    minors_present = serializers.BooleanField(default=False)
    care_indicators = serializers.ListField(
        child=serializers.ChoiceField(choices=list(triage.SIGNALS)), required=False, default=list
    )
    chosen_urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, allow_null=True, default=None)
    urgency_reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", validators=[validate_free_text]
    )
    request_crisis = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate_municipality(self, value: str) -> Municipality:
        code = value.strip().upper()
        municipality = memo(("municipality", code), lambda: Municipality.objects.filter(code=code).first())
        if municipality is None:
            raise serializers.ValidationError(_("Onbekende gemeentecode '%(code)s'.") % {"code": value})
        if not municipality.active:
            raise serializers.ValidationError(dissolved_refusal(municipality))
        return municipality

    def answers(self) -> triage.TriageAnswers:
        data: dict[str, Any] = self.validated_data
        return triage.TriageAnswers(
            offence=triage.Offence(data["offence"]),
            danger_to_self=data["danger_to_self"],
            danger_to_others=data["danger_to_others"],
            weapon=data["weapon"],
            medical_emergency=data["medical_emergency"],
            intoxication=data["intoxication"],
            minors_present=data["minors_present"],
            care_indicators=frozenset(data["care_indicators"]),
        )


class CareRequestSerializer(serializers.ModelSerializer):
    team = serializers.CharField(source="team.name", default=None)
    backup_team = serializers.CharField(source="backup_team.name", default=None)
    accepted_by = serializers.CharField(source="accepted_by.get_full_name", default=None)
    escalated = serializers.SerializerMethodField()

    class Meta:
        model = CareRequest
        fields = [
            "status",
            "team",
            "backup_team",
            "requested_at",
            "acknowledge_deadline",
            "escalated",
            "escalated_at",
            "accepted_at",
            "accepted_by",
        ]

    def get_escalated(self, obj: CareRequest) -> bool:
        return obj.escalated_at is not None


class TimelineSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", default=None)

    class Meta:
        model = TimelineEvent
        fields = ["at", "kind", "from_status", "to_status", "organisation", "note"]


class FollowUpSerializer(serializers.ModelSerializer):
    responsible_organisation = serializers.CharField(source="responsible_organisation.name", default=None)

    class Meta:
        model = FollowUp
        fields = ["kind", "status", "responsible_organisation"]


def _seconds(value: Any) -> int | None:
    return int(value.total_seconds()) if value is not None else None


class SituationSerializer(serializers.ModelSerializer):
    """Status of a situation. Health details are added only for care organisations (see SituationCareSerializer)."""

    municipality = serializers.CharField(source="municipality.code")
    reporting_organisation = serializers.CharField(source="reporting_organisation.name")
    # Declared explicitly: a model-derived integer's maximum depends on the database backend, and the committed
    # schema must be the same on SQLite and PostgreSQL.
    target_minutes = serializers.IntegerField(allow_null=True, help_text="On-site target in minutes (U2–U4)")
    triage_reasons = serializers.ListField(child=serializers.CharField(), help_text="Reason codes, most decisive first")
    triage_advice = serializers.ListField(child=serializers.CharField(), help_text="Advice codes for the officer")
    care_request = serializers.SerializerMethodField()
    police_released = serializers.BooleanField()
    seconds_to_acknowledge = serializers.SerializerMethodField()
    seconds_to_on_site = serializers.SerializerMethodField()
    police_waiting_seconds = serializers.SerializerMethodField()
    on_site_within_target = serializers.BooleanField(allow_null=True)
    follow_ups = FollowUpSerializer(many=True)
    timeline = TimelineSerializer(many=True)

    class Meta:
        model = Situation
        fields = [
            "reference",
            "status",
            "municipality",
            "location",
            "description",
            "reporting_organisation",
            "created_at",
            "offence",
            "advised_urgency",
            "urgency",
            "urgency_reason",
            "triage_reasons",
            "triage_advice",
            "target_minutes",
            "on_site_deadline",
            "care_request",
            "accepted_at",
            "en_route_at",
            "eta",
            "on_site_at",
            "handed_over_at",
            "closed_at",
            "cancelled_at",
            "police_released",
            "seconds_to_acknowledge",
            "seconds_to_on_site",
            "police_waiting_seconds",
            "on_site_within_target",
            "follow_ups",
            "timeline",
        ]

    def get_care_request(self, obj: Situation) -> dict[str, Any] | None:
        request = getattr(obj, "care_request", None)
        return CareRequestSerializer(request).data if request else None

    def get_seconds_to_acknowledge(self, obj: Situation) -> int | None:
        return _seconds(obj.time_to_acknowledge)

    def get_seconds_to_on_site(self, obj: Situation) -> int | None:
        return _seconds(obj.time_to_on_site)

    def get_police_waiting_seconds(self, obj: Situation) -> int | None:
        return _seconds(obj.police_waiting_time)


class SituationListSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.code")

    class Meta:
        model = Situation
        fields = ["reference", "status", "urgency", "municipality", "created_at", "on_site_deadline", "handed_over_at"]


class SituationPageSerializer(serializers.Serializer):
    """One page of situations, newest first. `next` is the link to the following page (a cursor), or null at the
    end; there is no total count."""

    next = serializers.URLField(allow_null=True)
    results = SituationListSerializer(many=True)


class CareDetailsSerializer(serializers.Serializer):
    """Health details: present only for members of care organisations (crisis service, care provider, ambulance)."""

    care_notes = serializers.CharField()
    sbar_background = serializers.CharField(allow_null=True)
    sbar_assessment = serializers.CharField(allow_null=True)
    follow_up_details = serializers.ListField(child=serializers.CharField())


class SituationCareSerializer(SituationSerializer):
    care_details = serializers.SerializerMethodField()

    class Meta(SituationSerializer.Meta):
        fields = [*SituationSerializer.Meta.fields, "care_details"]

    @extend_schema_field(CareDetailsSerializer)
    def get_care_details(self, obj: Situation) -> dict[str, Any]:
        handover = getattr(obj, "handover", None)
        return {
            "care_notes": obj.care_notes,
            "sbar_background": handover.sbar_background if handover else None,
            "sbar_assessment": handover.sbar_assessment if handover else None,
            "follow_up_details": [f.details for f in obj.follow_ups.all() if f.details],
        }


class IntakeReceiptSerializer(serializers.Serializer):
    """What intake answers (201): the triage outcome and where the request went. The full status is at `url`.
    A plain serializer on purpose: intake is the hot path, and this is a fraction of the full representation's cost."""

    reference = serializers.CharField()
    url = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    advised_urgency = serializers.ChoiceField(choices=Urgency.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    triage_reasons = serializers.ListField(child=serializers.CharField())
    triage_advice = serializers.ListField(child=serializers.CharField())
    target_minutes = serializers.IntegerField(allow_null=True)
    on_site_deadline = serializers.DateTimeField(allow_null=True)
    team = serializers.CharField(allow_null=True)
    backup_team = serializers.CharField(allow_null=True)
    acknowledge_deadline = serializers.DateTimeField(allow_null=True)

    @staticmethod
    def from_situation(situation: Situation, url: str) -> dict[str, Any]:
        """The receipt as JSON-ready data, built directly: this runs on every intake (the class documents it)."""
        request = getattr(situation, "care_request", None) if situation.status != Status.REFERRED else None
        deadline = request.acknowledge_deadline if request else None
        return {
            "reference": situation.reference,
            "url": url,
            "status": situation.status,
            "advised_urgency": situation.advised_urgency,
            "urgency": situation.urgency,
            "triage_reasons": situation.triage_reasons,
            "triage_advice": situation.triage_advice,
            "target_minutes": situation.target_minutes,
            "on_site_deadline": _iso(situation.on_site_deadline),
            "team": request.team.name if request and request.team else None,
            "backup_team": request.backup_team.name if request and request.backup_team else None,
            "acknowledge_deadline": _iso(deadline),
        }


def _iso(moment: datetime | None) -> str | None:
    return serializers.DateTimeField().to_representation(moment) if moment else None


class ErrorSerializer(serializers.Serializer):
    """Every error: a Dutch message, a code, the field it is about (if any) and, for invalid input, every field's
    messages."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False)
    field = serializers.CharField(required=False)
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False, help_text="Messages per field"
    )
