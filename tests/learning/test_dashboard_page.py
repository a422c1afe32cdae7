"""The learner dashboard's course cards show the stored completion of each enrolled course."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.learning import api as learning_api
from tests.learning.builders import Lesson, Seq, build_structure, page_client, reading, set_state

pytestmark = pytest.mark.django_db


def card_of(html: str, course_key: str) -> str:
    start = html.index(f'data-course-key="{course_key}"')
    return html[start : html.index("</article>", start)]


def test_cards_show_completion_percent_and_status(world):
    learner = world.users["learner"]
    keys = build_structure(
        world.course_key, [Lesson("Week 1", [Seq("S", [reading("One"), reading("Two"), reading("Three")])])]
    )
    for course_key in (world.course_key, world.other_course_key):
        courses_api.enroll(course_key, learner.pk)
    set_state(learner, keys["One"], complete=True)
    learning_api.refresh_course_progress(learner.pk, world.course_key)

    response = page_client(learner).get("/dashboard")

    html = re.sub(r"\s+", " ", response.content.decode())
    started, new = card_of(html, world.course_key), card_of(html, world.other_course_key)
    assert response.status_code == 200
    assert '<span class="fw-semibold llp-card-percent">33%</span>' in started
    assert "In progress" in started
    assert ">Continue</a>" in started
    assert '<span class="fw-semibold llp-card-percent">0%</span>' in new
    assert "Not started" in new
    assert ">Start</a>" in new


def test_a_completed_course_card(world):
    learner = world.users["learner"]
    keys = build_structure(world.course_key, [Lesson("Week 1", [Seq("S", [reading("One")])])])
    courses_api.enroll(world.course_key, learner.pk)
    set_state(learner, keys["One"], complete=True)
    learning_api.refresh_course_progress(learner.pk, world.course_key)

    card = card_of(re.sub(r"\s+", " ", page_client(learner).get("/dashboard").content.decode()), world.course_key)

    assert "✓ Completed" in card
    assert "100%" in card
    assert ">Review</a>" in card


def test_no_enrollment_no_card(world):
    html = page_client(world.users["learner"]).get("/dashboard").content.decode()

    assert "You are not enrolled in any course yet." in html


def test_the_dashboard_query_count_does_not_grow_with_courses(world):
    learner = world.users["learner"]
    client = page_client(learner)
    counts = []
    for course_key in (world.course_key, world.other_course_key):
        courses_api.enroll(course_key, learner.pk)
        learning_api.refresh_course_progress(learner.pk, course_key)
        client.get("/dashboard")
        with CaptureQueriesContext(connection) as queries:
            client.get("/dashboard")
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_anonymous_is_sent_to_login(world):
    response = page_client().get("/dashboard")

    assert (response.status_code, response["Location"]) == (302, "/login?next=/dashboard")
