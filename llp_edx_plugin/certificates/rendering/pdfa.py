"""PDF/A-3b certificates that carry their own signed credential as an embedded file (ADR 0033).

One certificate: WeasyPrint writes it as ``pdf/a-3b`` with the credential as an ``Attachment`` (it adds the
sRGB OutputIntent, the XMP ``pdfaid`` metadata and the attachment's ``AFRelationship`` and catalog ``/AF``).
A batch is written once as PDF/A-3b and split by pypdf: each split copy gets the batch's OutputIntent, its own
XMP metadata (agreeing with its document information) and its credential, the same way.
"""

import base64
import uuid
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, TextStringObject
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


def batch_options() -> dict:
    """``write_pdf`` options of a batch document (credentials are attached to each split copy)."""
    return {"pdf_variant": PDF_VARIANT}


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def finish_split(writer: PdfWriter, combined: PdfReader, content: CertificateContent, title: str) -> None:
    """Make one split copy of a PDF/A-3b batch a PDF/A-3b document of its own, with its credential attached."""
    now = datetime.now(UTC)
    producer = "LLP certificates (WeasyPrint, pypdf)"
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": content.issuer_name,
            "/Producer": producer,
            "/CreationDate": _pdf_date(now),
            "/ModDate": _pdf_date(now),
        }
    )
    root = combined.trailer["/Root"]
    catalog = writer._root_object  # pypdf exposes the catalog only so (no public setter for these entries)
    if "/OutputIntents" in root:
        catalog[NameObject("/OutputIntents")] = root["/OutputIntents"].clone(writer)
    xmp = DecodedStreamObject()
    xmp.set_data(
        _XMP.format(
            title=escape(title),
            author=escape(content.issuer_name),
            producer=escape(producer),
            date=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            document_id=uuid.uuid4(),
        ).encode("utf-8")
    )
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    catalog[NameObject("/Metadata")] = writer._add_object(xmp)
    if content.credential_jwt:
        attach(writer, content.credential_jwt)
    writer.generate_file_identifiers()  # PDF/A: the trailer has an /ID


def attach(writer: PdfWriter, credential_jwt: str) -> None:
    """Embed the credential as WeasyPrint does for PDF/A-3: MIME subtype, relationship, and listed in ``/AF``."""
    embedded = writer.add_attachment(ATTACHMENT_NAME, credential_jwt.encode("ascii"))
    embedded.subtype = NameObject("/" + ATTACHMENT_MIME)  # pypdf writes the inner "/" as #2F
    embedded.description = TextStringObject(ATTACHMENT_DESCRIPTION)
    embedded.associated_file_relationship = NameObject(f"/{RELATIONSHIP}")
    embedded.modification_date = datetime.now(UTC)  # PDF/A-3 wants the embedded file's ModDate
    embedded.pdf_object[NameObject("/UF")] = TextStringObject(ATTACHMENT_NAME)  # and a /UF besides /F
    catalog = writer._root_object
    files = catalog.get("/AF")
    if files is None:
        files = ArrayObject()
        catalog[NameObject("/AF")] = files
    files.append(embedded.pdf_object.indirect_reference)
