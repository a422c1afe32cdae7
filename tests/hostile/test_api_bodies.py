"""Hostile bodies at the HTTP edge: the strict parsers answer 400 on the API and the XBlock handler route."""

import pytest

from tests.learning.runtime.conftest import build_course


def handler_url(course_key: str, usage_key: str, handler: str) -> str:
    return f"/courses/{course_key}/xblock/{usage_key}/handler/{handler}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"name": "Acme \\ud800"}', {"errors": {"name": ["Must not contain unpaired surrogate characters."]}}),
        (b'{"name": "Acme\\u0000"}', {"errors": {"name": ["Must not contain NUL characters."]}}),
        (b'["name"]', {"errors": {"body": ["The body must be a JSON object."]}}),
        (b'"name"', {"errors": {"body": ["The body must be a JSON object."]}}),
        (b"null", {"errors": {"body": ["The body must be a JSON object."]}}),
        (b'{"name": NaN}', {"detail": "NaN is not a JSON number."}),
        (b'{"name": ' + b"[" * 40 + b"]" * 40 + b"}", {"detail": "The JSON nests deeper than 32 levels."}),
    ],
)
def test_hostile_json_to_the_api_is_400(client_for, raw, expected):
    response = client_for("staff").post("/api/v1/companies", raw, content_type="application/json")
    assert (response.status_code, response.json()) == (400, expected)


def test_a_nul_in_a_form_field_is_400(client_for):
    response = client_for("staff").post(
        "/api/v1/companies", "name=Acme%00Corp", content_type="application/x-www-form-urlencoded"
    )
    assert (response.status_code, response.json()) == (400, {"errors": {"name": ["Must not contain NUL characters."]}})


def test_a_nul_in_a_multipart_field_is_400(client_for):
    response = client_for("staff").post("/api/v1/companies", {"name": "Acme\x00Corp"}, format="multipart")
    assert (response.status_code, response.json()) == (400, {"errors": {"name": ["Must not contain NUL characters."]}})


@pytest.mark.parametrize(
    ("block", "handler", "raw"),
    [
        ("check", "submit", b'{"answers": {"q1": "\\ud800"}}'),
        ("check", "submit", b'{"answers": {"\\u0000": "a"}}'),
        ("intro", "progress", b'{"watched": [[0, 1e999]], "position": 0}'),
        ("intro", "progress", b'{"watched": [[0, ' + b"9" * 400 + b']], "position": 0}'),
        ("wrap", "complete", b"[]"),
    ],
)
def test_hostile_json_to_an_xblock_handler_is_400(client_for, world, block, handler, raw):
    blocks = build_course(world.course_key)
    response = client_for("instructor").post(
        handler_url(world.course_key, blocks[block], handler), raw, content_type="application/json"
    )
    assert response.status_code == 400, response.content
