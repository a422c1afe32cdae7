"""Routes of the REST API v1 (CONTRACT.md); each area keeps its own ``urlpatterns`` module."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from ... import keys  # noqa: F401 - registers the course_key/usage_key path converters
from . import (
    accounts,
    attempts,
    certificates,
    company,
    course_settings,
    courses,
    events,
    instructor,
    jobs,
    learning,
    olx,
    programs,
    reports,
    support,
    videos,
)
from .auth import TokenView

app_name = "api_v1"

urlpatterns = [
    path("auth/token", TokenView.as_view(), name="auth-token"),
    # The plugin's own routes only: inside Open edX the site's URLconf is the whole LMS.
    path("schema", SpectacularAPIView.as_view(urlconf="llp_edx_plugin.urls"), name="schema"),
    path("", include(accounts.urlpatterns)),
    path("", include(olx.urlpatterns)),
    path("", include(courses.urlpatterns)),
    path("", include(course_settings.urlpatterns)),
    path("", include(videos.urlpatterns)),
    path("", include(attempts.urlpatterns)),
    path("", include(learning.urlpatterns)),
    path("", include(jobs.urlpatterns)),
    path("", include(events.urlpatterns)),
    path("", include(instructor.urlpatterns)),  # before certificates: it adds DELETE to a certificate's route
    path("", include(certificates.urlpatterns)),
    path("", include(company.urlpatterns)),
    path("", include(programs.urlpatterns)),
    path("", include(reports.urlpatterns)),
    path("", include(support.urlpatterns)),
]
