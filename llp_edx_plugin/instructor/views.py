"""The Instructor Dashboard's Certificates tab (``/courses/<key>/instructor``), for the course team.

The page is rendered from the domain APIs (course settings, certificates, exceptions, invalidations, jobs);
every action on it is a call of the REST API of CONTRACT.md made by ``instructor.js`` with the session and
the CSRF token, so the page and the API can never disagree about the rules.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from .. import links
from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..certificates.data import CertificateData
from ..conf import llp_setting
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import FieldErrors
from ..jobs import api as jobs_api
from ..jobs.data import ACTIVE_STATUSES, DONE, PENDING, RUNNING, JobData
from ..learning import api as learning_api
from . import api as instructor_api
from .data import EXAMPLE, GENERATION, REGENERATION

TEMPLATE = "llp_edx_plugin/instructor/dashboard.html"

# The REST routes ``instructor.js`` calls, by the name it knows them by (the URLs come from the page).
API_ROUTES = {
    "examples": "certificate-examples",
    "activation": "certificate-activation",
    "learnerGeneration": "certificate-learner-generation",
    "generate": "certificate-generate",
    "history": "certificate-history",
    "exceptions": "certificate-exceptions",
    "exceptionsCsv": "certificate-exceptions-csv",
    "invalidations": "certificate-invalidations",
    "attemptsReset": "attempts-reset",
}
ID_SLOT = 987654321

# Job kinds of the certificates work, with how the history names them. Jobs of other kinds that belong to
# the course (e.g. reports) are not certificate generation runs and stay off this page.
JOB_LABELS = {
    GENERATION: "Generate certificates",
    REGENERATION: "Regenerate a certificate",
    EXAMPLE: "Example certificates",
}
HISTORY_LIMIT = 20

# Statuses a course team may regenerate (CONTRACT.md ``generate {statuses}``), as the form shows them.
_Status = certificates_api.CertificateStatus
REGENERATE_STATUSES = (
    (_Status.DOWNLOADABLE, "Already issued"),
    (_Status.NOTPASSING, "Not passing"),
    (_Status.ERROR, "Error"),
)
STATUS_LABELS = {
    _Status.DOWNLOADABLE: "Issued",
    _Status.GENERATING: "Generating",
    _Status.NOTPASSING: "Not passing",
    _Status.ERROR: "Error",
    _Status.INVALIDATED: "Invalidated",
    _Status.DELETED: "Deleted",
}
STATUS_BADGES = {
    _Status.DOWNLOADABLE: "text-bg-success",
    _Status.GENERATING: "text-bg-info",
    _Status.NOTPASSING: "text-bg-secondary",
    _Status.ERROR: "text-bg-danger",
    _Status.INVALIDATED: "text-bg-warning",
    _Status.DELETED: "text-bg-light border",
}
JOB_BADGES = {PENDING: "text-bg-secondary", RUNNING: "text-bg-info", DONE: "text-bg-success"}
# How a job's ``result`` reads in the history: counts first ("2 issued"), then labelled values; the rest
# (bookkeeping, ids, per-status totals the certificates table shows anyway) stays off the page.
_COUNT_LABELS = {"issued": "issued", "notpassing": "not passing", "skipped": "skipped", "errors": "errors"}
_VALUE_LABELS = {"status": "Example", "certificate_status": "Certificate"}
_RESULT_HIDDEN = {"checkpoint", "attempts", "certificates", "uuid", "username", "statuses", "previews", "learners"}


def _team_course(request: HttpRequest, course_key: str) -> CourseData:
    """The course, for its team only: 404 with certificates off or an unknown course, 403 for anyone else."""
    if not llp_setting("ENABLED") or not courses_api.course_exists(course_key):
        raise Http404(f"Unknown course '{course_key}'")
    if not accounts_api.permissions.is_course_team(accounts_api.get_actor(request.user), course_key):
        raise PermissionDenied("Only the course team may use the Instructor Dashboard.")
    return courses_api.get_course(course_key)


def _percent(fraction: float) -> str:
    return f"{round(float(fraction) * 100, 2):g}%"


def checklist(course: CourseData) -> dict[str, Any]:
    """What the course team confirms before activating (DESIGN.md §4): completion rule, grade range, weights."""
    policy = course.grading_policy
    if course.is_live_event:
        completion = [
            "The learner is registered for the event.",
            "Attendance is marked present by an attendance administrator, once the event has started.",
        ]
    else:
        completion = [
            "Every required block is complete, lessons in order: a lesson unlocks when the previous one is complete.",
            f"Every video is watched in full (at least {_percent(llp_setting('VIDEO_COMPLETE_RATIO'))} "
            "of its duration).",
            "Every required quiz is passed with its own pass score, within its attempts.",
            "Every problem is submitted (right or wrong: its latest score counts toward the grade).",
        ]
        ungradable = len(courses_api.ungradable_problems(course.course_key))
        if ungradable:
            completion.append(f"Graded problems that cannot be graded here: {ungradable}, excluded from the grade.")
    grades, upper = [], 100.0
    for letter, cutoff in policy.grade_cutoffs:  # highest first
        low = round(cutoff * 100, 2)
        grades.append({"letter": letter, "low": f"{low:g}", "high": f"{upper:g}", "width": max(upper - low, 0)})
        upper = low
    grades.append({"letter": "F", "low": "0", "high": f"{upper:g}", "width": upper, "failing": True})
    weights = [
        {"type": t.type, "short_label": t.short_label, "weight": _percent(t.weight)} for t in policy.assignment_types
    ]
    return {
        "completion": completion,
        "grades": grades,
        "passing": _percent(policy.lowest_passing_cutoff) if policy.grade_cutoffs else None,
        "graded": bool(policy.assignment_types),
        "weights": weights,
        "weight_total": _percent(sum(t.weight for t in policy.assignment_types)),
        "weight_warnings": courses_api.grading_policy_warnings(policy.as_json()),
    }


def _usernames(user_ids: Iterable[int | None]) -> dict[int, str]:
    ids = {i for i in user_ids if i is not None}
    return {user_id: profile.username for user_id, profile in accounts_api.get_profiles(ids).items()} if ids else {}


def result_text(result: dict[str, Any]) -> str:
    """A one-line summary of a job's result: its error, or its counts and outcome."""
    if result.get("error"):
        return str(result["error"])
    # A fixed order: PostgreSQL's jsonb does not keep the keys in the order the task wrote them.
    parts = [f"{result[name]} {label}" for name, label in _COUNT_LABELS.items() if isinstance(result.get(name), int)]
    for name in sorted(set(result) - set(_COUNT_LABELS) - _RESULT_HIDDEN):
        value = result[name]
        if isinstance(value, bool | int | float | str) and value != "":
            parts.append(f"{_VALUE_LABELS.get(name, name.replace('_', ' ').capitalize())}: {value}")
    return ", ".join(parts)


