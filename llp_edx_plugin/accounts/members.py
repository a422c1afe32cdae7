"""Members of a company: the employees a Company Admin manages (list, search, deactivate, restore)."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from ..errors import NotFound
from .data import CompanyData, ProfileData
from .models import AccountType, Company, Profile
from .profiles import company_data, profile_data

__all__ = ["company_employees", "company_member_ids", "list_companies", "set_account_active"]

MAX_PAGE = 500


def company_employee_ids(company_id: int, *, usernames: "list[str] | None" = None, active: bool | None = None):
    """The company's employees' user ids as a lazy query: other domains filter by it (``user_id__in``), so
    the database reads them as a subquery and no list of the company's size is ever built here."""
    rows = Profile.objects.filter(company_id=company_id, account_type=AccountType.EMPLOYEE)
    if usernames is not None:
        rows = rows.filter(user__username__in=usernames)
    if active is not None:
        rows = rows.filter(user__is_active=active)
    return rows.values("user_id")


def company_employees(
    company_id: int,
    *,
    search: str = "",
    usernames: "list[str] | None" = None,
    active: bool | None = None,
    offset: int = 0,
    limit: int | None = 50,
) -> tuple[int, list[ProfileData]]:
    """``(total, page)`` of the company's employees by name, optionally searched or narrowed (two queries).

    ``search`` matches the username, full name or e-mail (case-insensitive); ``active`` None lists both;
    ``limit`` None reads every match (bounded by the company's size: for its own bulk work).
    """
    rows = Profile.objects.filter(company_id=company_id, account_type=AccountType.EMPLOYEE).select_related("user")
    if search:
        rows = rows.filter(
            Q(user__username__icontains=search) | Q(full_name__icontains=search) | Q(user__email__icontains=search)
        )
    if usernames is not None:
        rows = rows.filter(user__username__in=usernames)
    if active is not None:
        rows = rows.filter(user__is_active=active)
    total = rows.count()
    ordered = rows.order_by("full_name", "user__username")
    start = max(0, int(offset))
    page = ordered[start:] if limit is None else ordered[start : start + max(0, min(int(limit), MAX_PAGE))]
    return total, [profile_data(row.user) for row in page]


def set_account_active(user_id: int, active: bool) -> ProfileData:
    """Deactivate or restore an account: its certificates are kept, hidden while inactive (DESIGN.md §4)."""
    updated = get_user_model().objects.filter(pk=user_id).update(is_active=bool(active))
    if not updated:
        raise NotFound(f"No user with id {user_id}")
    return profile_data(get_user_model().objects.select_related("llp_profile").get(pk=user_id))


def company_member_ids(company_id: int) -> list[int]:
    """Ids of the company's employees and Company Admins (the people whose certificates carry its logo)."""
    return list(Profile.objects.filter(company_id=company_id).order_by("user_id").values_list("user_id", flat=True))


def list_companies() -> list[CompanyData]:
    """Every company, by name (platform staff choose one to manage)."""
    return [company_data(company) for company in Company.objects.order_by("name")]
