"""Reads: who was alerted about a melding, and a user's own channels."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from gipz.alerts.models import Alert, AlertSettings, Delivery, DeliveryAttempt, PushSubscription


def alerts_about(reference: str) -> QuerySet[Alert]:
    """Each alert about this reference with its deliveries and their attempts, oldest first."""
    return (
        Alert.objects.filter(reference=reference)
        .select_related("recipient")
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=Delivery.objects.order_by("pk").prefetch_related(
                    Prefetch("tries", queryset=DeliveryAttempt.objects.order_by("at", "pk"))
                ),
            )
        )
        .order_by("created_at", "pk")
    )


def settings_of(user: Any) -> AlertSettings:
    return AlertSettings.objects.filter(user=user).first() or AlertSettings(user=user)


def subscriptions_of(user: Any) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("created_at")
