"""REST API v1: jobs endpoints (``GET /api/v1/jobs/{id}``: the progress pages poll)."""

from typing import Any

from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts import api as accounts_api
from ...accounts.data import Actor
from ...errors import Forbidden
from ...jobs import api as jobs_api
from ...jobs.data import JobData
from .base import LLPAPIView
from .permissions import actor_of


def can_view_job(actor: Actor, *, requested_by_id: int | None, course_key: str | None) -> bool:
    """The requester, the course team of the job's course, and platform staff."""
    if not actor.is_authenticated:
        return False
    if actor.is_platform_staff or (requested_by_id is not None and actor.user_id == requested_by_id):
        return True
    return course_key is not None and accounts_api.permissions.is_course_team(actor, course_key)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def job_payload(job: JobData) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "course_key": job.course_key,
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "result": job.result,
        "created": _iso(job.created),
        "started": _iso(job.started),
        "finished": _iso(job.finished),
    }


class JobView(LLPAPIView):
    """A job's status and progress counters."""

    def get(self, request: Request, job_id: int) -> Response:
        job = jobs_api.get_job(job_id)
        if not can_view_job(actor_of(request), requested_by_id=job.requested_by_id, course_key=job.course_key):
            raise Forbidden("You may not view this job.")
        return Response(job_payload(job))


urlpatterns = [
    path("jobs/<int:job_id>", JobView.as_view(), name="job"),
]
