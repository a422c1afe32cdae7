"""The attendance page, its CSV export, the attendance administrator's home and the learner's event page."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from tests.people import PASSWORD

from .conftest import EVENT, FUTURE_EVENT, MARKERS, NOT_MARKERS, make_event

pytestmark = pytest.mark.django_db

PAGE = f"/courses/{EVENT}/attendance"
EXPORT = f"/courses/{EVENT}/attendance.csv"


@pytest.fixture
def browser_for(world):
    def make(name: str | None) -> Client:
        client = Client()
        if name:
            client.force_login(world.users[name])
        return client

    return make


@pytest.mark.parametrize("who", [*MARKERS, *NOT_MARKERS, "anonymous"])
def test_who_may_open_mark_and_export(event, browser_for, world, who):
    client = browser_for(None if who == "anonymous" else who)
    allowed = who in MARKERS

    page = client.get(PAGE)
    marked = client.post(PAGE, {"action": "present", "usernames": ["learner"]})
    export = client.get(EXPORT)

    if who == "anonymous":
        assert (page.status_code, marked.status_code, export.status_code) == (302, 302, 302)
        assert page["Location"].startswith("/login")
    else:
        expected = (200, 302, 200) if allowed else (403, 403, 403)
        assert (page.status_code, marked.status_code, export.status_code) == expected
    assert (events_api.attendance_of(world.users["learner"].pk, EVENT) is True) is allowed


def test_unknown_and_online_courses_are_not_found(event, browser_for, world):
    client = browser_for("attendance_admin")
    assert client.get("/courses/course-v1:LLP+NOPE+2026/attendance").status_code == 404
    assert client.get(f"/courses/{world.course_key}/attendance").status_code == 404


def test_the_roster_shows_every_column_and_searches(event, browser_for):
    client = browser_for("attendance_admin")
    html = client.get(PAGE).content.decode()
    for text in ("Learner", "Company", "Registered", "Attendance", "Certificate", "employee@example.com", "Acme Corp"):
        assert text in html
    assert 'id="select-all"' in html
    searched = client.get(PAGE, {"q": "acme"}).content.decode()
    assert 'data-username="employee"' in searched
    assert 'data-username="learner"' not in searched


def test_bulk_and_single_marking(event, browser_for, world):
    client = browser_for("attendance_admin")
    client.post(PAGE, {"action": "absent", "usernames": ["learner", "employee"]})
    client.post(PAGE, {"one": "employee:present"})
    assert events_api.attendance_of(world.users["learner"].pk, EVENT) is False
    assert events_api.attendance_of(world.users["employee"].pk, EVENT) is True
    nothing = client.post(PAGE, {"action": "present"})
    assert nothing.status_code == 400
    assert "Select at least one learner." in nothing.content.decode()


def test_csv_upload_shows_per_row_results(event, browser_for, world):
    upload = io.BytesIO(b"username,present\nlearner,yes\nghost,1\nemployee,maybe\n")
    upload.name = "attendance.csv"
    html = browser_for("staff").post(PAGE, {"action": "upload", "file": upload}).content.decode()
    assert 'data-status="applied"' in html
    assert 'data-status="unknown_learner"' in html
    assert 'data-status="bad_value"' in html
    assert events_api.attendance_of(world.users["learner"].pk, EVENT) is True


def test_before_the_start_the_page_says_when_and_refuses(world, browser_for):
    make_event(FUTURE_EVENT, starts_in=timedelta(days=1))
    courses_api.enroll(FUTURE_EVENT, world.users["learner"].pk)
    client = browser_for("attendance_admin")
    html = client.get(f"/courses/{FUTURE_EVENT}/attendance").content.decode()
    refused = client.post(f"/courses/{FUTURE_EVENT}/attendance", {"action": "present", "usernames": ["learner"]})
    assert 'id="not-started"' in html
    assert refused.status_code == 400
    assert events_api.attendance_of(world.users["learner"].pk, FUTURE_EVENT) is None


def test_the_export_is_utf8_with_bom_and_neutralised(event, browser_for, world):
    accounts_api.create_account(username="mallory", password=PASSWORD, full_name="=cmd|' /C calc'!A0")
    courses_api.enroll(EVENT, accounts_api.get_profile_by_username("mallory").user_id)
    response = browser_for("attendance_admin").get(EXPORT)
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Username", "Full name", "Email"]
    by_username = {row[0]: row for row in rows[1:]}
    assert by_username["mallory"][1] == "'=cmd|' /C calc'!A0"
    assert by_username["employee"][3] == "Acme Corp"
    assert by_username["learner"][5] == "Not marked"


def test_the_home_lists_events_with_counts_for_attendance_admins_only(event, browser_for, world):
    events_api.mark_attendance(EVENT, "learner", True, actor=accounts_api.get_actor(world.users["staff"]))
    admin_html = browser_for("attendance_admin").get("/dashboard").content.decode()
    learner_html = browser_for("learner").get("/dashboard").content.decode()
    instructor_html = browser_for("instructor").get("/dashboard").content.decode()

    assert 'id="attendance"' in admin_html
    assert f'href="/courses/{EVENT}/attendance"' in admin_html
    assert ">Attendance</a>" in admin_html  # the nav link
    assert "1 to mark" in admin_html
    assert 'id="attendance"' not in learner_html
    assert ">Attendance</a>" not in learner_html
    assert 'id="attendance"' not in instructor_html


def test_events_home_orders_what_needs_marking_first(world):
    make_event("course-v1:LLP+SOON+2026", starts_in=timedelta(days=3), title="Soon")
    make_event("course-v1:LLP+NOW+2026", starts_in=-timedelta(minutes=30), title="Now")
    make_event("course-v1:LLP+PAST+2026", starts_in=-timedelta(days=3), title="Past")
    courses_api.enroll("course-v1:LLP+PAST+2026", world.users["learner"].pk)
    home = events_api.events_home(actor=accounts_api.get_actor(world.users["attendance_admin"]), now=timezone.now())
    assert [(e.title, e.phase, e.registered, e.unmarked) for e in home] == [
        ("Now", "in_progress", 0, 0),
        ("Past", "ended", 1, 1),
        ("Soon", "upcoming", 0, 0),
    ]
    assert events_api.events_home(actor=accounts_api.get_actor(world.users["instructor"])) == []


def test_the_learner_sees_the_session_and_the_join_link_only_when_registered(event, browser_for, client_for):
    client_for("staff").patch(
        f"/api/v1/courses/{EVENT}/settings",
        {"location": "Madrid HQ, room 4", "join_url": "https://meet.example.com/kick", "capacity": 30},
        format="json",
    )
    page = browser_for("learner").get(f"/courses/{EVENT}/").content.decode()
    card = browser_for("learner").get("/dashboard").content.decode()
    stranger = browser_for("other_employee").get(f"/courses/{EVENT}/")

    assert "Madrid HQ, room 4" in page
    assert "https://meet.example.com/kick" in page
    assert "Your certificate will be available after your attendance is confirmed" in page
    assert " of 0 " not in page
    assert "Madrid HQ, room 4" in card
    assert "View event" in card
    assert stranger.status_code == 404
    progress = browser_for("learner").get(f"/courses/{EVENT}/progress").content.decode()
    assert "Madrid HQ, room 4" in progress
    assert " of 0 " not in progress
