"""Broker outages (issue 8, section 2): a learner's action answers normally, the certificate waits
``generating`` with the reason, and the sweep (``manage.py llp_sweep``) renders it once the broker is back.

The broker is made unreachable for real (the test process's Celery app points at a closed port); the
sending code under test is not mocked.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from tests.jobs.celery_conf import celery_conf
from tests.learning.builders import Leaf, Lesson, Seq, build_structure
from tests.learning.runtime.conftest import QUIZ, url
from tests.people import make_user

pytestmark = pytest.mark.django_db

REFUSING = {"task_always_eager": False, "broker_url": "redis://127.0.0.1:1/0"}
QUIZ_COURSE = "course-v1:LLP+QUIZ1+2026"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _stuck(cert: Certificate) -> None:
    assert cert.status == "generating"
    assert not cert.pdf
    assert cert.error_message.startswith("Not queued: OperationalError: ")
    assert "Connection refused" in cert.error_message


def _sweep(*args: str) -> str:
    out = StringIO()
    call_command("llp_sweep", *args, stdout=out)
    return out.getvalue()


def _age_certificates(by: timedelta) -> None:
    Certificate.objects.update(modified=timezone.now() - by)


def _qualified_learner(world, django_capture_on_commit_callbacks):
    """The world's learner, enrolled and done with a self-paced course, not yet issued (no commit ran)."""
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    with django_capture_on_commit_callbacks(execute=False):  # automatic issuing never runs
        complete_blocks(learner, CERT_COURSE, readings)
    return learner


def test_request_certificate_with_the_broker_down_answers_201_and_the_sweep_renders_it_later(
    world, client_for, django_capture_on_commit_callbacks
):
    learner = _qualified_learner(world, django_capture_on_commit_callbacks)

    # When the learner requests the certificate while the broker refuses connections
    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        response = client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")

    # Then the request succeeds and the certificate waits, generating, with the reason recorded
    assert response.status_code == 201
    assert response.json()["status"] == "generating"
    cert = Certificate.objects.get(user=learner)
    _stuck(cert)
    assert str(cert.verify_uuid) == response.json()["uuid"]

    # When the broker is back and the sweep runs past the threshold
    _age_certificates(timedelta(minutes=10))
    out = _sweep()

    # Then the certificate is rendered and the reason is gone
    cert.refresh_from_db()
    assert (cert.status, cert.error_message) == ("downloadable", "")
    assert cert.pdf
    assert len(cert.pdf_sha256) == 64
    assert "certificates: 1 re-sent" in out.splitlines()


def test_the_sweep_leaves_a_certificate_stuck_for_less_than_the_threshold(
    world, client_for, django_capture_on_commit_callbacks
):
    learner = _qualified_learner(world, django_capture_on_commit_callbacks)
    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")

    out = _sweep()  # the default threshold (300 s) has not passed

    assert "certificates: 0 re-sent" in out.splitlines()
    _stuck(Certificate.objects.get(user=learner))
    # an explicit threshold of 0 takes it at once
    assert "certificates: 1 re-sent" in _sweep("--older-than", "0").splitlines()
    assert Certificate.objects.get(user=learner).status == "downloadable"


def test_a_sweep_while_the_broker_is_still_down_records_the_reason_again(
    world, client_for, django_capture_on_commit_callbacks
):
    learner = _qualified_learner(world, django_capture_on_commit_callbacks)
    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")
    _age_certificates(timedelta(minutes=10))

    with celery_conf(**REFUSING):
        out = _sweep()

    assert "certificates: 0 re-sent" in out.splitlines()
    cert = Certificate.objects.get(user=learner)
    _stuck(cert)
    assert cert.modified > timezone.now() - timedelta(minutes=1)  # claimed: the next try is a threshold away


def test_rendered_and_other_certificates_are_never_resent(world, complete):
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete(learner, CERT_COURSE, readings)  # broker fine: issued and rendered at once
    cert = Certificate.objects.get(user=learner)
    assert cert.status == "downloadable"
    _age_certificates(timedelta(days=1))

    assert certificates_api.resend_stuck(timedelta(minutes=5)) == 0
    for status in ("error", "notpassing", "invalidated", "deleted"):
        Certificate.objects.filter(pk=cert.pk).update(status=status, pdf="")
        assert certificates_api.resend_stuck(timedelta(minutes=5)) == 0


