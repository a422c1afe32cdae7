"""The company's certificates as one ZIP, streamed: each PDF is read only when the stream reaches it."""

import itertools
from collections.abc import Callable, Iterable, Iterator

from django.core.files.storage import default_storage
from zipstream import ZIP_STORED, ZipStream

from ..accounts import api as accounts_api
from ..accounts.data import Actor, CompanyData
from ..certificates import api as certificates_api
from ..certificates.data import CertificateData
from ..courses import api as courses_api
from ..errors import FieldErrors
from . import rules

__all__ = ["ZIP_FOLDER", "certificate_archive", "stored_archive"]

DOWNLOADABLE = "downloadable"
ZIP_FOLDER = "company-zips"
CHUNK = 64 * 1024
PAGE_SIZE = 500  # certificates read at a time as the stream goes


def certificate_archive(
    actor: Actor,
    company: CompanyData,
    *,
    course_key: str | None = None,
    usernames: list[str] | None = None,
    on_pdf: Callable[[], None] | None = None,
) -> tuple[str, int, Iterator[bytes]]:
    """``(file name, number of PDFs, chunks)`` of the company's downloadable certificates (optionally filtered).

    Entries are ``employee-name/training-title.pdf``. Memory stays flat whatever the count: the number is one
    count query, and the chunks read the certificates a page at a time as the stream reaches them, each PDF
    only when its entry is written (and counted then as the holder side's download, DESIGN.md §2); ``on_pdf``
    is called after each one (a job's progress).
    """
    if course_key:
        course_key = courses_api.get_course(course_key).course_key
    if usernames is not None and (len(usernames) > rules.MAX_ASSIGN or not all(isinstance(u, str) for u in usernames)):
        raise FieldErrors.single("usernames", f"Give at most {rules.MAX_ASSIGN} usernames.")
    employees = accounts_api.company_employee_ids(company.id, usernames=usernames, active=True)
    count = certificates_api.count_certificates_for_users(employees, statuses=[DOWNLOADABLE], course_key=course_key)
    pages = certificates_api.certificate_pages_for_users(
        employees, statuses=[DOWNLOADABLE], course_key=course_key, page_size=PAGE_SIZE
    )
    filename = f"{rules.file_part(company.name, 'company')}-certificates.zip"
    return filename, count, _zip_chunks(_entries(pages), actor, on_pdf)


def _entries(pages: Iterable[list[CertificateData]]) -> Iterator[tuple[str, CertificateData]]:
    """``(entry name, certificate)`` in order, a page of certificates and their holders' names at a time."""

    def named() -> Iterator[tuple[str, str, CertificateData]]:
        for page in pages:
            profiles = accounts_api.get_profiles({cert.user_id for cert in page})
            for cert in page:
                yield profiles[cert.user_id].full_name, cert.course_title, cert

    first, second = itertools.tee(named())
    names = rules.unique_entry_names((employee, training) for employee, training, _ in first)
    return ((name, cert) for name, (_, _, cert) in zip(names, second, strict=True))


def _zip_chunks(
    entries: Iterator[tuple[str, CertificateData]], actor: Actor, on_pdf: Callable[[], None] | None
) -> Iterator[bytes]:
    # Each entry is queued only when the stream reaches it: the archive never holds more than one pending PDF.
    archive = ZipStream(compress_type=ZIP_STORED, sized=False)
    for name, cert in entries:
        archive.add(_pdf_chunks(cert.uuid, actor, on_pdf), name)
        yield from archive.all_files()
    yield from archive.footer()


def _pdf_chunks(uuid: str, actor: Actor, on_pdf: Callable[[], None] | None) -> Iterator[bytes]:
    pdf, _ = certificates_api.download_pdf(uuid, actor)
    yield pdf
    if on_pdf is not None:
        on_pdf()


def stored_archive(path: str) -> Iterator[bytes]:
    """The chunks of a ZIP a job stored (paths come from the job's result, never from a request)."""
    if not path.startswith(f"{ZIP_FOLDER}/"):
        raise FieldErrors.single("path", "Not a company ZIP.")
    with default_storage.open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk
