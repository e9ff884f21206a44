"""The device's tables (SQLModel). The schema itself is made by ``migrations``, never create_all:
a test checks that the migrated schema and these models agree column for column.

Times are stored as ISO 8601 text in UTC and come back as aware datetimes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Column, Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as ISO text in UTC, so sorting and reading need no guesswork."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; give a timezone")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def utc_column(*, nullable: bool = False) -> Any:
    return Field(sa_column=Column(UtcDateTime(), nullable=nullable))


def now_utc() -> datetime:
    return datetime.now(UTC)


class InspectorProfile(SQLModel, table=True):
    __tablename__ = "inspector_profile"
    id: str = Field(primary_key=True)
    name: str
    position: str = ""
    central_url: str | None = None
    created_at: datetime = utc_column()


class EditionRecord(SQLModel, table=True):
    """An edition's document as received, kept by its content hash."""

    __tablename__ = "edition"
    content_hash: str = Field(primary_key=True)
    edition_id: str = Field(index=True)
    document: str
    added_at: datetime = utc_column()


class RoundRecord(SQLModel, table=True):
    __tablename__ = "round"
    id: str = Field(primary_key=True)
    fiscal_year_be: int
    title_th: str
    title_en: str
    edition_id: str
    deadline: date
    briefing_on: date | None = None
    opens_on: date | None = None
    screening_until: date | None = None
    visits_from: date | None = None
    visits_until: date | None = None
    results_on: date | None = None


class Lao(SQLModel, table=True):
    __tablename__ = "lao"
    id: str = Field(primary_key=True)
    name_th: str
    name_en: str
    kind: str
    province_code: str
    province_th: str
    province_en: str


class Committee(SQLModel, table=True):
    __tablename__ = "committee"
    id: str = Field(primary_key=True)
    round_id: str = Field(foreign_key="round.id")
    name_th: str
    name_en: str


class CommitteeMember(SQLModel, table=True):
    """A member as the office appointed them; ``public_key`` is their current key, for
    display (results verify against every key they have had: ``MemberKey``)."""

    __tablename__ = "committee_member"
    committee_id: str = Field(foreign_key="committee.id", primary_key=True)
    inspector_id: str = Field(primary_key=True)
    name: str
    role: str
    public_key: str | None = None


class MemberKey(SQLModel, table=True):
    """A key the office enrolled for an inspector, live or revoked (when it was revoked)."""

    __tablename__ = "member_key"
    inspector_id: str = Field(primary_key=True)
    public_key: str = Field(primary_key=True)
    revoked_at: datetime | None = utc_column(nullable=True)


class CommitteeAbsence(SQLModel, table=True):
    """The chair's record that a member is absent from the committee's result of a visit."""

    __tablename__ = "committee_absence"
    assignment_id: str = Field(foreign_key="assignment.id", primary_key=True)
    inspector_id: str = Field(primary_key=True)
    reason: str
    marked_by: str
    marked_at: datetime = utc_column()


class Assignment(SQLModel, table=True):
    __tablename__ = "assignment"
    id: str = Field(primary_key=True)
    round_id: str = Field(foreign_key="round.id")
    lao_id: str = Field(foreign_key="lao.id")
    committee_id: str = Field(foreign_key="committee.id")
    visit_date: date
    self_assessment_points: int | None = None


class SelfAssessmentClaim(SQLModel, table=True):
    """What the LAO claimed for one criterion in its own self-assessment."""

    __tablename__ = "self_claim"
    assignment_id: str = Field(foreign_key="assignment.id", primary_key=True)
    criterion_id: str = Field(primary_key=True)
    claim: str


class AuditRecord(SQLModel, table=True):
    __tablename__ = "audit"
    id: str = Field(primary_key=True)
    assignment_id: str = Field(foreign_key="assignment.id", index=True)
    inspector_id: str
    edition_id: str
    edition_hash: str = Field(foreign_key="edition.content_hash")
    status: str
    revision: int = 1
    replaces_audit_id: str | None = None
    replaces_hash: str | None = None
    sealed_hash: str | None = None
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()
    sealed_at: datetime | None = utc_column(nullable=True)
    scope: str | None = None
    """The member's share as a JSON list of criterion ids; None: every criterion."""
    recommendation: str = ""


class DeviceSetting(SQLModel, table=True):
    """One of the inspector's settings on this device, by name (see ``storage.settings``)."""

    __tablename__ = "device_setting"
    name: str = Field(primary_key=True)
    value: str
    updated_at: datetime = utc_column()


class Finding(SQLModel, table=True):
    __tablename__ = "finding"
    audit_id: str = Field(foreign_key="audit.id", primary_key=True)
    criterion_id: str = Field(primary_key=True)
    verdict: str | None = None
    """``met``, ``not_met``, or a graded criterion's points written in digits."""
    note: str = ""
    recommendation: str = ""
    recorded_by: str
    recorded_at: datetime = utc_column()


