"""Plain, immutable data the certificates domain hands to the API and pages."""

from dataclasses import dataclass
from datetime import datetime

from .constants import CertificateStatus


@dataclass(frozen=True)
class CertificateData:
    id: int
    uuid: str
    user_id: int
    username: str
    course_key: str
    status: str
    grade: str
    name: str
    course_title: str
    template: str
    template_version: int
    language: str
    issued_at: datetime | None
    download_count: int
    first_downloaded_at: datetime | None
    last_downloaded_at: datetime | None
    has_pdf: bool
    pdf_sha256: str
    hidden: bool  # the enrollment or the account was removed: kept for staff, hidden from everyone else
    copy_count: int = 0  # course-team and staff copies, counted apart from the holder's downloads

    @property
    def generating(self) -> bool:
        return self.status == CertificateStatus.GENERATING


@dataclass(frozen=True)
class VerificationData:
    """What the public verification page may tell: no e-mail, no grade."""

    uuid: str
    valid: bool
    status: str
    holder_name: str
    course_title: str
    issued_at: datetime | None


@dataclass(frozen=True)
class CertificateBox:
    """The certificate part of the Progress page / progress API / course card (DESIGN.md §5)."""

    status: str | None
    message: str | None
    button: str | None  # "request" | "download" | None
    card_link: bool
    uuid: str | None
    show_requirements: bool

    @property
    def downloadable(self) -> bool:
        return self.status == CertificateStatus.DOWNLOADABLE
