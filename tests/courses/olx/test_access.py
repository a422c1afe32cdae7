"""Who may import a course export (pure rules)."""

import pytest

from llp_edx_plugin.accounts.data import ANONYMOUS, Actor
from llp_edx_plugin.courses.olx import access

COURSE = "course-v1:LLP+OLX101+2026"


def _actor(*, staff: bool = False, roles: dict | None = None) -> Actor:
    return Actor(
        user_id=7,
        username="someone",
        is_authenticated=True,
        is_platform_staff=staff,
        account_type="individual",
        company_id=None,
        course_roles=roles or {},
    )


@pytest.mark.parametrize(
    ("actor", "exists", "allowed"),
    [
        (ANONYMOUS, True, False),
        (_actor(), True, False),
        (_actor(staff=True), False, True),
        (_actor(staff=True), True, True),
        (_actor(roles={COURSE: "instructor"}), True, True),
        (_actor(roles={COURSE: "staff"}), True, True),
        (_actor(roles={COURSE: "instructor"}), False, False),  # a team may not create courses
        (_actor(roles={"course-v1:LLP+OTHER+2026": "instructor"}), True, False),
    ],
)
def test_can_import_course(actor, exists, allowed):
    assert access.can_import_course(actor, COURSE, exists) is allowed


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (ANONYMOUS, False),
        (_actor(), False),
        (_actor(staff=True), True),
        (_actor(roles={"course-v1:LLP+OTHER+2026": "staff"}), True),
    ],
)
def test_may_attempt_import_before_reading_the_archive(actor, allowed):
    assert access.may_attempt_import(actor) is allowed
