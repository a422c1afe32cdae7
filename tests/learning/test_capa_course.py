"""An imported course of CAPA problems (tests/fixtures/olx/capa), learned end to end through the handler route.

Homework 1 (graded) holds p_once (1 input, max_attempts 1 from its sequential), p_numeric (1 input), p_dropdown
(2 inputs, weight 4 from its vertical), p_survey (graded="false") and p_policy (weight 0 from policy.json):
6 possible points. Practice (ungraded) holds p_formula. Homework 2 holds only problems that cannot be graded
here (p_script, p_custom). Passing grade: 50%.
"""

import pytest
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.instructor.views import checklist
from llp_edx_plugin.learning import api as learning_api
from tests.courses.olx.archives import FIXTURES
from tests.learning.runtime.conftest import url

COURSE = "course-v1:LLP+CAPA101+2026"
UNGRADABLE = "Graded problems that cannot be graded here: 2, excluded from the grade."
RIGHT = {
    "p_once": {"1": "choice_0"},
    "p_numeric": {"1": "93000000"},
    "p_dropdown": {"1_1": "Blue", "1_2": "Round"},
    "p_survey": {"1": "choice_1"},
    "p_policy": {"1": "OK"},
    "p_formula": {"1": "(x+1)^2"},
}


@pytest.fixture
def course(world):
    report = courses_api.import_olx(FIXTURES / "capa")
    Course.objects.filter(course_key=CourseKey.from_string(COURSE)).update(certificates_active=True)
    courses_api.enroll(COURSE, world.users["learner"].pk)
    return report


@pytest.fixture
def submit(client_for, course):
    client = client_for("learner")
    keys = {b.block_id: b.usage_key for b in courses_api.get_structure(COURSE)}

    def send(block_id: str, answers: dict):
        return client.post(url(COURSE, keys[block_id], "submit"), {"answers": answers}, format="json")

    return send


def learner_progress(world):
    return learning_api.get_progress(world.users["learner"].pk, COURSE)


def by_id(data) -> dict:
    return {block.usage_key.rsplit("@", 1)[1]: block for lesson in data.lessons for block in lesson.blocks}


def test_the_import_report_and_the_checklist_list_the_problems_that_cannot_be_graded(course):
    assert course.unsupported == [{"type": "problem", "count": 2}]
    assert course.warnings == [
        "Problem 'p_script' cannot be graded here and is not required. "
        "Its answer is computed by the problem's script ($z).",
        "Problem 'p_custom' cannot be graded here and is not required. "
        "This problem has response types that cannot be graded here: customresponse.",
        UNGRADABLE,
    ]
    assert UNGRADABLE in checklist(courses_api.get_course(COURSE))["completion"]
    assert [b.block_id for b in courses_api.ungradable_problems(COURSE)] == ["p_script", "p_custom"]


def test_settings_are_inherited_from_containers_and_the_course_policy(course):
    fields = {b.block_id: b.fields for b in courses_api.get_structure(COURSE) if b.block_type == "problem"}
    inherited = {
        name: {k: f.get(k) for k in ("max_attempts", "weight", "graded", "showanswer", "inputs")}
        for name, f in fields.items()
    }
    assert inherited == {
        # the sequential's max_attempts, the chapter's showanswer, the sequential's graded
        "p_once": {"max_attempts": 1, "weight": None, "graded": True, "showanswer": "never", "inputs": 1},
        # its own max_attempts wins over the sequential's
        "p_numeric": {"max_attempts": 5, "weight": None, "graded": True, "showanswer": "never", "inputs": 1},
        # the vertical's weight
        "p_dropdown": {"max_attempts": 1, "weight": 4, "graded": True, "showanswer": "never", "inputs": 2},
        "p_survey": {"max_attempts": 1, "weight": 4, "graded": False, "showanswer": "never", "inputs": 1},
        # policy.json's weight for this block wins over the vertical's
        "p_policy": {"max_attempts": 1, "weight": 0, "graded": True, "showanswer": "never", "inputs": 1},
        # the course policy's max_attempts; an ungraded sequential
        "p_formula": {"max_attempts": 3, "weight": None, "graded": False, "showanswer": "never", "inputs": 1},
        # the course policy's showanswer
        "p_script": {"max_attempts": 3, "weight": None, "graded": True, "showanswer": "attempted", "inputs": 1},
        "p_custom": {"max_attempts": 3, "weight": None, "graded": True, "showanswer": "attempted", "inputs": 1},
    }


