from django.db import migrations


def load(apps, schema_editor):
    from gipz.geo.reference import load_midden_nederland

    load_midden_nederland(apps.get_model("geo", "Municipality"), apps.get_model("geo", "SafetyRegion"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
