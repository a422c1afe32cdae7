"""Jobs through a REAL Celery worker process (Redis broker, PostgreSQL test database).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/llp pytest --no-migrations tests/integration
"""

import os
import signal
import time

import pytest
from django.db import connection

from llp_edx_plugin.errors import Conflict
from llp_edx_plugin.jobs import api as jobs_api

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

COURSE = "course-v1:LLP+LEAD101+2026"
# 40 chunks of 5 items, 50 ms each: about two seconds, long enough to act while it runs.
SLOW = {"n": 200, "chunk": 5, "pause": 0.05}


def _finished(job_id: int):
    job = jobs_api.get_job(job_id)
    return job if job.status in ("done", "failed") else None


def test_a_selftest_job_runs_to_done_in_a_real_worker(celery_worker, celery_workers):
    # Given rows this process commits (no test transaction around them)
    assert not connection.in_atomic_block

    # When a job is started
    job = jobs_api.start_job("selftest", COURSE, None, {"n": 200, "chunk": 10, "pause": 0.005})

    # Then the worker runs it to the end
    job = wait_for(lambda: _finished(job.id), timeout=30, what="the job to finish")
    assert (job.status, job.total, job.done, job.failed) == ("done", 200, 200, 0), celery_workers.log(celery_worker)
    assert job.result == {"counted": 200, "attempts": 1}


def test_a_duplicate_of_a_running_job_is_refused_and_allowed_once_it_is_done(celery_worker):
    job = jobs_api.start_job("selftest", COURSE, None, SLOW)
    wait_for(lambda: jobs_api.get_job(job.id).status == "running", timeout=20, what="the job to run")

    with pytest.raises(Conflict, match=f"job {job.id}"):
        jobs_api.start_job("selftest", COURSE, None, dict(SLOW))

    wait_for(lambda: _finished(job.id), timeout=30, what="the job to finish")
    again = jobs_api.start_job("selftest", COURSE, None, dict(SLOW))
    assert again.id != job.id
    again = wait_for(lambda: _finished(again.id), timeout=30, what="the second job to finish")
    assert (again.status, again.done) == ("done", 200)
    assert jobs_api.get_job(job.id).done == 200


def test_a_job_whose_worker_is_killed_is_finished_by_another_worker_counting_each_item_once(celery_workers):
    # Given a worker that is half-way through a job
    first = celery_workers.start("first")
    job = jobs_api.start_job("selftest", COURSE, None, SLOW)
    wait_for(lambda: jobs_api.get_job(job.id).done >= 50, timeout=20, what="the job to get going")

    # When the worker dies without acknowledging the task
    celery_workers.kill(first)
    at_kill = jobs_api.get_job(job.id)
    time.sleep(0.3)
    assert jobs_api.get_job(job.id) == at_kill  # nobody is working on it any more
    assert at_kill.status == "running"
    assert 50 <= at_kill.done < 200

    # Then a new worker receives the task again and finishes from the checkpoint
    second = celery_workers.start("second")
    job = wait_for(lambda: _finished(job.id), timeout=60, what="the restarted job to finish")
    assert (job.status, job.total, job.done, job.failed) == ("done", 200, 200, 0), celery_workers.log(second)
    assert job.result == {"counted": 200, "attempts": 2}


def _pool_children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(child) for child in children.read().split()]


def test_a_job_whose_pool_process_dies_is_put_back_and_finished_by_the_same_worker(celery_workers):
    # Given a prefork worker whose pool process is half-way through a job (with a long visibility timeout,
    # so only the rejection can bring the task back)
    worker = celery_workers.start("prefork", pool="prefork", visibility_timeout=3600)
    job = jobs_api.start_job("selftest", COURSE, None, SLOW)
    wait_for(lambda: jobs_api.get_job(job.id).done >= 50, timeout=20, what="the job to get going")
    (child,) = _pool_children(worker.pid)

    # When that process is killed (out of memory, segfault)
    os.kill(child, signal.SIGKILL)

    # Then the task is rejected back to the queue (reject_on_worker_lost) and a new pool process finishes it
    job = wait_for(lambda: _finished(job.id), timeout=60, what="the job to finish after the crash")
    assert (job.status, job.total, job.done, job.failed) == ("done", 200, 200, 0), celery_workers.log(worker)
    assert job.result == {"counted": 200, "attempts": 2}
    assert child not in _pool_children(worker.pid)
    log = celery_workers.log(worker)
    assert "WorkerLostError" in log
    assert log.count(" received") == 2  # the first delivery and the rejected one, nothing more
