"""The benchmark table leaves the API app: it exists only where gipz.benchmark is installed (config.settings_bench).
Dropping it removes benchmark rows only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0004_webhook_deliveries_claimed'),
    ]

    operations = [
        migrations.DeleteModel(
            name='BenchPing',
        ),
    ]
