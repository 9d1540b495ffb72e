"""API views: parse, call the same services and selectors as the web UI, serialise."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gipz.accounts.actor import Actor
from gipz.api.models import BenchPing
from gipz.api.permissions import request_actor
from gipz.api.serializers import (
    BenchPingSerializer,
    ErrorSerializer,
    IntakeReceiptSerializer,
    IntakeSerializer,
    SituationCareSerializer,
    SituationListSerializer,
    SituationSerializer,
)
from gipz.api.services import intake_once
from gipz.privacy.accesslog import access_log_in_situation
from gipz.situations import selectors, services
from gipz.situations.models import Situation, Status


def situation_body(actor: Actor, reference: str) -> dict[str, Any]:
    """The situation as the API shows it; it holds the location and, for care, health details: logged."""
    situation = selectors.situation_for_api(actor=actor, reference=reference)
    serializer = SituationCareSerializer if actor.is_care else SituationSerializer
    access_log_in_situation(
        actor=actor,
        action="view",
        obj=situation,
        situation_id=situation.pk,
        detail="melding via de API" + (" met zorggegevens" if actor.is_care else ""),
    )
    return serializer(situation).data


ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}


class SituationListCreate(generics.ListAPIView):
    serializer_class = SituationListSerializer

    def get_queryset(self) -> QuerySet[Any]:
        queryset = selectors.situations_visible_to(request_actor(self.request)).select_related("municipality")
        wanted = self.request.query_params.get("status")
        if wanted:
            queryset = queryset.filter(status=wanted)
        return queryset.order_by("-created_at")

    @extend_schema(
        summary="Situations visible to the caller's organisation",
        parameters=[OpenApiParameter("status", str, enum=Status.values, description="Only this status")],
        responses={200: SituationListSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        wanted = request.query_params.get("status")
        if wanted and wanted not in Status.values:
            return Response(
                {"detail": _("Onbekende status '%(status)s'.") % {"status": wanted}, "code": "invalid"}, status=400
            )
        return super().get(request, *args, **kwargs)

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


class BenchPingView(APIView):
    @extend_schema(
        summary="Benchmark baseline: inserts one row through the same stack (auth, DRF, database)",
        request=None,
        responses={201: BenchPingSerializer},
    )
    def post(self, request: Request) -> Response:
        ping = BenchPing.objects.create(organisation=request_actor(request).organisation)
        return Response({"id": ping.pk}, status=status.HTTP_201_CREATED)
