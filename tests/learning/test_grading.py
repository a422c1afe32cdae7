"""The grader, table by table: as Open edX grades a course."""

import math

import pytest

from llp_edx_plugin.courses.data import AssignmentTypeData, GradingPolicyData
from llp_edx_plugin.learning.data import GradeData
from llp_edx_plugin.learning.grading import (
    SubsectionScore,
    assignment_type_average,
    course_percent,
    grade_course,
    letter_grade,
    round_away_from_zero,
    subsection_percent,
)


def policy(*types: tuple, cutoffs: dict | None = None) -> GradingPolicyData:
    return GradingPolicyData(
        assignment_types=tuple(
            AssignmentTypeData(type=t, short_label=t[:2], weight=w, min_count=m, drop_count=d) for t, w, m, d in types
        ),
        grade_cutoffs=tuple(sorted((cutoffs or {"Pass": 0.5}).items(), key=lambda kv: -kv[1])),
    )


def hw(*percents: float) -> list[SubsectionScore]:
    return [SubsectionScore("Homework", p, 1.0) for p in percents]


@pytest.mark.parametrize(
    ("earned", "possible", "expected"),
    [
        (1, 3, 0.33),
        (2, 3, 0.67),
        (3, 3, 1.0),
        (0, 5, 0.0),
        (2, 0, 0.0),  # nothing possible
        (0.4449, 1, 0.44),
    ],
)
def test_subsection_percent_is_rounded_to_two_decimals(earned, possible, expected):
    assert subsection_percent(earned, possible) == expected


@pytest.mark.parametrize(
    ("percents", "min_count", "drop_count", "expected"),
    [
        ([1.0, 0.5], 0, 0, 0.75),
        ([1.0, 0.5], 4, 0, 0.375),  # padded with two zeros
        ([1.0, 0.5, 0.0], 0, 1, 0.75),  # the zero is dropped
        ([0.2, 0.9, 0.6], 3, 2, 0.9),  # the two lowest dropped
        ([1.0], 3, 1, 0.5),  # pad to 3, drop one zero
        ([], 2, 0, 0.0),
        ([0.8], 0, 1, 0.0),  # dropping everything leaves nothing
        ([0.8], 0, 5, 0.0),
    ],
)
def test_assignment_type_average_pads_then_drops(percents, min_count, drop_count, expected):
    assert assignment_type_average(percents, min_count, drop_count) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (0.0, 0.0),
        (1.0, 1.0),
        (0.5, 0.5),
        (0.4949, 0.5),  # 49.49 + 0.05 = 49.54 -> 50
        (0.4944, 0.49),  # 49.44 + 0.05 = 49.49 -> 49
        (0.4945, 0.5),  # 49.45 + 0.05 = 49.50 -> rounds away from zero
        (0.123, 0.12),
        (0.675, 0.68),
    ],
)
def test_course_percent_rounds_as_open_edx(raw, expected):
    assert course_percent(raw) == expected


@pytest.mark.parametrize(
    ("percent", "expected"),
    [(0.95, "A"), (0.9, "A"), (0.89, "B"), (0.5, "C"), (0.49, None), (0.0, None)],
)
def test_letter_is_the_highest_cutoff_reached(percent, expected):
    assert letter_grade((("C", 0.5), ("A", 0.9), ("B", 0.7)), percent) == expected


