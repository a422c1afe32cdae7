"""The installation's Ed25519 keys: create on first use, rotate, publish (JWKS), sign and verify VC-JOSE tokens.

Signing is joserfc's (RFC 7515 compact JWS, ``alg`` EdDSA), never hand-made. A credential is secured as
VC-JOSE-COSE says: the JWS payload is the credential itself, the header has ``typ`` ``vc+jwt`` and ``cty``
``vc`` and the ``kid`` of the key, which the JWKS publishes with its validity period (ADR 0033).
"""

import base64
import hashlib
import json
import warnings
from dataclasses import dataclass
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from .models import CredentialKey

ALGORITHM = "EdDSA"
CREDENTIAL_TYPE = "vc+jwt"
CREDENTIAL_CONTENT_TYPE = "vc"
# RFC 9864 prefers the fully-specified "Ed25519" name; VC-JOSE-COSE verifiers expect "EdDSA" (ADR 0033).
warnings.filterwarnings("ignore", message="EdDSA is deprecated", module="joserfc")

# Longest token we try to read (a credential is ~2 kB): junk is refused before any parsing.
MAX_TOKEN_CHARS = 64 * 1024


class BadSignature(Exception):
    """The token is not a JWS signed by one of this installation's keys (or is not a token at all)."""


@dataclass(frozen=True)
class SignedToken:
    """A verified token: its header, its payload (the credential) and the key that signed it."""

    header: dict
    payload: dict
    kid: str


def _fernet() -> Fernet:
    """The private keys' encryption key, derived from SECRET_KEY (rotating SECRET_KEY needs a key rotation)."""
    digest = hashlib.sha256(b"llp-credential-keys:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _new_key_row(now: datetime) -> CredentialKey:
    key = OKPKey.generate_key("Ed25519")
    private_pem = key.as_pem(private=True)
    return CredentialKey(
        kid=key.thumbprint(),
        public_jwk=key.as_dict(private=False),
        private_key_encrypted=_fernet().encrypt(private_pem).decode("ascii"),
        current=True,
        valid_from=now,
    )


def current_key() -> CredentialKey:
    """The key that signs now; the first one is created on demand.

    Two requests creating it at once: the partial unique constraint lets one insert win, the other reads it.
    """
    row = CredentialKey.objects.filter(current=True).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            row = _new_key_row(timezone.now())
            row.save()
            return row
    except IntegrityError:
        return CredentialKey.objects.get(current=True)


def rotate(*, now: datetime | None = None) -> CredentialKey:
    """A new current key; the old one stops signing (``valid_until``) and stays published for verification."""
    moment = now or timezone.now()
    with transaction.atomic():
        old = CredentialKey.objects.select_for_update().filter(current=True).first()
        if old is not None:
            old.current = False
            old.valid_until = moment
            old.save(update_fields=["current", "valid_until"])
        row = _new_key_row(moment)
        row.save()
        return row


def _private_key(row: CredentialKey) -> OKPKey:
    try:
        pem = _fernet().decrypt(row.private_key_encrypted.encode("ascii"))
    except InvalidToken as exc:  # SECRET_KEY changed since the key was made
        raise RuntimeError(f"Credential key {row.kid} cannot be decrypted with this SECRET_KEY") from exc
    return OKPKey.import_key(pem)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def jwks() -> dict:
    """The public JWK set: every key, current and retired, with its validity period (never a private part)."""
    keys = []
    for row in CredentialKey.objects.order_by("valid_from", "pk"):
        jwk = {k: v for k, v in row.public_jwk.items() if k in ("kty", "crv", "x")}
        jwk.update(
            kid=row.kid,
            use="sig",
            alg=ALGORITHM,
            valid_from=_iso(row.valid_from),
            valid_until=_iso(row.valid_until),
        )
        keys.append(jwk)
    return {"keys": keys}


def sign(payload: dict, *, typ: str = CREDENTIAL_TYPE, key: CredentialKey | None = None) -> str:
    """``payload`` as a compact JWS signed with ``key`` (default: the current key); header alg, kid, typ, cty."""
    row = key or current_key()
    header = {"alg": ALGORITHM, "kid": row.kid, "typ": typ, "cty": CREDENTIAL_CONTENT_TYPE}
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return jws.serialize_compact(header, body, _private_key(row), algorithms=[ALGORITHM])


def verify(token: str) -> SignedToken:
    """Check ``token``'s signature against the published keys; ``BadSignature`` for anything else.

    A key only vouches for tokens it signed while it was valid: the token's ``iat`` must fall in the key's
    validity period (a leaked retired key cannot sign new credentials that verify).
    """
    if not isinstance(token, str) or not token.strip() or len(token) > MAX_TOKEN_CHARS:
        raise BadSignature(gettext_noop("Not a credential token."))
    token = token.strip()
    try:
        unverified = jws.extract_compact(token.encode("ascii"))
        header = unverified.protected
    except (JoseError, ValueError, UnicodeError, TypeError) as exc:
        raise BadSignature(gettext_noop("Not a credential token.")) from exc
    if header.get("alg") != ALGORITHM or not isinstance(header.get("kid"), str):
        raise BadSignature(gettext_noop("Not signed with an EdDSA key of this site."))
    row = CredentialKey.objects.filter(kid=header["kid"]).first()
    if row is None:
        raise BadSignature(gettext_noop("Signed with a key this site does not know."))
    try:
        verified = jws.deserialize_compact(token, OKPKey.import_key(row.public_jwk), algorithms=[ALGORITHM])
        payload = json.loads(verified.payload)
    except (JoseError, ValueError, UnicodeError, TypeError) as exc:
        raise BadSignature(gettext_noop("The signature does not match the credential.")) from exc
    if not isinstance(payload, dict):
        raise BadSignature(gettext_noop("The credential is not a JSON object."))
    issued = payload.get("iat")
    if not isinstance(issued, int | float) or issued < row.valid_from.timestamp() - 1:
        raise BadSignature(gettext_noop("Signed outside the key's validity period."))
    if row.valid_until is not None and issued > row.valid_until.timestamp():
        raise BadSignature(gettext_noop("Signed outside the key's validity period."))
    return SignedToken(header=dict(header), payload=payload, kid=row.kid)
