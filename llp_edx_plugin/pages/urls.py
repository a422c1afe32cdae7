"""Routes of the plugin's HTML pages (CONTRACT.md "Pages")."""

from django.urls import path, register_converter

from ..keys import CourseKeyConverter, UsageKeyConverter
from . import dashboard

register_converter(CourseKeyConverter, "course_key")
register_converter(UsageKeyConverter, "usage_key")

app_name = "pages"

urlpatterns = [
    path("dashboard", dashboard.dashboard, name="dashboard"),
]
