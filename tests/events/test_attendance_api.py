"""Attendance over the REST API (CONTRACT.md "Live events"): who may mark, when, whom; what marking does."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.attendance import ABSENT_REASON
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from tests.people import PASSWORD, ROLES

from .conftest import EVENT, FUTURE_EVENT, MARKERS, NOT_MARKERS, make_event

pytestmark = pytest.mark.django_db

URL = f"/api/v1/courses/{EVENT}/attendance"


def mark(client, username: str, present, course_key: str = EVENT):
    return client.put(f"/api/v1/courses/{course_key}/attendance/{username}", {"present": present}, format="json")


def upload(client, text: str, course_key: str = EVENT):
    csv_file = io.BytesIO(text.encode("utf-8"))
    csv_file.name = "attendance.csv"
    return client.post(f"/api/v1/courses/{course_key}/attendance", {"file": csv_file}, format="multipart")


def download(world, name: str, uuid: str) -> int:
    """The status of a certificate download by one of the world's people, signed in to the site."""
    client = Client()
    client.force_login(world.users[name])
    return client.get(f"/certificates/{uuid}/download").status_code


def certificate(world, name: str):
    return certificates_api.certificate_for(world.users[name].pk, EVENT)


def test_every_role_is_covered():
    assert set(ROLES) == {"anonymous", *MARKERS[:1], *NOT_MARKERS}


@pytest.mark.parametrize("who", [*MARKERS, *NOT_MARKERS, "anonymous"])
def test_who_may_mark_read_and_upload(event, client_for, who):
    client = client_for(None if who == "anonymous" else who)
    expected = 200 if who in MARKERS else 401 if who == "anonymous" else 403
    assert mark(client, "learner", True).status_code == expected
    assert client.get(URL).status_code == expected
    assert upload(client, "learner,present\n").status_code == expected
    assert client.get(f"{URL}/learner").status_code == expected


def test_an_instructor_of_the_event_without_the_permission_is_refused(event, client_for, world):
    assert accounts_api.course_team(EVENT) == {"instructor": "instructor"}
    response = mark(client_for("instructor"), "learner", True)
    assert response.status_code == 403
    assert events_api.attendance_of(world.users["learner"].pk, EVENT) is None


def test_before_the_start_marking_is_refused_with_the_start_time(world, client_for):
    make_event(FUTURE_EVENT, starts_in=timedelta(days=2))
    courses_api.enroll(FUTURE_EVENT, world.users["learner"].pk)
    start = courses_api.get_course(FUTURE_EVENT).start

    response = mark(client_for("attendance_admin"), "learner", True, FUTURE_EVENT)
    csv_response = upload(client_for("attendance_admin"), "learner,yes\n", FUTURE_EVENT)

    assert response.status_code == 400
    assert start.isoformat() in response.json()["errors"]["present"][0]
    assert csv_response.status_code == 400
    assert events_api.attendance_of(world.users["learner"].pk, FUTURE_EVENT) is None


def test_a_learner_not_registered_is_refused(event, client_for, world):
    response = mark(client_for("attendance_admin"), "other_employee", True)
    assert response.status_code == 400
    assert response.json() == {"errors": {"username": ["'other_employee' is not registered for this event."]}}
    assert events_api.attendance_of(world.users["other_employee"].pk, EVENT) is None


@pytest.mark.parametrize(
    ("course_key", "username", "body", "status"),
    [
        ("course-v1:LLP+NOPE+2026", "learner", {"present": True}, 404),
        ("course-v1:LLP+LEAD101+2026", "learner", {"present": True}, 404),  # an online course
        (EVENT, "nobody", {"present": True}, 404),
        (EVENT, "learner", {"present": "perhaps"}, 400),
        (EVENT, "learner", {}, 400),
        (EVENT, "learner", ["present"], 400),
    ],
)
def test_bad_requests(event, client_for, course_key, username, body, status):
    response = client_for("attendance_admin").put(
        f"/api/v1/courses/{course_key}/attendance/{username}", body, format="json"
    )
    assert response.status_code == status


