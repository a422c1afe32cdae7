"""DESIGN.md §5 through real requests: the Progress page HTML and the dashboard's course card.

The same table as tests/certificates/test_display.py, but the course, the learner and the certificate are
real rows and what is checked is what the learner's browser receives.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates import display as d
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.learning.models import BlockState
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from tests.certificates.test_display import INSTRUCTOR_PACED_TABLE

pytestmark = pytest.mark.django_db

PROGRESS = f"/courses/{CERT_COURSE}/progress"
EVERY_STRING = (d.NOT_YET, d.NOT_PASSED, d.QUALIFIED, d.AVAILABLE, d.GENERATING, d.EMPLOYEE_COMPLETED, d.INVALIDATED)


def setup_course(**fields) -> list[str]:
    readings = build_reading_course(self_paced=fields.pop("self_paced", False))
    Course.objects.filter(course_key=CourseKey.from_string(CERT_COURSE)).update(**fields)
    return readings


def give(user, status: str | None) -> None:
    if status is not None:
        Certificate.objects.create(user=user, course_key=CourseKey.from_string(CERT_COURSE), status=status, name="X")


def qualify(user, readings: list[str]) -> None:
    """Complete every block without the progress refresh, so nothing is issued behind the test's back."""
    for usage_key in readings:
        BlockState.objects.create(
            user=user,
            usage_key=usage_key,
            course_key=CourseKey.from_string(CERT_COURSE),
            block_type="llp_reading",
            complete=True,
        )


def shown(client, user) -> tuple[str, str]:
    client.force_login(user)
    page = client.get(PROGRESS)
    assert page.status_code == 200
    return page.content.decode(), client.get("/dashboard").content.decode()


def assert_shows(page: str, card: str, expected: d.Display) -> None:
    for text in EVERY_STRING:
        assert (text in page) is (text == expected.message), text
    assert (">Download Your Certificate<" in page) is (expected.button == "download")
    assert (">Request Certificate<" in page) is (expected.button == "request")
    assert (">Download Certificate<" in card) is expected.card_link


@pytest.mark.parametrize(("behavior", "ended", "status", "expected"), INSTRUCTOR_PACED_TABLE)
def test_instructor_paced_table_through_the_pages(world, client, behavior, ended, status, expected):
    now = timezone.now()
    setup_course(certificates_display_behavior=behavior, end=now + timedelta(days=-1 if ended else 1))
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    give(learner, status)
    assert_shows(*shown(client, learner), expected)


@pytest.mark.parametrize(("behavior", "ended", "status", "expected"), INSTRUCTOR_PACED_TABLE[:6])
def test_end_with_date_through_the_pages(world, client, behavior, ended, status, expected):
    now = timezone.now()
    setup_course(
        certificates_display_behavior="end_with_date",
        end=now - timedelta(days=10),
        certificate_available_date=now + timedelta(days=-1 if ended else 1),
    )
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    give(learner, status)
    assert_shows(*shown(client, learner), expected)


@pytest.mark.parametrize("pacing", [{"self_paced": True}, {"learner_generated_certificates": True}])
@pytest.mark.parametrize(
    ("qualified", "status", "expected"),
    [
        (False, None, d.Display(show_requirements=True)),
        (True, None, d.Display(message=d.QUALIFIED, button="request")),
        (True, "generating", d.Display(message=d.GENERATING)),
        (True, "downloadable", d.Display(message=d.AVAILABLE, button="download", card_link=True)),
        (True, "invalidated", d.Display(message=d.INVALIDATED)),
    ],
)
def test_self_paced_and_learner_generated_through_the_pages(world, client, pacing, qualified, status, expected):
    readings = setup_course(**pacing)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    if qualified:
        qualify(learner, readings)
    give(learner, status)
    page, card = shown(client, learner)
    assert_shows(page, card, expected)
    if expected.show_requirements:
        assert "Reading r1" in page or "llp_reading r1" in page  # the unmet requirements name the block


@pytest.mark.parametrize(
    "course_fields",
    [
        {"self_paced": True},
        {"certificates_display_behavior": "early_no_info"},
        {"certificates_display_behavior": "end", "end": timezone.now() - timedelta(days=1)},
    ],
)
def test_employees_see_completed_and_no_download_anywhere(world, client, course_fields):
    readings = setup_course(**course_fields)
    employee = world.users["employee"]
    courses_api.enroll(CERT_COURSE, employee.pk)
    qualify(employee, readings)
    give(employee, "downloadable")
    page, card = shown(client, employee)
    assert_shows(page, card, d.Display(message=d.EMPLOYEE_COMPLETED))
    assert "/download" not in page
    assert "/download" not in card


def test_a_live_event_waits_for_attendance(world, client):
    courses_api.create_course(course_key=CERT_COURSE, title="Kick-off", kind="live_event")
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    assert_shows(*shown(client, learner), d.Display(message=d.ATTENDANCE_PENDING))


def test_the_request_button_issues_the_certificate(
    world, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    readings = setup_course(self_paced=True)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    qualify(learner, readings)
    client.force_login(learner)

    with django_capture_on_commit_callbacks(execute=True):  # the rendering task is sent on commit
        response = client.post(f"/courses/{CERT_COURSE}/certificate/request")

    assert response.url == PROGRESS
    page = client.get(PROGRESS).content.decode()
    assert d.AVAILABLE in page
    assert ">Download Your Certificate<" in page
    assert Certificate.objects.get(user=learner).status == "downloadable"


def test_learning_records_says_generate_before_the_first_download_and_open_after(
    world, client, settings, tmp_path, complete
):
    settings.MEDIA_ROOT = tmp_path
    readings = setup_course(self_paced=True)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete(learner, CERT_COURSE, readings)
    client.force_login(learner)

    before = client.get("/learning-records").content.decode()
    uuid = Certificate.objects.get(user=learner).verify_uuid
    assert client.get(f"/certificates/{uuid}/download").status_code == 200
    after = client.get("/learning-records").content.decode()

    assert ">Generate certificate<" in before
    assert ">Open certificate<" not in before
    assert ">Open certificate<" in after


def test_learning_records_of_an_employee_has_no_link(world, client, settings, tmp_path, complete):
    settings.MEDIA_ROOT = tmp_path
    readings = setup_course(self_paced=True)
    employee = world.users["employee"]
    courses_api.enroll(CERT_COURSE, employee.pk)
    complete(employee, CERT_COURSE, readings)
    client.force_login(employee)
    page = client.get("/learning-records").content.decode()
    assert d.EMPLOYEE_COMPLETED in page
    assert "/download" not in page
