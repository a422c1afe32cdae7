"""REST: token auth (CONTRACT.md "Auth")."""

import pytest
from rest_framework.test import APIClient

from tests.people import PASSWORD


def test_good_credentials_give_a_token_that_authenticates_api_calls(world):
    client = APIClient()
    response = client.post("/api/v1/auth/token", {"username": "staff", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert list(response.json()) == ["token"]

    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    created = caller.post("/api/v1/companies", {"name": "Initech"}, format="json")
    assert created.status_code == 201


def test_the_same_user_gets_the_same_token(world):
    client = APIClient()
    first = client.post("/api/v1/auth/token", {"username": "learner", "password": PASSWORD}, format="json")
    second = client.post("/api/v1/auth/token", {"username": "learner", "password": PASSWORD}, format="json")
    assert first.json()["token"] == second.json()["token"]


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "staff", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "staff"},
        {"password": PASSWORD},
        {},
    ],
    ids=["wrong_password", "unknown_user", "no_password", "no_username", "empty"],
)
def test_bad_credentials_are_400(world, payload):
    response = APIClient().post("/api/v1/auth/token", payload, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()
    assert "errors" in response.json()


def test_a_token_carries_its_users_permissions(world):
    client = APIClient()
    token = client.post("/api/v1/auth/token", {"username": "learner", "password": PASSWORD}, format="json").json()[
        "token"
    ]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post("/api/v1/companies", {"name": "Initech"}, format="json").status_code == 403


@pytest.mark.parametrize("header", ["Token not-a-real-token", "Token ", "Bearer abc"])
def test_a_bad_token_is_401(world, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.post("/api/v1/companies", {"name": "Initech"}, format="json")
    assert response.status_code == 401
