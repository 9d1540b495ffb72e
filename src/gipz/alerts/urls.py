from django.urls import path

from gipz.alerts import views

urlpatterns = [
    path("alarmering/", views.alert_settings, name="alert-settings"),
    path("alarmering/push/", views.push_subscribe, name="alert-push-subscribe"),
    path("alarmering/push/<int:subscription_id>/verwijderen/", views.push_unsubscribe, name="alert-push-remove"),
    path("alarmering/test/", views.alert_test, name="alert-test"),
]
