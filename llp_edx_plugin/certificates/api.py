"""The certificates domain's public functions: issuing, reading, downloading and verifying certificates."""

import hashlib
import logging
import uuid as uuid_lib
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..conf import llp_setting
from ..courses import api as courses_api
from ..errors import Conflict, DomainError, FieldErrors, Forbidden, NotFound
from ..keys import parse_course_key
from ..learning import api as learning_api
from . import custom_templates, display, eligibility, permissions
from .custom_templates import TemplateData, list_templates, upload_template
from .data import CertificateBox, CertificateData, VerificationData
from .models import Certificate, CertificateStatus

__all__ = [
    "CertificateBox",
    "CertificateData",
    "NotQualified",
    "TemplateData",
    "VerificationData",
    "certificate_box",
    "certificate_for",
    "course_certificates",
    "download_pdf",
    "get_certificate",
    "issue_if_qualified",
    "list_templates",
    "render_certificate",
    "request_certificate",
    "upload_template",
    "user_certificates",
    "verify",
    "verify_pdf_bytes",
    "verify_url",
]

log = logging.getLogger(__name__)
ISSUED = (CertificateStatus.DOWNLOADABLE, CertificateStatus.GENERATING)


class NotQualified(DomainError):
    """The learner does not qualify: ``requirements`` lists every unmet rule ({code, message, block_id?})."""

    def __init__(self, requirements: list[dict]):
        self.requirements = requirements
        super().__init__("You do not qualify for a certificate yet.")


def verify_url(uuid: str) -> str:
    """The public verification page of a certificate."""
    return f"{str(llp_setting('BASE_URL')).rstrip('/')}/verify/{uuid}"


def _data(cert: Certificate, username: str | None = None, hidden: bool = False) -> CertificateData:
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
    )


def _is_hidden(cert: Certificate) -> bool:
    """Removing the enrollment or the account hides a certificate (kept, with its history, for staff)."""
    if not cert.user.is_active:
        return True
    enrollment = courses_api.get_enrollment(str(cert.course_key), cert.user_id)
    return enrollment is None or not enrollment.is_active


def _parse_uuid(value: str) -> uuid_lib.UUID:
    try:
        return uuid_lib.UUID(str(value))
    except ValueError as exc:
        raise NotFound(f"No certificate '{value}'") from exc


def _row(uuid: str) -> Certificate:
    cert = Certificate.objects.select_related("user").filter(verify_uuid=_parse_uuid(uuid)).first()
    if cert is None:
        raise NotFound(f"No certificate '{uuid}'")
    return cert


def get_certificate(uuid: str) -> CertificateData:
    """A certificate by its verify UUID; ``NotFound`` when unknown."""
    cert = _row(uuid)
    return _data(cert, hidden=_is_hidden(cert))


def certificate_for(user_id: int, course_key: str) -> CertificateData | None:
    """The learner's certificate record in a course (any status), or None."""
    cert = Certificate.objects.select_related("user").filter(user_id=user_id, course_key=parse_course_key(course_key))
    row = cert.first()
    return _data(row) if row else None


def user_certificates(user_id: int) -> list[CertificateData]:
    """The learner's certificates that exist for them (not deleted, not hidden), newest first."""
    rows = Certificate.objects.select_related("user").filter(user_id=user_id).exclude(status=CertificateStatus.DELETED)
    active_courses = {e.course_key for e in courses_api.user_enrollments(user_id)}
    return [
        _data(row)
        for row in rows.order_by("-issued_at", "-pk")
        if row.user.is_active and str(row.course_key) in active_courses
    ]


def course_certificates(course_key: str, status: str | None = None) -> list[CertificateData]:
    """Every certificate record of a course (for the course team), optionally of one status."""
    rows = Certificate.objects.select_related("user").filter(course_key=parse_course_key(course_key))
    if status:
        if status not in CertificateStatus.values:
            raise FieldErrors.single("status", f"Must be one of: {', '.join(CertificateStatus.values)}.")
        rows = rows.filter(status=status)
    return [_data(row) for row in rows.order_by("user__username")]


