"""Background work of the certificates domain (sent on commit; every task may run twice)."""

from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def render_certificate_task(certificate_id: int) -> None:
    """Render a generating certificate's PDF (idempotent)."""
    from .api import render_certificate

    render_certificate(certificate_id)


@shared_task(acks_late=True, ignore_result=True)
def issue_if_qualified_task(user_id: int, course_key: str) -> None:
    """Automatic issuing after a learner's progress changed (self-paced / learner-generated)."""
    from .api import issue_if_qualified

    issue_if_qualified(user_id, course_key)


@shared_task(acks_late=True, ignore_result=True)
def render_pending_task(course_key: str, certificate_ids: list[int]) -> None:
    """Render a batch of generating certificates (bulk generation); rows already rendered are skipped."""
    from .api import render_pending

    render_pending(course_key, limit=len(certificate_ids), certificate_ids=certificate_ids)
