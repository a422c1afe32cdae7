"""Issuing certificates: eligibility, snapshot, idempotent creation, rendering, soft delete, regeneration."""

import hashlib
import logging
import uuid as uuid_lib
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..accounts import api as accounts_api
from ..courses import api as courses_api
from ..errors import DomainError, FieldErrors, NotFound
from ..keys import parse_course_key
from ..learning import api as learning_api
from . import course_team_actions, custom_templates, display, eligibility, sweep
from .data import CertificateData
from .models import Certificate, CertificateStatus
from .records import ISSUED, _data, _parse_uuid, certificate_for, verify_url

log = logging.getLogger(__name__)


class NotQualified(DomainError):
    """The learner does not qualify: ``requirements`` lists every unmet rule ({code, message, block_id?})."""

    def __init__(self, requirements: list[dict]):
        self.requirements = requirements
        super().__init__("You do not qualify for a certificate yet.")


def _facts(user_id: int, course) -> tuple[eligibility.EligibilityFacts, list[dict]]:
    """Eligibility facts from the learner's live progress, and the unmet requirements to show."""
    if course.is_live_event:
        # Attendance arrives with the live-events domain; until it is marked, nobody qualifies.
        facts = eligibility.EligibilityFacts(kind="live_event", completed=False, passed=False)
        return facts, [{"code": "attendance_not_marked", "message": display.ATTENDANCE_PENDING}]
    progress = learning_api.get_progress(user_id, course.course_key)
    facts = eligibility.EligibilityFacts(
        kind="online",
        completed=progress.completed,
        passed=progress.grade.passed,
        allowlisted=course_team_actions.is_allowlisted(user_id, course.course_key),
    )
    return facts, [r.as_json() for r in progress.unmet_requirements]


def _snapshot(user_id: int, course) -> dict:
    """What the certificate prints, frozen at issue time: later edits to the name or logo never change it."""
    profile = accounts_api.get_profile(user_id)
    template = course.certificate_template or custom_templates.BUILT_IN
    version = (
        1 if template == custom_templates.BUILT_IN else custom_templates.latest_version(course.course_key, template)
    )
    if version is None:  # the course names a template it does not have: fall back to the built-in one
        template, version = custom_templates.BUILT_IN, 1
    values = {
        "name": profile.full_name,
        "course_title": course.title,
        "template": template,
        "template_version": version,
        "language": course.certificate_language,
        "company_name": "",
        "company_logo": "",
    }
    if profile.company_id is not None:
        company = accounts_api.get_company(profile.company_id)
        values["company_name"] = company.name
        if company.logo_path and default_storage.exists(company.logo_path):
            with default_storage.open(company.logo_path, "rb") as handle:
                extension = company.logo_path.rsplit(".", 1)[-1].lower()
                values["company_logo"] = default_storage.save(
                    f"certificates/logos/{uuid_lib.uuid4().hex}.{extension}", ContentFile(handle.read())
                )
    return values


def _issue(user_id: int, course, grade: str) -> tuple[Certificate, bool]:
    """Create or revive the certificate row as ``generating``; concurrent calls end with one row."""
    key = parse_course_key(course.course_key)
    with transaction.atomic():
        try:
            with transaction.atomic():
                cert, created = Certificate.objects.select_for_update().get_or_create(
                    user_id=user_id, course_key=key, defaults={"status": CertificateStatus.GENERATING}
                )
        except IntegrityError:  # another request created it between our read and our insert
            cert, created = Certificate.objects.select_for_update().get(user_id=user_id, course_key=key), False
        if not created and cert.status in ISSUED:
            return cert, False
        for field, value in _snapshot(user_id, course).items():
            setattr(cert, field, value)
        cert.status = CertificateStatus.GENERATING
        cert.grade = grade
        cert.issued_at = timezone.now()
        cert.deleted_at = None
        cert.error_message = ""
        cert.pdf = ""
        cert.pdf_sha256 = ""
        cert.save()
        sweep.send_render(cert.pk)  # a broker outage leaves it generating, with the reason, for the sweep
    return cert, True


def request_certificate(user_id: int, course_key: str) -> tuple[CertificateData, bool]:
    """Request Certificate / Finish: issue it if the learner qualifies; ``(certificate, created)``.

    Raises ``NotQualified`` with every unmet requirement, ``FieldErrors`` when the course does not issue
    certificates (or they are not active yet), ``NotFound`` for an unknown course or a learner not enrolled.
    """
    course = courses_api.get_course(course_key)
    enrollment = courses_api.get_enrollment(course_key, user_id)
    if enrollment is None or not enrollment.is_active:
        raise NotFound("You are not enrolled in this course.")
    if not course.issues_certificates:
        raise FieldErrors.single("course_key", "This course does not issue certificates.")
    existing = certificate_for(user_id, course_key)
    if existing is not None and existing.status in ISSUED:
        return existing, False
    if existing is not None and existing.status == CertificateStatus.INVALIDATED:
        raise NotQualified([{"code": "invalidated", "message": display.INVALIDATED}])
    facts, unmet = _facts(user_id, course)
    if not eligibility.qualifies(facts):
        raise NotQualified(unmet)
    progress = learning_api.stored_progress(user_id, course_key)
    cert, created = _issue(user_id, course, f"{progress.grade_percent:.2f}" if progress else "")
    return _data(Certificate.objects.select_related("user").get(pk=cert.pk)), created


