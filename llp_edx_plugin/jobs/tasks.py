"""The Celery base task for long work with progress, and the ``selftest`` demo job.

A job task takes the Job id only. ``JobTask`` marks the row running, hands the task body a ``JobRun``
(inputs, the checkpoint saved by an earlier attempt, atomic counters), and marks the row done or failed.
Tasks are ``acks_late`` and rejected back to the queue when their worker dies, so an attempt may run again
after a crash: the body resumes from ``run.checkpoint`` and saves each chunk's counters together with the
new checkpoint in one UPDATE (``run.add``), so no item is counted twice.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from celery import Task, shared_task
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..conf import SWEEP_TASK
from ..errors import DomainError, FieldErrors
from . import registry, sweep
from .data import ACTIVE_STATUSES, DONE, FAILED, RUNNING
from .models import Job

logger = logging.getLogger(__name__)

# Longest error text kept on the row (pages show it to the course team).
_ERROR_MAX_CHARS = 500


class JobRun:
    """What a job's task body sees: the row's inputs, its checkpoint, and counters moved atomically.

    One attempt of one task owns the row while it runs (a job has at most one active attempt), so the
    ``result`` dict kept here is the row's.
    """

    def __init__(self, job: Job):
        self.job_id: int = job.pk
        self.kind: str = job.kind
        self.course_key: str | None = str(job.course_key) if job.course_key else None
        self.requested_by_id: int | None = job.requested_by_id
        self.parameters: dict[str, Any] = dict(job.parameters or {})
        self._result: dict[str, Any] = dict(job.result or {})
        self._checkpoint: dict[str, Any] = dict(job.checkpoint or {})

    @property
    def attempt(self) -> int:
        """1 for the first run, 2 after one worker death, ..."""
        return int(self._result.get("attempts", 1))

    @property
    def checkpoint(self) -> dict[str, Any]:
        """What the previous attempt saved with its last ``add`` (empty on the first attempt)."""
        return dict(self._checkpoint)

    def set_total(self, total: int) -> None:
        """The number of items the job will process (the progress bar's 100%)."""
        Job.objects.filter(pk=self.job_id).update(total=max(0, int(total)))

    def add(self, *, done: int = 0, failed: int = 0, checkpoint: dict[str, Any] | None = None) -> None:
        """Count processed items and, in the same UPDATE, save where a later attempt must resume.

        Call it inside the transaction that did the chunk's work so both commit or neither does.
        """
        fields: dict[str, Any] = {"done": F("done") + int(done), "failed": F("failed") + int(failed)}
        if checkpoint is not None:
            self._checkpoint = dict(checkpoint)
            fields["checkpoint"] = self._checkpoint
        # Only while the job is active: an attempt still running after another finished the job counts nothing.
        Job.objects.filter(pk=self.job_id, status__in=ACTIVE_STATUSES).update(**fields)


class JobTask(Task):
    """Base class of every job task: ``@job_task("kind")`` (or ``shared_task(base=JobTask, bind=True)``).

    The body is ``def body(self, run: JobRun) -> dict | None``; the dict it returns becomes the job's result.
    A body that raises marks the job failed (``result["error"]``); the exception is logged, not re-raised,
    so the message is acknowledged and the failure lives on the row, where pages read it.
    """

    acks_late = True
    reject_on_worker_lost = True
    # A job whose attempts keep killing the worker is given up rather than redelivered forever.
    max_attempts = 5

    def __call__(self, job_id: int, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        run = _begin(job_id, self.max_attempts)
        if run is None:
            return None  # unknown, already finished, or given up: a redelivery has nothing to do
        try:
            outcome = super().__call__(run, *args, **kwargs)
        except Exception as exc:  # every failure must reach the row, not only domain errors
            if not isinstance(exc, DomainError):
                logger.exception("Job %s (%s) failed", job_id, self.name)
            message = str(exc) if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"
            _finish(run, FAILED, {"error": message[:_ERROR_MAX_CHARS]})
            return None
        _finish(run, DONE, dict(outcome or {}))
        return outcome


def _begin(job_id: int, max_attempts: int) -> JobRun | None:
    """Mark the job running and count this attempt; None when there is nothing to run."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in ACTIVE_STATUSES:
            return None
        attempts = int((job.result or {}).get("attempts", 0)) + 1
        # The task arrived: a reason recorded by a failed send no longer applies.
        earlier = {name: value for name, value in (job.result or {}).items() if name != "queue_error"}
        job.result = {**earlier, "attempts": attempts}
        if attempts > max_attempts:
            job.status = FAILED
            job.finished = timezone.now()
            job.result = {"attempts": attempts - 1, "error": f"Gave up after {attempts - 1} attempts."}
            job.save(update_fields=["status", "finished", "result"])
            return None
        job.status = RUNNING
        job.started = job.started or timezone.now()
        job.save(update_fields=["status", "started", "result"])
        return JobRun(job)


def _finish(run: JobRun, status: str, outcome: dict[str, Any]) -> None:
    """Record the outcome once: a broker may run two attempts at once (Redis visibility timeout), and the one
    that ends second must not overwrite what the first recorded."""
    result = {**outcome, "attempts": run.attempt}
    Job.objects.filter(pk=run.job_id, status__in=ACTIVE_STATUSES).update(
        status=status, finished=timezone.now(), result=result
    )


def job_task(kind: str, *, validate: registry.Validator | None = None, **options: Any) -> Callable:
    """Declare the Celery task that runs job ``kind`` (``start_job(kind, ...)`` then enqueues it)."""

    def decorator(body: Callable) -> Any:
        task = shared_task(base=JobTask, bind=True, **options)(body)
        registry.register(kind, task, validate)
        return task

    return decorator


def _selftest_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    limits = {"n": (1, 1_000_000, 100), "chunk": (1, 10_000, 10), "fail_at": (0, 1_000_000, None)}
    for name, (low, high, default) in limits.items():
        value = parameters.get(name, default)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[name] = [f"Must be a whole number from {low} to {high}."]
        else:
            clean[name] = value
    pause = parameters.get("pause", 0.01)
    if isinstance(pause, bool) or not isinstance(pause, int | float) or not 0 <= pause <= 5:
        errors["pause"] = ["Must be a number of seconds from 0 to 5."]
    else:
        clean["pause"] = pause
    unknown = sorted(set(parameters) - set(limits) - {"pause"})
    if unknown:
        errors["parameters"] = [f"Unknown parameter(s): {', '.join(unknown)}."]
    if errors:
        raise FieldErrors(errors)
    return clean


@shared_task(name=SWEEP_TASK, acks_late=True, ignore_result=True)
def sweep_stuck_task() -> dict[str, int]:
    """Celery beat's periodic sweep: re-send stuck jobs and every registered domain's stuck rows."""
    return sweep.sweep()


@job_task("selftest", validate=_selftest_parameters)
def selftest(self: JobTask, run: JobRun) -> dict[str, Any]:
    """Count to ``n`` in chunks, pausing per chunk: a demo of progress, failure and resuming.

    Parameters: ``n`` items, ``chunk`` items per step, ``pause`` seconds per step, ``fail_at`` (optional)
    the item at which to fail, to show a failed job.
    """
    n, chunk, pause = run.parameters["n"], run.parameters["chunk"], run.parameters["pause"]
    fail_at = run.parameters.get("fail_at")
    run.set_total(n)
    position = int(run.checkpoint.get("next", 0))
    while position < n:
        size = min(chunk, n - position)
        if fail_at is not None and position <= fail_at < position + size:
            raise DomainError(f"Failed at item {fail_at} as asked.")
        time.sleep(pause)
        position += size
        run.add(done=size, checkpoint={"next": position})
    return {"counted": n}
