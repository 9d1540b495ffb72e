from django.urls import path

from gipz.situations.views import board, detail, intake

urlpatterns = [
    path("", intake.home, name="home"),
    path("meldingen/", intake.situation_list, name="situations"),
    path("meldingen/nieuw/", intake.intake, name="intake"),
    path("meldingen/triage/", intake.triage_preview, name="triage-preview"),
    path("meldingen/<int:pk>/", detail.situation_detail, name="situation"),
    path("meldingen/<int:pk>/live/", detail.situation_live, name="situation-live"),
    path("meldingen/<int:pk>/vervolg/<int:follow_up_id>/", detail.follow_up_update, name="situation-follow-up-update"),
    *[
        path(f"meldingen/<int:pk>/{action}/", detail.act, {"action": action}, name=f"situation-{action}")
        for action in detail.ACTIONS
    ],
    path("bord/", board.board, name="board"),
    path("bord/live/", board.board_live, name="board-live"),
    path("meldingen/notificaties/gelezen/", board.notifications_read, name="notifications-read"),
]
