"""Live events: attendance issues and withdraws certificates (DESIGN.md §4), through the issuing functions.

Present issues the certificate (an employee's is held by their Company Admin, as every employee's);
present -> absent invalidates it, with the actor and ``ABSENT_REASON``; marking present again lifts only an
invalidation that attendance made (one the course team made for another reason stays).
"""

from contextlib import suppress

from ..accounts import api as accounts_api
from ..errors import FieldErrors, NotFound
from . import course_team_actions
from .issuing import issue_if_qualified, render_certificate
from .models import CertificateInvalidation, CertificateStatus
from .records import certificate_for

ABSENT_REASON = "Marked absent from the live event"


def attendance_present(user_id: int, course_key: str) -> None:
    """Issue the learner's certificate (lifting an invalidation that an earlier 'absent' made)."""
    cert = certificate_for(user_id, course_key)
    if cert is not None and cert.status == CertificateStatus.INVALIDATED:
        made_by_attendance = CertificateInvalidation.objects.filter(
            certificate_id=cert.id, active=True, notes=ABSENT_REASON
        ).exists()
        if not made_by_attendance:
            return
        course_team_actions.revalidate(course_key, cert.username)
        return
    issue_if_qualified(user_id, course_key)


def attendance_absent(user_id: int, course_key: str, *, actor_id: int | None) -> None:
    """Invalidate the certificate a 'present' mark issued, recording who changed the mark and why."""
    cert = certificate_for(user_id, course_key)
    if cert is None:
        return
    if cert.status == CertificateStatus.GENERATING:
        render_certificate(cert.id)  # only an issued (rendered) certificate can be invalidated
    username = accounts_api.get_profile(user_id).username
    # Nothing issued to withdraw (never rendered, deleted, already invalidated): nothing to do.
    with suppress(FieldErrors, NotFound):
        course_team_actions.invalidate(course_key, username, ABSENT_REASON, actor_id=actor_id)
