"""A learner in a real browser: read both readings, press Finish, download the certificate (DESIGN.md §4, §5)."""

import pytest
from playwright.sync_api import expect

from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enrolled(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_reading_course(self_paced=False, learner_generated_certificates=True)  # Finish asks for it
    courses_api.set_learner_generated(CERT_COURSE, True)
    courses_api.enroll(CERT_COURSE, world.users["learner"].pk)
    return world.users["learner"]


def test_read_finish_and_download(enrolled, new_page):
    page = new_page(LAPTOP)
    log_in(page, "learner", PASSWORD)
    page.goto(f"/courses/{CERT_COURSE}/")
    finish = page.get_by_role("button", name="Finish")
    assert finish.is_disabled()

    readings = page.locator(".llp-reading")
    for index in range(readings.count()):
        reading = readings.nth(index)
        with page.expect_response(lambda response: "/handler/complete" in response.url):
            reading.get_by_role("button", name="Mark as read").click()
        # The answer is in when its script shows "Complete" (before that, the clicked button is still there).
        expect(reading.locator(".llp-reading-badge")).to_be_visible()
    page.reload()
    screenshot(page, "learner-courseware-done-laptop")
    page.get_by_role("button", name="Finish").click()
    page.wait_for_url(f"**/courses/{CERT_COURSE}/progress")

    box = page.locator("#certificate-box")
    assert "Your certificate is available" in box.inner_text()
    screenshot(page, "learner-progress-certificate-laptop")
    with page.expect_download() as download:
        box.get_by_role("link", name="Download Your Certificate").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Certificate.objects.get(user=enrolled).download_count == 1
    assert page.failed_responses == []


def test_progress_page_with_a_certificate_fits_a_phone(enrolled, new_page):
    Certificate.objects.create(
        user=enrolled, course_key=courses_api.get_course(CERT_COURSE).course_key, status="generating"
    )
    page = new_page(PHONE)
    log_in(page, "learner", PASSWORD)
    page.goto(f"/courses/{CERT_COURSE}/progress")
    assert "Your certificate is being generated" in page.locator("#certificate-box").inner_text()
    screenshot(page, "learner-progress-phone")
    assert horizontal_overflow(page) == 0
