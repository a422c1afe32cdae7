"""The domain functions: reading, a validated partial update in one transaction, and the two hooks."""

import pytest

from llp_edx_plugin.courses import advanced_settings
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.errors import FieldErrors, NotFound
from tests import people

COURSE = people.COURSE

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    courses_api.create_course(course_key=COURSE, title="Leading Teams", self_paced=True)
    return COURSE


@pytest.fixture
def hooks():
    """Register hooks for one test only."""
    templates, warnings = list(advanced_settings._template_sources), list(advanced_settings._warning_sources)
    yield
    advanced_settings._template_sources[:] = templates
    advanced_settings._warning_sources[:] = warnings


def test_a_new_course_has_the_open_edx_defaults(course):
    assert courses_api.get_advanced_settings(course) == {
        "course_key": COURSE,
        "title": "Leading Teams",
        "self_paced": True,
        "start": None,
        "end": None,
        "issues_certificates": True,
        "certificates_display_behavior": "early_no_info",
        "certificate_available_date": None,
        "learner_generated_certificates": False,
        "certificate_template": "classic",
        "certificate_language": "en",
        "grading_policy": {"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}},
    }


@pytest.mark.parametrize("key", ["course-v1:LLP+NOPE+2026", "not a key", ""])
def test_an_unknown_course_is_not_found(course, key):
    with pytest.raises(NotFound):
        courses_api.get_advanced_settings(key)
    with pytest.raises(NotFound):
        courses_api.update_advanced_settings(key, {"title": "x"})


def test_an_update_is_saved_and_answered_with_the_full_settings(course):
    result = courses_api.update_advanced_settings(
        course,
        {
            "self_paced": False,
            "start": "2026-01-10T09:00:00Z",
            "end": "2026-06-30T17:00:00+02:00",
            "certificates_display_behavior": "end_with_date",
            "certificate_available_date": "2026-07-01T00:00:00Z",
            "certificate_language": "fr",
            "grading_policy": {
                "assignment_types": [
                    {"type": "Homework", "short_label": "HW", "weight": 0.4, "min_count": 3, "drop_count": 1},
                    {"type": "Exam", "short_label": "Ex", "weight": 0.6, "min_count": 1, "drop_count": 0},
                ],
                "grade_cutoffs": {"B": 0.7, "A": 0.9},
            },
        },
    )

    expected = {
        "course_key": COURSE,
        "title": "Leading Teams",
        "self_paced": False,
        "start": "2026-01-10T09:00:00+00:00",
        "end": "2026-06-30T17:00:00+02:00",
        "issues_certificates": True,
        "certificates_display_behavior": "end_with_date",
        "certificate_available_date": "2026-07-01T00:00:00+00:00",
        "learner_generated_certificates": False,
        "certificate_template": "classic",
        "certificate_language": "fr",
        "grading_policy": {
            "assignment_types": [
                {"type": "Homework", "short_label": "HW", "weight": 0.4, "min_count": 3, "drop_count": 1},
                {"type": "Exam", "short_label": "Ex", "weight": 0.6, "min_count": 1, "drop_count": 0},
            ],
            "grade_cutoffs": {"A": 0.9, "B": 0.7},
        },
    }
    assert result == {**expected, "warnings": []}
    stored = courses_api.get_advanced_settings(course)
    # The database keeps the instant; it answers in UTC.
    assert stored == {**expected, "end": "2026-06-30T15:00:00+00:00"}
    assert courses_api.get_course(course).grading_policy.lowest_passing_cutoff == 0.7


def test_a_bad_value_among_good_ones_saves_nothing(course):
    before = Course.objects.get(course_key=course)

    with pytest.raises(FieldErrors) as raised:
        courses_api.update_advanced_settings(
            course,
            {
                "title": "Renamed",
                "certificate_language": "es",
                "grading_policy": {"grade_cutoffs": {"A": 0.8, "B": 0.8}},
            },
        )

    assert raised.value.errors == {
        "grading_policy.grade_cutoffs": ["'A' and 'B' have the same cutoff (80%): grade ranges cannot overlap."]
    }
    after = Course.objects.get(course_key=course)
    assert (after.title, after.certificate_language, after.grading_policy, after.modified) == (
        before.title,
        before.certificate_language,
        before.grading_policy,
        before.modified,
    )


def test_weights_not_adding_up_warn_but_are_saved(course):
    result = courses_api.update_advanced_settings(
        course, {"grading_policy": {"assignment_types": [{"type": "Homework", "weight": 0.5}]}}
    )

    assert result["warnings"] == ["The assignment type weights add up to 50%, not 100%."]
    assert Course.objects.get(course_key=course).grading_policy["assignment_types"][0]["weight"] == 0.5


def test_switching_away_from_end_with_date_clears_the_stored_date(course):
    courses_api.update_advanced_settings(
        course, {"certificates_display_behavior": "end_with_date", "certificate_available_date": "2026-07-01T00:00:00Z"}
    )

    result = courses_api.update_advanced_settings(course, {"certificates_display_behavior": "end"})

    assert (result["certificates_display_behavior"], result["certificate_available_date"]) == ("end", None)
    assert Course.objects.get(course_key=course).certificate_available_date is None


def test_registered_templates_become_valid_choices(course, hooks):
    courses_api.register_certificate_templates(lambda key: ["gold"] if key == COURSE else [])
    courses_api.register_certificate_templates(lambda key: ["classic", "silver"])

    result = courses_api.update_advanced_settings(course, {"certificate_template": "gold"})

    assert courses_api.certificate_template_names(COURSE) == ("classic", "gold", "silver")
    assert courses_api.certificate_template_names("course-v1:A+B+C") == ("classic", "silver")
    assert result["certificate_template"] == "gold"


def test_registered_warnings_see_the_old_and_new_settings(course, hooks):
    seen = []

    def certificates_affected(course_key, old, new):
        seen.append((course_key, old["grading_policy"]["grade_cutoffs"], new["grading_policy"]["grade_cutoffs"]))
        return ["3 issued certificates were issued under the previous grade range."]

    courses_api.register_settings_warning(certificates_affected)
    courses_api.register_settings_warning(certificates_affected)  # registering twice is harmless

    result = courses_api.update_advanced_settings(course, {"grading_policy": {"grade_cutoffs": {"Pass": 0.6}}})

    assert result["warnings"] == ["3 issued certificates were issued under the previous grade range."]
    assert seen == [(COURSE, {"Pass": 0.5}, {"Pass": 0.6})]


def test_no_warning_hook_runs_when_the_update_is_refused(course, hooks):
    calls = []
    courses_api.register_settings_warning(lambda *args: calls.append(args) or [])

    with pytest.raises(FieldErrors):
        courses_api.update_advanced_settings(course, {"title": ""})

    assert calls == []
