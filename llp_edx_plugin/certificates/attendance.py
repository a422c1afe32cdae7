"""Live events: attendance issues and withdraws certificates (DESIGN.md §4), through the one issuing pipeline.

Present issues the certificate (``Issuer.ATTENDANCE``; an employee's is held by their Company Admin, as every
employee's); present -> absent invalidates it, with the actor and ``ABSENT_REASON``; marking present again
lifts only an invalidation that attendance made (one the course team made for another reason stays).
"""

from contextlib import suppress

from ..accounts import api as accounts_api
from ..errors import FieldErrors, NotFound
from . import api
from .constants import CertificateStatus

ABSENT_REASON = "Marked absent from the live event"


def attendance_present(user_id: int, course_key: str, *, actor_id: int | None = None) -> None:
    """Issue the learner's certificate (lifting an invalidation that an earlier 'absent' made)."""
    cert = api.certificate_for(user_id, course_key)
    if cert is not None and cert.status == CertificateStatus.INVALIDATED:
        made_by_attendance = any(
            item.username == cert.username and item.notes == ABSENT_REASON
            for item in api.list_invalidations(course_key)
        )
        if made_by_attendance:
            api.revalidate(course_key, cert.username, actor_id=actor_id)
        return
    api.issue_if_qualified(user_id, course_key, issuer=api.Issuer.ATTENDANCE, actor_id=actor_id)


def attendance_absent(user_id: int, course_key: str, *, actor_id: int | None) -> None:
    """Invalidate the certificate a 'present' mark issued, recording who changed the mark and why."""
    cert = api.certificate_for(user_id, course_key)
    if cert is None:
        return
    if cert.status == CertificateStatus.GENERATING:
        api.render_certificate(cert.id, actor_id=actor_id)  # only an issued (rendered) certificate is invalidated
    username = accounts_api.get_profile(user_id).username
    # Nothing issued to withdraw (never rendered, deleted, already invalidated): nothing to do.
    with suppress(FieldErrors, NotFound):
        api.invalidate(course_key, username, ABSENT_REASON, actor_id=actor_id)
