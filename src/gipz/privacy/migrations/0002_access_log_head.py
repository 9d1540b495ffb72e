from django.db import migrations


def create_head(apps, schema_editor):
    apps.get_model("privacy", "AccessLogHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The access log's head row exists before the first entry, so concurrent first writers do not race to make it."""

    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
