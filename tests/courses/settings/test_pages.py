"""The Advanced Settings and Grading pages: who may, the forms, and errors that change nothing."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.utils.html import escape

from llp_edx_plugin.courses import api as courses_api
from tests.people import COURSE, ROLES

ADVANCED = f"/courses/{COURSE}/settings/advanced"
GRADING = f"/courses/{COURSE}/settings/grading"
TEAM = {"instructor", "staff"}


@pytest.fixture
def page_client(world):
    """``page_client("instructor")``: a browser-like client logged in as one of the world's people."""

    def make(name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(world.users[name])
        return client

    return make


def advanced_form(**overrides) -> dict:
    form = {
        "title": "Leading Teams",
        "self_paced": "true",
        "start": "",
        "end": "",
        "issues_certificates": "on",
        "certificates_display_behavior": "early_no_info",
        "certificate_template": "classic",
        "certificate_language": "en",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def grading_form(types=(), slots=()) -> dict:
    """Rows as (type, short_label, weight %, min, drop); slots as (letter, cutoff %); plus the blank inputs."""
    rows = [*types, ("", "", "", "", "")]
    slots = [*slots, *[("", "")] * (4 - len(slots))]
    return {
        "at_type": [r[0] for r in rows],
        "at_short_label": [r[1] for r in rows],
        "at_weight": [r[2] for r in rows],
        "at_min_count": [r[3] for r in rows],
        "at_drop_count": [r[4] for r in rows],
        "grade_letter": [s[0] for s in slots],
        "grade_cutoff": [s[1] for s in slots],
    }


@pytest.mark.parametrize("url", [ADVANCED, GRADING])
@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_settings_pages(page_client, role, url):
    response = page_client(None if role == "anonymous" else role).get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == "/login?next=" + quote(url, safe="/")
    elif role in TEAM:
        assert response.status_code == 200
        assert b'<form method="post"' in response.content
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("url", [ADVANCED, GRADING])
@pytest.mark.parametrize("role", sorted(set(ROLES) - TEAM - {"anonymous"}))
def test_others_cannot_post_either(page_client, role, url):
    response = page_client(role).post(url, advanced_form(title="Hijacked") | grading_form(slots=[("Pass", "60")]))

    assert response.status_code == 403
    settings = courses_api.get_advanced_settings(COURSE)
    assert (settings["title"], settings["grading_policy"]["grade_cutoffs"]) == ("Leading Teams", {"Pass": 0.5})


@pytest.mark.parametrize(
    "url", ["/courses/course-v1:LLP+NOPE+2026/settings/advanced", "/courses/course-v1:LLP+NOPE+2026/settings/grading"]
)
def test_an_unknown_course_is_404(page_client, url):
    assert page_client("staff").get(url).status_code == 404


def test_the_advanced_form_shows_the_current_settings(page_client):
    courses_api.update_advanced_settings(
        COURSE,
        {
            "self_paced": False,
            "end": "2026-06-30T17:00:00Z",
            "certificates_display_behavior": "end_with_date",
            "certificate_available_date": "2026-07-01T09:30:00Z",
            "certificate_language": "fr",
        },
    )

    html = page_client("instructor").get(ADVANCED).content.decode()

    assert 'value="Leading Teams"' in html
    assert 'id="id_self_paced_false" value="false" checked' in html
    assert 'name="end" value="2026-06-30T17:00"' in html
    assert 'name="certificate_available_date" value="2026-07-01T09:30"' in html
    assert '<option value="end_with_date" selected>' in html
    assert '<option value="fr" selected>' in html
    assert '<option value="classic" selected>' in html


def test_saving_the_advanced_form_redirects_with_a_success_message(page_client):
    client = page_client("instructor")

    response = client.post(
        ADVANCED,
        advanced_form(
            title="Leading Teams 2",
            self_paced="false",
            start="2026-01-10T09:00",
            end="2026-06-30T17:00",
            certificates_display_behavior="end_with_date",
            certificate_available_date="2026-07-01T00:00",
            learner_generated_certificates="on",
            certificate_language="es",
        ),
        follow=True,
    )

    assert response.redirect_chain == [(ADVANCED, 302)]
    assert "Advanced Settings saved." in response.content.decode()
    settings = courses_api.get_advanced_settings(COURSE)
    assert {k: settings[k] for k in ("title", "self_paced", "start", "end", "certificate_available_date")} == {
        "title": "Leading Teams 2",
        "self_paced": False,
        "start": "2026-01-10T09:00:00+00:00",
        "end": "2026-06-30T17:00:00+00:00",
        "certificate_available_date": "2026-07-01T00:00:00+00:00",
    }
    assert (settings["learner_generated_certificates"], settings["certificate_language"]) == (True, "es")
    assert settings["issues_certificates"] is True


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "This field is required."),
        (
            {"certificates_display_behavior": "end_with_date"},
            "certificate_available_date",
            "Required when certificates_display_behavior is end_with_date.",
        ),
        (
            {"certificate_available_date": "2026-07-01T00:00"},
            "certificate_available_date",
            "Only allowed when certificates_display_behavior is end_with_date; leave it empty (null).",
        ),
        ({"start": "2026-06-30T17:00", "end": "2026-01-10T09:00"}, "end", "The end must be after the start."),
        ({"start": "someday"}, "start", "Enter a valid ISO 8601 date and time, e.g. 2026-09-01T09:00:00Z."),
        ({"certificate_language": "de"}, "certificate_language", "Must be one of: en, es, fr."),
        ({"certificate_template": "gold"}, "certificate_template", "Must be one of: classic."),
        ({"self_paced": None}, "self_paced", "Must be true or false."),
    ],
)
def test_an_advanced_form_error_is_shown_next_to_its_field_and_nothing_changes(page_client, overrides, field, message):
    before = courses_api.get_advanced_settings(COURSE)

    response = page_client("instructor").post(ADVANCED, advanced_form(**{"title": "Not saved", **overrides}))

    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}' in html
    field_html = html[html.index(f'id="id_{field}') :]
    assert f'<div class="invalid-feedback d-block">{message}</div>' in field_html[:2500]
    assert courses_api.get_advanced_settings(COURSE) == before


