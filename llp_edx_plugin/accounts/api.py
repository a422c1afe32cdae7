"""The accounts domain's public functions: other domains call these, never the models."""

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from ..bulk_ids import ids_in
from ..errors import FieldErrors, Forbidden, NotFound
from ..json_input import bad_text_reason, check_text, fits_a_database_integer
from ..keys import parse_course_key
from . import permissions
from .authentication import API_AUTHENTICATION_CLASSES, ExpiringTokenAuthentication
from .data import ANONYMOUS, Actor, CompanyData, ProfileData
from .logos import check_logo
from .members import company_employee_ids, company_employees, company_member_ids, list_companies, set_account_active
from .models import AccountType, Company, CourseAccessRole, CourseRole, Profile
from .profiles import company_data, profile_data
from .throttle import login_retry_after
from .tokens import issue_token, revoke_tokens

__all__ = [
    "ACCOUNT_TYPES",
    "ACCOUNT_TYPE_LABELS",
    "API_AUTHENTICATION_CLASSES",
    "COURSE_ROLES",
    "Actor",
    "CompanyData",
    "ExpiringTokenAuthentication",
    "ProfileData",
    "check_logo",
    "company_admins",
    "company_employee_ids",
    "company_employees",
    "company_member_ids",
    "course_team",
    "create_account",
    "create_account_as",
    "create_company",
    "find_company",
    "get_actor",
    "get_actor_by_id",
    "get_companies",
    "get_company",
    "get_profile",
    "get_profile_by_username",
    "get_profiles",
    "issue_token",
    "list_companies",
    "login_retry_after",
    "permissions",
    "revoke_tokens",
    "set_account_active",
    "set_company_logo",
    "set_course_role",
    "set_mark_attendance",
]

User = get_user_model()
ACCOUNT_TYPES = tuple(AccountType.values)
ACCOUNT_TYPE_LABELS: dict[str, str] = dict(AccountType.choices)
COURSE_ROLES = tuple(CourseRole.values)
_ATTENDANCE_CODENAME = "mark_attendance"


def get_actor(user) -> Actor:
    """Everything the permission rules need about ``user``, in at most three queries."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return ANONYMOUS
    profile = Profile.objects.filter(user_id=user.pk).first()
    roles = {
        str(key): role
        for key, role in CourseAccessRole.objects.filter(user_id=user.pk).values_list("course_key", "role")
    }
    return Actor(
        user_id=user.pk,
        username=user.get_username(),
        is_authenticated=True,
        is_platform_staff=bool(user.is_staff or user.is_superuser),
        account_type=profile.account_type if profile else AccountType.INDIVIDUAL,
        company_id=profile.company_id if profile else None,
        can_mark_attendance=user.has_perm(f"llp_edx_plugin.{_ATTENDANCE_CODENAME}"),
        course_roles=roles,
    )


def get_actor_by_id(user_id: int) -> Actor:
    """The Actor of a user id (background work acting for whoever started it); ANONYMOUS when unknown."""
    return get_actor(User.objects.filter(pk=user_id).first())


def get_profile(user_id: int) -> ProfileData:
    """The profile of a user id; ``NotFound`` when there is no such user."""
    user = User.objects.select_related("llp_profile").filter(pk=user_id).first()
    if user is None:
        raise NotFound(f"No user with id {user_id}")
    return profile_data(user)


def get_profile_by_username(username: str) -> ProfileData:
    """The profile of a username (or e-mail address); ``NotFound`` when there is none."""
    if bad_text_reason(username):  # no such name can exist; PostgreSQL refuses NUL in a query
        raise NotFound(f"No user '{username!r}'")
    users = User.objects.select_related("llp_profile")
    user = users.filter(username=username).first() or (
        users.filter(email__iexact=username).first() if "@" in username else None
    )
    if user is None:
        raise NotFound(f"No user '{username}'")
    return profile_data(user)


def get_profiles(user_ids: "list[int] | set[int]") -> dict[int, ProfileData]:
    """Profiles for many users in one query, keyed by user id.

    Reads plain values, not model instances (what ``profile_data`` makes of a user, without building two
    objects per row): bulk issuing calls it for every chunk of learners (P1).
    """
    rows = User.objects.filter(pk__in=ids_in(user_ids)).values_list(
        "pk",
        User.USERNAME_FIELD,
        "email",
        "first_name",
        "last_name",
        "is_active",
        "llp_profile__pk",
        "llp_profile__full_name",
        "llp_profile__account_type",
        "llp_profile__company_id",
    )
    profiles = {}
    for pk, username, email, first, last, active, profile_pk, full_name, account_type, company_id in rows:
        has_profile = profile_pk is not None
        profiles[pk] = ProfileData(
            user_id=pk,
            username=username,
            email=email,
            full_name=(full_name if has_profile and full_name else f"{first} {last}".strip()) or username,
            account_type=account_type if has_profile else AccountType.INDIVIDUAL,
            company_id=company_id if has_profile else None,
            is_active=active,
        )
    return profiles


def get_company(company_id: int) -> CompanyData:
    """A company; ``NotFound`` when unknown."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        raise NotFound(f"No company with id {company_id}")
    return company_data(company)


