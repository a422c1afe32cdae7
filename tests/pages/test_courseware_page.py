"""The courseware page: lessons in order, locks with their reason, blocks, Finish, and who may open it."""

import re

import pytest
from django.utils.html import escape

from llp_edx_plugin.courses import api as courses_api
from tests import people
from tests.learning.builders import (
    Lesson,
    Seq,
    build_structure,
    page_client,
    quiz,
    reading,
    set_state,
    unsupported,
    video,
)

pytestmark = pytest.mark.django_db

URL = f"/courses/{people.COURSE}/"
WELCOME = "<p class='welcome-text'>Welcome to Leading Teams</p>"


@pytest.fixture
def course(world):
    keys = build_structure(
        world.course_key,
        [
            Lesson(
                "Week 1",
                [Seq("Basics", [video("Intro", duration=250), reading("Welcome", WELCOME), unsupported("Tool")])],
            ),
            Lesson("Week 2", [Seq("Check", [quiz("Check 1", pass_score=0.7)], assignment_type="Homework")]),
        ],
    )
    for name in ("learner", "employee"):
        courses_api.enroll(world.course_key, world.users[name].pk)
    return keys


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def block_keys(html: str) -> list[str]:
    return re.findall(r'data-usage-key="([^"]+)"', html)


def test_opens_on_the_first_lesson_to_do_with_its_blocks(world, course):
    response = page_client(world.users["learner"]).get(URL)

    html = text_of(response)
    assert response.status_code == 200
    assert block_keys(html) == [course["Intro"], course["Welcome"], course["Tool"]]
    assert WELCOME in html  # the reading's student view, as authored
    assert "This content type is not available here; it is not required to complete the course." in html
    assert html.index(">Week 1<") < html.index(">Week 2<")
    assert 'aria-current="page"' in html
    assert "Lesson 1 of 2" in html


def test_a_locked_lesson_shows_why_and_no_blocks(world, course):
    response = page_client(world.users["learner"]).get(URL, {"lesson": course["Week 2"]})

    html = text_of(response)
    assert response.status_code == 200
    assert block_keys(html) == []
    assert escape("Lesson 'Week 2' is locked until 'Week 1' is complete") in html
    assert "Go to Week 1" in html


def test_once_lesson_1_is_done_the_learner_lands_on_lesson_2_with_finish_disabled(world, course):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], complete=True)
    set_state(learner, course["Welcome"], complete=True)

    html = text_of(page_client(learner).get(URL))

    assert block_keys(html) == [course["Check 1"]]
    assert (
        '<button class="btn btn-success" type="submit" disabled aria-describedby="finish-note">Finish</button>' in html
    )
    assert "Complete every requirement to finish the course" in html


def test_blocks_are_rendered_by_the_xblock_runtime_with_their_resources_once(world, course):
    html = page_client(world.users["learner"]).get(URL).content.decode()

    student_views = re.findall(r'class="card-body">(.*?)</article>', html, flags=re.S)
    assert len(student_views) == 3
    assert "llp-block-placeholder" not in student_views[0]  # the video's own player
    assert WELCOME in student_views[1]
    assert "llp-block-placeholder" in student_views[2]  # the unsupported tool


def test_unknown_lesson_is_404(world, course):
    response = page_client(world.users["learner"]).get(
        URL, {"lesson": "block-v1:LLP+LEAD101+2026+type@chapter+block@x"}
    )

    assert response.status_code == 404


# Enrolled learners; the course team may preview without being enrolled; others get 404.
WHO = {
    "anonymous": 302,
    "learner": 200,
    "employee": 200,
    "company_admin": 404,
    "other_company_admin": 404,
    "instructor": 200,
    "other_instructor": 404,
    "staff": 200,
}


@pytest.mark.parametrize("role", people.ROLES)
def test_who_may_open_the_courseware(world, course, role):
    assert set(WHO) == set(people.ROLES)

    response = page_client(world.users.get(role)).get(URL)

    assert response.status_code == WHO[role]
    if role in ("instructor", "staff"):
        assert "You are previewing this course as a member of its course team" in text_of(response)


def test_unknown_course_is_404(world):
    assert page_client(world.users["staff"]).get("/courses/course-v1:No+Such+Course/").status_code == 404