def job_row(job: JobData, usernames: dict[int, str]) -> dict[str, Any]:
    """A generation run as the history table and the progress bar show it."""
    statuses = job.parameters.get("statuses") or []
    labels = dict(REGENERATE_STATUSES)
    what = JOB_LABELS.get(job.kind, job.kind.replace("_", " ").capitalize())
    if statuses:  # a bulk generation limited to some statuses is a regeneration
        what = f"Regenerate certificates ({', '.join(labels.get(s, s) for s in statuses)})"
    if job.parameters.get("username"):
        what = f"{what}: {job.parameters['username']}"
    return {
        "id": job.id,
        "kind": job.kind,
        "what": what,
        "who": usernames.get(job.requested_by_id, "—") if job.requested_by_id else "—",
        "when": job.created,
        "status": job.status,
        "badge": JOB_BADGES.get(job.status, "text-bg-danger"),
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "percent": job.percent,
        "result": result_text(job.result),
        "active": job.is_active,
    }


def _course_jobs(course_key: str) -> list[JobData]:
    """The course's certificate jobs, newest first (other kinds, e.g. reports, are not generation runs)."""
    return [job for job in jobs_api.list_jobs(course_key=course_key, limit=200) if job.kind in JOB_LABELS]


def _certificate_rows(certs: list[CertificateData]) -> list[dict[str, Any]]:
    return [
        {
            "uuid": cert.uuid,
            "username": cert.username,
            "name": cert.name,
            "status": cert.status,
            "status_label": STATUS_LABELS.get(cert.status, cert.status),
            "badge": STATUS_BADGES.get(cert.status, "text-bg-light"),
            "grade": certificates_api.grade_percent(cert.grade),
            "issued_at": cert.issued_at,
            "download_count": cert.download_count,
            "first_downloaded_at": cert.first_downloaded_at,
            "downloadable": cert.has_pdf and cert.status not in (_Status.DELETED, _Status.NOTPASSING),
            "deletable": cert.status != _Status.DELETED,
        }
        for cert in certs
    ]


CERTIFICATES_PAGE_SIZE = 50


