from django.urls import path

from gipz.keyfigures import views

urlpatterns = [
    path("sleutelfiguren/", views.directory, name="key-figures"),
    path("sleutelfiguren/mijn-gegevens/", views.own_entry, name="key-figure-own"),
    path("sleutelfiguren/<int:pk>/bewerken/", views.entry_edit, name="key-figure-edit"),
    path("meldingen/<int:pk>/consult/", views.consult_new, name="consult-new"),
    path("consulten/", views.consult_list, name="consults"),
    path("consulten/<int:pk>/", views.consult_detail, name="consult"),
    path("consulten/<int:pk>/uitkomst/", views.consult_answer, name="consult-answer"),
    path("consulten/<int:pk>/afwijzen/", views.consult_decline, name="consult-decline"),
]
