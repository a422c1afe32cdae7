"""No user or e-mail enumeration: for everyone who may not see a user, an unknown username (or e-mail) and a
known one get the same status and the same body, on every endpoint that takes a username."""

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.people import COURSE

pytestmark = pytest.mark.django_db

UNKNOWN = ("nobody", "nobody@example.com")
KNOWN = ("employee", "employee@example.com")  # an enrolled employee of Acme

C = f"/api/v1/courses/{COURSE}"

# (who asks, method, url with {u} for the username, body with {u}) -> status both get
CASES = [
    ("learner", "get", f"{C}/progress?username={{u}}", None, 404),
    ("other_instructor", "get", f"{C}/progress?username={{u}}", None, 404),
    ("other_company_admin", "get", f"{C}/progress?username={{u}}", None, 404),
    ("learner", "post", f"{C}/enrollments", {"username": "{u}"}, 403),
    ("other_company_admin", "post", f"{C}/enrollments", {"username": "{u}"}, 403),
    ("learner", "put", f"{C}/team/{{u}}", {"role": "staff"}, 403),
    ("other_instructor", "put", f"{C}/team/{{u}}", {"role": "staff"}, 403),
    ("company_admin", "put", f"{C}/team/{{u}}", {"role": "staff"}, 403),
    ("learner", "post", f"{C}/certificates/exceptions", {"username": "{u}"}, 403),
    ("other_instructor", "delete", f"{C}/certificates/exceptions", {"username": "{u}"}, 403),
    ("learner", "post", f"{C}/certificates/invalidations", {"username": "{u}"}, 403),
    ("other_instructor", "delete", f"{C}/certificates/invalidations", {"username": "{u}"}, 403),
    ("company_admin", "put", "/api/v1/users/{u}/permissions", {"mark_attendance": True}, 403),
    ("instructor", "put", "/api/v1/users/{u}/permissions", {"mark_attendance": True}, 403),
]


def _call(client, method: str, url: str, body, username: str):
    url = url.replace("{u}", username)
    data = {k: (v.replace("{u}", username) if isinstance(v, str) else v) for k, v in (body or {}).items()}
    return getattr(client, method)(url, data if body is not None else None, format="json")


@pytest.fixture
def enrolled(world, client_for):
    assert client_for("employee").post(f"{C}/enrollments", {}, format="json").status_code == 201


@pytest.mark.parametrize(
    ("who", "method", "url", "body", "status"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
@pytest.mark.parametrize("pair", list(zip(UNKNOWN, KNOWN, strict=True)), ids=["username", "email"])
def test_a_stranger_cannot_tell_an_unknown_user_from_a_known_one(
    world, enrolled, client_for, who, method, url, body, status, pair
):
    unknown, known = pair
    client = client_for(who)
    for_unknown = _call(client, method, url, body, unknown)
    for_known = _call(client, method, url, body, known)
    assert for_unknown.status_code == for_known.status_code == status
    body_unknown = for_unknown.json()["detail"].replace(unknown, "<u>")
    assert body_unknown == for_known.json()["detail"].replace(known, "<u>")


def test_those_who_may_see_the_learner_still_do(world, enrolled, client_for):
    for who in ("employee", "company_admin", "instructor", "staff"):
        assert client_for(who).get(f"{C}/progress", {"username": "employee"}).status_code == 200


@pytest.mark.parametrize("username", ["staff", "nobody"])
def test_the_token_endpoint_says_the_same_for_a_wrong_password_and_an_unknown_user(world, username):
    response = APIClient().post("/api/v1/auth/token", {"username": username, "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"non_field_errors": ["Unable to log in with provided credentials."]}}


def test_the_login_page_says_the_same_for_a_wrong_password_and_an_unknown_user(world):
    pages = [Client().post("/login", {"username": name, "password": "wrong"}) for name in ("staff", "nobody")]
    assert pages[0].status_code == pages[1].status_code == 200
    first, second = (re.sub(r'value="[^"]*"', "", page.content.decode()) for page in pages)  # CSRF tokens differ
    assert first == second
