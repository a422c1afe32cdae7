"""The rows of each report, read chunk by chunk through the domains' APIs (never every row in memory).

Each generator reads the learners of a training in chunks of ``CHUNK`` (a constant number of queries per
chunk) and yields one row at a time; ``on_chunk(n)`` reports progress after each chunk.
"""

from collections.abc import Callable, Iterator

from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..csv_cells import iso
from ..events import api as events_api
from ..learning import api as learning_api
from ..programs import api as programs_api
from . import columns

CHUNK = 1000
Progress = Callable[[int], None] | None


class _Companies:
    """Company names by id, each read once per report."""

    def __init__(self):
        self._names: dict[int, str] = {}

    def name(self, company_id: int | None) -> str:
        if company_id is None:
            return ""
        if company_id not in self._names:
            self._names[company_id] = accounts_api.get_company(company_id).name
        return self._names[company_id]


def learner_ids(course: CourseData, company_id: int | None) -> list[int]:
    """The training's enrolled learners (enrollment order), only the company's people when one is given."""
    ids = courses_api.enrolled_user_ids(course.course_key)
    if company_id is None:
        return ids
    members = set(accounts_api.company_member_ids(company_id))
    return [user_id for user_id in ids if user_id in members]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def progress_facts(course: CourseData, ids: list[int], companies: _Companies) -> Iterator[columns.LearnerFacts]:
    """The facts of a chunk of learners of one training, in the order of ``ids`` (five or six queries)."""
    profiles = accounts_api.get_profiles(ids)
    enrollments = {e.user_id: e for e in courses_api.course_enrollments(course.course_key, user_ids=ids)}
    stored = learning_api.stored_progress_for_users(course.course_key, ids)
    certificates = certificates_api.course_certificates_of(course.course_key, ids)
    attendance = _attendance(course, ids)
    programs = _programs(course, list(enrollments.values()), ids)
    for user_id in ids:
        profile = profiles.get(user_id)
        if profile is None:  # the account vanished while the report ran
            continue
        progress = stored.get(user_id)
        certificate = certificates.get(user_id)
        present, marked_at = attendance.get(user_id, (None, None))
        if course.is_live_event:
            completed = passed = bool(present)
            percent, grade = (100 if present else 0), None
        elif course.is_program:  # a program's progress is its certified members (ADR 0032)
            program = programs.get((user_id, course.course_key))
            completed = passed = bool(program and program.complete)
            percent, grade = (program.percent if program else 0), None
        else:
            completed = bool(progress and progress.completed)
            passed = bool(progress and progress.passed)
            percent = progress.completion_percent if progress else 0
            grade = progress.grade_percent if progress else None
        enrollment = enrollments.get(user_id)
        yield columns.LearnerFacts(
            username=profile.username,
            full_name=profile.full_name,
            email=profile.email,
            company=companies.name(profile.company_id),
            enrolled_at=enrollment.created if enrollment else None,
            progress_percent=percent,
            completed=completed,
            grade=grade,
            passed=passed,
            certificate_status=certificate.status if certificate else None,
            issued_at=certificate.issued_at if certificate else None,
            first_downloaded_at=certificate.first_downloaded_at if certificate else None,
            attendance=present,
            attendance_marked_at=marked_at,
        )


def _programs(course: CourseData, enrollments: list, ids: list[int]) -> dict:
    """Programs: each learner's progress (certified members), by (user id, course key); nothing for others."""
    if not course.is_program:
        return {}
    return programs_api.progress_of(enrollments, certificates_api.certificates_for_users(ids))


def _attendance(course: CourseData, ids: list[int]) -> dict[int, tuple[bool | None, object]]:
    """Live events: each learner's (present, marked_at); nothing for online courses."""
    if not course.is_live_event:
        return {}
    return events_api.attendance_records(course.course_key, ids)


def progress_report(course_key: str, *, company_id: int | None = None, on_chunk: Progress = None):
    """``(header, total, rows)`` of a training's progress report."""
    course = courses_api.get_course(course_key)
    ids = learner_ids(course, company_id)
    header = [*columns.PROGRESS_COLUMNS, *(columns.EVENT_COLUMNS if course.is_live_event else ())]

    def rows() -> Iterator[list[str]]:
        companies = _Companies()
        for chunk in _chunks(ids):
            for facts in progress_facts(course, chunk, companies):
                yield columns.progress_row(facts, live_event=course.is_live_event)
            if on_chunk:
                on_chunk(len(chunk))

    return header, len(ids), rows()


def certificates_report(*, course_key: str | None = None, company_id: int | None = None, on_chunk: Progress = None):
    """``(header, total, rows)``: every certificate of a training, or of a company's people (any training)."""
    if course_key is not None:
        course = courses_api.get_course(course_key)
        ids = learner_ids(course, company_id)
        courses = {course.course_key: course}
    else:
        ids = accounts_api.company_member_ids(company_id)
        courses = None

    def rows() -> Iterator[list[str]]:
        companies = _Companies()
        titles: dict[str, str] = {}
        for chunk in _chunks(ids):
            profiles = accounts_api.get_profiles(chunk)
            if courses is not None:
                key = next(iter(courses))
                found = list(certificates_api.course_certificates_of(key, chunk).values())
            else:
                found = certificates_api.certificates_for_users(chunk)
            for certificate in sorted(found, key=lambda c: (c.user_id, c.course_key)):
                profile = profiles.get(certificate.user_id)
                if profile is None or certificate.status == "deleted":
                    continue
                if certificate.course_key not in titles:
                    titles[certificate.course_key] = certificate.course_title
                yield [
                    profile.username,
                    profile.full_name,
                    profile.email,
                    companies.name(profile.company_id),
                    titles[certificate.course_key],
                    certificate.course_key,
                    certificate.status,
                    iso(certificate.issued_at),
                    iso(certificate.first_downloaded_at),
                    iso(certificate.last_downloaded_at),
                    str(certificate.download_count),
                    certificates_api.verify_url(certificate.uuid),
                ]
            if on_chunk:
                on_chunk(len(chunk))

    return list(columns.CERTIFICATE_COLUMNS), len(ids), rows()


def company_report(company_id: int, *, on_chunk: Progress = None):
    """``(header, total, rows)``: every employee of the company in every training they are enrolled in."""
    ids = accounts_api.company_member_ids(company_id)

    def rows() -> Iterator[list[str]]:
        companies = _Companies()
        for chunk in _chunks(ids):
            enrollments = courses_api.enrollments_for_users(chunk)
            by_course: dict[str, list[int]] = {}
            for enrollment in enrollments:
                by_course.setdefault(enrollment.course_key, []).append(enrollment.user_id)
            for course in courses_api.list_courses(by_course):
                for facts in progress_facts(course, by_course[course.course_key], companies):
                    yield [
                        course.title,
                        course.course_key,
                        course.kind,
                        *columns.progress_row(facts)[: len(columns.PROGRESS_COLUMNS)],
                    ]
            if on_chunk:
                on_chunk(len(chunk))

    return list(columns.COMPANY_COLUMNS), len(ids), rows()
