"""Two member certificates of a program issued at the same moment on PostgreSQL: one program certificate."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.accounts import api as accounts_api
from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.programs import api as programs_api
from tests.certificates.conftest import build_reading_course, complete_blocks
from tests.people import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
KEYS = ("course-v1:LLP+RACEA+2026", "course-v1:LLP+RACEB+2026")


@pytest.mark.parametrize("attempt", range(3))
def test_two_members_certified_at_once_give_one_program_certificate(postgres, settings, tmp_path, attempt):
    settings.MEDIA_ROOT = tmp_path
    settings.CELERY_TASK_ALWAYS_EAGER = True
    learner = make_user("racer")
    staff = accounts_api.get_actor(make_user("boss", is_staff=True))
    readings = {key: build_reading_course(key, self_paced=False) for key in KEYS}  # nothing issues by itself
    programs_api.create_program(staff, slug="race", title="Race", kind="pathway", members=list(KEYS))
    programs_api.enroll("race", learner.pk)
    for key in KEYS:
        complete_blocks(learner, key, readings[key])
    Course.objects.filter(course_key__in=[CourseKey.from_string(k) for k in KEYS]).update(
        learner_generated_certificates=True
    )
    program_key = programs_api.get_program("race").course_key
    assert Certificate.objects.count() == 0
    start = threading.Barrier(len(KEYS))

    def request(key: str) -> None:
        try:
            start.wait()
            certificates_api.request_certificate(learner.pk, key)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(KEYS)) as pool:
        list(pool.map(request, KEYS))

    assert Certificate.objects.filter(user=learner, course_key__in=list(KEYS)).count() == 2
    assert Certificate.objects.filter(user=learner, course_key=CourseKey.from_string(program_key)).count() == 1
    assert certificates_api.certificate_for(learner.pk, program_key).status == "downloadable"
    assert courses_api.get_enrollment(program_key, learner.pk).is_active


def test_an_edit_closing_a_loop_waits_for_the_edit_in_flight_and_is_refused(postgres, settings, tmp_path):
    """While one edit (a gets b) is in its transaction, a second (b gets a) waits for it, then sees the loop."""
    from django.db import transaction

    from llp_edx_plugin.errors import FieldErrors
    from llp_edx_plugin.programs.models import Program

    settings.MEDIA_ROOT = tmp_path
    staff = accounts_api.get_actor(make_user("boss", is_staff=True))
    programs_api.create_program(staff, slug="a", title="A", kind="pathway")
    programs_api.create_program(staff, slug="b", title="B", kind="pathway")
    b_key = programs_api.get_program("b").course_key
    in_flight = threading.Event()
    result: list[str] = []

    def second_edit() -> None:
        try:
            in_flight.wait()
            programs_api.update_program(staff, "b", {"members": ["a"]})
            result.append("saved")
        except FieldErrors as exc:
            result.append(exc.errors["members"][0])
        finally:
            connection.close()

    second = threading.Thread(target=second_edit)
    second.start()
    with transaction.atomic():  # the first edit, as update_program does it, held open
        programs_api._check_loop("a", [b_key])
        programs_api._write_members(Program.objects.get(slug="a"), [b_key])
        in_flight.set()
        second.join(timeout=2)  # without the lock the second edit would finish (and save) here
    second.join()
    assert result == ["A program cannot contain itself: b → a → b."]
