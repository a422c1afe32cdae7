"""The Instructor Dashboard's Certificates tab, server side: who may open it, and what each section shows."""

import json
import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from lxml import html as lxml_html

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.instructor import views
from llp_edx_plugin.instructor.data import EXAMPLE, GENERATION, REGENERATION
from tests import people
from tests.learning.builders import page_client

from .conftest import URL, add_certificate, add_job, set_course

pytestmark = pytest.mark.django_db

MAY_OPEN = {"instructor", "staff"}


def tree(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def text(node) -> str:
    return re.sub(r"\s+", " ", " ".join(node.itertext())).strip()


def texts(page, xpath: str) -> list[str]:
    return [text(node) for node in page.xpath(xpath)]


def config(page) -> dict:
    return json.loads(page.xpath('//script[@id="llp-instructor-config"]')[0].text)


def table_rows(page, table_id: str) -> list[list[str]]:
    return [[text(cell) for cell in row.xpath("./td")] for row in page.xpath(f'//table[@id="{table_id}"]/tbody/tr')]


def today() -> str:
    return timezone.localdate().isoformat()


def open_as(world, name: str, query: str = ""):
    return page_client(world.users.get(name)).get(URL + query)


# --- Who may open it -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", people.ROLES)
def test_only_the_course_team_may_open_the_page(world, name):
    response = open_as(world, name)

    if name == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/login?next={quote(URL)}"
    elif name in MAY_OPEN:
        assert response.status_code == 200
        assert texts(tree(response), "//h1") == ["Leading Teams · Instructor Dashboard"]
    else:
        assert response.status_code == 403


def test_a_member_of_the_course_staff_may_open_the_page(world):
    accounts_api.set_course_role(world.course_key, "learner", "staff")

    assert open_as(world, "learner").status_code == 200


def test_an_unknown_course_is_404(world):
    response = page_client(world.users["staff"]).get("/courses/course-v1:LLP+NOPE+2026/instructor")

    assert response.status_code == 404


def test_with_certificates_switched_off_site_wide_the_page_is_404(world, settings):
    settings.LLP_CERTIFICATES = {"ENABLED": False}

    assert open_as(world, "instructor").status_code == 404


# --- Header, examples, activation ----------------------------------------------------------------------


def test_the_header_links_the_settings_tabs_and_the_page_sets_the_csrf_cookie(world):
    set_course(world.course_key, certificates_active=False)
    response = open_as(world, "instructor")
    page = tree(response)

    tabs = page.xpath('//ul[contains(@class, "nav-tabs")]//a')
    assert [(text(a), a.get("href"), "active" in a.get("class")) for a in tabs] == [
        ("Certificates", URL, True),
        ("Advanced Settings", f"/courses/{people.COURSE}/settings/advanced", False),
        ("Grading", f"/courses/{people.COURSE}/settings/grading", False),
        ("Reports", "/reports", False),
    ]
    assert "csrftoken" in response.cookies
    assert texts(page, '//button[@id="generate-examples"]') == ["Generate Example Certificates"]
    api = f"/api/v1/courses/{people.COURSE}/certificates"
    shown = config(page)
    keys = ("courseKey", "api", "urls", "jobUrl", "runningJobId", "active", "exampleSucceeded", "videosMissing")
    assert {key: shown[key] for key in keys} == {
        "courseKey": people.COURSE,
        "api": api,
        "urls": {
            "examples": f"{api}/examples",
            "activation": f"{api}/activation",
            "learnerGeneration": f"{api}/learner-generation",
            "generate": f"{api}/generate",
            "history": f"{api}/history",
            "exceptions": f"{api}/exceptions",
            "exceptionsCsv": f"{api}/exceptions/csv",
            "invalidations": f"{api}/invalidations",
            "attemptsReset": f"/api/v1/courses/{people.COURSE}/attempts/reset",
        },
        "jobUrl": "/api/v1/jobs/{id}",
        "runningJobId": None,
        "active": False,
        "exampleSucceeded": False,
        "videosMissing": 0,
    }
    # The script reads job statuses and labels from the page instead of retyping them.
    assert shown["activeJobStatuses"] == ["pending", "running"]
    assert shown["doneJobStatus"] == "done"
    assert shown["countLabels"]["notpassing"] == "not passing"


def test_an_inactive_course_shows_the_checklist_to_confirm_and_a_disabled_activate_button(world):
    set_course(
        world.course_key,
        certificates_active=False,
        grading_policy={
            "assignment_types": [
                {"type": "Homework", "short_label": "HW", "weight": 0.4, "min_count": 0, "drop_count": 0},
                {"type": "Final Exam", "short_label": "Final", "weight": 0.6, "min_count": 0, "drop_count": 0},
            ],
            "grade_cutoffs": {"A": 0.9, "Pass": 0.5},
        },
    )

    page = tree(open_as(world, "instructor"))

    assert texts(page, '//ul[@id="completion-rule"]/li') == [
        "Every required block is complete, lessons in order: a lesson unlocks when the previous one is complete.",
        "Every video is watched in full (at least 95% of its duration).",
        "Every required quiz is passed with its own pass score, within its attempts.",
        "Every problem is submitted (right or wrong: its latest score counts toward the grade).",
    ]
    assert texts(page, '//ul[@id="grade-letters"]/li') == ["A 90\u2013100%", "Pass 50\u201390%", "F 0\u201350%"]
    assert "Passing grade: 50%" in text(page.xpath('//div[@id="grade-range"]')[0])
    assert [[text(c) for c in r.xpath("./td")] for r in page.xpath('//div[@id="weights"]//tbody/tr')] == [
        ["Homework", "HW", "40%"],
        ["Final Exam", "Final", "60%"],
    ]
    assert texts(page, '//*[@id="weight-total"]') == ["100%"]
    assert page.xpath('//*[@id="weights-warning"]') == []
    assert [box.get("id") for box in page.xpath('//input[contains(@class, "llp-confirm")]')] == [
        "confirm-completion",
        "confirm-grade-range",
        "confirm-weights",
        "confirm-videos",
    ]
    activate = page.xpath('//button[@id="activate"]')[0]
    assert (text(activate), activate.get("disabled") is not None) == ("Activate Certificates", True)
    assert page.xpath('//button[@id="deactivate"]') == []
    assert page.xpath('//button[@id="generate-certificates"]')[0].get("disabled") is not None


def test_an_activated_course_shows_deactivate_and_no_checkboxes(world):
    set_course(world.course_key, certificates_active=True)

    page = tree(open_as(world, "instructor"))

    assert texts(page, '//button[@id="deactivate"]') == ["Deactivate Certificates"]
    assert page.xpath('//button[@id="activate"]') == []
    assert page.xpath('//input[contains(@class, "llp-confirm")]') == []
    assert texts(page, '//*[@id="course-summary"]/span[1]') == ["Certificates active"]
    assert page.xpath('//button[@id="generate-certificates"]')[0].get("disabled") is None
    assert config(page)["active"] is True


def test_weights_that_do_not_add_up_to_100_percent_show_a_warning(world):
    set_course(
        world.course_key,
        grading_policy={
            "assignment_types": [
                {"type": "Homework", "short_label": "HW", "weight": 0.25, "min_count": 0, "drop_count": 0},
                {"type": "Exam", "short_label": "Ex", "weight": 0.35, "min_count": 0, "drop_count": 0},
            ],
            "grade_cutoffs": {"Pass": 0.6},
        },
    )

    page = tree(open_as(world, "instructor"))

    assert texts(page, '//*[@id="weight-total"]') == ["60%"]
    assert texts(page, '//*[@id="weights-warning"]') == [
        "The assignment type weights add up to 60%, not 100%. Review the grading policy"
    ]


def test_a_course_with_no_graded_content_says_the_grade_is_not_a_requirement(world):
    set_course(world.course_key, grading_policy={"assignment_types": [], "grade_cutoffs": {"Pass": 0.5}})

    page = tree(open_as(world, "instructor"))

    assert "No graded content: the course grade is not a requirement." in text(page.xpath('//*[@id="grade-range"]')[0])
    assert texts(page, '//*[@id="weights"]/p') == ["No assignment types."]
    assert page.xpath('//*[@id="weights-warning"]') == []


def test_a_successful_example_run_is_known_to_the_activate_button(world):
    add_job(EXAMPLE, world.course_key, world.users["instructor"], status="failed", result={"error": "Bad template"})
    page = tree(open_as(world, "instructor"))
    assert config(page)["exampleSucceeded"] is False

    add_job(EXAMPLE, world.course_key, world.users["instructor"], status="done", result={"status": "success"})
    page = tree(open_as(world, "instructor"))
    assert config(page)["exampleSucceeded"] is True


# --- Learner-generated certificates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("self_paced", "enabled", "shown", "checked"),
    [(False, False, True, False), (False, True, True, True), (True, False, False, None), (True, True, False, None)],
)
def test_the_learner_generation_switch_is_for_instructor_paced_courses_only(world, self_paced, enabled, shown, checked):
    set_course(world.course_key, self_paced=self_paced, learner_generated_certificates=enabled)

    page = tree(open_as(world, "instructor"))

    toggles = page.xpath('//input[@id="learner-generation-toggle"]')
    assert bool(toggles) is shown
    if shown:
        assert (toggles[0].get("checked") is not None) is checked


