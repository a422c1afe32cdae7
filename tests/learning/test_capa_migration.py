"""Migration 0011: problems submitted before the rule change become complete; llp_refresh_progress re-stores."""

import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import api as learning_api
from llp_edx_plugin.learning.models import BlockState
from tests.courses.olx.archives import FIXTURES

COURSE = "course-v1:LLP+CAPA101+2026"
migration = importlib.import_module("llp_edx_plugin.migrations.0011_capa_scores")


@pytest.fixture
def learner(world):
    courses_api.import_olx(FIXTURES / "capa")
    user = world.users["learner"]
    courses_api.enroll(COURSE, user.pk)
    return user


def old_state(user, block_id: str, *, complete: bool, score: float | None, attempts: int) -> BlockState:
    key = next(b.usage_key for b in courses_api.get_structure(COURSE) if b.block_id == block_id)
    return BlockState.objects.create(
        user=user,
        course_key=CourseKey.from_string(COURSE),
        usage_key=key,
        block_type="problem",
        state={"attempts": attempts} if attempts else {},
        complete=complete,
        score=score,
    )


def run(*args) -> str:
    out = StringIO()
    call_command("llp_refresh_progress", *args, stdout=out)
    return out.getvalue()


def test_submitted_problems_become_complete_and_the_stored_progress_follows(learner):
    # Before: the one-attempt problem answered wrong was never complete; everything else was right.
    wrong_once = old_state(learner, "p_once", complete=False, score=0.0, attempts=1)
    for block_id in ("p_numeric", "p_dropdown", "p_survey", "p_policy", "p_formula"):
        old_state(learner, block_id, complete=True, score=1.0, attempts=1)
    never_tried = old_state(learner, "p_script", complete=False, score=None, attempts=0)
    assert run(COURSE) == f"{COURSE}: 1 learners, 1 changed\n"
    assert learning_api.stored_progress(learner.pk, COURSE).completed is False

    migration.mark_submitted_problems_complete(apps, None)

    wrong_once.refresh_from_db()
    never_tried.refresh_from_db()
    assert (wrong_once.complete, wrong_once.score) == (True, 0.0)
    assert never_tried.complete is False  # never submitted: nothing to mark
    assert f"{COURSE}: 1 learners, 1 changed\n" in run()  # every online course by default
    stored = learning_api.stored_progress(learner.pk, COURSE)
    assert (stored.completed, stored.passed, stored.grade_percent) == (True, True, 0.83)
    assert run(COURSE) == f"{COURSE}: 1 learners, 0 changed\n"


@pytest.mark.parametrize("state", [{}, {"attempts": 0}, {"attempts": True}, {"attempts": "1"}, []])
def test_states_without_a_submission_are_left_alone(state):
    assert migration.is_submitted(state) is False


def test_an_unknown_course_is_refused(learner):
    with pytest.raises(CommandError, match="Unknown course"):
        run("course-v1:No+Such+Course")
