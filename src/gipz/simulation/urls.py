from django.urls import path

from gipz.simulation import views

urlpatterns = [
    path("capaciteit/", views.overview, name="simulation"),
    path("capaciteit/nieuw/", views.scenario_new, name="simulation-new"),
    path("capaciteit/scenario/<int:pk>/", views.scenario_detail, name="simulation-scenario"),
    path("capaciteit/scenario/<int:pk>/doorrekenen/", views.run_request, name="simulation-run-request"),
    path("capaciteit/berekening/<int:pk>/", views.run_detail, name="simulation-run"),
    path("capaciteit/berekening/<int:pk>/status/", views.run_status, name="simulation-run-status"),
    path("capaciteit/vergelijk/", views.compare, name="simulation-compare"),
]