# --- Generation, regeneration and history --------------------------------------------------------------


def test_the_regenerate_form_offers_the_three_statuses_with_the_warning(world):
    page = tree(open_as(world, "instructor"))

    assert [box.get("value") for box in page.xpath('//form[@id="regenerate-form"]//input[@name="statuses"]')] == [
        "downloadable",
        "notpassing",
        "error",
    ]
    assert texts(page, '//*[@id="regenerate-warning"]') == [
        "Regenerating replaces the PDFs of the selected learners; the previous versions are kept in the certificate "
        "history."
    ]


def test_the_history_lists_the_course_certificate_runs_newest_first(world):
    instructor = world.users["instructor"]
    add_job(
        GENERATION,
        world.course_key,
        instructor,
        status="done",
        total=3,
        done=3,
        failed=0,
        result={
            "issued": 2,
            "notpassing": 1,
            "skipped": 0,
            "errors": 0,
            "statuses": None,
            "learners": 3,
            "certificates": {"downloadable": 2, "notpassing": 1},
            "checkpoint": {"after": 9},
        },
    )
    add_job(
        GENERATION,
        world.course_key,
        world.users["staff"],
        status="failed",
        total=2,
        done=1,
        failed=1,
        parameters={"statuses": ["notpassing", "error"]},
        result={"error": "Worker lost"},
    )
    add_job(
        REGENERATION,
        world.course_key,
        instructor,
        status="done",
        total=1,
        done=1,
        parameters={"uuid": "4f1c", "username": "learner"},
        result={"uuid": "4f1c", "username": "learner", "certificate_status": "downloadable"},
    )
    add_job(EXAMPLE, world.course_key, instructor, status="done", result={"status": "success", "previews": []})
    add_job("progress_report", world.course_key, instructor, status="done")  # not a certificate run
    add_job(GENERATION, world.other_course_key, world.users["other_instructor"], status="done")

    page = tree(open_as(world, "instructor"))

    rows = [row[1:] for row in table_rows(page, "history-table")]  # without the time
    assert rows == [
        ["instructor", "Example certificates", "done", "0", "0", "0", "Example: success"],
        ["instructor", "Regenerate a certificate: learner", "done", "1", "1", "0", "Certificate: downloadable"],
        ["staff", "Regenerate certificates (Not passing, Error)", "failed", "2", "1", "1", "Worker lost"],
        ["instructor", "Generate certificates", "done", "3", "3", "0", "2 issued, 1 not passing, 0 skipped, 0 errors"],
    ]
    assert page.xpath('//div[@id="generate-progress"]')[0].get("hidden") is not None
    assert config(page)["runningJobId"] is None


