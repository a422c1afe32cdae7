"""Who may download a certificate: a table over the owner's account type and the actor."""

import pytest

from llp_edx_plugin.accounts.data import ANONYMOUS, ProfileData
from llp_edx_plugin.certificates.permissions import can_download, can_view
from tests.actors import actor

COURSE = "course-v1:LLP+CERT1+2026"


def owner(account_type: str, company_id: int | None = None) -> ProfileData:
    return ProfileData(
        user_id=1,
        username="o",
        email="",
        full_name="O",
        account_type=account_type,
        company_id=company_id,
        is_active=True,
    )


@pytest.mark.parametrize(
    ("who", "whose", "download", "view"),
    [
        (ANONYMOUS, owner("individual"), False, False),
        (actor(), owner("individual"), True, True),  # individuals download their own
        (actor(account_type="employee", company_id=5), owner("employee", 5), False, True),  # employees never
        (actor(user_id=2, account_type="company_admin", company_id=5), owner("employee", 5), True, True),
        (actor(user_id=2, account_type="company_admin", company_id=6), owner("employee", 5), False, False),
        (actor(user_id=2, account_type="company_admin", company_id=5), owner("individual"), False, False),
        (actor(account_type="company_admin", company_id=5), owner("company_admin", 5), True, True),
        (actor(user_id=2, course_roles={COURSE: "instructor"}), owner("employee", 5), True, True),
        (actor(user_id=2, course_roles={"course-v1:X+Y+Z": "instructor"}), owner("individual"), False, False),
        (actor(user_id=2, is_platform_staff=True), owner("employee", 5), True, True),
        (actor(user_id=2), owner("individual"), False, False),
    ],
)
def test_rights(who, whose, download, view):
    assert can_download(who, whose, COURSE) is download
    assert can_view(who, whose, COURSE) is view
