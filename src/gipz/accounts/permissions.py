"""The role matrix: which role may use which part of GIPZ, inside an organisation too.

Every page and API endpoint belongs to one `Area` (`URL_AREAS`, by URL name); each role is granted a set of areas
(`ROLE_AREAS`). `RoleMatrixMiddleware` answers 404 for a page outside the actor's areas, exactly as for an object
outside the organisation; the API checks the same table (`gipz.api.permissions`) and templates read `areas` from
the context to show only what works. Finer rules (who may accept this request, who decides that one) stay with
each domain's state machine (`<app>/rules.py`); this matrix decides who gets to see a part at all.

A URL that is not classified is refused (fail closed); a test walks every URL so a new page cannot slip through.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from gipz.accounts.models import Role


class Area(StrEnum):
    OPEN = "open"  # log in, log out, the home page's redirect: no data of its own
    CASEWORK = "casework"  # meldingen: intake, board, situation pages, person record, consults about them
    INFORMATION = "information"  # information requests between organisations
    PREVENTION = "prevention"  # preventive assistance
    UNSAFETY = "unsafety"  # unsafe situations in care
    DIRECTORY = "directory"  # the key-figure directory (work contact details, no client data)
    LEARNING = "learning"  # joint trainings and job shadowing
    DISCUSSIONS = "discussions"  # discussions of an 'oneigenlijk beroep' (about a situation)
    AGREEMENTS = "agreements"  # werkafspraken (reading; editing is for coordinators, agreements/rules.py)
    RULEBOOK = "rulebook"  # the information-sharing rulebook
    MONITORING = "monitoring"  # aggregates: factsheets, comparison, infographic
    CAPACITY = "capacity"  # capacity scenarios and simulation runs
    INTEGRATIONS = "integrations"  # the organisation's webhooks (its administrator)
    PRIVACY_OFFICE = "privacy_office"  # the privacy officer's pages: access log, data-subject reports, erasure


_EVERYONE = frozenset({Area.OPEN, Area.DIRECTORY, Area.LEARNING, Area.AGREEMENTS, Area.RULEBOOK, Area.MONITORING})
_FIELD_WORK = frozenset({Area.CASEWORK, Area.INFORMATION, Area.PREVENTION, Area.UNSAFETY})

# The matrix. Analysts see aggregates only; privacy officers their office and the requests they may answer;
# administrators manage reference data (agreements, capacity), not cases.
ROLE_AREAS: dict[str, frozenset[Area]] = {
    Role.PROFESSIONAL: _EVERYONE | _FIELD_WORK,
    Role.KEY_FIGURE: _EVERYONE | _FIELD_WORK | {Area.DISCUSSIONS},
    Role.COORDINATOR: _EVERYONE | _FIELD_WORK | {Area.DISCUSSIONS, Area.CAPACITY},
    Role.PRIVACY_OFFICER: _EVERYONE | {Area.PRIVACY_OFFICE, Area.INFORMATION},
    Role.ANALYST: _EVERYONE | {Area.CAPACITY},
    Role.ADMIN: _EVERYONE | {Area.CAPACITY, Area.INTEGRATIONS},
    Role.INFORMATION_DESK: _EVERYONE | {Area.INFORMATION},
}

# Every named URL of the app and the API, with the area it belongs to.
URL_AREAS: dict[str, Area] = {
    # accounts, home
    "login": Area.OPEN,
    "logout": Area.OPEN,
    "second-factor": Area.OPEN,
    "second-factor-setup": Area.OPEN,
    "oidc-login": Area.OPEN,  # login via the organisation's own identity provider, and the way back
    "oidc-callback": Area.OPEN,
    # a user's own alert channels (everyone may be alerted)
    "alert-settings": Area.OPEN,
    "alert-push-subscribe": Area.OPEN,
    "alert-push-remove": Area.OPEN,
    "alert-test": Area.OPEN,
    # the event stream of the live board and situation pages: ids of changed meldingen of one's own organisation
    "live-events": Area.CASEWORK,
    "home": Area.OPEN,
    "set_language": Area.OPEN,
    "webapp-manifest": Area.OPEN,
    "webapp-service-worker": Area.OPEN,
    "offline": Area.OPEN,
    "health-live": Area.OPEN,  # for load balancers and monitoring: JSON without personal data, no login
    "health-ready": Area.OPEN,
    # situations
    "situations": Area.CASEWORK,
    "intake": Area.CASEWORK,
    "triage-preview": Area.CASEWORK,
    "situation": Area.CASEWORK,
    "situation-live": Area.CASEWORK,
    "situation-follow-up-update": Area.CASEWORK,
    "board": Area.CASEWORK,
    "board-live": Area.CASEWORK,
    "notifications-read": Area.CASEWORK,
    "person-edit": Area.CASEWORK,
    # consults are about a situation
    "consult-new": Area.CASEWORK,
    "consults": Area.CASEWORK,
    "consult": Area.CASEWORK,
    "consult-answer": Area.CASEWORK,
    "consult-decline": Area.CASEWORK,
    # information requests
    "information-request-new": Area.INFORMATION,
    "own-initiative-warning-new": Area.INFORMATION,
    "information-requests": Area.INFORMATION,
    "information-request": Area.INFORMATION,
    "information-request-answer": Area.INFORMATION,
    "information-request-withdraw": Area.INFORMATION,
    "rulebook": Area.RULEBOOK,
    # the privacy officer
    "privacy": Area.PRIVACY_OFFICE,
    "privacy-person": Area.PRIVACY_OFFICE,
    "privacy-person-erase": Area.PRIVACY_OFFICE,
    "privacy-report-pdf": Area.PRIVACY_OFFICE,
    "privacy-report-csv": Area.PRIVACY_OFFICE,
    "privacy-user": Area.PRIVACY_OFFICE,
    "privacy-person-restrict": Area.PRIVACY_OFFICE,
    "privacy-person-restriction-lift": Area.PRIVACY_OFFICE,
    "privacy-subject-request": Area.PRIVACY_OFFICE,
    "privacy-subject-request-extend": Area.PRIVACY_OFFICE,
    "privacy-subject-request-sent": Area.PRIVACY_OFFICE,
    "privacy-erasure-decide": Area.PRIVACY_OFFICE,
    "privacy-notices-seen": Area.PRIVACY_OFFICE,
    "privacy-notice": Area.PRIVACY_OFFICE,
    "privacy-informed": Area.PRIVACY_OFFICE,
    "privacy-breaches": Area.PRIVACY_OFFICE,
    "privacy-breach": Area.PRIVACY_OFFICE,
    "privacy-breach-notify": Area.PRIVACY_OFFICE,
    "privacy-documents": Area.PRIVACY_OFFICE,
    "privacy-document": Area.PRIVACY_OFFICE,
    # prevention, unsafety
    "preventive-requests": Area.PREVENTION,
    "preventive-request-new": Area.PREVENTION,
    "preventive-planning": Area.PREVENTION,
    "preventive-request": Area.PREVENTION,
    "preventive-decide": Area.PREVENTION,
    "preventive-add-info": Area.PREVENTION,
    "preventive-withdraw": Area.PREVENTION,
    "preventive-outcome": Area.PREVENTION,
    "unsafe-reports": Area.UNSAFETY,
    "unsafe-report-new": Area.UNSAFETY,
    "unsafe-report": Area.UNSAFETY,
    "unsafe-pick-up": Area.UNSAFETY,
    "unsafe-respond": Area.UNSAFETY,
    "unsafe-close": Area.UNSAFETY,
    "unsafe-withdraw": Area.UNSAFETY,
    # key figures
    "key-figures": Area.DIRECTORY,
    "key-figure-own": Area.DIRECTORY,
    "key-figure-edit": Area.DIRECTORY,
    # learning
    "activities": Area.LEARNING,
    "activity-new": Area.LEARNING,
    "my-calendar": Area.LEARNING,
    "activity": Area.LEARNING,
    "activity-register": Area.LEARNING,
    "activity-unregister": Area.LEARNING,
    "activity-attendance": Area.LEARNING,
    "activity-cancel": Area.LEARNING,
    "activity-ics": Area.LEARNING,
    "improper-call-discussions": Area.DISCUSSIONS,
    "improper-call-discussion": Area.DISCUSSIONS,
    "improper-call-discussion-update": Area.DISCUSSIONS,
    # agreements
    "agreements": Area.AGREEMENTS,
    "agreement-new": Area.AGREEMENTS,
    "agreement": Area.AGREEMENTS,
    "agreement-edit": Area.AGREEMENTS,
    "agreement-copy": Area.AGREEMENTS,
    "agreement-approve": Area.AGREEMENTS,
    "agreement-discard": Area.AGREEMENTS,
    "agreement-pdf": Area.AGREEMENTS,
    # monitoring
    "monitoring": Area.MONITORING,
    "comparison": Area.MONITORING,
    "infographic": Area.MONITORING,
    "factsheet": Area.MONITORING,
    "factsheet-pdf": Area.MONITORING,
    # capacity
    "simulation": Area.CAPACITY,
    "simulation-new": Area.CAPACITY,
    "simulation-scenario": Area.CAPACITY,
    "simulation-run-request": Area.CAPACITY,
    "simulation-run": Area.CAPACITY,
    "simulation-run-status": Area.CAPACITY,
    "simulation-compare": Area.CAPACITY,
    # the API: an organisation's systems do casework
    "api-schema": Area.OPEN,
    "api-situations": Area.CASEWORK,
    "api-situation": Area.CASEWORK,
    "api-situation-accept": Area.CASEWORK,
    "api-situation-fhir": Area.CASEWORK,
    # the organisation's webhooks: endpoints, their secrets (shown once) and the delivery log
    "webhooks": Area.INTEGRATIONS,
    "webhook": Area.INTEGRATIONS,
    "webhook-deactivate": Area.INTEGRATIONS,
    "api-bench-ping": Area.CASEWORK,  # only with config.settings_bench (make bench)
}


def landing_page(roles: frozenset[str]) -> str | None:
    """Where someone lands who does no casework: the first part of their work, by URL name."""
    areas = areas_for(roles)
    for area, url_name in ((Area.PRIVACY_OFFICE, "privacy"), (Area.MONITORING, "monitoring")):
        if area in areas:
            return url_name
    return None


def areas_for(roles: frozenset[str]) -> frozenset[Area]:
    granted: set[Area] = set()
    for role in roles:
        granted |= ROLE_AREAS.get(role, frozenset())
    return frozenset(granted)


# The situation page's actions: situations/urls.py makes one URL per action, named `situation-<action>`.
URL_PREFIX_AREAS: dict[str, Area] = {"situation-": Area.CASEWORK}


def area_of(url_name: str | None) -> Area | None:
    name = url_name or ""
    if name in URL_AREAS:
        return URL_AREAS[name]
    return next((area for prefix, area in URL_PREFIX_AREAS.items() if name.startswith(prefix)), None)


def may_use(roles: frozenset[str], url_name: str | None) -> bool:
    """May someone with these roles use the URL of this name? Unknown names are refused."""
    area = area_of(url_name)
    return area is not None and area in areas_for(roles)


class RoleMatrixMiddleware:
    """404 for a page outside the actor's areas. Runs after authentication; the admin and static files have rules of
    their own; anonymous users are sent to the login by the views themselves."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        match = request.resolver_match
        if match is None or match.namespace == "admin" or match.url_name in _API_NAMES:
            return  # the admin has its own rules; the API checks the matrix after token authentication
        actor = getattr(request, "actor", None)
        if not actor:
            if area_of(match.url_name) is None:
                raise Http404
            return
        if not may_use(actor.roles, match.url_name):
            raise Http404


_API_NAMES = frozenset(name for name in URL_AREAS if name.startswith("api-"))
