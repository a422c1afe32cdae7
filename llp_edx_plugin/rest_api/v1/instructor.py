"""REST API v1: the Instructor Dashboard's Certificates tab (CONTRACT.md "Instructor Dashboard"), course team only.

Every course view first finds the course (404 when unknown), then checks the caller is on its team (403):
``IsCourseTeam``, which leaves the course on ``self.course``; then it parses the input (400 with field errors)
and calls the instructor or certificates api once.
"""

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ... import keys  # noqa: F401 - registers the course_key path converter
from ...certificates import api as certificates_api
from ...instructor import api as instructor_api
from ...json_input import StrictFormParser, StrictMultiPartParser
from . import serializers as s
from .base import LLPAPIView
from .certificates import CertificateDetailView, CertificatesFeatureMixin
from .permissions import CanManageCertificate, IsCourseTeam
from .schema import COURSE_KEY, binary, errors, paged, query

NO_CONTENT = {204: OpenApiResponse(description="Done; no body.")}
_USERNAME = query("username", "The learner (username or e-mail address); or ``{username}`` in a JSON body.")


class CourseTeamView(CertificatesFeatureMixin, LLPAPIView):
    """A Certificates tab endpoint of one course: its team only."""

    permission_classes = [IsAuthenticated, IsCourseTeam]

    @property
    def course_key(self) -> str:
        return self.course.course_key


class ExamplesView(CourseTeamView):
    """``POST /courses/{key}/certificates/examples`` → 201 ``{status, error, preview_url}``."""

    @extend_schema(
        parameters=[COURSE_KEY], request=None, responses={201: s.ExampleOut, **errors(400, 401, 403, 404, 409)}
    )
    def post(self, request: Request, course_key: str) -> Response:
        example = instructor_api.generate_examples(self.course_key, request.user.pk)
        return Response(s.ExampleOut(example).data, status=status.HTTP_201_CREATED)


