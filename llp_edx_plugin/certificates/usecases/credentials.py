"""Certificates as signed Open Badges 3.0 credentials: issue (for the PDF and the API), revocation, verification.

The credential of a certificate is built from its snapshot (``credentials.build_credential``), signed with the
installation's current key (``signing``), embedded in the PDF when it renders and served to those who may
download it. Revocation is the Bitstring Status List: a credential's ``statusListIndex`` is its certificate's
primary key; invalidated and deleted certificates have their bit set (ADR 0033).
"""

import hashlib
import hmac
import io
import time
from dataclasses import asdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ...accounts import api as accounts_api
from ...accounts.data import Actor
from ...conf import llp_setting
from ...courses import api as courses_api
from ...courses.data import CourseData
from ...errors import Forbidden, NotFound
from .. import permissions, records, signing, status_list
from ..constants import ISSUED, CertificateStatus
from ..credentials import ATTACHMENT_NAME, CredentialFacts, build_credential, criteria_narrative, summarize
from ..models import Certificate, CredentialKey
from ..signals import PROGRAM_MEMBER_TITLES

REVOKED = (CertificateStatus.INVALIDATED, CertificateStatus.DELETED)
STATUS_LIST_TYPE = "vc+jwt"


def _base_url() -> str:
    return str(llp_setting("BASE_URL")).rstrip("/")


def issuer() -> tuple[str, str]:
    """The issuer profile's name and URL (the portal)."""
    return str(llp_setting("ISSUER_NAME")), _base_url() + "/"


def status_list_url() -> str:
    return _base_url() + reverse("llp_edx_plugin:api_v1:credential-status-list")


def credential_api_url(uuid: str) -> str:
    return _base_url() + reverse("llp_edx_plugin:api_v1:certificate-credential", kwargs={"uuid": uuid})


def _salt(uuid: str) -> str:
    """A per-credential salt that stays the same on every signing, and that nobody can derive without SECRET_KEY."""
    return hmac.new(settings.SECRET_KEY.encode(), f"llp-credential-salt:{uuid}".encode(), hashlib.sha256).hexdigest()[
        :32
    ]


def facts(cert: Certificate, course: CourseData, email: str) -> CredentialFacts:
    """What ``cert``'s credential says."""
    name, url = issuer()
    uuid = str(cert.verify_uuid)
    kind = "program" if course.is_program else course.kind
    course_url = _base_url() + reverse("llp_edx_plugin:pages:courseware", kwargs={"course_key": str(course.course_key)})
    return CredentialFacts(
        uuid=uuid,
        verify_url=records.verify_url(uuid),
        issuer_name=name,
        issuer_url=url,
        achievement_id=course_url,
        achievement_name=cert.course_title or course.title,
        achievement_description=f"Certificate of completion of {cert.course_title or course.title}.",
        criteria=criteria_narrative(kind, course.grading_policy.lowest_passing_cutoff, _member_titles(course)),
        email=email,
        salt=_salt(uuid),
        valid_from=cert.issued_at or timezone.now(),
        status_list_url=status_list_url(),
        status_index=cert.pk,
        kind=kind,
    )


def _member_titles(course: CourseData) -> tuple[str, ...]:
    """A program's member titles, from the programs domain above (the signal's first answer); () otherwise."""
    if not course.is_program:
        return ()
    for _receiver, titles in PROGRAM_MEMBER_TITLES.send(sender=None, course_key=str(course.course_key)):
        if titles:
            return tuple(titles)
    return ()


def emails_of(user_ids: list[int]) -> dict[int, str]:
    """The e-mails of these users (one query): they are hashed into the credentials, never printed."""
    return dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "email"))


def sign_credential(cert: Certificate, course: CourseData, email: str, key: CredentialKey | None = None) -> str:
    """``cert``'s credential, signed now with ``key`` (default: the current key) as a VC-JOSE compact JWS."""
    payload = build_credential(facts(cert, course, email))
    payload["iat"] = int(time.time())
    return signing.sign(payload, key=key)


