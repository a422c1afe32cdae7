"""The Certificates tab's jobs: bulk generation (chunked, resumable), one certificate's regeneration, examples.

Bulk generation walks the enrolled learners in chunks ordered by user id. Each chunk's records, the job's
counters and the checkpoint (the last user id done, and the running counts) commit in ONE transaction, so a
task redelivered after its worker died resumes after the last committed chunk and counts every learner once.
Attempts running at the same time (a broker redelivering a long task) take chunks in turn from that checkpoint.
Each chunk's new ``generating`` certificates are sent as render batches to any worker process; at the end
the job itself renders whatever is still waiting (rows another process is rendering are skipped and waited
for), so the job is done only when every PDF is rendered or marked ``error``.
"""

import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..errors import DomainError, FieldErrors
from ..jobs import api as jobs_api
from .data import EXAMPLE, GENERATION, REGENERATION

# The jobs domain's task base, reached through its api module (which imports it to register its own kinds).
JobRun = jobs_api.JobRun
JobTask = jobs_api.JobTask
job_task = jobs_api.job_task

# Learners per transaction of a generation job. Each chunk costs about ten queries whatever its size (the course,
# the page of ids, progress, allowlist, rows, profiles, the writes, the checkpoint): at 1,000 they are a fifth of
# issuing's time beyond a bare insert (bench/bulk_issue.py: 1.30x at 1,000, 1.41-1.48x at 500; ADR 0042).
CHUNK_SIZE = 1000
RENDER_BATCH = 25
# How long the end of a job waits for render batches other worker processes hold before giving up.
RENDER_WAIT_SECONDS = 1800

# In-process observers of bulk generation progress: ``(job_id, processed, total)`` after each chunk.
# The ``generate_certificates`` command draws its terminal progress bar with one.
progress_listeners: list[Callable[[int, int, int], None]] = []

_COUNT_NAMES = ("issued", "notpassing", "skipped", "errors")
# First key of the PostgreSQL advisory locks of generation jobs (the second is the job id).
_LOCK_CLASS = 0x11C7


