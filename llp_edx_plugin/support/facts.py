"""Gathering the diagnosis facts: the one place the diagnosis reads other domains (through their APIs)."""

from django.urls import reverse

from ..accounts import api as accounts_api
from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..errors import NotFound
from ..events import api as events_api
from ..learning import api as learning_api
from .data import DiagnosisFacts, RequirementFact, TrainingChoice


def _course_or_none(course_key: str | None):
    if not course_key:
        return None
    try:
        return courses_api.get_course(course_key)
    except NotFound:  # unknown or malformed
        return None


def gather_facts(user_id: int | None, course_key: str | None) -> DiagnosisFacts:
    """What the diagnosis needs about ``user_id`` (None: a visitor) in ``course_key`` (None or unknown)."""
    if user_id is None:
        return DiagnosisFacts(signed_in=False, course_known=False)
    course = _course_or_none(course_key)
    if course is None:
        return DiagnosisFacts(signed_in=True, course_known=False)
    key = course.course_key
    base = {
        "signed_in": True,
        "course_known": True,
        "course_title": course.title,
        "kind": course.kind,
        "issues_certificates": course.issues_certificates,
        "certificates_active": course.certificates_active,
        "self_paced": course.self_paced,
        "learner_generated": course.learner_generated_certificates,
    }
    enrollment = courses_api.get_enrollment(key, user_id)
    if enrollment is None or not enrollment.is_active:
        return DiagnosisFacts(**base, enrolled=False)

    profile = accounts_api.get_profile(user_id)
    is_employee = profile.account_type == "employee"
    admins: tuple[str, ...] = ()
    if is_employee and profile.company_id is not None:
        admins = tuple(admin.full_name for admin in accounts_api.company_admins(profile.company_id))

    cert = certificates_api.certificate_for(user_id, key)
    status = cert.status if cert and cert.status != "deleted" else None

    unmet: tuple[RequirementFact, ...] = ()
    attendance = None
    if course.is_live_event:
        attendance = events_api.attendance_of(user_id, key)
    elif status not in ("downloadable", "generating", "invalidated"):
        progress = learning_api.get_progress(user_id, key)
        unmet = tuple(RequirementFact(r.code, r.message, r.block_id) for r in progress.unmet_requirements)

    return DiagnosisFacts(
        **base,
        enrolled=True,
        is_employee=is_employee,
        company_admin_names=admins,
        unmet_requirements=unmet,
        attendance=attendance,
        certificate_status=status,
        certificate_issued_at=cert.issued_at if status else None,
        download_url=reverse("llp_edx_plugin:pages:certificate-download", args=[cert.uuid]) if status else None,
        records_url=reverse("llp_edx_plugin:pages:learning-records"),
        progress_url=reverse("llp_edx_plugin:pages:progress", kwargs={"course_key": key}),
    )


def trainings_of(user_id: int) -> list[TrainingChoice]:
    """The learner's active trainings (courses and live events), by title, for the contact form's select."""
    keys = [e.course_key for e in courses_api.user_enrollments(user_id)]
    courses = courses_api.list_courses(keys) if keys else []
    return sorted(
        (TrainingChoice(course_key=c.course_key, title=c.title, kind=c.kind) for c in courses),
        key=lambda choice: (choice.title.lower(), choice.course_key),
    )
