"""Pages: the learner's dashboard and learning records show each program with its members and a bar; the
Company Admin sees programs per employee."""

import pytest
from django.urls import reverse

from llp_edx_plugin.programs import api as programs_api
from tests.programs.conftest import COURSE_A, COURSE_B

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_dashboard_shows_the_program_with_members_and_bar(client, world, pathway, finish):
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    finish(learner, COURSE_A)
    page = _login(client, learner).get(reverse("llp_edx_plugin:pages:dashboard")).content.decode()
    assert 'data-program="leaders"' in page
    assert "Leaders Pathway" in page
    assert f'data-member="{COURSE_A}" data-state="certified"' in page
    assert f'data-member="{COURSE_B}" data-state="open"' in page
    assert 'aria-valuenow="50"' in page
    assert 'data-course-key="course-v1:LLP+leaders+program"' not in page  # not a course card
    finish(learner, COURSE_B)
    page = client.get(reverse("llp_edx_plugin:pages:dashboard")).content.decode()
    assert 'aria-valuenow="100"' in page
    assert "Download Certificate" in page


def test_in_order_program_locks_later_members(client, world, pathway, staff):
    programs_api.update_program(staff, "leaders", {"in_order": True})
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    page = _login(client, learner).get(reverse("llp_edx_plugin:pages:dashboard")).content.decode()
    assert f'data-member="{COURSE_B}" data-state="locked"' in page
    assert "Complete the previous training first" in page


def test_employee_sees_the_company_admin_holds_the_program_certificate(client, world, pathway, finish):
    employee = world.users["employee"]
    programs_api.enroll("leaders", employee.pk)
    finish(employee, COURSE_A)
    finish(employee, COURSE_B)
    page = _login(client, employee).get(reverse("llp_edx_plugin:pages:dashboard")).content.decode()
    assert "Completed — your certificate is managed by your Company Admin" in page
    assert "Download Certificate" not in page


def test_learning_records_show_programs(client, world, pathway, finish):
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    finish(learner, COURSE_A)
    page = _login(client, learner).get(reverse("llp_edx_plugin:pages:learning-records")).content.decode()
    assert 'data-program="leaders"' in page
    assert 'aria-valuenow="50"' in page


def test_company_admin_sees_programs_per_employee(client, world, pathway, finish):
    employee = world.users["employee"]
    programs_api.enroll("leaders", employee.pk, assigned_by_id=world.users["company_admin"].pk)
    finish(employee, COURSE_A)
    page = _login(client, world.users["company_admin"]).get(reverse("llp_edx_plugin:company-home")).content.decode()
    assert "Leaders Pathway" in page
    assert "Pathway</span>" in page