class EvidenceRecordRow(SQLModel, table=True):
    """An interview, a document seen or an observation on a finding (kind-specific columns:
    ``at``/``whom``/``text``/``identity``, ``title``/``reference``/``page_photo``, ``text``)."""

    __tablename__ = "evidence_record"
    id: str = Field(primary_key=True)
    audit_id: str = Field(foreign_key="audit.id", index=True)
    criterion_id: str
    kind: str
    at: datetime | None = utc_column(nullable=True)
    whom: str | None = None
    text: str = ""
    identity: str = ""
    title: str = ""
    reference: str = ""
    page_photo: str | None = None
    position: int
    recorded_by: str
    recorded_at: datetime = utc_column()


class PlannedShare(SQLModel, table=True):
    """The criteria the committee's chair or secretary gave a member for a visit, as pulled."""

    __tablename__ = "planned_share"
    assignment_id: str = Field(foreign_key="assignment.id", primary_key=True)
    inspector_id: str = Field(primary_key=True)
    criteria: str
    """A JSON list of criterion ids."""


class CommitteeRecommendation(SQLModel, table=True):
    """The chair's consolidated recommendation (ข้อเสนอแนะ) on one criterion, or overall
    (``criterion_id`` empty)."""

    __tablename__ = "committee_recommendation"
    assignment_id: str = Field(foreign_key="assignment.id", primary_key=True)
    criterion_id: str = Field(primary_key=True)
    text: str
    written_by: str
    written_at: datetime = utc_column()


class PhotoRecord(SQLModel, table=True):
    __tablename__ = "photo"
    id: str = Field(primary_key=True)
    audit_id: str = Field(foreign_key="audit.id", index=True)
    criterion_id: str
    sha256: str = Field(index=True)
    thumb_sha256: str
    caption: str = ""
    captured_at: datetime | None = utc_column(nullable=True)
    captured_from: str | None = None
    """exif_datetime_original, exif_datetime or device: which clock gave ``captured_at``."""
    gps_lat: float | None = None
    gps_lon: float | None = None
    width: int
    height: int
    byte_size: int
    attached_by: str
    attached_at: datetime = utc_column()
    position: int


class OutboxItem(SQLModel, table=True):
    __tablename__ = "outbox"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    ref: str
    state: str = "waiting"
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime = utc_column()
    next_attempt_at: datetime | None = utc_column(nullable=True)


class SealedResultRecord(SQLModel, table=True):
    """A signed result exactly as signed: this device's own seals and imported members' ones."""

    __tablename__ = "sealed_result"
    hash: str = Field(primary_key=True)
    kind: str
    result_id: str = Field(unique=True, index=True)
    assignment_id: str = Field(index=True)
    inspector_id: str
    revision: int
    replaces: str | None = None
    payload: bytes
    signature: str
    public_key: str
    origin: str
    stored_at: datetime = utc_column()


class CommitteeRuling(SQLModel, table=True):
    __tablename__ = "committee_ruling"
    assignment_id: str = Field(foreign_key="assignment.id", primary_key=True)
    criterion_id: str = Field(primary_key=True)
    verdict: str
    reason: str
    ruled_by: str
    ruled_at: datetime = utc_column()


class SyncCursor(SQLModel, table=True):
    """Where the last pull of one view of the central store stopped."""

    __tablename__ = "sync_cursor"
    view: str = Field(primary_key=True)
    cursor: int
    pulled_at: datetime = utc_column()


class SyncRun(SQLModel, table=True):
    __tablename__ = "sync_run"
    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = utc_column()
    finished_at: datetime | None = utc_column(nullable=True)
    sent: int = 0
    refused: int = 0
    pulled: int = 0
    error: str | None = None


class TrustedIssuingKey(SQLModel, table=True):
    """An issuing key of the central store that this device trusts for certificates."""

    __tablename__ = "trusted_issuing_key"
    key_id: str = Field(primary_key=True)
    public_key: str
    valid_from: date
    valid_until: date | None = None
    added_at: datetime = utc_column()


class HeldCertificate(SQLModel, table=True):
    """A certificate issued to one of this inspector's LAOs, as pulled from the central store:
    only its QR text is trusted, and only once it verifies."""

    __tablename__ = "held_certificate"
    reference: str = Field(primary_key=True)
    round_id: str
    lao_id: str = Field(index=True)
    qr_text: str
    received_at: datetime = utc_column()


class CertificateRevocationRecord(SQLModel, table=True):
    """A revoked certificate, from the accepted revocation list of its issuing key."""

    __tablename__ = "certificate_revocation"
    reference: str = Field(primary_key=True)
    key_id: str = Field(index=True)
    reason: str
    revoked_at: datetime = utc_column()


class RevocationListState(SQLModel, table=True):
    """The revocation list last accepted for one issuing key, as received (signed JSON)."""

    __tablename__ = "revocation_list_state"
    key_id: str = Field(primary_key=True)
    counter: int
    list_hash: str
    signed_by: str
    issued_at: datetime = utc_column()
    document: bytes
    loaded_at: datetime = utc_column()
