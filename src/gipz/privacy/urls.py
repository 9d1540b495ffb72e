from django.urls import path

from gipz.privacy.views import officer, persons, requests, rulebook, warnings

urlpatterns = [
    path("meldingen/<int:pk>/betrokkene/", persons.person_edit, name="person-edit"),
    path("meldingen/<int:pk>/informatieverzoek/", requests.request_new, name="information-request-new"),
    path("meldingen/<int:pk>/waarschuwing/", warnings.warning_new, name="own-initiative-warning-new"),
    path("informatieverzoeken/", requests.request_list, name="information-requests"),
    path("informatieverzoeken/<int:request_id>/", requests.request_detail, name="information-request"),
    path(
        "informatieverzoeken/<int:request_id>/beantwoorden/",
        requests.request_answer,
        name="information-request-answer",
    ),
    path(
        "informatieverzoeken/<int:request_id>/intrekken/",
        requests.request_withdraw,
        name="information-request-withdraw",
    ),
    path("regelboek/", rulebook.rulebook_page, name="rulebook"),
    path("privacy/", officer.officer_home, name="privacy"),
    path("privacy/betrokkene/<int:person_id>/", officer.officer_person, name="privacy-person"),
    path("privacy/betrokkene/<int:person_id>/wissen/", officer.officer_person_erase, name="privacy-person-erase"),
    path("privacy/betrokkene/<int:person_id>/inzage.pdf", officer.officer_report_pdf, name="privacy-report-pdf"),
    path("privacy/betrokkene/<int:person_id>/inzage.csv", officer.officer_report_csv, name="privacy-report-csv"),
    path("privacy/gebruiker/<int:user_id>/", officer.officer_user, name="privacy-user"),
]
