"""The course grader, as Open edX grades a course (pure functions over plain data, table-tested).

- A graded subsection (sequential) scores earned/possible over its scored blocks, rounded to two decimals
  as ``numpy.around`` rounds (edx-platform ``compute_percent``): the float is scaled by 100 and rounded half
  to even, so 19/40 gives 0.48 where Python's ``round(0.475, 2)`` gives 0.47. Subsections with nothing
  possible are left out.
- Each assignment type averages its subsections with equal weight after padding with zeros up to
  ``min_count`` and dropping the lowest ``drop_count`` (``AssignmentFormatGrader``: the kept percents are
  summed in course order, as there, so that float sums match to the last bit).
- The course's raw percent is the weighted sum of the type averages (``WeightedSubsectionsGrader``), and the
  course percent is ``round_away_from_zero(raw * 100 + 0.05) / 100`` (``CourseGrade._compute_percent``).
- The letter is the highest cutoff reached; passed means percent >= the lowest non-zero cutoff
  (``CourseGrade._compute_passed``). A course with no graded content has no grade requirement (the LLP rule).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..courses.data import GradingPolicyData
from .data import GradeData


@dataclass(frozen=True)
class SubsectionScore:
    """The graded total of one graded sequential."""

    assignment_type: str
    earned: float
    possible: float


def around_2(number: float) -> float:
    """``numpy.around(number, 2)`` for a float: scale by 100, round half to even, scale back."""
    # Python's round() of a float to an integer is round-half-even on the exact binary value, as numpy's rint.
    return round(number * 100.0) / 100.0


def subsection_percent(earned: float, possible: float) -> float:
    """earned/possible rounded to two decimals as numpy rounds; 0 when nothing is possible."""
    if possible <= 0:
        return 0.0
    return around_2(earned / possible)


def assignment_type_average(percents: Sequence[float], min_count: int, drop_count: int) -> float:
    """Pad with zeros up to ``min_count``, drop the lowest ``drop_count``, average the rest.

    As ``AssignmentFormatGrader``: the dropped ones are the last ``drop_count`` of a stable sort by descending
    percent; the others are summed in their own order and divided by ``len - drop_count`` when positive.
    """
    padded = list(percents) + [0.0] * max(0, min_count - len(percents))
    drop_count = max(0, drop_count)
    ranked = sorted(range(len(padded)), key=lambda index: -padded[index])
    dropped = set(ranked[-drop_count:]) if drop_count else set()
    total = 0.0
    for index, percent in enumerate(padded):
        if index not in dropped:
            total += percent
    kept = len(padded) - drop_count
    return total / kept if kept > 0 else total


def round_away_from_zero(number: float) -> float:
    """Half away from zero, to an integer (as edx-platform's ``round_away_from_zero``)."""
    if number >= 0:
        return float(int(number + 0.5))
    return -float(int(-number + 0.5))


def course_percent(raw: float) -> float:
    """Open edX's displayed course percent: two decimals, with its +0.05 nudge (TNL-6972)."""
    return round_away_from_zero(raw * 100 + 0.05) / 100


def letter_grade(cutoffs: Iterable[tuple[str, float]], percent: float) -> str | None:
    """The highest cutoff reached, or None."""
    for letter, cutoff in sorted(cutoffs, key=lambda kv: -kv[1]):
        if percent >= cutoff:
            return letter
    return None


def passing_cutoff(cutoffs: Iterable[tuple[str, float]]) -> float | None:
    """The lowest non-zero cutoff (a zero cutoff is not a pass mark), or None."""
    nonzero = [cutoff for _letter, cutoff in cutoffs if cutoff > 0]
    return min(nonzero) if nonzero else None


def raw_percent(policy: GradingPolicyData, subsections: Iterable[SubsectionScore]) -> tuple[float, bool]:
    """The weighted sum of the type averages, and whether any graded content counts toward it."""
    by_type: dict[str, list[float]] = {}
    for sub in subsections:
        if sub.possible > 0:
            by_type.setdefault(sub.assignment_type, []).append(subsection_percent(sub.earned, sub.possible))
    graded = any(a.type in by_type for a in policy.assignment_types)
    total = 0.0
    for assignment in policy.assignment_types:
        scores = by_type.get(assignment.type, [])
        total += assignment_type_average(scores, assignment.min_count, assignment.drop_count) * assignment.weight
    return total, graded


def grade_course(policy: GradingPolicyData, subsections: Iterable[SubsectionScore]) -> GradeData:
    """The course grade of one learner from the graded totals of the course's graded sequentials."""
    raw, graded = raw_percent(policy, subsections)
    percent = course_percent(raw) if graded else 0.0
    letter = letter_grade(policy.grade_cutoffs, percent) if graded else None
    lowest = passing_cutoff(policy.grade_cutoffs)
    # Without graded content (or without any cutoff) there is no grade requirement to fail.
    passed = (not graded) or lowest is None or percent >= lowest
    return GradeData(percent=percent, letter=letter, passed=passed, graded=graded)
