"""REST API v1: support requests (anyone may send one, throttled) and the automatic diagnosis."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from ...keys import course_key_from_query
from ...support import api as support_api
from ...support.data import SupportRequestData
from .base import LLPAPIView, PublicAPIView
from .pagination import ArrayPagination
from .permissions import actor_of
from .schema import (
    OPTIONAL_AUTH,
    DiagnosisOut,
    SupportCreatedOut,
    SupportRequestIn,
    SupportRequestOut,
    errors,
    paged,
    query,
)


def request_json(item: SupportRequestData) -> dict:
    return {
        "id": item.id,
        "name": item.name,
        "email": item.email,
        "username": item.username,
        "course_key": item.course_key,
        "training": item.training or None,
        "message": item.message,
        "diagnosis": [finding.as_json() for finding in item.diagnosis],
        "status": item.status,
        "answer": item.answer or None,
        "answered_by": item.answered_by,
        "answered_at": item.answered_at,
        "created_at": item.created,
    }


class SupportRequestsView(PublicAPIView):
    """``POST /support/requests`` (anyone, throttled) → 201 ``{id, diagnosis}``; ``GET`` the caller's (staff: all)."""

    throttle_classes = [support_api.SendingThrottle]

    @extend_schema(
        auth=OPTIONAL_AUTH,
        request=SupportRequestIn,
        responses={201: SupportCreatedOut, **errors(400, 429)},
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        item = support_api.create_request(
            actor_of(request),
            name=data.get("name"),
            email=data.get("email"),
            course_key=data.get("course_key"),
            message=data.get("message"),
            training=data.get("training"),
        )
        body = {"id": item.id, "diagnosis": [finding.as_json() for finding in item.diagnosis]}
        return Response(body, status=status.HTTP_201_CREATED)

    @paged(
        SupportRequestOut,
        parameters=[query("status", "Only requests in this status.", enum=list(support_api.STATUSES))],
        error_codes=(400, 401),
    )
    def get(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            self.permission_denied(request)  # 401 with WWW-Authenticate, as every other endpoint
        paginator = ArrayPagination()
        window = paginator.window(request)
        items, total = support_api.list_requests(
            actor_of(request),
            status=request.query_params.get("status") or None,
            offset=window.offset,
            limit=window.limit,
        )
        return paginator.respond([request_json(item) for item in items], total=total)


class SupportRequestDetailView(LLPAPIView):
    """``GET /support/requests/{id}``: the author or staff."""

    @extend_schema(responses={200: SupportRequestOut, **errors(401, 404)})
    def get(self, request: Request, request_id: int) -> Response:
        return Response(request_json(support_api.get_request(actor_of(request), request_id)))


class SupportDiagnosisView(PublicAPIView):
    """``GET /support/diagnosis?course_key=``: the contact form's automatic check for the caller, now."""

    @extend_schema(
        auth=OPTIONAL_AUTH,
        parameters=[query("course_key", "The training the form is about (a course key).")],
        responses={200: DiagnosisOut},
    )
    def get(self, request: Request) -> Response:
        actor = actor_of(request)
        course_key = course_key_from_query(request.query_params.get("course_key")) or None
        findings = support_api.diagnosis_for(actor.user_id, course_key)
        return Response({"course_key": course_key, "diagnosis": [finding.as_json() for finding in findings]})


urlpatterns = [
    path("support/requests", SupportRequestsView.as_view(), name="support-requests"),
    path("support/requests/<int:request_id>", SupportRequestDetailView.as_view(), name="support-request"),
    path("support/diagnosis", SupportDiagnosisView.as_view(), name="support-diagnosis"),
]
