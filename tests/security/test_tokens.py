"""API tokens: one expiring token class (API, XBlock handler, download), revocation on logout."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from llp_edx_plugin.accounts.tokens import token_expired
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "ttl", "expired"),
    [
        (timedelta(0), 60, False),
        (timedelta(seconds=59), 60, False),
        (timedelta(seconds=60), 60, True),
        (timedelta(days=29, hours=23), 30 * 86400, False),
        (timedelta(days=30), 30 * 86400, True),
        (timedelta(days=400), 30 * 86400, True),
    ],
)
def test_token_expired_table(age, ttl, expired):
    assert token_expired(T0, T0 + age, ttl) is expired


def _sign_in(username: str = "learner") -> str:
    response = APIClient().post("/api/v1/auth/token", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    return response.json()["token"]


def _client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _age(token: str, days: int) -> None:
    Token.objects.filter(key=token).update(created=timezone.now() - timedelta(days=days))


def test_a_live_token_works(world):
    assert _client(_sign_in()).get("/api/v1/me/certificates").status_code == 200


def test_an_expired_token_is_401_and_deleted(world):
    token = _sign_in()
    _age(token, 31)
    response = _client(token).get("/api/v1/me/certificates")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert not Token.objects.filter(key=token).exists()


def test_the_lifetime_is_a_setting(world, settings):
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "TOKEN_TTL_SECONDS": 3600}
    token = _sign_in()
    _age(token, 1)
    assert _client(token).get("/api/v1/me/certificates").status_code == 401


def test_signing_in_after_expiry_gives_a_new_token(world):
    old = _sign_in()
    _age(old, 31)
    new = _sign_in()
    assert new != old
    assert _client(new).get("/api/v1/me/certificates").status_code == 200


def test_signing_in_with_a_stale_token_header_still_works(world):
    old = _sign_in()
    _age(old, 31)
    response = _client(old).post("/api/v1/auth/token", {"username": "learner", "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_the_xblock_handler_refuses_an_expired_token(world):
    token = _sign_in()
    _age(token, 31)
    url = f"/courses/{world.course_key}/xblock/block-v1:LLP+LEAD101+2026+type@llp_reading+block@r1/handler/complete"
    assert _client(token).post(url, {}, format="json").status_code == 401


def test_logout_revokes_the_token(world):
    token = _sign_in()
    client = _client(token)
    assert client.delete("/api/v1/auth/token").status_code == 204
    assert client.get("/api/v1/me/certificates").status_code == 401
    assert not Token.objects.filter(user=world.users["learner"]).exists()


def test_logout_with_a_session_revokes_the_users_token(world):
    token = _sign_in()
    session = APIClient()
    session.force_login(world.users["learner"])
    assert session.delete("/api/v1/auth/token").status_code == 204
    assert _client(token).get("/api/v1/me/certificates").status_code == 401


def test_logout_only_revokes_the_callers_token(world):
    mine, theirs = _sign_in("learner"), _sign_in("staff")
    _client(mine).delete("/api/v1/auth/token")
    assert _client(theirs).get("/api/v1/me/certificates").status_code == 200


def test_anonymous_logout_is_401(world):
    assert APIClient().delete("/api/v1/auth/token").status_code == 401


@pytest.mark.parametrize("value", [0, -5, "30 days", 1.5, True, None])
def test_a_bad_token_lifetime_or_throttle_setting_fails_the_system_checks(settings, value):
    from llp_edx_plugin.checks import check_llp_settings

    for name in ("TOKEN_TTL_SECONDS", "LOGIN_MAX_FAILURES"):
        settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, name: value}
        assert "llp.E021" in [error.id for error in check_llp_settings(None)]
        settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, name: 60}
    assert check_llp_settings(None) == []
