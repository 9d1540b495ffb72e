from django.urls import path

from gipz.privacy.views import breach, documents, officer, persons, requests, rights, warnings

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
    path("privacy/", officer.officer_home, name="privacy"),
    path("privacy/betrokkene/<int:person_id>/", officer.officer_person, name="privacy-person"),
    path("privacy/betrokkene/<int:person_id>/wissen/", rights.person_erase_view, name="privacy-person-erase"),
    path("privacy/betrokkene/<int:person_id>/beperken/", rights.person_restrict_view, name="privacy-person-restrict"),
    path(
        "privacy/betrokkene/<int:person_id>/beperking-opheffen/",
        rights.person_restriction_lift_view,
        name="privacy-person-restriction-lift",
    ),
    path("privacy/betrokkene/<int:person_id>/verzoek/", rights.subject_request_new, name="privacy-subject-request"),
    path(
        "privacy/betrokkene/<int:person_id>/verzoek/<int:request_id>/verlengen/",
        rights.subject_request_extend_view,
        name="privacy-subject-request-extend",
    ),
    path(
        "privacy/betrokkene/<int:person_id>/verzoek/<int:request_id>/verzonden/",
        rights.subject_request_sent_view,
        name="privacy-subject-request-sent",
    ),
    path("privacy/wissen/<int:approval_id>/", rights.erasure_decide_view, name="privacy-erasure-decide"),
    path("privacy/berichten/gelezen/", rights.notices_seen_view, name="privacy-notices-seen"),
    path("privacy/berichten/<int:notice_id>/", breach.notice_detail, name="privacy-notice"),
    path("privacy/informeren/<str:kind>/<int:pk>/", rights.informing_view, name="privacy-informed"),
    path("privacy/datalekken/", breach.breach_list, name="privacy-breaches"),
    path("privacy/datalekken/<int:breach_id>/", breach.breach_detail, name="privacy-breach"),
    path("privacy/datalekken/<int:breach_id>/melden/", breach.breach_notify_view, name="privacy-breach-notify"),
    path("privacy/documenten/", documents.documents_page, name="privacy-documents"),
    path("privacy/documenten/<str:name>.md", documents.document_download, name="privacy-document"),
    path("privacy/betrokkene/<int:person_id>/inzage.pdf", officer.officer_report_pdf, name="privacy-report-pdf"),
    path("privacy/betrokkene/<int:person_id>/inzage.csv", officer.officer_report_csv, name="privacy-report-csv"),
    path("privacy/gebruiker/<int:user_id>/", officer.officer_user, name="privacy-user"),
]
