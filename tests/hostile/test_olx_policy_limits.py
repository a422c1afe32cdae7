"""OLX import applies the API's grading bounds and strict JSON: out-of-range values are warnings, never a 500."""

from datetime import UTC, datetime

import pytest

from llp_edx_plugin.courses.olx import policy

HW = {"type": "Homework", "short_label": "HW", "weight": 1.0, "min_count": 3, "drop_count": 1}


def convert(raw):
    warnings: list[str] = []
    return policy.grading_policy(raw, warnings), warnings


@pytest.mark.parametrize(
    ("changes", "warning"),
    [
        ({"min_count": 101}, "Assignment type 'Homework' has a bad min_count or drop_count (0 to 100): skipped."),
        ({"drop_count": 10**25}, "Assignment type 'Homework' has a bad min_count or drop_count (0 to 100): skipped."),
        ({"min_count": 10**400}, "'Homework min_count' is not a number"),  # float() of it overflows
        ({"type": "Home\x00work"}, "GRADER entry 1: Must not contain NUL characters. Skipped."),
    ],
)
def test_out_of_range_graders_are_skipped_with_a_warning(changes, warning):
    result, warnings = convert({"GRADER": [{**HW, **changes}], "GRADE_CUTOFFS": {"Pass": 0.5}})

    assert result["assignment_types"] == []
    assert any(w.startswith(warning) for w in warnings), warnings


def test_at_most_50_assignment_types_are_imported():
    graders = [{**HW, "type": f"T{n}", "weight": 0.01} for n in range(60)]

    result, warnings = convert({"GRADER": graders, "GRADE_CUTOFFS": {"Pass": 0.5}})

    assert len(result["assignment_types"]) == 50
    assert "GRADER has 60 entries: only the first 50 were imported." in warnings


def test_at_most_4_cutoffs_the_highest_kept():
    cutoffs = {"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6, "E": 0.5, "\x00": 0.4}

    result, warnings = convert({"GRADER": [HW], "GRADE_CUTOFFS": cutoffs})

    assert result["grade_cutoffs"] == {"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6}
    assert "More than 4 passing grades: only the highest 4 kept." in warnings
    assert "A grade letter: Must not contain NUL characters. Skipped." in warnings


def test_a_date_leaving_the_utc_calendar_is_ignored_with_a_warning():
    warnings: list[str] = []

    assert policy.parse_date("9999-12-31T23:59:59-14:00", "end", warnings) is None
    assert warnings == ["'end' is out of range ('9999-12-31T23:59:59-14:00'): ignored."]
    assert policy.parse_date("9999-12-31T00:00:00Z", "end", []) == datetime(9999, 12, 31, tzinfo=UTC)


@pytest.mark.parametrize("text", ['"\\u0000"', '"' + "9" * 400 + '"', '"\\ud800"'])
def test_json_attribute_values_use_the_strict_reader(text):
    assert policy.unquote(text) == text[1:-1]  # not decoded: kept as the literal text