def issue_if_qualified(user_id: int, course_key: str) -> CertificateData | None:
    """Issue the certificate when the learner qualifies (automatic issuing); None when they do not."""
    try:
        return request_certificate(user_id, course_key)[0]
    except (NotQualified, FieldErrors, NotFound):
        return None


def _pdf_bytes(cert: Certificate) -> bytes:
    from .rendering import CertificateContent, CompanyLogo, render_pdf  # WeasyPrint loads only where rendering

    course = courses_api.get_course(str(cert.course_key))
    issued = cert.issued_at or timezone.now()
    try:
        zone = ZoneInfo(course.time_zone or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    content = CertificateContent(
        learner_name=cert.name,
        course_title=cert.course_title,
        course_key=str(cert.course_key),
        completion_date=issued.astimezone(zone).date(),
        verify_url=verify_url(str(cert.verify_uuid)),
        verify_uuid=str(cert.verify_uuid),
        language=cert.language if cert.language in ("en", "es", "fr") else "en",
        grade=cert.grade or None,
        template_name=cert.template or custom_templates.BUILT_IN,
        template_version=cert.template_version,
        template_html=(
            None
            if (cert.template or custom_templates.BUILT_IN) == custom_templates.BUILT_IN
            else custom_templates.template_source(str(cert.course_key), cert.template, cert.template_version)
        ),
        company_name=cert.company_name or None,
        company_logo=CompanyLogo(storage_path=cert.company_logo) if cert.company_logo else None,
    )
    return render_pdf(content)


def render_certificate(certificate_id: int) -> CertificateData | None:
    """Render the PDF of a ``generating`` certificate once (idempotent: a rendered one is left alone)."""
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().select_related("user").filter(pk=certificate_id).first()
        if cert is None or cert.status != CertificateStatus.GENERATING or cert.pdf:
            return _data(cert) if cert else None
        try:
            pdf = _pdf_bytes(cert)
        except Exception as exc:  # a broken template or logo must mark the row, never lose it
            log.exception("Rendering certificate %s failed", certificate_id)
            cert.status = CertificateStatus.ERROR
            cert.error_message = str(exc)[:2000]
            cert.save(update_fields=["status", "error_message", "modified"])
            return _data(cert)
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        cert.pdf.save(f"certificate-{stamp}.pdf", ContentFile(pdf), save=False)
        cert.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        cert.status = CertificateStatus.DOWNLOADABLE
        cert.save(update_fields=["pdf", "pdf_sha256", "status", "modified"])
        return _data(cert)


def delete_certificate(uuid: str, *, actor_id: int | None = None, reason: str = "") -> None:
    """Soft delete: the row, its PDF and its history stay; the learner and verification see it withdrawn."""
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().filter(verify_uuid=_parse_uuid(uuid)).first()
        if cert is None or cert.status == CertificateStatus.DELETED:
            raise NotFound(f"No certificate '{uuid}'")
        cert.status = CertificateStatus.DELETED
        cert.deleted_at = timezone.now()
        cert._change_reason = (reason or "deleted by the course team")[:100]
        cert.save()


def regenerate_certificate(uuid: str, *, actor_id: int | None = None) -> CertificateData:
    """Re-snapshot and re-render an issued certificate (e.g. after a template change); history keeps the old PDF."""
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().filter(verify_uuid=_parse_uuid(uuid)).first()
        if cert is None:
            raise NotFound(f"No certificate '{uuid}'")
        if cert.status not in (CertificateStatus.DOWNLOADABLE, CertificateStatus.ERROR, CertificateStatus.GENERATING):
            raise FieldErrors.single("status", f"A {cert.status} certificate cannot be regenerated.")
        course = courses_api.get_course(str(cert.course_key))
        for field, value in _snapshot(cert.user_id, course).items():
            setattr(cert, field, value)
        cert.status = CertificateStatus.GENERATING
        cert.pdf = ""
        cert.pdf_sha256 = ""
        cert.error_message = ""
        cert._change_reason = "regenerated"
        cert.save()
        certificate_id = cert.pk
        sweep.send_render(certificate_id)
    return _data(Certificate.objects.select_related("user").get(pk=certificate_id))
