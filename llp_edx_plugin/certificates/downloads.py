"""Downloading a certificate's PDF: rights, rendering it first if still missing, and download tracking."""

from django.db.models import F
from django.utils import timezone

from ..accounts import api as accounts_api
from ..accounts.data import Actor
from ..errors import Conflict, Forbidden, NotFound
from . import permissions
from .issuing import render_certificate
from .models import Certificate
from .records import ISSUED, _is_hidden, _row


def download_pdf(uuid: str, actor: Actor) -> tuple[bytes, str]:
    """The PDF and a file name for an allowed downloader; renders it first if still missing.

    Records the download: count and last date every time, the first download date once.
    """
    cert = _row(uuid)
    owner = accounts_api.get_profile(cert.user_id)
    if not permissions.can_download(actor, owner, str(cert.course_key)):
        raise Forbidden("You may not download this certificate.")
    if cert.status not in ISSUED:
        raise NotFound("This certificate is not available.")
    if not actor.is_platform_staff and _is_hidden(cert):
        raise NotFound("This certificate is not available.")
    if not cert.pdf:
        render_certificate(cert.pk)
        cert.refresh_from_db()
        if not cert.pdf:
            raise Conflict("The certificate could not be rendered yet; please try again shortly.")
    with cert.pdf.open("rb") as handle:
        pdf = handle.read()
    now = timezone.now()
    Certificate.objects.filter(pk=cert.pk).update(download_count=F("download_count") + 1, last_downloaded_at=now)
    Certificate.objects.filter(pk=cert.pk, first_downloaded_at__isnull=True).update(first_downloaded_at=now)
    safe_title = "".join(ch if ch.isalnum() else "-" for ch in cert.course_title).strip("-")[:60] or "certificate"
    return pdf, f"certificate-{safe_title}.pdf"
