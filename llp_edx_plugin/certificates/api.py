"""The certificates domain's public door: other domains, the REST API and the pages call only these.

A thin layer over the use cases (``usecases/``): it schedules the background work they leave for later
(rendering, automatic issuing) on commit, so a task never sees a row its transaction has not committed.
"""

__all__ = [
    "EMPLOYEE_COMPLETED",
    "GENERATING",
    "ISSUED",
    "REGENERABLE",
    "REGENERABLE_ONE",
    "CertificateBox",
    "CertificateData",
    "CertificateFilter",
    "CertificatePage",
    "CertificateStatus",
    "ChunkCounts",
    "ExampleResult",
    "ExceptionData",
    "InvalidationData",
    "Issuer",
    "ListedCertificate",
    "NotQualified",
    "RenderCounts",
    "TemplateData",
    "VerificationData",
    "add_exception",
    "can_download",
    "can_view",
    "certificate_box",
    "certificate_box_in",
    "certificate_boxes",
    "certificate_for",
    "certificate_pages_for_users",
    "certificates_for_users",
    "clean_statuses",
    "count_certificates_for_users",
    "count_issued",
    "course_certificates",
    "course_certificates_of",
    "course_certificates_page",
    "credential_for",
    "credential_summary",
    "delete_certificate",
    "download_pdf",
    "generate_example",
    "get_certificate",
    "grade_percent",
    "import_exceptions_csv",
    "invalidate",
    "issue",
    "issue_if_qualified",
    "issue_many",
    "issued_counts",
    "jwks",
    "linkedin_url",
    "linkedin_url_of_box",
    "list_exceptions",
    "list_invalidations",
    "list_templates",
    "listed_certificate",
    "pending_count",
    "read_example",
    "records_link_label",
    "regenerate_certificate",
    "remove_exception",
    "render_certificate",
    "render_many",
    "request_certificate",
    "resend_stuck",
    "restore_certificate",
    "revalidate",
    "rotate_credential_key",
    "schedule_automatic_issue",
    "send_render_batches",
    "status_by_user",
    "status_counts",
    "status_list_token",
    "tally_certificates_for_users",
    "upload_template",
    "user_certificates",
    "user_certificates_page",
    "verify",
    "verify_credential",
    "verify_pdf",
    "verify_pdf_bytes",
    "verify_url",
]

from collections.abc import Sequence

from ..accounts.data import Actor
from ..courses import api as courses_api
from . import sharing, sweep  # safe sending through broker outages (ADR 0026); registers the sweeper
from .allowlist import (
    ExceptionData,
    InvalidationData,
    add_exception,
    import_exceptions_csv,
    list_exceptions,
    list_invalidations,
    remove_exception,
)
from .constants import ISSUED, REGENERABLE, REGENERABLE_ONE, CertificateStatus
from .custom_templates import TemplateData, list_templates, upload_template
from .data import CertificateBox, CertificateData, VerificationData
from .display import EMPLOYEE_COMPLETED, GENERATING, records_link_label
from .holders import (
    certificate_pages_for_users,
    certificates_for_users,
    count_certificates_for_users,
    course_certificates_of,
    issued_counts,
    tally_certificates_for_users,
)
from .issuers import Issuer, clean_statuses, may_issue_now
from .listing import (
    CertificateFilter,
    CertificatePage,
    ListedCertificate,
    course_certificates_page,
    listed_certificate,
    user_certificates_page,
)
from .permissions import can_download, can_view
from .records import (
    certificate_box,
    certificate_box_in,
    certificate_boxes,
    certificate_for,
    count_issued,
    course_certificates,
    get_certificate,
    pending_count,
    status_by_user,
    status_counts,
    user_certificates,
    verify,
    verify_pdf_bytes,
    verify_url,
)
from .signing import jwks
from .signing import rotate as rotate_credential_key
from .snapshot import grade_percent
from .usecases import course_team, credentials, downloads, issuing, pdfs
from .usecases.credentials import credential_for, status_list_token, verify_pdf
from .usecases.credentials import public_summary as credential_summary
from .usecases.credentials import verify_token as verify_credential
from .usecases.issuing import ChunkCounts, NotQualified
from .usecases.pdfs import ExampleResult, RenderCounts, generate_example, read_example, render_many

resend_stuck = sweep.resend_stuck

invalidate = course_team.invalidate
revalidate = course_team.revalidate
issue_many = issuing.issue_many


def _render_on_commit(certificate_id: int) -> None:
    sweep.send_render(certificate_id)


