from django.urls import path

from gipz.prevention import views

urlpatterns = [
    path("preventief/", views.preventive_list, name="preventive-requests"),
    path("preventief/nieuw/", views.preventive_new, name="preventive-request-new"),
    path("preventief/planning/", views.preventive_planning, name="preventive-planning"),
    path("preventief/<int:pk>/", views.preventive_detail, name="preventive-request"),
    path("preventief/<int:pk>/besluit/", views.preventive_decide, name="preventive-decide"),
    path("preventief/<int:pk>/aanvulling/", views.preventive_add_info, name="preventive-add-info"),
    path("preventief/<int:pk>/intrekken/", views.preventive_withdraw, name="preventive-withdraw"),
    path("preventief/<int:pk>/uitkomst/", views.preventive_outcome, name="preventive-outcome"),
]
