from django.urls import path

from gipz.agreements import views

urlpatterns = [
    path("werkafspraken/", views.agreement_list, name="agreements"),
    path("werkafspraken/nieuw/", views.agreement_new, name="agreement-new"),
    path("werkafspraken/<int:pk>/", views.agreement_detail, name="agreement"),
    path("werkafspraken/<int:pk>/bewerken/", views.agreement_edit, name="agreement-edit"),
    path("werkafspraken/<int:pk>/nieuwe-versie/", views.agreement_copy, name="agreement-copy"),
    path("werkafspraken/<int:pk>/vaststellen/", views.agreement_approve, name="agreement-approve"),
    path("werkafspraken/<int:pk>/laten-vervallen/", views.agreement_discard, name="agreement-discard"),
    path("werkafspraken/<int:pk>/werkafspraken.pdf", views.agreement_pdf_view, name="agreement-pdf"),
]
