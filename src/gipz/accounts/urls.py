from django.contrib.auth import views as auth_views
from django.urls import path

from gipz.accounts import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweede-factor/", views.second_factor_verify, name="second-factor"),
    path("tweede-factor/instellen/", views.second_factor_setup, name="second-factor-setup"),
]
