"""Preventive requests share the 'care asks police' base with unsafe reports: the asking side's fields get the
shared names. A rename: no data moves."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_alter_organisation_type"),
        ("prevention", "0002_decision"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("preventiverequest", "requesting_organisation", "care_organisation"),
        migrations.RenameField("preventiverequest", "requested_by", "asked_by"),
        migrations.AlterField(
            model_name='preventiverequest',
            name='care_organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='zorgorganisatie'),
        ),
        migrations.AlterField(
            model_name='preventiverequest',
            name='police_organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='politie-eenheid'),
        ),
    
    ]
