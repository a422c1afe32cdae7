"""Background work of the certificates domain: each task calls one use case (sent on commit; may run twice)."""

from celery import shared_task

from .issuers import Issuer
from .usecases import issuing, pdfs


@shared_task(acks_late=True, ignore_result=True)
def render_certificate_task(certificate_id: int) -> None:
    """Render a generating certificate's PDF (idempotent)."""
    pdfs.render(certificate_id)


@shared_task(acks_late=True, ignore_result=True)
def issue_if_qualified_task(user_id: int, course_key: str) -> None:
    """Automatic issuing after a learner's progress changed (self-paced / learner-generated), then its PDF."""
    try:
        cert, created = issuing.issue(user_id, course_key, issuer=Issuer.AUTOMATIC)
    except issuing.NOT_ISSUED:
        return
    if created:
        pdfs.render(cert.id)


@shared_task(acks_late=True, ignore_result=True)
def render_pending_task(
    course_key: str, certificate_ids: list[int], reason: str = "", actor_id: int | None = None
) -> None:
    """Render a batch of generating certificates (bulk generation); rows already rendered are skipped."""
    pdfs.render_many(
        course_key, limit=len(certificate_ids), certificate_ids=certificate_ids, reason=reason, actor_id=actor_id
    )
