"""PDF/A-3b certificates that carry their own signed credential as an embedded file (ADR 0033).

Every PDF (alone or from a batch: each is written from its own page, ADR 0034) is written by WeasyPrint as
``pdf/a-3b`` with the credential as an ``Attachment`` (it adds the sRGB OutputIntent, the XMP ``pdfaid``
metadata and the attachment's ``AFRelationship`` and catalog ``/AF``).
"""

import base64

from weasyprint import Attachment

from ..credentials import ATTACHMENT_MIME, ATTACHMENT_NAME
from .data import CertificateContent

PDF_VARIANT = "pdf/a-3b"
ATTACHMENT_DESCRIPTION = "Open Badges 3.0 credential of this certificate (VC-JOSE, EdDSA)"
# What the credential is to the PDF (ISO 32000-2 7.11.3): a machine-readable supplement of what is printed.
RELATIONSHIP = "Supplement"


def write_options(content: CertificateContent) -> dict:
    """``write_pdf`` options of one certificate: PDF/A-3b, and its credential attached when it has one."""
    options: dict = {"pdf_variant": PDF_VARIANT}
    if content.credential_jwt:
        data = base64.b64encode(content.credential_jwt.encode("ascii")).decode("ascii")
        options["attachments"] = [
            Attachment(
                url=f"data:{ATTACHMENT_MIME};base64,{data}",
                name=ATTACHMENT_NAME,
                description=ATTACHMENT_DESCRIPTION,
                relationship=RELATIONSHIP,
            )
        ]
    return options
