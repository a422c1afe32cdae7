"""The company domain's public functions: what a Company Admin does for their company's employees.

Every function takes the acting ``Actor`` and resolves the company it may act on: a Company Admin their own,
platform staff the one they name. Another company's employees are invisible (404, never a hint that the
username exists elsewhere).
"""

__all__ = [
    "COMPANY_ZIP",
    "REGENERATE_COMPANY",
    "STATUS_FILTERS",
    "AssignmentResult",
    "CompanySummary",
    "EmployeeData",
    "EmployeePage",
    "TrainingState",
    "assign_training",
    "certificates_zip",
    "company_certificates",
    "company_for",
    "create_employee",
    "employee_detail",
    "list_employees",
    "regenerate_certificates",
    "set_employee_active",
    "start_zip_job",
    "summary",
    "zip_job_file",
    "zip_needs_job",
    "zip_too_large",
]

from collections.abc import Iterable, Iterator

from ..accounts import api as accounts_api
from ..accounts.data import Actor, ProfileData
from ..certificates import api as certificates_api
from ..certificates.data import CertificateData
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import FieldErrors, NotFound
from ..jobs import api as jobs_api
from ..jobs.data import JobData
from ..learning import api as learning_api
from ..programs import api as programs_api
from . import rules
from .archive import certificate_archive, stored_archive
from .data import AssignmentResult, CompanySummary, EmployeeData, EmployeePage, TrainingState
from .scope import company_for, employee_of
from .tasks import COMPANY_ZIP, REGENERATE_COMPANY

STATUS_FILTERS = rules.STATUS_FILTERS
DOWNLOADABLE = "downloadable"
ISSUED = ("downloadable", "generating")


def _states(
    profiles: Iterable[ProfileData], *, course_key: str | None = None, status: str | None = None
) -> dict[int, tuple[TrainingState, ...]]:
    """Each employee's trainings (optionally one training / one certificate state), in four queries."""
    people = {p.user_id: p for p in profiles}
    ids = list(people)
    if not ids:
        return {}
    enrollments = [e for e in courses_api.enrollments_for_users(ids) if course_key in (None, e.course_key)]
    courses = {c.course_key: c for c in courses_api.list_courses({e.course_key for e in enrollments})}
    progress = learning_api.stored_progress_of_learners(ids)
    certificates = {(c.user_id, c.course_key): c for c in certificates_api.certificates_for_users(ids)}
    feature_on = bool(llp_setting("ENABLED"))
    program_enrollments = [e for e in enrollments if e.course_key in courses and courses[e.course_key].is_program]
    in_programs = programs_api.progress_of(program_enrollments, certificates.values()) if program_enrollments else {}
    states: dict[int, list[TrainingState]] = {user_id: [] for user_id in ids}
    for enrollment in enrollments:
        course = courses.get(enrollment.course_key)
        if course is None:
            continue
        certificate = certificates.get((enrollment.user_id, enrollment.course_key)) if feature_on else None
        cert_status = certificate.status if certificate else None
        if not rules.matches_status(cert_status, status):
            continue
        stored = progress.get((enrollment.user_id, enrollment.course_key))
        completed = cert_status in ISSUED if course.is_live_event else bool(stored and stored.completed)
        percent = (100 if completed else 0) if course.is_live_event else (stored.completion_percent if stored else 0)
        program = in_programs.get((enrollment.user_id, course.course_key))
        if program is not None:  # a program's progress is its certified members (programs/)
            completed, percent = program.complete, program.percent
        states[enrollment.user_id].append(
            TrainingState(
                course_key=course.course_key,
                title=course.title,
                kind=course.kind,
                assigned=enrollment.assigned_by_id is not None,
                progress_percent=percent,
                completed=completed,
                certificate_status=cert_status,
                certificate_uuid=certificate.uuid if certificate else None,
                downloadable=cert_status == DOWNLOADABLE and people[enrollment.user_id].is_active,
                first_downloaded=bool(certificate and certificate.first_downloaded_at),
            )
        )
    return {user_id: tuple(items) for user_id, items in states.items()}


def _employee_data(profile: ProfileData, trainings: tuple[TrainingState, ...]) -> EmployeeData:
    return EmployeeData(
        user_id=profile.user_id,
        username=profile.username,
        full_name=profile.full_name,
        email=profile.email,
        is_active=profile.is_active,
        trainings=trainings,
    )


def _page_errors(page: object, page_size: object) -> dict[str, list[str]]:
    errors = {}
    if isinstance(page, bool) or not isinstance(page, int) or page < 1 or page > 1_000_000:
        errors["page"] = ["Must be a whole number from 1."]
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= 500:
        errors["page_size"] = ["Must be a whole number from 1 to 500."]
    return errors


