"""The reports domain's public functions: asynchronous CSV reports and Reports → History.

Who may ask (and see): the course team for their trainings; a Company Admin for their own company's people
only (rows hold no one else); platform staff for everything; a learner nobody's. A report reflects the data
at the moment its job runs.
"""

__all__ = [
    "CERTIFICATES",
    "COMPANY",
    "KINDS",
    "PROGRESS",
    "ReportData",
    "get_report",
    "list_reports",
    "purge_expired",
    "report_file",
    "request_certificates_report",
    "request_company_report",
    "request_progress_report",
]

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.utils import timezone

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import FieldErrors, Forbidden, NotFound
from ..jobs import api as jobs_api
from ..jobs.data import DONE, JobData
from . import storage
from .data import ReportData
from .tasks import CERTIFICATES, COMPANY, KINDS, PROGRESS

audit = logging.getLogger("llp_edx_plugin.audit")

# The name a report kind goes by in the API and on the page (the job kind is an internal name).
KIND_NAMES = {PROGRESS: "progress", CERTIFICATES: "certificates", COMPANY: "company"}


def _company_scope(actor: Actor, course_key: str) -> int | None:
    """None when the actor may report on everyone in the training; the company id when only on its people."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in to request reports.")
    if accounts_api.permissions.is_course_team(actor, course_key):
        return None
    if actor.is_company_admin and actor.company_id is not None:
        return actor.company_id
    raise Forbidden("Only the course team, a Company Admin or platform staff may request reports.")


def request_progress_report(actor: Actor, course_key: str) -> JobData:
    """Start the progress report of a training (a job); a Company Admin's holds their employees only."""
    course = courses_api.get_course(course_key)
    company_id = _company_scope(actor, course.course_key)
    parameters = {"company_id": company_id} if company_id is not None else {}
    return jobs_api.start_job(PROGRESS, course.course_key, actor.user_id, parameters)


def request_certificates_report(
    actor: Actor, *, course_key: str | None = None, company_id: int | None = None
) -> JobData:
    """Start the certificates report of a training, or of a company (a Company Admin's own; staff name it)."""
    if course_key is not None:
        course = courses_api.get_course(course_key)
        scope = _company_scope(actor, course.course_key)
        parameters = {"company_id": scope} if scope is not None else {}
        return jobs_api.start_job(CERTIFICATES, course.course_key, actor.user_id, parameters)
    company = _company(actor, company_id)
    return jobs_api.start_job(CERTIFICATES, None, actor.user_id, {"company_id": company})


def request_company_report(actor: Actor, *, company_id: int | None = None) -> JobData:
    """Start the company report: every employee across every training they are in."""
    return jobs_api.start_job(COMPANY, None, actor.user_id, {"company_id": _company(actor, company_id)})


def _company(actor: Actor, company_id: int | None) -> int:
    if not (actor.is_platform_staff or actor.is_company_admin):
        raise Forbidden("Only Company Admins and platform staff may report on a company's people.")
    if company_id is None and actor.is_company_admin:
        company_id = actor.company_id
    if company_id is None:
        raise FieldErrors.single("company_id", "Choose a company.")
    if not accounts_api.permissions.can_manage_company(actor, company_id):
        raise Forbidden("Only the company's Company Admins and platform staff may report on its people.")
    accounts_api.get_company(company_id)
    return company_id


def _visible(actor: Actor) -> dict:
    """Which reports the actor may see (the arguments of ``jobs_api.find_jobs``)."""
    if not actor.is_authenticated:
        raise Forbidden("Sign in to see reports.")
    if actor.is_platform_staff:
        return {"everyone": True}
    if not actor.course_roles and not actor.is_company_admin:
        raise Forbidden("Only the course team, a Company Admin or platform staff have reports.")
    return {
        "course_keys": list(actor.course_roles),
        "company_id": actor.company_id if actor.is_company_admin else None,
        "requested_by_id": actor.user_id,
    }


