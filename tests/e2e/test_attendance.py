"""In a real browser: an attendance administrator marks a live event's roster on a laptop and a phone."""

from datetime import timedelta

import pytest

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.events import api as events_api
from settings.celery import app as celery_app
from tests.events.conftest import EVENT, make_event
from tests.people import PASSWORD

from .conftest import LAPTOP, PHONE, horizontal_overflow, log_in, screenshot

# A form post marks learners and issues their certificates in the request: generous on a busy CI machine.
SUBMIT_TIMEOUT_MS = 60_000


def submit(page, click) -> None:
    """Click something that posts a form and wait for the answer page."""
    with page.expect_navigation(timeout=SUBMIT_TIMEOUT_MS):
        click()


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def roster(world, settings, tmp_path):
    """A session that started an hour ago, in Madrid and online, with four registered learners.

    Rendering tasks are queued (in memory), not run inside the request, as with a real worker.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    make_event(EVENT, starts_in=-timedelta(hours=1))
    courses_api.update_advanced_settings(
        EVENT,
        {
            "time_zone": "Europe/Madrid",
            "location": "Madrid HQ, room 4",
            "join_url": "https://meet.example.com/kick-off",
            "capacity": 40,
        },
    )
    accounts_api.create_account(
        username="maria", password=PASSWORD, email="maria.lopez@example.com", full_name="María López Fernández"
    )
    for name in ("learner", "employee", "other_employee"):
        courses_api.enroll(EVENT, world.users[name].pk)
    courses_api.enroll(EVENT, accounts_api.get_profile_by_username("maria").user_id)
    yield world
    celery_app.conf.task_always_eager = eager


@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_an_attendance_administrator_marks_the_roster(roster, new_page, size, viewport):
    # Given the attendance administrator signs in: their home lists the event with learners to mark
    page = new_page(viewport)
    log_in(page, "attendance_admin", PASSWORD)
    event_card = page.locator(f".llp-event-card[data-course-key='{EVENT}']")
    assert event_card.locator(".card-title").inner_text() == "Kick-off live session"
    assert "4 to mark" in event_card.inner_text()
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"attendance-home-{size}")

    # When they open the roster, select everyone and mark them present
    submit(page, event_card.get_by_role("link", name="Mark attendance").click)
    assert page.locator("h1").inner_text() == "Kick-off live session · Attendance"
    assert page.locator("#roster-table tbody tr").count() == 4
    assert page.locator("#bulk-present").is_disabled()  # nothing selected yet
    page.check("#select-all")
    assert page.locator("#selected-count").inner_text() == "(4 selected)"
    submit(page, lambda: page.click("#bulk-present"))

    # Then every learner is present and their certificates are issued
    badges = page.locator("#roster-table .llp-attendance")
    assert badges.all_inner_texts() == ["Present"] * 4
    assert "4 present" in page.locator("#attendance-counts").inner_text()

    # When one learner turns out to have been absent
    row = page.locator("#roster-table tr[data-username='learner']")
    submit(page, row.get_by_role("button", name="Absent").click)

    # Then that learner is absent and their certificate invalidated; the others keep theirs
    row = page.locator("#roster-table tr[data-username='learner']")
    assert row.locator(".llp-attendance").inner_text() == "Absent"
    assert events_api.attendance_of(roster.users["learner"].pk, EVENT) is False
    statuses = certificates_api.status_by_user(EVENT)
    assert statuses[roster.users["learner"].pk] == "invalidated"
    assert statuses[roster.users["employee"].pk] in ("downloadable", "generating")

    # And searching narrows the roster
    page.fill("#roster-search", "maría")
    submit(page, page.get_by_role("button", name="Search").click)
    assert page.locator("#roster-table tbody tr").count() == 1
    submit(page, page.get_by_role("link", name="Clear").click)

    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"attendance-roster-{size}")


def test_a_csv_upload_shows_each_rows_result(roster, new_page, tmp_path):
    page = new_page(LAPTOP)
    log_in(page, "attendance_admin", PASSWORD)
    page.goto(f"/courses/{EVENT}/attendance")
    csv_path = tmp_path / "attendance.csv"
    csv_path.write_text("username,present\nmaria.lopez@example.com,yes\nemployee,absent\nghost,1\nlearner,perhaps\n")

    page.set_input_files("#attendance-csv", str(csv_path))
    submit(page, page.get_by_role("button", name="Upload CSV").click)

    results = page.locator("#upload-results tbody tr")
    assert [results.nth(i).get_attribute("data-status") for i in range(results.count())] == [
        "applied",
        "applied",
        "unknown_learner",
        "bad_value",
    ]
    assert "2 not applied" in page.locator("#upload-results-title").inner_text()
    assert horizontal_overflow(page) <= 0
    screenshot(page, "attendance-csv-results-laptop")


@pytest.mark.parametrize(("size", "viewport"), [("laptop", LAPTOP), ("phone", PHONE)])
def test_a_registered_learner_sees_the_session_and_waits_for_attendance(roster, new_page, size, viewport):
    page = new_page(viewport)
    log_in(page, "learner", PASSWORD)
    card = page.locator(f".llp-course-card[data-course-key='{EVENT}']")
    assert "Madrid HQ, room 4" in card.inner_text()
    screenshot(page, f"event-card-{size}")

    submit(page, card.get_by_role("link", name="View event").click)

    assert page.locator("h1").inner_text() == "Kick-off live session"
    assert page.locator("#join-event").get_attribute("href") == "https://meet.example.com/kick-off"
    assert page.locator("#certificate-message").inner_text() == (
        "Your certificate will be available after your attendance is confirmed"
    )
    assert page.failed_responses == []
    assert horizontal_overflow(page) <= 0
    screenshot(page, f"event-page-{size}")
