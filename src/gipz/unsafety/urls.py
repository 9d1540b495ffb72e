from django.urls import path

from gipz.unsafety import views

urlpatterns = [
    path("onveilig/", views.unsafe_list, name="unsafe-reports"),
    path("onveilig/nieuw/", views.unsafe_new, name="unsafe-report-new"),
    path("onveilig/<int:pk>/", views.unsafe_detail, name="unsafe-report"),
    path("onveilig/<int:pk>/oppakken/", views.unsafe_pick_up, name="unsafe-pick-up"),
    path("onveilig/<int:pk>/reactie/", views.unsafe_respond, name="unsafe-respond"),
    path("onveilig/<int:pk>/afsluiten/", views.unsafe_close, name="unsafe-close"),
    path("onveilig/<int:pk>/intrekken/", views.unsafe_withdraw, name="unsafe-withdraw"),
]
