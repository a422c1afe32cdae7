"""What follows a learner's saved action (the progress signal: automatic issuing) never turns it into a 500."""

import pytest
from django.db import OperationalError

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning.models import BlockState, CourseProgress
from llp_edx_plugin.learning.signals import COURSE_PROGRESS_CHANGED
from tests.learning.builders import Lesson, Seq, build_structure, reading
from tests.learning.runtime.conftest import url


@pytest.fixture
def one_reading(world):
    keys = build_structure(world.course_key, [Lesson("L", [Seq("S", [reading("Read me")])])])
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    return keys["Read me"]


@pytest.fixture
def receiver():
    """A receiver of COURSE_PROGRESS_CHANGED that fails as told (as an issuer meeting a busy database would)."""
    calls: list[dict] = []
    failures: list[Exception] = []

    def listen(sender, **kwargs):
        calls.append(kwargs)
        if failures:
            raise failures.pop(0)

    COURSE_PROGRESS_CHANGED.connect(listen, dispatch_uid="test_after_commit")
    yield calls, failures
    COURSE_PROGRESS_CHANGED.disconnect(dispatch_uid="test_after_commit")


def complete(client_for, world, usage_key):
    return client_for("learner").post(url(world.course_key, usage_key, "complete"), {}, format="json")


def test_a_receiver_that_fails_does_not_fail_the_saved_action(
    world, client_for, one_reading, receiver, django_capture_on_commit_callbacks
):
    calls, failures = receiver
    failures.append(RuntimeError("the issuer is down"))
    with django_capture_on_commit_callbacks(execute=True):
        response = complete(client_for, world, one_reading)
    assert (response.status_code, response.json()) == (200, {"complete": True})
    assert BlockState.objects.get(user=world.users["learner"], usage_key=one_reading).complete is True
    assert CourseProgress.objects.get(user=world.users["learner"]).completed is True
    assert len(calls) == 1


def test_a_receiver_meeting_a_busy_database_is_run_again(
    world, client_for, one_reading, receiver, django_capture_on_commit_callbacks
):
    calls, failures = receiver
    failures.append(OperationalError("database is locked"))
    with django_capture_on_commit_callbacks(execute=True):
        response = complete(client_for, world, one_reading)
    assert response.status_code == 200
    assert [call["completed"] for call in calls] == [True, True]  # failed once, then handled


def test_the_state_and_the_progress_are_saved_together(world, client_for, one_reading, monkeypatch):
    from llp_edx_plugin.learning import runtime

    def broken_refresh(user_id, course_key):
        raise OperationalError("database is locked")

    monkeypatch.setattr(runtime, "refresh_course_progress", broken_refresh)
    client = client_for("learner")
    with pytest.raises(OperationalError):
        client.post(url(world.course_key, one_reading, "complete"), {}, format="json")
    # nothing half-done: no completion without its progress
    assert not BlockState.objects.filter(user=world.users["learner"]).exists()
