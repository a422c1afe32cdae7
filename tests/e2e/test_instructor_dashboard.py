"""In a real browser: the course instructor's Certificates tab fits a laptop and a phone, and its controls work."""

import pytest

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.instructor.data import EXAMPLE, GENERATION
from tests.instructor_page.conftest import URL, add_certificate, add_job, set_course
from tests.learning.builders import Lesson, Seq, build_structure, quiz, set_state
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]

GRADING = {
    "assignment_types": [
        {"type": "Homework", "short_label": "HW", "weight": 0.3, "min_count": 2, "drop_count": 0},
        {"type": "Final Exam", "short_label": "Final", "weight": 0.6, "min_count": 1, "drop_count": 0},
    ],
    "grade_cutoffs": {"A": 0.9, "B": 0.75, "Pass": 0.6},
}


@pytest.fixture
def busy_course(world):
    """An instructor-paced course with learners, certificates of each status, exceptions and past runs."""
    set_course(world.course_key, self_paced=False, grading_policy=GRADING)
    for name in ("learner", "employee", "other_employee", "company_admin"):
        courses_api.enroll(world.course_key, world.users[name].pk)
    add_certificate(world.users["learner"], world.course_key, "downloadable", grade="0.93", name="Lena Learner")
    add_certificate(world.users["employee"], world.course_key, "notpassing", grade="0.41", name="Emil Employee")
    add_certificate(world.users["other_employee"], world.course_key, "error", name="Olga Other-Employee")
    certificates_api.add_exception(world.course_key, "company_admin", "Accommodation agreed with HR")
    add_job(
        GENERATION,
        world.course_key,
        world.users["instructor"],
        status="done",
        total=4,
        done=3,
        failed=1,
        result={"issued": 1, "notpassing": 2, "skipped": 0, "errors": 1, "learners": 4},
    )
    return world


def open_dashboard(new_page, viewport):
    page = new_page(viewport)
    log_in(page, "instructor", PASSWORD)
    page.goto(URL)
    return page


@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_the_instructor_opens_the_certificates_tab_on_a_laptop_and_a_phone(busy_course, new_page, size, viewport):
    page = open_dashboard(new_page, viewport)

    assert page.locator("h1").inner_text() == "Leading Teams · Instructor Dashboard"
    assert page.locator(".nav-tabs .nav-link.active").inner_text() == "Certificates"
    assert page.locator("#weights-warning").inner_text().startswith("The assignment type weights add up to 90%")
    assert page.locator("#certificates-table tbody tr").count() == 3
    assert page.locator("#history-table tbody tr").count() == 1
    assert page.locator("#learner-generation-toggle").is_visible()
    screenshot(page, f"instructor-dashboard-{size}")
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0


def test_activate_is_enabled_only_once_every_rule_is_confirmed_after_a_successful_example(world, new_page):
    set_course(world.course_key, certificates_active=False)
    add_job(EXAMPLE, world.course_key, world.users["instructor"], status="done", result={"status": "success"})
    page = open_dashboard(new_page, LAPTOP)
    activate = page.get_by_role("button", name="Activate Certificates")

    page.check("#confirm-completion")
    page.check("#confirm-grade-range")
    page.check("#confirm-videos")  # the course's videos all have a duration (it has none): confirmed too
    assert activate.is_disabled()

    page.check("#confirm-weights")
    assert activate.is_enabled()

    page.uncheck("#confirm-grade-range")
    assert activate.is_disabled()


def test_without_a_successful_example_activate_stays_disabled_and_says_why(world, new_page):
    set_course(world.course_key, certificates_active=False)
    page = open_dashboard(new_page, PHONE)

    for box in ("#confirm-completion", "#confirm-grade-range", "#confirm-weights"):
        page.check(box)

    assert page.get_by_role("button", name="Activate Certificates").is_disabled()
    assert page.locator("#activate-hint").inner_text() == "Generate an example certificate that succeeds first."


# --- These need the REST endpoints of CONTRACT.md "Instructor Dashboard" ------------------------------------


