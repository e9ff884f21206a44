"""Revocation lists: which certificates of one issuing key are revoked, signed, with a counter.

One list per issuing key (``key_id``: the key whose certificates it covers), always complete
(never a delta), signed over the canonical JSON of its payload::

    {"type": "gecc.revocation-list", "protocol": 1, "key_id", "counter": 7,
     "issued_at": "2027-06-01T03:00:00Z", "signed_by": key id,
     "revoked": [{"reference", "reason", "revoked_at": "2027-05-30T09:15:00Z"}, ...]}
                                                           sorted by reference, no repeats

and it travels as ``{"payload": {...}, "signature": base64url}``.

**Counter**: the central store raises it by one for every change of the key's list. A client
accepts a list only with a larger counter than the one it holds; an older one (a replay that
would un-revoke a certificate) is refused with ``RevocationReplay``, and the same counter is
"no change" unless its content differs, which is refused too.

**Signer**: a rotated-out key is kept as a public key only, so it cannot sign again. A key's
list is therefore signed by the key that was issuing when the list was made (``signed_by``):
the key itself while it is current, its successor after a rotation. The signer must be in the
trust list and in use on the list's date (``TrustedKey.in_use_on``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sync.protocol.canonical import canonical_hash, canonical_json, parse_canonical
from sync.protocol.certificates.errors import (
    BadReference,
    MalformedDocument,
    RevocationReplay,
    UnknownIssuingKey,
)
from sync.protocol.certificates.model import PROTOCOL_VERSION, thai_date
from sync.protocol.certificates.reference import parse_reference
from sync.protocol.certificates.trust import TrustedKey
from sync.protocol.errors import BadSignature, NotCanonical, UnsupportedValue
from sync.protocol.signatures import decode_signature, encode_signature, verify_signature

REVOCATION_LIST = "gecc.revocation-list"
MAX_REASON_LENGTH = 500
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Revocation:
    """One revoked certificate: its reference, the issuing key, why and when."""

    reference: str
    key_id: str
    reason: str
    revoked_at: datetime


@dataclass(frozen=True)
class RevocationState:
    """What a client holds of one key's list: its counter and the hash of its payload."""

    key_id: str
    counter: int
    list_hash: str


@dataclass(frozen=True)
class RevocationList:
    """A signed revocation list; ``document`` is what travels."""

    key_id: str
    counter: int
    issued_at: datetime
    signed_by: str
    revocations: tuple[Revocation, ...]
    payload: dict[str, Any]
    signature: bytes

    @property
    def state(self) -> RevocationState:
        return RevocationState(self.key_id, self.counter, canonical_hash(self.payload))

    @property
    def document(self) -> dict[str, Any]:
        return {"payload": self.payload, "signature": encode_signature(self.signature)}

    def is_newer_than(self, known: RevocationState | None) -> bool:
        """Whether this list changes what a client holding ``known`` has."""
        return known is None or self.counter > known.counter


def make_revocation_list(
    *,
    key_id: str,
    counter: int,
    revocations: Iterable[Revocation],
    issued_at: datetime,
    signed_by: str,
    sign: Callable[[bytes], bytes],
) -> RevocationList:
    """Sign the complete list of ``key_id``'s revoked certificates with the issuing key."""
    entries = sorted(revocations, key=lambda r: r.reference)
    payload = {
        "type": REVOCATION_LIST,
        "protocol": PROTOCOL_VERSION,
        "key_id": key_id,
        "counter": counter,
        "issued_at": _time(issued_at),
        "signed_by": signed_by,
        "revoked": [_entry(revocation, key_id) for revocation in entries],
    }
    _check_payload(payload)
    return _read(payload, sign(canonical_json(payload)))


def verify_revocation_list(
    document: object,
    *,
    trust_list: Mapping[str, TrustedKey],
    known: Mapping[str, RevocationState] | None = None,
) -> RevocationList:
    """Return the list in ``document`` if it is well formed, signed, and not older than the
    state held for its key in ``known`` (key id -> state).

    Raises ``MalformedDocument``, ``UnknownIssuingKey`` (signer not trusted), ``BadSignature``
    (does not verify, or the signer was not in use on the list's date) or ``RevocationReplay``.
    """
    payload, signature = _split(document)
    revocation_list = _read(payload, signature)
    signer = trust_list.get(revocation_list.signed_by)
    if signer is None:
        raise UnknownIssuingKey(revocation_list.signed_by)
    data = canonical_json(payload)
    verify_signature(public_key_bytes=signer.public_key, data=data, signature=signature)
    if not signer.in_use_on(thai_date(revocation_list.issued_at)):
        raise BadSignature(f"key {signer.key_id} was not issuing on the list's date")
    check_freshness(revocation_list, (known or {}).get(revocation_list.key_id))
    return revocation_list


