"""The CAPA problem block: complete once submitted, latest score, attempts, raw max_score and weight."""

import pytest

from tests.xblocks.conftest import call
from xblocks.capa_problem.block import CapaProblemBlock, parse_problem

PROBLEM = """<problem display_name="Mixed">
  <multiplechoiceresponse>
    <label>Capital of France?</label>
    <choicegroup type="MultipleChoice">
      <choice correct="false">Lyon</choice><choice correct="true">Paris</choice>
    </choicegroup>
  </multiplechoiceresponse>
  <p>Sky colour</p>
  <optionresponse><optioninput options="('Red','Blue')" correct="Blue"/></optionresponse>
  <numericalresponse answer="9.3*10^7" id="sun"><responseparam type="tolerance" default="1%"/><formulaequationinput/>
  </numericalresponse>
  <formularesponse answer="x^2+2*x+1" samples="x@-5:5#10"><textline/></formularesponse>
</problem>"""
RIGHT = {"1": "choice_1", "2": "Blue", "sun": "9.3e7", "4": "(x+1)^2"}


def test_inputs_in_order():
    assert [(q.id, q.kind, q.prompt) for q in parse_problem(PROBLEM)] == [
        ("1", "single", "Capital of France?"),
        ("2", "single", "Sky colour"),
        ("sun", "text", ""),
        ("4", "text", ""),
    ]


def test_a_right_submission_scores_every_input_and_completes(make_block):
    block = make_block(CapaProblemBlock, data=PROBLEM, max_attempts=2)
    assert call(block, "submit", {"answers": RIGHT}) == (
        200,
        {
            "score": 4,
            "max_score": 4,
            "passed": True,
            "complete": True,
            "correct": {"1": True, "2": True, "sun": True, "4": True},
            "attempts_left": 1,
        },
    )
    assert block.runtime.events == [
        ("grade", {"value": 4, "max_value": 4, "only_if_higher": False}),
        ("completion", {"completion": 1.0}),
    ]


def test_a_one_attempt_problem_answered_wrong_is_still_complete(make_block):
    block = make_block(CapaProblemBlock, data=PROBLEM, max_attempts=1)
    status, answer = call(block, "submit", {"answers": {"1": "choice_0", "sun": "1"}})
    assert (status, answer["score"], answer["complete"], answer["attempts_left"]) == (200, 0, True, 0)
    assert ("completion", {"completion": 1.0}) in block.runtime.events
    assert call(block, "submit", {"answers": RIGHT}) == (403, {"error": "No attempts left (1 of 1 used)."})
    assert (block.attempts, block.raw_earned) == (1, 0)


def test_a_survey_question_completes_once_answered(make_block):
    survey = (
        "<problem><multiplechoiceresponse><choicegroup><choice>Agree</choice><choice>Disagree</choice>"
        "</choicegroup></multiplechoiceresponse></problem>"
    )
    block = make_block(CapaProblemBlock, data=survey)
    status, answer = call(block, "submit", {"answers": {"1": "choice_0"}})
    assert (status, answer["score"], answer["max_score"], answer["complete"]) == (200, 0, 1, True)
    assert block.runtime.events[-1] == ("completion", {"completion": 1.0})


def test_the_latest_submission_is_the_score(make_block):
    block = make_block(CapaProblemBlock, data=PROBLEM)
    call(block, "submit", {"answers": RIGHT})
    call(block, "submit", {"answers": {**RIGHT, "2": "Red", "4": "x^2"}})
    assert (block.raw_earned, block.raw_possible, block.attempts) == (2, 4, 2)
    assert block.runtime.events[-2] == ("grade", {"value": 2, "max_value": 4, "only_if_higher": False})


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"sun": "9^9^9^9"}, "Question 'sun': Could not be graded: '9^9^9^9' is too large a number."),
        ({"sun": "9" * 10_000}, "Question 'sun': Could not be graded: the expression is longer than 500 characters."),
        ({"4": "x+"}, "Question '4': Could not be graded: invalid math syntax 'x+'."),
        ({"sun": True}, "Question 'sun': answer with a number or an expression."),
        ({"2": "Green"}, "Question '2': answer with one of its choices."),
        ({"7": "x"}, "Unknown question id(s): 7."),
    ],
)
def test_answers_that_cannot_be_graded_are_400_and_use_no_attempt(make_block, answers, message):
    block = make_block(CapaProblemBlock, data=PROBLEM, max_attempts=1)
    assert call(block, "submit", {"answers": {**RIGHT, **answers}}) == (400, {"error": message})
    assert (block.attempts, block.runtime.events) == (0, [])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "<problem><customresponse/><stringresponse answer='a'/></problem>",
            "This problem has response types that cannot be graded here: customresponse.",
        ),
        ("<problem><numericalresponse answer='$z'/></problem>", "Its answer is computed by the problem's script ($z)."),
    ],
)
def test_problems_that_cannot_be_graded_here_answer_400(make_block, content, message):
    block = make_block(CapaProblemBlock, data=content)
    assert call(block, "submit", {"answers": {}}) == (400, {"error": message})
    assert block.max_score() == 0
    assert "This problem cannot be answered here." in block.student_view().content


def test_max_score_is_raw_and_weight_is_its_own_setting(make_block):
    assert make_block(CapaProblemBlock, data=PROBLEM).max_score() == 4
    assert make_block(CapaProblemBlock, data=PROBLEM).problem_weight() is None
    assert make_block(CapaProblemBlock, data=PROBLEM, weight="2.5").problem_weight() == 2.5
    assert make_block(CapaProblemBlock, data=PROBLEM, weight=0).problem_weight() == 0
    assert make_block(CapaProblemBlock, data=PROBLEM, weight="heavy").problem_weight() is None


def test_the_view_lists_the_inputs_and_the_state(make_block):
    block = make_block(CapaProblemBlock, data=PROBLEM, max_attempts=3)
    html = block.student_view().content
    assert "Not submitted yet" in html
    assert "3 attempts left" in html
    assert '<option value="Blue">Blue</option>' in html  # a dropdown is a select
    assert 'data-kind="dropdown"' in html
    call(block, "submit", {"answers": RIGHT})
    assert "Submitted: score 4/4" in block.student_view().content


def test_entities_are_refused(make_block):
    bomb = '<!DOCTYPE p [<!ENTITY a "aaaa">]><problem><stringresponse answer="&a;"/></problem>'
    block = make_block(CapaProblemBlock, data=bomb)
    assert call(block, "submit", {"answers": {}})[0] == 400


def test_partial_credit_adds_to_the_score(make_block):
    roots = (
        '<problem><numericalresponse answer="2" partial_credit="list"><responseparam partial_answers="1"/>'
        '<formulaequationinput/></numericalresponse><stringresponse answer="a"/></problem>'
    )
    block = make_block(CapaProblemBlock, data=roots)
    status, answer = call(block, "submit", {"answers": {"1": "1", "2": "a"}})
    assert (status, answer["score"], answer["max_score"], answer["correct"]) == (200, 1.5, 2, {"1": False, "2": True})
    assert block.runtime.events[0] == ("grade", {"value": 1.5, "max_value": 2, "only_if_higher": False})
    assert "Submitted: score 1.5/2" in block.student_view().content
