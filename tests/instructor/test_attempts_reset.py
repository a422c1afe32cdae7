"""The course team resets a learner's attempts on a problem or quiz, with history (API and dashboard)."""

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import api as learning_api
from llp_edx_plugin.learning.models import AttemptReset, BlockState
from tests import people
from tests.learning.builders import Leaf, Lesson, Seq, build_structure, page_client, quiz, reading, set_state
from tests.people import COURSE, OTHER_COURSE

pytestmark = pytest.mark.django_db
URL = f"/api/v1/courses/{COURSE}/attempts/reset"
QUESTIONS = '<question id="q1" correct="b"><choice id="a">3</choice><choice id="b">4</choice></question>'


@pytest.fixture
def used_up(world):
    """The learner enrolled, with both attempts of a two-attempt quiz used and a 40% best score."""
    check = quiz("Check", max_attempts=2)
    check = Leaf(check.block_type, check.name, check.fields, content=QUESTIONS)
    keys = build_structure(COURSE, [Lesson("L", [Seq("S", [check, reading("Notes")])])])
    learner = world.users["learner"]
    courses_api.enroll(COURSE, learner.pk)
    set_state(learner, keys["Check"], complete=False, score=0.4, attempts=2, best_score=0.4, passed=False)
    return keys


def _state(user, usage_key: str) -> BlockState:
    return BlockState.objects.get(user=user, usage_key=usage_key)


@pytest.mark.parametrize("role", ["instructor", "course_staff", "staff"])
def test_the_course_team_resets_attempts_and_the_history_keeps_it(world, client_for, used_up, role):
    if role == "course_staff":
        world.users[role] = people.make_user(role)
        accounts_api.set_course_role(COURSE, role, "staff")
    body = {"username": "learner", "usage_key": used_up["Check"]}

    response = client_for(role).post(URL, body, format="json")

    assert response.status_code == 200
    answer = response.json()
    assert {k: answer[k] for k in ("usage_key", "block_name", "username", "reset_by", "attempts_before")} == {
        "usage_key": used_up["Check"],
        "block_name": "Check",
        "username": "learner",
        "reset_by": role,
        "attempts_before": 2,
    }
    assert answer["attempts"] == 0
    state = _state(world.users["learner"], used_up["Check"])
    # Attempts back; the score and best score stay (as Open edX's "Reset Student Attempts").
    assert (state.state["attempts"], state.state["best_score"], state.score) == (0, 0.4, 0.4)
    [history] = learning_api.reset_history(COURSE)
    assert (history.username, history.reset_by, history.usage_key, history.attempts_before) == (
        "learner",
        role,
        used_up["Check"],
        2,
    )
    assert history.created is not None


@pytest.mark.parametrize("role", ["anonymous", "learner", "employee", "company_admin", "other_instructor"])
def test_others_may_not_reset(world, client_for, used_up, role):
    client = client_for(None if role == "anonymous" else role)
    response = client.post(URL, {"username": "learner", "usage_key": used_up["Check"]}, format="json")
    assert response.status_code == (401 if role == "anonymous" else 403)
    assert _state(world.users["learner"], used_up["Check"]).state["attempts"] == 2
    assert AttemptReset.objects.count() == 0


def test_another_course_team_may_not_reset_in_this_course_even_a_block_of_theirs(world, client_for, used_up):
    response = client_for("other_instructor").post(
        f"/api/v1/courses/{OTHER_COURSE}/attempts/reset",
        {"username": "learner", "usage_key": used_up["Check"]},
        format="json",
    )
    assert response.status_code == 400  # not a block of their course
    assert response.json()["errors"]["username"] or response.json()["errors"]["usage_key"]
    assert _state(world.users["learner"], used_up["Check"]).state["attempts"] == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"usage_key": "x"}, "username"),
        ({"username": "nobody", "usage_key": "x"}, "username"),
        ({"username": "employee", "usage_key": "PLACEHOLDER"}, "username"),  # not enrolled
        ({"username": "learner"}, "usage_key"),
        ({"username": "learner", "usage_key": "block-v1:LLP+LEAD101+2026+type@problem+block@nope"}, "usage_key"),
        ({"username": "learner", "usage_key": "NOTES"}, "usage_key"),  # a reading has no attempts
        ({"username": 7, "usage_key": "x"}, "username"),
    ],
)
def test_bad_input_is_a_400_on_its_field(world, client_for, used_up, body, field):
    body = {
        k: used_up["Check"] if v == "PLACEHOLDER" else used_up["Notes"] if v == "NOTES" else v for k, v in body.items()
    }
    response = client_for("instructor").post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_an_unknown_course_is_a_404(client_for, world):
    response = client_for("staff").post(
        "/api/v1/courses/course-v1:No+Such+Course/attempts/reset", {"username": "learner"}, format="json"
    )
    assert response.status_code == 404


def test_a_learner_without_state_gets_a_reset_recorded_with_zero_attempts(world, client_for, used_up):
    other = people.make_user("fresh")
    courses_api.enroll(COURSE, other.pk)
    response = client_for("instructor").post(URL, {"username": "fresh", "usage_key": used_up["Check"]}, format="json")
    assert (response.status_code, response.json()["attempts_before"]) == (200, 0)


def test_after_a_reset_the_learner_may_submit_again(world, client_for, used_up):
    learner = client_for("learner")
    handler = f"/courses/{COURSE}/xblock/{used_up['Check']}/handler/submit"
    assert learner.post(handler, {"answers": {"q1": "b"}}, format="json").status_code == 403  # none left
    client_for("instructor").post(URL, {"username": "learner", "usage_key": used_up["Check"]}, format="json")
    again = learner.post(handler, {"answers": {"q1": "b"}}, format="json")
    assert again.status_code == 200
    assert again.json()["attempts_left"] == 1


def test_the_dashboard_lists_the_blocks_and_the_history(world, used_up):
    learning_api.reset_attempts(COURSE, "learner", used_up["Check"], actor_id=world.users["instructor"].pk)
    page = page_client(world.users["instructor"]).get(f"/courses/{COURSE}/instructor")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="attempts-reset-form"' in html
    assert f'<option value="{used_up["Check"]}">Check</option>' in html
    assert f'value="{used_up["Notes"]}"' not in html
    assert "learner" in html
    assert "by instructor" in html