def test_a_course_with_no_runs_says_so(world):
    page = tree(open_as(world, "instructor"))

    assert texts(page, '//*[@id="history-empty"]') == ["No certificates have been generated for this course yet."]


def test_a_running_generation_shows_its_progress_bar_on_load(world):
    job = add_job(
        GENERATION, world.course_key, world.users["instructor"], status="running", total=200, done=50, failed=2
    )

    page = tree(open_as(world, "instructor"))

    box = page.xpath('//div[@id="generate-progress"]')[0]
    assert box.get("hidden") is None
    assert box.get("data-job-id") == str(job.pk)
    assert texts(box, './/div[contains(@class, "progress-bar")]') == ["26%"]
    assert texts(box, './/*[contains(@class, "llp-job-counts")]') == ["50 of 200 done · 2 failed"]
    assert config(page)["runningJobId"] == job.pk


# --- Exceptions and invalidations ----------------------------------------------------------------------


def test_exceptions_and_invalidations_are_listed_with_their_buttons(world):
    add_certificate(world.users["employee"], world.course_key, "downloadable")
    certificates_api.add_exception(world.course_key, "learner", "Medical leave", actor_id=world.users["instructor"].pk)
    certificates_api.invalidate(world.course_key, "employee", "Copied the exam", actor_id=world.users["staff"].pk)

    page = tree(open_as(world, "instructor"))

    assert texts(page, '//ul[@id="exceptions-list"]/li') == [
        f"learner learner@example.com Medical leave Added {today()} by instructor Remove"
    ]
    assert page.xpath('//ul[@id="exceptions-list"]//button/@data-remove-exception') == ["learner"]
    assert texts(page, '//ul[@id="invalidations-list"]/li') == [
        f"employee Copied the exam Invalidated {today()} by staff Re-validate"
    ]
    assert page.xpath('//ul[@id="invalidations-list"]//button/@data-revalidate') == ["employee"]


def test_empty_exceptions_and_invalidations_say_so(world):
    page = tree(open_as(world, "instructor"))

    assert texts(page, '//*[@id="exceptions-empty"]') == ["No exceptions."]
    assert texts(page, '//*[@id="invalidations-empty"]') == ["No invalidated certificates."]


# --- Issued certificates --------------------------------------------------------------------------------


