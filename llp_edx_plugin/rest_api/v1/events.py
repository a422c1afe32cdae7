"""REST API v1: live-event attendance (CONTRACT.md "Live events"). Thin views over ``events_api``, which
enforces who may mark (403), the event (404), registration and the start time (400).
"""

from urllib.parse import urlencode

from django.urls import re_path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from ...certificates import api as certificates_api
from ...csv_cells import neutralise, read_csv_upload
from ...errors import FieldErrors
from ...events import api as events_api
from ...json_input import StrictFormParser, StrictJSONParser, StrictMultiPartParser
from ...keys import CourseKeyConverter
from .base import LLPAPIView
from .permissions import actor_of
from .schema import (
    COURSE_KEY,
    AttendanceHistoryOut,
    AttendanceImportOut,
    AttendanceMarkOut,
    CsvFileIn,
    PresentIn,
    RosterEntryOut,
    errors,
    paged,
    query,
)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def _when(value) -> str | None:
    return value.isoformat() if value else None


def roster_json(entry: events_api.RosterEntry, certificate_status: str | None) -> dict:
    """One roster row of the contract."""
    return {
        "username": entry.username,
        "full_name": entry.full_name,
        "email": entry.email,
        "company": entry.company,
        "registered_at": _when(entry.registered_at),
        "present": entry.present,
        "marked_at": _when(entry.marked_at),
        "marked_by": entry.marked_by,
        "certificate_status": certificate_status,
    }


def _positive_int(request: Request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise FieldErrors.single(name, "Must be a whole number.") from None
    if value < 1 or (maximum is not None and value > maximum):
        limit = f" from 1 to {maximum}" if maximum else " of at least 1"
        raise FieldErrors.single(name, f"Must be a whole number{limit}.")
    return value


def _paginated(request: Request, items: list) -> Response:
    """``?page=&page_size=`` (default 50, max 500) with ``X-Total-Count`` and ``Link`` headers."""
    size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    page = _positive_int(request, "page", 1)
    total = len(items)
    response = Response(items[(page - 1) * size : page * size])
    response["X-Total-Count"] = str(total)
    links = []
    base = request.build_absolute_uri(request.path)
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "page_size")}
    if page * size < total:
        links.append(f'<{base}?{urlencode({**params, "page": page + 1, "page_size": size})}>; rel="next"')
    if page > 1:
        links.append(f'<{base}?{urlencode({**params, "page": page - 1, "page_size": size})}>; rel="prev"')
    if links:
        response["Link"] = ", ".join(links)
    return response


def _attendance_json(mark: events_api.AttendanceData) -> dict:
    return {
        "username": mark.username,
        "course_key": mark.course_key,
        "present": mark.present,
        "marked_at": _when(mark.marked_at),
        "marked_by": mark.marked_by,
        "changed": mark.changed,
    }


@extend_schema(parameters=[COURSE_KEY])
class LearnerAttendanceView(LLPAPIView):
    """``PUT /courses/{key}/attendance/{username}`` ``{present: bool}`` → 200; ``GET``: the mark's history."""

    parser_classes = [StrictJSONParser]

    @extend_schema(request=PresentIn, responses={200: AttendanceMarkOut, **errors(400, 401, 403, 404)})
    def put(self, request: Request, course_key: str, username: str) -> Response:
        if not isinstance(request.data, dict):
            raise FieldErrors.single("present", 'Send a JSON object {"present": true|false}.')
        if "present" not in request.data:
            raise FieldErrors.single("present", "This field is required.")
        mark = events_api.mark_attendance(course_key, username, request.data["present"], actor=actor_of(request))
        return Response(_attendance_json(mark))

    @extend_schema(responses={200: AttendanceHistoryOut, **errors(401, 403, 404)})
    def get(self, request: Request, course_key: str, username: str) -> Response:
        entries = events_api.history(course_key, actor=actor_of(request), username=username)
        return Response(
            {
                "username": username,
                "history": [
                    {
                        "from": e.previous,
                        "to": e.present,
                        "changed_at": _when(e.changed_at),
                        "changed_by": e.changed_by,
                    }
                    for e in entries
                ],
            }
        )


class AttendanceView(LLPAPIView):
    """``GET /courses/{key}/attendance[?search=]``: the roster, paginated; ``POST`` multipart ``file``: a CSV."""

    parser_classes = [StrictMultiPartParser, StrictFormParser, StrictJSONParser]

    @paged(
        RosterEntryOut,
        parameters=[COURSE_KEY, query("search", "Username, name or e-mail address containing this text.")],
        error_codes=(400, 401, 403, 404),
    )
    def get(self, request: Request, course_key: str) -> Response:
        entries = events_api.roster(course_key, actor=actor_of(request), search=request.query_params.get("search", ""))
        statuses = certificates_api.status_by_user(course_key) if entries else {}
        return _paginated(request, [roster_json(e, statuses.get(e.user_id)) for e in entries])

    @extend_schema(
        parameters=[COURSE_KEY],
        request={"multipart/form-data": CsvFileIn},
        responses={200: AttendanceImportOut, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, course_key: str) -> Response:
        events_api.attendance_event(course_key, actor_of(request))  # 404, then 403, before reading the upload
        text = read_csv_upload(request.FILES.get("file"), "username,present rows")
        results = events_api.import_attendance_csv(course_key, text, actor=actor_of(request))
        for result in results:
            result["identifier"] = neutralise(result["identifier"])
        counts: dict[str, int] = {}
        for result in results:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
        return Response({"results": results, "counts": counts})


urlpatterns = [
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/attendance$",
        AttendanceView.as_view(),
        name="attendance",
    ),
    re_path(
        rf"^courses/(?P<course_key>{CourseKeyConverter.regex})/attendance/(?P<username>[^/]+)$",
        LearnerAttendanceView.as_view(),
        name="attendance-learner",
    ),
]
