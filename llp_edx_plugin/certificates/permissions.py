"""Who may download a certificate (CONTRACT.md), and as what: pure rules over an Actor and the owner's profile."""

from ..accounts.api import permissions as account_rules
from ..accounts.data import Actor, ProfileData
from .constants import DownloadKind


def is_holder(actor: Actor, owner: ProfileData) -> bool:
    """The holder downloads: an individual owner themself, or the Company Admin of an employee owner."""
    if not actor.is_authenticated:
        return False
    if actor.user_id == owner.user_id:
        return owner.account_type != "employee"
    return account_rules.is_company_admin_of(actor, owner)


def download_kind(actor: Actor, owner: ProfileData, course_key: str) -> DownloadKind | None:
    """``HOLDER`` for the holder, ``COPY`` for the course team and platform staff, None for anyone else.

    Someone who is both (a staff member's own certificate) downloads as the holder.
    """
    if not actor.is_authenticated:
        return None
    if is_holder(actor, owner):
        return DownloadKind.HOLDER
    if actor.is_platform_staff or account_rules.is_course_team(actor, course_key):
        return DownloadKind.COPY
    return None


def can_download(actor: Actor, owner: ProfileData, course_key: str) -> bool:
    """The owner (never an employee), the Company Admin of an employee owner, the course team, platform staff."""
    return download_kind(actor, owner, course_key) is not None


def can_view(actor: Actor, owner: ProfileData, course_key: str) -> bool:
    """Seeing the certificate record (not the PDF): the owner too, even an employee."""
    return actor.is_authenticated and (actor.user_id == owner.user_id or can_download(actor, owner, course_key))
