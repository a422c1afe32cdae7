"""The periodic sweep: re-send work whose task never reached a worker (broker outage, lost message).

The jobs domain re-sends its own pending jobs; higher domains register a sweeper for their rows (e.g. the
certificates domain for certificates stuck in ``generating``). Celery beat runs ``tasks.sweep_stuck_task``
every ``SWEEP_EVERY_SECONDS``; ``manage.py llp_sweep`` runs the same sweep by hand.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..conf import llp_setting
from . import registry
from .data import PENDING
from .dispatch import describe_failure, send
from .models import Job

logger = logging.getLogger(__name__)

# ``sweeper(older_than, limit)`` re-sends the domain's rows stuck longer than ``older_than``; returns how many.
Sweeper = Callable[[timedelta, int], int]

# Name of the jobs' own line in a sweep's report.
JOBS = "jobs"

_SWEEPERS: dict[str, Sweeper] = {}


def register_sweeper(name: str, sweeper: Sweeper) -> None:
    """Have every sweep call ``sweeper``; registering a name again replaces it (module reloads)."""
    _SWEEPERS[name] = sweeper


def record_not_queued(job_id: int) -> Callable[[Exception], None]:
    """``on_failure`` for a job's send: the job stays pending with the reason, for the sweep to re-send."""

    def record(exc: Exception) -> None:
        job = Job.objects.filter(pk=job_id, status=PENDING).first()
        if job is not None:
            Job.objects.filter(pk=job_id, status=PENDING).update(
                result={**(job.result or {}), "queue_error": describe_failure(exc)}
            )

    return record


def resend_stuck_jobs(older_than: timedelta, limit: int | None = None) -> int:
    """Send again the task of every job still pending ``older_than`` after its last send; how many were sent.

    A job is claimed by moving its ``last_sent_at`` first, so two sweeps at once never both send it, and a job
    waiting in a long queue gets at most one extra message per ``older_than`` (harmless: a job's task resumes
    from its checkpoint and records its outcome once).
    """
    limit = int(llp_setting("SWEEP_LIMIT")) if limit is None else limit
    cutoff = timezone.now() - older_than
    candidates = list(
        Job.objects.filter(status=PENDING, last_sent_at__lt=cutoff)
        .order_by("last_sent_at", "pk")
        .values_list("pk", "kind")[:limit]
    )
    sent = 0
    for job_id, kind in candidates:
        with transaction.atomic():
            claimed = Job.objects.filter(pk=job_id, status=PENDING, last_sent_at__lt=cutoff).update(
                last_sent_at=timezone.now()
            )
        if not claimed:
            continue  # started, finished or claimed by another sweep meanwhile
        try:
            task = registry.get_kind(kind).task
        except Exception:  # a kind this process does not know (e.g. a removed feature): leave it for an operator
            logger.warning("Job %s of unknown kind %r is pending; not re-sent", job_id, kind)
            continue
        if send(task, job_id, on_failure=record_not_queued(job_id)):
            sent += 1
            logger.info("Re-sent pending job %s (%s)", job_id, kind)
    return sent


def sweep(older_than: timedelta | None = None, limit: int | None = None) -> dict[str, int]:
    """Re-send stuck jobs and every registered domain's stuck rows; ``{name: how many were re-sent}``."""
    if older_than is None:
        older_than = timedelta(seconds=float(llp_setting("SWEEP_AFTER_SECONDS")))
    limit = int(llp_setting("SWEEP_LIMIT")) if limit is None else limit
    report = {JOBS: resend_stuck_jobs(older_than, limit)}
    for name, sweeper in sorted(_SWEEPERS.items()):
        try:
            report[name] = sweeper(older_than, limit)
        except Exception:  # one domain's failure must not stop the others' sweep
            logger.exception("The %s sweep failed", name)
            report[name] = 0
    return report
