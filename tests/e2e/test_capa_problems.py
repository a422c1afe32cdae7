"""A learner answers imported CAPA problems in a real browser: a wrong answer on a one-attempt problem completes it."""

import pytest
from opaque_keys.edx.keys import CourseKey
from playwright.sync_api import expect

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from tests.courses.olx.archives import FIXTURES
from tests.people import PASSWORD

from .conftest import LAPTOP, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
COURSE = "course-v1:LLP+CAPA101+2026"


@pytest.fixture
def enrolled(world):
    courses_api.import_olx(FIXTURES / "capa")
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True)
    courses_api.enroll(COURSE, world.users["learner"].pk)
    return world.users["learner"]


def test_a_wrong_answer_on_a_one_attempt_problem_completes_it(enrolled, new_page):
    page = new_page(LAPTOP)
    log_in(page, "learner", PASSWORD)
    page.goto(f"/courses/{COURSE}/")
    once = page.locator("form.llp-problem").filter(has_text="One attempt")
    once.get_by_label("Venus").check()
    with page.expect_response(lambda response: "/handler/submit" in response.url):
        once.get_by_role("button", name="Submit").click()
    expect(once.locator(".llp-quiz-result")).to_have_text("Submitted: score 0/1")
    expect(once.get_by_role("button", name="Submit")).to_be_disabled()

    sun = page.locator("form.llp-problem").filter(has_text="Distance to the Sun")
    sun.get_by_label("Answer").fill("9^9^9^9")
    with page.expect_response(lambda response: "/handler/submit" in response.url):
        sun.get_by_role("button", name="Submit").click()
    expect(sun.locator(".llp-quiz-error")).to_contain_text("Could not be graded")
    sun.get_by_label("Answer").fill("9.3*10^7")
    with page.expect_response(lambda response: "/handler/submit" in response.url):
        sun.get_by_role("button", name="Submit").click()
    expect(sun.locator(".llp-quiz-result")).to_have_text("Submitted: score 1/1")
    dropdowns = page.locator("form.llp-problem").filter(has_text="Dropdowns")
    dropdowns.locator("select").nth(0).select_option("Blue")
    dropdowns.locator("select").nth(1).select_option("Square")
    with page.expect_response(lambda response: "/handler/submit" in response.url):
        dropdowns.get_by_role("button", name="Submit").click()
    expect(dropdowns.locator(".llp-quiz-result")).to_have_text("Submitted: score 1/2")
    screenshot(page, "learner-capa-problems-laptop")

    page.goto(f"/courses/{COURSE}/progress")
    assert "Submitted · score 0/1 · 1 of 1 attempts used" in page.inner_text("body")
    screenshot(page, "learner-capa-progress-laptop")
    # The one 400 is the refused expression; every stylesheet and script loaded.
    assert [url.rsplit("/", 1)[-1] for url in page.failed_responses] == ["submit"]
