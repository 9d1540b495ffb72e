from django.contrib import admin
from django.urls import include, path

from gipz.core import health, webapp

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("manifest.webmanifest", webapp.manifest, name="webapp-manifest"),
    path("sw.js", webapp.service_worker, name="webapp-service-worker"),
    path("offline/", webapp.offline, name="offline"),
    path("live/events/", webapp.live_events, name="live-events"),
    path("api/", include("gipz.api.urls")),
    path("", include("gipz.api.web_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("gipz.accounts.urls")),
    path("", include("gipz.alerts.urls")),
    path("", include("gipz.situations.urls")),
    path("", include("gipz.simulation.urls")),
    path("", include("gipz.rulebook.urls")),
    path("", include("gipz.privacy.urls")),
    path("", include("gipz.monitoring.urls")),
    path("", include("gipz.agreements.urls")),
    path("", include("gipz.prevention.urls")),
    path("", include("gipz.unsafety.urls")),
    path("", include("gipz.keyfigures.urls")),
    path("", include("gipz.learning.urls")),
]

handler500 = "gipz.core.failure.server_error"