def test_the_sweep_takes_the_oldest_stuck_certificates_first_up_to_the_limit(
    world, client_for, django_capture_on_commit_callbacks
):
    readings = build_reading_course()
    world.users["second"] = make_user("second")
    names = ("learner", "second")
    for name in names:
        courses_api.enroll(CERT_COURSE, world.users[name].pk)
        with django_capture_on_commit_callbacks(execute=False):
            complete_blocks(world.users[name], CERT_COURSE, readings)
        with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
            assert client_for(name).post(f"/api/v1/courses/{CERT_COURSE}/certificates/request").status_code == 201
    Certificate.objects.filter(user=world.users["learner"]).update(modified=timezone.now() - timedelta(hours=2))
    Certificate.objects.filter(user=world.users["second"]).update(modified=timezone.now() - timedelta(hours=3))

    assert "certificates: 1 re-sent" in _sweep("--limit", "1").splitlines()

    statuses = {name: Certificate.objects.get(user=world.users[name]).status for name in names}
    assert statuses == {"learner": "generating", "second": "downloadable"}


def test_regenerating_with_the_broker_down_keeps_the_certificate_generating_with_the_reason(
    world, complete, django_capture_on_commit_callbacks
):
    readings = build_reading_course()
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete(learner, CERT_COURSE, readings)
    cert = Certificate.objects.get(user=learner)

    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        certificates_api.regenerate_certificate(str(cert.verify_uuid))

    _stuck(Certificate.objects.get(pk=cert.pk))


def test_bulk_render_batches_that_cannot_be_sent_record_the_reason_on_their_rows(
    world, client_for, django_capture_on_commit_callbacks
):
    learner = _qualified_learner(world, django_capture_on_commit_callbacks)
    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        client_for("learner").post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")
    Certificate.objects.update(error_message="")
    cert = Certificate.objects.get(user=learner)

    with celery_conf(**REFUSING):
        certificates_api.send_render_batches(CERT_COURSE, [cert.pk], 10)

    _stuck(Certificate.objects.get(pk=cert.pk))


def _quiz_course() -> dict[str, str]:
    courses_api.create_course(course_key=QUIZ_COURSE, title="Quiz only", self_paced=True)
    Course.objects.filter(course_key=CourseKey.from_string(QUIZ_COURSE)).update(certificates_active=True)
    check = Leaf("llp_quiz", "Check", {"pass_score": 0.5, "max_attempts": 2}, content=QUIZ)
    return build_structure(QUIZ_COURSE, [Lesson("Lesson 1", [Seq("Seq 1", [check])])])


def test_the_last_quiz_submit_with_the_broker_down_answers_200_and_the_certificate_waits_generating(
    world, client_for, django_capture_on_commit_callbacks
):
    # Given a self-paced course whose only requirement is one quiz
    blocks = _quiz_course()
    learner = world.users["learner"]
    courses_api.enroll(QUIZ_COURSE, learner.pk)

    # When the learner passes it while the broker refuses connections
    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        response = client_for("learner").post(
            url(QUIZ_COURSE, blocks["Check"], "submit"), {"answers": {"q1": "b", "q2": "a"}}, format="json"
        )

    # Then the submit answers normally, and the certificate was issued here, generating, with the reason
    assert response.status_code == 200
    assert response.json()["passed"] is True
    cert = Certificate.objects.get(user=learner, course_key=CourseKey.from_string(QUIZ_COURSE))
    _stuck(cert)

    # And once the broker is back, the sweep renders it without anyone asking
    _age_certificates(timedelta(minutes=10))
    _sweep()
    cert.refresh_from_db()
    assert cert.status == "downloadable"


def test_the_command_refuses_a_negative_threshold_or_limit():
    with pytest.raises(CommandError, match=r"--older-than must be 0 or more seconds\."):
        _sweep("--older-than", "-1")
    with pytest.raises(CommandError, match=r"--limit must be 1 or more\."):
        _sweep("--limit", "0")
