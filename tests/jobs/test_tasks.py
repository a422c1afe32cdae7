"""JobTask: running, counting, failing, resuming after a worker death, and ignoring redeliveries."""

from datetime import UTC, datetime

import pytest

from llp_edx_plugin.jobs import api as jobs_api
from llp_edx_plugin.jobs.data import JobData
from llp_edx_plugin.jobs.models import Job
from llp_edx_plugin.jobs.tasks import JobRun, JobTask, _finish, selftest

COURSE = "course-v1:LLP+LEAD101+2026"


@pytest.fixture
def pending(django_capture_on_commit_callbacks):
    """Start a selftest job without running its task (the test runs it)."""

    def make(**parameters) -> int:
        with django_capture_on_commit_callbacks(execute=False):
            return jobs_api.start_job("selftest", COURSE, None, {"pause": 0, **parameters}).id

    return make


def test_selftest_task_is_a_late_acking_job_task_rejected_when_its_worker_dies():
    assert isinstance(selftest._get_current_object(), JobTask)
    assert (selftest.acks_late, selftest.reject_on_worker_lost) == (True, True)


@pytest.mark.django_db
def test_a_job_runs_from_pending_to_done(pending):
    job_id = pending(n=50, chunk=10)

    returned = selftest.apply(args=(job_id,)).get()

    job = jobs_api.get_job(job_id)
    assert returned == {"counted": 50}
    assert (job.status, job.total, job.done, job.failed) == ("done", 50, 50, 0)
    assert job.result == {"counted": 50, "attempts": 1}


@pytest.mark.django_db
def test_a_redelivered_attempt_resumes_from_the_checkpoint_and_counts_each_item_once(pending):
    # Given an attempt that died after counting 20 of 50 items
    job_id = pending(n=50, chunk=10)
    started = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    Job.objects.filter(pk=job_id).update(
        status="running", started=started, total=50, done=20, result={"attempts": 1}, checkpoint={"next": 20}
    )

    # When the task is delivered again
    selftest.apply(args=(job_id,))

    # Then it finished the remaining 30 only
    job = jobs_api.get_job(job_id)
    assert (job.status, job.total, job.done, job.failed) == ("done", 50, 50, 0)
    assert job.result == {"counted": 50, "attempts": 2}
    assert job.started == started


@pytest.mark.django_db
def test_a_redelivery_of_a_finished_job_changes_nothing(pending):
    job_id = pending(n=20)
    selftest.apply(args=(job_id,))
    before = jobs_api.get_job(job_id)

    assert selftest.apply(args=(job_id,)).get() is None

    assert jobs_api.get_job(job_id) == before


@pytest.mark.django_db
def test_an_unknown_job_id_is_ignored():
    assert selftest.apply(args=(999_999,)).get() is None
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_a_domain_error_fails_the_job_with_its_message_and_keeps_the_counts(pending):
    job_id = pending(n=50, chunk=10, fail_at=25)

    assert selftest.apply(args=(job_id,)).get() is None

    job = jobs_api.get_job(job_id)
    assert (job.status, job.total, job.done, job.failed) == ("failed", 50, 20, 0)
    assert job.result == {"error": "Failed at item 25 as asked.", "attempts": 1}
    assert job.finished is not None


@pytest.mark.django_db
def test_an_unexpected_error_fails_the_job_with_its_type(pending, caplog):
    job_id = pending(n=10)
    Job.objects.filter(pk=job_id).update(parameters={})  # a row the task body cannot read

    selftest.apply(args=(job_id,))

    job = jobs_api.get_job(job_id)
    assert (job.status, job.result) == ("failed", {"error": "KeyError: 'n'", "attempts": 1})
    assert f"Job {job_id} (llp_edx_plugin.jobs.tasks.selftest) failed" in caplog.text


@pytest.mark.django_db
def test_a_job_that_keeps_killing_its_worker_is_given_up(pending):
    job_id = pending(n=10)
    Job.objects.filter(pk=job_id).update(status="running", done=3, result={"attempts": JobTask.max_attempts})

    selftest.apply(args=(job_id,))

    job = jobs_api.get_job(job_id)
    assert (job.status, job.done) == ("failed", 3)
    assert job.result == {"attempts": 5, "error": "Gave up after 5 attempts."}


@pytest.mark.django_db
def test_counters_are_added_in_the_database_not_overwritten(pending):
    job_id = pending(n=10)
    first, second = JobRun(Job.objects.get(pk=job_id)), JobRun(Job.objects.get(pk=job_id))

    first.add(done=3, failed=1)
    second.add(done=2, checkpoint={"next": 6})
    first.set_total(10)

    job = Job.objects.get(pk=job_id)
    assert (job.total, job.done, job.failed) == (10, 5, 1)
    assert job.checkpoint == {"next": 6}


def _job(status: str, total: int, done: int, failed: int) -> JobData:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return JobData(1, "selftest", None, None, status, total, done, failed, {}, {}, now, None, None, {})


@pytest.mark.parametrize(
    ("status", "total", "done", "failed", "percent", "active"),
    [
        ("pending", 0, 0, 0, 0, True),
        ("running", 200, 50, 0, 25, True),
        ("running", 200, 49, 1, 25, True),
        ("running", 3, 1, 0, 33, True),
        ("running", 10, 12, 0, 100, True),
        ("done", 0, 0, 0, 100, False),
        ("failed", 200, 20, 0, 10, False),
    ],
)
def test_progress_percent_and_activity(status, total, done, failed, percent, active):
    job = _job(status, total, done, failed)

    assert (job.percent, job.is_active) == (percent, active)


@pytest.mark.django_db
def test_an_attempt_still_running_after_another_finished_the_job_changes_nothing(pending):
    # Given two attempts of one job at once (Redis hands a long task to a second worker after its timeout)
    job_id = pending(n=10)
    first, second = JobRun(Job.objects.get(pk=job_id)), JobRun(Job.objects.get(pk=job_id))
    first.add(done=10, checkpoint={"next": 10})
    _finish(first, "done", {"counted": 10})

    # When the late one goes on counting and finishes too
    second.add(done=10, checkpoint={"next": 10})
    _finish(second, "done", {"counted": 0})

    # Then the first outcome stands and nothing was counted twice
    job = Job.objects.get(pk=job_id)
    assert (job.status, job.done, job.result["counted"], job.checkpoint) == ("done", 10, 10, {"next": 10})
