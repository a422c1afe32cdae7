"""REST API of support: POST anyone (throttled), GET own (staff: all) paged, the diagnosis endpoint."""

import pytest
from django.core import mail

from tests.people import ROLES
from tests.support.conftest import issue

pytestmark = pytest.mark.django_db

URL = "/api/v1/support/requests"


def body(world, **overrides):
    return {
        "name": "Lena",
        "email": "lena@example.com",
        "course_key": world.course_key,
        "message": "Where?",
        **overrides,
    }


def test_a_learner_sends_a_request_and_gets_the_diagnosis(world, video_course, client_for):
    response = client_for("learner").post(URL, body(world), format="json")

    assert response.status_code == 201
    assert set(response.json()) == {"id", "diagnosis"}
    assert [d["code"] for d in response.json()["diagnosis"]] == ["video_not_watched", "block_incomplete"]
    assert response.json()["diagnosis"][0]["message"] == (
        "Video 'Intro' watched 0% of 4:10 — it must be watched in full"
    )


def test_a_visitor_sends_a_request(world, client_for):
    response = client_for(None).post(
        URL, {"name": "Val", "email": "val@example.com", "training": "Leading, March", "message": "?"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["diagnosis"] == [
        {
            "code": "sign_in",
            "message": "Sign in so that we can check your training automatically; you can still send your request.",
        }
    ]


@pytest.mark.parametrize(
    ("who", "payload", "fields"),
    [
        (None, {}, {"name", "email", "message", "course_key"}),
        (None, {"name": "V", "email": "bad", "training": "T", "message": "?"}, {"email"}),
        (None, {"name": "V" * 201, "email": "v@example.com", "training": "T", "message": "?"}, {"name"}),
        (
            None,
            {"name": "V", "email": "v@example.com", "course_key": "course-v1:NO+SUCH+X", "message": "?"},
            {"course_key"},
        ),
        ("learner", {"course_key": "course-v1:NO+SUCH+X", "message": "?"}, {"course_key"}),
        ("learner", {"course_key": ["a list"], "message": "?"}, {"course_key"}),
        ("learner", {"course_key": "course-v1:LLP+LEAD101+2026", "message": "x" * 5001}, {"message"}),
    ],
)
def test_bad_input_is_400_with_field_errors(world, video_course, client_for, who, payload, fields):
    response = client_for(who).post(URL, payload, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields


def test_a_body_that_is_not_an_object_is_400(world, client_for):
    response = client_for(None).post(URL, ["not", "an", "object"], format="json")

    assert response.status_code == 400


def test_visitors_are_throttled_per_address(world, client_for, settings):
    settings.LLP_CERTIFICATES = {"SUPPORT_THROTTLE_ANON": "3/hour"}
    visitor = client_for(None)
    payload = {"name": "V", "email": "v@example.com", "training": "T", "message": "?"}

    codes = [visitor.post(URL, payload, format="json").status_code for _ in range(4)]

    assert codes == [201, 201, 201, 429]
    assert "Retry-After" in visitor.post(URL, payload, format="json").headers
    # a signed-in learner has their own allowance
    assert client_for("learner").post(URL, {**payload, "course_key": None}, format="json").status_code in (201, 400)


def test_signed_in_senders_are_throttled_per_account(world, video_course, client_for, settings):
    settings.LLP_CERTIFICATES = {"SUPPORT_THROTTLE_USER": "2/hour", "SUPPORT_THROTTLE_ANON": "100/hour"}

    learner = [client_for("learner").post(URL, body(world), format="json").status_code for _ in range(3)]
    employee = client_for("employee").post(URL, body(world), format="json").status_code

    assert learner == [201, 201, 429]
    assert employee == 201


def test_reading_is_not_throttled(world, client_for, settings):
    settings.LLP_CERTIFICATES = {"SUPPORT_THROTTLE_USER": "1/hour"}

    assert [client_for("learner").get(URL).status_code for _ in range(3)] == [200, 200, 200]


def _send_three(world, client_for):
    for name in ("learner", "employee", None):
        payload = body(world, email=f"{name or 'visitor'}@example.com")
        if name is None:
            payload = {**payload, "course_key": None, "training": "T"}
        assert client_for(name).post(URL, payload, format="json").status_code == 201


SEES = {
    "anonymous": None,
    "learner": ["learner@example.com"],
    "employee": ["employee@example.com"],
    "company_admin": [],
    "other_company_admin": [],
    "instructor": [],
    "other_instructor": [],
    "staff": ["visitor@example.com", "employee@example.com", "learner@example.com"],
}


@pytest.mark.parametrize("role", ROLES)
def test_who_lists_which_requests(world, video_course, client_for, role):
    _send_three(world, client_for)

    response = client_for(None if role == "anonymous" else role).get(URL)

    if SEES[role] is None:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    assert [item["email"] for item in response.json()] == SEES[role]
    assert response.headers["X-Total-Count"] == str(len(SEES[role]))


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_one_request(world, video_course, client_for, role):
    _send_three(world, client_for)
    learners = client_for("learner").get(URL).json()[0]["id"]

    response = client_for(None if role == "anonymous" else role).get(f"{URL}/{learners}")

    expected = {"anonymous": 401, "learner": 200, "staff": 200}.get(role, 404)
    assert response.status_code == expected


def test_the_list_is_paged_with_headers_and_staff_filter_by_status(world, video_course, client_for):
    _send_three(world, client_for)
    staff = client_for("staff")

    first = staff.get(URL, {"page_size": 2})
    second = staff.get(URL, {"page_size": 2, "page": 2})
    answered = staff.get(URL, {"status": "answered"})

    assert [len(first.json()), len(second.json())] == [2, 1]
    assert first.headers["X-Total-Count"] == "3"
    assert 'rel="next"' in first.headers["Link"]
    assert 'rel="prev"' in second.headers["Link"]
    assert answered.json() == []
    assert staff.get(URL, {"status": "pending"}).status_code == 400
    assert staff.get(URL, {"page": "zero"}).status_code == 400


def test_a_request_as_listed(world, video_course, client_for):
    _send_three(world, client_for)

    item = client_for("learner").get(URL).json()[0]

    assert item["username"] == "learner"
    assert item["course_key"] == world.course_key
    assert item["status"] == "open"
    assert item["answer"] is None
    assert [d["code"] for d in item["diagnosis"]] == ["video_not_watched", "block_incomplete"]


def test_the_diagnosis_endpoint_answers_for_the_caller(world, video_course, client_for):
    issue(world.users["employee"], world.course_key)

    employee = client_for("employee").get("/api/v1/support/diagnosis", {"course_key": world.course_key})
    visitor = client_for(None).get("/api/v1/support/diagnosis", {"course_key": world.course_key})
    nothing = client_for("learner").get("/api/v1/support/diagnosis")

    assert employee.status_code == 200
    assert [d["code"] for d in employee.json()["diagnosis"]] == ["held_by_company_admin"]
    assert "Company Admin, Company Admin" in employee.json()["diagnosis"][0]["message"]
    assert [d["code"] for d in visitor.json()["diagnosis"]] == ["sign_in"]
    assert [d["code"] for d in nothing.json()["diagnosis"]] == ["unknown_training"]
    assert mail.outbox == []
