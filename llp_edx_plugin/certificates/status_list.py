"""The revocation list of credentials as a W3C Bitstring Status List: pure encoding and decoding.

Bit ``i`` (counting from the most significant bit of the first byte) is 1 when the credential whose
``statusListIndex`` is ``i`` is revoked. The list is GZIP-compressed and multibase base64url-encoded (the ``u``
prefix), and at least 131,072 bits long, as the specification requires for herd privacy.
"""

import base64
import gzip
import zlib
from collections.abc import Iterable
from datetime import datetime

from .credentials import OB_CONTEXT, STATUS_PURPOSE, VC_CONTEXT, iso

MIN_BITS = 131_072
# A decoded list longer than this is refused (a gzip bomb pasted by a visitor).
MAX_BITS = 64 * 1024 * 1024


class BadStatusList(ValueError):
    """The encoded list is not a GZIP'd, multibase base64url bitstring."""


def list_length(highest_index: int) -> int:
    """Bits needed for indexes up to ``highest_index``: at least MIN_BITS, in whole multiples of MIN_BITS."""
    needed = highest_index + 1
    return max(MIN_BITS, -(-needed // MIN_BITS) * MIN_BITS)


def encode(revoked: Iterable[int], length: int) -> str:
    """The ``encodedList`` with the bits of ``revoked`` set."""
    bits = bytearray(length // 8)
    for index in revoked:
        if not 0 <= index < length:
            raise ValueError(f"Index {index} outside a list of {length} bits")
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode("ascii").rstrip("=")


def decode(encoded: str) -> bytes:
    """The raw bitstring of an ``encodedList``; ``BadStatusList`` for anything else."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise BadStatusList("Not a multibase base64url string")
    body = encoded[1:]
    try:
        compressed = base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=True)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        raw = inflater.decompress(compressed, MAX_BITS // 8 + 1)
    except (ValueError, zlib.error) as exc:
        raise BadStatusList(str(exc)) from exc
    if len(raw) > MAX_BITS // 8:
        raise BadStatusList("Status list too long")
    if not raw or not inflater.eof:
        raise BadStatusList("Not a complete GZIP stream")
    return raw


def is_set(bits: bytes, index: int) -> bool:
    """Whether bit ``index`` is 1 (an index past the end is not revoked)."""
    if index < 0 or index // 8 >= len(bits):
        return False
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(
    list_url: str, issuer_name: str, issuer_url: str, encoded: str, valid_from: datetime
) -> dict:
    """The unsigned ``BitstringStatusListCredential`` that publishes ``encoded``."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": issuer_url, "type": ["Profile"], "name": issuer_name, "url": issuer_url},
        "validFrom": iso(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encoded,
        },
    }