def revocation_list_bytes(revocation_list: RevocationList) -> bytes:
    """The signed list's canonical bytes, ``{"payload", "signature"}`` (a file or an answer)."""
    return canonical_json(revocation_list.document)


def read_revocation_list_bytes(
    data: bytes,
    *,
    trust_list: Mapping[str, TrustedKey],
    known: Mapping[str, RevocationState] | None = None,
) -> RevocationList:
    """``verify_revocation_list`` of a list given as canonical bytes (``MalformedDocument``
    when they are not)."""
    try:
        document = parse_canonical(data)
    except NotCanonical as error:
        raise MalformedDocument(f"the revocation list is not canonical JSON ({error})") from None
    return verify_revocation_list(document, trust_list=trust_list, known=known)


def check_freshness(revocation_list: RevocationList, known: RevocationState | None) -> None:
    """Raise ``RevocationReplay`` if ``known`` (the state held for the list's key) is newer,
    or has the same counter with other content."""
    if known is None:
        return
    state = revocation_list.state
    if state.counter < known.counter or (state.counter == known.counter and state != known):
        raise RevocationReplay(
            key_id=known.key_id, counter=state.counter, known_counter=known.counter
        )


def _split(document: object) -> tuple[dict[str, Any], bytes]:
    if not isinstance(document, dict) or set(document) != {"payload", "signature"}:
        raise MalformedDocument("a revocation list document is {payload, signature}")
    payload, signature = document["payload"], document["signature"]
    if not isinstance(payload, dict) or not isinstance(signature, str):
        raise MalformedDocument("a revocation list's payload is an object, its signature text")
    return payload, decode_signature(signature)


def _read(payload: dict[str, Any], signature: bytes) -> RevocationList:
    try:
        _check_payload(payload)
        key_id = payload["key_id"]
        revocations = tuple(_revocation(entry, key_id) for entry in payload["revoked"])
        result = RevocationList(
            key_id=key_id,
            counter=payload["counter"],
            issued_at=_parse_time(payload["issued_at"]),
            signed_by=payload["signed_by"],
            revocations=revocations,
            payload=payload,
            signature=signature,
        )
    except (KeyError, TypeError, ValueError, UnsupportedValue) as error:
        raise MalformedDocument(f"the revocation list is malformed ({error})") from error
    _check_entries(result)
    return result


def _check_payload(payload: dict[str, Any]) -> None:
    canonical_json(payload)  # raises UnsupportedValue for a value with no canonical form
    if payload.get("type") != REVOCATION_LIST or payload.get("protocol") != PROTOCOL_VERSION:
        raise MalformedDocument(f"this is not a {REVOCATION_LIST} of protocol 1")
    expected = {"type", "protocol", "key_id", "counter", "issued_at", "signed_by", "revoked"}
    if set(payload) != expected:
        raise MalformedDocument(f"a revocation list has exactly the fields {sorted(expected)}")
    counter = payload["counter"]
    if not isinstance(counter, int) or isinstance(counter, bool) or counter < 1:
        raise MalformedDocument("the counter is a positive integer")
    texts = [payload[name] for name in ("key_id", "issued_at", "signed_by")]
    if not all(isinstance(text, str) for text in texts) or not isinstance(payload["revoked"], list):
        raise MalformedDocument("key_id, issued_at and signed_by are text, revoked a list")


def _check_entries(revocation_list: RevocationList) -> None:
    references = [r.reference for r in revocation_list.revocations]
    if references != sorted(set(references)):
        raise MalformedDocument("the revoked references are not sorted without repeats")
    again = [_entry(r, revocation_list.key_id) for r in revocation_list.revocations]
    if (
        again != revocation_list.payload["revoked"]
        or _time(revocation_list.issued_at) != (revocation_list.payload["issued_at"])
    ):
        raise MalformedDocument("the list holds fields or spellings this version does not write")


def _entry(revocation: Revocation, key_id: str) -> dict[str, str]:
    if revocation.key_id != key_id:
        raise MalformedDocument(f"{revocation.reference} is not a certificate of key {key_id}")
    try:
        parse_reference(revocation.reference)
    except BadReference as error:
        raise MalformedDocument(f"a revoked reference is malformed: {error}") from error
    if not 0 < len(revocation.reason) <= MAX_REASON_LENGTH:
        raise MalformedDocument(f"the reason for {revocation.reference} is empty or too long")
    return {
        "reference": revocation.reference,
        "reason": revocation.reason,
        "revoked_at": _time(revocation.revoked_at),
    }


def _revocation(entry: dict[str, Any], key_id: str) -> Revocation:
    return Revocation(
        reference=str(entry["reference"]),
        key_id=key_id,
        reason=str(entry["reason"]),
        revoked_at=_parse_time(entry["revoked_at"]),
    )


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