class ExamplePreviewView(CourseTeamView):
    """``GET /courses/{key}/certificates/examples/{job_id}/preview[?index=]``: the example PDF."""

    @extend_schema(
        parameters=[COURSE_KEY, query("index", "Which example of the run (from 0).", OpenApiTypes.INT)],
        responses={**binary("application/pdf", "The example certificate PDF."), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, course_key: str, job_id: int) -> HttpResponse:
        index = s.parse(s.PreviewQuery, request.query_params)["index"]
        pdf = instructor_api.example_pdf(self.course_key, job_id, index)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="example-certificate-{job_id}-{index}.pdf"'
        return response


class ActivationView(CourseTeamView):
    """``GET|PUT /courses/{key}/certificates/activation`` ``{active}`` → 200; 400 while no example succeeded."""

    @extend_schema(parameters=[COURSE_KEY], responses={200: s.CertificateSettingsOut, **errors(401, 403, 404)})
    def get(self, request: Request, course_key: str) -> Response:
        return Response(s.CertificateSettingsOut(instructor_api.certificate_settings(self.course_key)).data)

    @extend_schema(
        parameters=[COURSE_KEY],
        request=s.ActiveIn,
        responses={200: s.CertificateSettingsOut, **errors(400, 401, 403, 404)},
    )
    def put(self, request: Request, course_key: str) -> Response:
        active = s.parse(s.ActiveIn, request.data)["active"]
        return Response(s.CertificateSettingsOut(instructor_api.set_activation(self.course_key, active)).data)


class LearnerGenerationView(CourseTeamView):
    """``GET|PUT /courses/{key}/certificates/learner-generation`` ``{enabled}`` → 200 (instructor-paced)."""

    @extend_schema(parameters=[COURSE_KEY], responses={200: s.CertificateSettingsOut, **errors(401, 403, 404)})
    def get(self, request: Request, course_key: str) -> Response:
        return Response(s.CertificateSettingsOut(instructor_api.certificate_settings(self.course_key)).data)

    @extend_schema(
        parameters=[COURSE_KEY],
        request=s.EnabledIn,
        responses={200: s.CertificateSettingsOut, **errors(400, 401, 403, 404)},
    )
    def put(self, request: Request, course_key: str) -> Response:
        enabled = s.parse(s.EnabledIn, request.data)["enabled"]
        return Response(s.CertificateSettingsOut(instructor_api.set_learner_generation(self.course_key, enabled)).data)


class GenerateView(CourseTeamView):
    """``POST /courses/{key}/certificates/generate`` ``{statuses?}`` → 202 ``{job_id, job_url}``; 409 while one runs."""

    @extend_schema(
        parameters=[COURSE_KEY],
        request=s.GenerateIn,
        responses={202: s.GenerationAcceptedOut, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, course_key: str) -> Response:
        statuses = s.parse(s.GenerateIn, request.data).get("statuses") or None
        job = instructor_api.start_generation(self.course_key, request.user.pk, statuses)
        warning = instructor_api.REGENERATION_WARNING if statuses else None
        return Response(
            s.GenerationAcceptedOut(job, context={"warning": warning}).data, status=status.HTTP_202_ACCEPTED
        )


class HistoryView(CourseTeamView):
    """``GET /courses/{key}/certificates/history`` → generation runs, newest first (the latest 20), in pages."""

    @paged(s.GenerationRunOut, parameters=[COURSE_KEY], error_codes=(400, 401, 403, 404))
    def get(self, request: Request, course_key: str) -> Response:
        return self.list_response(instructor_api.generation_history(self.course_key), s.GenerationRunOut)


class ExceptionsView(CourseTeamView):
    """``GET|POST|DELETE /courses/{key}/certificates/exceptions`` ``{username, notes}`` (the allowlist)."""

    @paged(s.ExceptionOut, parameters=[COURSE_KEY], error_codes=(400, 401, 403, 404))
    def get(self, request: Request, course_key: str) -> Response:
        return self.list_response(certificates_api.list_exceptions(self.course_key), s.ExceptionOut)

    @extend_schema(
        parameters=[COURSE_KEY],
        request=s.LearnerNoteIn,
        responses={201: s.ExceptionOut, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, course_key: str) -> Response:
        data = s.parse(s.LearnerNoteIn, request.data)
        added = certificates_api.add_exception(
            self.course_key, data["username"], data["notes"], actor_id=request.user.pk
        )
        return Response(s.ExceptionOut(added).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[COURSE_KEY, _USERNAME], responses={**NO_CONTENT, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, course_key: str) -> Response:
        username = s.parse(s.UsernameIn, request.data or request.query_params)["username"]
        certificates_api.remove_exception(self.course_key, username)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExceptionsCsvView(CourseTeamView):
    """``POST /courses/{key}/certificates/exceptions/csv`` multipart ``file`` (username_or_email,notes rows)."""

    parser_classes = [StrictMultiPartParser, StrictFormParser]

    @extend_schema(
        parameters=[COURSE_KEY],
        request={"multipart/form-data": s.CsvUploadIn},
        responses={200: s.CsvImportOut, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, course_key: str) -> Response:
        text = s.parse(s.CsvUploadIn, request.data)["file"]
        results = certificates_api.import_exceptions_csv(self.course_key, text, actor_id=request.user.pk)
        return Response(s.CsvImportOut(results).data)


class InvalidationsView(CourseTeamView):
    """``GET|POST|DELETE /courses/{key}/certificates/invalidations`` ``{username, notes}``."""

    @paged(s.InvalidationOut, parameters=[COURSE_KEY], error_codes=(400, 401, 403, 404))
    def get(self, request: Request, course_key: str) -> Response:
        return self.list_response(certificates_api.list_invalidations(self.course_key), s.InvalidationOut)

    @extend_schema(
        parameters=[COURSE_KEY],
        request=s.LearnerNoteIn,
        responses={201: s.InvalidationOut, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, course_key: str) -> Response:
        data = s.parse(s.LearnerNoteIn, request.data)
        row = certificates_api.invalidate(self.course_key, data["username"], data["notes"], actor_id=request.user.pk)
        return Response(s.InvalidationOut(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[COURSE_KEY, _USERNAME], responses={**NO_CONTENT, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, course_key: str) -> Response:
        username = s.parse(s.UsernameIn, request.data or request.query_params)["username"]
        certificates_api.revalidate(self.course_key, username, actor_id=request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CertificateView(CertificateDetailView):
    """``GET|DELETE /certificates/{uuid}``: the detail of rest_api.v1.certificates, plus the soft delete (204)."""

    def get_permissions(self) -> list:
        if self.request.method == "DELETE":
            return [IsAuthenticated(), CanManageCertificate()]
        return super().get_permissions()

    @extend_schema(
        parameters=[query("reason", "Why (kept in the audit log); or ``{reason}`` in a JSON body.")],
        responses={**NO_CONTENT, **errors(400, 401, 403, 404)},
    )
    def delete(self, request: Request, uuid: str) -> Response:
        reason = s.parse(s.ReasonIn, request.data or request.query_params)["reason"]
        instructor_api.delete_one(uuid, request.user.pk, reason)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegenerateView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /certificates/{uuid}/regenerate`` → 202 ``{job_id, job_url}``."""

    permission_classes = [IsAuthenticated, CanManageCertificate]

    @extend_schema(request=None, responses={202: s.RegenerationAcceptedOut, **errors(401, 403, 404, 409)})
    def post(self, request: Request, uuid: str) -> Response:
        job = instructor_api.regenerate_one(uuid, request.user.pk)
        context = {"warning": instructor_api.REGENERATION_WARNING}
        return Response(s.RegenerationAcceptedOut(job, context=context).data, status=status.HTTP_202_ACCEPTED)


_COURSE = "courses/<course_key:course_key>/certificates"

# Include BEFORE certificates.urlpatterns: ``certificates/<uuid>`` here adds DELETE to the same detail view.
urlpatterns = [
    path(f"{_COURSE}/examples", ExamplesView.as_view(), name="certificate-examples"),
    path(f"{_COURSE}/examples/<int:job_id>/preview", ExamplePreviewView.as_view(), name="certificate-example-preview"),
    path(f"{_COURSE}/activation", ActivationView.as_view(), name="certificate-activation"),
    path(f"{_COURSE}/learner-generation", LearnerGenerationView.as_view(), name="certificate-learner-generation"),
    path(f"{_COURSE}/generate", GenerateView.as_view(), name="certificate-generate"),
    path(f"{_COURSE}/history", HistoryView.as_view(), name="certificate-history"),
    path(f"{_COURSE}/exceptions", ExceptionsView.as_view(), name="certificate-exceptions"),
    path(f"{_COURSE}/exceptions/csv", ExceptionsCsvView.as_view(), name="certificate-exceptions-csv"),
    path(f"{_COURSE}/invalidations", InvalidationsView.as_view(), name="certificate-invalidations"),
    path("certificates/<str:uuid>/regenerate", RegenerateView.as_view(), name="certificate-regenerate"),
    path("certificates/<str:uuid>", CertificateView.as_view(), name="certificate-detail"),
]
