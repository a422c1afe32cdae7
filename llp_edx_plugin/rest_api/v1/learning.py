"""REST API v1: learning endpoints (CONTRACT.md "Learning")."""

from django.urls import re_path
from rest_framework.request import Request
from rest_framework.response import Response

from ...certificates import api as certificates_api
from ...keys import CourseKeyConverter
from ...learning import api as learning_api
from .base import LLPAPIView
from .permissions import actor_of


def certificate_part(user_id: int, course_key: str, *, qualified: bool) -> dict:
    """The ``certificate`` object of the progress answer (DESIGN.md §5 through certificates.api)."""
    box = certificates_api.certificate_box(user_id, course_key, qualified=qualified)
    return {
        "status": box.status,
        "message": box.message,
        "button": box.button,
        "card_link": box.card_link,
        "uuid": box.uuid,
        "download_url": f"/certificates/{box.uuid}/download" if box.button == "download" else None,
        "verify_url": certificates_api.verify_url(box.uuid) if box.uuid else None,
        "show_requirements": box.show_requirements,
    }


class CourseProgressView(LLPAPIView):
    """``GET /api/v1/courses/{course_key}/progress[?username=]``.

    The caller's own progress, or with ``username`` a learner the caller may view (their course team, platform
    staff, an employee's Company Admin). 401 anonymous; 403 not allowed; 404 unknown course or user, or a
    learner not enrolled (also the caller themself).
    """

    def get(self, request: Request, course_key: str) -> Response:
        actor = actor_of(request)
        learner = learning_api.learner_for(actor, course_key, request.query_params.get("username"))
        progress = learning_api.get_progress(learner.user_id, course_key)
        body = {
            "course_key": progress.course_key,
            "username": learner.username,
            **progress.as_json(),
            "certificate": certificate_part(learner.user_id, progress.course_key, qualified=progress.qualified),
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
