"""REST API v1: the course team resets a learner's attempts on a problem or quiz (CONTRACT.md "Instructor
Dashboard"). ``POST /api/v1/courses/{course_key}/attempts/reset`` ``{username, usage_key}`` -> 200 with the
reset as the history records it.
"""

from django.urls import re_path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts.api import permissions
from ...courses import api as courses_api
from ...errors import FieldErrors, Forbidden, NotFound
from ...json_input import StrictJSONParser
from ...keys import CourseKeyConverter
from ...learning import api as learning_api
from .base import LLPAPIView
from .permissions import actor_of
from .schema import COURSE_KEY, AttemptResetIn, AttemptResetOut, errors


class AttemptResetView(LLPAPIView):
    parser_classes = [StrictJSONParser]

    @extend_schema(
        parameters=[COURSE_KEY],
        request=AttemptResetIn,
        responses={200: AttemptResetOut, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, course_key: str) -> Response:
        if not courses_api.course_exists(course_key):
            raise NotFound(f"Unknown course '{course_key}'")
        actor = actor_of(request)
        if not permissions.is_course_team(actor, course_key):
            raise Forbidden("Only the course team may reset a learner's attempts.")
        if not isinstance(request.data, dict):
            raise FieldErrors({"username": ["This field is required."], "usage_key": ["This field is required."]})
        reset = learning_api.reset_attempts(
            course_key, request.data.get("username"), request.data.get("usage_key"), actor_id=actor.user_id
        )
        return Response(reset.as_json())


# The converter's regex: this module is imported before urls.py registers the converters. A key that matches
# but does not parse is an unknown course (404) in the view.
urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/attempts/reset$",
        AttemptResetView.as_view(),
        name="attempts-reset",
    ),
]
