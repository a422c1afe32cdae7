"""Issuing: automatic on qualifying (self-paced), Request Certificate, idempotence, snapshots, downloads."""

import io

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from llp_edx_plugin.accounts.models import Profile
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE
from tests.people import make_user

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def learner(reading_course):
    user = make_user("zoe", full_name="Zoë Ångström Δημήτρης")
    courses_api.enroll(CERT_COURSE, user.pk)
    return user


def test_self_paced_learner_gets_a_certificate_automatically_once_qualified(reading_course, learner, complete):
    complete(learner, CERT_COURSE, reading_course[:1])
    assert certificates_api.certificate_for(learner.pk, CERT_COURSE) is None  # half done: nothing yet

    complete(learner, CERT_COURSE, reading_course)

    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    assert cert.status == "downloadable"
    assert cert.has_pdf
    assert cert.name == "Zoë Ångström Δημήτρης"


def test_request_certificate_lists_every_unmet_requirement(reading_course, learner, complete):
    complete(learner, CERT_COURSE, reading_course[:1])
    with pytest.raises(certificates_api.NotQualified) as exc:
        certificates_api.request_certificate(learner.pk, CERT_COURSE)
    assert [r["block_id"] for r in exc.value.requirements if "block_id" in r] == [reading_course[1]]
    assert Certificate.objects.count() == 0


def test_request_is_idempotent(reading_course, learner, complete):
    complete(learner, CERT_COURSE, reading_course)
    first = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    again, created = certificates_api.request_certificate(learner.pk, CERT_COURSE)
    assert created is False
    assert again.uuid == first.uuid
    assert Certificate.objects.filter(user=learner).count() == 1


def test_the_issued_pdf_does_not_change_when_the_name_changes(reading_course, learner, client, complete):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    Profile.objects.filter(user=learner).update(full_name="Somebody Else")
    client.force_login(learner)

    pdf = client.get(f"/certificates/{cert.uuid}/download").content

    text = pdf_text(pdf)
    assert "Zoë Ångström" in text
    assert "Somebody Else" not in text
    assert certificates_api.get_certificate(cert.uuid).pdf_sha256 == cert.pdf_sha256


def test_first_download_date_is_recorded_once_and_count_every_time(reading_course, learner, client, complete):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    client.force_login(learner)
    assert client.get(f"/certificates/{cert.uuid}/download")["Content-Type"] == "application/pdf"
    first = certificates_api.get_certificate(cert.uuid)
    client.get(f"/certificates/{cert.uuid}/download")
    second = certificates_api.get_certificate(cert.uuid)
    assert (first.download_count, second.download_count) == (1, 2)
    assert second.first_downloaded_at == first.first_downloaded_at
    assert second.last_downloaded_at >= first.last_downloaded_at


def test_pdf_is_rendered_on_first_download_when_missing(reading_course, learner, client, complete):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    Certificate.objects.filter(pk=cert.id).update(pdf="", pdf_sha256="", status="generating")
    client.force_login(learner)

    response = client.get(f"/certificates/{cert.uuid}/download")

    assert response.status_code == 200
    assert "Feedback Skills" in pdf_text(response.content)
    assert certificates_api.get_certificate(cert.uuid).status == "downloadable"


def test_verification_page_and_api(reading_course, learner, client, complete):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    page = client.get(f"/verify/{cert.uuid}")
    assert page.status_code == 200
    assert "Valid certificate" in page.content.decode()
    body = client.get(f"/api/v1/verify/{cert.uuid}").json()
    assert body["valid"] is True
    assert body["holder_name"] == "Zoë Ångström Δημήτρης"
    assert "email" not in body
    assert "grade" not in body
    assert client.get("/api/v1/verify/not-a-uuid").status_code == 404


def test_removing_the_enrollment_hides_the_certificate_and_restoring_brings_it_back(
    reading_course, learner, client, complete
):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    from llp_edx_plugin.courses.models import Enrollment

    Enrollment.objects.filter(user=learner).update(is_active=False)
    hidden = client.get(f"/api/v1/verify/{cert.uuid}").json()
    assert (hidden["valid"], hidden["status"]) == (False, "hidden")
    assert certificates_api.user_certificates(learner.pk) == []
    assert Certificate.objects.filter(pk=cert.id).exists()  # kept for staff

    courses_api.enroll(CERT_COURSE, learner.pk)
    assert client.get(f"/api/v1/verify/{cert.uuid}").json()["valid"] is True


def test_verify_pdf_recognises_an_issued_pdf_byte_for_byte(reading_course, learner, client, complete):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    client.force_login(learner)
    pdf = client.get(f"/certificates/{cert.uuid}/download").content
    client.logout()

    genuine = client.post("/api/v1/verify/pdf", {"file": io.BytesIO(pdf)}).json()
    tampered = client.post("/api/v1/verify/pdf", {"file": io.BytesIO(pdf + b"%")}).json()

    assert {key: genuine[key] for key in ("authentic", "uuid", "valid")} == {
        "authentic": True,
        "uuid": cert.uuid,
        "valid": True,
    }
    assert {key: tampered[key] for key in ("authentic", "uuid", "valid")} == {
        "authentic": False,
        "uuid": None,
        "valid": False,
    }
    # The answer also checks the credential embedded in the PDF (issue 12): a byte appended leaves it intact.
    assert genuine["credential"]["valid"] is True


def test_employee_certificate_carries_the_company_logo_and_only_the_admin_downloads(
    reading_course, client, world, complete
):
    employee = world.users["employee"]
    courses_api.enroll(CERT_COURSE, employee.pk)
    from django.core.files.base import ContentFile
    from PIL import Image

    from llp_edx_plugin.accounts import api as accounts_api

    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (200, 30, 30)).save(buffer, format="PNG")
    accounts_api.set_company_logo(world.companies["acme"].id, ContentFile(buffer.getvalue(), "logo.png"))
    complete(employee, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(employee.pk, CERT_COURSE)

    client.force_login(employee)
    assert client.get(f"/certificates/{cert.uuid}/download").status_code == 403
    client.force_login(world.users["company_admin"])
    pdf = client.get(f"/certificates/{cert.uuid}/download").content
    client.force_login(world.users["other_company_admin"])
    assert client.get(f"/certificates/{cert.uuid}/download").status_code == 403

    sizes = {(image.image.width, image.image.height) for image in PdfReader(io.BytesIO(pdf)).pages[0].images}
    assert (60, 60) in sizes  # the logo itself: the QR code is an image too


def test_download_rights_over_http(reading_course, learner, client, world, complete):
    complete(learner, CERT_COURSE, reading_course)
    cert = certificates_api.certificate_for(learner.pk, CERT_COURSE)
    url = f"/certificates/{cert.uuid}/download"
    assert client.get(url, HTTP_ACCEPT="text/html").status_code == 302  # anonymous browser: to the login page
    assert client.get(url).status_code == 401  # anonymous API client
    expected = {"learner": 403, "employee": 403, "company_admin": 403, "instructor": 403, "staff": 200}
    for name, code in expected.items():
        client.force_login(world.users[name])
        assert client.get(url).status_code == code, name
    client.force_login(learner)
    assert client.get(url).status_code == 200
    user_model = get_user_model()
    assert user_model.objects.filter(username="zoe").exists()