def get_companies(company_ids: "list[int] | set[int]") -> dict[int, CompanyData]:
    """Companies for many ids in one query, keyed by id (unknown ids are left out)."""
    return {company.pk: company_data(company) for company in Company.objects.filter(pk__in=company_ids)}


def create_company(*, name: str) -> CompanyData:
    """Create a company; the name must be unique and not blank."""
    name = (name or "").strip()
    if not name:
        raise FieldErrors.single("name", "This field is required.")
    check_text(name, "name")
    try:
        with transaction.atomic():
            company = Company.objects.create(name=name[:200])
    except IntegrityError as exc:
        raise FieldErrors.single("name", "A company with this name already exists.") from exc
    return company_data(company)


def set_company_logo(company_id: int, logo_file) -> CompanyData:
    """Replace a company's logo with an uploaded file after checking its content (``FieldErrors`` on ``logo``).

    The stored name takes its extension from the real image format, never from the uploaded name.
    """
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        raise NotFound(f"No company with id {company_id}")
    checked = check_logo(logo_file)
    old_name = company.logo.name if company.logo else None
    company.logo.save(f"logo.{checked.extension}", logo_file, save=False)
    company.save(update_fields=["logo"])
    if old_name and old_name != company.logo.name:
        company.logo.storage.delete(old_name)
    return company_data(company)


def create_account(
    *,
    username: str,
    password: str,
    email: str = "",
    full_name: str = "",
    account_type: str = AccountType.INDIVIDUAL,
    company_id: int | None = None,
    is_staff: bool = False,
) -> ProfileData:
    """Create a user with its profile; ``FieldErrors`` for bad or conflicting values."""
    errors: dict[str, list[str]] = {}
    for field, text in (("username", username), ("email", email), ("full_name", full_name), ("password", password)):
        if isinstance(text, str) and bad_text_reason(text):
            errors.setdefault(field, []).append(bad_text_reason(text))
    if errors:
        raise FieldErrors(errors)
    if not username:
        errors.setdefault("username", []).append("This field is required.")
    elif len(username) > 150:
        errors.setdefault("username", []).append("At most 150 characters.")
    elif not _valid_username(username):
        errors.setdefault("username", []).append("Letters, digits and @/./+/-/_ only.")
    elif User.objects.filter(username=username).exists():
        errors.setdefault("username", []).append("A user with that username already exists.")
    if not password:
        errors.setdefault("password", []).append("This field is required.")
    else:
        try:  # the site's AUTH_PASSWORD_VALIDATORS, with the user's attributes for the similarity check
            password_validation.validate_password(password, User(username=username or "", email=email or ""))
        except ValidationError as exc:
            errors.setdefault("password", []).extend(exc.messages)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append("Enter a valid email address.")
    if len(full_name or "") > 255:
        errors.setdefault("full_name", []).append("At most 255 characters.")
    if account_type not in ACCOUNT_TYPES:
        errors.setdefault("account_type", []).append(f"Must be one of: {', '.join(ACCOUNT_TYPES)}.")
    needs_company = account_type in (AccountType.EMPLOYEE, AccountType.COMPANY_ADMIN)
    if needs_company and company_id is None:
        errors.setdefault("company_id", []).append("Employees and Company Admins need a company.")
    if not needs_company and company_id is not None and account_type in ACCOUNT_TYPES:
        errors.setdefault("company_id", []).append("Individuals do not belong to a company.")
    if company_id is not None and not (
        fits_a_database_integer(company_id) and Company.objects.filter(pk=company_id).exists()
    ):
        errors.setdefault("company_id", []).append("Unknown company.")
    if errors:
        raise FieldErrors(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, email=email, password=password, is_staff=is_staff)
            Profile.objects.create(user=user, full_name=full_name, account_type=account_type, company_id=company_id)
    except (IntegrityError, ValidationError) as exc:
        raise FieldErrors.single("username", "A user with that username already exists.") from exc
    return get_profile(user.pk)


