"""``courses.api.structure_and_access``: the structure and the learner's access of the handlers' hot path, in one
query, always the same answer as ``get_structure`` + ``courseware_access``."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.errors import NotFound
from tests.learning.builders import build_large_structure
from tests.people import COURSE, OTHER_COURSE


def _separately(course_key: str, user_id: int):
    return courses_api.get_structure(course_key), *courses_api.courseware_access(course_key, user_id)


@pytest.mark.parametrize(
    ("enrolled", "active", "expected_access"),
    [
        (False, True, (False, None)),
        (True, True, (True, None)),
        (True, False, (True, courses_api.COURSEWARE_BLOCKED_MESSAGE)),
        (False, False, (False, None)),
    ],
)
def test_one_query_gives_the_structure_and_access(world, django_assert_num_queries, enrolled, active, expected_access):
    build_large_structure(COURSE, 12)
    learner = world.users["learner"]
    if enrolled:
        courses_api.enroll(COURSE, learner.pk)
    courses_api.set_certificates_active(COURSE, active)
    with django_assert_num_queries(1):
        structure, *access = courses_api.structure_and_access(COURSE, learner.pk)
    assert tuple(access) == expected_access
    assert (structure, *access) == _separately(COURSE, learner.pk)
    assert len(structure) > 12


def test_an_empty_course_answers_like_the_two_calls(world):
    learner = world.users["learner"]
    courses_api.enroll(OTHER_COURSE, learner.pk)
    assert courses_api.structure_and_access(OTHER_COURSE, learner.pk) == ([], True, None)


def test_an_unknown_course_is_not_found(world):
    with pytest.raises(NotFound):
        courses_api.structure_and_access("course-v1:LLP+NOPE+2026", world.users["learner"].pk)
