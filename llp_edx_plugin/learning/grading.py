"""The course grader, as Open edX grades a course (pure functions over plain data, table-tested).

- A graded subsection (sequential) scores earned/possible over its scored blocks, rounded to two decimals
  (edx-platform ``compute_percent``); subsections with nothing possible are left out.
- Each assignment type averages its subsections with equal weight after padding with zeros up to
  ``min_count`` and dropping the lowest ``drop_count`` (``AssignmentFormatGrader``).
- The course's raw percent is the weighted sum of the type averages (``WeightedSubsectionsGrader``), and the
  course percent is ``round_away_from_zero(raw * 100 + 0.05) / 100`` (``CourseGrade._compute_percent``).
- The letter is the highest cutoff reached; passed means percent >= the lowest cutoff. A course with no graded
  content has no grade requirement.
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


def subsection_percent(earned: float, possible: float) -> float:
    """earned/possible rounded to two decimals; 0 when nothing is possible."""
    if possible <= 0:
        return 0.0
    return round(earned / possible, 2)


def assignment_type_average(percents: Sequence[float], min_count: int, drop_count: int) -> float:
    """Pad with zeros up to ``min_count``, drop the lowest ``drop_count``, average the rest."""
    padded = list(percents) + [0.0] * max(0, min_count - len(percents))
    kept = sorted(padded, reverse=True)[: max(0, len(padded) - max(0, drop_count))]
    if not kept:
        return 0.0
    return sum(kept) / len(kept)


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
    lowest = policy.lowest_passing_cutoff
    # Without graded content (or without any cutoff) there is no grade requirement to fail.
    passed = (not graded) or lowest is None or percent >= lowest
    return GradeData(percent=percent, letter=letter, passed=passed, graded=graded)
