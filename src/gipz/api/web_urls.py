from django.urls import path

from gipz.api import webhook_views

urlpatterns = [
    path("beheer/webhooks/", webhook_views.webhook_list, name="webhooks"),
    path("beheer/webhooks/<int:pk>/", webhook_views.webhook_detail, name="webhook"),
    path("beheer/webhooks/<int:pk>/uitschakelen/", webhook_views.webhook_deactivate, name="webhook-deactivate"),
]
