"""Activation needs a duration for every required video; the checklist and the Videos page show the missing ones."""

import pytest
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.courses.models import Course
from tests.learning.builders import Leaf, Lesson, Seq, build_structure, page_client, video
from tests.people import COURSE

pytestmark = pytest.mark.django_db
BASE = f"/api/v1/courses/{COURSE}/certificates"


@pytest.fixture
def videos(course):
    """Two required videos without a duration, one with, one unsupported; certificates not active yet."""
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=False)
    leaves = [
        video("Has one", 120),
        Leaf("video", "Welcome", {"html5_sources": '["https://cdn.example.com/w.mp4"]'}),
        Leaf("llp_video", "Outro", {"src": "https://cdn.example.com/o.mp4"}),
        Leaf("video", "Legacy", {}, supported=False),  # not required: it does not block
    ]
    return build_structure(COURSE, [Lesson("L", [Seq("S", leaves)])])


def test_activation_is_refused_listing_the_videos_without_duration(world, client_for, videos):
    client = client_for("instructor")
    assert client.post(f"{BASE}/examples").json()["status"] == "success"

    refused = client.put(f"{BASE}/activation", {"active": True}, format="json")

    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "active": [
            "Set the duration of every required video before activating certificates; not set: 'Welcome', 'Outro'."
        ],
        "videos": [videos["Welcome"], videos["Outro"]],
    }
    assert Course.objects.get(course_key=CourseKey.from_string(COURSE)).certificates_active is False

    for name in ("Welcome", "Outro"):
        api = f"/api/v1/courses/{COURSE}/videos/{videos[name]}"
        assert client.put(api, {"duration": 90}, format="json").status_code == 200
    accepted = client.put(f"{BASE}/activation", {"active": True}, format="json")
    assert (accepted.status_code, accepted.json()["active"]) == (200, True)


def test_without_an_example_both_problems_are_listed(world, client_for, videos):
    refused = client_for("instructor").put(f"{BASE}/activation", {"active": True}, format="json")
    assert refused.status_code == 400
    assert len(refused.json()["errors"]["active"]) == 2


def test_deactivating_is_never_blocked_by_durations(world, client_for, videos):
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True)
    response = client_for("instructor").put(f"{BASE}/activation", {"active": False}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize("active", [False, True])
def test_the_checklist_shows_the_videos_without_duration(world, videos, active):
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=active)
    html = page_client(world.users["instructor"]).get(f"/courses/{COURSE}/instructor").content.decode()
    section = html[html.index('id="video-durations"') :]
    section = section[: section.index("</ul>") + 200]
    assert "Welcome" in section
    assert "Outro" in section
    assert "Duration not set" in section
    assert "Has one" not in section
    assert "Legacy" not in section
    assert f"/courses/{COURSE}/settings/videos" in section


def test_the_videos_page_is_for_the_course_team(world, videos):
    page = f"/courses/{COURSE}/settings/videos"
    assert page_client(world.users["learner"]).get(page).status_code == 403
    assert page_client(world.users["other_instructor"]).get(page).status_code == 403
    assert page_client(None).get(page).status_code == 302  # to the login page
    html = page_client(world.users["instructor"]).get(page).content.decode()
    assert html.count("Duration not set") >= 3  # the banner and the two videos
    assert "Has one" in html
    assert "2:00" in html


def test_the_videos_page_sets_a_duration(world, videos):
    client = page_client(world.users["instructor"])
    page = f"/courses/{COURSE}/settings/videos"
    bad = client.post(page, {"usage_key": videos["Welcome"], "duration": "soon"})
    assert bad.status_code == 400
    assert "Must be a number of seconds" in bad.content.decode()
    saved = client.post(page, {"usage_key": videos["Welcome"], "duration": "75.5"})
    assert saved.status_code == 302
    listed = client.get(f"/api/v1/courses/{COURSE}/videos")  # the session works for the API too
    assert {v["display_name"]: v["duration"] for v in listed.json()}["Welcome"] == 75.5


def test_in_an_active_course_the_player_says_duration_not_set(world, videos):
    from llp_edx_plugin.courses import api as courses_api

    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True)
    courses_api.enroll(COURSE, world.users["learner"].pk)
    team = page_client(world.users["instructor"]).get(f"/courses/{COURSE}/").content.decode()
    learner = page_client(world.users["learner"]).get(f"/courses/{COURSE}/").content.decode()
    assert team.count("<strong>Duration not set.</strong>") == 2  # Welcome and Outro
    assert learner.count("Duration not set: watching this video cannot count") == 2
    assert "<strong>Duration not set.</strong>" not in learner
