from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from gipz.api import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/situations/", views.SituationListCreate.as_view(), name="api-situations"),
    path("v1/situations/<str:reference>/", views.SituationDetail.as_view(), name="api-situation"),
    path("v1/situations/<str:reference>/accept/", views.SituationAccept.as_view(), name="api-situation-accept"),
    path("v1/situations/<str:reference>/fhir/", views.SituationFhir.as_view(), name="api-situation-fhir"),
]
