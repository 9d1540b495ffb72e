from django.urls import path

from gipz.situations.views import board, detail, intake

urlpatterns = [
    path("", intake.home, name="home"),
    path("meldingen/", intake.situation_list, name="situations"),
    path("meldingen/nieuw/", intake.intake, name="intake"),
    path("meldingen/triage/", intake.triage_preview, name="triage-preview"),
    path("meldingen/<int:pk>/", detail.situation_detail, name="situation"),
    path("meldingen/<int:pk>/live/", detail.situation_live, name="situation-live"),
    path("meldingen/<int:pk>/accepteren/", detail.accept, name="situation-accept"),
    path("meldingen/<int:pk>/onderweg/", detail.en_route, name="situation-en-route"),
    path("meldingen/<int:pk>/ter-plaatse/", detail.on_site, name="situation-on-site"),
    path("meldingen/<int:pk>/overdracht/", detail.handover, name="situation-handover"),
    path("meldingen/<int:pk>/overdracht/bevestigen/", detail.confirm_handover, name="situation-confirm-handover"),
    path("meldingen/<int:pk>/vervolg/", detail.follow_up_add, name="situation-follow-up"),
    path("meldingen/<int:pk>/vervolg/<int:follow_up_id>/", detail.follow_up_update, name="situation-follow-up-update"),
    path("meldingen/<int:pk>/afsluiten/", detail.close, name="situation-close"),
    path("meldingen/<int:pk>/annuleren/", detail.cancel, name="situation-cancel"),
    path("meldingen/<int:pk>/crisisdienst/", detail.request_crisis, name="situation-request-crisis"),
    path("meldingen/<int:pk>/nabespreking/", detail.evaluate, name="situation-evaluate"),
    path("bord/", board.board, name="board"),
    path("bord/live/", board.board_live, name="board-live"),
    path("meldingen/notificaties/gelezen/", board.notifications_read, name="notifications-read"),
]
