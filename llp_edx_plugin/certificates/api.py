"""The certificates domain's public door: other domains, the REST API and the pages call only these."""

from .course_team_actions import (
    ExceptionData,
    InvalidationData,
    add_exception,
    import_exceptions_csv,
    invalidate,
    list_exceptions,
    list_invalidations,
    remove_exception,
    revalidate,
)
from .custom_templates import TemplateData, list_templates, upload_template
from .data import CertificateBox, CertificateData, VerificationData
from .display import EMPLOYEE_COMPLETED, GENERATING, records_link_label
from .downloads import download_pdf
from .issuing import (
    NotQualified,
    delete_certificate,
    issue_if_qualified,
    regenerate_certificate,
    render_certificate,
    request_certificate,
)
from .permissions import can_download, can_view
from .records import (
    certificate_box,
    certificate_boxes,
    certificate_for,
    count_issued,
    course_certificates,
    get_certificate,
    user_certificates,
    verify,
    verify_pdf_bytes,
    verify_url,
)
from .sweep import resend_stuck  # broker outages (ADR 0026); importing it registers the domain's sweeper

__all__ = [
    "EMPLOYEE_COMPLETED",
    "GENERATING",
    "CertificateBox",
    "CertificateData",
    "ExceptionData",
    "InvalidationData",
    "NotQualified",
    "TemplateData",
    "VerificationData",
    "add_exception",
    "can_download",
    "can_view",
    "certificate_box",
    "certificate_boxes",
    "certificate_for",
    "count_issued",
    "course_certificates",
    "delete_certificate",
    "download_pdf",
    "get_certificate",
    "import_exceptions_csv",
    "invalidate",
    "issue_if_qualified",
    "list_exceptions",
    "list_invalidations",
    "list_templates",
    "records_link_label",
    "regenerate_certificate",
    "remove_exception",
    "render_certificate",
    "request_certificate",
    "resend_stuck",
    "revalidate",
    "upload_template",
    "user_certificates",
    "verify",
    "verify_pdf_bytes",
    "verify_url",
]

# Bulk issuing and rendering for the instructor domain's generation jobs.
from .bulk import (
    REGENERABLE,
    ChunkCounts,
    ExampleResult,
    RenderCounts,
    clean_statuses,
    generate_example,
    issue_chunk,
    pending_count,
    read_example,
    render_pending,
    send_render_batches,
    status_counts,
)

__all__ += [
    "REGENERABLE",
    "ChunkCounts",
    "ExampleResult",
    "RenderCounts",
    "clean_statuses",
    "generate_example",
    "issue_chunk",
    "pending_count",
    "read_example",
    "render_pending",
    "send_render_batches",
    "status_counts",
]

# Paged, filtered certificate lists in a constant number of queries (the REST lists, the Instructor Dashboard).
from .listing import (  # noqa: E402 - after the bulk block, kept apart for merging
    CertificateFilter,
    CertificatePage,
    ListedCertificate,
    course_certificates_page,
    listed_certificate,
    user_certificates_page,
)

__all__ += [
    "CertificateFilter",
    "CertificatePage",
    "ListedCertificate",
    "course_certificates_page",
    "listed_certificate",
    "user_certificates_page",
]
