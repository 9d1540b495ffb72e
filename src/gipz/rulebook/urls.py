from django.urls import path

from gipz.rulebook import views

urlpatterns = [
    path("regelboek/", views.rulebook_page, name="rulebook"),
]
