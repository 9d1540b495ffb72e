"""Migration 0003: a region's old response policy becomes approved version 1 of its werkafspraken."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_regional_response_policy_becomes_an_approved_agreement() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("agreements", "0002_default_policy")])
    old = executor.loader.project_state([("agreements", "0002_default_policy")]).apps
    region = old.get_model("geo", "SafetyRegion").objects.get(code="VR09")
    old.get_model("agreements", "ResponsePolicy").objects.create(
        safety_region_id=region.pk, acknowledge_minutes=7, u2_minutes=50, u3_minutes=200, u4_minutes=900
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from gipz.agreements.models import AgreementVersion
    from gipz.agreements.terms import validate

    version = AgreementVersion.objects.get()
    assert (version.safety_region_id, version.number, version.status) == (region.pk, 1, "approved")
    terms = validate(version.terms)
    assert (terms.targets.acknowledge_minutes, terms.targets.u2_minutes, terms.targets.u3_minutes) == (7, 50, 200)
