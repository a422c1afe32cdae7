"""The one place that writes certificate rows: create-or-revive, snapshot, PDF, and history with actor and reason.

Every state change of a certificate (issue, render, download copy, delete, restore, regenerate, invalidate,
re-validate, bulk) goes through ``save`` or ``bulk_history`` here, so each django-simple-history row says who
(``history_user``) and why (``history_change_reason``). Nothing here decides: the use cases do.
"""

import hashlib
import uuid as uuid_lib
from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from opaque_keys.edx.keys import CourseKey

from ..bulk_ids import array_literal, ids_in
from ..errors import NotFound
from .constants import CertificateStatus, DownloadKind
from .data import CertificateData
from .models import Certificate, CertificateDownload
from .signals import CERTIFICATES_CHANGED, StatusChange
from .snapshot import Snapshot

# Why a row changed, as its history says (``history_change_reason``, at most 100 characters).
ISSUED = "issued"
RENDERED = "rendered"
RENDER_FAILED = "render failed"
NOT_PASSING = "not passing"
REGENERATED = "regenerated"
DELETED = "deleted"
RESTORED = "restored"
INVALIDATED = "invalidated"
REVALIDATED = "re-validated"
DOWNLOADED = "first download by the holder"
DOWNLOAD_COPY = "download copy"

SNAPSHOT_FIELDS = (
    "name",
    "course_title",
    "template",
    "template_version",
    "language",
    "time_zone",
    "company_name",
    "company_logo",
)
ISSUE_FIELDS = (*SNAPSHOT_FIELDS, "status", "grade", "issued_at", "deleted_at", "error_message", "pdf", "pdf_sha256")
PDF_FIELDS = ("pdf", "pdf_sha256", "status", "error_message")

_HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}
_HISTORY_BATCH = 500


def parse_uuid(value: str) -> uuid_lib.UUID:
    """A verify UUID from a request; ``NotFound`` for anything that is not one."""
    try:
        return uuid_lib.UUID(str(value))
    except ValueError as exc:
        raise NotFound(f"No certificate '{value}'") from exc


def to_data(cert: Certificate, username: str | None = None, hidden: bool = False) -> CertificateData:
    """The plain data other domains get (never the model instance)."""
    return CertificateData(
        id=cert.pk,
        uuid=str(cert.verify_uuid),
        user_id=cert.user_id,
        username=username if username is not None else cert.user.get_username(),
        course_key=str(cert.course_key),
        status=cert.status,
        grade=cert.grade,
        name=cert.name,
        course_title=cert.course_title,
        template=cert.template,
        template_version=cert.template_version,
        language=cert.language,
        issued_at=cert.issued_at,
        download_count=cert.download_count,
        first_downloaded_at=cert.first_downloaded_at,
        last_downloaded_at=cert.last_downloaded_at,
        has_pdf=bool(cert.pdf),
        pdf_sha256=cert.pdf_sha256,
        hidden=hidden,
        copy_count=cert.copy_count,
    )


def locked(*, pk: int | None = None, uuid: str | None = None) -> Certificate | None:
    """The row, locked until the end of the caller's transaction (by id or by verify UUID)."""
    rows = Certificate.objects.select_for_update().select_related("user")
    return rows.filter(pk=pk).first() if pk is not None else rows.filter(verify_uuid=parse_uuid(uuid)).first()


def learner_rows(course_key: CourseKey, user_ids: Sequence[int]) -> dict[int, Certificate]:
    """The course's rows of these learners, by user id (one query for a chunk of bulk issuing)."""
    if connection.vendor != "postgresql":
        return {c.user_id: c for c in Certificate.objects.filter(course_key=course_key, user_id__in=ids_in(user_ids))}
    key = Certificate._meta.get_field("course_key").get_prep_value(course_key)
    sql = f"SELECT cert.* FROM {_each_row('user_id')} WHERE cert.course_key = %s"  # noqa: S608
    return {c.user_id: c for c in Certificate.objects.raw(sql, [array_literal(user_ids), key])}


