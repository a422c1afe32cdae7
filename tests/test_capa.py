"""CAPA response types graded as Open edX grades them (llp_edx_plugin.capa): tables from the published formats."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llp_edx_plugin import capa


def one_input(xml: str) -> capa.Input:
    (item,) = capa.parse_problem(xml)
    return item


def grade(xml: str, value) -> bool:
    item = one_input(xml)
    return item.is_correct(item.clean(value))


MULTIPLE_CHOICE = """<problem><multiplechoiceresponse><label>Capital of France?</label>
  <choicegroup type="MultipleChoice"><choice correct="false">Lyon</choice><choice correct="true">Paris</choice>
  </choicegroup></multiplechoiceresponse></problem>"""
CHECKBOXES = """<problem><p>Pick the even numbers</p><choiceresponse><checkboxgroup>
  <choice correct="true" name="two">2</choice><choice correct="false" name="three">3</choice>
  <choice correct="true" name="four">4</choice></checkboxgroup></choiceresponse></problem>"""
DROPDOWN_OLD = """<problem><optionresponse><optioninput options="('Red','Blue','It''s green')" correct="Blue"/>
  </optionresponse></problem>"""
DROPDOWN_NEW = """<problem><optionresponse><label>Sky?</label><optioninput>
  <option correct="False">Red</option><option correct="True">Blue</option></optioninput></optionresponse></problem>"""
TEXT_CI = """<problem><stringresponse answer="Blue" type="ci"><additional_answer answer="navy"/><textline/>
  </stringresponse></problem>"""
TEXT_CS = '<problem><stringresponse answer="Exact"><textline/></stringresponse></problem>'
TEXT_REGEXP = '<problem><stringresponse answer="colou?r" type="regexp ci"><textline/></stringresponse></problem>'
TEXT_LEGACY_CI = '<problem><stringresponse answer="Exact" case_sensitive="false"/></problem>'


def numerical(answer: str, tolerance: str | None = None) -> str:
    param = f'<responseparam type="tolerance" default="{tolerance}"/>' if tolerance else ""
    return f'<problem><numericalresponse answer="{answer}">{param}<formulaequationinput/></numericalresponse></problem>'


def formula(answer: str, samples: str, extra: str = "") -> str:
    response = f'<formularesponse answer="{answer}" samples="{samples}" {extra}><textline/></formularesponse>'
    return f"<problem>{response}</problem>"


@pytest.mark.parametrize(
    ("xml", "value", "correct"),
    [
        (MULTIPLE_CHOICE, "choice_1", True),
        (MULTIPLE_CHOICE, "choice_0", False),
        (CHECKBOXES, ["four", "two"], True),
        (CHECKBOXES, ["two"], False),
        (CHECKBOXES, ["two", "three", "four"], False),
        (DROPDOWN_OLD, "Blue", True),
        (DROPDOWN_OLD, "Red", False),
        (DROPDOWN_NEW, "Blue", True),
        (DROPDOWN_NEW, "Red", False),
        (TEXT_CI, "  BLUE ", True),
        (TEXT_CI, "Navy", True),
        (TEXT_CI, "red", False),
        (TEXT_CI, "", False),
        (TEXT_CS, "Exact", True),
        (TEXT_CS, "exact", False),
        (TEXT_LEGACY_CI, "exact", True),
        (TEXT_REGEXP, "Color", True),
        (TEXT_REGEXP, "colour", True),
        (TEXT_REGEXP, "colors", False),
    ],
)
def test_choice_dropdown_and_text_responses(xml, value, correct):
    assert grade(xml, value) is correct


def test_a_survey_question_has_no_right_answer_but_can_be_answered():
    survey = one_input(
        "<problem><multiplechoiceresponse><choicegroup><choice>Yes</choice><choice>No</choice></choicegroup>"
        "</multiplechoiceresponse></problem>"
    )
    assert [survey.is_correct(survey.clean(choice)) for choice in ("choice_0", "choice_1")] == [False, False]


@pytest.mark.parametrize(
    ("xml", "value", "correct"),
    [
        # Answers written as expressions, and learners answering with expressions.
        (numerical("9.3*10^7"), "93000000", True),
        (numerical("9.3*10^7"), "9.3e7", True),
        (numerical("9.3*10^7"), "93*10^6", True),
        (numerical("9.3*10^7"), "9.4*10^7", False),
        (numerical("0.75"), "3/4", True),
        (numerical("0.75"), 0.75, True),
        (numerical("0.75"), "2/3", False),
        (numerical("pi"), "3.14159265", True),
        (numerical("pi"), "PI", True),
        (numerical("pi"), "3.14", False),
        (numerical("3.14", "0.01"), "pi", True),
        (numerical("2^10"), "1024", True),
        (numerical("50%"), "0.5", True),
        # Tolerance: a percent of the answer, or absolute.
        (numerical("10", "5%"), "10.4", True),
        (numerical("10", "5%"), "9.5", True),
        (numerical("10", "5%"), "10.6", False),
        (numerical("100", "2"), "102", True),
        (numerical("100", "2"), "102.1", False),
        # The default tolerance is 0.001% of the larger value (float noise only).
        (numerical("1000000"), "1000009", True),
        (numerical("1000000"), "1000011", False),
        # Ranges.
        (numerical("[1, 5]"), "5", True),
        (numerical("[1, 5)"), "5", False),
        (numerical("(1, 5]"), "1", False),
        (numerical("[1, 5]"), "0.99", False),
        (numerical("[0, 2*pi]"), "6", True),
        # Complex answers.
        (numerical("1+2*j"), "1+2*j", True),
        (numerical("1+2j"), "1+2*j", True),  # the staff answer is read by Python's complex() first
    ],
)
def test_numerical_responses(xml, value, correct):
    assert grade(xml, value) is correct


@pytest.mark.parametrize(
    ("xml", "value", "correct"),
    [
        (formula("x^2+2*x*y+y^2", "x,y@1,1:10,10#20"), "(x+y)^2", True),
        (formula("x^2+2*x*y+y^2", "x,y@1,1:10,10#20"), "x^2+y^2", False),
        (formula("x^2+2*x*y+y^2", "x,y@1,1:10,10#20"), "X^2+2*x*Y+y^2", True),  # case-insensitive by default
        (formula("sin(x)^2", "x@-3:3#10"), "1-cos(x)^2", True),
        (formula("sin(x)^2", "x@-3:3#10"), "sin(x^2)", False),
        (formula("R*T", "R,T@1,1:2,2#5", 'type="cs"'), "T*R", True),
        (formula("2*x", "x@1:2#5", ""), "x+x+0.0000001", True),  # within 0.001%
    ],
)
def test_formula_responses_are_checked_by_sampling(xml, value, correct):
    assert grade(xml, value) is correct


def test_sampling_is_the_same_at_every_grading():
    xml = formula("x^2", "x@1:10#20")
    assert all(grade(xml, "x*x") for _ in range(5))


@pytest.mark.parametrize(
    ("xml", "value", "message"),
    [
        (numerical("5"), "9^9^9^9", "Could not be graded: '9^9^9^9' is too large a number."),
        (numerical("5"), "10^400", "Could not be graded: '10^400' is too large a number."),
        (numerical("5"), "fact(170)^fact(170)", "Could not be graded: 'fact(170)^fact(170)' is too large a number."),
        (numerical("5"), "9" * 10_000, "Could not be graded: the expression is longer than 500 characters."),
        (numerical("5"), "(" * 40 + "1" + ")" * 40, "Could not be graded: the expression nests more than 30"),
        (numerical("5"), "2+*3", "Could not be graded: invalid math syntax '2+*3'."),
        (numerical("5"), "(2+3", "Could not be graded: Invalid Input: Parentheses are unmatched."),
        (numerical("5"), "x+1", "Could not be graded: x not permitted in answer as a variable."),
        (numerical("5"), "1/0", "Could not be graded: '1/0' cannot be evaluated"),
        (numerical("5"), "fact(-1)", "Could not be graded: 'fact(-1)' cannot be evaluated"),
        (numerical("[1, 5]"), "2+3*j", "complex numbers are not allowed in a range answer."),
        (
            formula("R*T", "R,T@1,1:2,2#5", 'type="cs"'),
            "r*t",
            "r, t not permitted in answer as a variable (did you mean R, T?)",
        ),
        (formula("x", "x@1:2#5"), "y", "Could not be graded: y not permitted in answer as a variable."),
        (formula("x", "x@1:2#5"), "x^9^9^9", "Could not be graded: 'x^9^9^9' is too large a number."),
    ],
)
def test_hostile_or_broken_learner_input_cannot_be_graded(xml, value, message):
    item = one_input(xml)
    with pytest.raises(capa.InputError) as error:
        item.is_correct(item.clean(value))
    assert message in str(error.value)
    assert str(error.value).startswith(f"Question '{item.id}': ")


@pytest.mark.parametrize("value", [True, None, ["1"], {"a": 1}, float("inf")])
def test_numerical_answers_must_be_a_number_or_an_expression(value):
    with pytest.raises(capa.InputError):
        one_input(numerical("5")).clean(value)


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (numerical("$z"), "Its answer is computed by the problem's script ($z)."),
        (
            "<problem><script type='loncapa/python'>z = 3</script><stringresponse answer='$ans'/></problem>",
            "Its answer is computed by the problem's script ($ans).",
        ),
        (numerical("5", "$tol"), "Its answer is computed by the problem's script ($tol)."),
        (
            "<problem><customresponse cfn='check'><textline/></customresponse></problem>",
            "This problem has response types that cannot be graded here: customresponse.",
        ),
        (
            "<problem><stringresponse answer='a'/><imageresponse/></problem>",
            "This problem has response types that cannot be graded here: imageresponse.",
        ),
        ("<problem><p>No question</p></problem>", "This problem has no response to grade."),
        (numerical("x+1"), "A numericalresponse answer is not a valid number or expression: 'x+1'."),
        (numerical("5", "lots"), "A tolerance is not a number: 'lots'."),
        (formula("x", "x@1:2"), "A formularesponse has samples that cannot be read: 'x@1:2'."),
        (formula("x", "x@1:2#100000"), "A formularesponse has samples that cannot be used: 'x@1:2#100000'."),
        (formula("x+z", "x@1:2#5"), "A formularesponse answer cannot be evaluated on its samples: 'x+z'."),
        ("<problem><choiceresponse></choiceresponse></problem>", "A choiceresponse has no checkboxgroup choices."),
        ("<problem><optionresponse/></problem>", "An optionresponse has no optioninput."),
        ("<problem><stringresponse", "The problem is not valid XML"),
    ],
)
def test_problems_that_cannot_be_graded_here(xml, reason):
    with pytest.raises(capa.ProblemError) as error:
        capa.parse_problem(xml)
    assert str(error.value).startswith(reason)
    info = capa.problem_info(xml)
    assert (info.supported, info.unsupported) == (False, str(error.value))


def test_a_script_that_only_displays_text_leaves_the_problem_gradable():
    xml = (
        "<problem><script type='loncapa/python'>name = 'Ada'</script><p>Hi $name</p>"
        "<numericalresponse answer='2'/></problem>"
    )
    assert capa.problem_info(xml).supported


def test_inputs_ids_and_points():
    xml = f"""<problem>
      {MULTIPLE_CHOICE[9:-10]}
      <optionresponse id="colours">
        <optioninput options="('a','b')" correct="a"/><optioninput options="('c','d')" correct="d"/>
      </optionresponse>
      <numericalresponse answer="1"/>
    </problem>"""
    inputs = capa.parse_problem(xml)
    assert [(i.id, i.kind) for i in inputs] == [
        ("1", "single"),
        ("colours_1", "single"),
        ("colours_2", "single"),
        ("3", "text"),
    ]
    assert inputs[0].prompt == "Capital of France?"
    info = capa.problem_info(xml)
    assert (info.response_types, info.inputs, info.supported) == (
        ("multiplechoiceresponse", "optionresponse", "numericalresponse"),
        4,
        True,
    )
    assert capa.problem_info("<problem><customresponse/><stringresponse answer='a'/></problem>").inputs == 2


@pytest.mark.parametrize(
    ("student", "instructor", "tolerance", "relative", "expected"),
    [
        (10.5, 10, "5%", False, True),
        (10.51, 10, "5%", False, False),
        (0.1 + 0.2, 0.3, 0, False, False),  # no tolerance: 0.30000000000000004 is not 0.3
        (0.1 + 0.2, 0.3, "0.001%", False, True),  # the default tolerance absorbs float noise
        (1.0, 1.0, 0, False, True),
        (float("inf"), float("inf"), "1%", False, True),
        (float("nan"), 1.0, "1%", False, False),
        (1 + 1j, 1 + 1.01j, "0.02", False, True),
        (20, 10, "10%", True, False),
    ],
)
def test_compare_with_tolerance(student, instructor, tolerance, relative, expected):
    assert capa.compare_with_tolerance(student, instructor, tolerance, relative) is expected


MATH = st.text(alphabet="0123456789.+-*/^()|%eEjxyXpi sincoqrtfalgh,", max_size=80)
NUMERIC_ITEM = one_input(numerical("9.3*10^7", "1%"))
FORMULA_ITEM = one_input(formula("x^2+y", "x,y@1,1:3,3#5"))


@settings(max_examples=150, deadline=None, database=None)
@given(text=MATH | st.text(max_size=40))
def test_any_learner_text_is_graded_or_refused_with_a_clear_message(text):
    """Whatever a learner types, grading answers right/wrong or InputError: never another exception."""
    for item in (NUMERIC_ITEM, FORMULA_ITEM):
        try:
            outcome = item.is_correct(item.clean(text))
        except capa.InputError as error:
            outcome = str(error)
        assert outcome in (True, False) or outcome.startswith(f"Question '{item.id}': ")


def test_hints_are_not_part_of_a_choice_and_an_input_label_is_a_prompt():
    (question,) = capa.parse_problem(
        "<problem><multiplechoiceresponse><label>Year?</label><choicegroup>"
        "<choice correct='false'>1592 <choicehint>Too early.</choicehint></choice>"
        "<choice correct='true'>1952 <choicehint>Right!</choicehint></choice></choicegroup>"
        "</multiplechoiceresponse></problem>"
    )
    assert question.choices == (("choice_0", "1592"), ("choice_1", "1952"))
    (text,) = capa.parse_problem(
        "<problem><p>Intro</p><stringresponse answer='a'><textline label='Your query'/></stringresponse></problem>"
    )
    assert text.prompt == "Your query"


def partial(answer: str, styles: str, params: str = "", tolerance: str | None = None) -> capa.Input:
    tol = f'<responseparam type="tolerance" default="{tolerance}"/>' if tolerance else ""
    return one_input(
        f'<problem><numericalresponse answer="{answer}" partial_credit="{styles}">{tol}{params}'
        "<formulaequationinput/></numericalresponse></problem>"
    )


@pytest.mark.parametrize(
    ("item", "value", "credit"),
    [
        # "list": another answer earns half (the Open edX demo course's quadratic-roots problem).
        (partial("2", "list", '<responseparam partial_answers="1"/>'), "2", 1.0),
        (partial("2", "list", '<responseparam partial_answers="1"/>'), "1", 0.5),
        (partial("2", "list", '<responseparam partial_answers="1"/>'), "3", 0.0),
        # "close": half within partial_range (default 2) times the tolerance.
        (partial("10", "close", tolerance="1"), "11", 1.0),
        (partial("10", "close", tolerance="1"), "12", 0.5),
        (partial("10", "close", tolerance="1"), "12.1", 0.0),
        (partial("10", "close", '<responseparam partial_range="3"/>', tolerance="10%"), "12.9", 0.5),
        # both: a quarter near another answer.
        (partial("10", "list,close", '<responseparam partial_answers="20"/>', tolerance="1"), "21.5", 0.25),
        (partial("10", "list,close", '<responseparam partial_answers="20"/>', tolerance="1"), "11.5", 0.5),
        # ranges: half within the range widened by partial_range times its width.
        (partial("[4, 6]", "close"), "7", 0.5),
        (partial("[4, 6]", "close"), "10.5", 0.0),
        (partial("[4, 6]", "false"), "7", 0.0),
    ],
)
def test_numerical_partial_credit(item, value, credit):
    assert item.credit(item.clean(value)) == credit
