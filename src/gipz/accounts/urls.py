from django.contrib.auth import views as auth_views
from django.urls import path

from gipz.accounts import oidc_views, views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(extra_context={"identity_providers": oidc_views.providers_for_login}),
        name="login",
    ),
    path("login/organisatie/<int:organisation_id>/", oidc_views.oidc_login, name="oidc-login"),
    path("login/organisatie/terug/", oidc_views.oidc_callback, name="oidc-callback"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweede-factor/", views.second_factor_verify, name="second-factor"),
    path("tweede-factor/instellen/", views.second_factor_setup, name="second-factor-setup"),
]
