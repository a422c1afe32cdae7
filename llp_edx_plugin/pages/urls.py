"""Routes of the plugin's HTML pages (CONTRACT.md "Pages"); each area keeps its own ``urlpatterns``."""

from django.urls import include, path

from .. import keys  # noqa: F401 - registers the course_key/usage_key path converters
from . import (
    attendance_urls,
    certificates_urls,
    course_settings_urls,
    courseware_urls,
    dashboard,
    profile_urls,
    progress_urls,
)

app_name = "pages"

urlpatterns = [
    path("dashboard", dashboard.dashboard, name="dashboard"),
    path("", include(course_settings_urls.urlpatterns)),
    path("", include(courseware_urls.urlpatterns)),
    path("", include(progress_urls.urlpatterns)),
    path("", include(profile_urls.urlpatterns)),
    path("", include(certificates_urls.urlpatterns)),
    path("", include(attendance_urls.urlpatterns)),
]
