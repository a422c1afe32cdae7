"""The Company Admin's pages: what each role sees, and the forms (assign, new employee, deactivate, regenerate)."""

import io
import zipfile

import pytest
from django.test import Client

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser_for(company_world):
    def make(name: str | None) -> Client:
        client = Client(raise_request_exception=False)
        if name:
            client.force_login(company_world.users[name])
        return client

    return make


def test_company_admin_sees_employees_states_and_download(company_world, browser_for):
    response = browser_for("company_admin").get("/company")
    assert response.status_code == 200
    html = response.content.decode()
    certificate = certificates_api.certificate_for(company_world.users["employee"].pk, CERT_COURSE)
    assert f'href="/certificates/{certificate.uuid}/download"' in html
    assert html.count('data-testid="download"') == 1  # only the certified employee's training
    for name in ("Employee", "Erin Ösel", "Otto Idle"):
        assert name in html
    assert "Other Employee" not in html
    assert 'href="/company/certificates.zip"' in html


@pytest.mark.parametrize(("role", "status"), [("learner", 403), ("employee", 403), ("instructor", 403)])
def test_others_are_refused(company_world, browser_for, role, status):
    assert browser_for(role).get("/company").status_code == status


def test_anonymous_goes_to_login(company_world, browser_for):
    response = browser_for(None).get("/company")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_staff_choose_a_company_first(company_world, browser_for):
    chooser = browser_for("staff").get("/company")
    globex = company_world.companies["globex"].id
    assert f"/company?company={globex}" in chooser.content.decode()
    page = browser_for("staff").get("/company", {"company": globex}).content.decode()
    assert 'data-username="other_employee"' in page
    assert 'data-username="erin"' not in page


def test_filters_on_the_page(company_world, browser_for):
    html = browser_for("company_admin").get("/company", {"status": "downloadable"}).content.decode()
    assert 'data-username="employee"' in html
    assert 'data-username="erin"' not in html
    bad = browser_for("company_admin").get("/company", {"status": "lost"})
    assert bad.status_code == 200
    assert "Must be one of" in bad.content.decode()


def test_employee_page_and_scope(company_world, browser_for):
    assert browser_for("company_admin").get("/company/employees/erin").status_code == 200
    assert browser_for("other_company_admin").get("/company/employees/erin").status_code == 404


def test_assign_form(company_world, browser_for):
    response = browser_for("company_admin").post(
        "/company/assign", {"course_key": company_world.other_course_key, "usernames": ["otto", "other_employee"]}
    )
    assert response.status_code == 302
    assert courses_api.get_enrollment(company_world.other_course_key, company_world.users["otto"].pk).is_active
    assert courses_api.get_enrollment(company_world.other_course_key, company_world.users["other_employee"].pk) is None


def test_create_employee_form(company_world, browser_for):
    response = browser_for("company_admin").post(
        "/company/employees",
        {"full_name": "Nia New", "username": "nia", "email": "nia@example.com", "password": "A-strong-pass-42"},
        follow=True,
    )
    assert "The account &#x27;nia&#x27; was created." in response.content.decode()
    assert "Nia New" in browser_for("company_admin").get("/company").content.decode()


def test_deactivate_form(company_world, browser_for):
    response = browser_for("company_admin").post("/company/employees/employee/active", {"active": "false"}, follow=True)
    assert "Deactivated" in response.content.decode()
    assert (
        browser_for("other_company_admin").post("/company/employees/erin/active", {"active": "false"}).status_code
        == 404
    )


def test_zip_page_download(company_world, browser_for):
    response = browser_for("company_admin").get("/company/certificates.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Acme-Corp-certificates.zip"'
    assert browser_for("employee").get("/company/certificates.zip").status_code == 403


def test_profile_offers_regeneration_and_shows_the_preview(
    company_world, browser_for, django_capture_on_commit_callbacks
):
    html = browser_for("company_admin").get("/profile/settings").content.decode()
    assert 'data-testid="logo-preview"' in html
    assert "A new logo applies to certificates issued after you upload it" in html
    assert "1 certificate of Acme Corp" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = browser_for("company_admin").post("/company/regenerate")
    assert response.status_code == 302
    assert "/company?job=" in response["Location"]
    page = browser_for("company_admin").get(response["Location"]).content.decode()
    assert "Regenerating the company" in page
    assert browser_for("employee").post("/company/regenerate").status_code == 403


def test_a_large_zip_is_prepared_by_a_job_with_a_download_link(
    company_world, browser_for, settings, django_capture_on_commit_callbacks
):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "COMPANY_ZIP_STREAM_MAX": 0}
    admin = browser_for("company_admin")
    assert 'data-testid="zip-job"' in admin.get("/company").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        started = admin.post("/company/certificates.zip/job")
    job_id = started["Location"].split("job=")[1]
    page = admin.get(started["Location"]).content.decode()
    assert "Preparing the ZIP" in page
    assert f'href="/company/zips/{job_id}"' in page
    response = admin.get(f"/company/zips/{job_id}")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["Employee/Feedback-Skills-Ete.pdf"]
    assert browser_for("other_company_admin").get(f"/company/zips/{job_id}").status_code == 404
    assert browser_for("employee").post("/company/certificates.zip/job").status_code == 403
