"""Permission rules: pure functions over an ``Actor`` and plain data (table-tested)."""

from .data import Actor, ProfileData


def is_course_team(actor: Actor, course_key: str) -> bool:
    """Instructors and staff of the course, and platform staff."""
    if not actor.is_authenticated:
        return False
    return actor.is_platform_staff or str(course_key) in actor.course_roles


def can_manage_company(actor: Actor, company_id: int) -> bool:
    """Platform staff, and the Company Admins of that company."""
    if not actor.is_authenticated:
        return False
    return actor.is_platform_staff or (actor.is_company_admin and actor.company_id == company_id)


def is_company_admin_of(actor: Actor, target: ProfileData) -> bool:
    """The actor is a Company Admin of the company the (employee) target belongs to."""
    return (
        actor.is_authenticated
        and actor.is_company_admin
        and target.account_type == "employee"
        and target.company_id is not None
        and actor.company_id == target.company_id
    )


def can_enroll(actor: Actor, target: ProfileData) -> bool:
    """Self-enrollment, a Company Admin assigning an employee of their company, or platform staff."""
    if not actor.is_authenticated:
        return False
    if actor.user_id == target.user_id:
        return True
    return actor.is_platform_staff or is_company_admin_of(actor, target)


def can_view_learner(actor: Actor, target: ProfileData, course_key: str) -> bool:
    """The learner themself, the course team, platform staff, and an employee's Company Admin."""
    if not actor.is_authenticated:
        return False
    return actor.user_id == target.user_id or is_course_team(actor, course_key) or is_company_admin_of(actor, target)


def can_mark_attendance(actor: Actor) -> bool:
    """Holders of the attendance permission ("Accelerated Leadership administrator") and platform staff."""
    return actor.is_authenticated and (actor.is_platform_staff or actor.can_mark_attendance)


def can_manage_accounts(actor: Actor) -> bool:
    """Creating users and companies, granting permissions: platform staff only."""
    return actor.is_authenticated and actor.is_platform_staff


def can_create_account(actor: Actor, account_type: str, company_id: int | None) -> bool:
    """Platform staff create any account; a Company Admin creates employees of their own company only."""
    if not actor.is_authenticated:
        return False
    if actor.is_platform_staff:
        return True
    return (
        actor.is_company_admin
        and account_type == "employee"
        and actor.company_id is not None
        and company_id == actor.company_id
    )


def can_manage_team(actor: Actor, course_key: str) -> bool:
    """Platform staff and the course's instructors; ``staff`` role members help teach but not manage the team."""
    if not actor.is_authenticated:
        return False
    return actor.is_platform_staff or actor.course_roles.get(str(course_key)) == "instructor"


def can_enroll_others(actor: Actor) -> bool:
    """Whether the actor may enroll anyone but themself at all (before looking the other user up)."""
    return actor.is_authenticated and (actor.is_platform_staff or actor.is_company_admin)


def can_create_accounts(actor: Actor) -> bool:
    """Whether the actor may create any account at all (before looking at which): platform staff, Company Admins."""
    return actor.is_authenticated and (actor.is_platform_staff or actor.is_company_admin)


def can_view_job(actor: Actor, *, requested_by_id: int | None, course_key: str | None) -> bool:
    """A job's status: whoever requested it, the course team of its course, and platform staff."""
    if not actor.is_authenticated:
        return False
    if actor.is_platform_staff or (requested_by_id is not None and actor.user_id == requested_by_id):
        return True
    return course_key is not None and is_course_team(actor, course_key)
