"""Signed results: a sealed audit or a committee result, as the exact bytes that were signed.

A signed result is three things: the payload's canonical JSON bytes, the Ed25519 signature of
those bytes, and the signer's raw public key. Its **hash** is SHA-256 of the payload bytes; it
names the result everywhere (revision chains, committee results, uploads, certificates).

Every payload names its type, the protocol version and its edition (id and content hash), and
the signer's key fingerprint, which must be the fingerprint of the key that signed it. Numbers
are integers only (GPS positions travel as integer microdegrees). The payloads::

    gecc.sealed-audit     {type, protocol, result_id (uuid, new for each revision), revision,
                           replaces (hash of the revision it corrects, or null), edition {id, hash},
                           round {id, fiscal_year_be}, lao {id, name_th, kind, province_code},
                           assignment_id, committee_id, visit_date (ISO date),
                           signer {inspector_id, name, key_id, fingerprint},
                           findings [{criterion, verdict, note, recorded_at, photos [{sha256,
                           byte_size, caption, captured_at | null, gps {lat_e6, lon_e6} | null}]}],
                           score (the device's own computation), sealed_at (ISO UTC)}
    gecc.committee-result the same head, signer = the chair, then members [{inspector_id, name,
                           fingerprint, audit_hash}], rulings [{criterion, verdict, reason}],
                           verdicts {criterion: verdict}, score, sealed_at
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.errors import BadSignature, ProtocolError
from sync.protocol.signatures import (
    decode_public_key,
    decode_signature,
    encode_public_key,
    encode_signature,
    key_fingerprint,
    verify_signature,
)

PROTOCOL_VERSION = 1
SEALED_AUDIT = "gecc.sealed-audit"
COMMITTEE_RESULT = "gecc.committee-result"
RESULT_TYPES = (SEALED_AUDIT, COMMITTEE_RESULT)


class MalformedResult(ProtocolError):
    """A payload that is not a result of a known type and protocol, or lacks a required field."""

    code = "MALFORMED_RESULT"


@dataclass(frozen=True)
class SignedResult:
    payload_bytes: bytes
    signature: bytes
    public_key: bytes

    @property
    def hash(self) -> str:
        return result_hash(self.payload_bytes)

    def envelope(self) -> dict[str, str]:
        """The signature and key as text, to travel beside the payload bytes."""
        return {
            "signature": encode_signature(self.signature),
            "public_key": encode_public_key(self.public_key),
        }


def result_hash(payload_bytes: bytes) -> str:
    return hashlib.sha256(payload_bytes).hexdigest()


def sign_result(payload: dict[str, Any], *, sign: Any, public_key: bytes) -> SignedResult:
    """Canonicalise ``payload`` and sign the bytes with ``sign(bytes) -> signature``."""
    payload_bytes = canonical_json(payload)
    return SignedResult(payload_bytes, sign(payload_bytes), public_key)


def from_envelope(payload_bytes: bytes, envelope: Any) -> SignedResult:
    if not isinstance(envelope, dict):
        raise MalformedResult("the signature envelope must be an object")
    return SignedResult(
        payload_bytes,
        decode_signature(str(envelope.get("signature", ""))),
        decode_public_key(str(envelope.get("public_key", ""))),
    )


def verify_result(signed: SignedResult, *, expected_type: str | None = None) -> dict[str, Any]:
    """Check the bytes are canonical, the signature verifies and the payload names its signer.

    Returns the decoded payload. Raises NotCanonical, BadSignature or MalformedResult.
    """
    payload: dict[str, Any] = parse_canonical(signed.payload_bytes)
    _check_shape(payload, expected_type)
    verify_signature(
        public_key_bytes=signed.public_key, data=signed.payload_bytes, signature=signed.signature
    )
    if payload["signer"].get("fingerprint") != key_fingerprint(signed.public_key):
        raise BadSignature("the payload names a different signer than the key that signed it")
    return payload


def _check_shape(payload: Any, expected_type: str | None) -> None:
    if not isinstance(payload, dict) or payload.get("type") not in RESULT_TYPES:
        raise MalformedResult("this is not a GECC audit or committee result")
    if expected_type is not None and payload["type"] != expected_type:
        raise MalformedResult(f"expected a {expected_type}, found a {payload['type']}")
    if payload.get("protocol") != PROTOCOL_VERSION:
        raise MalformedResult(f"protocol version {payload.get('protocol')!r} is not supported")
    for field in ("edition", "signer", "result_id", "sealed_at"):
        if field not in payload:
            raise MalformedResult(f"the result has no {field}")
    if not isinstance(payload["signer"], dict) or not isinstance(payload["edition"], dict):
        raise MalformedResult("signer and edition must be objects")


def photos_named(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every photo reference in a sealed audit's findings (none in a committee result)."""
    return [photo for finding in payload.get("findings", []) for photo in finding["photos"]]
