"""In a real browser: a Company Admin assigns a course, sees the employee complete it, downloads the
certificate and the ZIP; and every role lands on a home with what it came for."""

import io
import zipfile

import pytest

from llp_edx_plugin.certificates import api as certificates_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reading_course(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_reading_course()


def test_company_admin_assigns_sees_completion_and_downloads(world, reading_course, new_page):
    page = new_page(LAPTOP)
    log_in(page, "company_admin", PASSWORD)
    assert page.locator('[data-testid="home-company"]').is_visible()
    screenshot(page, "home-company-admin-laptop")

    # Assign the course to the employee from the company page.
    page.click("nav >> text=Company")
    page.select_option("#llp-assign-course", CERT_COURSE)
    page.check('input[name="usernames"][value="employee"]')
    page.click('[data-testid="assign-form"] button[type=submit]')
    assert "Assigned to employee." in page.locator(".alert-success").inner_text()
    row = page.locator('[data-username="employee"]')
    assert "Feedback Skills" in row.inner_text()
    assert row.locator('[data-testid="certificate-status"]').inner_text() == "no certificate yet"
    screenshot(page, "company-assigned-laptop")

    # The employee completes it (as the courseware would record it); the admin sees it and downloads.
    complete_blocks(world.users["employee"], CERT_COURSE, reading_course)
    page.reload()
    row = page.locator('[data-username="employee"]')
    assert "Completed" in row.inner_text()
    assert row.locator('[data-testid="certificate-status"]').inner_text() == "downloadable"
    with page.expect_download() as download:
        row.locator('[data-testid="download"]').click()
    pdf = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert pdf.startswith(b"%PDF")
    certificate = certificates_api.certificate_for(world.users["employee"].pk, CERT_COURSE)
    assert certificates_api.get_certificate(certificate.uuid).first_downloaded_at is not None
    with page.expect_download() as download:
        page.click('[data-testid="zip"]')
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    assert archive.namelist() == ["Employee/Feedback-Skills-Ete.pdf"]
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, "company-completed-laptop")


@pytest.mark.parametrize(
    ("who", "marker"),
    [
        ("learner", "My courses"),
        ("employee", "My courses"),
        ("company_admin", "Acme Corp"),
        ("instructor", "Courses I teach"),
        ("staff", "Courses I teach"),
        ("attendance_admin", "Live events: attendance"),
    ],
)
@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_every_role_lands_on_its_home(world, who, marker, size, viewport, new_page):
    page = new_page(viewport)
    log_in(page, who, PASSWORD)
    assert page.url.endswith("/dashboard")
    assert marker in page.locator("main").inner_text()
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"home-{who}-{size}")
