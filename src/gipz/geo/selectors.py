from django.db.models import QuerySet

from gipz.geo.models import Municipality


def municipality_choices() -> QuerySet[Municipality]:
    return Municipality.objects.filter(active=True).order_by("name")
