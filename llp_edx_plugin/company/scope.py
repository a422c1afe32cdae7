"""Which company an actor may act on, and which people are its employees (the company domain's one check)."""

from ..accounts import api as accounts_api
from ..accounts.data import Actor, CompanyData, ProfileData
from ..errors import FieldErrors, Forbidden, NotFound

__all__ = ["company_for", "employee_of"]


def company_for(actor: Actor, company_id: int | None = None) -> CompanyData:
    """The company ``actor`` may manage: a Company Admin's own; the one platform staff name.

    ``Forbidden`` for anyone else (and for a Company Admin naming another company); ``FieldErrors`` when
    staff name none; ``NotFound`` for an unknown company.
    """
    if not actor.is_authenticated:
        raise Forbidden("Sign in as a Company Admin.")
    if actor.is_platform_staff and company_id is None and not actor.is_company_admin:
        raise FieldErrors.single("company", "Choose a company.")
    if company_id is None:
        company_id = actor.company_id
    if company_id is None or not accounts_api.permissions.can_manage_company(actor, company_id):
        raise Forbidden("Only the company's Company Admins may manage its employees.")
    return accounts_api.get_company(company_id)


def employee_of(company: CompanyData, username: str) -> ProfileData:
    """An employee of the company by username; ``NotFound`` alike for unknown people and other companies'."""
    try:
        profile = accounts_api.get_profile_by_username(str(username or ""))
    except NotFound:
        profile = None
    if profile is None or profile.company_id != company.id or profile.account_type != "employee":
        raise NotFound(f"No employee '{username}' in {company.name}.")
    return profile
