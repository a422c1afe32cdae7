"""The Progress page: what it shows, who may see it, and a flat query count."""

import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.courses import api as courses_api
from tests import people
from tests.learning.builders import (
    Lesson,
    Seq,
    build_large_structure,
    build_structure,
    page_client,
    quiz,
    reading,
    set_grading_policy,
    set_state,
    unsupported,
    video,
)

pytestmark = pytest.mark.django_db

URL = f"/courses/{people.COURSE}/progress"


@pytest.fixture
def course(world):
    keys = build_structure(
        world.course_key,
        [
            Lesson("Week 1", [Seq("Basics", [video("Intro", duration=250), reading("Welcome"), unsupported("Tool")])]),
            Lesson("Week 2", [Seq("Check", [quiz("Check 1", pass_score=0.7)], assignment_type="Homework")]),
        ],
    )
    set_grading_policy(
        world.course_key,
        [{"type": "Homework", "short_label": "HW", "weight": 1.0, "min_count": 0, "drop_count": 0}],
        {"A": 0.9, "Pass": 0.5},
    )
    for name in ("learner", "employee"):
        courses_api.enroll(world.course_key, world.users[name].pk)
    return keys


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_shows_completion_grade_requirements_lessons_and_no_certificate_box_yet(world, course):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], watched_ratio=0.62, watched_seconds=155)
    set_state(learner, course["Welcome"], complete=True)

    response = page_client(learner).get(URL)

    assert response.status_code == 200
    html = text_of(response)
    assert "Leading Teams · Progress" in html
    assert "1 of 3 required items complete" in html
    assert "Video &#x27;Intro&#x27; watched 62% of 4:10 — it must be watched in full" in html
    assert "Lesson &#x27;Week 2&#x27; is locked until &#x27;Week 1&#x27; is complete" in html
    assert "Course grade 0% is below the passing grade 50%" in html
    assert "Passing grade: 50%" in html
    assert 'style="left: 50%"><span>Pass</span>' in html
    assert 'style="left: 90%"><span>A</span>' in html
    # self-paced and not qualified: the requirements say what is missing; no certificate box (DESIGN.md §5)
    assert 'id="certificate-box"' not in html
    assert [m for m in ("Week 1", "Week 2") if m in html] == ["Week 1", "Week 2"]
    assert "Watched 62% of 4:10" in html
    assert "Not required" in html
    assert "</svg> Locked</span>" in html  # the locked lesson


def test_a_qualified_learner_sees_every_requirement_met_and_the_letter(world, course):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], complete=True)
    set_state(learner, course["Welcome"], complete=True)
    set_state(learner, course["Check 1"], complete=True, score=0.95, attempts=1, best_score=0.95)

    html = text_of(page_client(learner).get(URL))

    assert "Every requirement is met" in html
    assert '<span class="badge text-bg-primary fs-6">A</span>' in html
    assert "95%" in html


# Own page: enrolled people only (404 otherwise); anonymous is sent to the login page.
OWN = {
    "anonymous": 302,
    "learner": 200,
    "employee": 200,
    "company_admin": 404,
    "other_company_admin": 404,
    "instructor": 404,
    "other_instructor": 404,
    "staff": 404,
}
# Those who may not see the employee get the 404 of an unknown user.
OF_EMPLOYEE = {
    "anonymous": 302,
    "learner": 404,
    "employee": 200,
    "company_admin": 200,
    "other_company_admin": 404,
    "instructor": 200,
    "other_instructor": 404,
    "staff": 200,
}


@pytest.mark.parametrize("role", people.ROLES)
def test_who_may_see_their_own_progress_page(world, course, role):
    assert set(OWN) == set(people.ROLES)
    response = page_client(world.users.get(role)).get(URL)

    assert response.status_code == OWN[role]
    if role == "anonymous":
        assert response["Location"] == f"/login?next={quote(URL)}"


@pytest.mark.parametrize("role", people.ROLES)
def test_who_may_see_an_employees_progress_page(world, course, role):
    assert set(OF_EMPLOYEE) == set(people.ROLES)
    response = page_client(world.users.get(role)).get(URL, {"username": "employee"})

    assert response.status_code == OF_EMPLOYEE[role]
    if response.status_code == 200 and role != "employee":
        assert "Viewing the progress of Employee (employee)" in text_of(response)


def test_unknown_course_is_404(world):
    assert page_client(world.users["learner"]).get("/courses/course-v1:No+Such+Course/progress").status_code == 404


def test_query_count_is_the_same_for_10_and_500_blocks(world):
    learner = world.users["learner"]
    client = page_client(learner)
    counts = []
    for course_key, size in ((world.course_key, 10), (world.other_course_key, 500)):
        keys = build_large_structure(course_key, size)
        courses_api.enroll(course_key, learner.pk)
        for name in list(keys)[: size // 3]:
            set_state(learner, keys[name], complete=True, score=0.5)
        client.get(f"/courses/{course_key}/progress")  # warm caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/courses/{course_key}/progress")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_block_names_are_escaped(world):
    build_structure(world.course_key, [Lesson("Week <1>", [Seq("S", [reading("<script>alert(1)</script>")])])])
    courses_api.enroll(world.course_key, world.users["learner"].pk)

    html = page_client(world.users["learner"]).get(URL).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Week &lt;1&gt;" in html


def test_the_page_reads_its_course_once_beside_the_permission_check(world, course):
    """The page hands the course it read to the progress and the certificate box (they read it again before)."""
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    client = page_client(world.users["learner"])
    client.get(URL)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200

    course_reads = [q["sql"] for q in queries if re.search(r'FROM "llp_edx_plugin_course"\s', q["sql"])]
    assert len(course_reads) == 2  # learner_for (who may see whom) and the page
