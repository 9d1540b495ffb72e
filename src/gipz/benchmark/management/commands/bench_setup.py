from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from gipz.accounts.models import Organisation, OrganisationType, Team
from gipz.accounts.services import api_token_create
from gipz.agreements.models import DutyShift, ServiceArea
from gipz.geo.models import Municipality


class Command(BaseCommand):
    help = "Prepare an empty database for `make bench`: one police and one crisis organisation, a roster, a token."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        with transaction.atomic():
            police, _ = Organisation.objects.get_or_create(
                name="Politie (benchmark)", defaults={"type": OrganisationType.POLICE}
            )
            crisis, _ = Organisation.objects.get_or_create(
                name="Crisisdienst (benchmark)", defaults={"type": OrganisationType.CRISIS_SERVICE}
            )
            area, _ = ServiceArea.objects.get_or_create(organisation=crisis, name="Alles (benchmark)")
            area.municipalities.set(Municipality.objects.all())
            for role, name in ((DutyShift.Role.PRIMARY, "Team 1"), (DutyShift.Role.BACKUP, "Team 2")):
                team, _ = Team.objects.get_or_create(organisation=crisis, name=name)
                DutyShift.objects.create(
                    team=team, area=area, role=role, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1)
                )
            _, key = api_token_create(organisation=police, label="benchmark")
        self.stdout.write(key)
