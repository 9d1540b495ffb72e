from django.urls import path

from gipz.learning import views

urlpatterns = [
    path("leren/", views.activity_list, name="activities"),
    path("leren/nieuw/", views.activity_new, name="activity-new"),
    path("leren/mijn-agenda.ics", views.my_calendar, name="my-calendar"),
    path("leren/<int:pk>/", views.activity_detail, name="activity"),
    path("leren/<int:pk>/aanmelden/", views.activity_register, name="activity-register"),
    path("leren/<int:pk>/afmelden/", views.activity_unregister, name="activity-unregister"),
    path("leren/<int:pk>/aanwezigheid/", views.activity_attendance, name="activity-attendance"),
    path("leren/<int:pk>/annuleren/", views.activity_cancel, name="activity-cancel"),
    path("leren/<int:pk>/agenda.ics", views.activity_ics, name="activity-ics"),
    path("oneigenlijk-beroep/", views.discussion_list, name="improper-call-discussions"),
    path("oneigenlijk-beroep/<int:pk>/", views.discussion_detail, name="improper-call-discussion"),
    path("oneigenlijk-beroep/<int:pk>/bespreking/", views.discussion_update, name="improper-call-discussion-update"),
]
