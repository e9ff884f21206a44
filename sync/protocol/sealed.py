"""Signed results: a sealed audit or a committee result, as typed documents and signed bytes.

A signed result is three things: the payload's canonical JSON bytes, the Ed25519 signature of
those bytes, and the signer's raw public key. Its **hash** is SHA-256 of the payload bytes; it
names the result everywhere (revision chains, committee results, uploads, certificates).

The payloads are the typed documents below (``sync.protocol.documents``: strict, closed,
every field required), protocol 3. Every payload names its type, the protocol, its edition
(id and content hash), the visit, and the signer with the fingerprint of the key that signed
it. Numbers are integers only (GPS positions travel as integer microdegrees). A verdict is
``"met"``, ``"not_met"`` or, on a graded criterion, its points::

    gecc.sealed-audit     {type, protocol, result_id, revision, replaces (hash | null),
                           edition {id, hash}, round {id, fiscal_year_be},
                           lao {id, name_th, kind, province_code}, assignment_id, committee_id,
                           visit_date, signer {inspector_id, name, key_id, fingerprint},
                           scope [criterion, ...] | null  (the member's share; null: all),
                           findings [{criterion, verdict, note, recommendation, recorded_at,
                                      records [evidence record, ...]  (sync.protocol.records),
                                      photos [{sha256, byte_size, caption, captured_at | null,
                                               gps {lat_e6, lon_e6} | null}]}],
                           recommendation, score {points, max_points, answered, total,
                           meets_criteria, level}, sealed_at}
    gecc.committee-result the same head (signer: the chair), then
                           members [{status: "counted", inspector_id, name, role, fingerprint,
                                     audit_hash} | {status: "absent", inspector_id, name, role,
                                     reason}]  (every member of the assigned committee),
                           rulings [{criterion, verdict, reason}], verdicts {criterion: verdict},
                           recommendations {criterion: text}, recommendation

Protocol 2 results (no scope, records or recommendations; sealed by earlier versions and
perhaps still in an outbox) are still read: ``sync.protocol.sealed_v2`` parses them and they
are read as protocol 3 results that cover every criterion and recommend nothing.

The score is the signer's own computation of the figures a verifier recomputes; it says
whether the result meets the criteria (ผ่านเกณฑ์), never that anyone is certified.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from sync.protocol.canonical import parse_canonical
from sync.protocol.documents import (
    Document,
    DocumentError,
    Fingerprint,
    Hex64,
    IsoDate,
    Moment,
    Name,
    Note,
    Token,
    parse_document,
    serialise,
)
from sync.protocol.errors import BadSignature
from sync.protocol.records import Recommendation, Records
from sync.protocol.signatures import (
    decode_public_key,
    decode_signature,
    encode_public_key,
    encode_signature,
    key_fingerprint,
    verify_signature,
)

PROTOCOL_VERSION = 3
READABLE_PROTOCOLS = (2, 3)
SEALED_AUDIT = "gecc.sealed-audit"
COMMITTEE_RESULT = "gecc.committee-result"
RESULT_TYPES = (SEALED_AUDIT, COMMITTEE_RESULT)

Count = Annotated[int, Field(ge=0, le=100_000)]
VerdictWord = Literal["met", "not_met"]
Points = Annotated[int, Field(ge=0, le=1_000)]
VerdictValue = VerdictWord | Points
"""A verdict as signed: a word, or a graded criterion's points."""


class MalformedResult(DocumentError):
    """A payload that is not a result of a known type and protocol, or has a malformed field."""

    code = "MALFORMED_RESULT"


class EditionRef(Document):
    id: Token
    hash: Hex64


class RoundRef(Document):
    id: Token
    fiscal_year_be: Annotated[int, Field(ge=2400, le=3000)]


class LaoRef(Document):
    id: Token
    name_th: Name
    kind: Name
    province_code: Token


class Signer(Document):
    inspector_id: Token
    name: Name
    key_id: Token
    fingerprint: Fingerprint


class Gps(Document):
    lat_e6: Annotated[int, Field(ge=-90_000_000, le=90_000_000)]
    lon_e6: Annotated[int, Field(ge=-180_000_000, le=180_000_000)]


class PhotoRef(Document):
    sha256: Hex64
    byte_size: Annotated[int, Field(ge=1, le=1 << 31)]
    caption: Annotated[Note, Field(max_length=500)]
    captured_at: Moment | None
    gps: Gps | None


class Finding(Document):
    criterion: Token
    verdict: VerdictValue
    note: Note
    recommendation: Recommendation
    recorded_at: Moment
    records: Records
    photos: Annotated[tuple[PhotoRef, ...], Field(max_length=200)]


class ScoreSummary(Document):
    points: Count
    max_points: Count
    answered: Count
    total: Count
    meets_criteria: bool
    level: Token | None


class _Result(Document):
    """The head every result about a visit carries."""

    protocol: Literal[2, 3]
    """3; 2 only for a protocol 2 result read through ``sealed_v2``."""
    result_id: Token
    revision: Annotated[int, Field(ge=1, le=10_000)]
    replaces: Hex64 | None
    edition: EditionRef
    round: RoundRef
    lao: LaoRef
    assignment_id: Token
    committee_id: Token
    visit_date: IsoDate
    signer: Signer
    score: ScoreSummary
    sealed_at: Moment


