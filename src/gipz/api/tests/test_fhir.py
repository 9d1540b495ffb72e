"""The handover as FHIR R4 (issue #18): every exported Bundle validates against HL7's R4 JSON schema and parses
with a maintained FHIR model library; police get no Patient and no care details; outsiders get 404; every export
is access-logged."""

from __future__ import annotations

import gzip
import json
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from conftest import World, intake
from gipz.accesslog.models import AccessLogEntry
from gipz.api.fhir import CODE_SYSTEMS, PRIORITY
from gipz.api.tests.test_api import client_for
from gipz.situations import services
from gipz.situations.models import FollowUp

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "fhir.schema.json.gz"


@cache
def validator() -> jsonschema.Draft6Validator:
    schema = json.loads(gzip.decompress(SCHEMA.read_bytes()))
    assert schema["id"] == "http://hl7.org/fhir/json-schema/4.0"
    return jsonschema.Draft6Validator(schema)


def valid(bundle: dict[str, Any]) -> dict[str, Any]:
    errors = sorted(validator().iter_errors(bundle), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]
    parse(bundle)
    return bundle


def parse(bundle: dict[str, Any]) -> None:
    """fhir.resources (its R4B models: the R4 resources exported here are unchanged in R4B), every resource as its
    own class, so required elements and data types are checked."""
    Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def handed_over(world: World) -> Any:
    situation = intake(world, danger_to_self=True)  # U2
    services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    services.situation_en_route(actor=world.crisis_actor, situation_id=situation.pk, eta_minutes=12)
    services.situation_on_site(actor=world.crisis_actor, situation_id=situation.pk)
    services.handover_submit(
        actor=world.crisis_actor, situation_id=situation.pk, situation_text="Man rustig, in gesprek.",
        background="Bekend bij de FACT-zorg.", assessment="Geen acuut gevaar meer.",
        recommendation="Crisisdienst neemt over; politie kan gaan.",
    )  # fmt: skip
    services.handover_confirm_police(actor=world.police_actor, situation_id=situation.pk)
    services.follow_up_add(actor=world.crisis_actor, situation_id=situation.pk, kind=FollowUp.Kind.REFERRAL,
                           responsible_organisation=world.crisis, details="Morgen huisbezoek door FACT.")  # fmt: skip
    situation.refresh_from_db()
    return situation


