"""The grading policy rules, as a table of good and bad values over plain dicts."""

import pytest

from llp_edx_plugin.courses.grading_policy import (
    grading_policy_warnings,
    validate_grade_cutoffs,
    validate_grading_policy,
)

HOMEWORK = {"type": "Homework", "short_label": "HW", "weight": 0.4, "min_count": 3, "drop_count": 1}
EXAM = {"type": "Final Exam", "short_label": "Final", "weight": 0.6, "min_count": 1, "drop_count": 0}
TYPES = "grading_policy.assignment_types"
CUTOFFS = "grading_policy.grade_cutoffs"


def with_(base: dict, **changes) -> dict:
    return {**base, **changes}


@pytest.mark.parametrize(
    ("cutoffs", "expected"),
    [
        ({"Pass": 0.5}, {"Pass": 0.5}),
        ({"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6}, {"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6}),
        ({"C": 0.7, "A": 0.9, "B": 0.8}, {"A": 0.9, "B": 0.8, "C": 0.7}),  # stored highest first
        ({"Pass": 1}, {"Pass": 1.0}),
        ({"Pass": 0.01}, {"Pass": 0.01}),
        ({"A": 0.58, "B": 0.55}, {"A": 0.58, "B": 0.55}),  # 0.58 * 100 is 57.999...: still whole
        ({" Pass ": 0.5}, {"Pass": 0.5}),
    ],
)
def test_good_grade_cutoffs_are_normalised(cutoffs, expected):
    errors = {}

    result = validate_grade_cutoffs(cutoffs, errors)

    assert errors == {}
    assert result == expected
    assert list(result) == list(expected)


@pytest.mark.parametrize(
    ("cutoffs", "message"),
    [
        ([["Pass", 0.5]], 'Must be an object mapping each letter to its cutoff, e.g. {"Pass": 0.5}.'),
        ("Pass", 'Must be an object mapping each letter to its cutoff, e.g. {"Pass": 0.5}.'),
        ({}, "At least one passing grade is required."),
        ({"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6, "E": 0.5}, "At most 4 passing grades (F is implicit)."),
        ({"Pass": 0}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": -0.1}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": 1.5}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": 50}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": "0.5"}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": True}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": None}, "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ({"Pass": 0.555}, "The cutoff of 'Pass' must be a whole percent (e.g. 0.55 for 55%, not 0.555)."),
        ({" ": 0.5}, "Grade letters cannot be blank."),
        ({"F": 0.5}, "F is the failing grade: it is implicit and has no cutoff."),
        ({"A": 0.9, "a": 0.6}, "Duplicate grade letter 'a'."),
        ({"A": 0.8, "B": 0.8}, "'A' and 'B' have the same cutoff (80%): grade ranges cannot overlap."),
        ({"A": 0.8, "B": 0.78}, "'A' (80%) and 'B' (78%) must be at least 3 points apart."),
        ({"A": 0.8, "B": 0.79}, "'A' (80%) and 'B' (79%) must be at least 3 points apart."),
    ],
)
def test_bad_grade_cutoffs_name_the_field(cutoffs, message):
    errors = {}

    result = validate_grade_cutoffs(cutoffs, errors)

    assert result is None
    assert errors == {CUTOFFS: [message]}


def test_cutoffs_exactly_three_points_apart_are_accepted():
    errors = {}

    assert validate_grade_cutoffs({"A": 0.8, "B": 0.77}, errors) == {"A": 0.8, "B": 0.77}
    assert errors == {}


@pytest.mark.parametrize(
    "types",
    [
        [],
        [HOMEWORK, EXAM],
        [with_(HOMEWORK, weight=0), with_(EXAM, weight=1)],
        [with_(HOMEWORK, min_count=2, drop_count=2)],  # Open edX allows dropping as many as assigned
        [with_(HOMEWORK, min_count=0, drop_count=0)],
        [{"type": "Lab", "weight": 1}],  # short_label, min_count, drop_count default to "", 0, 0
        [with_(HOMEWORK, short_label=None)],
    ],
)
def test_good_assignment_types_are_accepted(types):
    policy, errors = validate_grading_policy({"assignment_types": types, "grade_cutoffs": {"Pass": 0.5}})

    assert errors == {}
    assert [t["type"] for t in policy["assignment_types"]] == [t["type"] for t in types]
    assert all(
        set(t) == {"type", "short_label", "weight", "min_count", "drop_count"} for t in policy["assignment_types"]
    )


