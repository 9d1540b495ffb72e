from django.urls import path

from gipz.monitoring import views

urlpatterns = [
    path("monitoring/", views.factsheet_index, name="monitoring"),
    path("monitoring/vergelijking/<int:year>/", views.comparison_page, name="comparison"),
    path("monitoring/regio/<int:year>/", views.infographic_page, name="infographic"),
    path("monitoring/gemeente/<str:code>/<int:year>/", views.factsheet_page, name="factsheet"),
    path("monitoring/gemeente/<str:code>/<int:year>/factsheet.pdf", views.factsheet_pdf, name="factsheet-pdf"),
]