def credential_for(uuid: str, actor: Actor) -> dict:
    """The signed credential and its decoded form, for who may download the certificate (CONTRACT.md).

    Others get ``Forbidden``; an unknown, unissued or (for everyone but staff) hidden certificate ``NotFound``.
    """
    cert = records.row_by_uuid(uuid)
    owner = accounts_api.get_profile(cert.user_id)
    if not permissions.can_download(actor, owner, str(cert.course_key)):
        raise Forbidden("You may not read this credential.")
    if cert.status not in ISSUED or (not actor.is_platform_staff and records.is_hidden(cert)):
        raise NotFound("This certificate is not available.")
    token = sign_credential(cert, courses_api.get_course(cert.course_key), cert.user.email)
    return {"jwt": token, "credential": signing.verify(token).payload}


def revoked_indexes() -> list[int]:
    return list(Certificate.objects.filter(status__in=REVOKED).values_list("pk", flat=True))


def status_list_token() -> str:
    """The signed ``BitstringStatusListCredential`` of every credential issued here (revoked bits set)."""
    revoked = revoked_indexes()
    highest = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    encoded = status_list.encode(revoked, status_list.list_length(highest))
    name, url = issuer()
    payload = status_list.status_list_credential(status_list_url(), name, url, encoded, timezone.now())
    payload["iat"] = int(time.time())
    return signing.sign(payload, typ=STATUS_LIST_TYPE)


NO_CREDENTIAL = {
    "present": False,
    "authentic": False,
    "valid": False,
    "revoked": False,
    "uuid": None,
    "status": None,
    "message": "",
    "summary": None,
}


def verify_token(token: str) -> dict:
    """Check a pasted or embedded credential: signed by a key of this site, and its certificate still valid.

    ``authentic``: the signature verifies against the published keys (any change to the token breaks it).
    ``revoked``: its status list bit is set (invalidated or deleted). ``valid``: authentic, not revoked, and
    the certificate is valid on the verify page today.
    """
    try:
        signed = signing.verify(token)
    except signing.BadSignature as exc:
        return {**NO_CREDENTIAL, "present": True, "message": str(exc)}
    summary = summarize(signed.payload)
    base = {**NO_CREDENTIAL, "present": True, "authentic": True, "uuid": summary.uuid, "summary": asdict(summary)}
    if "OpenBadgeCredential" not in (signed.payload.get("type") or []) or summary.uuid is None:
        return {**base, "message": gettext_noop("Signed here, but not a certificate's credential.")}
    cert = Certificate.objects.filter(verify_uuid=summary.uuid).first()
    if cert is None or cert.pk != summary.status_index:
        return {**base, "revoked": True, "message": gettext_noop("This credential's certificate no longer exists.")}
    result = records.verify(summary.uuid)
    revoked = cert.status in REVOKED
    if revoked:
        message = gettext_noop("This credential has been revoked.")
    elif result.valid:
        message = gettext_noop("This credential is authentic and valid.")
    else:
        message = gettext_noop("This credential is authentic, but its certificate is not valid today.")
    return {
        **base,
        "revoked": revoked,
        "status": result.status,
        "valid": result.valid and not revoked,
        "message": message,
    }


def embedded_credential(pdf: bytes) -> str | None:
    """The credential attached to a PDF (``credential.jwt``), or None (also for bytes that are no PDF)."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        contents = reader.attachments.get(ATTACHMENT_NAME)
        if not contents:
            return None
        return contents[0].decode("ascii").strip()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, UnicodeDecodeError, RecursionError):
        return None  # not a PDF, or a broken one: no credential to check


def verify_pdf(pdf: bytes) -> dict:
    """``records.verify_pdf_bytes`` (the file itself) and the check of the credential embedded in it."""
    result = records.verify_pdf_bytes(pdf)
    token = embedded_credential(pdf)
    credential = verify_token(token) if token is not None else dict(NO_CREDENTIAL)
    return {**result, "credential": credential}


def public_summary(uuid: str) -> dict:
    """What the public verify page shows of a certificate's credential (no e-mail, no hash); ``NotFound``."""
    cert = records.row_by_uuid(uuid)
    summary = summarize(build_credential(facts(cert, courses_api.get_course(cert.course_key), "")))
    return {**asdict(summary), "credential_url": credential_api_url(uuid)}
