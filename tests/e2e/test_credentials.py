"""The verify page with a certificate's credential in a real browser: upload the PDF, paste a credential."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from tests.people import PASSWORD

from ..certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certified(world, settings, tmp_path):
    """The learner holds a rendered certificate; returns its uuid and its PDF."""
    settings.MEDIA_ROOT = tmp_path / "media"
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete_blocks(learner, CERT_COURSE, readings)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    pdf, _ = certificates_api.download_pdf(cert.uuid, accounts_api.get_actor(world.users["staff"]))
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return cert.uuid, path


def test_a_visitor_sees_the_credential_and_checks_the_pdf_and_a_credential(certified, new_page, tmp_path):
    uuid, pdf_path = certified
    page = new_page(LAPTOP)
    page.goto(f"/verify/{uuid}")
    card = page.get_by_test_id("credential")
    assert "Digital credential (Open Badges 3.0)" in card.inner_text()
    assert "Feedback Skills: Été" in card.inner_text()
    assert "Active" in card.inner_text()

    page.set_input_files("#verify-file", str(pdf_path))
    page.get_by_role("button", name="Check PDF").click()
    page.wait_for_load_state()
    result = page.get_by_test_id("check-result").inner_text()
    assert "This PDF is an authentic certificate issued here, and it is valid." in result
    assert "This credential is authentic and valid." in result
    screenshot(page, "verify-credential-pdf-checked-laptop")

    changed = bytearray(pdf_path.read_bytes())
    changed[len(changed) // 2] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(changed))
    page.set_input_files("#verify-file", str(tampered))
    page.get_by_role("button", name="Check PDF").click()
    page.wait_for_load_state()
    assert "not, byte for byte, a certificate issued here" in page.get_by_test_id("check-result").inner_text()

    page.fill("#verify-jwt", "eyJhbGciOiJFZERTQSJ9.e30.c2ln")
    page.get_by_role("button", name="Check credential").click()
    page.wait_for_load_state()
    assert "Not signed with an EdDSA key of this site." in page.get_by_test_id("check-result").inner_text()
    screenshot(page, "verify-credential-junk-laptop")
    assert page.failed_responses == []


def test_the_verify_page_with_its_credential_fits_a_phone(certified, new_page):
    uuid, _ = certified
    page = new_page(PHONE)
    page.goto(f"/verify/{uuid}")
    screenshot(page, "verify-credential-phone")
    assert horizontal_overflow(page) == 0


def test_the_learner_finds_add_to_linkedin(certified, new_page):
    page = new_page(LAPTOP)
    log_in(page, "learner", PASSWORD)
    page.goto("/learning-records")
    link = page.get_by_test_id("linkedin")
    assert link.inner_text() == "Add to LinkedIn profile"
    assert link.get_attribute("href").startswith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME")
    screenshot(page, "learning-records-linkedin-laptop")
