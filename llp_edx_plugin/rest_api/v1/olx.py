"""REST API v1: ``POST /api/v1/courses/import`` (an OLX course export, multipart ``file``)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...courses import api as courses_api
from ...json_input import StrictMultiPartParser
from .base import LLPAPIView
from .permissions import actor_of
from .schema import CourseImportIn, CourseImportOut, errors


class MayAttemptImport(BasePermission):
    """Checked before the view touches ``request.FILES``: a caller who may not import sends no byte to a parser."""

    message = "Only platform staff and course teams may import a course."

    def has_permission(self, request: Request, view) -> bool:
        return courses_api.may_attempt_import(actor_of(request))


class CourseImportView(LLPAPIView):
    """201 ``{course_key, report}`` for an import or a re-import; 400 ``{"errors": {"file": [...]}}``."""

    parser_classes = [StrictMultiPartParser]
    permission_classes = [IsAuthenticated, MayAttemptImport]

    @extend_schema(
        request={"multipart/form-data": CourseImportIn},
        responses={201: CourseImportOut, **errors(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        report = courses_api.import_olx(request.FILES.get("file"), actor=actor_of(request))
        return Response({"course_key": report.course_key, "report": report.as_json()}, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("courses/import", CourseImportView.as_view(), name="course-import"),
]
