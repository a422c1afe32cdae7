"""Who may use the Instructor Dashboard's Certificates tab: a pure rule over an Actor."""

from ..accounts.api import permissions as account_rules
from ..accounts.data import Actor


def can_manage_certificates(actor: Actor, course_key: str) -> bool:
    """The course's instructors and staff, and platform staff; nobody else (not other courses' teams)."""
    return account_rules.is_course_team(actor, course_key)
