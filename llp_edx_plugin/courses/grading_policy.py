"""The grading policy of a course: pure validation and normalisation over plain JSON values.

Shape (as Open edX's GRADER / GRADE_CUTOFFS): ``{"assignment_types": [{type, short_label, weight, min_count,
drop_count}], "grade_cutoffs": {letter: fraction}}``. Weights are fractions 0..1; cutoffs are fractions in
(0, 1], whole percents, at most 4 passing letters (F, the failing grade, is implicit and never stored), each
at least ``MIN_CUTOFF_GAP`` points above the next, as Studio's Overall Grade Range allows. Counts and the number
of assignment types are bounded (docs/decisions/0025-input-limits.md): the API and OLX import share these rules.
"""

import math
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from ..json_input import bad_text_reason

FIELD = "grading_policy"
CUTOFFS_FIELD = f"{FIELD}.grade_cutoffs"
TYPES_FIELD = f"{FIELD}.assignment_types"
POLICY_KEYS = ("assignment_types", "grade_cutoffs")
TYPE_KEYS = ("type", "short_label", "weight", "min_count", "drop_count")
MAX_PASSING_GRADES = 4
MIN_CUTOFF_GAP = 3  # whole percentage points between two neighbouring letters
MAX_LABEL_LENGTH = 100
MAX_ASSIGNMENT_TYPES = 50
MAX_COUNT = 100  # min_count and drop_count: more assignments of one type than any course has
FAILING_LETTER = "F"
_EPSILON = 1e-6

Errors = dict[str, list[str]]


