"""Jobs: start long work as a Job row plus a Celery task sent on commit, and read its progress.

As edx-platform's instructor_task: a job is keyed by a hash of its inputs, and the database refuses a second
active (pending or running) job with the same inputs (constraint ``llp_one_active_job_per_input``).
"""

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from opaque_keys import InvalidKeyError

from ..errors import Conflict, FieldErrors, NotFound
from ..keys import parse_course_key
from . import registry
from . import tasks as _tasks  # noqa: F401  (registers the jobs domain's own kinds, e.g. "selftest")
from .data import ACTIVE_STATUSES, JobData
from .dispatch import OnFailure, TaskQueueUnavailable, describe_failure, send, send_on_commit
from .models import Job
from .sweep import Sweeper, record_not_queued, register_sweeper, resend_stuck_jobs, sweep
from .tasks import JobRun, JobTask, job_task

__all__ = [
    "JobRun",
    "JobTask",
    "OnFailure",
    "Sweeper",
    "TaskQueueUnavailable",
    "describe_failure",
    "get_job",
    "input_hash",
    "job_task",
    "list_jobs",
    "register_sweeper",
    "resend_stuck_jobs",
    "send",
    "send_on_commit",
    "start_job",
    "sweep",
]


def _job_data(job: Job) -> JobData:
    return JobData(
        id=job.pk,
        kind=job.kind,
        course_key=str(job.course_key) if job.course_key else None,
        requested_by_id=job.requested_by_id,
        status=job.status,
        total=job.total,
        done=job.done,
        failed=job.failed,
        parameters=dict(job.parameters or {}),
        result=dict(job.result or {}),
        created=job.created,
        started=job.started,
        finished=job.finished,
        checkpoint=dict(job.checkpoint or {}),
    )


def _canonical(parameters: Mapping[str, Any]) -> str:
    try:
        return json.dumps(parameters, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        raise FieldErrors.single("parameters", "Parameters must be plain JSON values.") from None


def input_hash(kind: str, course_key: str | None, parameters: Mapping[str, Any]) -> str:
    """sha256 of the job's inputs: the same kind, course and parameters give the same hash."""
    canonical = _canonical({"kind": kind, "course_key": course_key, "parameters": dict(parameters)})
    return hashlib.sha256(canonical.encode()).hexdigest()


def start_job(
    kind: str,
    course_key: str | None,
    requested_by_id: int | None,
    parameters: Mapping[str, Any] | None = None,
) -> JobData:
    """Create a pending job and send its task once the row is committed (``dispatch.send_on_commit``).

    ``FieldErrors`` for an unknown kind, course key, user or bad parameters; ``Conflict`` while a job with
    the same kind, course and parameters is pending or running.
    """
    job_kind = registry.get_kind(kind)
    if parameters is not None and not isinstance(parameters, Mapping):
        raise FieldErrors.single("parameters", "Parameters must be an object.")
    clean = dict(parameters or {})
    _canonical(clean)
    if job_kind.validate is not None:
        clean = job_kind.validate(clean)
    key = None
    if course_key is not None:
        try:
            key = str(parse_course_key(course_key))
        except InvalidKeyError:
            raise FieldErrors.single("course_key", f"Not a valid course key: {course_key!r}.") from None
    if requested_by_id is not None and not get_user_model().objects.filter(pk=requested_by_id).exists():
        raise FieldErrors.single("requested_by_id", f"No user with id {requested_by_id}.")
    digest = input_hash(kind, key, clean)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, course_key=key, requested_by_id=requested_by_id, input_hash=digest, parameters=clean
            )
    except IntegrityError:
        active = Job.objects.filter(kind=kind, input_hash=digest, status__in=ACTIVE_STATUSES).first()
        which = f" (job {active.pk})" if active else ""
        raise Conflict(f"A {kind} job with the same inputs is already in progress{which}.") from None
    # A broker outage leaves the job pending with the reason in its result; the sweep sends it again.
    send_on_commit(job_kind.task, job.pk, on_failure=record_not_queued(job.pk))
    return _job_data(job)


def get_job(job_id: int) -> JobData:
    """One job; ``NotFound`` when there is none."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        raise NotFound(f"No job with id {job_id}.")
    return _job_data(job)


def list_jobs(*, kind: str | None = None, course_key: str | None = None, limit: int = 50) -> list[JobData]:
    """Jobs, newest first, optionally of one kind and/or course."""
    rows = Job.objects.all()
    if kind is not None:
        rows = rows.filter(kind=kind)
    if course_key is not None:
        try:
            rows = rows.filter(course_key=parse_course_key(course_key))
        except InvalidKeyError:
            raise FieldErrors.single("course_key", f"Not a valid course key: {course_key!r}.") from None
    return [_job_data(job) for job in rows.order_by("-created", "-pk")[:limit]]
