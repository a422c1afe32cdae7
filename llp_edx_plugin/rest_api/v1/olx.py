"""REST API v1: ``POST /api/v1/courses/import`` (an OLX course export, multipart ``file``)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ...courses import api as courses_api
from ...json_input import StrictMultiPartParser
from .base import LLPAPIView
from .permissions import actor_of


class CourseImportView(LLPAPIView):
    """201 ``{course_key, report}`` for an import or a re-import; 400 ``{"errors": {"file": [...]}}``."""

    parser_classes = [StrictMultiPartParser]

    @extend_schema(request={"multipart/form-data": {"type": "object", "properties": {"file": {"type": "string"}}}})
    def post(self, request: Request) -> Response:
        report = courses_api.import_olx(request.FILES.get("file"), actor=actor_of(request))
        return Response({"course_key": report.course_key, "report": report.as_json()}, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("courses/import", CourseImportView.as_view(), name="course-import"),
]
