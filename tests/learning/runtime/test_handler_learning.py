"""Video and quiz handlers end to end: stored state, completion, grades, bad input, the query budget."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from llp_edx_plugin.learning.models import CourseProgress
from tests.learning.runtime.conftest import complete_lesson1, stored, url


@pytest.fixture
def post(client_for, world, learner, blocks):
    client = client_for("learner")

    def send(block_id: str, handler: str, data, **kwargs):
        return client.post(url(world.course_key, blocks[block_id], handler), data, format="json", **kwargs)

    return send


def report(post, watched, position=None):
    body = {"watched": watched} if position is None else {"watched": watched, "position": position}
    return post("intro", "progress", body)


def test_one_request_claiming_0_to_600_does_not_complete_a_10_minute_video(post, clock, learner, blocks):
    report(post, [])
    clock.advance(5)
    response = report(post, [[0, 600]], 600)
    assert (response.status_code, response.json()) == (200, {"watched_ratio": round(10 / 600, 4), "complete": False})
    state, complete, _ = stored(learner, blocks["intro"])
    assert (state["watched"], state["watched_seconds"], complete) == ([[0.0, 10.0]], 10.0, False)


def test_watching_at_twice_the_speed_completes_the_video_and_refreshes_progress(post, clock, learner, blocks, world):
    report(post, [])
    for step in range(1, 31):  # 30 reports, 10 s of wall time apart, 20 s of video each
        clock.advance(10)
        response = report(post, [[0, 20 * step]], 20 * step)
        assert response.status_code == 200
    assert response.json() == {"watched_ratio": 1.0, "complete": True}
    state, complete, score = stored(learner, blocks["intro"])
    assert state == {
        "watched": [[0.0, 600.0]],
        "watched_seconds": 600.0,
        "watched_ratio": 1.0,
        "last_report_at": clock().isoformat(),
        "position": 600.0,
    }
    assert (complete, score) == (True, None)
    assert CourseProgress.objects.filter(user=learner).exists()


def test_skipping_a_middle_part_leaves_the_video_incomplete(post, clock, learner, blocks):
    report(post, [])
    clock.advance(600)
    response = report(post, [[0, 250], [350, 600]], 600)
    assert response.json() == {"watched_ratio": round(500 / 600, 4), "complete": False}
    assert stored(learner, blocks["intro"])[0]["watched"] == [[0.0, 250.0], [350.0, 600.0]]


def test_the_quiz_wrong_then_right_and_attempts_running_out(post, learner, blocks):
    wrong = post("check", "submit", {"answers": {"q1": "a", "q2": "b"}})
    assert wrong.json() == {"score": 0, "max_score": 2, "passed": False, "attempts_left": 1}
    assert stored(learner, blocks["check"])[1:] == (False, 0.0)
    half = post("check", "submit", {"answers": {"q1": "b"}})
    assert half.json() == {"score": 1, "max_score": 2, "passed": True, "attempts_left": 0}  # pass_score 0.5
    state, complete, score = stored(learner, blocks["check"])
    assert state == {"attempts": 2, "best_score": 0.5, "passed": True, "last_answers": {"q1": "b"}}
    assert (complete, score) == (True, 0.5)
    over = post("check", "submit", {"answers": {"q1": "b", "q2": "a"}})
    assert (over.status_code, over.json()) == (403, {"detail": "No attempts left (2 of 2 used)."})
    assert stored(learner, blocks["check"]) == (state, True, 0.5)


def test_a_capa_problem_is_graded_through_submit(post, learner, blocks, world):
    complete_lesson1(learner, blocks, world.course_key)
    response = post("capa", "submit", {"answers": {"1": "choice_0"}})
    assert response.json() == {
        "score": 1,
        "max_score": 1,
        "passed": True,
        "complete": True,
        "correct": {"1": True},
        "attempts_left": 0,
    }
    assert stored(learner, blocks["capa"])[1:] == (True, 1.0)


BAD_REPORTS = [
    ({"watched": [[30, 10]]}, "watched[0] ends before it starts."),
    ({"watched": [[-5, 10]]}, "watched[0] starts before 0."),
    ({"watched": [[0, 601.5]]}, "watched[0] ends after the video (600 s)."),
    ({"watched": [["a", 10]]}, "watched[0] must hold two numbers."),
    ({"watched": {"0": 10}}, "watched must be a list of [start, end] pairs."),
    ({"watched": [], "position": "end"}, "position must be a number of seconds between 0 and 600."),
    ({"watched": [[0, 1]] * 1001}, "watched has more than 1000 intervals."),
]


@pytest.mark.parametrize(("body", "detail"), BAD_REPORTS)
def test_bad_video_reports_are_400_and_change_nothing(post, clock, learner, blocks, body, detail):
    report(post, [])
    clock.advance(10)
    report(post, [[0, 20]], 20)
    before = stored(learner, blocks["intro"])
    clock.advance(10)
    response = post("intro", "progress", body)
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    assert stored(learner, blocks["intro"]) == before


def test_a_body_that_is_not_an_object_is_refused_by_the_parser(post, learner, blocks):
    response = post("intro", "progress", ["not", "an", "object"])
    assert (response.status_code, response.json()) == (400, {"errors": {"body": ["The body must be a JSON object."]}})
    assert stored(learner, blocks["intro"]) is None


@pytest.mark.parametrize(
    ("raw", "detail"),
    [(b"{not json", "The body must be JSON."), (b"\xff\xfe", "The body must be UTF-8 encoded JSON.")],
)
def test_a_body_that_is_not_json_is_400(client_for, world, learner, blocks, raw, detail):
    response = client_for("learner").post(
        url(world.course_key, blocks["intro"], "progress"), raw, content_type="application/json"
    )
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    assert stored(learner, blocks["intro"]) is None


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"answers": {"q3": "a"}}, "Unknown question id(s): q3."),
        ({"answers": {"q1": 2}}, "Question 'q1': answer with one of its choice ids."),
        ({"answers": "b"}, "answers must be an object of question id to answer."),
    ],
)
def test_bad_quiz_answers_are_400_and_use_no_attempt(post, learner, blocks, body, detail):
    response = post("check", "submit", body)
    assert (response.status_code, response.json()) == (400, {"detail": detail})
    assert stored(learner, blocks["check"]) is None


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def data_queries(captured) -> list[str]:
    """Statements that read or write data: SQLite logs BEGIN/COMMIT, PostgreSQL does not; neither counts."""
    return [q["sql"] for q in captured if not q["sql"].upper().startswith(TRANSACTION_CONTROL)]


def watch_twice(post, clock) -> None:
    """A learner already watching: their state row exists."""
    report(post, [])
    clock.advance(10)
    report(post, [[0, 20]], 20)
    clock.advance(10)


@pytest.mark.django_db(transaction=True)
def test_the_video_progress_handler_queries_today(post, clock, learner, blocks):
    # given a learner already watching, outside any test transaction as in production
    watch_twice(post, clock)
    # when they report again
    with CaptureQueriesContext(connection) as captured:
        response = report(post, [[0, 40]], 40)
    # then: the blocks with the learner's access (courses.structure_and_access), their rows FOR UPDATE, one UPDATE
    assert response.json() == {"watched_ratio": round(40 / 600, 4), "complete": False}
    outer = [re.sub(r"EXISTS\(.*?\) AS", "", sql) for sql in data_queries(captured)]  # the main FROM
    tables = [sql.split(" FROM ")[1].split()[0].strip('"') if " FROM " in sql else sql.split()[0] for sql in outer]
    assert tables == [
        "llp_edx_plugin_courseblock",
        "llp_edx_plugin_blockstate",
        "UPDATE",
    ]


@pytest.mark.django_db(transaction=True)
def test_the_video_progress_handler_makes_at_most_4_queries(post, clock, learner, blocks):
    watch_twice(post, clock)
    with CaptureQueriesContext(connection) as captured:
        report(post, [[0, 40]], 40)
    assert len(data_queries(captured)) <= 4
