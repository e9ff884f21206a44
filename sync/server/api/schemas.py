"""The HTTP API's bodies, in families: ``XUpload`` comes in, ``XPublic`` goes out.

These are the shapes the OpenAPI document (``/docs``, ``/openapi.json``) shows; the
conversions from stored rows live beside them so the routes stay thin.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from sync.protocol.canonical import parse_canonical
from sync.server.models import CertificateRecord, CertificationRecord, ResultRecord, ReviewRecord
from sync.server.store.reviews import ReviewState
from sync.server.store.revisions import successor_of

T = TypeVar("T")


class ErrorBody(BaseModel):
    """Every refusal: a stable code, a message for people, and data for programs."""

    code: str = Field(examples=["NOT_ASSIGNED"])
    message: str
    details: dict[str, Any] = {}


class RequestBody(BaseModel):
    """A body sent to the store: closed, so a field it does not know is refused, never ignored."""

    model_config = ConfigDict(extra="forbid")


class Envelope(RequestBody):
    signature: str = Field(description="base64url Ed25519 signature of the payload bytes")
    public_key: str = Field(description="base64url raw public key that signed them")


class AuditUpload(RequestBody):
    """A signed result: the payload's canonical JSON text, exactly as signed, and its envelope.

    The server signs and hashes ``payload.encode("utf-8")``: send the text unchanged.
    """

    payload: str
    envelope: Envelope


class ReviewPublic(BaseModel):
    state: ReviewState
    comment: str = ""
    reviewer: str | None = None
    reviewed_at: datetime | None = None


class FindingPublic(BaseModel):
    """The committee's finding on the LAO from this committee result: whether the centre
    meets the criteria (ผ่านเกณฑ์). A finding, not a certificate: the office decides."""

    meets_criteria: bool
    points: int
    level: str | None
    reasons: list[dict[str, str]]
    result_hash: str


class AuditPublic(BaseModel):
    """A stored result, with the server's own score beside the device's."""

    hash: str
    result_id: str
    type: str
    revision: int
    replaces: str | None
    superseded_by: str | None
    round_id: str
    lao_id: str
    assignment_id: str
    committee_id: str
    inspector_id: str
    key_id: str
    uploaded_by: str
    received_at: datetime
    seq: int
    meets_criteria: bool
    points: int
    score: dict[str, Any] = Field(description="the server's score (field_audit.domain.scoring)")
    device_score: dict[str, Any] | None
    score_matches: bool = Field(
        description="the device's points and meets-the-criteria agree with the server's"
    )
    review: ReviewPublic
    finding: FindingPublic | None = None


class AuditPublicSigned(AuditPublic):
    """A stored result with its signed bytes, as a fellow committee member pulls it."""

    payload: str
    envelope: Envelope


NOT_ONLY_SPACE = r"\S"
"""Text with something in it besides white space (what the store's own checks ask)."""


class ReviewUpdate(RequestBody):
    """The office's review; ``has_issues`` and ``rejected`` need a comment (INVALID_INPUT)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "if": {"properties": {"state": {"enum": ["has_issues", "rejected"]}}},
            "then": {
                "required": ["comment"],
                "properties": {"comment": {"pattern": NOT_ONLY_SPACE}},
            },
        },
    )

    state: ReviewState
    comment: str = ""
    reviewer: str = Field(min_length=1, description="who at the office decides")


class MissingPhotos(BaseModel):
    missing: list[str] = Field(description="the hashes asked about that the server lacks")
    held: dict[str, int] = Field(
        default_factory=dict,
        description="of those, the ones partly uploaded: the bytes held, to resume from",
    )


class UploadStatePublic(BaseModel):
    sha256: str
    offset: int = Field(description="bytes the server holds; the next chunk starts here")
    complete: bool = Field(description="the whole photo is stored and its SHA-256 checked")


class EditionPublic(BaseModel):
    id: str
    hash: str
    document: dict[str, Any]


class MePublic(BaseModel):
    inspector_id: str
    name: str
    key_id: str
    fingerprint: str
    server_time: int = Field(description="the server's clock, Unix seconds")


class KeyPublic(BaseModel):
    key_id: str
    public_key: str
    fingerprint: str
    revoked: bool
    revoked_at: datetime | None = Field(description="when the office revoked it, if it did")


class MemberPublic(BaseModel):
    inspector_id: str
    name: str
    role: str = Field(
        description="chair, expert, opdc_representative, member, joint_secretary or "
        "assistant_secretary (field_audit.domain.roles)"
    )
    keys: list[KeyPublic]


class CommitteePublic(BaseModel):
    id: str
    round_id: str
    name_th: str
    members: list[MemberPublic]


class EditionRef(BaseModel):
    id: str
    hash: str


class RoundPublic(BaseModel):
    id: str
    fiscal_year_be: int
    title_th: str
    deadline: str
    briefing_on: str | None = Field(description="null: the round holds no briefing")
    visits_from: str | None = Field(description="the first day of the visit window, if set")
    visits_until: str | None = Field(description="the last day of the visit window, if set")
    opens_on: str | None = Field(default=None, description="applications open, if set")
    screening_until: str | None = Field(
        default=None, description="the last day of the document screening, if set"
    )
    results_on: str | None = Field(default=None, description="the results, if set")
    accepted_kinds: list[str] | None
    edition: EditionRef


class LaoPublic(BaseModel):
    id: str
    name_th: str
    name_en: str
    kind: str
    province_code: str
    province_th: str


class AssignmentPublic(BaseModel):
    id: str
    round_id: str
    committee_id: str
    visit_date: str
    lao: LaoPublic
    self_assessment_points: int | None
    self_claims: dict[str, str] = Field(
        default_factory=dict,
        description="the LAO's own claim per criterion (met / not_met, or a graded "
        "criterion's points in digits); empty when not recorded",
    )
    shares: dict[str, list[str]] = Field(
        default_factory=dict,
        description="the division of the work: member -> the criteria planned for them; "
        "empty when every member assesses every criterion",
    )


class HeldCertificatePublic(BaseModel):
    """A certificate issued to an assigned LAO, as its QR code carries it (checked on the
    device against the trust and revocation lists, like any certificate)."""

    reference: str = Field(examples=["GECC-2560-50-0001"])
    round_id: str
    lao_id: str
    qr_text: str = Field(description="GECC1:... the text of the certificate's QR code")


class TrustedKeyPublic(BaseModel):
    key_id: str = Field(description="11 base64url characters derived from the key")
    public_key: str = Field(description="base64url raw Ed25519 public key")
    valid_from: date
    valid_until: date | None


class TrustListPublic(BaseModel):
    """The trust list (``sync.protocol.certificates.parse_trust_list``): every issuing key,
    retired ones included, oldest first."""

    format: Literal["gecc-trust-list/1"]
    exported_at: str = Field(examples=["2027-03-15T02:00:00Z"])
    keys: list[TrustedKeyPublic]


class RevocationListPublic(BaseModel):
    """One issuing key's signed revocation list (``verify_revocation_list``)."""

    payload: dict[str, Any] = Field(description="the list, signed as canonical JSON")
    signature: str = Field(description="base64url Ed25519 signature of the payload's bytes")


class ChangePublic(BaseModel, Generic[T]):
    """One changed record (``record``), or a tombstone (``deleted``, ``record`` null)."""

    id: str
    seq: int
    deleted: bool
    record: T | None


class PagePublic(BaseModel, Generic[T]):
    """Changes after ``since``, oldest first; pull again with ``since=cursor`` (while ``more``)."""

    cursor: int
    more: bool
    changes: list[ChangePublic[T]]


class CertificateIssue(RequestBody):
    """Issue the LAO's certificate for the round (the office decided to certify it)."""

    round_id: str = Field(min_length=1)
    lao_id: str = Field(min_length=1)
    issued_by: str = Field(min_length=1, description="who at the office issues it")
    reissue: bool = Field(
        default=False, description="issue a new certificate after the last one was revoked"
    )


class CertificateRevocation(RequestBody):
    reason: str = Field(
        min_length=1,
        max_length=500,
        description="shown to everyone who checks; white space alone is INVALID_INPUT",
        json_schema_extra={"pattern": NOT_ONLY_SPACE},
    )
    revoked_by: str = Field(min_length=1)


class RevocationPublic(BaseModel):
    reason: str
    revoked_at: datetime
    revoked_by: str | None


class CertificatePublic(BaseModel):
    """An issued certificate: what it states (``certificate``, the signed payload), the exact
    signed text and signature, and the QR text to print."""

    reference: str = Field(examples=["GECC-2560-50-0001"])
    round_id: str
    lao_id: str
    result_hash: str
    key_id: str = Field(description="the id of the issuing key that signed it")
    issued_on: date
    valid_until: date
    issued_at: datetime
    issued_by: str
    certificate: dict[str, Any]
    payload: str = Field(description="the canonical JSON text that was signed")
    signature: str = Field(description="base64url Ed25519 signature of the payload bytes")
    qr_text: str = Field(description="GECC1:... the text of the certificate's QR code")
    revocation: RevocationPublic | None


def certificate_public(record: CertificateRecord) -> CertificatePublic:
    revocation = None
    if record.revoked_at is not None:
        revocation = RevocationPublic(
            reason=record.revocation_reason or "",
            revoked_at=record.revoked_at,
            revoked_by=record.revoked_by,
        )
    return CertificatePublic(
        **record.model_dump(include=_CERTIFICATE_FIELDS),
        certificate=parse_canonical(record.payload),
        payload=record.payload.decode("utf-8"),
        revocation=revocation,
    )


_CERTIFICATE_FIELDS = {
    "reference",
    "round_id",
    "lao_id",
    "result_hash",
    "key_id",
    "issued_on",
    "valid_until",
    "issued_at",
    "issued_by",
    "signature",
    "qr_text",
}


def audit_public(session: Session, record: ResultRecord) -> AuditPublic:
    return AuditPublic(**_audit_fields(session, record))


def audit_public_signed(
    session: Session, record: ResultRecord, review: ReviewRecord | None
) -> AuditPublicSigned:
    return AuditPublicSigned(
        **_audit_fields(session, record, review),
        payload=record.payload.decode("utf-8"),
        envelope=Envelope(signature=record.signature, public_key=record.public_key),
    )


def _audit_fields(
    session: Session, record: ResultRecord, review: ReviewRecord | None = None
) -> dict[str, Any]:
    review = review or session.get(ReviewRecord, record.hash)
    successor = successor_of(session, record.hash)
    fields = record.model_dump(
        exclude={"payload", "signature", "public_key", "chain_key", "server_score", "kind"}
    )
    return {
        **fields,
        "type": record.kind,
        "score": record.server_score,
        "superseded_by": successor.hash if successor else None,
        "score_matches": _matches(record),
        "review": _review(review),
        "finding": _finding(session, record),
    }


def _matches(record: ResultRecord) -> bool:
    device = record.device_score or {}
    ours = (record.points, record.meets_criteria)
    return (device.get("points"), device.get("meets_criteria")) == ours


def _review(review: ReviewRecord | None) -> ReviewPublic:
    if review is None:
        return ReviewPublic(state=ReviewState.RECEIVED)
    return ReviewPublic(
        state=ReviewState(review.state),
        comment=review.comment,
        reviewer=review.reviewer,
        reviewed_at=review.reviewed_at,
    )


def _finding(session: Session, record: ResultRecord) -> FindingPublic | None:
    finding = session.get(CertificationRecord, (record.round_id, record.lao_id))
    if finding is None or finding.result_hash != record.hash:
        return None
    return FindingPublic(
        meets_criteria=finding.meets_criteria,
        points=finding.points,
        level=finding.level,
        reasons=finding.reasons,
        result_hash=finding.result_hash,
    )