@pytest.mark.parametrize(
    ("grading", "subsections", "expected"),
    [
        # One type weighted 100%.
        (policy(("Homework", 1.0, 0, 0)), hw(1.0, 0.5), GradeData(0.75, "Pass", True)),
        # Weights: 25% homework average 0.8, 75% exam 0.4 -> 0.2 + 0.3 = 0.5.
        (
            policy(("Homework", 0.25, 0, 0), ("Exam", 0.75, 0, 0)),
            [*hw(0.8), SubsectionScore("Exam", 2, 5)],
            GradeData(0.5, "Pass", True),
        ),
        # The exam not taken yet counts 0 through min_count: 0.25 * 0.8 = 0.2.
        (
            policy(("Homework", 0.25, 0, 0), ("Exam", 0.75, 1, 0)),
            hw(0.8),
            GradeData(0.2, None, False),
        ),
        # min_count pads homework to 4; drop_count drops the two lowest (the pads): (1 + 0.6) / 2.
        (policy(("Homework", 1.0, 4, 2)), hw(1.0, 0.6), GradeData(0.8, "Pass", True)),
        # Drops: 0.1 dropped, (0.9 + 0.8) / 2 = 0.85.
        (policy(("Homework", 1.0, 0, 1)), hw(0.9, 0.1, 0.8), GradeData(0.85, "Pass", True)),
        # Rounding of the course percent: 1/3 homework -> 0.33 -> 33.05 -> 0.33; weight .5 -> 0.165 -> 0.17.
        (policy(("Homework", 0.5, 0, 0)), [SubsectionScore("Homework", 1, 3)], GradeData(0.17, None, False)),
        # Just under the cutoff by the raw value, on it after Open edX's rounding: 0.4949 -> 0.5 passes.
        (policy(("Homework", 0.4949, 0, 0)), hw(1.0), GradeData(0.5, "Pass", True)),
        # Letter grades: the highest reached.
        (
            policy(("Homework", 1.0, 0, 0), cutoffs={"A": 0.9, "B": 0.8, "C": 0.6}),
            hw(0.85),
            GradeData(0.85, "B", True),
        ),
        (
            policy(("Homework", 1.0, 0, 0), cutoffs={"A": 0.9, "B": 0.8, "C": 0.6}),
            hw(0.59),
            GradeData(0.59, None, False),
        ),
        # A subsection with nothing possible is not graded content.
        (policy(("Homework", 1.0, 0, 0)), [SubsectionScore("Homework", 0, 0)], GradeData(0.0, None, True, False)),
        # No graded content: no grade requirement.
        (policy(("Homework", 1.0, 2, 0)), [], GradeData(0.0, None, True, False)),
        # Graded subsections of a type the policy does not know do not count.
        (policy(("Homework", 1.0, 0, 0)), [SubsectionScore("Lab", 1, 1)], GradeData(0.0, None, True, False)),
        # No graded content has no letter, whatever the cutoffs (even a 0 one, which the policy validator refuses).
        (policy(("Homework", 1.0, 0, 0), cutoffs={"Audit": 0.0}), [], GradeData(0.0, None, True, False)),
        # Zero is a grade too: graded content not attempted.
        (policy(("Homework", 1.0, 0, 0)), hw(0.0, 0.0), GradeData(0.0, None, False)),
    ],
)
def test_grade_course(grading, subsections, expected):
    assert grade_course(grading, subsections) == expected


@pytest.mark.parametrize(
    ("number", "rounded"),
    [(0.0, 0.0), (0.4, 0.0), (0.5, 1.0), (2.5, 3.0), (-0.4, 0.0), (-0.5, -1.0), (-2.5, -3.0), (-1.6, -2.0)],
)
def test_round_away_from_zero_rounds_halves_away_from_zero(number, rounded):
    """As edx-platform's ``round_away_from_zero``, on both sides of zero (mutation testing found the gap)."""
    assert round_away_from_zero(number) == rounded


@pytest.mark.parametrize(("percent", "letter"), [(0.95, "A"), (0.75, "B"), (0.5, "C"), (0.2, None)])
def test_letter_grade_reads_cutoffs_in_any_order(percent, letter):
    assert letter_grade([("C", 0.5), ("A", 0.9), ("B", 0.7)], percent) == letter


def test_zero_rounds_to_a_positive_zero():
    """A zero percent never prints as "-0.0"."""
    assert math.copysign(1.0, round_away_from_zero(0.0)) == 1.0


@pytest.mark.parametrize(("percent", "letter"), [(0.95, "Gold"), (0.75, "Silver"), (0.5, "Bronze"), (0.2, None)])
def test_letter_grade_orders_by_cutoff_not_by_name(percent, letter):
    """Letters whose alphabetical order is not their cutoffs' order (Bronze < Gold < Silver)."""
    assert letter_grade([("Silver", 0.7), ("Bronze", 0.5), ("Gold", 0.9)], percent) == letter