class SealedAudit(_Result):
    """One inspector's sealed audit of a visit."""

    type: Literal["gecc.sealed-audit"]
    scope: Annotated[tuple[Token, ...], Field(min_length=1, max_length=1_000)] | None
    findings: Annotated[tuple[Finding, ...], Field(max_length=1_000)]
    recommendation: Recommendation

    @property
    def verdicts(self) -> dict[str, str | int]:
        return {f.criterion: f.verdict for f in self.findings}

    def photos(self) -> list[PhotoRef]:
        return [photo for finding in self.findings for photo in finding.photos]


class CountedMember(Document):
    status: Literal["counted"]
    inspector_id: Token
    name: Name
    role: Token
    fingerprint: Fingerprint
    audit_hash: Hex64


class AbsentMember(Document):
    status: Literal["absent"]
    inspector_id: Token
    name: Name
    role: Token
    reason: Annotated[Name, Field(max_length=1_000)]


Member = Annotated[CountedMember | AbsentMember, Field(discriminator="status")]


class RulingEntry(Document):
    criterion: Token
    verdict: VerdictValue
    reason: Annotated[Note, Field(min_length=1)]


class CommitteeResult(_Result):
    """The chair's sealed result of the committee: every member accounted for."""

    type: Literal["gecc.committee-result"]
    members: Annotated[tuple[Member, ...], Field(min_length=1, max_length=100)]
    rulings: Annotated[tuple[RulingEntry, ...], Field(max_length=1_000)]
    verdicts: dict[Token, VerdictValue]
    recommendations: dict[Token, Recommendation]
    recommendation: Recommendation

    @property
    def counted(self) -> tuple[CountedMember, ...]:
        return tuple(m for m in self.members if isinstance(m, CountedMember))


Result = SealedAudit | CommitteeResult

Base64Url = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,200}$")]


class Envelope(Document):
    """The signature and public key that travel beside a result's payload bytes."""

    public_key: Base64Url
    signature: Base64Url


@dataclass(frozen=True)
class SignedResult:
    payload_bytes: bytes
    signature: bytes
    public_key: bytes

    @property
    def hash(self) -> str:
        return result_hash(self.payload_bytes)

    def envelope(self) -> Envelope:
        """The signature and key as text, to travel beside the payload bytes."""
        return Envelope(
            signature=encode_signature(self.signature),
            public_key=encode_public_key(self.public_key),
        )


def photos_named(result: Result) -> list[PhotoRef]:
    """Every photo reference in a sealed audit's findings (none in a committee result)."""
    return result.photos() if isinstance(result, SealedAudit) else []


def result_hash(payload_bytes: bytes) -> str:
    return hashlib.sha256(payload_bytes).hexdigest()


def sign_result(result: Result, *, sign: Any, public_key: bytes) -> SignedResult:
    """Serialise ``result`` to its canonical bytes and sign them with ``sign(bytes)``."""
    payload_bytes = serialise(result)
    return SignedResult(payload_bytes, sign(payload_bytes), public_key)


def from_envelope(payload_bytes: bytes, envelope: Envelope) -> SignedResult:
    """The signed result of these payload bytes; BadSignature or BadPublicKey if malformed."""
    signature = decode_signature(envelope.signature)
    return SignedResult(payload_bytes, signature, decode_public_key(envelope.public_key))


def parse_envelope(data: bytes) -> Envelope:
    """An envelope from its canonical bytes (a bundle's ``.sig.json``)."""
    return parse_document(Envelope, data, error=MalformedResult)


def parse_result(payload_bytes: bytes, *, expected_type: str | None = None) -> Result:
    """The typed result in ``payload_bytes``; raises ``NotCanonical``, or ``MalformedResult``
    naming the field."""
    kind, protocol = _kind_of(payload_bytes)
    if expected_type is not None and kind != expected_type:
        raise MalformedResult(f"expected a {expected_type}, found a {kind}", field="type")
    if protocol == 2:
        from sync.protocol.sealed_v2 import read_v2  # noqa: PLC0415 - only for old results

        return read_v2(payload_bytes, kind)
    model: type[Result] = SealedAudit if kind == SEALED_AUDIT else CommitteeResult
    return parse_document(model, payload_bytes, error=MalformedResult)


def verify_result(signed: SignedResult, *, expected_type: str | None = None) -> Result:
    """Parse the payload, check the signature verifies and that the payload names its signer.

    Raises NotCanonical, MalformedResult, BadSignature or BadPublicKey.
    """
    result = parse_result(signed.payload_bytes, expected_type=expected_type)
    verify_signature(
        public_key_bytes=signed.public_key, data=signed.payload_bytes, signature=signed.signature
    )
    if result.signer.fingerprint != key_fingerprint(signed.public_key):
        raise BadSignature("the payload names a different signer than the key that signed it")
    return result


def _kind_of(payload_bytes: bytes) -> tuple[str, int]:
    value = parse_canonical(payload_bytes)  # NotCanonical says where the bytes differ
    kind = value.get("type") if isinstance(value, dict) else None
    if kind not in RESULT_TYPES:
        raise MalformedResult("this is not a GECC audit or committee result", field="type")
    protocol = value.get("protocol")
    if protocol not in READABLE_PROTOCOLS or isinstance(protocol, bool):
        raise MalformedResult(
            f"protocol version {protocol!r} is not supported (this app speaks {PROTOCOL_VERSION})",
            field="protocol",
        )
    return str(kind), int(protocol)
