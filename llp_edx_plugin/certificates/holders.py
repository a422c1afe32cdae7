"""Reading the certificates of a group of holders (a Company Admin's employees), in a constant number of queries."""

from collections.abc import Iterable

from .data import CertificateData
from .models import Certificate, CertificateStatus
from .records import certificate_data

__all__ = ["certificates_for_users"]


def certificates_for_users(user_ids: Iterable[int], *, statuses: Iterable[str] | None = None) -> list[CertificateData]:
    """Every certificate record of these learners except deleted ones (one query), by username then course."""
    rows = (
        Certificate.objects.filter(user_id__in=list(user_ids))
        .exclude(status=CertificateStatus.DELETED)
        .select_related("user")
    )
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    return [
        certificate_data(row, hidden=not row.user.is_active)
        for row in rows.order_by("user__username", "course_key", "pk")
    ]