@pytest.fixture
def certificates(world):
    return {
        "learner": add_certificate(world.users["learner"], world.course_key, "downloadable", grade="0.9"),
        "employee": add_certificate(world.users["employee"], world.course_key, "notpassing"),
        "other_employee": add_certificate(world.users["other_employee"], world.course_key, "error"),
        "company_admin": add_certificate(world.users["company_admin"], world.course_key, "downloadable"),
        "elsewhere": add_certificate(world.users["learner"], world.other_course_key, "downloadable"),
    }


def usernames(page) -> list[str]:
    return [row.get("data-username") for row in page.xpath('//table[@id="certificates-table"]/tbody/tr')]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["company_admin", "employee", "learner", "other_employee"]),
        ("?status=downloadable", ["company_admin", "learner"]),
        ("?status=notpassing", ["employee"]),
        ("?status=error", ["other_employee"]),
        ("?status=deleted", []),
        ("?q=EMPLOYEE", ["employee", "other_employee"]),
        ("?q=employee&status=error", ["other_employee"]),
        ("?q=nobody", []),
    ],
)
def test_the_certificates_table_filters_by_status_and_searches_usernames(world, certificates, query, expected):
    page = tree(open_as(world, "instructor", query))

    assert usernames(page) == expected
    if not expected:
        assert texts(page, '//*[@id="certificates-empty"]') == ["No certificate matches these filters."]


def test_an_unknown_status_filter_is_explained_and_shows_everything(world, certificates):
    page = tree(open_as(world, "instructor", "?status=bogus"))

    assert usernames(page) == ["company_admin", "employee", "learner", "other_employee"]
    assert texts(page, '//section[@id="certificates"]//div[contains(@class, "alert-warning")]') == [
        "Must be one of: downloadable, notpassing, generating, error, invalidated, deleted."
    ]


def test_each_certificate_row_has_its_actions(world, certificates, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    learner = certificates["learner"]
    learner.pdf.save("c.pdf", ContentFile(b"%PDF-1"))

    page = tree(open_as(world, "instructor", "?status=downloadable"))

    row = page.xpath(f'//tr[@data-uuid="{learner.verify_uuid}"]')[0]
    assert [text(cell) for cell in row.xpath("./td")][:3] == ["learner Learner", "Issued", "90%"]
    assert row.xpath(".//a[text()='Download']")[0].get("href") == f"/certificates/{learner.verify_uuid}/download"
    assert row.xpath(".//button/@data-delete") == [str(learner.verify_uuid)]
    assert row.xpath(".//button/@data-regenerate") == [str(learner.verify_uuid)]
    no_pdf = page.xpath(f'//tr[@data-uuid="{certificates["company_admin"].verify_uuid}"]')[0]
    assert no_pdf.xpath(".//a[text()='Download']") == []  # nothing to download yet


def test_the_page_shows_the_issued_count(world, certificates):
    page = tree(open_as(world, "instructor"))

    assert texts(page, '//*[@id="course-summary"]/span[3]') == ["2 issued certificates"]


@pytest.mark.parametrize(
    ("result", "text"),
    [
        ({}, ""),
        ({"error": "Worker lost", "issued": 3}, "Worker lost"),
        (
            {"issued": 2, "notpassing": 1, "skipped": 0, "errors": 1, "learners": 4, "certificates": {"error": 1}},
            "2 issued, 1 not passing, 0 skipped, 1 errors",
        ),
        ({"status": "success", "error": None, "previews": [{"path": "x"}]}, "Example: success"),
        ({"uuid": "4f1c", "username": "learner", "certificate_status": "error"}, "Certificate: error"),
        ({"checkpoint": {"after": 7}, "attempts": 2, "rows_read": 12}, "Rows read: 12"),
    ],
)
def test_a_job_result_reads_as_one_line(result, text):
    assert views.result_text(result) == text


def test_a_course_that_issues_no_certificates_says_where_to_turn_them_on(world):
    set_course(world.course_key, issues_certificates=False)

    page = tree(open_as(world, "instructor"))

    assert texts(page, '//*[@id="no-certificates"]') == [
        "This course does not issue certificates. Turn on Issues certificates in Advanced Settings to use this tab."
    ]


def test_a_live_event_has_no_bulk_generation_and_its_own_completion_rule(world):
    set_course(world.course_key, kind="live_event", self_paced=False)

    page = tree(open_as(world, "instructor"))

    assert page.xpath('//button[@id="generate-certificates"]') == []
    assert page.xpath('//form[@id="regenerate-form"]') == []
    assert page.xpath('//input[@id="learner-generation-toggle"]') == []
    assert texts(page, '//*[@id="live-event-note"]')[0].startswith("A live event issues each certificate when")
    assert texts(page, '//ul[@id="completion-rule"]/li') == [
        "The learner is registered for the event.",
        "Attendance is marked present by an attendance administrator, once the event has started.",
    ]