def _whole(parameters: dict, name: str, low: int, high: int, errors: dict, clean: dict) -> None:
    if name not in parameters:
        return
    value = parameters[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[name] = [f"Must be a whole number from {low} to {high}."]
    else:
        clean[name] = value


def generation_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """``statuses`` (a regeneration: downloadable|notpassing|error), optional ``chunk_size``/``render_batch``."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    try:
        statuses = certificates_api.clean_statuses(parameters.get("statuses"))
    except FieldErrors as exc:
        errors.update(exc.errors)
    else:
        if statuses:
            clean["statuses"] = list(statuses)
    _whole(parameters, "chunk_size", 1, 5000, errors, clean)
    _whole(parameters, "render_batch", 1, 500, errors, clean)
    unknown = sorted(set(parameters) - {"statuses", "chunk_size", "render_batch"})
    if unknown:
        errors["parameters"] = [f"Unknown parameter(s): {', '.join(unknown)}."]
    if errors:
        raise FieldErrors(errors)
    return clean


def _notify(job_id: int, processed: int, total: int) -> None:
    for listener in list(progress_listeners):
        listener(job_id, processed, total)


def _drain(course_key: str, batch: int, reason: str, actor_id: int | None) -> None:
    """Render what is still waiting; wait for batches other processes hold; return when none is left."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while True:
        outcome = certificates_api.render_many(course_key, limit=batch, reason=reason, actor_id=actor_id)
        if outcome.rendered or outcome.errors:
            continue
        if certificates_api.pending_count(course_key) == 0:
            return
        if time.monotonic() > deadline:
            raise DomainError("Some certificates were still being rendered elsewhere; run the generation again.")
        time.sleep(0.2)  # rows locked by another worker's batch: it will finish them (or die and free them)


def _lock_job(job_id: int) -> None:
    """Serialise the chunks of one job across attempts (PostgreSQL; SQLite serialises every write anyway).

    A broker may hand a long task to a second worker while the first still runs it (Redis's visibility
    timeout): both attempts then take chunks in turn from the shared checkpoint, and none is done twice.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_CLASS, job_id])


def _checkpoint(job_id: int) -> tuple[int, dict[str, int]]:
    saved = jobs_api.get_job(job_id).checkpoint
    counts = saved.get("counts") or {}
    return int(saved.get("after", 0)), {name: int(counts.get(name, 0)) for name in _COUNT_NAMES}


@job_task(GENERATION, validate=generation_parameters)
def generate_certificates(self: JobTask, run: JobRun) -> dict[str, Any]:
    """Issue to every qualified enrolled learner and record ``notpassing`` for the others; render the PDFs."""
    course_key = run.course_key
    statuses = run.parameters.get("statuses") or None
    chunk_size = run.parameters.get("chunk_size", CHUNK_SIZE)
    batch = run.parameters.get("render_batch", RENDER_BATCH)
    reason = f"{'regeneration' if statuses else 'generation'} job {run.job_id}"
    total = courses_api.enrolled_count(course_key)
    run.set_total(total)
    while True:
        with transaction.atomic():  # the chunk's rows, counters and checkpoint: all or nothing
            _lock_job(run.job_id)
            after, counts = _checkpoint(run.job_id)
            # The next chunk after the checkpoint, read page by page: no list of the whole course (P1).
            chunk = courses_api.enrolled_user_ids_after(course_key, after, chunk_size)
            if not chunk:
                break
            outcome = certificates_api.issue_many(
                course_key, chunk, statuses=statuses, reason=reason, actor_id=run.requested_by_id
            )
            counts = {name: counts[name] + value for name, value in outcome.as_dict().items()}
            run.add(
                done=outcome.issued + outcome.notpassing + outcome.skipped,
                failed=outcome.errors,
                checkpoint={"after": chunk[-1], "counts": counts},
            )
        certificates_api.send_render_batches(
            course_key, outcome.generating_ids, batch, reason=reason, actor_id=run.requested_by_id
        )
        _notify(run.job_id, sum(counts.values()), total)  # each learner lands in exactly one count
    _drain(course_key, batch, reason, run.requested_by_id)
    _, counts = _checkpoint(run.job_id)
    return {
        **counts,
        "statuses": list(statuses) if statuses else None,
        "learners": total,
        "certificates": certificates_api.status_counts(course_key),
    }


def _uuid_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """``uuid`` of the certificate; ``username`` of its holder, kept for the history."""
    value, username = parameters.get("uuid"), parameters.get("username", "")
    if not isinstance(value, str) or not value or not isinstance(username, str):
        raise FieldErrors.single("uuid", "Give the certificate's uuid.")
    if set(parameters) - {"uuid", "username"}:
        raise FieldErrors.single("parameters", "Only 'uuid' and 'username'.")
    return {"uuid": value, "username": username} if username else {"uuid": value}


@job_task(REGENERATION, validate=_uuid_parameters)
def regenerate_certificate(self: JobTask, run: JobRun) -> dict[str, Any]:
    """Re-snapshot and re-render one certificate; its previous PDF stays in its history."""
    cert = certificates_api.regenerate_certificate(run.parameters["uuid"], actor_id=run.requested_by_id)
    rendered = certificates_api.render_certificate(cert.id, actor_id=run.requested_by_id)
    status = rendered.status if rendered else cert.status
    return {"uuid": cert.uuid, "username": cert.username, "certificate_status": status}


def _no_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    if parameters:
        raise FieldErrors.single("parameters", "Example certificates take no parameters.")
    return {}


@job_task(EXAMPLE, validate=_no_parameters)
def generate_example(self: JobTask, run: JobRun) -> dict[str, Any]:
    """Render the course's example certificates (a dummy learner); the result says success or the error."""
    outcome = certificates_api.generate_example(run.course_key)
    return {"status": outcome.status, "error": outcome.error, "previews": list(outcome.previews)}