def _each_row(column: str) -> str:
    """FROM clause (PostgreSQL): the certificate rows whose ``column`` is in the array parameter, as ``cert``.

    Driven from the ids: one index lookup each (``OFFSET 0`` keeps the lateral subquery from being merged back
    into a join the planner may choose to run as a scan). Planned the usual way (``course_key = … AND user_id
    IN …``, ``id = ANY(…)``), with statistics taken before the course (or the table) had rows, as in a first
    generation before autovacuum analyses the table, each chunk read every certificate issued so far: bulk
    issuing grew with the square of the course (P1). Names come from the model's metadata, never from input.
    """
    table = connection.ops.quote_name(Certificate._meta.db_table)
    return (
        f"unnest(%s::bigint[]) AS chunk(wanted) CROSS JOIN LATERAL "  # noqa: S608
        f"(SELECT * FROM {table} WHERE {connection.ops.quote_name(column)} = chunk.wanted OFFSET 0) AS cert"
    )


def new_row(user_id: int, course_key: CourseKey) -> Certificate:
    """An unsaved row for bulk creation (its verify UUID set now, as ``bulk_create`` needs it)."""
    return Certificate(user_id=user_id, course_key=course_key, verify_uuid=uuid_lib.uuid4())


def insert(cert: Certificate, *, reason: str, actor_id: int | None) -> bool:
    """Insert a new row with its history; False when the unique constraint finds the learner's row already there.

    Concurrency is the database's job: of two requests racing to issue, one inserts, the other reads it back.
    """
    _attribute(cert, reason, actor_id)
    try:
        with transaction.atomic():
            cert.save(force_insert=True)
    except IntegrityError:
        cert.pk = None
        return False
    _announce(str(cert.course_key), [cert], {cert.pk: None})
    return True


def _announce(course_key: str, certs: Sequence[Certificate], previous: dict[int, str | None]) -> None:
    """Tell higher domains, after commit, whose status changed (``signals.CERTIFICATES_CHANGED``)."""
    changes = tuple(
        StatusChange(user_id=c.user_id, previous=previous.get(c.pk), status=str(c.status))
        for c in certs
        if previous.get(c.pk) != c.status
    )
    for cert in certs:
        cert._loaded_status = cert.status
    if changes:
        transaction.on_commit(
            lambda: CERTIFICATES_CHANGED.send(sender=Certificate, course_key=course_key, changes=changes)
        )


def apply_issue(cert: Certificate, snapshot: Snapshot, *, grade: str, now: datetime) -> None:
    """Make the row a freshly issued ``generating`` certificate: the snapshot, the grade, no PDF yet."""
    apply_snapshot(cert, snapshot)
    cert.status = CertificateStatus.GENERATING
    cert.grade = grade
    cert.issued_at = now
    cert.deleted_at = None
    cert.error_message = ""
    cert.pdf = ""
    cert.pdf_sha256 = ""
    cert.modified = now


def apply_snapshot(cert: Certificate, snapshot: Snapshot) -> None:
    for name in SNAPSHOT_FIELDS:
        setattr(cert, name, getattr(snapshot, name))


def apply_not_passing(cert: Certificate, *, name: str, course_title: str, language: str, grade: str, now) -> None:
    """Record that the instructor's generation found the learner not passing."""
    if cert.pk is None:
        cert.name, cert.course_title, cert.language = name, course_title, language
    cert.status = CertificateStatus.NOTPASSING
    cert.grade = grade
    cert.error_message = ""
    cert.modified = now


def apply_pdf(cert: Certificate, pdf: bytes, now: datetime) -> None:
    """Attach the rendered PDF under an unguessable name, with its sha256; the row becomes downloadable."""
    cert.pdf.save("certificate.pdf", ContentFile(pdf), save=False)  # the name comes from ``upload_to``
    cert.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    cert.status = CertificateStatus.DOWNLOADABLE
    cert.error_message = ""
    cert.modified = now


def apply_error(cert: Certificate, exc: BaseException, now: datetime) -> None:
    """A certificate that could not be rendered keeps the reason; it is never lost."""
    cert.status = CertificateStatus.ERROR
    cert.error_message = str(exc)[:2000] or type(exc).__name__
    cert.modified = now


def _attribute(cert: Certificate, reason: str, actor_id: int | None) -> None:
    cert._change_reason = reason[:100]
    cert._history_user = get_user_model()(pk=actor_id) if actor_id is not None else None


def save(cert: Certificate, *, reason: str, actor_id: int | None, fields: Sequence[str] | None = None) -> None:
    """Save the row and write its history row with the actor (``history_user``) and the reason."""
    _attribute(cert, reason, actor_id)
    previous = getattr(cert, "_loaded_status", None)
    cert.save(update_fields=[*fields, "modified"] if fields is not None else None)
    _announce(str(cert.course_key), [cert], {cert.pk: previous})


