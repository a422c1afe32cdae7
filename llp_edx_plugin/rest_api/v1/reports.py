"""REST API v1: asynchronous reports and Reports → History (CONTRACT.md "Reports and support")."""

from django.http import StreamingHttpResponse
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ... import links
from ...reports import api as reports_api
from .base import LLPAPIView
from .permissions import actor_of
from .schema import COURSE_KEY, ReportAcceptedOut, ReportOut, binary, errors, paged

_ACCEPTED = {202: ReportAcceptedOut, **errors(401, 403, 404, 409)}  # 409: the same report is already running

KIND_NAMES = {
    reports_api.PROGRESS: "progress",
    reports_api.CERTIFICATES: "certificates",
    reports_api.COMPANY: "company",
}


class CompanyReportIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["company", "certificates"], default="company")
    company_id = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


def report_json(report: reports_api.ReportData) -> dict:
    return {
        "id": report.id,
        "course_key": report.course_key,
        "kind": report.kind,
        "status": report.status,
        "created_at": report.created,
        "download_url": links.url("api_v1:report-download", report_id=report.id) if report.downloadable else None,
        "training": report.training,
        "company": report.company,
        "requested_by": report.requested_by,
        "finished_at": report.finished,
        "percent": report.percent,
        "rows": report.rows,
        "time_zone": "UTC",
    }


def _accepted(job) -> Response:
    return Response({"report_id": job.id}, status=status.HTTP_202_ACCEPTED)


class ProgressReportView(LLPAPIView):
    """``POST /courses/{course_key}/reports/progress`` -> 202 ``{report_id}``."""

    @extend_schema(parameters=[COURSE_KEY], request=None, responses=_ACCEPTED)
    def post(self, request: Request, course_key: str) -> Response:
        return _accepted(reports_api.request_progress_report(actor_of(request), course_key))


class CertificatesReportView(LLPAPIView):
    """``POST /courses/{course_key}/reports/certificates`` -> 202 ``{report_id}``."""

    @extend_schema(parameters=[COURSE_KEY], request=None, responses=_ACCEPTED)
    def post(self, request: Request, course_key: str) -> Response:
        return _accepted(reports_api.request_certificates_report(actor_of(request), course_key=course_key))


class CompanyReportView(LLPAPIView):
    """``POST /company/reports`` ``{kind: company|certificates, company_id?}`` -> 202 ``{report_id}``."""

    @extend_schema(request=CompanyReportIn, responses={**_ACCEPTED, **errors(400)})
    def post(self, request: Request) -> Response:
        data = CompanyReportIn(data=request.data)
        data.is_valid(raise_exception=True)
        actor, company_id = actor_of(request), data.validated_data.get("company_id")
        if data.validated_data["kind"] == "certificates":
            return _accepted(reports_api.request_certificates_report(actor, company_id=company_id))
        return _accepted(reports_api.request_company_report(actor, company_id=company_id))


class ReportsView(LLPAPIView):
    """``GET /reports``: the reports the caller may see, newest first (paginated, ``X-Total-Count``, ``Link``)."""

    @paged(ReportOut, error_codes=(400, 401))
    def get(self, request: Request) -> Response:
        paginator = self.paginator()
        window = paginator.window(request)
        total, reports = reports_api.list_reports(actor_of(request), page=window.page, page_size=window.page_size)
        return paginator.respond([report_json(r) for r in reports], total=total)


class ReportView(LLPAPIView):
    """``GET /reports/{id}``: one report (its progress while it runs)."""

    @extend_schema(responses={200: ReportOut, **errors(401, 404)})
    def get(self, request: Request, report_id: int) -> Response:
        return Response(report_json(reports_api.get_report(actor_of(request), report_id)))


class ReportDownloadView(LLPAPIView):
    """``GET /reports/{id}/download``: the CSV (UTF-8 with BOM), streamed."""

    @extend_schema(
        responses={**binary("text/csv", "The report as CSV (UTF-8 with a BOM), streamed."), **errors(401, 404)}
    )
    def get(self, request: Request, report_id: int) -> StreamingHttpResponse:
        filename, chunks = reports_api.report_file(actor_of(request), report_id)
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


urlpatterns = [
    path("courses/<course_key:course_key>/reports/progress", ProgressReportView.as_view(), name="report-progress"),
    path(
        "courses/<course_key:course_key>/reports/certificates",
        CertificatesReportView.as_view(),
        name="report-certificates",
    ),
    path("company/reports", CompanyReportView.as_view(), name="report-company"),
    path("reports", ReportsView.as_view(), name="reports"),
    path("reports/<int:report_id>", ReportView.as_view(), name="report"),
    path("reports/<int:report_id>/download", ReportDownloadView.as_view(), name="report-download"),
]
