"""A course with a video the learner has not watched, a live event, and an employee's issued certificate."""

import pytest
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from tests.learning.builders import Lesson, Seq, build_structure, reading, video

LIVE = "course-v1:LLP+LIVE1+2026"


@pytest.fixture
def video_course(world):
    """The world's self-paced course: one lesson with the video 'Intro' (4:10) and a reading; learners enrolled."""
    keys = build_structure(
        world.course_key, [Lesson("Week 1", [Seq("Basics", [video("Intro", duration=250), reading("Welcome")])])]
    )
    for name in ("learner", "employee"):
        courses_api.enroll(world.course_key, world.users[name].pk)
    return keys


@pytest.fixture
def live_event(world):
    courses_api.create_course(course_key=LIVE, title="Kick-off live session", kind="live_event", self_paced=True)
    courses_api.set_certificates_active(LIVE, True)
    courses_api.enroll(LIVE, world.users["learner"].pk)
    return LIVE


def issue(user, course_key: str, status: str = "downloadable") -> Certificate:
    """A certificate row as the issuer leaves it (the support domain only reads it)."""
    return Certificate.objects.create(
        user=user,
        course_key=CourseKey.from_string(course_key),
        status=status,
        name=user.username,
        course_title="Leading Teams",
        issued_at=timezone.now(),
    )


@pytest.fixture(autouse=True)
def fresh_throttle_counters():
    """The support throttle counts in the cache: every test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
