"""The cast of the permission matrix, built through the domain APIs as a real client would."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api

COURSE = "course-v1:LLP+LEAD101+2026"
OTHER_COURSE = "course-v1:LLP+OTHER201+2026"

# Every person's password: it passes the site's AUTH_PASSWORD_VALIDATORS (a username-like one would not).
PASSWORD = "Secret-pass-2026"

# Who may and who may not: every endpoint's permission test walks this list.
ROLES = (
    "anonymous",
    "learner",
    "employee",
    "company_admin",
    "other_company_admin",
    "instructor",
    "other_instructor",
    "staff",
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    companies: dict = field(default_factory=dict)
    course_key: str = COURSE
    other_course_key: str = OTHER_COURSE


def make_user(username: str, account_type: str = "individual", company_id: int | None = None, **extra):
    """Create a user with a profile and return the User instance."""
    accounts_api.create_account(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.com",
        full_name=extra.pop("full_name", username.replace("_", " ").title()),
        account_type=account_type,
        company_id=company_id,
        is_staff=extra.pop("is_staff", False),
    )
    return get_user_model().objects.get(username=username)


def build_world() -> World:
    world = World()
    acme = accounts_api.create_company(name="Acme Corp")
    globex = accounts_api.create_company(name="Globex")
    world.companies = {"acme": acme, "globex": globex}
    world.users["learner"] = make_user("learner")
    world.users["employee"] = make_user("employee", "employee", acme.id)
    world.users["company_admin"] = make_user("company_admin", "company_admin", acme.id)
    world.users["other_employee"] = make_user("other_employee", "employee", globex.id)
    world.users["other_company_admin"] = make_user("other_company_admin", "company_admin", globex.id)
    world.users["instructor"] = make_user("instructor")
    world.users["other_instructor"] = make_user("other_instructor")
    world.users["staff"] = make_user("staff", is_staff=True)
    world.users["attendance_admin"] = make_user("attendance_admin")
    accounts_api.set_mark_attendance("attendance_admin", True)
    courses_api.create_course(course_key=COURSE, title="Leading Teams", self_paced=True)
    courses_api.create_course(course_key=OTHER_COURSE, title="Other Course")
    # Both courses issue certificates and are set up: learners get their courseware (DESIGN.md §4).
    courses_api.set_certificates_active(COURSE, True)
    courses_api.set_certificates_active(OTHER_COURSE, True)
    accounts_api.set_course_role(COURSE, "instructor", "instructor")
    accounts_api.set_course_role(OTHER_COURSE, "other_instructor", "instructor")
    return world
