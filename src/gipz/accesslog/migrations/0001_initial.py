"""The access log moves out of the privacy app into its own (issue #29). Its tables keep their names, so nothing
changes in the database: this migration only takes the models over in Django's state, and relabels their content
types so the admin's permissions follow them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MODELS = ("accesslogentry", "accesslogprune", "accessloghead")


def _relabel(apps: object, source: str, target: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")  # type: ignore[attr-defined]
    content_type.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


def relabel_forward(apps: object, schema_editor: object) -> None:
    _relabel(apps, "privacy", "accesslog")


def relabel_backward(apps: object, schema_editor: object) -> None:
    _relabel(apps, "accesslog", "privacy")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("privacy", "0008_subject_rights"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('accounts', '0005_identity_providers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AccessLogHead',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('seq', models.PositiveBigIntegerField(default=0)),
                        ('entry_hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64)),
                    ],
                    options={
                        'db_table': 'privacy_accessloghead',
                    },
                ),
                migrations.CreateModel(
                    name='AccessLogPrune',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('up_to_seq', models.PositiveBigIntegerField(unique=True)),
                        ('entry_hash', models.CharField(max_length=64)),
                        ('removed', models.PositiveIntegerField()),
                        ('at', models.DateTimeField()),
                        ('mac', models.CharField(max_length=64)),
                    ],
                    options={
                        'db_table': 'privacy_accesslogprune',
                        'ordering': ['up_to_seq'],
                    },
                ),
                migrations.CreateModel(
                    name='AccessLogEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('seq', models.PositiveBigIntegerField(unique=True)),
                        ('at', models.DateTimeField(db_index=True)),
                        ('roles', models.CharField(blank=True, max_length=200)),
                        ('action', models.CharField(choices=[('view', 'ingezien'), ('export', 'geëxporteerd'), ('create', 'vastgelegd'), ('change', 'gewijzigd'), ('restrict', 'beperkt (verzoek)'), ('share', 'verstrekt'), ('purge', 'verwijderd (bewaartermijn)'), ('erase', 'gewist (verzoek)')], max_length=8)),
                        ('object_type', models.CharField(max_length=64)),
                        ('object_id', models.CharField(max_length=64)),
                        ('person_id', models.BigIntegerField(db_index=True, null=True)),
                        ('situation_id', models.BigIntegerField(db_index=True, null=True)),
                        ('detail', models.CharField(blank=True, max_length=300)),
                        ('prev_hash', models.CharField(max_length=64)),
                        ('entry_hash', models.CharField(max_length=64)),
                        ('mac', models.CharField(blank=True, max_length=64)),
                        ('organisation', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'inzagelogregel',
                        'verbose_name_plural': 'inzagelog',
                        'db_table': 'privacy_accesslogentry',
                        'ordering': ['seq'],
                        'indexes': [models.Index(fields=['user', 'at'], name='privacy_acc_user_id_261ae0_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_forward, relabel_backward),
    ]
