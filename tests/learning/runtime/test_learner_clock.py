"""One clock per learner: new watched time across ALL of a learner's videos is capped by their wall time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning.models import BlockState
from tests.learning.builders import Lesson, Seq, build_structure, video
from tests.learning.runtime.conftest import url

VIDEOS = [f"Clip {n}" for n in range(1, 6)]


@pytest.fixture
def five_videos(world):
    """Five 20 s videos in one lesson of the course, and one more in the other course; the learner in both."""
    keys = build_structure(world.course_key, [Lesson("Lesson", [Seq("Clips", [video(n, 20) for n in VIDEOS])])])
    other = build_structure(world.other_course_key, [Lesson("Elsewhere", [Seq("More", [video("Far clip", 20)])])])
    for course_key in (world.course_key, world.other_course_key):
        courses_api.enroll(course_key, world.users["learner"].pk)
    return keys, other


def report(client, course_key, usage_key, watched):
    response = client.post(url(course_key, usage_key, "progress"), {"watched": watched}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def credited(user) -> float:
    return sum(row.state.get("watched_seconds", 0.0) for row in BlockState.objects.filter(user=user))


def test_five_20s_videos_reported_together_cannot_all_complete_in_11s(world, client_for, clock, five_videos):
    keys, _ = five_videos
    client = client_for("learner")
    # given the learner started all five players at once
    for name in VIDEOS:
        report(client, world.course_key, keys[name], [])
    # when, 11 s later, each player claims it was watched in full
    clock.advance(11)
    answers = [report(client, world.course_key, keys[name], [[0, 20]]) for name in VIDEOS]
    # then 11 s of wall time at 2x credit 22 s in all: one video, not five
    assert [a["complete"] for a in answers].count(True) <= 1
    assert credited(world.users["learner"]) <= 22.0
    assert answers[0] == {"watched_ratio": 1.0, "complete": True}
    # the first report used the learner's clock up to now: the others have no wall time left
    assert answers[1:] == [{"watched_ratio": 0.0, "complete": False}] * 4


def test_the_clock_is_shared_across_courses(world, client_for, clock, five_videos):
    keys, other = five_videos
    client = client_for("learner")
    report(client, world.course_key, keys["Clip 1"], [])
    report(client, world.other_course_key, other["Far clip"], [])
    clock.advance(10)
    assert report(client, world.other_course_key, other["Far clip"], [[0, 20]])["complete"] is True
    # the 10 s were spent on the other course's video
    assert report(client, world.course_key, keys["Clip 1"], [[0, 20]]) == {"watched_ratio": 0.0, "complete": False}
    clock.advance(10)
    assert report(client, world.course_key, keys["Clip 1"], [[0, 20]]) == {"watched_ratio": 1.0, "complete": True}


def test_one_learners_clock_does_not_slow_another(world, client_for, clock, five_videos):
    keys, _ = five_videos
    courses_api.enroll(world.course_key, world.users["employee"].pk)
    learner, employee = client_for("learner"), client_for("employee")
    for client in (learner, employee):
        report(client, world.course_key, keys["Clip 1"], [])
    clock.advance(10)
    for client in (learner, employee):
        assert report(client, world.course_key, keys["Clip 1"], [[0, 20]])["complete"] is True


@pytest.mark.django_db(transaction=True)
def test_the_shared_clock_costs_no_extra_query(world, client_for, clock, five_videos):
    keys, other = five_videos
    client = client_for("learner")
    report(client, world.other_course_key, other["Far clip"], [])
    report(client, world.course_key, keys["Clip 1"], [])
    clock.advance(5)
    with CaptureQueriesContext(connection) as captured:
        report(client, world.course_key, keys["Clip 1"], [[0, 5]])
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
    assert len([q for q in captured if not q["sql"].upper().startswith(control)]) <= 4
