"""The certificate record (one per learner and training) with its full history."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from opaque_keys.edx.django.models import CourseKeyField
from simple_history.models import HistoricalRecords

from .constants import CertificateStatus, DownloadKind

__all__ = [
    "Certificate",
    "CertificateDownload",
    "CertificateException",
    "CertificateInvalidation",
    "CertificateStatus",
    "CertificateTemplate",
    "CredentialKey",
    "certificate_pdf_path",
]


class CertificateHistory(HistoricalRecords):
    """The certificate's history, with only the indexes its readers use (bulk issuing writes 100,000 rows, P1).

    History is read by certificate id (its versions) and by PDF digest (an upload of an earlier version): the
    copies of course_key, user and verify_uuid are not indexed, and the digest index holds rendered versions
    only, not the empty digest of every issued-but-not-rendered row.
    """

    UNINDEXED = ("course_key", "user", "verify_uuid", "pdf_sha256")

    def __init__(self, **kwargs):
        super().__init__(no_db_index=list(self.UNINDEXED), **kwargs)

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        rendered = models.Index(
            fields=["pdf_sha256"], name="llp_histcert_pdf_sha256", condition=~models.Q(pdf_sha256="")
        )
        options["indexes"] = [*options.get("indexes", ()), rendered]
        return options


def certificate_pdf_path(instance: "Certificate", filename: str) -> str:
    """An unguessable name, unrelated to the public verify UUID or the issue time (issue 8 §4).

    Each rendering gets a new name, so the history keeps every earlier file.
    """
    return f"certificates/pdf/{secrets.token_urlsafe(24)}.pdf"


class Certificate(models.Model):
    """A learner's certificate for one training, as issued: a snapshot that later edits never change."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    course_key = CourseKeyField(max_length=255, db_index=True)
    verify_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=CertificateStatus.choices)
    grade = models.CharField(max_length=10, blank=True)
    # Snapshot taken when issued (or regenerated).
    name = models.CharField(max_length=255, blank=True)
    course_title = models.CharField(max_length=255, blank=True)
    template = models.CharField(max_length=100, blank=True)
    template_version = models.PositiveIntegerField(default=1)
    language = models.CharField(max_length=10, default="en")
    time_zone = models.CharField(max_length=64, blank=True)  # the course's, as issued ("" before it was kept)
    company_name = models.CharField(max_length=200, blank=True)
    company_logo = models.CharField(max_length=255, blank=True)  # storage name of the logo copy used
    issued_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=certificate_pdf_path, blank=True, max_length=255)
    pdf_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    error_message = models.TextField(blank=True)
    download_count = models.PositiveIntegerField(default=0)  # the holder's downloads
    copy_count = models.PositiveIntegerField(default=0)  # course-team and staff copies (audited apart)
    first_downloaded_at = models.DateTimeField(null=True, blank=True)
    last_downloaded_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    history = CertificateHistory(excluded_fields=["modified"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="llp_one_certificate_per_user_course")
        ]
        indexes = [models.Index(fields=["course_key", "status"], name="llp_cert_course_status")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.course_key} {self.status}"

    @classmethod
    def from_db(cls, db, field_names, values):
        # The status as read, so the store can tell higher domains what changed (signals.CERTIFICATES_CHANGED).
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance


class CertificateTemplate(models.Model):
    """A course team's own certificate template (Django template HTML); each upload is a new version."""

    course_key = CourseKeyField(max_length=255, db_index=True)
    name = models.CharField(max_length=100)
    version = models.PositiveIntegerField()
    language = models.CharField(max_length=10, default="en")
    html = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course_key", "name", "version"], name="llp_one_template_version"),
        ]
        ordering = ["course_key", "name", "-version"]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.course_key})"


class CertificateException(models.Model):
    """An allowlist entry: the learner is issued a certificate regardless of grade (never of completion)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course_key = CourseKeyField(max_length=255, db_index=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course_key"], name="llp_one_exception_per_user_course")]

    def __str__(self) -> str:
        return f"exception {self.user_id} {self.course_key}"


class CertificateInvalidation(models.Model):
    """Why and by whom a certificate was invalidated; ``active`` False once re-validated (kept for audit)."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="invalidations")
    notes = models.TextField(blank=True)
    invalidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)
    revalidated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["certificate", "active"], name="llp_invalidation_active")]

    def __str__(self) -> str:
        return f"invalidation of {self.certificate_id} ({'active' if self.active else 'lifted'})"


class CertificateDownload(models.Model):
    """One download of a certificate's PDF: who, when, and whether by its holder or as someone's copy."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=DownloadKind.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["certificate", "kind"], name="llp_cert_download_kind")]

    def __str__(self) -> str:
        return f"{self.kind} download of {self.certificate_id} by {self.user_id}"


class CredentialKey(models.Model):
    """An Ed25519 key of the installation that signs Open Badges credentials (ADR 0033).

    The private key is stored encrypted (a key derived from SECRET_KEY) and is never served; the public JWK is
    published in the JWKS with its validity period. Exactly one key is ``current`` (signs new credentials): a
    partial unique constraint makes a second impossible, so two requests creating the first key at once end
    with one.
    """

    kid = models.CharField(max_length=64, unique=True)
    public_jwk = models.JSONField()
    private_key_encrypted = models.TextField()
    current = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["current"], condition=models.Q(current=True), name="llp_one_current_credential_key"
            )
        ]
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"credential key {self.kid}{' (current)' if self.current else ''}"
