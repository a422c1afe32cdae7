"""Who may import a course export: pure rules over an Actor (table-tested)."""

from ...accounts.api import permissions
from ...accounts.data import Actor


def may_attempt_import(actor: Actor) -> bool:
    """Before the archive is read: platform staff, or someone on at least one course team."""
    return actor.is_authenticated and (actor.is_platform_staff or bool(actor.course_roles))


def can_import_course(actor: Actor, course_key: str, course_exists: bool) -> bool:
    """Platform staff import anything; a course team (instructor/staff) only re-imports its existing course."""
    if not actor.is_authenticated:
        return False
    if actor.is_platform_staff:
        return True
    return course_exists and permissions.is_course_team(actor, course_key)
