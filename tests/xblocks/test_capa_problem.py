"""Imported CAPA problems: the supported response types, question and choice ids, grading."""

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
  <p>Pick the even numbers</p>
  <choiceresponse>
    <checkboxgroup>
      <choice correct="true" name="two">2</choice><choice correct="false" name="three">3</choice>
      <choice correct="true" name="four">4</choice>
    </checkboxgroup>
  </choiceresponse>
  <stringresponse answer="Blue" type="ci"><additional_answer answer="navy"/><textline/></stringresponse>
  <numericalresponse answer="10" id="speed"><responseparam type="tolerance" default="5%"/><formulaequationinput/>
  </numericalresponse>
  <stringresponse answer="Exact"><textline/></stringresponse>
</problem>"""


def test_question_ids_are_the_response_position_or_its_id():
    questions = parse_problem(PROBLEM)
    assert [(q.id, q.kind, q.prompt) for q in questions] == [
        ("1", "single", "Capital of France?"),
        ("2", "multiple", "Pick the even numbers"),
        ("3", "text", ""),
        ("speed", "number", ""),
        ("5", "text", ""),
    ]
    assert questions[0].choices == (("choice_0", "Lyon"), ("choice_1", "Paris"))
    assert questions[1].correct == frozenset({"two", "four"})


@pytest.mark.parametrize(
    ("question_id", "value", "correct"),
    [
        ("1", "choice_1", True),
        ("1", "choice_0", False),
        ("2", ["four", "two"], True),
        ("2", ["two"], False),
        ("2", ["two", "three", "four"], False),
        ("3", "  BLUE ", True),
        ("3", "Navy", True),
        ("3", "red", False),
        ("speed", 10.4, True),
        ("speed", "9.5", True),
        ("speed", 10.6, False),
        ("5", "Exact", True),
        ("5", "exact", False),
    ],
)
def test_each_response_type_grades(question_id, value, correct):
    question = {q.id: q for q in parse_problem(PROBLEM)}[question_id]
    assert question.is_correct(question.clean(value)) is correct


@pytest.mark.parametrize(
    ("answer", "value", "correct"),
    [("[1, 5]", 5, True), ("[1, 5)", 5, False), ("(1, 5]", 1, False), ("3.5", 3.5, True), ("3.5", 3.51, False)],
)
def test_numerical_ranges_and_exact_answers(answer, value, correct):
    (question,) = parse_problem(f'<problem><numericalresponse answer="{answer}"/></problem>')
    assert question.is_correct(question.clean(value)) is correct


def test_submit_scores_the_whole_problem(make_block):
    block = make_block(CapaProblemBlock, data=PROBLEM, max_attempts=2)
    answers = {"1": "choice_1", "2": ["two", "four"], "3": "blue", "speed": 10, "5": "wrong"}
    assert call(block, "submit", {"answers": answers}) == (
        200,
        {"score": 4, "max_score": 5, "passed": False, "attempts_left": 1},
    )
    assert block.runtime.events == [("grade", {"value": 4, "max_value": 5})]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "<problem><optionresponse/><stringresponse answer='a'/></problem>",
            "This problem has response types that cannot be graded here: optionresponse.",
        ),
        ("<problem><numericalresponse answer='x+1'/></problem>", "A numericalresponse answer is not a number: 'x+1'."),
        ("<problem><choiceresponse></choiceresponse></problem>", "A choiceresponse has no checkboxgroup choices."),
    ],
)
def test_problems_that_cannot_be_graded_here_answer_400(make_block, content, message):
    block = make_block(CapaProblemBlock, data=content)
    assert call(block, "submit", {"answers": {}}) == (400, {"error": message})


def test_broken_xml_answers_400(make_block):
    block = make_block(CapaProblemBlock, data="<problem><stringresponse")
    status, answer = call(block, "submit", {"answers": {}})
    assert status == 400
    assert answer["error"].startswith("The block's content is not valid XML")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"speed": "fast"}, "Question 'speed': answer with a number."),
        ({"speed": True}, "Question 'speed': answer with a number."),
        ({"3": 5}, "Question '3': answer with a text of at most 1000 characters."),
        ({"7": "x"}, "Unknown question id(s): 7."),
    ],
)
def test_bad_answers(make_block, answers, message):
    block = make_block(CapaProblemBlock, data=PROBLEM)
    assert call(block, "submit", {"answers": answers}) == (400, {"error": message})
    assert block.attempts == 0


def test_entities_are_refused(make_block):
    bomb = '<!DOCTYPE p [<!ENTITY a "aaaa">]><problem><stringresponse answer="&a;"/></problem>'
    block = make_block(CapaProblemBlock, data=bomb)
    assert call(block, "submit", {"answers": {}})[0] == 400