def test_the_grading_page_shows_types_the_range_bar_and_the_weight_warning(page_client):
    courses_api.update_advanced_settings(
        COURSE,
        {
            "grading_policy": {
                "assignment_types": [
                    {"type": "Homework", "short_label": "HW", "weight": 0.25, "min_count": 4, "drop_count": 1},
                    {"type": "Exam", "short_label": "Ex", "weight": 0.5, "min_count": 1, "drop_count": 0},
                ],
                "grade_cutoffs": {"A": 0.9, "B": 0.75},
            }
        },
    )

    html = page_client("instructor").get(GRADING).content.decode()

    assert 'name="at_type" value="Homework"' in html
    assert 'name="at_weight" value="25"' in html
    assert 'name="at_weight" value="50"' in html
    assert 'name="grade_letter" value="A"' in html
    assert 'name="grade_cutoff" value="90"' in html
    assert html.count('name="grade_letter"') == 4
    assert 'style="width: 10%"><strong>A</strong><span>90\u2013100</span>' in html
    assert 'style="width: 15%"><strong>B</strong><span>75\u201390</span>' in html
    assert 'style="width: 75%"><strong>F</strong><span>0\u201375</span>' in html
    assert "The assignment type weights add up to 75%, not 100%." in html


def test_saving_the_grading_form_stores_fractions(page_client):
    form = grading_form(
        types=[("Homework", "HW", "40", "3", "1"), ("Final Exam", "Final", "60", "1", "0")],
        slots=[("A", "85"), ("B", "70"), ("C", "55")],
    )

    response = page_client("staff").post(GRADING, form, follow=True)

    assert response.redirect_chain == [(GRADING, 302)]
    assert "Grading policy saved." in response.content.decode()
    assert courses_api.get_advanced_settings(COURSE)["grading_policy"] == {
        "assignment_types": [
            {"type": "Homework", "short_label": "HW", "weight": 0.4, "min_count": 3, "drop_count": 1},
            {"type": "Final Exam", "short_label": "Final", "weight": 0.6, "min_count": 1, "drop_count": 0},
        ],
        "grade_cutoffs": {"A": 0.85, "B": 0.7, "C": 0.55},
    }


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        ([("A", "80"), ("B", "79")], "'A' (80%) and 'B' (79%) must be at least 3 points apart."),
        (
            [("A", "70"), ("B", "70")],
            "'A' and 'B' have the same cutoff (70%): grade ranges cannot overlap.",
        ),
        ([("Pass", "55.5")], "The cutoff of 'Pass' must be a whole percent (e.g. 0.55 for 55%, not 0.555)."),
        ([("Pass", "120")], "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ([("Pass", "")], "The cutoff of 'Pass' must be a number above 0 and at most 1 (100%)."),
        ([("F", "40")], "F is the failing grade: it is implicit and has no cutoff."),
        ([("A", "90"), ("A", "60")], "Duplicate grade letter 'A'."),
        ([], "At least one passing grade is required."),
    ],
)
def test_a_bad_cutoff_is_shown_and_changes_nothing(page_client, slots, message):
    before = courses_api.get_advanced_settings(COURSE)

    response = page_client("instructor").post(
        GRADING, grading_form(types=[("Homework", "HW", "100", "2", "0")], slots=slots)
    )

    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert courses_api.get_advanced_settings(COURSE) == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("Homework", "HW", "-10", "2", "0"), "Must be from 0 to 1 (0% to 100% of the course grade)."),
        (("Homework", "HW", "ten", "2", "0"), "Must be a number from 0 to 1 (0% to 100% of the course grade)."),
        (("Homework", "HW", "100", "2", "3"), "Cannot drop more assignments than min_count."),
        (("Homework", "HW", "100", "-1", "0"), "Must be a whole number, 0 or more."),
        (("", "HW", "100", "2", "0"), "This field is required."),
    ],
)
def test_a_bad_assignment_type_is_shown_on_its_row_and_changes_nothing(page_client, row, message):
    before = courses_api.get_advanced_settings(COURSE)

    response = page_client("instructor").post(GRADING, grading_form(types=[row], slots=[("Pass", "50")]))

    html = response.content.decode()
    assert response.status_code == 400
    row_html = html[html.index('<tr class="llp-type-row">') :]
    row_html = row_html[: row_html.index("</tr>")]
    assert f'<div class="invalid-feedback d-block">{message}</div>' in row_html
    assert courses_api.get_advanced_settings(COURSE) == before
