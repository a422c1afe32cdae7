"""Reading certificates: records, downloads with their rights, public verification, the display box."""

import hashlib
import logging
from datetime import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from ..accounts import api as accounts_api
from ..conf import llp_setting
from ..courses import api as courses_api
from ..courses.data import CourseData
from ..errors import FieldErrors, NotFound
from ..events import api as events_api
from ..keys import parse_course_key
from . import display
from .constants import HIDDEN, ISSUED, CertificateStatus
from .data import CertificateBox, CertificateData, VerificationData
from .models import Certificate
from .store import parse_uuid, to_data

log = logging.getLogger(__name__)


def verify_url(uuid: str) -> str:
    """The public verification page of a certificate: the site's base URL and the page's path by name (the
    plugin may be mounted under a prefix inside Open edX)."""
    path = reverse("llp_edx_plugin:pages:certificate-verify", kwargs={"uuid": str(uuid)})
    return f"{str(llp_setting('BASE_URL')).rstrip('/')}{path}"


def is_hidden(cert: Certificate) -> bool:
    """Removing the enrollment or the account hides a certificate (kept, with its history, for staff)."""
    if not cert.user.is_active:
        return True
    enrollment = courses_api.get_enrollment(str(cert.course_key), cert.user_id)
    return enrollment is None or not enrollment.is_active


def row_by_uuid(uuid: str) -> Certificate:
    """The row of a verify UUID (with its user); ``NotFound`` when unknown."""
    cert = Certificate.objects.select_related("user").filter(verify_uuid=parse_uuid(uuid)).first()
    if cert is None:
        raise NotFound(f"No certificate '{uuid}'")
    return cert


def get_certificate(uuid: str) -> CertificateData:
    """A certificate by its verify UUID; ``NotFound`` when unknown."""
    cert = row_by_uuid(uuid)
    return to_data(cert, hidden=is_hidden(cert))


def certificate_for(user_id: int, course_key: str) -> CertificateData | None:
    """The learner's certificate record in a course (any status), or None."""
    cert = Certificate.objects.select_related("user").filter(user_id=user_id, course_key=parse_course_key(course_key))
    row = cert.first()
    return to_data(row) if row else None


def user_certificates(user_id: int) -> list[CertificateData]:
    """The learner's certificates that exist for them (not deleted, not hidden), newest first."""
    rows = Certificate.objects.select_related("user").filter(user_id=user_id).exclude(status=CertificateStatus.DELETED)
    active_courses = {e.course_key for e in courses_api.user_enrollments(user_id)}
    return [
        to_data(row)
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
    return [to_data(row) for row in rows.order_by("user__username")]


def verify(uuid: str) -> VerificationData:
    """Public verification: valid only while downloadable and not hidden; never the e-mail or the grade."""
    cert = row_by_uuid(uuid)
    status = cert.status
    if status in ISSUED and is_hidden(cert):
        status = HIDDEN
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


def _box(
    course: CourseData,
    is_employee: bool,
    cert: Certificate | None,
    qualified: bool,
    now: datetime,
    attendance_marked: bool = False,
) -> CertificateBox:
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
            is_employee=is_employee,
            qualified=qualified,
            certificate_status=status,
            attendance_marked=attendance_marked,
        ),
        now,
    )
    return CertificateBox(
        status=status,
        message=shown.message,
        button=shown.button,
        card_link=shown.card_link,
        uuid=str(cert.verify_uuid) if cert and status else None,
        show_requirements=shown.show_requirements,
    )


_FEATURE_OFF = CertificateBox(None, None, None, False, None, False)


def certificate_boxes(
    user_id: int, courses: "list[CourseData]", qualified: dict[str, bool], *, now: datetime | None = None
) -> dict[str, CertificateBox]:
    """The certificate part of several courses' cards for one learner (two queries), by course key."""
    if not llp_setting("ENABLED"):
        return {course.course_key: _FEATURE_OFF for course in courses}
    is_employee = accounts_api.get_profile(user_id).account_type == "employee"
    keys = [parse_course_key(course.course_key) for course in courses]
    certs = {str(c.course_key): c for c in Certificate.objects.filter(user_id=user_id, course_key__in=keys)}
    moment = now or timezone.now()
    events = [course.course_key for course in courses if course.is_live_event]
    marked = events_api.marked_course_keys(user_id, events) if events else set()
    return {
        course.course_key: _box(
            course,
            is_employee,
            certs.get(course.course_key),
            qualified.get(course.course_key, False),
            moment,
            course.course_key in marked,
        )
        for course in courses
    }


def certificate_box(user_id: int, course_key: str, *, qualified: bool, now: datetime | None = None) -> CertificateBox:
    """The certificate part of the Progress page, course card and progress API (DESIGN.md §5)."""
    return certificate_box_in(user_id, courses_api.get_course(course_key), qualified=qualified, now=now)


def certificate_box_in(
    user_id: int, course: CourseData, *, qualified: bool, now: datetime | None = None
) -> CertificateBox:
    """``certificate_box`` for a caller that has already read the course (a page): one query fewer."""
    return certificate_boxes(user_id, [course], {course.course_key: qualified}, now=now)[course.course_key]


def status_by_user(course_key: str) -> dict[int, str]:
    """Each learner's certificate status in a course (one query); deleted certificates are left out."""
    rows = (
        Certificate.objects.filter(course_key=parse_course_key(course_key))
        .exclude(status=CertificateStatus.DELETED)
        .values_list("user_id", "status")
    )
    return dict(rows)


def count_issued(course_key: str) -> int:
    """How many learners hold an issued (downloadable or generating) certificate in the course."""
    return Certificate.objects.filter(course_key=parse_course_key(course_key), status__in=ISSUED).count()


def pending_count(course_key: str) -> int:
    """Generating certificates of the course still waiting for their PDF."""
    return Certificate.objects.filter(
        course_key=parse_course_key(course_key), status=CertificateStatus.GENERATING, pdf=""
    ).count()


def status_counts(course_key: str) -> dict[str, int]:
    """How many certificate records of the course are in each status."""
    rows = Certificate.objects.filter(course_key=parse_course_key(course_key)).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
