"""``PUT /api/v1/courses/{course_key}/videos/{usage_key}`` ``{duration}`` and the list: the course team only."""

import pytest

from llp_edx_plugin.courses.models import CourseBlock
from tests.learning.builders import Leaf, Lesson, Seq, build_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_video(world) -> str:
    keys = build_structure(world.course_key, [Lesson("L", [Seq("S", [Leaf("video", "Imported", {"src": "x.mp4"})])])])
    return keys["Imported"]


def url(world, usage_key: str) -> str:
    return f"/api/v1/courses/{world.course_key}/videos/{usage_key}"


def team_duration(usage_key: str):
    return CourseBlock.objects.get(usage_key=usage_key).team_duration


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("instructor", 200),
        ("staff", 200),
        ("anonymous", 401),
        ("learner", 403),
        ("employee", 403),
        ("company_admin", 403),
        ("other_instructor", 403),
    ],
)
def test_who_may_set_a_duration(world, client_for, imported_video, who, status):
    response = client_for(None if who == "anonymous" else who).put(
        url(world, imported_video), {"duration": 250}, format="json"
    )
    assert response.status_code == status
    assert team_duration(imported_video) == (250.0 if status == 200 else None)
    if status == 200:
        assert response.json()["duration"] == 250.0
        assert response.json()["source"] == "course team"


@pytest.mark.parametrize(
    "body",
    [
        {"duration": 0},
        {"duration": -3},
        {"duration": "250"},
        {"duration": True},
        {"duration": 90000},
        {"duration": [250]},
        {},
        [250],
    ],
)
def test_bad_durations_are_400(world, client_for, imported_video, body):
    response = client_for("instructor").put(url(world, imported_video), body, format="json")
    assert response.status_code == 400
    # A body that is not an object is refused by the API's one strict JSON reader, on "body".
    assert ("duration" if isinstance(body, dict) else "body") in response.json()["errors"]
    assert team_duration(imported_video) is None


@pytest.mark.parametrize("raw", [b'{"duration": 1e999}', b'{"duration": NaN}', b'{"duration": ' + b"9" * 500 + b"}"])
def test_huge_and_non_finite_durations_are_400(world, client_for, imported_video, raw):
    response = client_for("instructor").put(url(world, imported_video), raw, content_type="application/json")
    assert response.status_code == 400
    assert team_duration(imported_video) is None


def test_null_clears_the_course_teams_duration(world, client_for, imported_video):
    client = client_for("instructor")
    client.put(url(world, imported_video), {"duration": 250}, format="json")
    response = client.put(url(world, imported_video), {"duration": None}, format="json")
    assert (response.status_code, response.json()["duration"]) == (200, None)
    assert team_duration(imported_video) is None


def test_unknown_videos_are_404(world, client_for, imported_video):
    client = client_for("instructor")
    other = imported_video.replace("type@video", "type@llp_video")
    assert client.put(url(world, other), {"duration": 5}, format="json").status_code == 404
    wrong_course = f"/api/v1/courses/{world.other_course_key}/videos/{imported_video}"
    assert client_for("other_instructor").put(wrong_course, {"duration": 5}, format="json").status_code == 404


def test_the_course_team_lists_the_videos(world, client_for, imported_video):
    listed = client_for("instructor").get(f"/api/v1/courses/{world.course_key}/videos")
    assert listed.status_code == 200
    assert [(v["usage_key"], v["duration"], v["required"]) for v in listed.json()] == [(imported_video, None, True)]
    assert listed["X-Total-Count"] == "1"  # a list like every other: paged, with its headers
    assert 'rel="first"' in listed["Link"]
    assert client_for("learner").get(f"/api/v1/courses/{world.course_key}/videos").status_code == 403
