"""Two self-paced reading courses, a live event, and a pathway of them, built through the domain APIs."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.programs import api as programs_api
from tests.certificates.conftest import build_reading_course, complete_blocks

COURSE_A = "course-v1:LLP+PA+2026"
COURSE_B = "course-v1:LLP+PB+2026"


@pytest.fixture
def staff(world):
    return accounts_api.get_actor(world.users["staff"])


@pytest.fixture
def courses(world, settings, tmp_path):
    """{course_key: reading usage keys} of two active self-paced courses."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return {COURSE_A: build_reading_course(COURSE_A), COURSE_B: build_reading_course(COURSE_B)}


@pytest.fixture
def pathway(courses, staff):
    return programs_api.create_program(
        staff, slug="leaders", title="Leaders Pathway", kind="pathway", members=[COURSE_A, COURSE_B]
    )


@pytest.fixture
def finish(django_capture_on_commit_callbacks, courses):
    """``finish(user, course_key)``: complete a course as the learner would, running what happens on commit."""

    def run(user, course_key: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            complete_blocks(user, course_key, courses[course_key])

    return run


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """``committing(fn, *args, **kwargs)``: call and run the on-commit work (signals, tasks) as a commit would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
