"""Page routes: profile."""

from django.urls import path

from . import profile

urlpatterns = [
    path("profile/settings", profile.profile_settings, name="profile-settings"),
]
