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


def enrollment_target(actor: Actor, username: str | None) -> ProfileData:
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
