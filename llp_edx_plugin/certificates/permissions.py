"""Who may download a certificate (CONTRACT.md): pure rules over an Actor and the owner's profile."""

from ..accounts.api import permissions as account_rules
from ..accounts.data import Actor, ProfileData


def can_download(actor: Actor, owner: ProfileData, course_key: str) -> bool:
    """The owner (never an employee), the Company Admin of an employee owner, the course team, platform staff."""
    if not actor.is_authenticated:
        return False
    if actor.is_platform_staff or account_rules.is_course_team(actor, course_key):
        return True
    if actor.user_id == owner.user_id:
        return owner.account_type != "employee"
    return account_rules.is_company_admin_of(actor, owner)


def can_view(actor: Actor, owner: ProfileData, course_key: str) -> bool:
    """Seeing the certificate record (not the PDF): the owner too, even an employee."""
    return actor.is_authenticated and (actor.user_id == owner.user_id or can_download(actor, owner, course_key))
