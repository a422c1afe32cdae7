"""``GET /certificates/{uuid}/download`` with token auth: API clients follow the ``download_url`` they are given."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def download_url(world, settings, tmp_path, complete, client_for) -> str:
    """The ``download_url`` the API hands the world's certified learner."""
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete(learner, CERT_COURSE, readings)
    assert certificates_api.certificate_for(learner.pk, CERT_COURSE).status == "downloadable"
    mine = client_for("learner").get("/api/v1/me/certificates").json()
    return mine[0]["download_url"]


def _token(username: str) -> str:
    response = APIClient().post("/api/v1/auth/token", {"username": username, "password": PASSWORD}, format="json")
    return response.json()["token"]


def test_an_api_client_with_a_token_gets_the_pdf(download_url):
    response = Client().get(download_url, HTTP_AUTHORIZATION=f"Token {_token('learner')}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_token_of_someone_not_allowed_is_403(download_url):
    response = Client().get(download_url, HTTP_AUTHORIZATION=f"Token {_token('other_instructor')}")
    assert response.status_code == 403


@pytest.mark.parametrize("header", ["Token not-a-real-token", "Token "])
def test_a_bad_token_is_401(download_url, header):
    response = Client().get(download_url, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_browser_is_sent_to_the_login_page(download_url):
    response = Client().get(download_url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 302
    assert response["Location"].startswith("/login?next=")


@pytest.mark.parametrize("accept", [None, "application/json", "application/pdf", "*/*"])
def test_anonymous_other_client_is_401(download_url, accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = Client().get(download_url, **headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_a_session_still_works(world, download_url):
    client = Client()
    client.force_login(world.users["learner"])
    assert client.get(download_url).status_code == 200
