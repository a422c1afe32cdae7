"""Rendering certificate PDFs, one or a batch, and the course's example certificates.

One certificate and a batch go through the same lines: ``content`` builds what is printed from the row's
snapshot, ``_render_rows`` renders and the store saves each PDF (unguessable name, sha256) or the error, with
a history row. WeasyPrint is imported only here, when a PDF is made: web processes that never render do not
pay for loading it (about a second).
"""

import logging
import uuid as uuid_lib
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from ...courses import api as courses_api
from ...courses.data import CourseData
from ...errors import FieldErrors
from ...keys import parse_course_key
from .. import custom_templates, records, signing, store
from ..constants import BUILT_IN_TEMPLATE, CertificateStatus
from ..data import CertificateData
from ..models import Certificate
from ..snapshot import certificate_language, completion_date, grade_percent, resolve_template
from . import credentials

log = logging.getLogger(__name__)

EXAMPLE_NAME = "Jane Example"
EXAMPLE_GRADE = "0.95"
EXAMPLES_PREFIX = "certificates/examples/"


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


def _rendering():
    from .. import rendering  # WeasyPrint loads only where a PDF is made (see the module docstring)

    return rendering


class _Sources:
    """Template sources of one run, read once per (template, version)."""

    def __init__(self, course_key: str):
        self.course_key = course_key
        self._sources: dict[tuple[str, int], str | None] = {}

    def get(self, template: str, version: int) -> str | None:
        if (template, version) not in self._sources:
            self._sources[(template, version)] = (
                None
                if template == BUILT_IN_TEMPLATE
                else custom_templates.template_source(self.course_key, template, version)
            )
        return self._sources[(template, version)]


def content(cert: Certificate, course: CourseData, sources: _Sources, credential_jwt: str | None = None):
    """What one certificate prints, from its snapshot (the time zone of older rows: the course's), and the
    signed credential its PDF carries."""
    rendering = _rendering()
    template = cert.template or BUILT_IN_TEMPLATE
    issued = cert.issued_at or timezone.now()
    return rendering.CertificateContent(
        learner_name=cert.name,
        course_title=cert.course_title,
        course_key=course.course_key,
        completion_date=completion_date(issued, cert.time_zone or course.time_zone),
        verify_url=records.verify_url(str(cert.verify_uuid)),
        verify_uuid=str(cert.verify_uuid),
        language=certificate_language(cert.language),
        grade=grade_percent(cert.grade) or None,
        template_name=template,
        template_version=cert.template_version,
        template_html=sources.get(template, cert.template_version),
        company_name=cert.company_name or None,
        company_logo=rendering.CompanyLogo(storage_path=cert.company_logo) if cert.company_logo else None,
        credential_jwt=credential_jwt,
    )


def _render_all(contents: list) -> list[bytes | Exception]:
    """One batch render; when the batch fails, each certificate alone, so one bad row fails only itself."""
    rendering = _rendering()
    if len(contents) > 1:
        try:
            return list(rendering.render_batch(contents))
        except Exception:  # a broken custom template or logo: find out which certificate it is
            log.warning("Batch render of %d certificates failed; one by one", len(contents), exc_info=True)
    results: list[bytes | Exception] = []
    for item in contents:
        try:
            results.append(rendering.render_pdf(item))
        except Exception as exc:  # recorded on the row, never lost
            log.warning("Rendering certificate %s failed", item.verify_uuid, exc_info=True)
            results.append(exc)
    return results


def _render_rows(certs: list[Certificate], course: CourseData, *, reason: str, actor_id: int | None) -> RenderCounts:
    """Render locked ``generating`` rows and save each PDF (or the error) with a history row."""
    sources = _Sources(course.course_key)
    emails = credentials.emails_of([cert.user_id for cert in certs])
    key = signing.current_key()
    contents: list = []
    for cert in certs:
        try:
            token = credentials.sign_credential(cert, course, emails.get(cert.user_id, ""), key)
            contents.append(content(cert, course, sources, token))
        except Exception as exc:  # e.g. the template version was removed
            contents.append(exc)
    renderable = [c for c in contents if not isinstance(c, Exception)]
    rendered = iter(_render_all(renderable) if renderable else [])
    results = [c if isinstance(c, Exception) else next(rendered) for c in contents]
    now = timezone.now()
    ok = failed = 0
    for cert, result in zip(certs, results, strict=True):
        if isinstance(result, Exception):
            store.apply_error(cert, result, now)
            failed += 1
        else:
            store.apply_pdf(cert, result, now)
            ok += 1
    if len(certs) == 1:
        cert = certs[0]
        why = store.RENDER_FAILED if cert.status == CertificateStatus.ERROR else reason
        store.save(cert, reason=why, actor_id=actor_id, fields=store.PDF_FIELDS)
    else:
        Certificate.objects.bulk_update(certs, fields=[*store.PDF_FIELDS, "modified"])
        store.bulk_history([c.pk for c in certs], "~", reason=reason, actor_id=actor_id, when=now)
    return RenderCounts(rendered=ok, errors=failed)


