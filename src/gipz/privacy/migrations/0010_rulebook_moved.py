"""RulebookVersion now belongs to the rulebook app (its 0001): the disclosure's key points there; the table stays."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0009_access_log_moved'),
        ('rulebook', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='disclosure',
                    name='rulebook_version',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='rulebook.rulebookversion'),
                ),
                migrations.DeleteModel(
                    name='RulebookVersion',
                ),
            ],
            database_operations=[],
        ),
    ]
