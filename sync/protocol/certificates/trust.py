"""Issuing keys as apps trust them: key ids, validity periods and the trust list document.

An issuing key's **id** is derived from the key itself: the unpadded base64url text of the
first 8 bytes of SHA-256(raw public key), 11 characters (as the EU Digital COVID Certificate
names its signing keys). A trust list entry whose id does not match its key is refused, so a
list cannot attach a trusted id to another key.

A key's **validity period** is the span of Thai calendar dates on which it issued certificates:
from the day it was made to the day it was rotated out (``valid_until``, inclusive), or open
while it is current. A certificate verifies only with a key whose period holds its date of
issue; certificates issued before a rotation stay valid under the old key.

The trust list document (canonical JSON, what the central store exports and apps load)::

    {"format": "gecc-trust-list/1", "exported_at": "2027-03-15T02:00:00Z",
     "keys": [{"key_id", "public_key" (base64url), "valid_from": "2027-03-15",
               "valid_until": "2030-01-02" | null}, ...]}          oldest first
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sync.protocol.canonical import canonical_json, parse_canonical
from sync.protocol.certificates.errors import MalformedDocument
from sync.protocol.errors import BadPublicKey, NotCanonical
from sync.protocol.signatures import decode_public_key, encode_public_key

TRUST_LIST_FORMAT = "gecc-trust-list/1"
KEY_ID_BYTES = 8
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def issuing_key_id(public_key: bytes) -> str:
    """The 11-character id of a raw Ed25519 public key (see the module docstring)."""
    digest = hashlib.sha256(public_key).digest()[:KEY_ID_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class TrustedKey:
    """An issuing public key and the Thai dates on which it issued certificates."""

    key_id: str
    public_key: bytes
    valid_from: date
    valid_until: date | None = None

    def __post_init__(self) -> None:
        if self.key_id != issuing_key_id(self.public_key):
            raise MalformedDocument(f"the key id {self.key_id!r} is not the id of its key")
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise MalformedDocument(f"key {self.key_id} is valid until before it is valid from")

    def in_use_on(self, day: date) -> bool:
        """Whether this key was the issuing key on ``day``."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def to_json(self) -> dict[str, Any]:
        until = self.valid_until
        return {
            "key_id": self.key_id,
            "public_key": encode_public_key(self.public_key),
            "valid_from": self.valid_from.isoformat(),
            "valid_until": None if until is None else until.isoformat(),
        }


def trust_list_document(keys: Iterable[TrustedKey], *, exported_at: datetime) -> dict[str, Any]:
    """The trust list document of ``keys`` (oldest first), as the central store exports it."""
    ordered = sorted(keys, key=lambda key: (key.valid_from, key.key_id))
    return {
        "format": TRUST_LIST_FORMAT,
        "exported_at": exported_at.astimezone(UTC).strftime(_TIME_FORMAT),
        "keys": [key.to_json() for key in ordered],
    }


def parse_trust_list(document: object) -> dict[str, TrustedKey]:
    """The keys of a trust list document by key id; raise ``MalformedDocument``."""
    if not isinstance(document, dict) or document.get("format") != TRUST_LIST_FORMAT:
        raise MalformedDocument(f"this is not a trust list ({TRUST_LIST_FORMAT})")
    try:
        keys = [_trusted_key(entry) for entry in document["keys"]]
        exported_at = datetime.strptime(document["exported_at"], _TIME_FORMAT).replace(tzinfo=UTC)
    except (KeyError, TypeError, ValueError, BadPublicKey) as error:
        raise MalformedDocument(f"the trust list is malformed ({error})") from error
    if trust_list_document(keys, exported_at=exported_at) != document:
        raise MalformedDocument("the trust list holds fields, order or spellings not written so")
    return {key.key_id: key for key in keys}


def trust_list_bytes(keys: Iterable[TrustedKey], *, exported_at: datetime) -> bytes:
    """The trust list document's canonical bytes (what a file or an answer carries)."""
    return canonical_json(trust_list_document(keys, exported_at=exported_at))


def parse_trust_list_bytes(data: bytes) -> dict[str, TrustedKey]:
    """The keys of a trust list given as canonical bytes; raise ``MalformedDocument``."""
    try:
        document = parse_canonical(data)
    except NotCanonical as error:
        raise MalformedDocument(f"the trust list is not canonical JSON ({error})") from None
    return parse_trust_list(document)


def _trusted_key(entry: dict[str, Any]) -> TrustedKey:
    until = entry["valid_until"]
    return TrustedKey(
        key_id=str(entry["key_id"]),
        public_key=decode_public_key(str(entry["public_key"])),
        valid_from=date.fromisoformat(entry["valid_from"]),
        valid_until=None if until is None else date.fromisoformat(until),
    )