def _facts(user_id: int, course) -> tuple[eligibility.EligibilityFacts, list[dict]]:
    """Eligibility facts from the learner's live progress, and the unmet requirements to show."""
    if course.is_live_event:
        # Attendance arrives with the live-events domain; until it is marked, nobody qualifies.
        facts = eligibility.EligibilityFacts(kind="live_event", completed=False, passed=False)
        return facts, [{"code": "attendance_not_marked", "message": display.ATTENDANCE_PENDING}]
    progress = learning_api.get_progress(user_id, course.course_key)
    facts = eligibility.EligibilityFacts(kind="online", completed=progress.completed, passed=progress.grade.passed)
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
        from . import tasks  # a module-level import would tie the models to Celery at import time

        certificate_id = cert.pk
        transaction.on_commit(lambda: tasks.render_certificate_task.delay(certificate_id))
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


def download_pdf(uuid: str, actor: Actor) -> tuple[bytes, str]:
    """The PDF and a file name for an allowed downloader; renders it first if still missing.

    Records the download: count and last date every time, the first download date once.
    """
    cert = _row(uuid)
    owner = accounts_api.get_profile(cert.user_id)
    if not permissions.can_download(actor, owner, str(cert.course_key)):
        raise Forbidden("You may not download this certificate.")
    if cert.status not in ISSUED:
        raise NotFound("This certificate is not available.")
    if not actor.is_platform_staff and _is_hidden(cert):
        raise NotFound("This certificate is not available.")
    if not cert.pdf:
        render_certificate(cert.pk)
        cert.refresh_from_db()
        if not cert.pdf:
            raise Conflict("The certificate could not be rendered yet; please try again shortly.")
    with cert.pdf.open("rb") as handle:
        pdf = handle.read()
    now = timezone.now()
    Certificate.objects.filter(pk=cert.pk).update(download_count=F("download_count") + 1, last_downloaded_at=now)
    Certificate.objects.filter(pk=cert.pk, first_downloaded_at__isnull=True).update(first_downloaded_at=now)
    safe_title = "".join(ch if ch.isalnum() else "-" for ch in cert.course_title).strip("-")[:60] or "certificate"
    return pdf, f"certificate-{safe_title}.pdf"


def verify(uuid: str) -> VerificationData:
    """Public verification: valid only while downloadable and not hidden; never the e-mail or the grade."""
    cert = _row(uuid)
    status = cert.status
    if status in ISSUED and _is_hidden(cert):
        status = "hidden"
    return VerificationData(
        uuid=str(cert.verify_uuid),
        valid=status == CertificateStatus.DOWNLOADABLE,
        status=status,
        holder_name=cert.name,
        course_title=cert.course_title,
        issued_at=cert.issued_at,
    )


def verify_pdf_bytes(pdf: bytes) -> dict:
    """Whether these bytes are, exactly, a PDF issued here (any version kept in history), and if still valid."""
    digest = hashlib.sha256(pdf).hexdigest()
    cert = Certificate.objects.filter(pdf_sha256=digest).first()
    if cert is None:
        historical = Certificate.history.filter(pdf_sha256=digest).order_by("-history_date").first()
        if historical is None:
            return {"authentic": False, "uuid": None, "valid": False}
        cert = Certificate.objects.filter(pk=historical.id).first()
        if cert is None:
            return {"authentic": True, "uuid": str(historical.verify_uuid), "valid": False}
    result = verify(str(cert.verify_uuid))
    return {"authentic": True, "uuid": result.uuid, "valid": result.valid}


def certificate_box(user_id: int, course_key: str, *, qualified: bool, now: datetime | None = None) -> CertificateBox:
    """The certificate part of the Progress page, course card and progress API (DESIGN.md §5)."""
    if not llp_setting("ENABLED"):
        return CertificateBox(None, None, None, False, None, False)
    course = courses_api.get_course(course_key)
    profile = accounts_api.get_profile(user_id)
    cert = certificate_for(user_id, course_key)
    status = cert.status if cert and cert.status != CertificateStatus.DELETED else None
    shown = display.decide_display(
        display.DisplayCourse(
            kind=course.kind,
            self_paced=course.self_paced,
            learner_generated=course.learner_generated_certificates,
            display_behavior=course.certificates_display_behavior,
            end=course.end,
            certificate_available_date=course.certificate_available_date,
            issues_certificates=course.issues_certificates,
        ),
        display.DisplayLearner(
            is_employee=profile.account_type == "employee",
            qualified=qualified,
            certificate_status=status,
            attendance_marked=False,
        ),
        now or timezone.now(),
    )
    return CertificateBox(
        status=status,
        message=shown.message,
        button=shown.button,
        card_link=shown.card_link,
        uuid=cert.uuid if cert and status else None,
        show_requirements=shown.show_requirements,
    )
