"""``compiled_queries.CompiledValues``: compiled once, run with new values, the same rows as the ORM's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.compiled_queries import CompiledValues
from llp_edx_plugin.models import Course
from tests.people import COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db


def _courses(key: str, title: str):
    return Course.objects.filter(course_key=key, title=title).values(
        "pk", "title", "self_paced", "grading_policy", "start"
    )


CASES = [(COURSE, "Leading Teams"), (OTHER_COURSE, "Other Course"), (COURSE, "Other Course")]


@pytest.mark.parametrize(("key", "title"), CASES)
def test_the_rows_are_the_orms_for_each_set_of_values(world, key, title):
    compiled = CompiledValues(_courses, key="course-v1:X+SENTINEL+0", title="sentinel-title")
    compiled.rows(key=COURSE, title="L")  # compiled by a first run
    with CaptureQueriesContext(connection) as captured:
        rows = compiled.rows(key=key, title=title)
    assert len(captured) == 1
    assert rows == list(_courses(key, title))  # converted values too: booleans, JSON, dates


def test_a_sentinel_the_query_does_not_use_is_refused(world):
    compiled = CompiledValues(lambda key, unused: _courses(key, "L"), key="course-v1:X+SENTINEL+0", unused=-5)
    with pytest.raises(ValueError, match="missing"):
        compiled.rows(key=COURSE, unused=1)


def test_equal_sentinels_are_refused():
    with pytest.raises(ValueError, match="differ"):
        CompiledValues(_courses, key="same", title="same")


def test_a_sentinel_the_orm_rewrites_is_refused(world):
    """``startswith`` sends ``sentinel%``: the value cannot be swapped in, so the query is not compiled."""
    compiled = CompiledValues(lambda title: Course.objects.filter(title__startswith=title).values("pk"), title="s-t")
    with pytest.raises(ValueError, match="missing"):
        compiled.rows(title="Lead")
