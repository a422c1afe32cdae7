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


@pytest.mark.django_db
def test_get_profiles_reads_what_get_profile_reads_for_each_kind_of_user(world):
    # Given users with a profile (an individual, an employee), a user without a profile and a full name from
    # first and last name, and one with neither
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    named = user_model.objects.create(username="no_profile", first_name="Ada", last_name="Lovelace", is_active=False)
    bare = user_model.objects.create(username="bare_user", email="bare@example.com")
    ids = [world.users["learner"].pk, world.users["employee"].pk, named.pk, bare.pk]

    # When they are read in bulk
    profiles = accounts_api.get_profiles(ids)

    # Then each is what the single read gives, and an unknown id is left out
    assert profiles == {user_id: accounts_api.get_profile(user_id) for user_id in ids}
    assert profiles[named.pk].full_name == "Ada Lovelace"
    assert profiles[bare.pk].full_name == "bare_user"
    assert profiles[world.users["employee"].pk].company_id == world.companies["acme"].id
    assert accounts_api.get_profiles([999_999]) == {}
