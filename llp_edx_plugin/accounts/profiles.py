"""The one place a user row becomes ``ProfileData`` and a company row ``CompanyData``."""

from .data import CompanyData, ProfileData
from .models import AccountType


def profile_data(user) -> ProfileData:
    """ProfileData of a User (with ``llp_profile`` selected, to avoid a query)."""
    profile = getattr(user, "llp_profile", None)
    return ProfileData(
        user_id=user.pk,
        username=user.get_username(),
        email=user.email,
        full_name=(profile.full_name if profile and profile.full_name else user.get_full_name()) or user.username,
        account_type=profile.account_type if profile else AccountType.INDIVIDUAL,
        company_id=profile.company_id if profile else None,
        is_active=user.is_active,
    )


def company_data(company) -> CompanyData:
    """CompanyData of a Company row."""
    return CompanyData(
        id=company.pk,
        name=company.name,
        logo_url=company.logo.url if company.logo else None,
        logo_path=company.logo.name if company.logo else None,
    )
