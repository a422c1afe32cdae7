"""Enrolling on someone's behalf: who may enroll whom, and whether it assigns the training (CONTRACT.md)."""

from dataclasses import dataclass
from datetime import datetime

from ..accounts import api as accounts_api
from ..accounts.data import Actor, ProfileData
from ..errors import FieldErrors, Forbidden, NotFound


@dataclass(frozen=True)
class EnrollmentResult:
    """An enrollment as the API answers it: with the learner's and the assigner's usernames."""

    username: str
    course_key: str
    is_active: bool
    assigned_by: str | None
    created: datetime


MAY_NOT_ENROLL = "You may not enroll this user."


def _target(actor: Actor, username: str | None) -> ProfileData:
    """The learner to enroll: the caller, or the named user when the caller may enroll others.

    Only platform staff learn that a username is unknown (400); anyone else gets the same 403 for an unknown
    user as for one they may not enroll, so that nobody can probe which accounts exist (ADR 0021).
    """
    if not username or username == actor.username:
        return accounts_api.get_profile(actor.user_id)
    if not accounts_api.permissions.can_enroll_others(actor):
        raise Forbidden("You may only enroll yourself.")  # before the lookup: no probing of usernames
    try:
        return accounts_api.get_profile_by_username(username)
    except NotFound as exc:
        if actor.is_platform_staff:
            raise FieldErrors.single("username", f"No user '{username}'.") from exc
        raise Forbidden(MAY_NOT_ENROLL) from None


def enroll_as(actor: Actor, course_key: str, username: str | None = None) -> tuple[EnrollmentResult, bool]:
    """Enroll the caller (no ``username``) or, if allowed, another user; whether the enrollment is new.

    404 unknown course; 403 enrolling someone one may not; 400 ``username`` unknown. A Company Admin enrolling
    an employee of their company assigns the training (``assigned_by``).
    """
    from . import api as courses_api  # this module is part of courses.api's door

    course = courses_api.get_course(course_key)
    target = _target(actor, username)
    if not accounts_api.permissions.can_enroll(actor, target):
        raise Forbidden(MAY_NOT_ENROLL)
    assigning = accounts_api.permissions.is_company_admin_of(actor, target)
    enrollment, created = courses_api.enroll(
        course.course_key, target.user_id, assigned_by_id=actor.user_id if assigning else None
    )
    assigned_by = None
    if enrollment.assigned_by_id is not None:
        assigned_by = accounts_api.get_profile(enrollment.assigned_by_id).username
    result = EnrollmentResult(
        username=target.username,
        course_key=enrollment.course_key,
        is_active=enrollment.is_active,
        assigned_by=assigned_by,
        created=enrollment.created,
    )
    return result, created
