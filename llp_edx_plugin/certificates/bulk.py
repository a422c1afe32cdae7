"""Set-based issuing for the instructor's bulk generation, batch rendering, and example certificates.

``issue_chunk`` decides a chunk of learners with a constant number of reads (stored progress, exceptions,
invalidations, certificates, profiles) and writes with bulk statements that also write the history rows.
It is idempotent: a learner already decided is left alone, so running a chunk again creates nothing.
``render_pending`` renders ``generating`` certificates as one WeasyPrint batch, locking the rows it takes
(``SKIP LOCKED``) so several worker processes can drain the same course without rendering a row twice.
"""

import hashlib
import logging
import uuid as uuid_lib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from ..accounts import api as accounts_api
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import FieldErrors
from ..jobs import api as jobs_api
from ..keys import parse_course_key
from ..learning import api as learning_api
from . import custom_templates, eligibility
from .models import Certificate, CertificateException, CertificateInvalidation, CertificateStatus
from .records import verify_url

log = logging.getLogger(__name__)

# Statuses a regeneration run may ask for (CONTRACT.md: already issued, not passing, error).
REGENERABLE = (CertificateStatus.DOWNLOADABLE, CertificateStatus.NOTPASSING, CertificateStatus.ERROR)
# Without statuses, a run decides learners with no record yet and re-decides those recorded not passing.
DEFAULT_STATUSES = (CertificateStatus.NOTPASSING,)
_SNAPSHOT_FIELDS = ["name", "course_title", "template", "template_version", "language", "company_name", "company_logo"]
_ISSUE_FIELDS = [*_SNAPSHOT_FIELDS, "status", "grade", "issued_at", "deleted_at", "error_message", "pdf", "pdf_sha256"]
EXAMPLE_NAME = "Jane Example"


@dataclass(frozen=True)
class ChunkCounts:
    """What one run did to a set of learners; ``generating_ids`` are the certificates it set to generating."""

    issued: int = 0
    notpassing: int = 0
    skipped: int = 0
    errors: int = 0
    generating_ids: tuple[int, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, int]:
        return {"issued": self.issued, "notpassing": self.notpassing, "skipped": self.skipped, "errors": self.errors}


@dataclass(frozen=True)
class RenderCounts:
    rendered: int = 0
    errors: int = 0


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of rendering the course's example certificates; ``previews`` are storage names."""

    status: str  # "success" | "error"
    error: str | None
    previews: tuple[dict, ...]


def clean_statuses(statuses: object) -> tuple[str, ...] | None:
    """Validate the statuses a regeneration asks for; None (or empty) means a first generation."""
    if statuses is None:
        return None
    if not isinstance(statuses, list | tuple) or not all(isinstance(s, str) for s in statuses):
        raise FieldErrors.single("statuses", "Give a list of statuses.")
    unknown = sorted(set(statuses) - set(REGENERABLE))
    if unknown:
        raise FieldErrors.single(
            "statuses", f"Cannot regenerate {', '.join(unknown)}; choose from: {', '.join(REGENERABLE)}."
        )
    return tuple(s for s in REGENERABLE if s in statuses) or None


def _template_of(course: CourseData) -> tuple[str, int]:
    template = course.certificate_template or custom_templates.BUILT_IN
    if template == custom_templates.BUILT_IN:
        return template, 1
    version = custom_templates.latest_version(course.course_key, template)
    if version is None:  # the course names a template it does not have: the built-in one (as issuing does)
        return custom_templates.BUILT_IN, 1
    return template, version


class _Snapshots:
    """The issue-time snapshot of many learners: company names and one logo copy per company, read once."""

    def __init__(self, course: CourseData):
        self.course = course
        self.template, self.version = _template_of(course)
        self._companies: dict[int, tuple[str, str]] = {}

    def _company(self, company_id: int) -> tuple[str, str]:
        if company_id not in self._companies:
            company = accounts_api.get_company(company_id)
            logo = ""
            if company.logo_path and default_storage.exists(company.logo_path):
                # One immutable copy shared by the certificates of this run: later logo changes never reach them.
                with default_storage.open(company.logo_path, "rb") as handle:
                    extension = company.logo_path.rsplit(".", 1)[-1].lower()
                    logo = default_storage.save(
                        f"certificates/logos/{uuid_lib.uuid4().hex}.{extension}", ContentFile(handle.read())
                    )
            self._companies[company_id] = (company.name, logo)
        return self._companies[company_id]

    def apply(self, cert: Certificate, profile) -> None:
        company_name, company_logo = self._company(profile.company_id) if profile.company_id else ("", "")
        cert.name = profile.full_name
        cert.course_title = self.course.title
        cert.template = self.template
        cert.template_version = self.version
        cert.language = self.course.certificate_language
        cert.company_name = company_name
        cert.company_logo = company_logo


_HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}
_HISTORY_BATCH = 500


def write_history(certificate_ids: Sequence[int], history_type: str, reason: str, when) -> None:
    """Add one django-simple-history row per certificate, copied from its current row by the database.

    What ``bulk_create_with_history`` writes, as one ``INSERT ... SELECT`` per batch instead of a model
    instance per row in Python: this keeps bulk issuing within a small multiple of a bare insert (P1).
    The columns are read from the historical model, so a field added to Certificate is copied too.
    """
    history = Certificate.history.model
    columns = [f.column for f in history._meta.concrete_fields if f.attname not in _HISTORY_OWN]
    quote = connection.ops.quote_name
    copied = ", ".join(quote(c) for c in columns)
    for start in range(0, len(certificate_ids), _HISTORY_BATCH):
        ids = list(certificate_ids[start : start + _HISTORY_BATCH])
        # Names come from the models' metadata, values are parameters: nothing here comes from input.
        table, source = quote(history._meta.db_table), quote(Certificate._meta.db_table)
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (
            f"INSERT INTO {table} ({copied}, history_date, history_change_reason, history_type, history_user_id) "  # noqa: S608
            f"SELECT {copied}, %s, %s, %s, NULL FROM {source} WHERE id IN ({placeholders}) ORDER BY id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [when, (reason or None) and reason[:100], history_type, *ids])


def issue_chunk(
    course_key: str, user_ids: Sequence[int], *, statuses: Collection[str] | None = None, reason: str = ""
) -> ChunkCounts:
    """Issue to the qualified and record ``notpassing`` for the others, for a chunk of enrolled learners.

    Reads stored progress (never recomputes). Learners with no record are decided; with ``statuses`` None,
    ``notpassing`` ones are re-decided too; with ``statuses`` (a regeneration), only records in those statuses
    are: re-snapshotted and re-rendered if they qualify, the earlier version kept in history (an issued
    certificate whose holder no longer qualifies is kept, never turned into ``notpassing``). Issued,
    invalidated and deleted records are never touched otherwise. Call it inside a transaction.
    """
    course = courses_api.get_course(course_key)
    key = parse_course_key(course_key)
    ids = sorted({int(i) for i in user_ids})
    if not ids:
        return ChunkCounts()
    redo = set(statuses) if statuses else set(DEFAULT_STATUSES)
    progress = learning_api.stored_progress_for_users(course_key, ids)
    allowlisted = set(
        CertificateException.objects.filter(course_key=key, user_id__in=ids).values_list("user_id", flat=True)
    )
    invalidated = set(
        CertificateInvalidation.objects.filter(
            certificate__course_key=key, certificate__user_id__in=ids, active=True
        ).values_list("certificate__user_id", flat=True)
    )
    existing = {c.user_id: c for c in Certificate.objects.filter(course_key=key, user_id__in=ids)}
    profiles = accounts_api.get_profiles(ids)
    snapshots = _Snapshots(course)
    now = timezone.now()
    to_create: list[Certificate] = []
    to_update: list[Certificate] = []
    issued = notpassing = skipped = errors = 0
    for user_id in ids:
        cert = existing.get(user_id)
        profile = profiles.get(user_id)
        if profile is None:  # the account vanished between listing and deciding
            errors += 1
            continue
        if user_id in invalidated or (cert is not None and cert.status not in redo):
            skipped += 1
            continue
        stored = progress.get(user_id)
        facts = eligibility.EligibilityFacts(
            kind=course.kind,
            completed=bool(stored and stored.completed),
            passed=bool(stored and stored.passed),
            allowlisted=user_id in allowlisted,
            invalidated=user_id in invalidated,
        )
        grade = f"{stored.grade_percent:.2f}" if stored else ""
        if eligibility.qualifies(facts):
            issued += 1
            target = cert or Certificate(user_id=user_id, course_key=key, verify_uuid=uuid_lib.uuid4())
            snapshots.apply(target, profile)
            target.status = CertificateStatus.GENERATING
            target.grade = grade
            target.issued_at = now
            target.deleted_at = None
            target.error_message = ""
            target.pdf = ""
            target.pdf_sha256 = ""
            target.modified = now
            (to_update if cert else to_create).append(target)
            continue
        if cert is not None and cert.status == CertificateStatus.DOWNLOADABLE:
            skipped += 1  # regenerating never takes an issued certificate away from its holder
            continue
        notpassing += 1
        if cert is None:
            to_create.append(
                Certificate(
                    user_id=user_id,
                    course_key=key,
                    verify_uuid=uuid_lib.uuid4(),
                    status=CertificateStatus.NOTPASSING,
                    grade=grade,
                    name=profile.full_name,
                    course_title=course.title,
                    language=course.certificate_language,
                    modified=now,
                )
            )
        elif cert.status != CertificateStatus.NOTPASSING or cert.grade != grade:
            cert.status = CertificateStatus.NOTPASSING
            cert.grade = grade
            cert.error_message = ""
            cert.modified = now
            to_update.append(cert)
    with transaction.atomic():
        created = Certificate.objects.bulk_create(to_create, batch_size=1000)
        write_history([c.pk for c in created], "+", reason, now)
        if to_update:
            Certificate.objects.bulk_update(to_update, fields=[*_ISSUE_FIELDS, "modified"], batch_size=1000)
            write_history([c.pk for c in to_update], "~", reason or "regenerated", now)
    generating = tuple(
        c.pk for c in [*created, *to_update] if c.status == CertificateStatus.GENERATING and c.pk is not None
    )
    return ChunkCounts(issued, notpassing, skipped, errors, generating)


def _zone(course: CourseData) -> ZoneInfo:
    try:
        return ZoneInfo(course.time_zone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def _content(cert: Certificate, course: CourseData, sources: dict[tuple[str, int], str | None]):
    from .rendering import LANGUAGES, CertificateContent, CompanyLogo  # WeasyPrint loads only where rendering

    template = cert.template or custom_templates.BUILT_IN
    if (template, cert.template_version) not in sources:
        sources[(template, cert.template_version)] = (
            None
            if template == custom_templates.BUILT_IN
            else custom_templates.template_source(course.course_key, template, cert.template_version)
        )
    issued = cert.issued_at or timezone.now()
    return CertificateContent(
        learner_name=cert.name,
        course_title=cert.course_title,
        course_key=course.course_key,
        completion_date=issued.astimezone(_zone(course)).date(),
        verify_url=verify_url(str(cert.verify_uuid)),
        verify_uuid=str(cert.verify_uuid),
        language=cert.language if cert.language in LANGUAGES else "en",
        grade=cert.grade or None,
        template_name=template,
        template_version=cert.template_version,
        template_html=sources[(template, cert.template_version)],
        company_name=cert.company_name or None,
        company_logo=CompanyLogo(storage_path=cert.company_logo) if cert.company_logo else None,
    )


def _render_all(contents: list) -> list[bytes | Exception]:
    """One batch render; when the batch fails, each certificate alone, so one bad row fails only itself."""
    from .rendering import render_batch, render_pdf

    try:
        return list(render_batch(contents))
    except Exception:  # a broken custom template or logo: find out which certificate it is
        log.warning("Batch render of %d certificates failed; rendering them one by one", len(contents), exc_info=True)
    results: list[bytes | Exception] = []
    for content in contents:
        try:
            results.append(render_pdf(content))
        except Exception as exc:  # recorded on the row, never lost
            results.append(exc)
    return results


def render_pending(
    course_key: str, *, limit: int = 50, certificate_ids: Sequence[int] | None = None, reason: str = ""
) -> RenderCounts:
    """Render up to ``limit`` generating certificates (of ``certificate_ids`` if given) as one batch.

    Rows locked by another renderer are skipped, and only rows still ``generating`` without a PDF are taken,
    so concurrent and repeated calls never render a certificate twice. Each PDF is saved with its sha256 and
    the row becomes ``downloadable``; a certificate that cannot be rendered becomes ``error`` with the reason.
    """
    course = courses_api.get_course(course_key)
    with transaction.atomic():
        rows = Certificate.objects.filter(
            course_key=parse_course_key(course_key), status=CertificateStatus.GENERATING, pdf=""
        )
        if certificate_ids is not None:
            rows = rows.filter(pk__in=list(certificate_ids))
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        certs = list(rows.order_by("pk")[:limit])
        if not certs:
            return RenderCounts()
        sources: dict[tuple[str, int], str | None] = {}
        contents, results = [], []
        for cert in certs:
            try:
                contents.append(_content(cert, course, sources))
            except Exception as exc:  # e.g. the template version was removed
                contents.append(exc)
        renderable = [c for c in contents if not isinstance(c, Exception)]
        rendered = iter(_render_all(renderable) if renderable else [])
        results = [c if isinstance(c, Exception) else next(rendered) for c in contents]
        now = timezone.now()
        stamp = now.strftime("%Y%m%d%H%M%S")
        ok = failed = 0
        for cert, result in zip(certs, results, strict=True):
            cert.modified = now
            if isinstance(result, Exception):
                cert.status = CertificateStatus.ERROR
                cert.error_message = str(result)[:2000] or type(result).__name__
                failed += 1
                continue
            cert.pdf.save(f"certificate-{stamp}.pdf", ContentFile(result), save=False)
            cert.pdf_sha256 = hashlib.sha256(result).hexdigest()
            cert.status = CertificateStatus.DOWNLOADABLE
            ok += 1
        Certificate.objects.bulk_update(certs, fields=["pdf", "pdf_sha256", "status", "error_message", "modified"])
        write_history([c.pk for c in certs], "~", reason or "rendered", now)
    return RenderCounts(rendered=ok, errors=failed)


def send_render_batches(course_key: str, certificate_ids: Sequence[int], batch: int) -> None:
    """Queue render tasks for these certificates, ``batch`` per task, for any worker process to take."""
    from . import sweep, tasks  # a module-level import would tie the models to Celery at import time

    ids = list(certificate_ids)
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        # Unsent, they stay generating with the reason: the job's drain or the sweep renders them.
        jobs_api.send(tasks.render_pending_task, course_key, chunk, on_failure=sweep.record_not_queued(*chunk))


def pending_count(course_key: str) -> int:
    """Generating certificates of the course still waiting for their PDF."""
    return Certificate.objects.filter(
        course_key=parse_course_key(course_key), status=CertificateStatus.GENERATING, pdf=""
    ).count()


def status_counts(course_key: str) -> dict[str, int]:
    """How many certificate records of the course are in each status."""
    from django.db.models import Count

    rows = Certificate.objects.filter(course_key=parse_course_key(course_key)).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def _example_targets(course: CourseData) -> list[tuple[str, int, str]]:
    """(template, version, language): the course's configured template first, then each uploaded template."""
    template, version = _template_of(course)
    targets = [(template, version, course.certificate_language)]
    seen = {template}
    for item in custom_templates.list_templates(course.course_key):  # newest version first per name
        if item.name not in seen:
            seen.add(item.name)
            targets.append((item.name, item.version, item.language))
    return targets


def generate_example(course_key: str, *, storage_prefix: str | None = None) -> ExampleResult:
    """Render the course's example certificates with a dummy learner and store them (for the preview)."""
    from .rendering import LANGUAGES, CertificateContent, render_pdf

    course = courses_api.get_course(course_key)
    run = uuid_lib.uuid4().hex
    prefix = storage_prefix or f"certificates/examples/{run}"
    previews, problems = [], []
    for template, version, language in _example_targets(course):
        example_uuid = str(uuid_lib.uuid4())
        try:
            content = CertificateContent(
                learner_name=EXAMPLE_NAME,
                course_title=course.title,
                course_key=course.course_key,
                completion_date=timezone.now().astimezone(_zone(course)).date(),
                verify_url=verify_url(example_uuid),
                verify_uuid=example_uuid,
                language=language if language in LANGUAGES else "en",
                grade="0.95",
                template_name=template,
                template_version=version,
                template_html=(
                    None
                    if template == custom_templates.BUILT_IN
                    else custom_templates.template_source(course.course_key, template, version)
                ),
            )
            pdf = render_pdf(content)
        except Exception as exc:  # the error is the result the course team needs to see
            log.warning("Example certificate %s v%s (%s) failed", template, version, language, exc_info=True)
            problems.append(f"{template} v{version} ({language}): {exc}"[:500])
            previews.append(
                {"template": template, "version": version, "language": language, "path": None, "error": str(exc)}
            )
            continue
        path = default_storage.save(f"{prefix}/{template}-v{version}-{language}.pdf", ContentFile(pdf))
        previews.append({"template": template, "version": version, "language": language, "path": path, "error": None})
    return ExampleResult(
        status="error" if problems else "success",
        error="; ".join(problems) or None,
        previews=tuple(previews),
    )


def read_example(path: str) -> bytes:
    """The bytes of a stored example certificate (paths come from a job's result, never from a request)."""
    if not path.startswith("certificates/examples/"):
        raise FieldErrors.single("path", "Not an example certificate.")
    with default_storage.open(path, "rb") as handle:
        return handle.read()
