"""REST API v1: jobs endpoints (``GET /api/v1/jobs/{id}``: the progress pages poll)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...jobs import api as jobs_api
from . import serializers as s
from .base import LLPAPIView
from .permissions import CanViewJob
from .schema import errors


class JobView(LLPAPIView):
    """A job's status and progress counters: its requester, its course's team, platform staff."""

    permission_classes = [IsAuthenticated, CanViewJob]

    @extend_schema(responses={200: s.JobOut, **errors(401, 403, 404)})
    def get(self, request: Request, job_id: int) -> Response:
        job = jobs_api.get_job(job_id)
        self.check_object_permissions(request, job)
        return Response(s.JobOut(job).data)


urlpatterns = [
    path("jobs/<int:job_id>", JobView.as_view(), name="job"),
]