def list_employees(
    actor: Actor,
    *,
    company_id: int | None = None,
    search: str = "",
    course_key: str | None = None,
    status: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> EmployeePage:
    """The company's employees with their trainings, filtered (training, certificate state), searched, paged.

    Without a training or state filter the page is read from the database; with one, the employees whose
    trainings match are found first (bounded by the company's size), then paged.
    """
    company = company_for(actor, company_id)
    errors = {
        **rules.clean_filters(search=search, course_key=course_key, status=status),
        **_page_errors(page, page_size),
    }
    if errors:
        raise FieldErrors(errors)
    if course_key:
        course_key = courses_api.get_course(course_key).course_key  # 404 for an unknown training
    offset, limit = (page - 1) * page_size, page_size
    if not course_key and not status:
        total, profiles = accounts_api.company_employees(company.id, search=search, offset=offset, limit=limit)
        states = _states(profiles)
        return EmployeePage(total, tuple(_employee_data(p, states.get(p.user_id, ())) for p in profiles))
    _, everyone = accounts_api.company_employees(company.id, search=search, offset=0, limit=None)
    states = _states(everyone, course_key=course_key, status=status)
    matching = [p for p in everyone if states.get(p.user_id)]
    chosen = matching[offset : offset + limit]
    return EmployeePage(len(matching), tuple(_employee_data(p, states[p.user_id]) for p in chosen))


def employee_detail(actor: Actor, username: str, *, company_id: int | None = None) -> EmployeeData:
    """One employee of the company with every training; ``NotFound`` for anyone else."""
    company = company_for(actor, company_id)
    profile = employee_of(company, username)
    return _employee_data(profile, _states([profile]).get(profile.user_id, ()))


def summary(actor: Actor, *, company_id: int | None = None) -> CompanySummary:
    """The Company Admin's home: employees, trainings in progress, certificates issued and still to collect.

    Counted in SQL (a constant number of queries whatever the company's size), over the active employees'
    active enrollments: a training is complete when its stored progress is (an online course) or its
    certificate is issued (a live event); the certificates counted are those of these enrollments.
    """
    company = company_for(actor, company_id)
    total, _ = accounts_api.company_employees(company.id, active=True, offset=0, limit=0)
    employees = accounts_api.company_employee_ids(company.id, active=True)
    trainings = courses_api.count_active_enrollments(employees)
    completed = learning_api.count_completed(employees, where=courses_api.active_enrollment_exists(kind="online"))
    enrolled = courses_api.active_enrollment_exists()
    live = courses_api.active_enrollment_exists(kind="live_event")
    tallies = certificates_api.tally_certificates_for_users(
        employees,
        {
            "in_zip": {"statuses": [DOWNLOADABLE]},
            "live_completed": {"statuses": ISSUED, "where": live},
            "issued": {"statuses": [DOWNLOADABLE], "where": enrolled},
            "to_collect": {"statuses": [DOWNLOADABLE], "where": enrolled, "never_downloaded": True},
        },
    )
    issued = to_collect = 0
    if llp_setting("ENABLED"):
        completed += tallies["live_completed"]
        issued, to_collect = tallies["issued"], tallies["to_collect"]
    return CompanySummary(
        company_id=company.id,
        company_name=company.name,
        employees=total,
        trainings_in_progress=trainings - completed,
        certificates_issued=issued,
        certificates_to_collect=to_collect,
        certificates_in_zip=tallies["in_zip"],
    )


def company_certificates(
    actor: Actor, *, company_id: int | None = None, course_key: str | None = None, status: str | None = None
) -> list[CertificateData]:
    """The certificates of the company's employees (deactivated accounts' are hidden, except from staff)."""
    company = company_for(actor, company_id)
    errors = rules.clean_filters(course_key=course_key, status=status)
    if errors:
        raise FieldErrors(errors)
    if course_key:
        course_key = courses_api.get_course(course_key).course_key
    _, everyone = accounts_api.company_employees(company.id, offset=0, limit=None)
    certificates = certificates_api.certificates_for_users([p.user_id for p in everyone])
    return [
        c
        for c in certificates
        if course_key in (None, c.course_key)
        and rules.matches_status(c.status, status)
        and (actor.is_platform_staff or not c.hidden)
    ]


def certificates_zip(
    actor: Actor,
    *,
    company_id: int | None = None,
    course_key: str | None = None,
    usernames: list[str] | None = None,
) -> tuple[str, Iterator[bytes]]:
    """A file name and the streamed ZIP of the company's downloadable certificates (optionally filtered)."""
    company = company_for(actor, company_id)
    filename, _, chunks = certificate_archive(actor, company, course_key=course_key, usernames=usernames)
    return filename, chunks


def zip_needs_job(actor: Actor, *, company_id: int | None = None, course_key: str | None = None) -> bool:
    """Whether the ZIP holds more certificates than a request should stream (then it is built by a job)."""
    company = company_for(actor, company_id)
    _, count, _ = certificate_archive(actor, company, course_key=course_key)
    return zip_too_large(count)


def zip_too_large(count: int) -> bool:
    """Whether a ZIP of ``count`` certificates is built by a job rather than streamed in the request."""
    return count > int(llp_setting("COMPANY_ZIP_STREAM_MAX"))


def start_zip_job(actor: Actor, *, company_id: int | None = None, course_key: str | None = None) -> JobData:
    """Build the company's ZIP in the background (a progress bar; a download link when done)."""
    company = company_for(actor, company_id)
    if course_key:
        course_key = courses_api.get_course(course_key).course_key
    parameters = {"company_id": company.id, **({"course_key": course_key} if course_key else {})}
    return jobs_api.start_job(COMPANY_ZIP, None, actor.user_id, parameters)


def zip_job_file(actor: Actor, job_id: int) -> tuple[str, Iterator[bytes]]:
    """The finished ZIP of a job the actor started: ``(file name, chunks)``; ``NotFound`` otherwise."""
    try:
        job = jobs_api.get_job(int(job_id))
    except (TypeError, ValueError) as exc:
        raise NotFound("No such ZIP.") from exc
    if job.kind != COMPANY_ZIP or job.requested_by_id != actor.user_id or not job.result.get("path"):
        raise NotFound("No such ZIP.")
    return job.result["filename"], stored_archive(job.result["path"])


def assign_training(
    actor: Actor, usernames: object, course_key: str, *, company_id: int | None = None
) -> list[AssignmentResult]:
    """Enroll employees of the company in a course, live event or program as assigned training; one result per
    username. ``course_key`` may name a program by its slug or its own course key: its members come with it."""
    company = company_for(actor, company_id)
    if not isinstance(usernames, list) or not usernames or len(usernames) > rules.MAX_ASSIGN:
        raise FieldErrors.single("usernames", f"Choose 1 to {rules.MAX_ASSIGN} employees.")
    if not all(isinstance(u, str) and u.strip() for u in usernames):
        raise FieldErrors.single("usernames", "Each username must be a non-empty string.")
    program = None
    try:
        program = programs_api.get_program(course_key) if not str(course_key).startswith("course-v1:") else None
        course = courses_api.get_course(program.course_key if program else course_key)
        if program is None and course.is_program:
            program = programs_api.get_program(course.course_key)
    except NotFound as exc:
        raise FieldErrors.single("course_key", f"No training '{str(course_key)[:255]}'.") from exc
    results = []
    for username in dict.fromkeys(u.strip() for u in usernames):
        try:
            profile = employee_of(company, username)
        except NotFound as exc:
            results.append(AssignmentResult(username, "error", str(exc)))
            continue
        if not profile.is_active:
            results.append(AssignmentResult(username, "error", "This employee's account is deactivated."))
            continue
        existing = courses_api.get_enrollment(course.course_key, profile.user_id)
        if program is not None:
            programs_api.enroll(program.slug, profile.user_id, assigned_by_id=actor.user_id)
        else:
            courses_api.enroll(course.course_key, profile.user_id, assigned_by_id=actor.user_id)
        already = existing is not None and existing.is_active
        results.append(AssignmentResult(username, "already_assigned" if already else "assigned"))
    return results


def create_employee(
    actor: Actor, *, username: str, password: str, email: str, full_name: str, company_id: int | None = None
) -> ProfileData:
    """A new employee account of the company (``FieldErrors`` as for any account)."""
    company = company_for(actor, company_id)
    return accounts_api.create_account(
        username=username,
        password=password,
        email=email,
        full_name=full_name,
        account_type="employee",
        company_id=company.id,
    )


def set_employee_active(actor: Actor, username: str, active: bool, *, company_id: int | None = None) -> ProfileData:
    """Deactivate or restore an employee: certificates are kept, hidden while deactivated, back on restore."""
    if not isinstance(active, bool):
        raise FieldErrors.single("is_active", "Must be true or false.")
    company = company_for(actor, company_id)
    profile = employee_of(company, username)
    return accounts_api.set_account_active(profile.user_id, active)


def regenerate_certificates(actor: Actor, *, company_id: int | None = None) -> JobData:
    """Re-issue the company's issued certificates with its current logo, as a job with a progress bar."""
    company = company_for(actor, company_id)
    return jobs_api.start_job(REGENERATE_COMPANY, None, actor.user_id, {"company_id": company.id})
