from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gipz.api.permissions import request_actor
from gipz.benchmark.models import BenchPing


class BenchPingSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class BenchPingView(APIView):
    """Through the same stack as intake (token, DRF, the API's permissions, one insert), nothing else."""

    @extend_schema(
        summary="Benchmark baseline: inserts one row through the same stack (auth, DRF, database)",
        request=None,
        responses={201: BenchPingSerializer},
    )
    def post(self, request: Request) -> Response:
        ping = BenchPing.objects.create(organisation=request_actor(request).organisation)
        return Response({"id": ping.pk}, status=status.HTTP_201_CREATED)