def _may_see(actor: Actor, job: JobData) -> bool:
    if actor.is_platform_staff:
        return True
    if job.course_key is not None and job.course_key in actor.course_roles:
        return True
    if actor.is_company_admin and job.parameters.get("company_id") == actor.company_id:
        return True
    return job.requested_by_id == actor.user_id


def list_reports(actor: Actor, *, page: int = 1, page_size: int = 50) -> tuple[int, list[ReportData]]:
    """``(total, page)`` of the reports the actor may see, newest first (Reports → History)."""
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise FieldErrors.single("page", "Must be a whole number from 1.")
    total, jobs = jobs_api.find_jobs(kinds=KINDS, offset=(page - 1) * page_size, limit=page_size, **_visible(actor))
    return total, _report_data(jobs)


def _report_data(jobs: list[JobData]) -> list[ReportData]:
    """Reports of jobs, with their training titles, company names and requesters (three reads at most)."""
    titles = {c.course_key: c.title for c in courses_api.list_courses({j.course_key for j in jobs if j.course_key})}
    people = accounts_api.get_profiles({j.requested_by_id for j in jobs if j.requested_by_id is not None})
    companies: dict[int, str] = {}
    reports = []
    for job in jobs:
        company_id = job.parameters.get("company_id")
        if company_id is not None and company_id not in companies:
            try:
                companies[company_id] = accounts_api.get_company(company_id).name
            except NotFound:
                companies[company_id] = ""
        requester = people.get(job.requested_by_id)
        reports.append(
            ReportData(
                id=job.id,
                kind=KIND_NAMES[job.kind],
                kind_label=KIND_NAMES[job.kind].capitalize(),
                course_key=job.course_key,
                training=titles.get(job.course_key, "") if job.course_key else "",
                company=companies.get(company_id, "") if company_id is not None else "",
                requested_by=requester.username if requester else None,
                created=job.created,
                finished=job.finished,
                status=job.status,
                percent=job.percent,
                rows=job.result.get("rows"),
                error=job.result.get("error"),
                downloadable=job.status == DONE and bool(job.result.get("path")),
            )
        )
    return reports


def get_report(actor: Actor, report_id: int) -> ReportData:
    """One report the actor may see; ``NotFound`` otherwise (another user's report does not exist for them)."""
    job = _job(actor, report_id)
    return _report_data([job])[0]


def _job(actor: Actor, report_id: int) -> JobData:
    try:
        job = jobs_api.get_job(int(report_id))
    except (TypeError, ValueError, NotFound) as exc:
        raise NotFound("No such report.") from exc
    if job.kind not in KINDS or not actor.is_authenticated or not _may_see(actor, job):
        raise NotFound("No such report.")
    return job


def report_file(actor: Actor, report_id: int) -> tuple[str, Iterator[bytes]]:
    """``(file name, chunks)`` of a finished report the actor may see; ``NotFound`` otherwise."""
    job = _job(actor, report_id)
    if job.status != DONE or not job.result.get("path"):
        raise NotFound("This report is not ready.")
    subject = job.course_key.replace(":", "-").replace("+", "-") if job.course_key else f"company-{job.id}"
    stamp = job.created.strftime("%Y%m%d-%H%M")
    return f"{KIND_NAMES[job.kind]}-{subject}-{stamp}.csv", storage.read_chunks(job.result["path"])


def purge_expired(now: datetime | None = None) -> int:
    """Delete reports older than ``REPORTS_KEEP_DAYS`` (file and history row), with an audit line each."""
    keep = timedelta(days=int(llp_setting("REPORTS_KEEP_DAYS")))
    cutoff = (now or timezone.now()) - keep
    _, expired = jobs_api.find_jobs(kinds=KINDS, everyone=True, finished_before=cutoff, limit=None)
    for job in expired:
        if job.result.get("path"):
            storage.delete(job.result["path"])
        audit.info(
            "report %s (%s, %s) requested by user %s on %s deleted after %s days",
            job.id,
            job.kind,
            job.course_key or f"company {job.parameters.get('company_id')}",
            job.requested_by_id,
            job.created.isoformat(),
            keep.days,
        )
    return jobs_api.delete_jobs([job.id for job in expired])
