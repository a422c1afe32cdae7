"""In a real browser: a Company Admin asks for a progress report, sees it pending with its progress bar on
Reports → History, and downloads the CSV once the job has run."""

import csv
import io

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.reports import tasks as report_tasks
from llp_edx_plugin.reports.api import list_reports
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from tests.jobs.celery_conf import celery_conf
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def course_with_employees(world, settings, tmp_path):
    from llp_edx_plugin.courses import api as courses_api

    settings.MEDIA_ROOT = tmp_path / "media"
    build_reading_course()
    for name in ("employee", "other_employee", "learner"):
        courses_api.enroll(CERT_COURSE, world.users[name].pk)
    return world


@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_a_company_admin_prepares_and_downloads_a_progress_report(course_with_employees, size, viewport, new_page):
    world = course_with_employees
    page = new_page(viewport)
    log_in(page, "company_admin", PASSWORD)
    page.click("nav >> text=Reports") if size == "laptop" else page.goto("/reports")
    assert page.locator("h1").inner_text() == "Reports"

    # No worker takes the job yet: the report waits, pending, with its progress bar.
    with celery_conf(task_always_eager=False):
        page.select_option("#llp-report-kind", "progress")
        page.select_option("#llp-report-training", CERT_COURSE)
        page.click('[data-testid="report-form"] button[type=submit]')
        page.wait_for_load_state()
    row = page.locator("[data-report-id]").first
    assert "pending" in row.inner_text()
    assert row.locator('[role="progressbar"]').count() == 1
    screenshot(page, f"reports-pending-{size}")

    # The job runs (as a worker would); the page's poll turns the row into done with a download link.
    admin = accounts_api.get_actor(world.users["company_admin"])
    (report,) = list_reports(admin)[1]
    report_tasks.progress_report.apply(args=(report.id,))
    link = row.locator('[data-testid="download"]')
    link.wait_for(state="visible", timeout=20_000)
    assert "done" in row.inner_text()
    with page.expect_download() as download:
        link.click()
    text = open(download.value.path(), "rb").read().decode("utf-8-sig")  # noqa: SIM115
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Username", "Full name", "Email"]
    assert sorted(r[0] for r in rows[1:]) == ["employee"]  # Acme's people only
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"reports-done-{size}")
