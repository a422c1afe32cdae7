"""Sign-in throttling: repeated failures answer 429 on the API and on /login; other addresses are not blocked."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.people import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token"


def _token(username: str, password: str, address: str = "10.0.0.1"):
    return APIClient(REMOTE_ADDR=address).post(TOKEN, {"username": username, "password": password}, format="json")


def _fail(times: int, username: str = "learner", address: str = "10.0.0.1") -> None:
    for _ in range(times):
        assert _token(username, "wrong-password", address).status_code == 400


def test_the_api_answers_429_after_five_failures_even_to_the_right_password(world):
    _fail(5)
    response = _token("learner", PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed sign-in attempts" in response.json()["detail"]


def test_four_failures_do_not_block_and_a_success_forgets_them(world):
    _fail(4)
    assert _token("learner", PASSWORD).status_code == 200
    _fail(4)
    assert _token("learner", PASSWORD).status_code == 200


def test_another_address_is_not_blocked(world):
    _fail(5)
    assert _token("learner", PASSWORD, address="10.0.0.2").status_code == 200


def test_one_address_trying_many_usernames_is_blocked(world, settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "LOGIN_MAX_FAILURES_PER_ADDRESS": 6}
    for name in ("a1", "a2", "a3", "a4", "a5", "a6"):
        _fail(1, username=name)
    assert _token("staff", PASSWORD).status_code == 429
    assert _token("staff", PASSWORD, address="10.0.0.2").status_code == 200


def _login(username: str, password: str, address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/login", {"username": username, "password": password})


def test_the_login_page_answers_429_with_a_form_error_after_five_failures(world):
    for _ in range(5):
        assert _login("learner", "wrong-password").status_code == 200
    response = _login("learner", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_failures_count_across_the_page_and_the_api(world):
    for _ in range(3):
        _login("learner", "wrong-password")
    _fail(2)
    assert _token("learner", PASSWORD).status_code == 429
    assert _login("learner", PASSWORD).status_code == 429


def test_the_admin_login_is_throttled_too(world):
    staff = {"username": "staff", "password": "wrong-password", "next": "/admin/"}
    for _ in range(5):
        Client(REMOTE_ADDR="10.0.0.1").post("/admin/login/", staff)
    client = Client(REMOTE_ADDR="10.0.0.1")
    client.post("/admin/login/", {**staff, "password": PASSWORD})
    assert client.get("/admin/").status_code == 302  # still not signed in