def test_registration_and_assignment_never_issue_a_certificate(event, client_for, world):
    assert client_for("learner").post(f"/api/v1/courses/{EVENT}/enrollments", {}, format="json").status_code in (
        200,
        201,
    )
    assigned = client_for("company_admin").post(
        f"/api/v1/courses/{EVENT}/enrollments", {"username": "employee"}, format="json"
    )
    assert assigned.status_code in (200, 201)
    assert certificates_api.issue_if_qualified(world.users["learner"].pk, EVENT) is None
    assert certificate(world, "learner") is None
    assert certificate(world, "employee") is None


def test_present_issues_a_downloadable_certificate(event, client_for, world, committing):
    with committing():
        response = mark(client_for("attendance_admin"), "learner", True)

    assert response.status_code == 200
    assert response.json()["present"] is True
    assert response.json()["marked_by"] == "attendance_admin"
    cert = certificate(world, "learner")
    assert cert.status == "downloadable"
    assert download(world, "learner", cert.uuid) == 200


def test_an_employees_certificate_is_held_by_their_company_admin(event, client_for, world, committing):
    with committing():
        assert mark(client_for("staff"), "employee", True).status_code == 200

    cert = certificate(world, "employee")
    assert cert.status == "downloadable"
    assert download(world, "employee", cert.uuid) == 403
    assert download(world, "other_company_admin", cert.uuid) == 403
    assert download(world, "company_admin", cert.uuid) == 200


def test_absent_after_present_invalidates_with_the_actor_and_history(event, client_for, world, committing):
    admin = client_for("attendance_admin")
    with committing():
        mark(admin, "learner", True)
    with committing():
        assert mark(admin, "learner", False).json()["present"] is False

    assert certificate(world, "learner").status == "invalidated"
    (invalidation,) = certificates_api.list_invalidations(EVENT)
    assert (invalidation.username, invalidation.notes, invalidation.invalidated_by) == (
        "learner",
        ABSENT_REASON,
        "attendance_admin",
    )
    history = admin.get(f"{URL}/learner").json()["history"]
    assert [(h["from"], h["to"], h["changed_by"]) for h in history] == [
        (None, True, "attendance_admin"),
        (True, False, "attendance_admin"),
    ]
    verified = client_for(None).get(f"/api/v1/verify/{certificate(world, 'learner').uuid}").json()
    assert verified["valid"] is False


def test_present_again_restores_the_certificate_attendance_invalidated(event, client_for, world, committing):
    admin = client_for("attendance_admin")
    for present in (True, False, True):
        with committing():
            mark(admin, "learner", present)
    assert certificate(world, "learner").status == "downloadable"
    assert certificates_api.list_invalidations(EVENT) == []


def test_present_does_not_lift_an_invalidation_made_by_the_course_team(event, client_for, world, committing):
    admin = client_for("attendance_admin")
    with committing():
        mark(admin, "learner", True)
    certificates_api.invalidate(EVENT, "learner", "Plagiarism", actor_id=world.users["staff"].pk)
    with committing():
        mark(admin, "learner", False)
        mark(admin, "learner", True)
    assert certificate(world, "learner").status == "invalidated"


def test_marking_the_same_value_again_changes_nothing(event, client_for, world, committing):
    admin = client_for("attendance_admin")
    with committing():
        mark(admin, "learner", False)
        again = mark(admin, "learner", False)
    assert again.json()["changed"] is False
    assert len(admin.get(f"{URL}/learner").json()["history"]) == 1
    assert certificate(world, "learner") is None  # absent never issues


