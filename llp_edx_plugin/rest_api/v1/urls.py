"""Routes of the REST API v1 (CONTRACT.md)."""

from django.urls import path, register_converter
from drf_spectacular.views import SpectacularAPIView

from ...keys import CourseKeyConverter, UsageKeyConverter
from .auth import TokenView

register_converter(CourseKeyConverter, "course_key")
register_converter(UsageKeyConverter, "usage_key")

app_name = "api_v1"

urlpatterns = [
    path("auth/token", TokenView.as_view(), name="auth-token"),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
]
