"""A live event that started an hour ago, with the world's learner and employee registered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api

EVENT = "course-v1:LLP+LIVE1+2026"
FUTURE_EVENT = "course-v1:LLP+LIVE2+2026"
# Who may mark attendance: platform staff and the holder of the permission; everyone else is refused.
MARKERS = ("staff", "attendance_admin")
NOT_MARKERS = ("learner", "employee", "company_admin", "other_company_admin", "instructor", "other_instructor")


def make_event(course_key: str, *, starts_in: timedelta, title: str = "Kick-off live session") -> None:
    start = timezone.now() + starts_in
    courses_api.create_course(
        course_key=course_key, title=title, kind="live_event", start=start, end=start + timedelta(hours=2)
    )
    courses_api.set_certificates_active(course_key, True)


@pytest.fixture
def event(world, settings, tmp_path) -> str:
    """Started an hour ago; ``instructor`` is its instructor (without the attendance permission)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    make_event(EVENT, starts_in=-timedelta(hours=1))
    accounts_api.set_course_role(EVENT, "instructor", "instructor")
    for name in ("learner", "employee"):
        courses_api.enroll(EVENT, world.users[name].pk)
    return EVENT


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what happens on commit (the attendance signal, the rendering task) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