def is_number(value: Any) -> bool:
    """A JSON number (bool is not one, although Python says so), finite."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_integer(value: Any) -> bool:
    """A JSON integer (``2``; not ``2.5``, ``true`` or ``"2"``)."""
    return isinstance(value, int) and not isinstance(value, bool)


def percent_text(fraction: float) -> str:
    """``0.6`` -> ``"60%"``; ``0.125`` -> ``"12.5%"`` (no float noise)."""
    return f"{round(fraction * 100, 2):g}%"


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _validate_assignment_type(index: int, item: Any, all_errors: Errors) -> dict | None:
    field = f"{TYPES_FIELD}[{index}]"
    errors: Errors = {}
    if not isinstance(item, Mapping):
        _add(all_errors, field, "Must be an object with type, short_label, weight, min_count and drop_count.")
        return None
    unknown = sorted(str(k) for k in item if k not in TYPE_KEYS)
    if unknown:
        _add(errors, field, f"Unknown field(s): {', '.join(unknown)}.")

    type_name = item.get("type")
    if not isinstance(type_name, str) or not type_name.strip():
        _add(errors, f"{field}.type", "This field is required.")
    elif len(type_name.strip()) > MAX_LABEL_LENGTH:
        _add(errors, f"{field}.type", f"At most {MAX_LABEL_LENGTH} characters.")
    elif bad_text_reason(type_name):
        _add(errors, f"{field}.type", bad_text_reason(type_name))

    short_label = item.get("short_label")
    if short_label is not None and not isinstance(short_label, str):
        _add(errors, f"{field}.short_label", "Must be a string.")
    elif short_label and len(short_label.strip()) > MAX_LABEL_LENGTH:
        _add(errors, f"{field}.short_label", f"At most {MAX_LABEL_LENGTH} characters.")
    elif short_label and bad_text_reason(short_label):
        _add(errors, f"{field}.short_label", bad_text_reason(short_label))

    weight = item.get("weight")
    if "weight" not in item:
        _add(errors, f"{field}.weight", "This field is required.")
    elif not is_number(weight):
        _add(errors, f"{field}.weight", "Must be a number from 0 to 1 (0% to 100% of the course grade).")
    elif not 0 <= weight <= 1:
        _add(errors, f"{field}.weight", "Must be from 0 to 1 (0% to 100% of the course grade).")

    min_count = item.get("min_count", 0)
    drop_count = item.get("drop_count", 0)
    for name, value in (("min_count", min_count), ("drop_count", drop_count)):
        if not is_integer(value) or value < 0:
            _add(errors, f"{field}.{name}", "Must be a whole number, 0 or more.")
        elif value > MAX_COUNT:
            _add(errors, f"{field}.{name}", f"At most {MAX_COUNT}.")
    counts_ok = all(is_integer(v) and 0 <= v <= MAX_COUNT for v in (min_count, drop_count))
    if counts_ok and min_count < drop_count:
        # Open edX (Studio's course_grader): "Cannot drop more assignments than are assigned."
        _add(errors, f"{field}.drop_count", "Cannot drop more assignments than min_count.")

    if errors:
        for name, messages in errors.items():
            all_errors.setdefault(name, []).extend(messages)
        return None
    return {
        "type": type_name.strip(),
        "short_label": (short_label or "").strip(),
        "weight": float(weight),
        "min_count": min_count,
        "drop_count": drop_count,
    }


def validate_assignment_types(value: Any, errors: Errors) -> list[dict] | None:
    """Validate the list of assignment types into ``errors``; return the normalised list or None."""
    if not isinstance(value, list):
        _add(errors, TYPES_FIELD, "Must be a list of assignment types.")
        return None
    if len(value) > MAX_ASSIGNMENT_TYPES:
        _add(errors, TYPES_FIELD, f"At most {MAX_ASSIGNMENT_TYPES} assignment types.")
        return None
    result: list[dict] = []
    seen: dict[str, int] = {}
    ok = True
    for index, item in enumerate(value):
        normalised = _validate_assignment_type(index, item, errors)
        if normalised is None:
            ok = False
            continue
        folded = normalised["type"].casefold()
        if folded in seen:
            _add(errors, f"{TYPES_FIELD}[{index}].type", f"Duplicate assignment type '{normalised['type']}'.")
            ok = False
        seen.setdefault(folded, index)
        result.append(normalised)
    return result if ok else None


def validate_grade_cutoffs(value: Any, errors: Errors) -> dict[str, float] | None:
    """Validate ``{letter: fraction}``; return it ordered from the highest cutoff, or None (errors added)."""
    if not isinstance(value, Mapping):
        _add(errors, CUTOFFS_FIELD, 'Must be an object mapping each letter to its cutoff, e.g. {"Pass": 0.5}.')
        return None
    before = len(errors.get(CUTOFFS_FIELD, []))
    if not value:
        _add(errors, CUTOFFS_FIELD, "At least one passing grade is required.")
    elif len(value) > MAX_PASSING_GRADES:
        _add(errors, CUTOFFS_FIELD, f"At most {MAX_PASSING_GRADES} passing grades (F is implicit).")
        return None  # and no message per letter of a huge mapping
    cutoffs: dict[str, float] = {}
    seen: set[str] = set()
    for raw_letter, cutoff in value.items():
        letter = str(raw_letter).strip()
        if not letter:
            _add(errors, CUTOFFS_FIELD, "Grade letters cannot be blank.")
            continue
        if len(letter) > MAX_LABEL_LENGTH:
            _add(errors, CUTOFFS_FIELD, f"Grade letters have at most {MAX_LABEL_LENGTH} characters.")
            continue
        if bad_text_reason(letter):
            _add(errors, CUTOFFS_FIELD, f"Grade letters: {bad_text_reason(letter)}")
            continue
        if letter.casefold() == FAILING_LETTER.casefold():
            _add(errors, CUTOFFS_FIELD, "F is the failing grade: it is implicit and has no cutoff.")
            continue
        if letter.casefold() in seen:
            _add(errors, CUTOFFS_FIELD, f"Duplicate grade letter '{letter}'.")
            continue
        seen.add(letter.casefold())
        if not is_number(cutoff) or not 0 < cutoff <= 1:
            _add(errors, CUTOFFS_FIELD, f"The cutoff of '{letter}' must be a number above 0 and at most 1 (100%).")
            continue
        points = cutoff * 100
        if abs(points - round(points)) > _EPSILON:
            _add(
                errors,
                CUTOFFS_FIELD,
                f"The cutoff of '{letter}' must be a whole percent (e.g. 0.55 for 55%, not 0.555).",
            )
            continue
        cutoffs[letter] = round(points) / 100
    ordered = sorted(cutoffs.items(), key=lambda kv: -kv[1])
    for (high_letter, high), (low_letter, low) in pairwise(ordered):
        gap = round((high - low) * 100)
        if gap == 0:
            _add(
                errors,
                CUTOFFS_FIELD,
                f"'{high_letter}' and '{low_letter}' have the same cutoff ({percent_text(high)}): "
                "grade ranges cannot overlap.",
            )
        elif gap < MIN_CUTOFF_GAP:
            _add(
                errors,
                CUTOFFS_FIELD,
                f"'{high_letter}' ({percent_text(high)}) and '{low_letter}' ({percent_text(low)}) "
                f"must be at least {MIN_CUTOFF_GAP} points apart.",
            )
    if len(errors.get(CUTOFFS_FIELD, [])) != before:
        return None
    return dict(ordered)


def validate_grading_policy(value: Any, current: Mapping | None = None) -> tuple[dict | None, Errors]:
    """Validate a (partial) grading policy against the ``current`` one.

    A key left out keeps its current value, so ``{"grade_cutoffs": {...}}`` changes only the cutoffs.
    Returns ``(normalised policy, {})`` or ``(None, errors)`` with field names such as
    ``grading_policy.assignment_types[0].weight``.
    """
    errors: Errors = {}
    if not isinstance(value, Mapping):
        return None, {FIELD: ["Must be an object with assignment_types and grade_cutoffs."]}
    unknown = sorted(str(k) for k in value if k not in POLICY_KEYS)
    if unknown:
        _add(errors, FIELD, f"Unknown field(s): {', '.join(unknown)}.")
    current = current or {}
    types = validate_assignment_types(value.get("assignment_types", current.get("assignment_types", [])), errors)
    cutoffs = validate_grade_cutoffs(value.get("grade_cutoffs", current.get("grade_cutoffs", {"Pass": 0.5})), errors)
    if errors:
        return None, errors
    return {"assignment_types": types, "grade_cutoffs": cutoffs}, {}


def grading_policy_warnings(policy: Mapping) -> list[str]:
    """Non-blocking remarks about a valid policy: weights that do not add up to 100%."""
    types = policy.get("assignment_types") or []
    if not types:
        return []  # no graded content: no grade requirement, nothing to add up
    total = sum(float(t.get("weight", 0)) for t in types)
    if abs(total - 1) > _EPSILON:
        return [f"The assignment type weights add up to {percent_text(total)}, not 100%."]
    return []
