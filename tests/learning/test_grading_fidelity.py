"""The grader against a reference written from Open edX's published algorithm (``xmodule/graders.py`` and
``lms/djangoapps/grades``), over thousands of random score sets.

The reference below is independent of ``learning.grading``: it rounds with ``decimal`` (no numpy is installed)
the way ``numpy.around`` rounds a float, and follows the published grader step by step.
"""

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llp_edx_plugin.courses.data import AssignmentTypeData, GradingPolicyData
from llp_edx_plugin.learning.grading import SubsectionScore, assignment_type_average, grade_course, subsection_percent

# --- the reference -------------------------------------------------------------------------------------------


def ref_around(value: float, decimals: int = 2) -> float:
    """numpy.around on a float64: multiply by 10**decimals (a float product), rint (half to even), divide."""
    scale = float(10**decimals)
    scaled = Decimal(value * scale)  # the exact binary value of the float product
    return float(scaled.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)) / scale


def ref_compute_percent(earned: float, possible: float) -> float:
    return ref_around(earned / possible, 2) if possible > 0 else 0.0


def ref_round_away_from_zero(number: float, digits: int = 0) -> float:
    p = 10.0**digits
    if number >= 0:
        return float(int((number * p) + 0.5)) / p
    return float(int((number * p) - 0.5)) / p


def ref_assignment_format_grade(percents: list[float], min_count: int, drop_count: int) -> float:
    breakdown = [percents[i] if i < len(percents) else 0.0 for i in range(max(min_count, len(percents)))]
    sorted_breakdown = sorted(enumerate(breakdown), key=lambda x: -x[1])
    dropped_indices = [x[0] for x in sorted_breakdown[-drop_count:]] if drop_count > 0 else []
    aggregate_score = 0
    for index, mark in enumerate(breakdown):
        if index not in dropped_indices:
            aggregate_score += mark
    if (len(breakdown) - drop_count) > 0:
        aggregate_score /= len(breakdown) - drop_count
    return aggregate_score


def ref_course_grade(types, cutoffs: dict, subsections):
    """(percent, letter, passed) as CourseGrade computes them; passed as LLP: True without graded content."""
    sheet: dict[str, list[float]] = {}
    for kind, earned, possible in subsections:
        if possible > 0:
            sheet.setdefault(kind, []).append(ref_compute_percent(earned, possible))
    total = 0.0
    for kind, weight, min_count, drop_count in types:
        total += ref_assignment_format_grade(sheet.get(kind, []), min_count, drop_count) * weight
    graded = any(kind in sheet for kind, *_ in types)
    if not graded:
        return 0.0, None, True
    percent = ref_round_away_from_zero(total * 100 + 0.05) / 100
    letter = None
    for grade in sorted(cutoffs, key=lambda x: cutoffs[x], reverse=True):
        if percent >= cutoffs[grade]:
            letter = grade
            break
    nonzero_cutoffs = [cutoff for cutoff in cutoffs.values() if cutoff > 0]
    success_cutoff = min(nonzero_cutoffs) if nonzero_cutoffs else None
    return percent, letter, bool(success_cutoff and percent >= success_cutoff)


# --- the comparisons -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earned", "possible", "percent"),
    [
        (19, 40, 0.48),  # Python's round(0.475, 2) says 0.47
        (1, 8, 0.12),  # 0.125: half to even
        (3, 8, 0.38),
        (5, 8, 0.62),
        (7, 8, 0.88),
        (1, 3, 0.33),
        (2, 3, 0.67),
        (0, 7, 0.0),
        (5, 0, 0.0),
    ],
)
def test_subsection_percent_rounds_as_numpy_around(earned, possible, percent):
    assert subsection_percent(earned, possible) == percent


def test_every_score_pair_up_to_407_points_matches_the_reference():
    """83,435 pairs; 164 of them are where Python's round(x, 2) and numpy.around disagree."""
    differ = 0
    for possible in range(1, 408):
        for earned in range(possible + 1):
            assert subsection_percent(earned, possible) == ref_compute_percent(earned, possible), (earned, possible)
            differ += round(earned / possible, 2) != ref_compute_percent(earned, possible)
    assert differ == 164


def test_a_19_of_40_homework_passes_at_48_percent():
    """The pair that flips a pass: 19/40 is 0.48 in Open edX, so a 48% cutoff is reached."""
    policy = GradingPolicyData(
        assignment_types=(AssignmentTypeData("Homework", "HW", 1.0, 1, 0),),
        grade_cutoffs=(("Pass", 0.48),),
    )
    grade = grade_course(policy, [SubsectionScore("Homework", 19, 40)])
    assert (grade.percent, grade.passed) == (0.48, True)


_TYPES = ["Homework", "Lab", "Exam", "Quiz"]
_points = st.integers(min_value=0, max_value=60)


@st.composite
def score_sets(draw):
    kinds = draw(st.lists(st.sampled_from(_TYPES), min_size=1, max_size=4, unique=True))
    raw_weights = [draw(st.integers(min_value=0, max_value=100)) for _ in kinds]
    scale = sum(raw_weights) or 1
    types = [
        (kind, weight / scale, draw(st.integers(0, 6)), draw(st.integers(0, 4)))
        for kind, weight in zip(kinds, raw_weights, strict=True)
    ]
    subsections = []
    for _ in range(draw(st.integers(0, 12))):
        possible = draw(st.integers(0, 60))
        earned = draw(st.integers(0, possible))
        # Problem weights make fractional points (weight * raw_earned / raw_possible), as Open edX scores them.
        divisor = draw(st.sampled_from([1, 1, 3, 7]))
        subsections.append((draw(st.sampled_from(_TYPES)), earned / divisor, possible / divisor))
    names = draw(st.lists(st.sampled_from(["A", "B", "C", "D", "Pass"]), min_size=1, max_size=4, unique=True))
    # Cutoffs in (0, 1]: the grading-policy validator refuses a zero cutoff.
    cutoffs = {name: draw(st.integers(1, 100)) / 100 for name in names}
    return types, cutoffs, subsections


@settings(max_examples=2500, deadline=None)
@given(score_sets())
def test_course_grade_matches_the_published_algorithm(case):
    types, cutoffs, subsections = case
    policy = GradingPolicyData(
        assignment_types=tuple(AssignmentTypeData(k, k[:2], w, m, d) for k, w, m, d in types),
        grade_cutoffs=tuple(sorted(cutoffs.items(), key=lambda kv: -kv[1])),
    )
    grade = grade_course(policy, [SubsectionScore(kind, earned, possible) for kind, earned, possible in subsections])
    assert (grade.percent, grade.letter, grade.passed) == ref_course_grade(types, cutoffs, subsections)


def test_the_kept_percents_are_summed_in_course_order_as_open_edx_sums_them():
    """0.75 + 0.13 + 0.4 + 0.03 is 1.31 in this order and 1.3099999999999998 sorted: the bits must match."""
    percents = [0.75, 0.13, 0.4, 0.03]
    assert assignment_type_average(percents, 0, 0) == ref_assignment_format_grade(percents, 0, 0) == 1.31 / 4
