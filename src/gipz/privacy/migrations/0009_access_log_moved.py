"""The access log's models now belong to the accesslog app (its 0001): forget them here, keep their tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0008_subject_rights"),
        ("accesslog", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="accesslogentry",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="accesslogentry",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="AccessLogHead",
                ),
                migrations.DeleteModel(
                    name="AccessLogPrune",
                ),
                migrations.DeleteModel(
                    name="AccessLogEntry",
                ),
            ],
            database_operations=[],
        ),
    ]