def test_a_handover_exports_as_a_valid_bundle_for_the_crisis_service(world: World) -> None:
    situation = handed_over(world)
    response = client_for(world.crisis).get(f"/api/v1/situations/{situation.reference}/fhir/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    bundle = valid(json.loads(response.content))
    assert bundle["type"] == "collection" and bundle["identifier"]["value"] == situation.reference
    task, follow_up = resources(bundle, "Task")
    assert task["status"] == "completed" and task["intent"] == "order"
    assert task["businessStatus"]["coding"][0] == {
        "system": CODE_SYSTEMS["situation-status"], "code": "handed_over", "display": "overgedragen"
    }  # fmt: skip
    service_request = resources(bundle, "ServiceRequest")[0]
    assert task["focus"]["reference"] == f"urn:uuid:{service_request['id']}"
    assert service_request["priority"] == PRIORITY["U2"] == "asap"
    organisations = {o["id"]: o["name"] for o in resources(bundle, "Organization")}
    assert organisations[task["requester"]["reference"][9:]] == world.police.name
    assert organisations[task["owner"]["reference"][9:]] == world.crisis.name
    composition = resources(bundle, "Composition")[0]
    assert composition["status"] == "final" and composition["type"]["coding"][0]["code"] == "18761-7"
    assert [s["code"]["coding"][0]["code"] for s in composition["section"]] == ["S", "B", "A", "R"]
    assert "Bekend bij de FACT-zorg." in json.dumps(composition)
    assert follow_up["partOf"] == [{"reference": f"urn:uuid:{task['id']}"}]
    assert follow_up["description"] == "Morgen huisbezoek door FACT."
    patient = resources(bundle, "Patient")[0]
    assert set(patient) == {"resourceType", "id", "meta", "identifier"}  # minimal: no name, no BSN
    assert task["for"] == {"reference": f"urn:uuid:{patient['id']}"}


def test_the_police_get_no_patient_and_no_care_details(world: World) -> None:
    situation = handed_over(world)
    response = client_for(world.police).get(f"/api/v1/situations/{situation.reference}/fhir/")
    assert response.status_code == 200
    bundle = valid(json.loads(response.content))
    text = json.dumps(bundle)
    assert not resources(bundle, "Patient")
    assert "FACT-zorg" not in text and "Geen acuut gevaar" not in text and "huisbezoek" not in text
    composition = resources(bundle, "Composition")[0]
    assert [s["code"]["coding"][0]["code"] for s in composition["section"]] == ["S", "R"]
    assert resources(bundle, "Task")[0]["for"]["reference"].startswith("urn:uuid:")  # the place, a Location


def test_outsiders_get_404_and_every_export_is_logged(world: World) -> None:
    situation = handed_over(world)
    before = AccessLogEntry.objects.filter(action="export").count()
    assert client_for(world.care).get(f"/api/v1/situations/{situation.reference}/fhir/").status_code == 404
    assert client_for(world.police).get("/api/v1/situations/M0000-NOPE/fhir/").status_code == 404
    client_for(world.crisis).get(f"/api/v1/situations/{situation.reference}/fhir/")
    logged = AccessLogEntry.objects.filter(action="export").order_by("-seq").first()
    assert AccessLogEntry.objects.filter(action="export").count() == before + 1
    assert logged is not None and logged.situation_id == situation.pk and "FHIR" in logged.detail


@pytest.mark.parametrize("stage", ["reported", "accepted", "referred"])
def test_every_stage_exports_a_valid_bundle(world: World, stage: str) -> None:
    situation = intake(world) if stage != "referred" else intake(world, care_indicators=frozenset())
    if stage == "accepted":
        services.care_request_accept(actor=world.crisis_actor, situation_id=situation.pk)
    bundle = valid(json.loads(client_for(world.police).get(f"/api/v1/situations/{situation.reference}/fhir/").content))
    tasks = resources(bundle, "Task")
    expected = {"reported": "requested", "accepted": "accepted"}
    assert [t["status"] for t in tasks] == ([expected[stage]] if stage in expected else [])
    assert resources(bundle, "ServiceRequest")[0]["status"] == ("revoked" if stage == "referred" else "active")


def test_the_command_exports_as_a_user_sees_it(world: World, tmp_path: Path) -> None:
    situation = handed_over(world)
    out = StringIO()
    call_command("export_fhir", situation.reference, "--user", world.police_user.username, stdout=out)
    bundle = valid(json.loads(out.getvalue()))
    assert not resources(bundle, "Patient")
    call_command("export_fhir", situation.reference, "--user", world.crisis_user.username,
                 "--out", str(tmp_path / "b.json"), stdout=StringIO())  # fmt: skip
    assert resources(valid(json.loads((tmp_path / "b.json").read_text())), "Patient")
    with pytest.raises(CommandError, match="within"):
        call_command("export_fhir", situation.reference, "--user", world.care_user.username)
    with pytest.raises(CommandError, match="No active user"):
        call_command("export_fhir", situation.reference, "--user", "niemand")


def test_the_validators_catch_a_broken_bundle(world: World) -> None:
    """The checks above would fail on a wrong export: a status outside HL7's value set, a missing required field."""
    situation = handed_over(world)
    bundle = json.loads(client_for(world.crisis).get(f"/api/v1/situations/{situation.reference}/fhir/").content)
    task = resources(bundle, "Task")[0]
    task["status"] = "done"  # not a task-status code: the schema knows the value set
    assert list(validator().iter_errors(bundle))
    task["status"] = "completed"
    del task["intent"]  # required (1..1): the model library knows (HL7's JSON schema leaves cardinality out)
    with pytest.raises(ValueError):
        parse(bundle)
    task["intent"] = "order"
    task["authoredOn"] = "gisteren"  # not a dateTime
    with pytest.raises(ValueError):
        parse(bundle)
