"""The course team's allowlist (exceptions) and the invalidation records: rows and reads.

Invalidating and re-validating a certificate are use cases (``usecases/course_team.py``); they write here.
"""

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..accounts import api as accounts_api
from ..accounts.data import ProfileData
from ..bulk_ids import ids_in
from ..errors import FieldErrors, NotFound
from ..json_input import check_text
from ..keys import parse_course_key
from .models import Certificate, CertificateException, CertificateInvalidation

MAX_CSV_ROWS = 5000


@dataclass(frozen=True)
class ExceptionData:
    username: str
    email: str
    course_key: str
    notes: str
    created: datetime
    created_by: str | None


@dataclass(frozen=True)
class InvalidationData:
    username: str
    course_key: str
    certificate_uuid: str
    notes: str
    active: bool
    created: datetime
    invalidated_by: str | None


def learner_of(username_or_email: str) -> ProfileData:
    if not isinstance(username_or_email, str) or not username_or_email.strip():
        raise FieldErrors.single("username", "Give a username or an e-mail address.")
    check_text(username_or_email, "username")  # CSV rows and pages reach here without the API's parser
    try:
        return accounts_api.get_profile_by_username(username_or_email.strip())
    except NotFound as exc:
        raise FieldErrors.single("username", f"No learner '{username_or_email.strip()}'.") from exc


def _exception_data(row: CertificateException) -> ExceptionData:
    return ExceptionData(
        username=row.user.get_username(),
        email=row.user.email,
        course_key=str(row.course_key),
        notes=row.notes,
        created=row.created,
        created_by=row.created_by.get_username() if row.created_by else None,
    )


def add_exception(course_key: str, username: str, notes: str = "", *, actor_id: int | None = None) -> ExceptionData:
    """Allowlist a learner (by username or e-mail); adding one twice updates the notes."""
    learner = learner_of(username)
    check_text(str(notes or ""), "notes")
    row, _ = CertificateException.objects.update_or_create(
        user_id=learner.user_id,
        course_key=parse_course_key(course_key),
        defaults={"notes": str(notes or "")[:2000], "created_by_id": actor_id},
    )
    return _exception_data(CertificateException.objects.select_related("user", "created_by").get(pk=row.pk))


def remove_exception(course_key: str, username: str) -> None:
    """Remove a learner from the allowlist; ``NotFound`` if they were not on it."""
    learner = learner_of(username)
    deleted, _ = CertificateException.objects.filter(
        user_id=learner.user_id, course_key=parse_course_key(course_key)
    ).delete()
    if not deleted:
        raise NotFound(f"'{username}' is not on the exception list.")


def list_exceptions(course_key: str) -> list[ExceptionData]:
    """The course's allowlist, by username."""
    rows = CertificateException.objects.filter(course_key=parse_course_key(course_key)).select_related(
        "user", "created_by"
    )
    return [_exception_data(row) for row in rows.order_by("user__username")]


def is_allowlisted(user_id: int, course_key: str) -> bool:
    """Whether the learner has an exception in the course."""
    return CertificateException.objects.filter(user_id=user_id, course_key=parse_course_key(course_key)).exists()


def import_exceptions_csv(course_key: str, text: str, *, actor_id: int | None = None) -> list[dict]:
    """Add exceptions from CSV rows ``username_or_email[,notes]``; one result per row, errors included."""
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_CSV_ROWS:
        raise FieldErrors.single("file", f"At most {MAX_CSV_ROWS} rows per file.")
    results = []
    for number, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip().lower() in {"username", "email", "user"}:
            continue  # a header row
        identifier, notes = row[0].strip(), ",".join(row[1:]).strip()
        try:
            added = add_exception(course_key, identifier, notes, actor_id=actor_id)
            results.append({"row": number, "username": added.username, "ok": True, "error": None})
        except FieldErrors as exc:
            results.append(
                {
                    "row": number,
                    "username": identifier.replace("\x00", ""),
                    "ok": False,
                    "error": " ".join(message for messages in exc.errors.values() for message in messages),
                }
            )
    if not results:
        raise FieldErrors.single("file", "The file has no rows.")
    return results


def invalidation_data(row: CertificateInvalidation) -> InvalidationData:
    return InvalidationData(
        username=row.certificate.user.get_username(),
        course_key=str(row.certificate.course_key),
        certificate_uuid=str(row.certificate.verify_uuid),
        notes=row.notes,
        active=row.active,
        created=row.created,
        invalidated_by=row.invalidated_by.get_username() if row.invalidated_by else None,
    )


def add_invalidation(certificate: Certificate, notes: str, actor_id: int | None) -> InvalidationData:
    """Record why and by whom a certificate was invalidated."""
    row = CertificateInvalidation.objects.create(
        certificate=certificate, notes=str(notes or "")[:2000], invalidated_by_id=actor_id
    )
    return invalidation_data(
        CertificateInvalidation.objects.select_related("certificate__user", "invalidated_by").get(pk=row.pk)
    )


def lift_invalidations(certificate: Certificate) -> None:
    """Re-validation keeps the invalidation records, marked lifted."""
    certificate.invalidations.filter(active=True).update(active=False, revalidated_at=timezone.now())


def invalidated_certificate_ids(certificate_ids: Collection[int]) -> set[int]:
    """Which of these certificates have an active invalidation (one query; none for no certificates).

    Asked by certificate id, never by course and learner: an invalidation always has its certificate, and a
    lookup by the course's learners could read every certificate of the course for each chunk (P1).
    """
    if not certificate_ids:
        return set()
    return set(
        CertificateInvalidation.objects.filter(certificate_id__in=ids_in(certificate_ids), active=True).values_list(
            "certificate_id", flat=True
        )
    )


def allowlisted_user_ids(course_key, user_ids: list[int]) -> set[int]:
    """Which of these learners are on the course's allowlist (one query)."""
    return set(
        CertificateException.objects.filter(course_key=course_key, user_id__in=ids_in(user_ids)).values_list(
            "user_id", flat=True
        )
    )


def list_invalidations(course_key: str) -> list[InvalidationData]:
    """Active invalidations of the course, newest first."""
    # Read from the (few) active invalidations, each checked against its certificate: joining from the
    # course's certificates would read all of them (100,000 in a large course) to find the few invalidated.
    of_course = Certificate.objects.filter(pk=OuterRef("certificate_id"), course_key=parse_course_key(course_key))
    rows = CertificateInvalidation.objects.filter(Exists(of_course), active=True).select_related(
        "certificate__user", "invalidated_by"
    )
    return [invalidation_data(row) for row in rows.order_by("-created")]
