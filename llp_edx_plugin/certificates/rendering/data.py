"""What a certificate PDF is made from: plain, frozen data (never model instances)."""

import base64
import mimetypes
from dataclasses import dataclass, field
from datetime import date

from ...errors import FieldErrors
from ..constants import BUILT_IN_TEMPLATE, LANGUAGES

DEFAULT_ISSUER = "LLP — Accelerated Leadership"
# Logos are embedded as data: URIs; only raster formats the logo upload check accepts.
LOGO_MIME_TYPES = {"image/png", "image/jpeg"}


class RenderError(Exception):
    """A certificate could not be rendered (bad template output, unreadable logo, wrong page count)."""


@dataclass(frozen=True)
class CompanyLogo:
    """A company logo: either the image bytes with their MIME type, or a path in Django's default storage."""

    data: bytes | None = None
    mime_type: str | None = None
    storage_path: str | None = None

    def __post_init__(self):
        if (self.data is None) == (self.storage_path is None):
            raise ValueError("CompanyLogo needs exactly one of data or storage_path")
        if self.data is not None and self.mime_type not in LOGO_MIME_TYPES:
            raise ValueError(f"CompanyLogo mime_type must be one of {sorted(LOGO_MIME_TYPES)}")

    def load(self) -> tuple[bytes, str]:
        """Return ``(bytes, mime_type)``, reading the storage file when the logo is given by path."""
        if self.data is not None:
            return self.data, self.mime_type or ""
        from django.core.exceptions import SuspiciousFileOperation
        from django.core.files.storage import default_storage

        mime_type = self.mime_type or mimetypes.guess_type(self.storage_path)[0]
        if mime_type not in LOGO_MIME_TYPES:
            raise RenderError(f"Unsupported logo type for {self.storage_path!r}")
        try:
            with default_storage.open(self.storage_path, "rb") as handle:
                return handle.read(), mime_type
        except (OSError, ValueError, SuspiciousFileOperation) as exc:  # missing, or a path outside the storage
            raise RenderError(f"Cannot read logo {self.storage_path!r}: {exc}") from exc

    def data_uri(self) -> str:
        data, mime_type = self.load()
        return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on one certificate, as issued.

    ``completion_date`` is already a date in the course's time zone. ``template_html`` is the source of an
    uploaded template (Django template syntax, rendered in the sandbox); ``None`` means the built-in
    "classic" template of ``language``.
    """

    learner_name: str
    course_title: str
    course_key: str
    completion_date: date
    verify_url: str
    verify_uuid: str
    language: str = "en"
    grade: str | None = None  # as printed, e.g. "92%" (snapshot.grade_percent)
    template_name: str = BUILT_IN_TEMPLATE
    template_version: int = 1
    template_html: str | None = None
    company_name: str | None = None
    company_logo: CompanyLogo | None = field(default=None, repr=False)
    issuer_name: str = DEFAULT_ISSUER
    credential_jwt: str | None = field(default=None, repr=False)  # embedded in the PDF (rendering/pdfa.py)

    def __post_init__(self):
        if self.language not in LANGUAGES:
            raise FieldErrors.single("language", f"Choose one of: {', '.join(LANGUAGES)}.")
