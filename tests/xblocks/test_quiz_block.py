"""The quiz block on the XBlock test runtime: scoring, pass score, attempts, bad answers."""

import pytest

from tests.xblocks.conftest import call
from xblocks.llp_quiz.block import LlpQuizBlock, parse_quiz

QUIZ = """
<question id="q1" correct="b" text="2 + 2?"><choice id="a">3</choice><choice id="b">4</choice></question>
<question id="q2" correct="a,c"><prompt>Primes?</prompt>
  <choice id="a">2</choice><choice id="b">4</choice><choice id="c">5</choice></question>
"""
RIGHT = {"q1": "b", "q2": ["c", "a"]}


def quiz(make_block, **fields):
    return make_block(LlpQuizBlock, display_name="Check 1", data=QUIZ, **{"max_attempts": 3, **fields})


def test_the_olx_gives_single_and_multiple_choice_questions():
    questions = parse_quiz(QUIZ)
    assert [(q.id, q.prompt, q.kind, q.correct) for q in questions] == [
        ("q1", "2 + 2?", "single", frozenset({"b"})),
        ("q2", "Primes?", "multiple", frozenset({"a", "c"})),
    ]
    assert questions[1].choices == (("a", "2"), ("b", "4"), ("c", "5"))


def test_a_wrong_answer_does_not_pass(make_block):
    block = quiz(make_block, pass_score=0.7)
    status, answer = call(block, "submit", {"answers": {"q1": "a", "q2": ["a", "c"]}})
    assert (status, answer) == (200, {"score": 1, "max_score": 2, "passed": False, "attempts_left": 2})
    assert (block.attempts, block.best_score, block.passed) == (1, 0.5, False)
    assert block.last_answers == {"q1": "a", "q2": ["a", "c"]}
    assert block.runtime.events == [("grade", {"value": 1, "max_value": 2})]


def test_all_right_passes_and_completes(make_block):
    block = quiz(make_block)
    assert call(block, "submit", {"answers": RIGHT}) == (
        200,
        {"score": 2, "max_score": 2, "passed": True, "attempts_left": 2},
    )
    assert block.runtime.events == [("grade", {"value": 2, "max_value": 2}), ("completion", {"completion": 1.0})]


@pytest.mark.parametrize(
    ("pass_score", "answers", "passed"),
    [
        (0.5, {"q1": "b"}, True),  # 1 of 2 = 0.5 reaches 0.5
        (0.51, {"q1": "b"}, False),
        (None, {"q1": "b"}, False),  # default: every answer right
        (None, RIGHT, True),
        ("0.5", {"q1": "b"}, True),  # straight from an OLX attribute
    ],
)
def test_pass_score_is_respected(make_block, pass_score, answers, passed):
    block = quiz(make_block, pass_score=pass_score)
    assert call(block, "submit", {"answers": answers})[1]["passed"] is passed


def test_attempts_run_out(make_block):
    block = quiz(make_block, max_attempts=2)
    assert call(block, "submit", {"answers": {"q1": "a"}})[1]["attempts_left"] == 1
    assert call(block, "submit", {"answers": {"q1": "a"}})[1]["attempts_left"] == 0
    assert call(block, "submit", {"answers": RIGHT}) == (403, {"error": "No attempts left (2 of 2 used)."})
    assert (block.attempts, block.best_score, block.passed) == (2, 0.0, False)


def test_the_best_score_is_kept_and_a_pass_is_not_lost(make_block):
    block = quiz(make_block)
    call(block, "submit", {"answers": RIGHT})
    assert call(block, "submit", {"answers": {"q1": "a"}})[1] == {
        "score": 0,
        "max_score": 2,
        "passed": True,
        "attempts_left": 1,
    }
    assert block.best_score == 1.0


def test_unlimited_attempts(make_block):
    block = quiz(make_block, max_attempts=None)
    for _ in range(5):
        assert call(block, "submit", {"answers": {"q1": "a"}})[1]["attempts_left"] is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"answers": {"q9": "a"}}, "Unknown question id(s): q9."),
        ({"answers": {"q1": "z"}}, "Question 'q1': answer with one of its choice ids."),
        ({"answers": {"q1": ["b"]}}, "Question 'q1': answer with one of its choice ids."),
        ({"answers": {"q2": "a"}}, "Question 'q2': answer with a list of its choice ids."),
        ({"answers": ["b"]}, "answers must be an object of question id to answer."),
        ({}, "answers must be an object of question id to answer."),
        ("b", "answers must be an object of question id to answer."),
    ],
)
def test_bad_answers_are_refused_without_using_an_attempt(make_block, body, message):
    block = quiz(make_block)
    assert call(block, "submit", body) == (400, {"error": message})
    assert block.attempts == 0
    assert block.runtime.events == []


def test_a_quiz_without_questions_cannot_be_submitted(make_block):
    block = make_block(LlpQuizBlock, data="")
    assert call(block, "submit", {"answers": {}}) == (400, {"error": "This block has no questions to answer."})


def test_student_view_lists_questions_and_attempts(make_block):
    html = quiz(make_block, pass_score=0.7).student_view().body_html()
    assert "2 + 2?" in html
    assert 'type="checkbox"' in html
    assert 'type="radio"' in html
    assert "3 attempts left" in html
    assert "Needs 70% to pass" in html
