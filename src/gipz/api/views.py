"""API views: parse, call the same services and selectors as the web UI, serialise."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gipz.accounts.actor import Actor
from gipz.api.fhir import fhir_export
from gipz.api.permissions import request_actor
from gipz.api.serializers import (
    ErrorSerializer,
    IntakeReceiptSerializer,
    IntakeSerializer,
    SituationCareSerializer,
    SituationListSerializer,
    SituationPageSerializer,
    SituationSerializer,
)
from gipz.api.services import intake_once, situation_shown
from gipz.situations import selectors, services
from gipz.situations.models import Situation, Status, Urgency
from gipz.situations.search import MAX_PAGE_SIZE, PAGE_SIZE, SituationSearchForm


def situation_body(actor: Actor, reference: str) -> dict[str, Any]:
    """The situation as the API shows it; it holds the location and, for care, health details: logged."""
    situation = situation_shown(actor, reference, action="view", what="melding via de API")
    serializer = SituationCareSerializer if actor.is_care else SituationSerializer
    return serializer(situation).data


ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Reference, or its beginning (e.g. M2612-)"),
    OpenApiParameter("status", str, enum=Status.values, description="Only this status"),
    OpenApiParameter("urgency", str, enum=Urgency.values, description="Urgency as triaged"),
    OpenApiParameter("advised_urgency", str, enum=Urgency.values, description="Urgency the triage advised"),
    OpenApiParameter("municipality", str, description="CBS code, e.g. GM0344 (codes of former municipalities too)"),
    OpenApiParameter("team", int, description="Crisis team the request went to (id)"),
    OpenApiParameter("created_after", OpenApiTypes.DATE, description="Created on or after this day (YYYY-MM-DD)"),
    OpenApiParameter("created_before", OpenApiTypes.DATE, description="Created on or before this day (YYYY-MM-DD)"),
    OpenApiParameter("state", str, enum=["open", "closed"], description="Open, or finished/referred"),
    OpenApiParameter("escalated", str, enum=["true", "false"], description="Escalated to the backup team"),
    OpenApiParameter("improper_call", str, enum=["true", "false"], description="Flagged as an improper call"),
    OpenApiParameter("cursor", str, description="From the previous page's `next` link"),
    OpenApiParameter("limit", int, description=f"Page size, 1–{MAX_PAGE_SIZE} (default {PAGE_SIZE})"),
]


class SituationListCreate(APIView):
    @extend_schema(
        operation_id="v1_situations_list",
        summary="Find situations visible to the caller's organisation, newest first",
        description=(
            "Filters combine (AND). Pages are cut by a cursor, not an offset: follow `next` until it is null. "
            "There is no total count. An invalid filter is a 400 naming the field."
        ),
        parameters=SEARCH_PARAMETERS,
        responses={200: SituationPageSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        form = SituationSearchForm(request.query_params)
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            return Response({"detail": f"{field}: {errors[0]}", "code": "invalid"}, status=400)
        limit = form.cleaned_data["limit"] or PAGE_SIZE
        page = selectors.situations_search(
            actor=request_actor(request), criteria=form.criteria(), after=form.cleaned_data["cursor"], limit=limit
        )
        next_link = None
        if page.next:
            query = request.query_params.copy()
            query["cursor"] = page.next.encode()
            next_link = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"next": next_link, "results": SituationListSerializer(page.rows, many=True).data})

    @extend_schema(
        summary="Intake: record a melding, triage it and route it to the crisis team on duty",
        description=(
            "Send an `Idempotency-Key` header (up to 100 characters, unique per intake, kept 24 hours) to retry safely "
            "after a dropped connection: the same key returns the same receipt and never makes a second melding; "
            "the same key with another body is refused with 422."
        ),
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False, description="Retry key")
        ],
        request=IntakeSerializer,
        responses={
            201: IntakeReceiptSerializer,
            200: OpenApiResponse(IntakeReceiptSerializer, "A retry: the receipt of the first request with this key"),
            422: OpenApiResponse(ErrorSerializer, "The key was used for another request"),
            **ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        actor = request_actor(request)

        def create() -> Situation:
            serializer = IntakeSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = services.IntakeData.from_cleaned(
                serializer.validated_data,
                answers=serializer.answers(),
                request_crisis=serializer.validated_data["request_crisis"],
            )
            return services.situation_create(actor=actor, data=data)

        receipt, created = intake_once(
            actor=actor,
            key=request.headers.get("Idempotency-Key", "").strip(),
            body=request.data,
            create=create,
            receipt_of=lambda s: IntakeReceiptSerializer.from_situation(
                s, reverse("api-situation", args=[s.reference])
            ),
        )
        return Response(
            receipt,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Location": receipt["url"]},
        )


class SituationDetail(APIView):
    shows_personal_data = True

    @extend_schema(summary="Status of one situation", responses={200: SituationCareSerializer, **ERRORS})
    def get(self, request: Request, reference: str) -> Response:
        return Response(situation_body(request_actor(request), reference))


class SituationFhir(APIView):
    shows_personal_data = True

    @extend_schema(
        summary="The situation as an HL7 FHIR R4 Bundle (application/fhir+json)",
        description=(
            "A Task for the care request, its ServiceRequest, the Organizations, the SBAR handover as a Composition, "
            "follow-up actions as Tasks and, for care organisations only, a minimal Patient. The mapping and GIPZ's "
            "own code systems are in docs/api.md."
        ),
        responses={(200, "application/fhir+json"): OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request: Request, reference: str) -> HttpResponse:
        bundle = fhir_export(request_actor(request), reference)
        return HttpResponse(json.dumps(bundle, ensure_ascii=False), content_type="application/fhir+json")


class SituationAccept(APIView):
    @extend_schema(
        summary="Accept the request (crisis service). Exactly one of simultaneous accepts wins.",
        request=None,
        responses={
            200: SituationCareSerializer,
            409: OpenApiResponse(ErrorSerializer, "Someone else accepted"),
            **ERRORS,
        },
    )
    def post(self, request: Request, reference: str) -> Response:
        actor = request_actor(request)
        situation = selectors.situation_get_by_reference(actor=actor, reference=reference)
        services.care_request_accept(actor=actor, situation_id=situation.pk)
        return Response(situation_body(actor, reference))
