"""Plain, immutable data the accounts domain hands to other domains."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CompanyData:
    id: int
    name: str
    logo_url: str | None
    logo_path: str | None  # storage name of the logo file, for rendering


@dataclass(frozen=True)
class ProfileData:
    user_id: int
    username: str
    email: str
    full_name: str
    account_type: str
    company_id: int | None
    is_active: bool


@dataclass(frozen=True)
class Actor:
    """Who is acting, with everything the permission rules need (no queries inside the rules)."""

    user_id: int | None
    username: str
    is_authenticated: bool
    is_platform_staff: bool
    account_type: str | None
    company_id: int | None
    can_mark_attendance: bool = False
    course_roles: dict[str, str] = field(default_factory=dict)  # course key string -> role

    @property
    def is_company_admin(self) -> bool:
        return self.account_type == "company_admin"


ANONYMOUS = Actor(
    user_id=None,
    username="",
    is_authenticated=False,
    is_platform_staff=False,
    account_type=None,
    company_id=None,
)
