"""REST API v1: a course's Advanced Settings (``GET|PATCH /api/v1/courses/{course_key}/settings``)."""

from django.urls import re_path
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...courses import api as courses_api
from ...json_input import StrictJSONParser
from ...keys import CourseKeyConverter
from .base import LLPAPIView
from .permissions import IsCourseTeam
from .schema import COURSE_KEY, CourseSettingsOut, CourseSettingsUpdatedOut, errors


@extend_schema(parameters=[COURSE_KEY])
class CourseSettingsView(LLPAPIView):
    """The course team (instructors and staff of the course) and platform staff read and change settings.

    The settings' own validation (pure, with field errors) is the courses domain's (ADR 0005); its answer is
    already the contract's JSON.
    """

    parser_classes = [StrictJSONParser]
    permission_classes = [IsAuthenticated, IsCourseTeam]

    @extend_schema(responses={200: CourseSettingsOut, **errors(401, 403, 404)})
    def get(self, request: Request, course_key: str) -> Response:
        return Response(courses_api.get_advanced_settings(self.course.course_key))

    @extend_schema(
        request=CourseSettingsOut(partial=True),
        description="A partial update: only the settings sent change; the answer is the full settings plus"
        " ``warnings``.",
        responses={200: CourseSettingsUpdatedOut, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, course_key: str) -> Response:
        return Response(courses_api.update_advanced_settings(self.course.course_key, request.data))


# The converter's regex rather than ``<course_key:...>``: this module is imported before urls.py registers
# the converter. A key that matches but does not parse is an unknown course (404) in the view.
urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/settings$",
        CourseSettingsView.as_view(),
        name="course-settings",
    ),
]