def _valid_username(username: str) -> bool:
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        return False
    return True


def _user_named(username: str):
    user = None if bad_text_reason(username) else User.objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"No user '{username!r}'")
    return user


def set_mark_attendance(username: str, allowed: bool) -> bool:
    """Grant or withdraw the attendance-marking permission; returns the new value."""
    user = _user_named(username)
    permission = Permission.objects.get(codename=_ATTENDANCE_CODENAME, content_type__app_label="llp_edx_plugin")
    if allowed:
        user.user_permissions.add(permission)
    else:
        user.user_permissions.remove(permission)
    return bool(allowed)


def set_course_role(course_key: str, username: str, role: str | None) -> None:
    """Make ``username`` instructor or staff of a course; ``role=None`` removes them from the team."""
    key = parse_course_key(course_key)
    if role is not None and role not in COURSE_ROLES:
        raise FieldErrors.single("role", f"Must be one of: {', '.join(COURSE_ROLES)}.")
    user = _user_named(username)
    if role is None:
        CourseAccessRole.objects.filter(user=user, course_key=key).delete()
        return
    CourseAccessRole.objects.update_or_create(user=user, course_key=key, defaults={"role": role})


def course_team(course_key: str) -> dict[str, str]:
    """Usernames of a course's team mapped to their role."""
    key = parse_course_key(course_key)
    rows = CourseAccessRole.objects.filter(course_key=key).values_list("user__username", "role")
    return dict(rows)


def find_company(name: str) -> CompanyData | None:
    """The company with this exact name, or None."""
    company = Company.objects.filter(name=name).first()
    return company_data(company) if company else None


def create_account_as(
    actor: Actor,
    *,
    username: str,
    password: str,
    email: str = "",
    full_name: str = "",
    account_type: str = AccountType.INDIVIDUAL,
    company_id: int | None = None,
) -> ProfileData:
    """``create_account`` on behalf of ``actor`` (never a staff account): platform staff create any account; a
    Company Admin creates employees of their own company (theirs when ``company_id`` is left out). Else ``Forbidden``.
    """
    if not permissions.can_create_accounts(actor):
        raise Forbidden("Only platform staff and Company Admins may create accounts.")
    if company_id is None and actor.is_company_admin and not actor.is_platform_staff:
        company_id = actor.company_id
    if not permissions.can_create_account(actor, account_type, company_id):
        raise Forbidden("A Company Admin may only create employee accounts of their own company.")
    return create_account(
        username=username,
        password=password,
        email=email,
        full_name=full_name,
        account_type=account_type,
        company_id=company_id,
    )


def company_admins(company_id: int) -> list[ProfileData]:
    """The active Company Admins of a company, by full name (an employee's certificate is held by them)."""
    users = User.objects.select_related("llp_profile").filter(
        is_active=True, llp_profile__company_id=company_id, llp_profile__account_type=AccountType.COMPANY_ADMIN
    )
    return sorted((profile_data(user) for user in users), key=lambda p: (p.full_name.lower(), p.username))
