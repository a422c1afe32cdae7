"""Accounts API: accounts, companies, actors."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.errors import FieldErrors, NotFound


@pytest.mark.django_db
def test_employee_needs_a_company_and_nothing_is_created():
    with pytest.raises(FieldErrors) as exc:
        accounts_api.create_account(username="e1", password="x", account_type="employee")
    assert "company_id" in exc.value.errors
    with pytest.raises(NotFound):
        accounts_api.get_profile_by_username("e1")


def test_actor_of_world_people(world):
    admin = accounts_api.get_actor(world.users["company_admin"])
    assert admin.is_company_admin
    assert admin.company_id == world.companies["acme"].id
    instructor = accounts_api.get_actor(world.users["instructor"])
    assert instructor.course_roles == {world.course_key: "instructor"}
    assert accounts_api.get_actor(world.users["attendance_admin"]).can_mark_attendance is True
    assert accounts_api.get_actor(world.users["learner"]).can_mark_attendance is False
