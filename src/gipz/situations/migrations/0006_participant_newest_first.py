"""Each participant row carries its situation's creation time, so an organisation's list pages along one index."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_creation_times(apps, schema_editor):  # type: ignore[no-untyped-def]
    Participant = apps.get_model("situations", "Participant")
    Situation = apps.get_model("situations", "Situation")
    Participant.objects.update(
        situation_created_at=Subquery(Situation.objects.filter(pk=OuterRef("situation_id")).values("created_at")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("situations", "0005_crisis_service_owns_the_urgency")]

    operations = [
        migrations.AddField(
            model_name="participant", name="situation_created_at", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(copy_creation_times, migrations.RunPython.noop),
        migrations.AlterField(model_name="participant", name="situation_created_at", field=models.DateTimeField()),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(fields=["organisation", "situation_created_at", "situation"], name="participant_newest"),
        ),
        migrations.AddIndex(
            model_name="situation",
            index=models.Index(
                fields=["reference"], name="situation_reference_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ),
    ]
