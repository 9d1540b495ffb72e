from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def mark_existing_months_stale(apps, schema_editor):
    """Situations made before the rollups existed: mark their months stale, so readers compute them from the raw
    rows until the worker has stored them (nothing is missing from a factsheet meanwhile)."""
    Situation = apps.get_model("situations", "Situation")
    RollupDirty = apps.get_model("monitoring", "RollupDirty")
    zone = ZoneInfo(settings.TIME_ZONE)
    months: set[tuple[int, date]] = set()
    for municipality_id, created_at in Situation.objects.values_list("municipality_id", "created_at").iterator():
        local = created_at.astimezone(zone)
        months.add((municipality_id, date(local.year, local.month, 1)))
    now = timezone.now()
    RollupDirty.objects.bulk_create(
        [RollupDirty(municipality_id=m, day=d, marked_at=now) for m, d in sorted(months)],
        ignore_conflicts=True,
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_year_rollup"), ("situations", "0003_situation_agreement_situation_situation_type")]
    operations = [migrations.RunPython(mark_existing_months_stale, migrations.RunPython.noop)]
