"""What the Progress page, course cards and APIs show about a learner's certificate (DESIGN.md §5).

One pure function over plain data; the strings are the product's exact wording, marked for the catalogs
and translated where they are shown (templates: ``{% translate box.message %}``), so the API keeps them exact.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_noop

from .constants import CertificateStatus

NOT_YET = gettext_noop("The certificate is not yet available because it's an instructor-paced course")
NOT_PASSED = gettext_noop("You haven't passed the course")
DOWNLOAD = gettext_noop("Download Your Certificate")
CARD = gettext_noop("Download Certificate")
REQUEST = gettext_noop("Request Certificate")
QUALIFIED = gettext_noop("You qualified for a certificate")
AVAILABLE = gettext_noop("Your certificate is available")
GENERATING = gettext_noop("Your certificate is being generated")
EMPLOYEE_COMPLETED = gettext_noop("Completed — your certificate is managed by your Company Admin")
ATTENDANCE_PENDING = gettext_noop("Your certificate will be available after your attendance is confirmed")
INVALIDATED = gettext_noop("Your certificate has been invalidated")
RECORDS_GENERATE = gettext_noop("Generate certificate")
RECORDS_OPEN = gettext_noop("Open certificate")


@dataclass(frozen=True)
class DisplayCourse:
    """The course facts the decision needs."""

    kind: str  # "online" | "live_event"
    self_paced: bool
    learner_generated: bool
    display_behavior: str  # end | early_no_info | early_with_info | end_with_date
    end: datetime | None
    certificate_available_date: datetime | None
    issues_certificates: bool = True


@dataclass(frozen=True)
class DisplayLearner:
    """The learner facts the decision needs."""

    is_employee: bool
    qualified: bool
    certificate_status: str | None  # None: no certificate record (or a deleted one)
    attendance_marked: bool = False  # live events: marked present or absent


@dataclass(frozen=True)
class Display:
    """What to show: a message, a button (``"request"`` / ``"download"``), the card link, the requirements."""

    message: str | None = None
    button: str | None = None
    card_link: bool = False
    show_requirements: bool = False


NOTHING = Display()


def _downloadable(learner: DisplayLearner, message: str | None) -> Display:
    """DOWNLOAD (and CARD) for everyone but employees, whose Company Admin holds the certificate."""
    if learner.is_employee:
        return Display(message=EMPLOYEE_COMPLETED)
    return Display(message=message, button="download", card_link=True)


def _has_ended(course: DisplayCourse, now: datetime) -> bool:
    boundary = course.certificate_available_date if course.display_behavior == "end_with_date" else course.end
    return boundary is not None and now >= boundary


def decide_display(course: DisplayCourse, learner: DisplayLearner, now: datetime) -> Display:
    """The certificate part of the Progress page and course card, by the table of DESIGN.md §5."""
    if not course.issues_certificates:
        return NOTHING
    status = learner.certificate_status
    if status == CertificateStatus.INVALIDATED:
        return Display(message=INVALIDATED)
    if status == CertificateStatus.GENERATING:
        return Display(message=GENERATING)

    if course.kind == "live_event":
        if status == CertificateStatus.DOWNLOADABLE:
            return _downloadable(learner, AVAILABLE)
        return NOTHING if learner.attendance_marked else Display(message=ATTENDANCE_PENDING)

    if course.self_paced or course.learner_generated:
        if status == CertificateStatus.DOWNLOADABLE:
            return _downloadable(learner, AVAILABLE)
        if learner.qualified:
            return Display(message=QUALIFIED, button="request")
        return Display(show_requirements=True)

    # Instructor-paced, learner-generated off: the display-behavior table.
    generated = status == CertificateStatus.DOWNLOADABLE
    failed = status == CertificateStatus.NOTPASSING
    behavior = course.display_behavior
    if behavior in ("end", "end_with_date"):
        if not _has_ended(course, now):
            return NOTHING
        if generated:
            return _downloadable(learner, None)
        return Display(message=NOT_PASSED if failed else NOT_YET)
    if behavior == "early_with_info":
        if generated:
            return _downloadable(learner, None)
        return Display(message=NOT_PASSED if failed else NOT_YET)
    # early_no_info (the default)
    return _downloadable(learner, None) if generated else NOTHING


def records_link_label(first_downloaded_at: datetime | None) -> str:
    """The learning records page's link: generate before the first download, open after it."""
    return RECORDS_GENERATE if first_downloaded_at is None else RECORDS_OPEN
