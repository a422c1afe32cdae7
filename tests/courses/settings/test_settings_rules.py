"""The Advanced Settings rules, as a table of good and bad values over plain dicts (no database)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from llp_edx_plugin.courses.models import DisplayBehavior
from llp_edx_plugin.courses.settings_rules import DISPLAY_BEHAVIORS, apply_changes
from llp_edx_plugin.errors import FieldErrors

START = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
END = datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
TEMPLATES = ("classic",)
POLICY = {"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}}
ISO_MESSAGE = "Enter a valid ISO 8601 date and time, e.g. 2026-09-01T09:00:00Z."
ZONE_MESSAGE = "Include a time zone, e.g. 2026-09-01T09:00:00Z or 2026-09-01T09:00:00+02:00."
BEHAVIOR_MESSAGE = "Must be one of: end, early_no_info, early_with_info, end_with_date."
ONLY_WITH_DATE = "Only allowed when certificates_display_behavior is end_with_date; leave it empty (null)."
REQUIRED_WITH_DATE = "Required when certificates_display_behavior is end_with_date."


def current(**overrides) -> dict:
    values = {
        "course_key": "course-v1:LLP+LEAD101+2026",
        "title": "Leading Teams",
        "self_paced": False,
        "start": START,
        "end": END,
        "issues_certificates": True,
        "certificates_display_behavior": "early_no_info",
        "certificate_available_date": None,
        "learner_generated_certificates": False,
        "certificate_template": "classic",
        "certificate_language": "en",
        "grading_policy": POLICY,
    }
    values.update(overrides)
    return values


def errors_of(changes, base=None) -> dict:
    with pytest.raises(FieldErrors) as raised:
        apply_changes(base or current(), changes, templates=TEMPLATES)
    return raised.value.errors


def test_display_behaviors_are_the_models_choices():
    assert DISPLAY_BEHAVIORS == ("end", "early_no_info", "early_with_info", "end_with_date")
    assert tuple(DisplayBehavior.values) == DISPLAY_BEHAVIORS


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"title": "  New title  "}, "title", "New title"),
        ({"self_paced": True}, "self_paced", True),
        ({"self_paced": False}, "self_paced", False),
        ({"start": "2026-01-01T08:00:00Z"}, "start", datetime(2026, 1, 1, 8, 0, tzinfo=UTC)),
        (
            {"start": "2026-01-01T08:00:00+02:00"},
            "start",
            datetime(2026, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=2))),
        ),
        ({"start": None}, "start", None),
        ({"end": "2026-12-31T23:59:00+00:00"}, "end", datetime(2026, 12, 31, 23, 59, tzinfo=UTC)),
        ({"end": None}, "end", None),
        ({"issues_certificates": False}, "issues_certificates", False),
        ({"certificates_display_behavior": "end"}, "certificates_display_behavior", "end"),
        ({"certificates_display_behavior": "early_with_info"}, "certificates_display_behavior", "early_with_info"),
        ({"certificates_display_behavior": "early_no_info"}, "certificates_display_behavior", "early_no_info"),
        (
            {"certificates_display_behavior": "end_with_date", "certificate_available_date": "2026-07-01T00:00:00Z"},
            "certificate_available_date",
            datetime(2026, 7, 1, tzinfo=UTC),
        ),
        (
            {"certificates_display_behavior": "end_with_date", "certificate_available_date": "2026-06-30T17:00:00Z"},
            "certificate_available_date",
            END,  # the very end of the course is not earlier than it
        ),
        ({"certificate_available_date": None}, "certificate_available_date", None),
        ({"learner_generated_certificates": True}, "learner_generated_certificates", True),
        ({"certificate_template": "classic"}, "certificate_template", "classic"),
        ({"certificate_language": "en"}, "certificate_language", "en"),
        ({"certificate_language": "es"}, "certificate_language", "es"),
        ({"certificate_language": "fr"}, "certificate_language", "fr"),
        ({"course_key": "course-v1:LLP+LEAD101+2026"}, "title", "Leading Teams"),  # read-only, same value: ignored
        (
            {"grading_policy": {"grade_cutoffs": {"B": 0.6, "A": 0.85}}},
            "grading_policy",
            {"assignment_types": [], "grade_cutoffs": {"A": 0.85, "B": 0.6}},
        ),
    ],
)
def test_good_values_are_applied(changes, field, expected):
    new = apply_changes(current(), changes, templates=TEMPLATES)

    assert new[field] == expected


def test_a_change_keeps_every_other_setting():
    new = apply_changes(current(), {"title": "Other"}, templates=TEMPLATES)

    expected = current(title="Other")
    del expected["course_key"]
    assert new == expected


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"title": ""}, {"title": ["This field is required."]}),
        ({"title": "   "}, {"title": ["This field is required."]}),
        ({"title": None}, {"title": ["This field is required."]}),
        ({"title": 12}, {"title": ["This field is required."]}),
        ({"title": "x" * 256}, {"title": ["At most 255 characters."]}),
        ({"self_paced": "true"}, {"self_paced": ["Must be true or false."]}),
        ({"self_paced": 1}, {"self_paced": ["Must be true or false."]}),
        ({"self_paced": None}, {"self_paced": ["Must be true or false."]}),
        ({"issues_certificates": "yes"}, {"issues_certificates": ["Must be true or false."]}),
        ({"learner_generated_certificates": 0}, {"learner_generated_certificates": ["Must be true or false."]}),
        ({"start": "tomorrow"}, {"start": [ISO_MESSAGE]}),
        ({"start": "2026-13-01T00:00:00Z"}, {"start": [ISO_MESSAGE]}),
        ({"start": 1767225600}, {"start": [ISO_MESSAGE]}),
        ({"start": ""}, {"start": [ISO_MESSAGE]}),
        ({"start": "2026-01-01T08:00:00"}, {"start": [ZONE_MESSAGE]}),
        ({"end": "2026-07-01"}, {"end": [ZONE_MESSAGE]}),
        ({"end": "2026-01-10T09:00:00Z"}, {"end": ["The end must be after the start."]}),
        ({"end": "2025-12-31T00:00:00Z"}, {"end": ["The end must be after the start."]}),
        ({"start": "2026-07-01T00:00:00Z"}, {"end": ["The end must be after the start."]}),
        ({"certificates_display_behavior": "later"}, {"certificates_display_behavior": [BEHAVIOR_MESSAGE]}),
        ({"certificates_display_behavior": None}, {"certificates_display_behavior": [BEHAVIOR_MESSAGE]}),
        ({"certificates_display_behavior": "end_with_date"}, {"certificate_available_date": [REQUIRED_WITH_DATE]}),
        (
            {"certificates_display_behavior": "end_with_date", "certificate_available_date": None},
            {"certificate_available_date": [REQUIRED_WITH_DATE]},
        ),
        (
            {"certificates_display_behavior": "end_with_date", "certificate_available_date": "2026-06-01T00:00:00Z"},
            {"certificate_available_date": ["Must not be earlier than the course end."]},
        ),
        (
            {"certificates_display_behavior": "end_with_date", "certificate_available_date": "soon"},
            {"certificate_available_date": [ISO_MESSAGE]},
        ),
        ({"certificate_available_date": "2026-07-01T00:00:00Z"}, {"certificate_available_date": [ONLY_WITH_DATE]}),
        (
            {"certificates_display_behavior": "end", "certificate_available_date": "2026-07-01T00:00:00Z"},
            {"certificate_available_date": [ONLY_WITH_DATE]},
        ),
        ({"certificate_template": "fancy"}, {"certificate_template": ["Must be one of: classic."]}),
        ({"certificate_template": None}, {"certificate_template": ["Must be one of: classic."]}),
        ({"certificate_language": "de"}, {"certificate_language": ["Must be one of: en, es, fr."]}),
        ({"certificate_language": "EN"}, {"certificate_language": ["Must be one of: en, es, fr."]}),
        ({"certificate_language": ["en"]}, {"certificate_language": ["Must be one of: en, es, fr."]}),
        ({"colour": "blue"}, {"colour": ["Unknown field."]}),
        ({"kind": "live_event", "grades": {}}, {"kind": ["Unknown field."], "grades": ["Unknown field."]}),
        ({"course_key": "course-v1:X+Y+Z"}, {"course_key": ["This field is read-only."]}),
        (
            {"grading_policy": {"grade_cutoffs": {"Pass": 1.5}}},
            {"grading_policy.grade_cutoffs": ["The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."]},
        ),
        (
            {"grading_policy": {"assignment_types": [{"type": "HW", "weight": -0.5}]}},
            {"grading_policy.assignment_types[0].weight": ["Must be from 0 to 1 (0% to 100% of the course grade)."]},
        ),
        ({"grading_policy": "A"}, {"grading_policy": ["Must be an object with assignment_types and grade_cutoffs."]}),
    ],
)
def test_bad_values_name_the_field(changes, errors):
    assert errors_of(changes) == errors


@pytest.mark.parametrize("changes", [None, [], ["title"], "title=x", 3])
def test_a_body_that_is_not_an_object_is_refused(changes):
    assert errors_of(changes) == {"non_field_errors": ["Expected a JSON object of settings."]}


def test_every_bad_field_is_reported_at_once():
    errors = errors_of({"title": "", "self_paced": "no", "certificate_language": "it", "x": 1})

    assert errors == {
        "title": ["This field is required."],
        "self_paced": ["Must be true or false."],
        "certificate_language": ["Must be one of: en, es, fr."],
        "x": ["Unknown field."],
    }


WITH_DATE = current(certificates_display_behavior="end_with_date", certificate_available_date=END)


@pytest.mark.parametrize(
    ("changes", "behavior", "available_date"),
    [
        ({"title": "Renamed"}, "end_with_date", END),
        ({"certificates_display_behavior": "end"}, "end", None),  # switching away clears the date
        ({"certificates_display_behavior": "early_with_info"}, "early_with_info", None),
        ({"certificates_display_behavior": "end", "certificate_available_date": None}, "end", None),
        ({"certificate_available_date": "2026-08-01T00:00:00Z"}, "end_with_date", datetime(2026, 8, 1, tzinfo=UTC)),
    ],
)
def test_leaving_end_with_date_clears_the_available_date(changes, behavior, available_date):
    new = apply_changes(WITH_DATE, changes, templates=TEMPLATES)

    assert (new["certificates_display_behavior"], new["certificate_available_date"]) == (behavior, available_date)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"certificates_display_behavior": "end", "certificate_available_date": "2026-08-01T00:00:00Z"},
            {"certificate_available_date": [ONLY_WITH_DATE]},
        ),
        ({"certificate_available_date": None}, {"certificate_available_date": [REQUIRED_WITH_DATE]}),
        ({"end": "2026-09-01T00:00:00Z"}, {"certificate_available_date": ["Must not be earlier than the course end."]}),
    ],
)
def test_end_with_date_rules_hold_on_the_resulting_settings(changes, errors):
    assert errors_of(changes, WITH_DATE) == errors


@pytest.mark.parametrize("self_paced", [True, False])
def test_learner_generated_certificates_is_accepted_for_both_pacings(self_paced):
    new = apply_changes(current(self_paced=self_paced), {"learner_generated_certificates": True}, templates=TEMPLATES)

    assert new["learner_generated_certificates"] is True


def test_a_value_that_does_not_parse_gets_no_second_cross_field_message():
    # The bad end keeps the current one in the merge; "end after start" must not speak about it.
    errors = errors_of({"start": "2027-01-01T00:00:00Z", "end": "never"})

    assert errors == {"end": [ISO_MESSAGE]}


def test_templates_offered_for_the_course_are_accepted():
    new = apply_changes(current(), {"certificate_template": "gold"}, templates=("classic", "gold"))

    assert new["certificate_template"] == "gold"
