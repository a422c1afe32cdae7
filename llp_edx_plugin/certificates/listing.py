"""Paged, filtered reads of certificate lists, in a constant number of queries whatever the list's length.

Read-only: a count, one slice of rows (with their users), and the owners' profiles for the page in one more
query, so callers can decide ``download_url`` per row without a query per certificate. Filters are a
django-filter ``FilterSet``: bad values raise ``FieldErrors`` (400 with field errors at the API).
"""

from collections.abc import Mapping
from dataclasses import dataclass

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from ..accounts import api as accounts_api
from ..accounts.data import ProfileData
from ..courses import api as courses_api
from ..errors import FieldErrors
from ..keys import parse_course_key
from . import records
from .data import CertificateData
from .models import Certificate, CertificateStatus
from .store import to_data


@dataclass(frozen=True)
class ListedCertificate:
    """A certificate of a list, with its owner's profile (for who may download it)."""

    certificate: CertificateData
    owner: ProfileData


@dataclass(frozen=True)
class CertificatePage:
    """One page of a certificate list and how many certificates match in all."""

    total: int
    items: tuple[ListedCertificate, ...]


class CertificateFilter(django_filters.FilterSet):
    """``status``, ``username`` (exact, any case), ``search`` (username or name contains), ``issued_after``
    (issued at or after) and ``issued_before`` (issued strictly before): ISO 8601 dates or times."""

    status = django_filters.ChoiceFilter(
        choices=CertificateStatus.choices,
        error_messages={"invalid_choice": f"Must be one of: {', '.join(CertificateStatus.values)}."},
    )
    username = django_filters.CharFilter(field_name="user__username", lookup_expr="iexact", max_length=150)
    search = django_filters.CharFilter(method="filter_search", max_length=150)
    issued_after = django_filters.IsoDateTimeFilter(field_name="issued_at", lookup_expr="gte")
    issued_before = django_filters.IsoDateTimeFilter(field_name="issued_at", lookup_expr="lt")

    class Meta:
        model = Certificate
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(user__username__icontains=value) | Q(name__icontains=value))


FILTERS = tuple(CertificateFilter.base_filters)
# Up to this many matches a page is cut from the sorted matches; beyond, from the users in username order.
SORT_IN_PLACE_MAX = 2000


def _filtered(rows: QuerySet, filters: Mapping[str, str]) -> QuerySet:
    filterset = CertificateFilter(data={k: v for k, v in filters.items() if k in FILTERS}, queryset=rows)
    if not filterset.is_valid():
        raise FieldErrors({field: [str(m) for m in messages] for field, messages in filterset.errors.items()})
    return filterset.qs


def _page(rows: QuerySet, offset: int, limit: int, *, total: int | None = None) -> CertificatePage:
    total = rows.count() if total is None else total
    page = list(rows.select_related("user")[offset : offset + limit]) if offset < total else []
    owners = accounts_api.get_profiles({row.user_id for row in page}) if page else {}
    return CertificatePage(
        total=total,
        items=tuple(ListedCertificate(certificate=to_data(row), owner=owners[row.user_id]) for row in page),
    )


def course_certificates_page(
    course_key: str, *, filters: Mapping[str, str] | None = None, offset: int = 0, limit: int = 50
) -> CertificatePage:
    """A page of a course's certificate records (any status, for its team), by username; at most 3 queries.

    ``filters``: see ``CertificateFilter``; other keys are ignored.
    """
    rows = _filtered(Certificate.objects.filter(course_key=parse_course_key(course_key)), filters or {})
    total = rows.count()
    if total > SORT_IN_PLACE_MAX and offset < total:
        # A large list: walk the users in username order (their unique index) and stop after the page, rather
        # than sorting every certificate of the course to keep 50 (the same order: one certificate per user).
        users = get_user_model().objects.filter(Exists(rows.filter(user_id=OuterRef("pk"))))
        page_users = users.order_by("username").values("pk")[offset : offset + limit]
        return _page(rows.filter(user_id__in=page_users).order_by("user__username", "pk"), 0, limit, total=total)
    return _page(rows.order_by("user__username", "pk"), offset, limit, total=total)


def user_certificates_page(user_id: int, *, offset: int = 0, limit: int = 50) -> CertificatePage:
    """A page of the learner's certificates that exist for them (not deleted, not hidden), newest first.

    As ``user_certificates``: an inactive account or a removed enrollment hides the certificate. At most 4 queries.
    """
    active_courses = [parse_course_key(e.course_key) for e in courses_api.user_enrollments(user_id)]
    rows = (
        Certificate.objects.filter(user_id=user_id, user__is_active=True, course_key__in=active_courses)
        .exclude(status=CertificateStatus.DELETED)
        .order_by("-issued_at", "-pk")
    )
    return _page(rows, offset, limit)


def listed_certificate(uuid: str) -> ListedCertificate:
    """One certificate with its owner (for who may see or download it); ``NotFound`` when unknown."""
    certificate = records.get_certificate(uuid)
    return ListedCertificate(certificate=certificate, owner=accounts_api.get_profile(certificate.user_id))
