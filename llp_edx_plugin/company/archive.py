"""The company's certificates as one ZIP, streamed: each PDF is read only when the stream reaches it."""

from collections.abc import Callable, Iterator

from django.core.files.storage import default_storage
from zipstream import ZIP_STORED, ZipStream

from ..accounts import api as accounts_api
from ..accounts.data import Actor, CompanyData
from ..certificates import api as certificates_api
from ..courses import api as courses_api
from ..errors import FieldErrors
from . import rules

__all__ = ["ZIP_FOLDER", "certificate_archive", "stored_archive"]

DOWNLOADABLE = "downloadable"
ZIP_FOLDER = "company-zips"
CHUNK = 64 * 1024


def certificate_archive(
    actor: Actor,
    company: CompanyData,
    *,
    course_key: str | None = None,
    usernames: list[str] | None = None,
    on_pdf: Callable[[], None] | None = None,
) -> tuple[str, int, Iterator[bytes]]:
    """``(file name, number of PDFs, chunks)`` of the company's downloadable certificates (optionally filtered).

    Entries are ``employee-name/training-title.pdf``. Memory stays flat whatever the count: the list holds
    only ids and names, and each PDF is read (and counted as the holder side's download, DESIGN.md §2) when
    the stream reaches it; ``on_pdf`` is called after each one (a job's progress).
    """
    if course_key:
        course_key = courses_api.get_course(course_key).course_key
    if usernames is not None and (len(usernames) > rules.MAX_ASSIGN or not all(isinstance(u, str) for u in usernames)):
        raise FieldErrors.single("usernames", f"Give at most {rules.MAX_ASSIGN} usernames.")
    _, everyone = accounts_api.company_employees(company.id, usernames=usernames, active=True, offset=0, limit=None)
    people = {p.user_id: p for p in everyone}
    chosen = [
        (people[c.user_id], c)
        for c in certificates_api.certificates_for_users(list(people), statuses=[DOWNLOADABLE])
        if course_key in (None, c.course_key)
    ]
    names = rules.zip_entry_names([(profile.full_name, cert.course_title) for profile, cert in chosen])
    archive = ZipStream(compress_type=ZIP_STORED, sized=False)
    for name, (_, cert) in zip(names, chosen, strict=True):
        archive.add(_pdf_chunks(cert.uuid, actor, on_pdf), name)
    return f"{rules.file_part(company.name, 'company')}-certificates.zip", len(chosen), iter(archive)


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
