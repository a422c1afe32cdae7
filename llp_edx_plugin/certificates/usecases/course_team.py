"""What the course team does to one certificate by hand: invalidate, re-validate, delete, restore.

Each is a state change written by the store with its actor and reason in the history.
"""

from django.db import transaction
from django.utils import timezone

from ...errors import FieldErrors, NotFound
from ...json_input import check_text
from ...keys import parse_course_key
from .. import allowlist, store
from ..allowlist import InvalidationData
from ..constants import CertificateStatus
from ..models import Certificate


def _locked_of(course_key: str, username: str) -> Certificate:
    learner = allowlist.learner_of(username)
    row = Certificate.objects.filter(user_id=learner.user_id, course_key=parse_course_key(course_key)).first()
    if row is None:
        raise FieldErrors.single("username", f"'{username}' has no certificate in this course.")
    return store.locked(pk=row.pk)


def invalidate(course_key: str, username: str, notes: str = "", *, actor_id: int | None = None) -> InvalidationData:
    """Invalidate a learner's issued certificate (verification then says invalid); audited with notes."""
    check_text(str(notes or ""), "notes")
    with transaction.atomic():
        cert = _locked_of(course_key, username)
        if cert.status != CertificateStatus.DOWNLOADABLE:
            raise FieldErrors.single(
                "username", f"Only an issued certificate can be invalidated (it is {cert.status})."
            )
        cert.status = CertificateStatus.INVALIDATED
        store.save(cert, reason=store.INVALIDATED, actor_id=actor_id, fields=["status"])
        return allowlist.add_invalidation(cert, notes, actor_id)


def revalidate(course_key: str, username: str, *, actor_id: int | None = None) -> None:
    """Lift an invalidation: the certificate is valid again (its PDF is the one issued)."""
    with transaction.atomic():
        cert = _locked_of(course_key, username)
        if cert.status != CertificateStatus.INVALIDATED:
            raise NotFound(f"'{username}' has no invalidated certificate in this course.")
        cert.status = CertificateStatus.DOWNLOADABLE if cert.pdf else CertificateStatus.GENERATING
        store.save(cert, reason=store.REVALIDATED, actor_id=actor_id, fields=["status"])
        allowlist.lift_invalidations(cert)


def delete(uuid: str, *, actor_id: int | None = None, reason: str = "") -> None:
    """Soft delete: the row, its PDF and its history stay; the learner and verification see it withdrawn."""
    with transaction.atomic():
        cert = store.locked(uuid=uuid)
        if cert is None or cert.status == CertificateStatus.DELETED:
            raise NotFound(f"No certificate '{uuid}'")
        cert.status = CertificateStatus.DELETED
        cert.deleted_at = timezone.now()
        store.save(cert, reason=reason or store.DELETED, actor_id=actor_id, fields=["status", "deleted_at"])


def restore(uuid: str, *, actor_id: int | None = None) -> None:
    """Undo a soft delete: the certificate is back as it was issued (its PDF, or rendered again if missing)."""
    with transaction.atomic():
        cert = store.locked(uuid=uuid)
        if cert is None or cert.status != CertificateStatus.DELETED:
            raise NotFound(f"No deleted certificate '{uuid}'")
        cert.status = CertificateStatus.DOWNLOADABLE if cert.pdf else CertificateStatus.GENERATING
        cert.deleted_at = None
        store.save(cert, reason=store.RESTORED, actor_id=actor_id, fields=["status", "deleted_at"])