def render(certificate_id: int, *, actor_id: int | None = None) -> CertificateData | None:
    """Render the PDF of a ``generating`` certificate once (idempotent: a rendered one is left alone)."""
    with transaction.atomic():
        cert = store.locked(pk=certificate_id)
        if cert is None:
            return None
        if cert.status == CertificateStatus.GENERATING and not cert.pdf:
            _render_rows([cert], courses_api.get_course(cert.course_key), reason=store.RENDERED, actor_id=actor_id)
        return store.to_data(cert)


def render_many(
    course_key: str,
    *,
    limit: int = 50,
    certificate_ids: Sequence[int] | None = None,
    reason: str = "",
    actor_id: int | None = None,
) -> RenderCounts:
    """Render up to ``limit`` generating certificates of a course (of ``certificate_ids`` if given) as one batch.

    Rows locked by another renderer are skipped, and only rows still ``generating`` without a PDF are taken,
    so concurrent and repeated calls never render a certificate twice. Each PDF is saved with its sha256 and
    the row becomes ``downloadable``; a certificate that cannot be rendered becomes ``error`` with the reason.
    """
    key = parse_course_key(course_key)
    course = courses_api.get_course(key)
    with transaction.atomic():
        rows = Certificate.objects.filter(course_key=key, status=CertificateStatus.GENERATING, pdf="")
        if certificate_ids is not None:
            rows = rows.filter(pk__in=list(certificate_ids))
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        certs = list(rows.order_by("pk")[:limit])
        if not certs:
            return RenderCounts()
        return _render_rows(certs, course, reason=reason or store.RENDERED, actor_id=actor_id)


def _example_targets(course: CourseData) -> list[tuple[str, int, str]]:
    """(template, version, language): the course's configured template first, then each uploaded template."""
    configured = course.certificate_template or BUILT_IN_TEMPLATE
    latest = None if configured == BUILT_IN_TEMPLATE else custom_templates.latest_version(course.course_key, configured)
    template, version = resolve_template(configured, latest)
    targets = [(template, version, course.certificate_language)]
    seen = {template}
    for item in custom_templates.list_templates(course.course_key):  # newest version first per name
        if item.name not in seen:
            seen.add(item.name)
            targets.append((item.name, item.version, item.language))
    return targets


def generate_example(course_key: str, *, storage_prefix: str | None = None) -> ExampleResult:
    """Render the course's example certificates with a dummy learner and store them (for the preview)."""
    rendering = _rendering()
    course = courses_api.get_course(course_key)
    prefix = storage_prefix or f"{EXAMPLES_PREFIX}{uuid_lib.uuid4().hex}"
    sources = _Sources(course.course_key)
    previews, problems = [], []
    for template, version, language in _example_targets(course):
        example_uuid = str(uuid_lib.uuid4())
        try:
            pdf = rendering.render_pdf(
                rendering.CertificateContent(
                    learner_name=EXAMPLE_NAME,
                    course_title=course.title,
                    course_key=course.course_key,
                    completion_date=completion_date(timezone.now(), course.time_zone),
                    verify_url=records.verify_url(example_uuid),
                    verify_uuid=example_uuid,
                    language=certificate_language(language),
                    grade=grade_percent(EXAMPLE_GRADE),
                    template_name=template,
                    template_version=version,
                    template_html=sources.get(template, version),
                )
            )
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
    if not path.startswith(EXAMPLES_PREFIX):
        raise FieldErrors.single("path", "Not an example certificate.")
    with default_storage.open(path, "rb") as handle:
        return handle.read()