def issue(
    user_id: int, course_key: str, *, issuer: Issuer, actor_id: int | None = None, program_complete: bool = False
) -> tuple[CertificateData, bool]:
    """Issue one learner's certificate for ``issuer`` (see ``usecases.issuing.issue``); its PDF renders on commit.

    Every issuer calls this: live events with ``Issuer.ATTENDANCE`` (actor: the attendance admin), programs with
    ``Issuer.PROGRAM`` and ``program_complete``. ``FieldErrors`` / ``NotFound`` / ``NotQualified`` as there.
    """
    cert, created = issuing.issue(
        user_id, course_key, issuer=issuer, actor_id=actor_id, program_complete=program_complete
    )
    if created:
        _render_on_commit(cert.id)
    return cert, created


def request_certificate(user_id: int, course_key: str) -> tuple[CertificateData, bool]:
    """Request Certificate / Finish: issue it if the course lets learners and the learner qualifies.

    Raises ``NotQualified`` with every unmet requirement; ``FieldErrors`` when the course does not issue
    certificates, is instructor-paced without learner-generated certificates, or its certificates are not
    active; ``NotFound`` for an unknown course or a learner not enrolled.
    """
    return issue(user_id, course_key, issuer=Issuer.LEARNER_REQUEST, actor_id=user_id)


def issue_if_qualified(
    user_id: int, course_key: str, *, issuer: Issuer = Issuer.AUTOMATIC, actor_id: int | None = None
) -> CertificateData | None:
    """Issue the certificate when the issuer may and the learner qualifies; None when not (automatic issuers)."""
    try:
        return issue(user_id, course_key, issuer=issuer, actor_id=actor_id)[0]
    except issuing.NOT_ISSUED:
        return None


def schedule_automatic_issue(user_id: int, course_key: str) -> bool:
    """After a learner completed a course: issue in a task on commit, if automatic issuing applies to it.

    The same ``may_issue_now`` as Request Certificate decides (the task checks every rule again).
    """
    course = courses_api.get_course(course_key)
    if may_issue_now(Issuer.AUTOMATIC, issuing.issue_facts(course)) is not None:
        return False
    sweep.send_issue_if_qualified(user_id, course_key)
    return True


def render_certificate(certificate_id: int, *, actor_id: int | None = None) -> CertificateData | None:
    """Render a generating certificate's PDF now (idempotent)."""
    return pdfs.render(certificate_id, actor_id=actor_id)


def send_render_batches(
    course_key: str, certificate_ids: Sequence[int], batch: int, *, reason: str = "", actor_id: int | None = None
) -> None:
    """Queue render tasks for these certificates, ``batch`` per task, on commit, for any worker to take."""
    ids = list(certificate_ids)
    for start in range(0, len(ids), batch):
        sweep.send_render_batch(course_key, ids[start : start + batch], reason=reason, actor_id=actor_id)


def regenerate_certificate(uuid: str, *, actor_id: int | None = None) -> CertificateData:
    """Re-snapshot an issued certificate; its new PDF renders on commit, the old one stays in history."""
    cert = issuing.regenerate(uuid, actor_id=actor_id)
    _render_on_commit(cert.id)
    return cert


def delete_certificate(uuid: str, *, actor_id: int | None = None, reason: str = "") -> None:
    """Soft delete, audited with the actor and the reason."""
    course_team.delete(uuid, actor_id=actor_id, reason=reason)


def restore_certificate(uuid: str, *, actor_id: int | None = None) -> None:
    """Undo a soft delete; a certificate without its PDF renders again on commit."""
    course_team.restore(uuid, actor_id=actor_id)
    cert = get_certificate(uuid)
    if not cert.has_pdf:
        _render_on_commit(cert.id)


def linkedin_url(cert: CertificateData) -> str:
    """LinkedIn's "Add to profile" link of an issued certificate (its verify page is the credential URL)."""
    return sharing.linkedin_add_to_profile_url(
        name=cert.course_title,
        organization=credentials.issuer()[0],
        issued_at=cert.issued_at,
        cert_id=cert.uuid,
        cert_url=verify_url(cert.uuid),
    )


def linkedin_url_of_box(box: CertificateBox | None) -> str | None:
    """The LinkedIn link shown next to Download Your Certificate (None wherever that button is not shown)."""
    if box is None or box.button != "download" or not box.uuid:
        return None
    return linkedin_url(get_certificate(box.uuid))


def download_pdf(uuid: str, actor: Actor) -> tuple[bytes, str]:
    """The PDF and its file name for an allowed downloader; the download is counted and audited."""
    return downloads.download(uuid, actor)
