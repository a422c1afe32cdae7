"""In a real browser: a learner's program on the dashboard (members' states, progress bar) and the staff page."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.programs import api as programs_api
from tests.certificates.conftest import build_reading_course, complete_blocks
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
COURSE_A = "course-v1:LLP+PA+2026"
COURSE_B = "course-v1:LLP+PB+2026"
COURSE_C = "course-v1:LLP+PC+2026"


@pytest.fixture
def learner_halfway(world, settings, tmp_path):
    """A learner in an in-order pathway of three courses, the first certified."""
    settings.MEDIA_ROOT = tmp_path / "media"
    readings = {key: build_reading_course(key) for key in (COURSE_A, COURSE_B, COURSE_C)}
    for key, title in (
        (COURSE_A, "Giving feedback"),
        (COURSE_B, "Coaching conversations"),
        (COURSE_C, "Leading change"),
    ):
        courses_api.update_advanced_settings(key, {"title": title})
    staff = accounts_api.get_actor(world.users["staff"])
    programs_api.create_program(
        staff,
        slug="leaders",
        title="Leaders Pathway",
        kind="pathway",
        members=[COURSE_A, COURSE_B, COURSE_C],
        description="Three courses, one after the other.",
        in_order=True,
    )
    learner = world.users["learner"]
    programs_api.enroll("leaders", learner.pk)
    complete_blocks(learner, COURSE_A, readings[COURSE_A])  # commits: the member certificate is issued
    assert certificates_api.certificate_for(learner.pk, COURSE_A) is not None
    return learner, readings


@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_a_program_on_the_dashboard(size, viewport, learner_halfway, new_page):
    page = new_page(viewport)
    log_in(page, "learner", PASSWORD)
    card = page.locator(".llp-program-card")
    assert card.count() == 1
    assert card.locator(".card-title").inner_text() == "Leaders Pathway"
    states = card.locator(".llp-program-member").evaluate_all("els => els.map(e => e.dataset.state)")
    assert states == ["certified", "open", "locked"]
    assert card.locator("[role=progressbar]").get_attribute("aria-valuenow") == "33"
    width = card.locator(".llp-bar > span").evaluate("el => el.getBoundingClientRect().width")
    assert width > 0
    assert page.locator(".llp-course-card[data-course-key='course-v1:LLP+leaders+program']").count() == 0
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"program-dashboard-{size}")


def test_the_program_certificate_on_the_dashboard_once_every_member_is_certified(learner_halfway, new_page):
    learner, readings = learner_halfway
    complete_blocks(learner, COURSE_B, readings[COURSE_B])
    complete_blocks(learner, COURSE_C, readings[COURSE_C])
    page = new_page(LAPTOP)
    log_in(page, "learner", PASSWORD)
    card = page.locator(".llp-program-card")
    assert card.locator("[role=progressbar]").get_attribute("aria-valuenow") == "100"
    assert card.locator("a", has_text="Download Certificate").count() == 1
    screenshot(page, "program-dashboard-certified")


def test_staff_programs_page(learner_halfway, new_page):
    page = new_page(LAPTOP)
    log_in(page, "staff", PASSWORD)
    page.goto("/programs")
    assert page.locator("tr[data-program='leaders']").count() == 1
    assert page.failed_responses == []
    screenshot(page, "programs-staff")
    page.goto("/programs/leaders")
    assert page.locator("[data-testid=program-members]").input_value().splitlines() == [COURSE_A, COURSE_B, COURSE_C]
    screenshot(page, "program-edit-staff")