@pytest.mark.parametrize(
    ("types", "field", "message"),
    [
        ("Homework", TYPES, "Must be a list of assignment types."),
        ({"type": "Homework"}, TYPES, "Must be a list of assignment types."),
        (["Homework"], f"{TYPES}[0]", "Must be an object with type, short_label, weight, min_count and drop_count."),
        ([with_(HOMEWORK, extra=1)], f"{TYPES}[0]", "Unknown field(s): extra."),
        ([with_(HOMEWORK, type="")], f"{TYPES}[0].type", "This field is required."),
        ([with_(HOMEWORK, type="  ")], f"{TYPES}[0].type", "This field is required."),
        ([with_(HOMEWORK, type=None)], f"{TYPES}[0].type", "This field is required."),
        ([with_(HOMEWORK, type=7)], f"{TYPES}[0].type", "This field is required."),
        ([with_(HOMEWORK, type="x" * 101)], f"{TYPES}[0].type", "At most 100 characters."),
        ([HOMEWORK, with_(EXAM, type="homework")], f"{TYPES}[1].type", "Duplicate assignment type 'homework'."),
        ([with_(HOMEWORK, short_label=3)], f"{TYPES}[0].short_label", "Must be a string."),
        (
            [{"type": "Lab", "min_count": 1}],
            f"{TYPES}[0].weight",
            "This field is required.",
        ),
        (
            [with_(HOMEWORK, weight=-0.1)],
            f"{TYPES}[0].weight",
            "Must be from 0 to 1 (0% to 100% of the course grade).",
        ),
        (
            [with_(HOMEWORK, weight=1.01)],
            f"{TYPES}[0].weight",
            "Must be from 0 to 1 (0% to 100% of the course grade).",
        ),
        (
            [with_(HOMEWORK, weight=40)],
            f"{TYPES}[0].weight",
            "Must be from 0 to 1 (0% to 100% of the course grade).",
        ),
        (
            [with_(HOMEWORK, weight="0.4")],
            f"{TYPES}[0].weight",
            "Must be a number from 0 to 1 (0% to 100% of the course grade).",
        ),
        (
            [with_(HOMEWORK, weight=None)],
            f"{TYPES}[0].weight",
            "Must be a number from 0 to 1 (0% to 100% of the course grade).",
        ),
        (
            [with_(HOMEWORK, weight=True)],
            f"{TYPES}[0].weight",
            "Must be a number from 0 to 1 (0% to 100% of the course grade).",
        ),
        ([with_(HOMEWORK, min_count=-1, drop_count=0)], f"{TYPES}[0].min_count", "Must be a whole number, 0 or more."),
        ([with_(HOMEWORK, min_count=2.5)], f"{TYPES}[0].min_count", "Must be a whole number, 0 or more."),
        ([with_(HOMEWORK, min_count="3")], f"{TYPES}[0].min_count", "Must be a whole number, 0 or more."),
        ([with_(HOMEWORK, drop_count=-1)], f"{TYPES}[0].drop_count", "Must be a whole number, 0 or more."),
        ([with_(HOMEWORK, drop_count=False)], f"{TYPES}[0].drop_count", "Must be a whole number, 0 or more."),
        (
            [with_(HOMEWORK, min_count=2, drop_count=3)],
            f"{TYPES}[0].drop_count",
            "Cannot drop more assignments than min_count.",
        ),
        (
            [HOMEWORK, with_(EXAM, min_count=0, drop_count=1)],
            f"{TYPES}[1].drop_count",
            "Cannot drop more assignments than min_count.",
        ),
    ],
)
def test_bad_assignment_types_name_the_field(types, field, message):
    policy, errors = validate_grading_policy({"assignment_types": types})

    assert policy is None
    assert errors == {field: [message]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "Must be an object with assignment_types and grade_cutoffs."),
        ([], "Must be an object with assignment_types and grade_cutoffs."),
        ({"cutoffs": {"A": 0.9}}, "Unknown field(s): cutoffs."),
    ],
)
def test_bad_policy_shapes_name_grading_policy(value, message):
    policy, errors = validate_grading_policy(value, {"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}})

    assert policy is None
    assert errors == {"grading_policy": [message]}


def test_a_partial_policy_keeps_the_current_other_half():
    current = {"assignment_types": [HOMEWORK], "grade_cutoffs": {"Pass": 0.5}}

    only_cutoffs, errors_a = validate_grading_policy({"grade_cutoffs": {"A": 0.9, "B": 0.6}}, current)
    only_types, errors_b = validate_grading_policy({"assignment_types": [EXAM]}, current)

    assert (errors_a, errors_b) == ({}, {})
    assert only_cutoffs == {"assignment_types": [HOMEWORK], "grade_cutoffs": {"A": 0.9, "B": 0.6}}
    assert only_types == {"assignment_types": [EXAM], "grade_cutoffs": {"Pass": 0.5}}


def test_errors_of_several_rows_and_the_cutoffs_come_together():
    policy, errors = validate_grading_policy(
        {
            "assignment_types": [with_(HOMEWORK, weight=-1), with_(EXAM, min_count=-2, drop_count=0)],
            "grade_cutoffs": {"Pass": 2},
        }
    )

    assert policy is None
    assert errors == {
        f"{TYPES}[0].weight": ["Must be from 0 to 1 (0% to 100% of the course grade)."],
        f"{TYPES}[1].min_count": ["Must be a whole number, 0 or more."],
        CUTOFFS: ["The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."],
    }


@pytest.mark.parametrize(
    ("weights", "warnings"),
    [
        ([], []),
        ([1.0], []),
        ([0.4, 0.6], []),
        ([0.1, 0.2, 0.3, 0.4], []),  # 0.1 + 0.2 is not exactly 0.3 in floats: still 100%
        ([0.4, 0.5], ["The assignment type weights add up to 90%, not 100%."]),
        ([0.7, 0.6], ["The assignment type weights add up to 130%, not 100%."]),
        ([0, 0], ["The assignment type weights add up to 0%, not 100%."]),
        ([0.125], ["The assignment type weights add up to 12.5%, not 100%."]),
    ],
)
def test_weights_not_adding_up_to_100_percent_warn(weights, warnings):
    policy = {"assignment_types": [{"type": f"T{i}", "weight": w} for i, w in enumerate(weights)]}

    assert grading_policy_warnings(policy) == warnings


def types(**changes) -> dict:
    return {"assignment_types": [with_(HOMEWORK, **changes)]}


NUL = "Must not contain NUL characters."
WEIGHT = "Must be from 0 to 1 (0% to 100% of the course grade)."


@pytest.mark.parametrize(
    ("policy", "field", "message"),
    [
        (types(min_count=101), f"{TYPES}[0].min_count", "At most 100."),
        (types(min_count=10**29), f"{TYPES}[0].min_count", "At most 100."),
        (types(drop_count=2**63), f"{TYPES}[0].drop_count", "At most 100."),
        (types(drop_count=-1), f"{TYPES}[0].drop_count", "Must be a whole number, 0 or more."),
        (types(weight=1.0000001), f"{TYPES}[0].weight", WEIGHT),
        (
            {"assignment_types": [with_(HOMEWORK, type=f"T{n}") for n in range(51)]},
            TYPES,
            "At most 50 assignment types.",
        ),
        (types(type="Home\x00work"), f"{TYPES}[0].type", NUL),
        (types(short_label="\ud800"), f"{TYPES}[0].short_label", "Must not contain unpaired surrogate characters."),
        ({"grade_cutoffs": {"P\x00": 0.5}}, CUTOFFS, f"Grade letters: {NUL}"),
    ],
)
def test_counts_sizes_and_text_are_bounded(policy, field, message):
    result, errors = validate_grading_policy(policy)

    assert result is None
    assert errors == {field: [message]}


def test_a_huge_cutoff_mapping_gets_one_message():
    result, errors = validate_grading_policy({"grade_cutoffs": {f"L{n}": 0.5 for n in range(10_000)}})

    assert (result, errors) == (None, {CUTOFFS: ["At most 4 passing grades (F is implicit)."]})


def test_the_largest_counts_are_accepted():
    policy = {"assignment_types": [with_(HOMEWORK, weight=1.0, min_count=100, drop_count=99)]}

    result, errors = validate_grading_policy(policy)

    assert errors == {}
    assert result["assignment_types"][0]["min_count"] == 100
