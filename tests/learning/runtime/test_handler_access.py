"""Who may call a block handler, and the 404s of unknown courses, blocks and handlers."""

import pytest

from llp_edx_plugin.learning.runtime import handler_url
from tests.learning.runtime.conftest import complete_lesson1, stored, url

MISSING_COURSE = "course-v1:LLP+NOPE+2026"


def test_anonymous_gets_401(client_for, world, blocks):
    response = client_for(None).post(url(world.course_key, blocks["wrap"], "complete"), {}, format="json")
    assert response.status_code == 401


@pytest.mark.parametrize("name", ["employee", "company_admin", "other_instructor"])
def test_not_enrolled_and_not_course_team_gets_403(client_for, world, blocks, name):
    response = client_for(name).post(url(world.course_key, blocks["intro"], "progress"), {}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "You are not enrolled in this course."})
    assert stored(world.users[name], blocks["intro"]) is None


@pytest.mark.parametrize("name", ["instructor", "staff"])
def test_the_course_team_may_use_every_lesson(client_for, world, blocks, name):
    response = client_for(name).post(url(world.course_key, blocks["wrap"], "complete"), {}, format="json")
    assert (response.status_code, response.json()) == (200, {"complete": True})


def test_an_inactive_enrollment_is_not_enough(client_for, world, learner, blocks):
    from llp_edx_plugin.courses.models import Enrollment

    Enrollment.objects.filter(user=learner).update(is_active=False)
    response = client_for("learner").post(url(world.course_key, blocks["intro"], "progress"), {}, format="json")
    assert response.status_code == 403


def test_a_block_in_a_locked_lesson_is_403(client_for, world, learner, blocks):
    response = client_for("learner").post(url(world.course_key, blocks["wrap"], "complete"), {}, format="json")
    assert (response.status_code, response.json()) == (403, {"detail": "Complete the previous lesson first"})
    assert stored(learner, blocks["wrap"]) is None


def test_the_next_lesson_opens_once_the_previous_is_complete(client_for, world, learner, blocks):
    complete_lesson1(learner, blocks, world.course_key)
    response = client_for("learner").post(url(world.course_key, blocks["wrap"], "complete"), {}, format="json")
    assert (response.status_code, response.json()) == (200, {"complete": True})
    assert stored(learner, blocks["wrap"]) == ({}, True, None)


@pytest.mark.parametrize(
    ("target", "handler", "detail"),
    [
        ("missing-course", "progress", f"Unknown course '{MISSING_COURSE}'"),
        ("other-course-block", "progress", "No block '{key}' with handlers in this course"),
        ("unknown-block", "progress", "No block '{key}' with handlers in this course"),
        ("chapter", "progress", "No block '{key}' with handlers in this course"),
        ("unsupported", "progress", "No block '{key}' with handlers in this course"),
        ("intro", "submit", "Blocks of type 'llp_video' have no handler 'submit'"),
        ("intro", "student_view", "Blocks of type 'llp_video' have no handler 'student_view'"),
        ("intro", "nope", "Blocks of type 'llp_video' have no handler 'nope'"),
    ],
)
def test_unknown_course_block_or_handler_is_404(client_for, world, learner, blocks, target, handler, detail):
    course_key = world.course_key
    usage_key = {
        "missing-course": blocks["intro"],
        "other-course-block": "block-v1:LLP+OTHER201+2026+type@llp_video+block@intro",
        "unknown-block": "block-v1:LLP+LEAD101+2026+type@llp_video+block@ghost",
        "chapter": blocks["lesson1"],
        "unsupported": blocks["legacy"],
    }.get(target, blocks.get(target))
    if target == "missing-course":
        course_key = MISSING_COURSE
    response = client_for("learner").post(url(course_key, usage_key, handler), {}, format="json")
    assert (response.status_code, response.json()) == (404, {"detail": detail.format(key=usage_key)})


def test_malformed_keys_are_404(client_for, world, learner):
    response = client_for("learner").post(f"/courses/{world.course_key}/xblock/block-v1:bad/handler/progress")
    assert response.status_code == 404


def test_session_auth_needs_the_csrf_token(world, learner, blocks):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.post(url(world.course_key, blocks["intro"], "progress"), "{}", content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_get_is_not_allowed(client_for, world, learner, blocks):
    assert client_for("learner").get(url(world.course_key, blocks["intro"], "progress")).status_code == 405


def test_handler_url_is_the_contract_path(world, blocks):
    assert handler_url(world.course_key, blocks["intro"], "progress") == (
        f"/courses/{world.course_key}/xblock/{blocks['intro']}/handler/progress"
    )
