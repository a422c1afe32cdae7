"""GET|PATCH /api/v1/courses/{course_key}/settings: who may, the rules over HTTP, and error shapes."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from tests.people import COURSE, ROLES

URL = f"/api/v1/courses/{COURSE}/settings"
TEAM = {"instructor", "staff"}


def expected_status(role: str, ok: int) -> int:
    if role == "anonymous":
        return 401
    return ok if role in TEAM else 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_the_settings(client_for, role):
    response = client_for(None if role == "anonymous" else role).get(URL)

    assert response.status_code == expected_status(role, 200)
    if response.status_code == 200:
        assert response.json()["title"] == "Leading Teams"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_the_settings(client_for, role):
    response = client_for(None if role == "anonymous" else role).patch(URL, {"title": "Renamed"}, format="json")

    assert response.status_code == expected_status(role, 200)
    title = courses_api.get_course(COURSE).title
    assert title == ("Renamed" if role in TEAM else "Leading Teams")


def test_course_staff_role_is_course_team(world, client_for):
    courses_api.set_team_role(COURSE, "learner", "staff")

    response = client_for("learner").patch(URL, {"certificate_language": "es"}, format="json")

    assert response.status_code == 200
    assert response.json()["certificate_language"] == "es"


@pytest.mark.parametrize("role", ["instructor", "staff"])
@pytest.mark.parametrize("method", ["get", "patch"])
def test_an_unknown_course_is_404(client_for, role, method):
    response = getattr(client_for(role), method)("/api/v1/courses/course-v1:LLP+NOPE+2026/settings", {}, format="json")

    assert response.status_code == 404


def test_the_patch_answer_is_the_full_settings_with_warnings(client_for):
    response = client_for("instructor").patch(
        URL,
        {
            "self_paced": False,
            "certificates_display_behavior": "end_with_date",
            "certificate_available_date": "2026-07-01T00:00:00Z",
            "learner_generated_certificates": True,
        },
        format="json",
    )

    assert response.status_code == 200
    assert response.json() == {
        "course_key": COURSE,
        "title": "Leading Teams",
        "self_paced": False,
        "start": None,
        "end": None,
        "issues_certificates": True,
        "certificates_display_behavior": "end_with_date",
        "certificate_available_date": "2026-07-01T00:00:00+00:00",
        "learner_generated_certificates": True,
        "certificate_template": "classic",
        "certificate_language": "en",
        "grading_policy": {"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}},
        "warnings": [],
    }
    assert client_for("instructor").get(URL).json() == {k: v for k, v in response.json().items() if k != "warnings"}


GOOD = [
    {"title": "Leading Teams, 2nd edition"},
    {"self_paced": False},
    {"start": "2026-01-10T09:00:00Z", "end": "2026-06-30T17:00:00-05:00"},
    {"issues_certificates": False},
    {"certificates_display_behavior": "end"},
    {"certificates_display_behavior": "early_with_info"},
    {"certificates_display_behavior": "end_with_date", "certificate_available_date": "2026-07-01T00:00:00Z"},
    {"learner_generated_certificates": True},
    {"certificate_template": "classic"},
    {"certificate_language": "es"},
    {"grading_policy": {"grade_cutoffs": {"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6}}},
    {
        "grading_policy": {
            "assignment_types": [
                {"type": "Homework", "short_label": "HW", "weight": 0.25, "min_count": 4, "drop_count": 4},
                {"type": "Exam", "short_label": "Ex", "weight": 0.75, "min_count": 1, "drop_count": 0},
            ]
        }
    },
]


@pytest.mark.parametrize("changes", GOOD)
def test_good_values_are_saved(client_for, changes):
    response = client_for("instructor").patch(URL, changes, format="json")

    assert response.status_code == 200, response.json()
    stored = client_for("instructor").get(URL).json()
    for field, value in changes.items():
        if field == "grading_policy":
            for part, part_value in value.items():
                assert stored["grading_policy"][part] == part_value
        elif field in {"start", "end", "certificate_available_date"}:
            assert stored[field] is not None
        else:
            assert stored[field] == value
    assert response.json()["warnings"] == []


BAD = [
    ({"title": " "}, "title"),
    ({"self_paced": "false"}, "self_paced"),
    ({"start": "2026-01-10 9am"}, "start"),
    ({"start": "2026-01-10T09:00:00"}, "start"),
    ({"start": "2026-06-30T17:00:00Z", "end": "2026-01-10T09:00:00Z"}, "end"),
    ({"issues_certificates": None}, "issues_certificates"),
    ({"certificates_display_behavior": "never"}, "certificates_display_behavior"),
    ({"certificates_display_behavior": "end_with_date"}, "certificate_available_date"),
    ({"certificate_available_date": "2026-07-01T00:00:00Z"}, "certificate_available_date"),
    (
        {"certificates_display_behavior": "early_with_info", "certificate_available_date": "2026-07-01T00:00:00Z"},
        "certificate_available_date",
    ),
    ({"learner_generated_certificates": "on"}, "learner_generated_certificates"),
    ({"certificate_template": "../../etc/passwd"}, "certificate_template"),
    ({"certificate_language": "de"}, "certificate_language"),
    ({"certificates_displayed": "end"}, "certificates_displayed"),
    ({"grading_policy": {"grade_cutoffs": {"Pass": 1.2}}}, "grading_policy.grade_cutoffs"),
    ({"grading_policy": {"grade_cutoffs": {"Pass": -0.2}}}, "grading_policy.grade_cutoffs"),
    ({"grading_policy": {"grade_cutoffs": {"A": 0.6, "B": 0.6}}}, "grading_policy.grade_cutoffs"),
    ({"grading_policy": {"grade_cutoffs": {"A": 0.61, "B": 0.6}}}, "grading_policy.grade_cutoffs"),
    ({"grading_policy": {"grade_cutoffs": {"Pass": 0.505}}}, "grading_policy.grade_cutoffs"),
    (
        {"grading_policy": {"grade_cutoffs": {"A": 0.9, "B": 0.8, "C": 0.7, "D": 0.6, "E": 0.5}}},
        "grading_policy.grade_cutoffs",
    ),
    (
        {"grading_policy": {"assignment_types": [{"type": "HW", "weight": -0.1}]}},
        "grading_policy.assignment_types[0].weight",
    ),
    (
        {"grading_policy": {"assignment_types": [{"type": "HW", "weight": 1.1}]}},
        "grading_policy.assignment_types[0].weight",
    ),
    (
        {"grading_policy": {"assignment_types": [{"type": "HW", "weight": 1, "min_count": 1, "drop_count": 2}]}},
        "grading_policy.assignment_types[0].drop_count",
    ),
    (
        {"grading_policy": {"assignment_types": [{"type": "HW", "weight": 0.5}, {"type": "HW", "weight": 0.5}]}},
        "grading_policy.assignment_types[1].type",
    ),
    ({"grading_policy": {"assignment_types": [{"type": "", "weight": 1}]}}, "grading_policy.assignment_types[0].type"),
    ({"grading_policy": []}, "grading_policy"),
]


@pytest.mark.parametrize(("changes", "field"), BAD)
def test_bad_values_are_400_naming_the_field_and_save_nothing(client_for, changes, field):
    client = client_for("instructor")
    before = client.get(URL).json()

    response = client.patch(URL, {**changes, "title": changes.get("title", "Should not be saved")}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert all(isinstance(m, str) and m for m in response.json()["errors"][field])
    assert client.get(URL).json() == before


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("[1, 2]", "application/json", 400),
        ('"title"', "application/json", 400),
        ("null", "application/json", 400),
        ("{not json", "application/json", 400),
        ("title=x", "application/x-www-form-urlencoded", 415),
    ],
)
def test_a_body_that_is_not_a_json_object_is_refused_not_a_500(client_for, body, content_type, status):
    response = client_for("instructor").generic("PATCH", URL, body, content_type=content_type)

    assert response.status_code == status
    assert courses_api.get_course(COURSE).title == "Leading Teams"


def test_a_list_body_is_refused_by_the_parser(client_for):
    response = client_for("instructor").patch(URL, [1, 2], format="json")

    assert response.json() == {"errors": {"body": ["The body must be a JSON object."]}}


def test_weights_not_adding_up_come_back_as_a_warning(client_for):
    response = client_for("staff").patch(
        URL,
        {"grading_policy": {"assignment_types": [{"type": "HW", "weight": 0.3}, {"type": "Exam", "weight": 0.3}]}},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["warnings"] == ["The assignment type weights add up to 60%, not 100%."]
