"""In a real browser: a learner signs in and lands on the dashboard; pages are styled and fit a phone."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BOOTSTRAP_PRIMARY = "rgb(13, 110, 253)"  # Bootstrap 5's --bs-primary (#0d6efd)
LLP_ACCENT = "rgb(31, 78, 121)"  # llp.css --llp-accent (#1f4e79)


@pytest.fixture
def enrolled_learner(world):
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    return world.users["learner"]


@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_a_learner_signs_in_and_lands_on_the_dashboard_with_a_course_card(size, viewport, enrolled_learner, new_page):
    # Given the sign-in page
    page = new_page(viewport)
    page.goto("/login")
    assert page.locator("h1").inner_text() == "Sign in"
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"login-{size}")

    # When the learner signs in
    log_in(page, "learner", PASSWORD)

    # Then the dashboard shows their course card, styled by Bootstrap and the plugin's CSS
    assert page.url.endswith("/dashboard")
    card = page.locator(".llp-course-card")
    assert card.count() == 1
    assert card.locator(".card-title").inner_text() == "Leading Teams"
    assert card.locator("a", has_text="Progress").get_attribute("href") == (
        "/courses/course-v1:LLP+LEAD101+2026/progress"
    )
    open_button = card.locator("a.btn-primary")
    assert open_button.get_attribute("href") == "/courses/course-v1:LLP+LEAD101+2026/"
    assert open_button.evaluate("el => getComputedStyle(el).backgroundColor") == BOOTSTRAP_PRIMARY
    assert page.locator("nav.llp-navbar").evaluate("el => getComputedStyle(el).backgroundColor") == LLP_ACCENT
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"dashboard-{size}")


def test_a_wrong_password_shows_the_error_and_stays_on_the_sign_in_page(enrolled_learner, new_page):
    page = new_page(PHONE)

    log_in(page, "learner", "not-the-password")

    assert page.url.endswith("/login")
    assert page.locator(".alert-danger").inner_text() == ("Your username and password didn't match. Please try again.")
    assert page.locator(".llp-course-card").count() == 0
    assert horizontal_overflow(page) <= 0
    screenshot(page, "login-error-phone")


def test_the_dashboard_asks_an_anonymous_visitor_to_sign_in_first(new_page):
    page = new_page(LAPTOP)

    page.goto("/dashboard")

    assert page.url.endswith("/login?next=/dashboard")
    assert page.locator("h1").inner_text() == "Sign in"


def test_a_learner_with_no_course_is_told_so(world, new_page):
    page = new_page(PHONE)

    log_in(page, "employee", PASSWORD)

    assert page.url.endswith("/dashboard")
    assert page.locator(".alert-info").inner_text() == "You are not enrolled in any course yet."
    assert horizontal_overflow(page) <= 0


def test_the_phone_menu_opens_to_sign_out(enrolled_learner, new_page):
    page = new_page(PHONE)
    log_in(page, "learner", PASSWORD)
    sign_out = page.get_by_role("button", name="Sign out")
    assert not sign_out.is_visible()  # folded away behind the menu button on a phone

    page.click(".navbar-toggler")

    sign_out.wait_for(state="visible")
    assert page.failed_responses == []