@dataclass(frozen=True)
class CertificateTable:
    """One page of the issued-certificates table, with its filters and the links to its neighbours."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    status: str
    search: str
    errors: list[str]
    prev_query: str | None
    next_query: str | None


def _page_number(value: str) -> int:
    """A page number from the query string; anything but a whole number >= 1 is the first page."""
    return int(value) if value.isdigit() and int(value) >= 1 else 1


def _table_query(status: str, search: str, page: int) -> str:
    query = QueryDict(mutable=True)
    for name, value in (("q", search), ("status", status)):
        if value:
            query[name] = value
    if page > 1:
        query["page"] = str(page)
    return "?" + query.urlencode()


def issued_certificates(course_key: str, *, status: str, search: str, page: str | int = 1) -> CertificateTable:
    """The certificates table: one page of rows filtered by status and a username/name search, in SQL.

    A bad status is explained and ignored (the table shows every status); a page past the last shows the last.
    """
    errors: list[str] = []
    number = _page_number(str(page))
    filters = {"status": status, "search": search}

    def read(offset: int) -> certificates_api.CertificatePage:
        return certificates_api.course_certificates_page(
            course_key, filters=filters, offset=offset, limit=CERTIFICATES_PAGE_SIZE
        )

    try:
        listing = read((number - 1) * CERTIFICATES_PAGE_SIZE)
    except FieldErrors as exc:
        errors = [message for messages in exc.errors.values() for message in messages]
        filters, status = {"search": search}, ""
        listing = read((number - 1) * CERTIFICATES_PAGE_SIZE)
    pages = max(1, -(-listing.total // CERTIFICATES_PAGE_SIZE))
    if number > pages:
        number = pages
        listing = read((number - 1) * CERTIFICATES_PAGE_SIZE)
    return CertificateTable(
        rows=_certificate_rows([item.certificate for item in listing.items]),
        total=listing.total,
        page=number,
        pages=pages,
        status=status,
        search=search,
        errors=errors,
        prev_query=_table_query(status, search, number - 1) if number > 1 else None,
        next_query=_table_query(status, search, number + 1) if number < pages else None,
    )


@login_required
@ensure_csrf_cookie
def dashboard(request: HttpRequest, course_key: str) -> HttpResponse:
    """``/courses/<key>/instructor``: the Certificates tab of the Instructor Dashboard."""
    course = _team_course(request, course_key)
    status_filter = request.GET.get("status", "").strip()
    search = request.GET.get("q", "").strip()
    table = issued_certificates(course_key, status=status_filter, search=search, page=request.GET.get("page", "1"))
    jobs = _course_jobs(course_key)
    exceptions = certificates_api.list_exceptions(course_key)
    invalidations = certificates_api.list_invalidations(course_key)
    usernames = _usernames(job.requested_by_id for job in jobs)
    history = [job_row(job, usernames) for job in jobs[:HISTORY_LIMIT]]
    # The bulk generation that refuses a second one (409) is the one the page follows on load.
    running = next((row for row in history if row["active"] and row["kind"] == GENERATION), None)
    videos_missing = courses_api.videos_without_duration(course.course_key)
    context = {
        "course": course,
        "checklist": checklist(course),
        "videos_missing": videos_missing,
        "issued_count": certificates_api.count_issued(course_key),
        "history": history,
        "running_job": running,
        "exceptions": exceptions,
        "invalidations": invalidations,
        "certificates": table.rows,
        "table": table,
        "status_filter": table.status,
        "search": search,
        "filter_errors": table.errors,
        "status_choices": list(STATUS_LABELS.items()),
        "regenerate_statuses": REGENERATE_STATUSES,
        "attempt_blocks": [] if course.is_live_event else learning_api.scored_blocks(course.course_key),
        "attempt_resets": [] if course.is_live_event else learning_api.reset_history(course.course_key),
        "js_config": {
            "courseKey": course.course_key,
            "api": links.url("api_v1:course-certificates", course_key=course.course_key),
            "urls": {
                name: links.url(f"api_v1:{route}", course_key=course.course_key) for name, route in API_ROUTES.items()
            },
            # The job and certificate routes take an id the page learns later: ``{id}`` / ``{uuid}`` stand in.
            "jobUrl": links.url("api_v1:job", job_id=ID_SLOT).replace(str(ID_SLOT), "{id}"),
            "runningJobId": running["id"] if running else None,
            "active": course.certificates_active,
            "exampleSucceeded": instructor_api.example_succeeded(course_key),
            # The JS reads these from the page rather than retyping them.
            "activeJobStatuses": list(ACTIVE_STATUSES),
            "doneJobStatus": DONE,
            "jobBadges": JOB_BADGES,
            "countLabels": _COUNT_LABELS,
            "valueLabels": _VALUE_LABELS,
            "resultHidden": sorted(_RESULT_HIDDEN | {"error"}),
            "videosMissing": len(videos_missing),
        },
    }
    return render(request, TEMPLATE, context)