def test_csv_applies_good_rows_and_reports_every_row(event, client_for, world, committing):
    text = (
        "username,present\n"
        "learner,yes\n"
        "employee@example.com,absent\n"
        "nobody,1\n"
        "other_employee,1\n"
        "learner,perhaps\n"
        '=HYPERLINK("http://evil"),1\n'
    )
    with committing():
        response = upload(client_for("attendance_admin"), text)

    assert response.status_code == 200
    rows = [(r["row"], r["identifier"], r["status"]) for r in response.json()["results"]]
    assert rows == [
        (2, "learner", "applied"),
        (3, "employee@example.com", "applied"),
        (4, "nobody", "unknown_learner"),
        (5, "other_employee", "not_registered"),
        (6, "learner", "bad_value"),
        (7, '\'=HYPERLINK("http://evil")', "unknown_learner"),
    ]
    assert response.json()["counts"] == {"applied": 2, "unknown_learner": 2, "not_registered": 1, "bad_value": 1}
    assert events_api.attendance_of(world.users["learner"].pk, EVENT) is True
    assert events_api.attendance_of(world.users["employee"].pk, EVENT) is False
    assert certificate(world, "learner").status == "downloadable"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (None, "Upload a CSV file"),
        (b"", "no rows"),
        (b"\xff\xfe\x00bad", "UTF-8"),
    ],
)
def test_bad_uploads(event, client_for, payload, message):
    client = client_for("attendance_admin")
    if payload is None:
        response = client.post(URL, {}, format="multipart")
    else:
        csv_file = io.BytesIO(payload)
        csv_file.name = "a.csv"
        response = client.post(URL, {"file": csv_file}, format="multipart")
    assert response.status_code == 400
    assert message in response.json()["errors"]["file"][0]


def test_the_roster_lists_registered_learners_with_attendance_and_certificate(event, client_for, world, committing):
    with committing():
        mark(client_for("attendance_admin"), "employee", True)

    response = client_for("attendance_admin").get(URL)

    assert response.status_code == 200
    assert response["X-Total-Count"] == "2"
    by_name = {row["username"]: row for row in response.json()}
    assert by_name["employee"]["company"] == "Acme Corp"
    assert by_name["employee"]["present"] is True
    assert by_name["employee"]["marked_by"] == "attendance_admin"
    assert by_name["employee"]["certificate_status"] == "downloadable"
    assert by_name["learner"]["present"] is None
    assert by_name["learner"]["certificate_status"] is None
    assert set(by_name["learner"]) >= {
        "username",
        "full_name",
        "company",
        "registered_at",
        "present",
        "marked_at",
        "marked_by",
        "certificate_status",
    }


def test_the_roster_is_paginated_and_searchable(event, client_for, world):
    user_model = get_user_model()
    for n in range(3):
        user = user_model.objects.create_user(username=f"extra{n}", email=f"extra{n}@example.com")
        courses_api.enroll(EVENT, user.pk)
    client = client_for("attendance_admin")

    first = client.get(URL, {"page_size": 2})
    last = client.get(URL, {"page_size": 2, "page": 3})

    assert first["X-Total-Count"] == "5"
    assert len(first.json()) == 2
    assert 'rel="next"' in first["Link"]
    assert 'rel="prev"' not in first["Link"]
    assert len(last.json()) == 1
    assert 'rel="prev"' in last["Link"]
    assert [r["username"] for r in client.get(URL, {"search": "ACME"}).json()] == ["employee"]
    assert client.get(URL, {"page_size": 501}).status_code == 400
    assert client.get(URL, {"page": "x"}).status_code == 400


def _grow_roster(extra: int) -> None:
    company = accounts_api.create_company(name=f"Company {extra}")
    for n in range(extra):
        username = f"grow{extra}_{n}"
        accounts_api.create_account(
            username=username,
            password=PASSWORD,
            account_type="employee" if n % 2 else "individual",
            company_id=company.id if n % 2 else None,
        )
        courses_api.enroll(EVENT, accounts_api.get_profile_by_username(username).user_id)


def test_the_roster_costs_the_same_queries_for_few_and_many_learners(event, client_for):
    client = client_for("attendance_admin")
    client.get(URL)  # the first request caches the caller's permissions on the user
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _grow_roster(12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(URL).status_code == 200
    assert [q["sql"][:90] for q in many.captured_queries] == [q["sql"][:90] for q in few.captured_queries]
