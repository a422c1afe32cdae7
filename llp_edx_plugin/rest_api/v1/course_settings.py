"""REST API v1: a course's Advanced Settings (``GET|PATCH /api/v1/courses/{course_key}/settings``)."""

from django.urls import re_path
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts.api import permissions
from ...courses import api as courses_api
from ...errors import Forbidden, NotFound
from ...json_input import StrictJSONParser
from ...keys import CourseKeyConverter
from .base import LLPAPIView
from .permissions import actor_of


class CourseSettingsView(LLPAPIView):
    """The course team (instructors and staff of the course) and platform staff read and change settings."""

    parser_classes = [StrictJSONParser]

    def _check(self, request: Request, course_key: str) -> None:
        if not courses_api.course_exists(course_key):
            raise NotFound(f"Unknown course '{course_key}'")
        if not permissions.is_course_team(actor_of(request), course_key):
            raise Forbidden("Only the course team may see or change the course settings.")

    def get(self, request: Request, course_key: str) -> Response:
        self._check(request, course_key)
        return Response(courses_api.get_advanced_settings(course_key))

    def patch(self, request: Request, course_key: str) -> Response:
        self._check(request, course_key)
        return Response(courses_api.update_advanced_settings(course_key, request.data))


# The converter's regex rather than ``<course_key:...>``: this module is imported before urls.py registers
# the converter. A key that matches but does not parse is an unknown course (404) in the view.
urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/settings$",
        CourseSettingsView.as_view(),
        name="course-settings",
    ),
]
