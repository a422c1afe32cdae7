"""Pure conversions of course settings: dates, booleans, display behaviors, grading policy."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from llp_edx_plugin.courses.olx import policy


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-01T00:00:00Z", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-01-01T00:00:00+00:00", datetime(2026, 1, 1, tzinfo=UTC)),
        ('"2026-03-04T05:06:07Z"', datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)),
        ("2026-01-01T10:00:00+02:00", datetime(2026, 1, 1, 10, tzinfo=timezone(timedelta(hours=2)))),
        ("2026-01-01T00:00:00", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-05-06", datetime(2026, 5, 6, tzinfo=UTC)),
        (None, None),
        ("", None),
        ('""', None),
    ],
)
def test_parse_date_accepts_iso_strings(raw, expected):
    warnings: list[str] = []
    assert policy.parse_date(raw, "start", warnings) == expected
    assert warnings == []


@pytest.mark.parametrize("raw", ["next monday", "2026-13-01T00:00:00Z", '"soon"', 12])
def test_parse_date_warns_and_ignores_garbage(raw):
    warnings: list[str] = []
    assert policy.parse_date(raw, "start", warnings) is None
    assert len(warnings) == 1
    assert warnings[0].startswith("'start' is not a date")


@pytest.mark.parametrize(
    ("raw", "expected", "warned"),
    [
        ("end", "end", False),
        ("early_no_info", "early_no_info", False),
        ("early_with_info", "early_with_info", False),
        ("end_with_date", "end_with_date", False),
        ('"end"', "end", False),
        ("End-With-Date", "end_with_date", False),
        ("early", "early_with_info", False),
        (None, None, False),
        ("", None, False),
        ("whenever", "early_no_info", True),
    ],
)
def test_display_behavior_mapping(raw, expected, warned):
    warnings: list[str] = []
    assert policy.parse_display_behavior(raw, warnings) == expected
    assert bool(warnings) is warned


@pytest.mark.parametrize(
    ("raw", "expected", "warned"),
    [
        (True, True, False),
        ("true", True, False),
        ('"false"', False, False),
        ("False", False, False),
        ("maybe", None, True),
    ],
)
def test_parse_bool(raw, expected, warned):
    warnings: list[str] = []
    assert policy.parse_bool(raw, "self_paced", warnings) is expected
    assert bool(warnings) is warned


@pytest.mark.parametrize(
    ("attributes", "expected_behavior", "expected_date", "warning"),
    [
        ({"certificates_display_behavior": "end_with_date", "certificate_available_date": "2027-01-01T00:00:00Z"},
         "end_with_date", datetime(2027, 1, 1, tzinfo=UTC), None),
        ({"certificates_display_behavior": "end_with_date"}, "end", None, "'end_with_date' needs"),
        ({"certificates_display_behavior": "end", "certificate_available_date": "2027-01-01T00:00:00Z"},
         "end", None, "only used with 'end_with_date'"),
        ({"certificates_display_behavior": "end", "certificate_available_date": None}, "end", None, None),
    ],
)  # fmt: skip
def test_available_date_goes_with_end_with_date_only(attributes, expected_behavior, expected_date, warning):
    warnings: list[str] = []
    settings = policy.course_settings(attributes, warnings)
    assert settings["certificates_display_behavior"] == expected_behavior
    assert settings.get("certificate_available_date") == expected_date
    assert [warning in w for w in warnings] == ([True] if warning else [])


def test_course_settings_only_states_what_the_export_states():
    warnings: list[str] = []
    assert policy.course_settings({"display_name": " Title "}, warnings) == {"title": "Title"}
    assert warnings == []


def test_end_before_start_is_dropped_with_a_warning():
    warnings: list[str] = []
    settings = policy.course_settings({"start": "2026-05-01", "end": "2026-04-01"}, warnings)
    assert settings["start"] == datetime(2026, 5, 1, tzinfo=UTC)
    assert settings["end"] is None
    assert warnings == ["The course end is not after its start: the end was ignored."]


def test_grading_policy_converts_grader_and_cutoffs():
    warnings: list[str] = []
    raw = {
        "GRADER": [
            {"type": "Homework", "short_label": "HW", "min_count": 12, "drop_count": 2, "weight": 0.15},
            {"type": "Lab", "short_label": "Lab", "min_count": "12", "drop_count": "2", "weight": "0.15"},
            {"type": "Midterm Exam", "short_label": "Midterm", "min_count": 1, "drop_count": 0, "weight": 0.3},
            {"type": "Final Exam", "short_label": "Final", "min_count": 1, "drop_count": 0, "weight": 0.4},
        ],
        "GRADE_CUTOFFS": {"Pass": 0.5, "A": 0.87, "B": "0.7"},
    }
    assert policy.grading_policy(raw, warnings) == {
        "assignment_types": [
            {"type": "Homework", "short_label": "HW", "weight": 0.15, "min_count": 12, "drop_count": 2},
            {"type": "Lab", "short_label": "Lab", "weight": 0.15, "min_count": 12, "drop_count": 2},
            {"type": "Midterm Exam", "short_label": "Midterm", "weight": 0.3, "min_count": 1, "drop_count": 0},
            {"type": "Final Exam", "short_label": "Final", "weight": 0.4, "min_count": 1, "drop_count": 0},
        ],
        "grade_cutoffs": {"A": 0.87, "B": 0.7, "Pass": 0.5},
    }
    assert warnings == []


@pytest.mark.parametrize(
    ("grader", "warning"),
    [
        ({"short_label": "X", "weight": 0.5}, "has no type"),
        ({"type": "Neg", "weight": -0.1}, "weight outside 0-1"),
        ({"type": "Big", "weight": 1.5}, "weight outside 0-1"),
        ({"type": "Count", "weight": 0.5, "min_count": -1}, "bad min_count or drop_count"),
        ({"type": "Count", "weight": 0.5, "min_count": 1.5}, "not a whole number"),
    ],
)
def test_bad_grader_entries_are_skipped_with_a_warning(grader, warning):
    warnings: list[str] = []
    result = policy.grading_policy({"GRADER": [grader], "GRADE_CUTOFFS": {"Pass": 0.5}}, warnings)
    assert result["assignment_types"] == []
    assert any(warning in w for w in warnings)


def test_weights_not_adding_up_to_100_percent_warn():
    warnings: list[str] = []
    policy.grading_policy({"GRADER": [{"type": "HW", "weight": 0.5}], "GRADE_CUTOFFS": {"Pass": 0.5}}, warnings)
    assert warnings == ["The assignment type weights add up to 50%, not 100%."]


@pytest.mark.parametrize(
    ("cutoffs", "expected"),
    [
        ({"Pass": 1.2, "A": 0.9}, {"A": 0.9}),
        ({"Pass": "x"}, {"Pass": 0.5}),
        ({}, {"Pass": 0.5}),
        (None, {"Pass": 0.5}),
    ],
)
def test_bad_grade_cutoffs_fall_back_with_a_warning(cutoffs, expected):
    warnings: list[str] = []
    assert policy.grading_policy({"GRADER": [], "GRADE_CUTOFFS": cutoffs}, warnings)["grade_cutoffs"] == expected
    assert warnings
