"""Field errors come from the serializers, in the contract's shape ``{"errors": {field: [message]}}``."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from llp_edx_plugin.errors import FieldErrors
from llp_edx_plugin.rest_api.v1 import serializers as s
from tests.people import COURSE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("serializer", "data", "errors"),
    [
        (s.ActiveIn, {"active": "yes"}, {"active": ["Must be true or false."]}),
        (s.ActiveIn, {"active": 1}, {"active": ["Must be true or false."]}),
        (s.ActiveIn, {}, {"active": ["This field is required."]}),
        (s.LearnerNoteIn, {"username": 5}, {"username": ["Must be a string."]}),
        (s.LearnerNoteIn, {"username": "  "}, {"username": ["This field may not be blank."]}),
        (s.LearnerNoteIn, {"username": "a", "notes": ["x"]}, {"notes": ["Must be a string."]}),
        (s.GenerateIn, {"statuses": "downloadable"}, {"statuses": ['Expected a list of items but got type "str".']}),
        (s.PreviewQuery, {"index": "x"}, {"index": ["Must be a whole number."]}),
        (s.PreviewQuery, {"index": "-1"}, {"index": ["Ensure this value is greater than or equal to 0."]}),
        (s.UserIn, {"account_type": "boss"}, None),
    ],
)
def test_bad_input_is_a_field_error(serializer, data, errors):
    with pytest.raises(ValidationError) as raised:  # api_errors shapes it as {"errors": ...}
        s.parse(serializer, data)
    detail = {field: [str(m) for m in messages] for field, messages in raised.value.detail.items()}
    if errors is None:
        assert "account_type" in detail
    else:
        assert detail == errors


@pytest.mark.parametrize("body", [["active"], "active", 3, None])
def test_a_body_that_is_not_an_object_is_an_error_on_body(body):
    with pytest.raises(FieldErrors) as raised:
        s.parse(s.ActiveIn, body)
    assert raised.value.errors == {"body": ["Send a JSON object."]}


def test_good_input_is_cleaned():
    assert s.parse(s.ActiveIn, {"active": False}) == {"active": False}
    assert s.parse(s.LearnerNoteIn, {"username": " ann "}) == {"username": "ann", "notes": ""}
    assert s.parse(s.GenerateIn, QueryDict("statuses=error&statuses=notpassing")) == {
        "statuses": ["error", "notpassing"]
    }
    assert s.parse(s.PreviewQuery, QueryDict("")) == {"index": 0}


@pytest.mark.parametrize(
    ("who", "url", "body", "field"),
    [
        ("staff", "/api/v1/companies", {"name": ""}, "name"),
        ("staff", "/api/v1/companies", {"name": "x" * 201}, "name"),
        ("staff", "/api/v1/users", {"username": "a", "password": "p", "email": "nope"}, "email"),
        ("staff", "/api/v1/courses", {"course_key": COURSE, "title": "T", "kind": "party"}, "kind"),
        ("staff", "/api/v1/users/learner/permissions", {"mark_attendance": "maybe"}, "mark_attendance"),
        ("learner", f"/api/v1/courses/{COURSE}/enrollments", {"username": "x" * 255}, "username"),
    ],
)
def test_endpoints_answer_field_errors_in_the_contract_shape(world, client_for, who, url, body, field):
    client = client_for(who)
    method = client.put if url.endswith("permissions") else client.post

    response = method(url, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert all(isinstance(m, str) for m in response.json()["errors"][field])


def test_a_missing_or_too_big_upload_is_an_error_on_file(world, client_for, monkeypatch):
    client = client_for(None)
    monkeypatch.setattr(s, "MAX_VERIFY_UPLOAD", 10)

    missing = client.post("/api/v1/verify/pdf", {}, format="multipart")
    big = client.post(
        "/api/v1/verify/pdf", {"file": SimpleUploadedFile("c.pdf", b"%PDF-" + b"x" * 20)}, format="multipart"
    )

    assert missing.json() == {"errors": {"file": ["Upload the certificate PDF as 'file'."]}}
    assert big.json() == {"errors": {"file": ["The file is larger than any certificate we issue."]}}
