"""Support in a real browser: "Certificate missing?" from Progress, the form's diagnosis, staff answering."""

import pytest
from django.core import mail

from llp_edx_plugin.support.models import SupportRequest
from tests.people import PASSWORD

from ..support.conftest import LIVE, live_event, video_course  # noqa: F401 - fixtures
from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_learner_finds_the_answer_on_the_form_then_sends_it(world, video_course, live_event, new_page):  # noqa: F811
    page = new_page(LAPTOP)
    log_in(page, "learner", PASSWORD)
    page.goto(f"/courses/{world.course_key}/progress")
    page.get_by_role("link", name="Certificate missing?").click()
    page.wait_for_url("**/support/contact?course_key=*")

    diagnosis = page.get_by_test_id("diagnosis")
    assert page.locator("#id_course_key").input_value() == world.course_key
    assert "Video 'Intro' watched 0% of 4:10 — it must be watched in full" in diagnosis.inner_text()
    assert page.locator("#id_email").input_value() == "learner@example.com"
    screenshot(page, "support-contact-diagnosis-laptop")

    with page.expect_response(lambda response: "/api/v1/support/diagnosis" in response.url):
        page.select_option("#id_course_key", LIVE)
    page.wait_for_selector('[data-code="attendance_not_marked"]')
    assert "Attendance not yet marked for 'Kick-off live session'" in diagnosis.inner_text()
    assert "video_not_watched" not in diagnosis.inner_html()
    screenshot(page, "support-contact-live-event-laptop")

    page.fill("#id_message", "I attended the kick-off, where is my certificate?")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/support/requests/*")
    assert "Request #" in page.locator("h1").inner_text()
    assert "Attendance not yet marked" in page.get_by_test_id("diagnosis-sent").inner_text()
    screenshot(page, "support-request-sent-laptop")
    assert SupportRequest.objects.get().diagnosis[0]["code"] == "attendance_not_marked"
    assert page.failed_responses == []


def test_the_contact_form_fits_a_phone(world, video_course, new_page):  # noqa: F811
    page = new_page(PHONE)
    log_in(page, "learner", PASSWORD)
    page.goto(f"/support/contact?course_key={world.course_key}")
    assert "Video 'Intro' watched 0%" in page.get_by_test_id("diagnosis").inner_text()
    screenshot(page, "support-contact-diagnosis-phone")
    assert horizontal_overflow(page) == 0


def _a_request(world):
    from llp_edx_plugin.accounts import api as accounts_api
    from llp_edx_plugin.support import api as support_api

    return support_api.create_request(
        accounts_api.get_actor(world.users["learner"]),
        name="Learner",
        email="learner@example.com",
        course_key=world.course_key,
        message="I finished the course last week but I see no certificate. Could you check?",
    )


@pytest.mark.parametrize(("viewport", "label"), [(LAPTOP, "laptop"), (PHONE, "phone")])
def test_staff_answer_a_request(world, video_course, new_page, viewport, label):  # noqa: F811
    sent = _a_request(world)
    page = new_page(viewport)
    log_in(page, "staff", PASSWORD)
    page.goto("/support/requests")
    screenshot(page, f"support-requests-staff-{label}")
    page.locator(f'[data-request-id="{sent.id}"]').click()
    page.wait_for_url(f"**/support/requests/{sent.id}")
    assert "Video 'Intro' watched 0%" in page.get_by_test_id("diagnosis-now").inner_text()
    assert page.get_by_role("link", name="Instructor Dashboard").is_visible()
    page.fill("#id_answer", "Your video 'Intro' is not watched to the end yet: finish it and the certificate follows.")
    screenshot(page, f"support-request-answering-{label}")
    page.get_by_role("button", name="Send answer").click()
    page.wait_for_url(f"**/support/requests/{sent.id}")

    assert "Answer sent by e-mail." in page.content()
    assert page.get_by_test_id("status").first.inner_text() == "Answered"
    screenshot(page, f"support-request-answered-{label}")
    assert [m.to for m in mail.outbox] == [["learner@example.com"]]
    assert horizontal_overflow(page) == 0
    assert page.failed_responses == []

    learner = new_page(viewport)
    log_in(learner, "learner", PASSWORD)
    learner.goto("/support/requests")
    learner.locator(f'[data-request-id="{sent.id}"]').click()
    learner.wait_for_url(f"**/support/requests/{sent.id}")
    assert "finish it and the certificate follows" in learner.get_by_test_id("answer").inner_text()
    assert learner.get_by_test_id("answer-form").count() == 0
    screenshot(learner, f"support-request-learner-reads-answer-{label}")
    assert horizontal_overflow(learner) == 0
