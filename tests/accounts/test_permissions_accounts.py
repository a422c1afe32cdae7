"""Table tests of the account-creation, team and enrollment rules."""

import pytest

from llp_edx_plugin.accounts import permissions
from llp_edx_plugin.accounts.data import ANONYMOUS
from tests.actors import actor

COURSE = "course-v1:LLP+LEAD101+2026"


ADMIN_OF_1 = actor(account_type="company_admin", company_id=1)


@pytest.mark.parametrize(
    ("who", "account_type", "company_id", "expected"),
    [
        (ANONYMOUS, "individual", None, False),
        (actor(), "individual", None, False),
        (actor(account_type="employee", company_id=1), "employee", 1, False),
        (ADMIN_OF_1, "employee", 1, True),
        (ADMIN_OF_1, "employee", 2, False),
        (ADMIN_OF_1, "employee", None, False),
        (ADMIN_OF_1, "company_admin", 1, False),
        (ADMIN_OF_1, "individual", None, False),
        (actor(account_type="company_admin", company_id=None), "employee", None, False),
        (actor(course_roles={COURSE: "instructor"}), "employee", 1, False),
        (actor(is_platform_staff=True), "company_admin", 2, True),
        (actor(is_platform_staff=True), "individual", None, True),
    ],
)
def test_can_create_account(who, account_type, company_id, expected):
    assert permissions.can_create_account(who, account_type, company_id) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (ANONYMOUS, False),
        (actor(), False),
        (actor(course_roles={COURSE: "instructor"}), True),
        (actor(course_roles={COURSE: "staff"}), False),
        (actor(course_roles={"course-v1:X+Y+Z": "instructor"}), False),
        (ADMIN_OF_1, False),
        (actor(is_platform_staff=True), True),
    ],
)
def test_can_manage_team(who, expected):
    assert permissions.can_manage_team(who, COURSE) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (ANONYMOUS, False),
        (actor(), False),
        (actor(account_type="employee", company_id=1), False),
        (actor(course_roles={COURSE: "instructor"}), False),
        (ADMIN_OF_1, True),
        (actor(is_platform_staff=True), True),
    ],
)
def test_can_enroll_others(who, expected):
    assert permissions.can_enroll_others(who) is expected
