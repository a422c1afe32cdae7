"""Routes of the REST API v1 (CONTRACT.md); each area keeps its own ``urlpatterns`` module."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView

from ... import (
    keys,  # noqa: F401 - registers the course_key/usage_key path converters
    links,
)
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


class SchemaView(SpectacularAPIView):
    """The plugin's own routes only (inside Open edX the site's URLconf is the whole LMS), with the paths they
    are served at: ``/llp/api/v1/...`` under the platform's prefix (ADR 0039), ``/api/v1/...`` standalone."""

    urlconf = "llp_edx_plugin.urls"

    @extend_schema(**SCHEMA_KWARGS)
    def get(self, request, *args, **kwargs):
        mounted_at = links.url("api_v1:auth-token").removesuffix("/api/v1/auth/token")
        self.custom_settings = {"SCHEMA_PATH_PREFIX_INSERT": mounted_at} if mounted_at else None
        return super().get(request, *args, **kwargs)


urlpatterns = [
    path("auth/token", TokenView.as_view(), name="auth-token"),
    path("schema", SchemaView.as_view(), name="schema"),
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
