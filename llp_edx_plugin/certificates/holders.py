"""Reading the certificates of a group of holders (a Company Admin's employees), in a constant number of queries."""

from collections.abc import Iterable

from django.db.models import Count

from ..keys import parse_course_key
from .constants import ISSUED, CertificateStatus
from .data import CertificateData
from .models import Certificate
from .store import to_data

__all__ = ["certificates_for_users", "course_certificates_of", "issued_counts"]


def certificates_for_users(user_ids: Iterable[int], *, statuses: Iterable[str] | None = None) -> list[CertificateData]:
    """Every certificate record of these learners except deleted ones (one query), by username then course."""
    rows = (
        Certificate.objects.filter(user_id__in=list(user_ids))
        .exclude(status=CertificateStatus.DELETED)
        .select_related("user")
    )
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    return [to_data(row, hidden=not row.user.is_active) for row in rows.order_by("user__username", "course_key", "pk")]


def issued_counts(course_keys: Iterable[str]) -> dict[str, int]:
    """How many issued (downloadable or generating) certificates each course has (one query), by course key."""
    keys = [parse_course_key(k) for k in course_keys]
    rows = (
        Certificate.objects.filter(course_key__in=keys, status__in=ISSUED).values("course_key").annotate(n=Count("pk"))
    )
    return {str(row["course_key"]): row["n"] for row in rows}


def course_certificates_of(course_key: str, user_ids: Iterable[int]) -> dict[int, CertificateData]:
    """The certificate record (any status) of each of these learners in one course (one query), by user id."""
    rows = Certificate.objects.filter(course_key=parse_course_key(course_key), user_id__in=list(user_ids))
    return {row.user_id: to_data(row, username="") for row in rows}
