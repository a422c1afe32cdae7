"""The attendance page of a live event (``/courses/{key}/attendance``): the roster with search, select-all
and bulk present/absent, a CSV upload with per-row results, and a CSV export of the roster.

Plain forms posted to the page (works without JavaScript; ``attendance.js`` only adds select-all and the
selection count). Every rule (who, when, whom) is ``events_api``'s; this module parses and shapes.
"""

import csv
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..courses.data import CourseData
from ..csv_cells import neutralise, read_csv_upload
from ..errors import FieldErrors, Forbidden, NotFound
from ..events import api as events_api

TEMPLATE = "llp_edx_plugin/events/attendance.html"
CERTIFICATE_LABELS = {
    "downloadable": "Issued",
    "generating": "Generating",
    "invalidated": "Invalidated",
    "notpassing": "Not passing",
    "error": "Error",
}
RESULT_LABELS = {
    "applied": "Applied",
    "unchanged": "Unchanged",
    "unknown_learner": "Unknown learner",
    "not_registered": "Not registered",
    "bad_value": "Bad value",
}
EXPORT_COLUMNS = (
    "Username",
    "Full name",
    "Email",
    "Company",
    "Registered at",
    "Attendance",
    "Marked at",
    "Marked by",
    "Certificate status",
)


@dataclass(frozen=True)
class RosterRow:
    entry: events_api.RosterEntry
    certificate_status: str | None

    @property
    def attendance_label(self) -> str:
        return attendance_label(self.entry.present)

    @property
    def certificate_label(self) -> str:
        return CERTIFICATE_LABELS.get(self.certificate_status or "", "Not issued")


def attendance_label(present: bool | None) -> str:
    return "Present" if present else "Not marked" if present is None else "Absent"


def _event_or_error(request: HttpRequest, course_key: str) -> CourseData:
    try:
        return events_api.attendance_event(course_key, accounts_api.get_actor(request.user))
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc


def _rows(request: HttpRequest, course: CourseData, search: str = "") -> list[RosterRow]:
    entries = events_api.roster(course.course_key, actor=accounts_api.get_actor(request.user), search=search)
    statuses = certificates_api.status_by_user(course.course_key) if entries else {}
    return [RosterRow(entry, statuses.get(entry.user_id)) for entry in entries]


def _page(request: HttpRequest, course: CourseData, *, results: list[dict] | None = None, status: int = 200):
    search = request.GET.get("q", "").strip()[:100]
    rows = _rows(request, course, search)
    everyone = _rows(request, course) if search else rows
    now = timezone.now()
    context = {
        "course": course,
        "rows": rows,
        "search": search,
        "counts": {
            "registered": len(everyone),
            "present": sum(1 for r in everyone if r.entry.present is True),
            "absent": sum(1 for r in everyone if r.entry.present is False),
            "unmarked": sum(1 for r in everyone if r.entry.present is None),
        },
        "refusal": events_api.marking_refusal(course.start, course.time_zone, now),
        "phase": events_api.phase(course.start, course.end, now),
        "start_local": events_api.local_time(course.start, course.time_zone) if course.start else None,
        "end_local": events_api.local_time(course.end, course.time_zone) if course.end else None,
        "results": [{**r, "label": RESULT_LABELS.get(r["status"], r["status"])} for r in results or []],
        "result_errors": sum(1 for r in results or [] if r["status"] not in ("applied", "unchanged")),
    }
    return render(request, TEMPLATE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, course_key: str) -> HttpResponse:
    """GET: the roster. POST ``action=present|absent`` with ``usernames`` (or one row's ``one``): marking;
    POST with ``file``: a CSV upload, answered with its per-row results."""
    course = _event_or_error(request, course_key)
    if request.method == "GET":
        return _page(request, course)
    actor = accounts_api.get_actor(request.user)
    try:
        if "file" in request.FILES or request.POST.get("action") == "upload":
            return _page(request, course, results=_upload(request, course, actor))
        usernames, action = _marking(request)
        results = events_api.mark_many(course.course_key, usernames, action == "present", actor=actor)
    except FieldErrors as exc:
        messages.error(request, " ".join(m for msgs in exc.errors.values() for m in msgs))
        return _page(request, course, status=400)
    applied = sum(1 for r in results if r["status"] == "applied")
    label = "present" if action == "present" else "absent"
    messages.success(request, f"Marked {applied} learner{'s' if applied != 1 else ''} {label}.")
    for problem in (r for r in results if r["status"] not in ("applied", "unchanged")):
        messages.warning(request, f"{problem['identifier']}: {problem['message']}")
    url = reverse("llp_edx_plugin:pages:attendance", kwargs={"course_key": course.course_key})
    search = request.POST.get("q", "").strip()
    return redirect(f"{url}?{urlencode({'q': search})}" if search else url)


def _marking(request: HttpRequest) -> tuple[list[str], str]:
    """Who to mark and how: one row's button (``one=username:present``) or the selection and a bulk button."""
    one = request.POST.get("one", "")
    if one:
        username, _, action = one.rpartition(":")
        usernames = [username]
    else:
        usernames, action = request.POST.getlist("usernames"), request.POST.get("action", "")
    if action not in ("present", "absent"):
        raise FieldErrors.single("action", "Choose Present or Absent.")
    return usernames, action


def _upload(request: HttpRequest, course: CourseData, actor) -> list[dict]:
    text = read_csv_upload(request.FILES.get("file"), "username,present rows")
    return events_api.import_attendance_csv(course.course_key, text, actor=actor)


@login_required
def attendance_export(request: HttpRequest, course_key: str) -> HttpResponse:
    """The roster as CSV: UTF-8 with a BOM (spreadsheets read the accents), every cell neutralised."""
    course = _event_or_error(request, course_key)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    safe_key = "".join(ch if ch.isalnum() else "-" for ch in course.course_key)
    response["Content-Disposition"] = f'attachment; filename="attendance-{safe_key}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for row in _rows(request, course):
        entry = row.entry
        writer.writerow(
            [
                neutralise(value)
                for value in (
                    entry.username,
                    entry.full_name,
                    entry.email,
                    entry.company or "",
                    entry.registered_at.isoformat(),
                    attendance_label(entry.present),
                    entry.marked_at.isoformat() if entry.marked_at else "",
                    entry.marked_by or "",
                    row.certificate_status or "",
                )
            ]
        )
    return response
