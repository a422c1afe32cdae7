"""GET /api/v1/courses/{course_key}/progress[?username=]: shape, who may, and a flat query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.rest_api.v1.schema import ProgressDocOut
from tests import people
from tests.learning.builders import (
    Lesson,
    Seq,
    build_large_structure,
    build_structure,
    quiz,
    reading,
    set_grading_policy,
    set_state,
    video,
)
from tests.rest.shapes import assert_shape

pytestmark = pytest.mark.django_db

URL = f"/api/v1/courses/{people.COURSE}/progress"


@pytest.fixture
def course(world):
    keys = build_structure(
        world.course_key,
        [
            Lesson("Week 1", [Seq("Basics", [video("Intro", duration=250), reading("Welcome")])]),
            Lesson("Week 2", [Seq("Check", [quiz("Check 1", pass_score=0.7)], assignment_type="Homework")]),
        ],
    )
    set_grading_policy(
        world.course_key,
        [{"type": "Homework", "short_label": "HW", "weight": 1.0, "min_count": 0, "drop_count": 0}],
        {"Pass": 0.5},
    )
    for name in ("learner", "employee"):
        courses_api.enroll(world.course_key, world.users[name].pk)
    return keys


def test_the_answer_has_the_contract_shape(world, course, client_for):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], watched_ratio=0.62, watched_seconds=155)
    set_state(learner, course["Welcome"], complete=True)

    response = client_for("learner").get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "course_key": people.COURSE,
        "username": "learner",
        "completion": {"complete": 1, "total": 3, "percent": 33},
        "lessons": [
            {
                "usage_key": course["Week 1"],
                "title": "Week 1",
                "complete": False,
                "locked": False,
                "blocks": [
                    {
                        "usage_key": course["Intro"],
                        "type": "llp_video",
                        "display_name": "Intro",
                        "complete": False,
                        "locked": False,
                        "required": True,
                        "score": None,
                        "detail": "Watched 62% of 4:10",
                    },
                    {
                        "usage_key": course["Welcome"],
                        "type": "llp_reading",
                        "display_name": "Welcome",
                        "complete": True,
                        "locked": False,
                        "required": True,
                        "score": None,
                        "detail": "Completed",
                    },
                ],
            },
            {
                "usage_key": course["Week 2"],
                "title": "Week 2",
                "complete": False,
                "locked": True,
                "blocks": [
                    {
                        "usage_key": course["Check 1"],
                        "type": "llp_quiz",
                        "display_name": "Check 1",
                        "complete": False,
                        "locked": True,
                        "required": True,
                        "score": None,
                        "detail": "Not attempted · needs 70% · 0 of 3 attempts used",
                    }
                ],
            },
        ],
        "grade": {"percent": 0.0, "letter": None, "passed": False, "graded": True},
        "qualified": False,
        "unmet_requirements": [
            {
                "code": "video_not_watched",
                "message": "Video 'Intro' watched 62% of 4:10 — it must be watched in full",
                "block_id": course["Intro"],
            },
            {
                "code": "lesson_locked",
                "message": "Lesson 'Week 2' is locked until 'Week 1' is complete",
                "block_id": course["Week 2"],
            },
            {
                "code": "quiz_not_passed",
                "message": "Quiz 'Check 1' not passed: not attempted yet, needs 70%",
                "block_id": course["Check 1"],
            },
            {"code": "grade_below_passing", "message": "Course grade 0% is below the passing grade 50%"},
        ],
        "certificate": {
            "status": None,
            "message": None,
            "button": None,
            "card_link": False,
            "uuid": None,
            "download_url": None,
            "verify_url": None,
            "show_requirements": True,  # self-paced, not qualified: the unmet requirements above say why
        },
    }


def test_a_qualified_learner(world, course, client_for):
    learner = world.users["learner"]
    set_state(learner, course["Intro"], complete=True, watched_ratio=1.0)
    set_state(learner, course["Welcome"], complete=True)
    set_state(learner, course["Check 1"], complete=True, score=0.9, attempts=1, best_score=0.9, passed=True)

    body = client_for("learner").get(URL).json()

    assert (body["completion"]["percent"], body["grade"], body["qualified"], body["unmet_requirements"]) == (
        100,
        {"percent": 0.9, "letter": "Pass", "passed": True, "graded": True},
        True,
        [],
    )


# Own progress: only enrolled people have any; the others get 404 (not enrolled).
OWN = {
    "anonymous": 401,
    "learner": 200,
    "employee": 200,
    "company_admin": 404,
    "other_company_admin": 404,
    "instructor": 404,
    "other_instructor": 404,
    "staff": 404,
}

# ?username=employee (an enrolled employee of Acme). Those who may not see them get the 404 of an unknown user.
OF_EMPLOYEE = {
    "anonymous": 401,
    "learner": 404,
    "employee": 200,
    "company_admin": 200,
    "other_company_admin": 404,
    "instructor": 200,
    "other_instructor": 404,
    "staff": 200,
}


@pytest.mark.parametrize("role", people.ROLES)
def test_who_may_see_their_own_progress(world, course, client_for, role):
    assert set(OWN) == set(people.ROLES)
    response = client_for(None if role == "anonymous" else role).get(URL)

    assert response.status_code == OWN[role]


@pytest.mark.parametrize("role", people.ROLES)
def test_who_may_see_an_employees_progress(world, course, client_for, role):
    assert set(OF_EMPLOYEE) == set(people.ROLES)
    set_state(world.users["employee"], course["Welcome"], complete=True)

    response = client_for(None if role == "anonymous" else role).get(URL, {"username": "employee"})

    assert response.status_code == OF_EMPLOYEE[role]
    if response.status_code == 200:
        assert (response.json()["username"], response.json()["completion"]["complete"]) == ("employee", 1)


@pytest.mark.parametrize(
    ("role", "username", "status"),
    [
        ("staff", "nobody", 404),  # unknown user
        ("instructor", "company_admin", 404),  # not enrolled
        ("instructor", "learner", 200),
        ("company_admin", "learner", 404),  # an individual is nobody's employee: as if unknown
        ("learner", "learner", 200),  # oneself by name
    ],
)
def test_username_edge_cases(world, course, client_for, role, username, status):
    assert client_for(role).get(URL, {"username": username}).status_code == status


def test_an_unenrolled_learner_is_404_with_a_message(world, course, client_for):
    response = client_for("staff").get(URL)

    assert response.status_code == 404
    assert response.json() == {"detail": f"'staff' is not enrolled in {people.COURSE}."}


@pytest.mark.parametrize(
    "url",
    ["/api/v1/courses/course-v1:No+Such+Course/progress", "/api/v1/courses/not-a-key/progress"],
)
def test_unknown_or_malformed_course_is_404(world, client_for, url):
    assert client_for("learner").get(url).status_code == 404


def test_query_count_is_the_same_for_10_and_500_blocks(world, client_for):
    learner = world.users["learner"]
    client = client_for("learner")
    counts = []
    for course_key, size in ((world.course_key, 10), (world.other_course_key, 500)):
        keys = build_large_structure(course_key, size)
        courses_api.enroll(course_key, learner.pk)
        for name in list(keys)[: size // 3]:
            set_state(learner, keys[name], complete=True, score=0.5)
        client.get(f"/api/v1/courses/{course_key}/progress")  # warm caches (content types, ...)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/courses/{course_key}/progress")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_the_answer_matches_the_schema(world, course, client_for):
    set_state(world.users["learner"], course["Welcome"], complete=True)
    answer = client_for("learner").get(URL).json()

    assert answer["lessons"][0]["blocks"]  # so that the nested shapes are checked too
    assert answer["unmet_requirements"]
    assert_shape(answer, ProgressDocOut())


def test_the_progress_api_reads_the_course_once_beside_the_permission_check(world, course, client_for):
    client = client_for("learner")
    client.get(URL)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200

    course_reads = [q["sql"] for q in queries if re.search(r'FROM "llp_edx_plugin_course"\s', q["sql"])]
    assert len(course_reads) == 2  # learner_for (who may see whom) and the answer's course
