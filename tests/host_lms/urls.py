"""Host URLs shaped like edx-platform's ``lms/urls.py``: the platform's own routes, then the plugins' patterns.

The host's ``/dashboard``, progress, instructor and XBlock handler routes answer ``host:<name>``, so a test
sees at once whose view answered.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from edx_django_utils.plugins import get_plugin_url_patterns


def host_view(name: str):
    def view(request, **kwargs):
        return HttpResponse(f"host:{name}", content_type="text/plain")

    return view


COURSE = settings.COURSE_ID_PATTERN
urlpatterns = [
    path("login", host_view("login"), name="signin_user"),
    path("dashboard", host_view("dashboard"), name="dashboard"),
    re_path(rf"^courses/{COURSE}/progress$", host_view("progress"), name="progress"),
    re_path(rf"^courses/{COURSE}/instructor$", host_view("instructor"), name="instructor_dashboard"),
    re_path(
        rf"^courses/{COURSE}/xblock/{settings.USAGE_ID_PATTERN}/handler/(?P<handler>[^/]*)(?:/(?P<suffix>.*))?$",
        host_view("xblock_handler"),
        name="xblock_handler",
    ),
]
urlpatterns.extend(get_plugin_url_patterns(settings.PROJECT))
