"""Reading the certificates of a group of holders (a Company Admin's employees), in a constant number of queries."""

from collections.abc import Iterable, Iterator, Mapping

from django.db.models import Count, Q

from ..keys import parse_course_key
from .constants import ISSUED, CertificateStatus
from .data import CertificateData
from .models import Certificate
from .store import to_data

__all__ = [
    "certificate_pages_for_users",
    "certificates_for_users",
    "count_certificates_for_users",
    "course_certificates_of",
    "issued_counts",
    "tally_certificates_for_users",
]


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


def _of_users(user_ids: Iterable[int], statuses: Iterable[str] | None, course_key: str | None):
    # A lazy query of ids (``accounts.api.company_employee_ids``) stays a subquery; anything else is a list.
    ids = user_ids if hasattr(user_ids, "query") else list(user_ids)
    rows = Certificate.objects.filter(user_id__in=ids).exclude(status=CertificateStatus.DELETED)
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    if course_key:
        rows = rows.filter(course_key=parse_course_key(course_key))
    return rows


def count_certificates_for_users(
    user_ids: Iterable[int],
    *,
    statuses: Iterable[str] | None = None,
    course_key: str | None = None,
    where=None,
    never_downloaded: bool = False,
) -> int:
    """How many certificates ``certificate_pages_for_users`` yields (one query). ``where``: a further condition
    (e.g. ``courses.api.active_enrollment_exists()``); ``never_downloaded``: only those without a first download."""
    tally = {"statuses": statuses, "where": where, "never_downloaded": never_downloaded}
    return tally_certificates_for_users(user_ids, {"n": tally}, course_key=course_key)["n"]


def _tally_condition(statuses: Iterable[str] | None = None, where=None, never_downloaded: bool = False) -> Q:
    condition = Q()
    if statuses is not None:
        condition &= Q(status__in=list(statuses))
    if where is not None:
        condition &= Q(where)
    if never_downloaded:
        condition &= Q(first_downloaded_at__isnull=True)
    return condition


def tally_certificates_for_users(
    user_ids: Iterable[int], tallies: Mapping[str, Mapping], *, course_key: str | None = None
) -> dict[str, int]:
    """Several counts of ``count_certificates_for_users`` in one query: each tally names its keyword arguments
    (``statuses``, ``where``, ``never_downloaded``); the database reads the holders' rows once for all."""
    rows = _of_users(user_ids, None, course_key)
    counts = {name: Count("pk", filter=_tally_condition(**tally)) for name, tally in tallies.items()}
    return {name: value or 0 for name, value in rows.aggregate(**counts).items()}


def certificate_pages_for_users(
    user_ids: Iterable[int],
    *,
    statuses: Iterable[str] | None = None,
    course_key: str | None = None,
    page_size: int = 500,
) -> Iterator[list[CertificateData]]:
    """The certificates of ``certificates_for_users`` (optionally of one course), in its order, a page at a time.

    One query per page, each starting after the last row of the previous one (keyset paging), so memory stays
    flat whatever the count and the caller may write to the rows between pages (a ZIP counts each download).
    """
    rows = _of_users(user_ids, statuses, course_key).select_related("user")
    rows = rows.order_by("user__username", "course_key", "pk")
    after = Q()
    while True:
        page = list(rows.filter(after)[:page_size])
        if not page:
            return
        yield [to_data(row, hidden=not row.user.is_active) for row in page]
        if len(page) < page_size:
            return
        last = page[-1]
        name, key = last.user.username, last.course_key
        after = (
            Q(user__username__gt=name)
            | Q(user__username=name, course_key__gt=key)
            | Q(user__username=name, course_key=key, pk__gt=last.pk)
        )


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
