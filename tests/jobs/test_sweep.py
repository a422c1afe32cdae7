"""jobs.sweep: a job left pending by a broker outage is sent again, once per threshold, by the periodic sweep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from llp_edx_plugin.jobs import api as jobs_api
from llp_edx_plugin.jobs import sweep as sweep_module
from llp_edx_plugin.jobs.models import Job
from tests.jobs.celery_conf import celery_conf

pytestmark = pytest.mark.django_db

COURSE = "course-v1:LLP+LEAD101+2026"
FAST = {"n": 30, "chunk": 10, "pause": 0}
REFUSING = {"task_always_eager": False, "broker_url": "redis://127.0.0.1:1/0"}
MINUTE = timedelta(minutes=1)


def _pending_while_broker_down(django_capture_on_commit_callbacks, **parameters) -> int:
    with celery_conf(**REFUSING), django_capture_on_commit_callbacks(execute=True):
        job = jobs_api.start_job("selftest", COURSE, None, {**FAST, **parameters})
    assert jobs_api.get_job(job.id).status == "pending"
    return job.id


def _age(job_id: int, by: timedelta) -> None:
    Job.objects.filter(pk=job_id).update(last_sent_at=timezone.now() - by)


def test_a_job_stuck_pending_is_sent_again_once_the_broker_is_back(django_capture_on_commit_callbacks):
    # Given a job whose task could not be sent, pending for longer than the threshold
    job_id = _pending_while_broker_down(django_capture_on_commit_callbacks)
    _age(job_id, 2 * MINUTE)

    # When the sweep runs with the broker back (tasks run eagerly here)
    sent = jobs_api.resend_stuck_jobs(MINUTE)

    # Then the job ran from the start to the end, and the reason is gone
    job = jobs_api.get_job(job_id)
    assert sent == 1
    assert (job.status, job.done, job.result) == ("done", 30, {"counted": 30, "attempts": 1})


def test_a_job_pending_for_less_than_the_threshold_is_left_alone(django_capture_on_commit_callbacks):
    job_id = _pending_while_broker_down(django_capture_on_commit_callbacks)

    assert jobs_api.resend_stuck_jobs(MINUTE) == 0
    assert jobs_api.get_job(job_id).status == "pending"


def test_a_failed_resend_keeps_the_job_pending_and_waits_a_full_threshold_before_the_next(
    django_capture_on_commit_callbacks,
):
    job_id = _pending_while_broker_down(django_capture_on_commit_callbacks)
    _age(job_id, 2 * MINUTE)

    with celery_conf(**REFUSING):
        assert jobs_api.resend_stuck_jobs(MINUTE) == 0

    job = jobs_api.get_job(job_id)
    assert job.status == "pending"
    assert job.result["queue_error"].startswith("Not queued: OperationalError")
    # the attempt moved its clock: the next sweep does not send it again before another threshold
    assert jobs_api.resend_stuck_jobs(MINUTE) == 0
    assert jobs_api.get_job(job_id).status == "pending"


def test_two_sweeps_send_a_stuck_job_once(django_capture_on_commit_callbacks):
    job_id = _pending_while_broker_down(django_capture_on_commit_callbacks)
    _age(job_id, 2 * MINUTE)

    with celery_conf(task_always_eager=False, broker_url="memory://"):
        first = jobs_api.resend_stuck_jobs(MINUTE)
        second = jobs_api.resend_stuck_jobs(MINUTE)

    assert (first, second) == (1, 0)


@pytest.mark.parametrize("status", ["running", "done", "failed"])
def test_jobs_that_are_not_pending_are_never_resent(status, django_capture_on_commit_callbacks):
    job_id = _pending_while_broker_down(django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job_id).update(status=status, last_sent_at=timezone.now() - 2 * MINUTE)

    assert jobs_api.resend_stuck_jobs(MINUTE) == 0
    assert jobs_api.get_job(job_id).status == status


def test_the_sweep_takes_the_oldest_first_up_to_its_limit(django_capture_on_commit_callbacks):
    newer = _pending_while_broker_down(django_capture_on_commit_callbacks, n=10)
    older = _pending_while_broker_down(django_capture_on_commit_callbacks, n=20)
    _age(newer, 2 * MINUTE)
    _age(older, 3 * MINUTE)

    assert jobs_api.resend_stuck_jobs(MINUTE, limit=1) == 1

    assert (jobs_api.get_job(older).status, jobs_api.get_job(newer).status) == ("done", "pending")


def test_a_job_of_a_kind_nobody_runs_is_left_pending(django_capture_on_commit_callbacks, caplog):
    job_id = _pending_while_broker_down(django_capture_on_commit_callbacks)
    Job.objects.filter(pk=job_id).update(kind="retired", last_sent_at=timezone.now() - 2 * MINUTE)

    assert jobs_api.resend_stuck_jobs(MINUTE) == 0
    assert jobs_api.get_job(job_id).status == "pending"
    assert "unknown kind 'retired'" in caplog.text


def test_sweep_reports_each_domain_and_one_failing_sweeper_does_not_stop_the_others(monkeypatch, caplog):
    monkeypatch.setattr(sweep_module, "_SWEEPERS", {})
    calls = []

    def broken(older_than, limit):
        raise RuntimeError("no database")

    def counting(older_than, limit):
        calls.append((older_than, limit))
        return 3

    jobs_api.register_sweeper("broken", broken)
    jobs_api.register_sweeper("rows", counting)

    report = jobs_api.sweep(MINUTE, 7)

    assert report == {"jobs": 0, "broken": 0, "rows": 3}
    assert calls == [(MINUTE, 7)]
    assert "The broken sweep failed" in caplog.text


def test_sweep_defaults_to_the_settings(monkeypatch, settings):
    monkeypatch.setattr(sweep_module, "_SWEEPERS", {})
    settings.LLP_CERTIFICATES = {**settings.LLP_CERTIFICATES, "SWEEP_AFTER_SECONDS": 90, "SWEEP_LIMIT": 5}
    seen = []
    jobs_api.register_sweeper("rows", lambda older_than, limit: seen.append((older_than, limit)) or 0)

    jobs_api.sweep()

    assert seen == [(timedelta(seconds=90), 5)]
