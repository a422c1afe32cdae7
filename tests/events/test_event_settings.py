"""A live event's session details in the course settings (CONTRACT.md: time_zone, location, join_url, capacity)."""

import pytest
from django.test import Client

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.settings_rules import EDITABLE_FIELDS, MAX_CAPACITY, apply_changes
from llp_edx_plugin.errors import FieldErrors

from .conftest import EVENT

ONLINE = {name: None for name in EDITABLE_FIELDS} | {
    "title": "T",
    "certificates_display_behavior": "early_no_info",
    "grading_policy": {"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}},
}
LIVE = ONLINE | {"kind": "live_event", "time_zone": "UTC", "location": "", "join_url": "", "capacity": None}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"time_zone": "Europe/Madrid"}, {"time_zone": "Europe/Madrid"}),
        ({"location": "  Room 4, Madrid HQ "}, {"location": "Room 4, Madrid HQ"}),
        ({"join_url": "https://meet.example.com/abc"}, {"join_url": "https://meet.example.com/abc"}),
        ({"join_url": ""}, {"join_url": ""}),
        ({"join_url": None}, {"join_url": ""}),
        ({"capacity": 30}, {"capacity": 30}),
        ({"capacity": None}, {"capacity": None}),
        ({"capacity": MAX_CAPACITY}, {"capacity": MAX_CAPACITY}),
    ],
)
def test_good_event_details(changes, expected):
    new = apply_changes(LIVE, changes, templates=["classic"])
    assert {k: new[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone"),
        ({"time_zone": ""}, "time_zone", "Enter a time zone"),
        ({"time_zone": 3}, "time_zone", "Enter a time zone"),
        ({"join_url": "javascript:alert(1)"}, "join_url", "https://"),
        ({"join_url": "ftp://files.example.com"}, "join_url", "https://"),
        ({"join_url": "https://"}, "join_url", "https://"),
        ({"join_url": "https://a.example.com/x y"}, "join_url", "spaces"),
        ({"join_url": "https://e.com/" + "a" * 500}, "join_url", "At most 500"),
        ({"location": "x" * 256}, "location", "At most 255"),
        ({"location": ["Room"]}, "location", "Must be text"),
        ({"capacity": 0}, "capacity", "from 1 to"),
        ({"capacity": -5}, "capacity", "from 1 to"),
        ({"capacity": MAX_CAPACITY + 1}, "capacity", "from 1 to"),
        ({"capacity": "30"}, "capacity", "from 1 to"),
        ({"capacity": True}, "capacity", "from 1 to"),
        ({"capacity": 2.5}, "capacity", "from 1 to"),
    ],
)
def test_bad_event_details_name_their_field(changes, field, message):
    with pytest.raises(FieldErrors) as raised:
        apply_changes(LIVE, changes, templates=["classic"])
    assert list(raised.value.errors) == [field]
    assert message in raised.value.errors[field][0]


def test_an_online_course_has_no_event_details():
    with pytest.raises(FieldErrors) as raised:
        apply_changes(ONLINE | {"kind": "online"}, {"location": "Room 4"}, templates=["classic"])
    assert raised.value.errors == {"location": ["Only live events have this setting."]}


@pytest.mark.django_db
def test_the_settings_api_reads_and_changes_the_event_details(event, client_for):
    url = f"/api/v1/courses/{EVENT}/settings"
    staff = client_for("staff")

    read = staff.get(url).json()
    changed = staff.patch(
        url,
        {
            "time_zone": "Europe/Madrid",
            "location": "Madrid HQ",
            "join_url": "https://meet.example.com/k",
            "capacity": 40,
        },
        format="json",
    )
    refused = staff.patch(url, {"join_url": "javascript:alert(1)", "capacity": 0}, format="json")

    assert {k: read[k] for k in ("time_zone", "location", "join_url", "capacity")} == {
        "time_zone": "UTC",
        "location": "",
        "join_url": "",
        "capacity": None,
    }
    assert changed.status_code == 200
    assert changed.json()["capacity"] == 40
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"join_url", "capacity"}
    assert staff.get(url).json()["join_url"] == "https://meet.example.com/k"


@pytest.mark.django_db
def test_the_settings_of_an_online_course_do_not_list_event_details(world, client_for):
    settings = client_for("staff").get(f"/api/v1/courses/{world.course_key}/settings").json()
    assert "location" not in settings
    assert "join_url" not in settings


@pytest.mark.django_db
def test_a_full_event_takes_no_new_registration(event, world, client_for):
    courses_api.update_advanced_settings(EVENT, {"capacity": 2})  # learner and employee hold both places

    refused = client_for("staff").post(f"/api/v1/courses/{EVENT}/enrollments", {"username": "other_employee"})
    again = courses_api.enroll(EVENT, world.users["learner"].pk)  # already registered: still fine

    assert refused.status_code == 400
    assert refused.json() == {"errors": {"course_key": ["This event is full: all 2 places are taken."]}}
    assert again[1] is False
    assert courses_api.get_enrollment(EVENT, world.users["other_employee"].pk) is None
    courses_api.update_advanced_settings(EVENT, {"capacity": None})
    assert courses_api.enroll(EVENT, world.users["other_employee"].pk)[1] is True


@pytest.mark.django_db
def test_the_advanced_settings_page_edits_the_session_of_a_live_event(event, world):
    client = Client()
    client.force_login(world.users["instructor"])
    url = f"/courses/{EVENT}/settings/advanced"
    form = {
        "title": "Kick-off live session",
        "self_paced": "false",
        "issues_certificates": "on",
        "certificates_display_behavior": "early_no_info",
        "certificate_template": "classic",
        "certificate_language": "en",
        "location": "Madrid HQ",
        "join_url": "https://meet.example.com/k",
        "time_zone": "Europe/Madrid",
        "capacity": "25",
    }

    assert 'id="event-settings"' in client.get(url).content.decode()
    assert client.post(url, form).status_code == 302
    refused = client.post(url, {**form, "capacity": "lots", "join_url": "javascript:x"})

    saved = courses_api.get_course(EVENT)
    assert (saved.location, saved.join_url, saved.time_zone, saved.capacity) == (
        "Madrid HQ",
        "https://meet.example.com/k",
        "Europe/Madrid",
        25,
    )
    assert refused.status_code == 400
    assert "Must be a whole number from 1 to" in refused.content.decode()
    assert 'id="event-settings"' not in client.get(f"/courses/{world.course_key}/settings/advanced").content.decode()
