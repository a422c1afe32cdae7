"""REST API v1: the Instructor Dashboard's Certificates tab (CONTRACT.md "Instructor Dashboard"), course team only.

Every view first finds the course (404 when unknown), then checks the caller is on its team (403), then
parses the input (400 with field errors) and calls the instructor or certificates api.
"""

from django.http import HttpResponse
from django.urls import path
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ... import keys  # noqa: F401 - registers the course_key path converter
from ...certificates import api as certificates_api
from ...courses import api as courses_api
from ...errors import FieldErrors, Forbidden
from ...instructor import api as instructor_api
from ...json_input import StrictFormParser, StrictMultiPartParser
from .base import LLPAPIView
from .certificates import CertificateDetailView, CertificatesFeatureMixin
from .permissions import actor_of

MAX_CSV_BYTES = 2 * 1024 * 1024


def _team_only(request: Request, course_key: str) -> str:
    """The course's canonical key, for its team only: 404 for an unknown course, 403 for anyone else."""
    course = courses_api.get_course(course_key)
    if not instructor_api.can_manage_certificates(actor_of(request), course.course_key):
        raise Forbidden("Only the course team may manage the course's certificates.")
    return course.course_key


def _data(request: Request) -> dict:
    if not isinstance(request.data, dict) and not hasattr(request.data, "getlist"):
        raise FieldErrors.single("body", "Send a JSON object.")
    return request.data


def _bool(data: dict, name: str) -> bool:
    value = data.get(name)
    if not isinstance(value, bool):
        raise FieldErrors.single(name, "Must be true or false.")
    return value


def _text(data: dict, name: str, *, required: bool = False) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldErrors.single(name, "Must be a string.")
    if required and not value.strip():
        raise FieldErrors.single(name, "This field is required.")
    return value.strip()


def _settings_json(settings: instructor_api.CertificateSettingsData) -> dict:
    return {
        "course_key": settings.course_key,
        "issues_certificates": settings.issues_certificates,
        "self_paced": settings.self_paced,
        "active": settings.certificates_active,
        "certificates_active": settings.certificates_active,
        "learner_generated_certificates": settings.learner_generated_certificates,
        "enabled": settings.learner_generated_certificates,
        "example_succeeded": settings.example_succeeded,
        "learner_generation_editable": settings.learner_generation_editable,
    }


def _example_json(example: instructor_api.ExampleData) -> dict:
    return {
        "job_id": example.job_id,
        "status": example.status,
        "error": example.error,
        "preview_url": example.preview_url,
        "previews": list(example.previews),
    }


class ExamplesView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /courses/{key}/certificates/examples`` → 201 ``{status, error, preview_url}``."""

    def post(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        example = instructor_api.generate_examples(key, request.user.pk)
        return Response(_example_json(example), status=status.HTTP_201_CREATED)


class ExamplePreviewView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /courses/{key}/certificates/examples/{job_id}/preview[?index=]``: the example PDF."""

    def get(self, request: Request, course_key: str, job_id: int) -> HttpResponse:
        key = _team_only(request, course_key)
        try:
            index = int(request.query_params.get("index", 0))
        except ValueError:
            raise FieldErrors.single("index", "Must be a whole number.") from None
        pdf = instructor_api.example_pdf(key, job_id, index)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="example-certificate-{job_id}-{index}.pdf"'
        return response


