"""Sending the certificates domain's tasks through a broker outage, and re-sending what got stuck.

A certificate whose render task could not be sent stays ``generating`` with the reason in
``error_message``; the jobs domain's periodic sweep calls ``resend_stuck``, which sends the render task again
for every certificate still ``generating`` without a PDF past the threshold (rendering skips rendered rows,
so a second message costs nothing). ADR 0026.
"""

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from ..jobs import api as jobs_api
from .models import Certificate, CertificateStatus

log = logging.getLogger(__name__)

# The name of this domain's line in a sweep's report (``manage.py llp_sweep``).
SWEEPER = "certificates"


def record_not_queued(*certificate_ids: int) -> jobs_api.OnFailure:
    """``on_failure`` for a render send: the certificates stay ``generating``, with the reason recorded."""
    ids = list(certificate_ids)

    def record(exc: Exception) -> None:
        Certificate.objects.filter(pk__in=ids, status=CertificateStatus.GENERATING, pdf="").update(
            error_message=jobs_api.describe_failure(exc)[:2000]
        )

    return record


def send_render(certificate_id: int) -> None:
    """Render the certificate's PDF in the background once the current transaction commits; never raises."""
    from . import tasks  # a module-level import would tie the models to Celery at import time

    jobs_api.send_on_commit(tasks.render_certificate_task, certificate_id, on_failure=record_not_queued(certificate_id))


def send_issue_if_qualified(user_id: int, course_key: str) -> None:
    """Automatic issuing in the background after commit; when the task cannot be sent, issue here instead.

    Issuing is only database work (the PDF renders in its own task), so the certificate exists and waits,
    ``generating``, for the sweep even while the broker is down.
    """
    from . import tasks

    def issue_here(exc: Exception) -> None:
        from .api import issue_if_qualified

        issue_if_qualified(user_id, course_key)

    jobs_api.send_on_commit(tasks.issue_if_qualified_task, user_id, course_key, on_failure=issue_here)


def resend_stuck(older_than: timedelta, limit: int = 1000) -> int:
    """Send the render task again for certificates ``generating`` without a PDF for ``older_than``; how many.

    Rows are claimed (``modified`` moved to now, the old reason cleared) before sending, skipping rows a
    renderer holds locked, so concurrent sweeps never send one row twice and each row is re-sent at most once
    per ``older_than``. A send that fails records its reason again.
    """
    from . import tasks

    cutoff = timezone.now() - older_than
    with transaction.atomic():
        rows = Certificate.objects.filter(status=CertificateStatus.GENERATING, pdf="", modified__lt=cutoff)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("modified", "pk").values_list("pk", flat=True)[:limit])
        Certificate.objects.filter(pk__in=ids).update(modified=timezone.now(), error_message="")
    sent = 0
    for certificate_id in ids:
        if jobs_api.send(tasks.render_certificate_task, certificate_id, on_failure=record_not_queued(certificate_id)):
            sent += 1
    if ids:
        log.info("Re-sent the render task of %s of %s stuck certificate(s)", sent, len(ids))
    return sent


jobs_api.register_sweeper(SWEEPER, resend_stuck)
