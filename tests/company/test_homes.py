"""A home for every role (issue 13): what the dashboard shows each person first."""

import pytest
from django.test import Client

from tests.certificates.conftest import CERT_COURSE

pytestmark = pytest.mark.django_db


def home(world, name: str) -> str:
    client = Client()
    client.force_login(world.users[name])
    response = client.get("/dashboard")
    assert response.status_code == 200
    return response.content.decode()


def test_instructor_lands_on_the_courses_they_teach(company_world):
    html = home(company_world, "instructor")
    assert 'data-testid="home-teaching"' in html
    assert f'href="/courses/{company_world.course_key}/instructor"' in html
    assert f'href="/courses/{company_world.course_key}/settings/advanced"' in html
    assert f'href="/courses/{company_world.course_key}/settings/grading"' in html
    assert company_world.other_course_key not in html  # not their course
    assert "You are not enrolled in any course yet." not in html


def test_company_admin_lands_on_the_company_summary(company_world):
    html = home(company_world, "company_admin")
    assert 'data-testid="home-company"' in html
    assert "Acme Corp" in html
    assert 'href="/company"' in html
    assert 'data-testid="home-teaching"' not in html


def test_staff_see_every_course_and_the_company_link(company_world):
    html = home(company_world, "staff")
    for key in (company_world.course_key, company_world.other_course_key, CERT_COURSE):
        assert f'href="/courses/{key}/instructor"' in html
    assert 'href="/company"' in html


def test_learners_see_their_courses_only(company_world):
    html = home(company_world, "employee")
    assert 'data-testid="home-teaching"' not in html
    assert 'data-testid="home-company"' not in html
    assert 'href="/company"' not in html
    assert CERT_COURSE in html


def test_the_home_makes_a_bounded_number_of_queries(company_world, django_assert_max_num_queries):
    client = Client()
    client.force_login(company_world.users["staff"])
    with django_assert_max_num_queries(25):
        client.get("/dashboard")
