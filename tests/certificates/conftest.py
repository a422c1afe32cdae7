"""A small self-paced course of two readings, and helpers to complete it as a learner would have."""

import pytest
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course, CourseBlock
from llp_edx_plugin.learning import api as learning_api
from llp_edx_plugin.learning.models import BlockState

CERT_COURSE = "course-v1:LLP+CERT1+2026"


def build_reading_course(course_key: str = CERT_COURSE, *, self_paced: bool = True, **course_fields) -> list[str]:
    """chapter > sequential > vertical > two llp_reading blocks; returns the readings' usage keys."""
    courses_api.create_course(course_key=course_key, title="Feedback Skills: Été", self_paced=self_paced)
    Course.objects.filter(course_key=CourseKey.from_string(course_key)).update(
        certificates_active=True, **course_fields
    )
    course = Course.objects.get(course_key=CourseKey.from_string(course_key))
    key = CourseKey.from_string(course_key)
    parent = None
    rows = []
    for order, (block_type, block_id) in enumerate(
        [("chapter", "ch1"), ("sequential", "seq1"), ("vertical", "v1"), ("llp_reading", "r1"), ("llp_reading", "r2")]
    ):
        block = CourseBlock.objects.create(
            course=course,
            usage_key=key.make_usage_key(block_type, block_id),
            block_type=block_type,
            block_id=block_id,
            parent=parent if block_type != "llp_reading" else rows[2],
            order=order,
            display_name=f"{block_type} {block_id}",
        )
        rows.append(block)
        parent = block
    return [str(rows[3].usage_key), str(rows[4].usage_key)]


def complete_blocks(user, course_key: str, usage_keys: list[str]) -> None:
    """Mark blocks complete as the runtime would, then refresh the stored progress (which signals on commit).

    Tests run inside a transaction: wrap calls in ``django_capture_on_commit_callbacks(execute=True)`` (the
    ``committing`` fixture) so what happens on commit happens.
    """
    for usage_key in usage_keys:
        BlockState.objects.update_or_create(
            user=user,
            usage_key=usage_key,
            defaults={"course_key": CourseKey.from_string(course_key), "block_type": "llp_reading", "complete": True},
        )
    learning_api.refresh_course_progress(user.pk, course_key)


@pytest.fixture
def reading_course(db, settings, tmp_path) -> list[str]:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_reading_course()


@pytest.fixture
def complete(django_capture_on_commit_callbacks):
    """``complete(user, course_key, usage_keys)``, running the on-commit work (signals, tasks) as a commit would."""

    def run(user, course_key: str, usage_keys: list[str]) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            complete_blocks(user, course_key, usage_keys)

    return run


@pytest.fixture
def issued(world, settings, tmp_path, complete):
    """The world's learner and employee, both certified (PDF rendered) in a self-paced reading course whose
    instructor is the world's instructor."""
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()
    certs = {}
    for name in ("learner", "employee"):
        user = world.users[name]
        courses_api.enroll(CERT_COURSE, user.pk)
        complete(user, CERT_COURSE, readings)
        certs[name] = certificates_api.certificate_for(user.pk, CERT_COURSE)
    accounts_api.set_course_role(CERT_COURSE, "instructor", "instructor")
    return certs
