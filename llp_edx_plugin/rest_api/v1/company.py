"""REST API v1: the Company Admin's employees, certificates, ZIP and assignments (CONTRACT.md "Company Admin").

A Company Admin acts on their own company; platform staff name one with ``?company=<id>``.
"""

from django.http import StreamingHttpResponse
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ... import links
from ...accounts import api as accounts_api
from ...certificates import api as certificates_api
from ...company import api as company_api
from ...errors import FieldErrors
from . import serializers as s
from .base import LLPAPIView
from .permissions import actor_of
from .schema import AssignmentResultOut, EmployeeOut, binary, errors, paged, query


class CompanyQuery(serializers.Serializer):
    company = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    search = serializers.CharField(required=False, allow_blank=True, max_length=100)
    course_key = serializers.CharField(required=False, allow_blank=True, max_length=255)
    status = serializers.ChoiceField(required=False, allow_blank=True, choices=company_api.STATUS_FILTERS)


class AssignmentsIn(serializers.Serializer):
    usernames = serializers.ListField(child=serializers.CharField(max_length=150), min_length=1, max_length=500)
    course_key = serializers.CharField(max_length=255)


class EmployeeActiveIn(serializers.Serializer):
    is_active = serializers.BooleanField()


_COMPANY = query("company", "Platform staff: the company's id (a Company Admin acts on their own).", int)
_COURSE_KEY = query("course_key", "Only this training (a course key).")
_STATUS = query("status", "Only trainings in this state.", enum=list(company_api.STATUS_FILTERS))


def _query(request: Request) -> dict:
    serializer = CompanyQuery(data={k: v for k, v in request.query_params.items() if k in CompanyQuery().fields})
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    return {key: value for key, value in data.items() if value not in ("", None)}


def training_json(training: company_api.TrainingState) -> dict:
    return {
        "course_key": training.course_key,
        "title": training.title,
        "kind": training.kind,
        "progress_percent": training.progress_percent,
        "completed": training.completed,
        "certificate": {
            "status": training.certificate_status,
            "uuid": training.certificate_uuid,
            "download_url": links.certificate_download(training.certificate_uuid) if training.downloadable else None,
        },
    }


def employee_json(employee: company_api.EmployeeData) -> dict:
    return {
        "username": employee.username,
        "full_name": employee.full_name,
        "email": employee.email,
        "is_active": employee.is_active,
        "trainings": [training_json(t) for t in employee.trainings],
    }


class EmployeesView(LLPAPIView):
    """``GET /company/employees``: the company's employees with their trainings and certificate states."""

    @paged(
        EmployeeOut,
        parameters=[
            _COMPANY,
            query("search", "Username, name or e-mail address containing this text."),
            _COURSE_KEY,
            _STATUS,
        ],
    )
    def get(self, request: Request) -> Response:
        query = _query(request)
        paginator = self.paginator()
        window = paginator.window(request)
        result = company_api.list_employees(
            actor_of(request),
            company_id=query.get("company"),
            search=query.get("search", ""),
            course_key=query.get("course_key"),
            status=query.get("status"),
            page=window.page,
            page_size=window.page_size,
        )
        return paginator.respond([employee_json(e) for e in result.employees], total=result.total)


class EmployeeView(LLPAPIView):
    """``GET|PATCH /company/employees/{username}``: one employee; PATCH ``{is_active}`` deactivates or restores."""

    @extend_schema(parameters=[_COMPANY], responses={200: EmployeeOut, **errors(400, 401, 403, 404)})
    def get(self, request: Request, username: str) -> Response:
        query = _query(request)
        employee = company_api.employee_detail(actor_of(request), username, company_id=query.get("company"))
        return Response(employee_json(employee))

    @extend_schema(
        parameters=[_COMPANY], request=EmployeeActiveIn, responses={200: EmployeeOut, **errors(400, 401, 403, 404)}
    )
    def patch(self, request: Request, username: str) -> Response:
        query = _query(request)
        data = EmployeeActiveIn(data=request.data)
        data.is_valid(raise_exception=True)
        actor = actor_of(request)
        company_api.set_employee_active(
            actor, username, data.validated_data["is_active"], company_id=query.get("company")
        )
        return Response(employee_json(company_api.employee_detail(actor, username, company_id=query.get("company"))))


class CompanyCertificatesView(LLPAPIView):
    """``GET /company/certificates``: certificates of the company's employees (``course_key``, ``status``)."""

    @paged(s.CertificateOut, parameters=[_COMPANY, _COURSE_KEY, _STATUS])
    def get(self, request: Request) -> Response:
        query = _query(request)
        actor = actor_of(request)
        certificates = company_api.company_certificates(
            actor, company_id=query.get("company"), course_key=query.get("course_key"), status=query.get("status")
        )
        owners = accounts_api.get_profiles({c.user_id for c in certificates})
        listed = [certificates_api.ListedCertificate(certificate=c, owner=owners[c.user_id]) for c in certificates]
        return self.list_response(listed, s.CertificateOut, actor=actor)


class CompanyCertificatesZipView(LLPAPIView):
    """``GET /company/certificates.zip``: the company's downloadable certificates as one streamed ZIP."""

    @extend_schema(
        parameters=[
            _COMPANY,
            _COURSE_KEY,
            OpenApiParameter(
                "username", str, OpenApiParameter.QUERY, many=True, description="Only these employees (repeatable)."
            ),
        ],
        responses={**binary("application/zip", "The certificate PDFs, streamed."), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        query = _query(request)
        usernames = request.query_params.getlist("username") or None
        filename, chunks = company_api.certificates_zip(
            actor_of(request), company_id=query.get("company"), course_key=query.get("course_key"), usernames=usernames
        )
        response = StreamingHttpResponse(chunks, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class AssignmentsView(LLPAPIView):
    """``POST /company/assignments`` ``{usernames, course_key}`` -> 201 with one result per username."""

    @extend_schema(
        parameters=[_COMPANY],
        request=AssignmentsIn,
        responses={201: AssignmentResultOut(many=True), **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        query = _query(request)
        data = AssignmentsIn(data=request.data)
        if not data.is_valid():
            raise FieldErrors({field: [str(m) for m in messages] for field, messages in data.errors.items()})
        results = company_api.assign_training(
            actor_of(request),
            list(data.validated_data["usernames"]),
            data.validated_data["course_key"],
            company_id=query.get("company"),
        )
        body = [{"username": r.username, "status": r.status, "error": r.error} for r in results]
        return Response(body, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("company/employees", EmployeesView.as_view(), name="company-employees"),
    path("company/employees/<str:username>", EmployeeView.as_view(), name="company-employee"),
    path("company/certificates", CompanyCertificatesView.as_view(), name="company-certificates"),
    path("company/certificates.zip", CompanyCertificatesZipView.as_view(), name="company-certificates-zip"),
    path("company/assignments", AssignmentsView.as_view(), name="company-assignments"),
]