def test_a_one_attempt_problem_answered_wrong_still_lets_the_learner_finish(world, submit):
    wrong = submit("p_once", {"1": "choice_1"})
    assert (wrong.status_code, wrong.json()["score"], wrong.json()["complete"]) == (200, 0, True)
    assert submit("p_once", RIGHT["p_once"]).json() == {"detail": "No attempts left (1 of 1 used)."}
    for block_id in ("p_numeric", "p_dropdown", "p_survey", "p_policy", "p_formula"):
        assert submit(block_id, RIGHT[block_id]).status_code == 200

    data = learner_progress(world)
    assert [lesson.complete for lesson in data.lessons] == [True, True]  # Homework 2 requires nothing
    assert (data.completion.complete, data.completion.total) == (6, 6)
    # Homework 1: (0 + 1 + 4 + 0 (weight 0)) of 1 + 1 + 4 + 0 = 5/6; the survey is out of the grade.
    assert (data.grade.percent, data.grade.passed) == (0.83, True)
    assert (data.qualified, data.unmet_requirements) == (True, ())
    blocks = by_id(data)
    assert (blocks["p_once"].complete, blocks["p_once"].score, blocks["p_once"].detail) == (
        True,
        0.0,
        "Submitted · score 0/1 · 1 of 1 attempts used",
    )
    assert (blocks["p_script"].required, blocks["p_custom"].required) == (False, False)


def test_a_survey_question_completes_once_answered(world, submit):
    assert submit("p_survey", RIGHT["p_survey"]).json()["score"] == 0
    blocks = by_id(learner_progress(world))
    assert (blocks["p_survey"].complete, blocks["p_survey"].detail) == (
        True,
        "Submitted · score 0/1 · 1 of 1 attempts used",
    )


def test_the_latest_submission_counts_and_a_low_grade_is_the_only_unmet_rule(world, submit):
    for block_id, answers in RIGHT.items():
        submit(block_id, {"1_1": "Red", "1_2": "Square"} if block_id == "p_dropdown" else answers)
    assert learner_progress(world).grade.percent == 0.33  # 2 of 6
    submit("p_numeric", {"1": "1"})  # a later, wrong answer replaces the right one
    data = learner_progress(world)
    assert (data.grade.percent, data.completed, data.qualified) == (0.17, True, False)
    assert [r.code for r in data.unmet_requirements] == ["grade_below_passing"]
    submit("p_numeric", {"1": "9.31*10^7"})  # and a right one again (within 1%)
    assert learner_progress(world).grade.percent == 0.33


def test_unsubmitted_problems_are_the_unmet_requirements(world, course):
    data = learner_progress(world)
    assert [r.message for r in data.unmet_requirements][:2] == [
        "Problem 'One attempt' not submitted yet",
        "Problem 'Distance to the Sun' not submitted yet",
    ]


@pytest.mark.parametrize(
    "expression", ["9^9^9^9", "9" * 10_000, "(" * 5000 + "1" + ")" * 5000, "10^10^10", "1" + "+1" * 249]
)
def test_a_hostile_expression_is_a_clear_400_and_costs_no_attempt(world, submit, expression):
    response = submit("p_once", {"1": "choice_1"})  # unrelated: the one-attempt problem
    response = submit("p_numeric", {"1": expression})
    if expression.startswith("1+1"):
        assert response.status_code == 200  # long but legitimate: graded (250 is not 9.3*10^7)
        return
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Question '1': Could not be graded")
    assert by_id(learner_progress(world))["p_numeric"].complete is False
