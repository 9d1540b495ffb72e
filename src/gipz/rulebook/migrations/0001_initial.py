"""The rulebook's versions move out of the privacy app (issue #29). The table keeps its name: this takes the model
over in Django's state only, and relabels its content type so the admin's permissions follow it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel(source: str, target: str) -> object:
    def run(apps: object, schema_editor: object) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")  # type: ignore[attr-defined]
        content_type.objects.filter(app_label=source, model="rulebookversion").update(app_label=target)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("privacy", "0009_access_log_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RulebookVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveIntegerField(unique=True, verbose_name='versienummer')),
                        ('label', models.CharField(max_length=40, verbose_name='versie (uit het bestand)')),
                        ('text', models.TextField(verbose_name='regelboek (YAML)')),
                        ('sha256', models.CharField(max_length=64)),
                        ('note', models.CharField(max_length=300, verbose_name='wat is er veranderd')),
                        ('published_at', models.DateTimeField(verbose_name='gepubliceerd op')),
                        ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'regelboekversie',
                        'verbose_name_plural': 'regelboekversies',
                        'db_table': 'privacy_rulebookversion',
                        'ordering': ['-number'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel("privacy", "rulebook"), relabel("rulebook", "privacy")),
    ]
