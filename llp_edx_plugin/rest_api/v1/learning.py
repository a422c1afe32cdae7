"""REST API v1: learning endpoints (CONTRACT.md "Learning")."""

from django.urls import re_path
from rest_framework.request import Request
from rest_framework.response import Response

from ...keys import CourseKeyConverter
from ...learning import api as learning_api
from .base import LLPAPIView
from .permissions import actor_of

# Filled by the certificates issue; the shape is the contract's.
CERTIFICATE_PLACEHOLDER = {
    "status": None,
    "message": None,
    "button": None,
    "card_link": False,
    "uuid": None,
    "download_url": None,
    "verify_url": None,
}


def certificate_part(user_id: int, course_key: str) -> dict:
    """The ``certificate`` object of the progress answer (a placeholder until certificates exist)."""
    return dict(CERTIFICATE_PLACEHOLDER)


class CourseProgressView(LLPAPIView):
    """``GET /api/v1/courses/{course_key}/progress[?username=]``.

    The caller's own progress, or with ``username`` a learner the caller may view (their course team, platform
    staff, an employee's Company Admin). 401 anonymous; 403 not allowed; 404 unknown course or user, or a
    learner not enrolled (also the caller themself).
    """

    def get(self, request: Request, course_key: str) -> Response:
        learner = learning_api.learner_for(actor_of(request), course_key, request.query_params.get("username"))
        progress = learning_api.get_progress(learner.user_id, course_key)
        body = {
            "course_key": progress.course_key,
            "username": learner.username,
            **progress.as_json(),
            "certificate": certificate_part(learner.user_id, progress.course_key),
        }
        return Response(body)


# re_path with the converter's regex: urls.py imports this module before it registers ``<course_key:>``.
urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/progress$",
        CourseProgressView.as_view(),
        name="course-progress",
    ),
]
