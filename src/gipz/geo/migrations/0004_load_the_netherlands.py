from django.db import migrations


def load(apps, schema_editor):
    from gipz.geo.reference import load_reference

    load_reference(
        apps.get_model("geo", "Municipality"),
        apps.get_model("geo", "SafetyRegion"),
        apps.get_model("geo", "MunicipalitySuccession"),
    )


class Migration(migrations.Migration):
    """Today's 342 municipalities and 25 safety regions, the 63 dissolved since 2017 and where they went."""

    dependencies = [("geo", "0003_validity_and_successions")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
