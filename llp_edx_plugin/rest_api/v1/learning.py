"""REST API v1: learning endpoints (CONTRACT.md "Learning")."""

from django.urls import re_path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ...certificates import api as certificates_api
from ...courses import api as courses_api
from ...keys import CourseKeyConverter
from ...learning import api as learning_api
from . import serializers as s
from .base import LLPAPIView
from .permissions import actor_of
from .schema import COURSE_KEY, ProgressDocOut, errors, query


class CourseProgressView(LLPAPIView):
    """``GET /api/v1/courses/{course_key}/progress[?username=]``.

    The caller's own progress, or with ``username`` a learner the caller may view (their course team, platform
    staff, an employee's Company Admin). 401 anonymous; 403 not allowed; 404 unknown course or user, or a
    learner not enrolled (also the caller themself).
    """

    @extend_schema(
        parameters=[COURSE_KEY, query("username", "A learner the caller may view (default: the caller).")],
        responses={200: ProgressDocOut, **errors(401, 403, 404)},
    )
    def get(self, request: Request, course_key: str) -> Response:
        actor = actor_of(request)
        learner = learning_api.learner_for(actor, course_key, request.query_params.get("username"))
        course = courses_api.get_course(course_key)
        progress = learning_api.progress_in(learner.user_id, course)
        box = certificates_api.certificate_box_in(learner.user_id, course, qualified=progress.qualified)
        return Response(s.ProgressOut({"learner": learner, "progress": progress, "box": box}).data)


# re_path with the converter's regex: urls.py imports this module before it registers ``<course_key:>``.
urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/progress$",
        CourseProgressView.as_view(),
        name="course-progress",
    ),
]
