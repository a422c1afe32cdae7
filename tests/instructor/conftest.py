"""An instructor-paced course with certificates active, and learners with stored progress (test setup)."""

import pytest
from django.contrib.auth import get_user_model
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.accounts.models import Profile
from llp_edx_plugin.courses.models import Course, Enrollment
from llp_edx_plugin.learning.models import CourseProgress
from tests.people import COURSE


def activate(course_key: str = COURSE, **fields) -> None:
    """Certificates on for the course (as after a successful example and activation), instructor-paced."""
    Course.objects.filter(course_key=CourseKey.from_string(course_key)).update(
        certificates_active=True, self_paced=False, **fields
    )


def make_learners(course_key: str, outcomes: list[str], prefix: str = "l") -> list[int]:
    """Bulk-create enrolled learners; outcome per learner: ``pass`` (complete, passed), ``fail`` (complete, not
    passed), ``incomplete`` (passed, not complete) or ``none`` (no stored progress). Returns user ids in order."""
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"{prefix}{i:05d}", email=f"{prefix}{i:05d}@example.com")
            for i in range(len(outcomes))
        ]
    )
    Profile.objects.bulk_create([Profile(user=u, full_name=f"Learner {u.username}") for u in users])
    course = Course.objects.get(course_key=CourseKey.from_string(course_key))
    Enrollment.objects.bulk_create([Enrollment(user=u, course=course) for u in users])
    key = CourseKey.from_string(course_key)
    CourseProgress.objects.bulk_create(
        [
            CourseProgress(
                user=u,
                course_key=key,
                complete_count=2 if outcome in ("pass", "fail") else 1,
                total_count=2,
                grade_percent=0.9 if outcome in ("pass", "incomplete") else 0.2,
                passed=outcome in ("pass", "incomplete"),
                completed=outcome in ("pass", "fail"),
            )
            for u, outcome in zip(users, outcomes, strict=True)
            if outcome != "none"
        ]
    )
    return [u.pk for u in users]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def course(world, media) -> str:
    activate(world.course_key)
    return world.course_key
