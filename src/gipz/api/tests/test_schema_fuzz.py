"""The committed OpenAPI schema (docs/openapi.yaml) against the running code: schemathesis generates requests from
the schema and checks every answer — never a 5xx, status codes and bodies as documented. Bounded (a few dozen
examples per operation); run by `make test-api-fuzz` and CI, not by `make test`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from conftest import intake
from gipz.accounts.services import api_token_create

# No 5xx, and status codes, content types, bodies and headers as documented. (Whether a schema-valid body is also
# accepted is not checked: a municipality code of the right length may still not exist.)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
SCHEMA = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"
schema = schemathesis.openapi.from_path(SCHEMA)
APP = get_wsgi_application()  # one handler for every generated request

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Requests go to the plain WSGI app, whose end-of-request hook would close the database connection — on
    PostgreSQL the test's own transaction, so every later request failed with 'connection is closed'. Django's
    test client suspends that hook the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world: Any) -> str:
    intake(world)  # something to list and to look up
    _, key = api_token_create(organisation=world.police, label="fuzz")
    return key


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_behaves_as_its_schema_says(case: Any, token: str) -> None:
    case.call_and_validate(
        app=APP,
        base_url="http://testserver",
        headers={"Authorization": f"Token {token}"},
        checks=CHECKS,
    )
