"""Table tests of the pure permission rules."""

import pytest

from llp_edx_plugin.accounts import permissions
from llp_edx_plugin.accounts.data import ANONYMOUS, ProfileData
from tests.actors import actor

COURSE = "course-v1:LLP+LEAD101+2026"


EMPLOYEE_OF_1 = ProfileData(
    user_id=9, username="e", email="", full_name="E", account_type="employee", company_id=1, is_active=True
)
INDIVIDUAL = ProfileData(
    user_id=8, username="i", email="", full_name="I", account_type="individual", company_id=None, is_active=True
)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (ANONYMOUS, False),
        (actor(), False),
        (actor(course_roles={COURSE: "instructor"}), True),
        (actor(course_roles={COURSE: "staff"}), True),
        (actor(course_roles={"course-v1:X+Y+Z": "instructor"}), False),
        (actor(is_platform_staff=True), True),
        (actor(account_type="company_admin", company_id=1), False),
    ],
)
def test_is_course_team(who, expected):
    assert permissions.is_course_team(who, COURSE) is expected


@pytest.mark.parametrize(
    ("who", "target", "expected"),
    [
        (ANONYMOUS, INDIVIDUAL, False),
        (actor(user_id=8), INDIVIDUAL, True),  # self-enrollment
        (actor(user_id=2), INDIVIDUAL, False),
        (actor(account_type="company_admin", company_id=1), EMPLOYEE_OF_1, True),
        (actor(account_type="company_admin", company_id=2), EMPLOYEE_OF_1, False),
        (actor(account_type="company_admin", company_id=1), INDIVIDUAL, False),
        (actor(account_type="employee", company_id=1), EMPLOYEE_OF_1, False),
        (actor(is_platform_staff=True), EMPLOYEE_OF_1, True),
        (actor(course_roles={COURSE: "instructor"}), INDIVIDUAL, False),
    ],
)
def test_can_enroll(who, target, expected):
    assert permissions.can_enroll(who, target) is expected


@pytest.mark.parametrize(
    ("who", "company_id", "expected"),
    [
        (ANONYMOUS, 1, False),
        (actor(), 1, False),
        (actor(account_type="company_admin", company_id=1), 1, True),
        (actor(account_type="company_admin", company_id=2), 1, False),
        (actor(account_type="employee", company_id=1), 1, False),
        (actor(is_platform_staff=True), 1, True),
    ],
)
def test_can_manage_company(who, company_id, expected):
    assert permissions.can_manage_company(who, company_id) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (ANONYMOUS, False),
        (actor(), False),
        (actor(can_mark_attendance=True), True),
        (actor(is_platform_staff=True), True),
    ],
)
def test_can_mark_attendance(who, expected):
    assert permissions.can_mark_attendance(who) is expected