def bulk_write(
    to_create: Sequence[Certificate],
    to_update: Sequence[Certificate],
    fields: Sequence[str],
    *,
    reason: str,
    actor_id: int | None,
    now: datetime,
) -> list[Certificate]:
    """Insert and update many rows with their history (actor and reason); returns the created rows."""
    previous = {c.pk: getattr(c, "_loaded_status", None) for c in to_update}
    created = Certificate.objects.bulk_create(list(to_create), batch_size=1000)
    bulk_history([c.pk for c in created], "+", reason=reason, actor_id=actor_id, when=now)
    if to_update:
        Certificate.objects.bulk_update(list(to_update), fields=[*fields, "modified"], batch_size=1000)
        bulk_history([c.pk for c in to_update], "~", reason=reason, actor_id=actor_id, when=now)
    rows = [*created, *to_update]
    if rows:
        _announce(str(rows[0].course_key), rows, previous)
    return created


def bulk_history(
    certificate_ids: Sequence[int], history_type: str, *, reason: str, actor_id: int | None, when: datetime
) -> None:
    """One django-simple-history row per certificate, copied from its current row by the database.

    What ``bulk_create_with_history`` writes, as one ``INSERT ... SELECT`` per batch instead of a model
    instance per row in Python: this keeps bulk issuing within a small multiple of a bare insert (P1).
    The columns are read from the historical model, so a field added to Certificate is copied too.
    """
    history = Certificate.history.model
    columns = [f.column for f in history._meta.concrete_fields if f.attname not in _HISTORY_OWN]
    quote = connection.ops.quote_name
    copied = ", ".join(quote(c) for c in columns)
    table, source = quote(history._meta.db_table), quote(Certificate._meta.db_table)
    for start in range(0, len(certificate_ids), _HISTORY_BATCH):
        ids = list(certificate_ids[start : start + _HISTORY_BATCH])
        # Names come from the models' metadata, values are parameters: nothing here comes from input. On
        # PostgreSQL the ids are one array parameter (see bulk_ids), each row looked up by its id (_each_row);
        # elsewhere one parameter each.
        if connection.vendor == "postgresql":
            rows, id_params = _each_row("id"), [array_literal(ids)]
        else:
            rows, id_params = f"{source} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids
        sql = (
            f"INSERT INTO {table} ({copied}, history_date, history_change_reason, history_type, history_user_id) "  # noqa: S608
            f"SELECT {copied}, %s, %s, %s, %s FROM {rows} ORDER BY id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [when, reason[:100] or None, history_type, actor_id, *id_params])


def copy_logo(logo_path: str | None) -> str:
    """An immutable copy of a company logo for certificates to keep ("" when there is none to copy).

    Later changes to the company's logo never reach a certificate already issued.
    """
    if not logo_path or not default_storage.exists(logo_path):
        return ""
    with default_storage.open(logo_path, "rb") as handle:
        extension = logo_path.rsplit(".", 1)[-1].lower()
        return default_storage.save(
            f"certificates/logos/{uuid_lib.uuid4().hex}.{extension}", ContentFile(handle.read())
        )


def read_pdf(cert: Certificate) -> bytes:
    with cert.pdf.open("rb") as handle:
        return handle.read()


def record_download(cert: Certificate, *, actor_id: int | None, kind: DownloadKind, now: datetime) -> None:
    """Count and audit one download: the holder's sets the first download date; a copy is counted apart.

    Call it inside a transaction, with the row locked.
    """
    CertificateDownload.objects.create(certificate=cert, user_id=actor_id, kind=kind)
    if kind == DownloadKind.HOLDER:
        first = cert.first_downloaded_at is None
        cert.download_count += 1
        cert.last_downloaded_at = now
        if first:
            cert.first_downloaded_at = now
            save(
                cert,
                reason=DOWNLOADED,
                actor_id=actor_id,
                fields=["download_count", "last_downloaded_at", "first_downloaded_at"],
            )
        else:  # later downloads change only counters: audited by their CertificateDownload row
            Certificate.objects.filter(pk=cert.pk).update(download_count=cert.download_count, last_downloaded_at=now)
        return
    cert.copy_count += 1
    save(cert, reason=DOWNLOAD_COPY, actor_id=actor_id, fields=["copy_count"])