def test_generate_certificates_shows_the_progress_bar_until_done(busy_course, new_page):
    set_course(busy_course.course_key, certificates_active=True)
    page = open_dashboard(new_page, LAPTOP)

    page.get_by_role("button", name="Generate Certificates").click()

    progress = page.locator("#generate-progress")
    progress.wait_for(state="visible")
    page.wait_for_function("document.getElementById('generate-progress').dataset.status === 'done'")
    assert progress.locator(".progress-bar").inner_text() == "100%"
    assert progress.locator(".llp-job-status").inner_text() == "done"
    assert progress.locator(".llp-job-counts").inner_text().startswith("4 of 4 done")
    assert progress.locator(".alert").inner_text().startswith("Finished:")
    assert page.get_by_role("button", name="Generate Certificates").is_enabled()
    assert horizontal_overflow(page) <= 0
    screenshot(page, "instructor-dashboard-generated-laptop")


def test_deleting_a_certificate_asks_for_confirmation_first(busy_course, new_page):
    page = open_dashboard(new_page, PHONE)
    row = page.locator("#certificates-table tr", has_text="Lena Learner")

    row.get_by_role("button", name="Delete").click()
    dialog = page.locator("#llp-confirm")
    dialog.wait_for(state="visible")
    assert "The record and its history are kept for audit." in dialog.inner_text()
    screenshot(page, "instructor-dashboard-delete-phone")
    dialog.get_by_role("button", name="Delete").click()

    page.locator("#certificates-feedback .alert-success").wait_for()
    assert page.locator("#certificates-feedback").inner_text().startswith("The certificate of 'learner' was deleted.")
    assert row.locator(".badge").inner_text() == "Deleted"


def test_regenerating_one_certificate_follows_its_job_to_the_end(busy_course, new_page):
    page = open_dashboard(new_page, LAPTOP)
    row = page.locator("#certificates-table tr", has_text="Olga Other-Employee")

    row.get_by_role("button", name="Regenerate").click()
    page.locator("#llp-confirm").get_by_role("button", name="Regenerate").click()

    page.wait_for_function("['done', 'failed'].includes(document.getElementById('regenerate-progress').dataset.status)")
    progress = page.locator("#regenerate-progress")
    assert progress.locator(".llp-job-title").inner_text() == "Regenerating the certificate of other_employee"
    assert progress.locator(".llp-job-status").inner_text() == "done"
    assert progress.locator(".alert").inner_text().startswith("Finished: Certificate: ")


def test_exceptions_are_added_by_form_and_by_csv_with_per_row_results(busy_course, new_page, tmp_path):
    page = open_dashboard(new_page, PHONE)

    page.fill("#exception-username", "learner@example.com")
    page.fill("#exception-notes", "Approved by the dean")
    page.get_by_role("button", name="Add exception").click()
    page.locator("#exceptions-feedback .alert-success").wait_for()
    assert page.locator("#exceptions-list li").count() == 2

    csv_file = tmp_path / "exceptions.csv"
    csv_file.write_text("username,notes\nemployee,Late enrolment\nnobody,Typo\n")
    page.set_input_files("#exception-csv", str(csv_file))
    page.get_by_role("button", name="Upload CSV").click()

    feedback = page.locator("#exceptions-feedback .alert-warning")
    feedback.wait_for()
    assert feedback.inner_text().startswith("1 of 2 rows added.")
    assert feedback.locator("tbody tr").all_inner_texts() == ["2\temployee\tAdded", "3\tnobody\tNo learner 'nobody'."]
    assert page.locator("#exceptions-list li").count() == 3
    assert horizontal_overflow(page) <= 0
    screenshot(page, "instructor-dashboard-exceptions-phone")


def test_a_learners_attempts_are_reset_from_the_dashboard_and_kept_in_the_history(world, new_page):
    keys = build_structure(
        world.course_key, [Lesson("Week 1", [Seq("Check-in", [quiz("Weekly quiz", max_attempts=1)])])]
    )
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    set_state(world.users["learner"], keys["Weekly quiz"], score=0.2, attempts=1, best_score=0.2)
    page = open_dashboard(new_page, PHONE)

    assert page.locator("#attempts-block option").all_inner_texts() == ["Weekly quiz"]
    page.fill("#attempts-username", "learner")
    page.get_by_role("button", name="Reset attempts").click()
    page.locator("#attempts-feedback .alert-success").wait_for()
    assert page.locator("#attempts-history li").count() == 1
    row = page.locator("#attempts-history li").inner_text()
    assert "learner · Weekly quiz" in row
    assert "1 attempt used before" in row
    assert "by instructor" in row
    assert horizontal_overflow(page) <= 0
    screenshot(page, "instructor-dashboard-attempts-phone")