class ActivationView(CertificatesFeatureMixin, LLPAPIView):
    """``GET|PUT /courses/{key}/certificates/activation`` ``{active}`` → 200; 400 while no example succeeded."""

    def get(self, request: Request, course_key: str) -> Response:
        return Response(_settings_json(instructor_api.certificate_settings(_team_only(request, course_key))))

    def put(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        settings = instructor_api.set_activation(key, _bool(_data(request), "active"))
        return Response(_settings_json(settings))


class LearnerGenerationView(CertificatesFeatureMixin, LLPAPIView):
    """``GET|PUT /courses/{key}/certificates/learner-generation`` ``{enabled}`` → 200 (instructor-paced)."""

    def get(self, request: Request, course_key: str) -> Response:
        return Response(_settings_json(instructor_api.certificate_settings(_team_only(request, course_key))))

    def put(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        settings = instructor_api.set_learner_generation(key, _bool(_data(request), "enabled"))
        return Response(_settings_json(settings))


class GenerateView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /courses/{key}/certificates/generate`` ``{statuses?}`` → 202 ``{job_id}``; 409 while one runs."""

    def post(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        data = _data(request)
        statuses = data.get("statuses") if "statuses" in data else None
        if hasattr(data, "getlist") and "statuses" in data:  # a form post: statuses=a&statuses=b
            statuses = data.getlist("statuses")
        job = instructor_api.start_generation(key, request.user.pk, statuses or None)
        return Response(
            {
                "job_id": job.id,
                "status": job.status,
                "statuses": job.parameters.get("statuses"),
                "warning": instructor_api.REGENERATION_WARNING if statuses else None,
            },
            status=status.HTTP_202_ACCEPTED,
        )


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


class HistoryView(CertificatesFeatureMixin, LLPAPIView):
    """``GET /courses/{key}/certificates/history`` → generation runs, newest first."""

    def get(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        return Response(
            [
                {
                    "job_id": run.job_id,
                    "kind": run.kind,
                    "status": run.status,
                    "requested_by": run.requested_by,
                    "created": _iso(run.created),
                    "started": _iso(run.started),
                    "finished": _iso(run.finished),
                    "statuses": list(run.statuses) if run.statuses else None,
                    "certificate_uuid": run.certificate_uuid,
                    "total": run.total,
                    "done": run.done,
                    "failed": run.failed,
                    "counts": run.counts,
                    "error": run.error,
                }
                for run in instructor_api.generation_history(key)
            ]
        )


def _exception_json(item: certificates_api.ExceptionData) -> dict:
    return {
        "username": item.username,
        "email": item.email,
        "course_key": item.course_key,
        "notes": item.notes,
        "created": _iso(item.created),
        "created_by": item.created_by,
    }


def _invalidation_json(item: certificates_api.InvalidationData) -> dict:
    return {
        "username": item.username,
        "course_key": item.course_key,
        "certificate_uuid": item.certificate_uuid,
        "notes": item.notes,
        "active": item.active,
        "created": _iso(item.created),
        "invalidated_by": item.invalidated_by,
    }


class ExceptionsView(CertificatesFeatureMixin, LLPAPIView):
    """``GET|POST|DELETE /courses/{key}/certificates/exceptions`` ``{username, notes}`` (the allowlist)."""

    def get(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        return Response([_exception_json(item) for item in certificates_api.list_exceptions(key)])

    def post(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        data = _data(request)
        added = certificates_api.add_exception(
            key, _text(data, "username", required=True), _text(data, "notes"), actor_id=request.user.pk
        )
        return Response(_exception_json(added), status=status.HTTP_201_CREATED)

    def delete(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        data = _data(request) if request.data else request.query_params
        certificates_api.remove_exception(key, _text(data, "username", required=True))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExceptionsCsvView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /courses/{key}/certificates/exceptions/csv`` multipart ``file`` (username_or_email,notes rows)."""

    parser_classes = [StrictMultiPartParser, StrictFormParser]

    def post(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        upload = request.FILES.get("file")
        if upload is None:
            raise FieldErrors.single("file", "Upload a CSV file as 'file'.")
        if upload.size > MAX_CSV_BYTES:
            raise FieldErrors.single("file", f"The file may be at most {MAX_CSV_BYTES // (1024 * 1024)} MB.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FieldErrors.single("file", "The file must be UTF-8 text (CSV).") from None
        results = certificates_api.import_exceptions_csv(key, text, actor_id=request.user.pk)
        added = sum(1 for row in results if row["ok"])
        return Response({"added": added, "failed": len(results) - added, "results": results})


class InvalidationsView(CertificatesFeatureMixin, LLPAPIView):
    """``GET|POST|DELETE /courses/{key}/certificates/invalidations`` ``{username, notes}``."""

    def get(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        return Response([_invalidation_json(item) for item in certificates_api.list_invalidations(key)])

    def post(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        data = _data(request)
        row = certificates_api.invalidate(
            key, _text(data, "username", required=True), _text(data, "notes"), actor_id=request.user.pk
        )
        return Response(_invalidation_json(row), status=status.HTTP_201_CREATED)

    def delete(self, request: Request, course_key: str) -> Response:
        key = _team_only(request, course_key)
        data = _data(request) if request.data else request.query_params
        certificates_api.revalidate(key, _text(data, "username", required=True))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _certificate_team_only(request: Request, uuid: str) -> None:
    course_key = instructor_api.certificate_course_key(uuid)
    if not instructor_api.can_manage_certificates(actor_of(request), course_key):
        raise Forbidden("Only the course team may change this certificate.")


class CertificateView(CertificateDetailView):
    """``GET|DELETE /certificates/{uuid}``: the detail of rest_api.v1.certificates, plus the soft delete (204)."""

    def delete(self, request: Request, uuid: str) -> Response:
        _certificate_team_only(request, uuid)
        data = _data(request) if request.data else request.query_params
        instructor_api.delete_one(uuid, request.user.pk, _text(data, "reason"))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RegenerateView(CertificatesFeatureMixin, LLPAPIView):
    """``POST /certificates/{uuid}/regenerate`` → 202 ``{job_id}``."""

    def post(self, request: Request, uuid: str) -> Response:
        _certificate_team_only(request, uuid)
        job = instructor_api.regenerate_one(uuid, request.user.pk)
        return Response(
            {"job_id": job.id, "status": job.status, "warning": instructor_api.REGENERATION_WARNING},
            status=status.HTTP_202_ACCEPTED,
        )


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
