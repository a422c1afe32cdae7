"""Downloading a certificate's PDF: rights, rendering it first if still missing, and the download audit."""

from django.db import transaction
from django.utils import timezone

from ...accounts import api as accounts_api
from ...accounts.data import Actor
from ...errors import Conflict, Forbidden, NotFound
from .. import permissions, records, store
from ..constants import ISSUED
from .pdfs import render


def download(uuid: str, actor: Actor) -> tuple[bytes, str]:
    """The PDF and a file name for an allowed downloader; renders it first if still missing.

    The holder's download (the learner, or an employee's Company Admin) counts and sets the first download
    date once; a course-team or staff copy is counted and audited apart and sets nothing of the holder's.
    """
    cert = records.row_by_uuid(uuid)
    owner = accounts_api.get_profile(cert.user_id)
    kind = permissions.download_kind(actor, owner, str(cert.course_key))
    if kind is None:
        raise Forbidden("You may not download this certificate.")
    if cert.status not in ISSUED:
        raise NotFound("This certificate is not available.")
    if not actor.is_platform_staff and records.is_hidden(cert):
        raise NotFound("This certificate is not available.")
    if not cert.pdf:
        render(cert.pk, actor_id=actor.user_id)
        cert.refresh_from_db()
        if not cert.pdf:
            raise Conflict("The certificate could not be rendered yet; please try again shortly.")
    pdf = store.read_pdf(cert)
    with transaction.atomic():
        locked = store.locked(pk=cert.pk)
        store.record_download(locked, actor_id=actor.user_id, kind=kind, now=timezone.now())
    safe_title = "".join(ch if ch.isalnum() else "-" for ch in cert.course_title).strip("-")[:60] or "certificate"
    return pdf, f"certificate-{safe_title}.pdf"
