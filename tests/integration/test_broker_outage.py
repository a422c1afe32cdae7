"""Broker down, then up (issue 8 acceptance): no 500, and the stuck work finishes by itself.

A REAL worker running Celery beat (as the demo's does) with a one-second sweep; the test process's Celery app
points at a closed port while the learner acts, then back at the real Redis. Nobody calls the sweep.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/llp pytest --no-migrations tests/integration
"""

import pytest
from django.db import connection
from opaque_keys.edx.keys import CourseKey
from rest_framework.test import APIClient

from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.jobs import api as jobs_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from tests.jobs.celery_conf import celery_conf
from tests.people import make_user

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BROKER_DOWN = {"broker_url": "redis://127.0.0.1:1/0"}
# Beat sends the sweep every second; a row stuck for a second is re-sent.
FAST_SWEEP = {"LLP_SWEEP_EVERY_SECONDS": "1", "LLP_SWEEP_AFTER_SECONDS": "1"}


def _status(learner) -> str | None:
    return (
        Certificate.objects.filter(user=learner, course_key=CourseKey.from_string(CERT_COURSE))
        .values_list("status", flat=True)
        .first()
    )


def test_a_certificate_stuck_by_a_broker_outage_ends_downloadable_without_anyone_acting(
    celery_workers, settings, tmp_path
):
    assert not connection.in_atomic_block  # every row below is committed: the worker sees it
    settings.MEDIA_ROOT = tmp_path
    readings = build_reading_course()  # self-paced: completing it issues automatically
    learner = make_user("outage")
    courses_api.enroll(CERT_COURSE, learner.pk)
    client = APIClient()
    client.force_authenticate(learner)

    # While the broker is unreachable, the learner completes the course and asks for the certificate
    with celery_conf(**BROKER_DOWN):
        answers = [
            client.post(f"/courses/{CERT_COURSE}/xblock/{usage_key}/handler/complete", {}, format="json")
            for usage_key in readings
        ]
        request = client.post(f"/api/v1/courses/{CERT_COURSE}/certificates/request")

    # Every action answered normally; the certificate waits, generating, with the reason
    assert [a.status_code for a in answers] == [200, 200]
    assert request.status_code in (200, 201)
    cert = Certificate.objects.get(user=learner)
    assert (cert.status, bool(cert.pdf)) == ("generating", False)
    assert cert.error_message.startswith("Not queued: OperationalError")

    # When the broker is back (the test's app sends to the real Redis again) and a worker runs beat
    worker = celery_workers.start("beat", beat=True, env=FAST_SWEEP)

    # Then the sweep re-sends the render task and the certificate ends downloadable, nobody having acted
    wait_for(lambda: _status(learner) == "downloadable", timeout=90, what="the swept certificate to render")
    cert.refresh_from_db()
    assert cert.pdf, celery_workers.log(worker)
    assert len(cert.pdf_sha256) == 64
    assert cert.error_message == ""


def test_a_job_stuck_pending_by_a_broker_outage_is_run_by_the_sweep(celery_workers):
    # Given a job started while the broker is unreachable: it stays pending with the reason
    with celery_conf(**BROKER_DOWN):
        job = jobs_api.start_job("selftest", "course-v1:LLP+LEAD101+2026", None, {"n": 20, "chunk": 5, "pause": 0})
    job = jobs_api.get_job(job.id)
    assert job.status == "pending"
    assert job.result["queue_error"].startswith("Not queued: OperationalError")

    # When the broker is back and a worker runs beat with a short sweep
    worker = celery_workers.start("beat", beat=True, env=FAST_SWEEP)

    # Then the job runs to the end by itself, counted once
    done = wait_for(
        lambda: (j := jobs_api.get_job(job.id)).status in ("done", "failed") and j,
        timeout=90,
        what="the swept job to finish",
    )
    assert (done.status, done.done, done.total) == ("done", 20, 20), celery_workers.log(worker)
    assert done.result == {"counted": 20, "attempts": 1}
