from django.db import migrations


def create_default(apps, schema_editor):
    ResponsePolicy = apps.get_model("agreements", "ResponsePolicy")
    if not ResponsePolicy.objects.filter(safety_region__isnull=True).exists():
        # Defaults from the field: acknowledge within 10 min; U2 1 h, U3 4 h, U4 24 h (GGz-triagewijzer).
        ResponsePolicy.objects.create(acknowledge_minutes=10, u2_minutes=60, u3_minutes=240, u4_minutes=1440)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
