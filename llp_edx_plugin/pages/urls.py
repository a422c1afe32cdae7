"""Routes of the plugin's HTML pages (CONTRACT.md "Pages"); each area keeps its own ``urlpatterns``."""

from django.urls import include, path, register_converter

from ..keys import CourseKeyConverter, UsageKeyConverter
from . import course_settings_urls, courseware_urls, dashboard, profile_urls, progress_urls

register_converter(CourseKeyConverter, "course_key")
register_converter(UsageKeyConverter, "usage_key")

app_name = "pages"

urlpatterns = [
    path("dashboard", dashboard.dashboard, name="dashboard"),
    path("", include(course_settings_urls.urlpatterns)),
    path("", include(courseware_urls.urlpatterns)),
    path("", include(progress_urls.urlpatterns)),
    path("", include(profile_urls.urlpatterns)),
]
