"""The verify page shows the credential and checks an uploaded PDF or a pasted credential; LinkedIn sharing."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from tests.certificates.conftest import CERT_COURSE
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _pdf(world, uuid: str) -> bytes:
    return certificates_api.download_pdf(uuid, accounts_api.get_actor(world.users["staff"]))[0]


def test_the_verify_page_shows_the_credential(issued, client):
    page = client.get(f"/verify/{issued['learner'].uuid}").content.decode()
    assert "Digital credential (Open Badges 3.0)" in page
    assert "Feedback Skills: Été" in page
    assert "Completed every required lesson in order" in page
    assert f"/api/v1/certificates/{issued['learner'].uuid}/credential" in page
    assert "/.well-known/jwks.json" in page
    assert "learner@example.com" not in page


def test_uploading_the_original_pdf_says_authentic_and_valid(issued, world, client):
    upload = io.BytesIO(_pdf(world, issued["learner"].uuid))
    upload.name = "certificate.pdf"
    page = client.post(f"/verify/{issued['learner'].uuid}", {"file": upload}).content.decode()
    assert "This PDF is an authentic certificate issued here, and it is valid." in page
    assert "This credential is authentic and valid." in page
    assert "alert-success" in page


def test_uploading_a_pdf_with_one_changed_byte_says_not_authentic(issued, world, client):
    changed = bytearray(_pdf(world, issued["learner"].uuid))
    changed[len(changed) // 2] ^= 0x01
    upload = io.BytesIO(bytes(changed))
    upload.name = "certificate.pdf"
    response = client.post(f"/verify/{issued['learner'].uuid}", {"file": upload})
    assert response.status_code == 200
    assert "This PDF is not, byte for byte, a certificate issued here." in response.content.decode()


def test_pasting_a_credential_checks_it(issued, client, client_for):
    token = client_for("learner").get(f"/api/v1/certificates/{issued['learner'].uuid}/credential").json()["jwt"]
    page = client.post(f"/verify/{issued['learner'].uuid}", {"jwt": token}).content.decode()
    assert "This credential is authentic and valid." in page
    certificates_api.invalidate(CERT_COURSE, "learner", "copied work")
    page = client.post(f"/verify/{issued['learner'].uuid}", {"jwt": token}).content.decode()
    assert "This credential has been revoked." in page


@pytest.mark.parametrize(
    "data",
    [{}, {"jwt": "junk"}, {"jwt": "a.b.c"}, {"jwt": "\x00" * 10}, {"jwt": "x" * 100_000}, {"file": "not a file"}],
)
def test_junk_is_a_clear_message_never_a_500(issued, client, data):
    response = client.post(f"/verify/{issued['learner'].uuid}", data)
    assert response.status_code == 200
    assert "check-result" in response.content.decode()


def test_junk_file_upload(issued, client):
    upload = io.BytesIO(b"\x00\xff garbage")
    upload.name = "x.pdf"
    page = client.post(f"/verify/{issued['learner'].uuid}", {"file": upload}).content.decode()
    assert "This PDF is not, byte for byte, a certificate issued here." in page
    assert "The PDF carries no credential." in page


def test_learning_records_offer_linkedin_to_the_learner_not_the_employee(issued, world):
    page = _signed_in("learner").get("/learning-records").content.decode()
    assert "Add to LinkedIn profile" in page
    href = page.split('data-testid="linkedin"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    assert urlsplit(href).netloc == "www.linkedin.com"
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["Feedback Skills: Été"]
    assert query["certId"] == [issued["learner"].uuid]
    assert query["certUrl"][0].endswith(f"/verify/{issued['learner'].uuid}")
    assert "Add to LinkedIn profile" not in _signed_in("employee").get("/learning-records").content.decode()


def test_the_progress_page_offers_linkedin_with_the_download(issued):
    page = _signed_in("learner").get(f"/courses/{CERT_COURSE}/progress").content.decode()
    assert "Download Your Certificate" in page
    assert "Add to LinkedIn profile" in page
    assert (
        "Add to LinkedIn profile" not in _signed_in("employee").get(f"/courses/{CERT_COURSE}/progress").content.decode()
    )


def test_the_jwks_is_public_json(issued, client, client_for):
    client_for("learner").get(f"/api/v1/certificates/{issued['learner'].uuid}/credential")
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk-set+json"
    [key] = response.json()["keys"]
    assert "d" not in key


def test_a_certificate_never_issued_has_no_credential_on_its_page(issued, client):
    from llp_edx_plugin.certificates.models import Certificate

    Certificate.objects.filter(verify_uuid=issued["employee"].uuid).update(status="notpassing")
    page = client.get(f"/verify/{issued['employee'].uuid}").content.decode()
    assert "It has not been issued." in page
    assert "Digital credential" not in page
    certificates_api.invalidate(CERT_COURSE, "learner", "copied work")
    revoked = client.get(f"/verify/{issued['learner'].uuid}").content.decode()
    assert "Digital credential" in revoked
    assert "Revoked" in revoked
