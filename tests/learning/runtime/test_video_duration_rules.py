"""End to end: a video's duration comes from the course, never from the learner's reports."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import api as learning_api
from tests.learning.builders import Leaf, Lesson, Seq, build_structure
from tests.learning.runtime.conftest import url


@pytest.fixture
def imported(world):
    """An imported Open edX video without a duration (as every real export has), the learner enrolled."""
    keys = build_structure(
        world.course_key,
        [Lesson("L", [Seq("S", [Leaf("video", "Welcome", {"html5_sources": '["https://cdn.example.com/w.mp4"]'})])])],
    )
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    return keys["Welcome"]


def report(client, world, usage_key, body):
    return client.post(url(world.course_key, usage_key, "progress"), body, format="json")


def test_a_client_duration_does_not_complete_a_video_instantly(world, client_for, clock, imported):
    client = client_for("learner")
    first = report(client, world, imported, {"watched": [], "duration": 0.01})
    clock.advance(1)
    second = report(client, world, imported, {"watched": [[0, 0.01]], "duration": 0.01})
    assert (first.status_code, second.status_code) == (409, 409)
    assert "duration is not set" in second.json()["detail"]
    progress = learning_api.get_progress(world.users["learner"].pk, world.course_key)
    assert progress.completion.complete == 0
    assert progress.unmet_requirements[0].message == (
        "Video 'Welcome' cannot be completed yet: its duration is not set (the course team must set it)"
    )


def test_once_the_course_team_sets_it_the_video_counts_against_that_duration(world, client_for, clock, imported):
    client = client_for("learner")
    courses_api.set_video_duration(world.course_key, imported, 100)
    report(client, world, imported, {"watched": [], "duration": 0.01})
    clock.advance(10)
    tiny = report(client, world, imported, {"watched": [[0, 0.01]], "duration": 0.01})
    assert tiny.json() == {"watched_ratio": 0.0001, "complete": False}
    clock.advance(50)
    full = report(client, world, imported, {"watched": [[0, 100]]})
    assert full.json() == {"watched_ratio": 1.0, "complete": True}
