"""The central store's tables (SQLModel), the same on SQLite and PostgreSQL.

The schema is made by the Alembic migrations in ``sync/server/migrations``, never by
``create_all``; a test checks that the migrated schema and these models agree.

Every row that devices pull has a ``seq``: the value of the change counter (``changes``) that
the transaction which last wrote it took. Deletions and revocations are kept as flags with a
new ``seq`` (tombstones), never as deleted rows. Results, photos and the audit log are
append-only. Times are ISO 8601 text in UTC and come back as aware datetimes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Dialect, Index, LargeBinary, String
from sqlalchemy.orm import registry
from sqlalchemy.types import TypeDecorator
from sqlmodel import Column, Field, SQLModel


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as ISO text in UTC, so both databases sort and read it alike."""

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


def utc_field(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UtcDateTime(), nullable=nullable, index=index))


def seq_field() -> Any:
    return Field(sa_column=Column(BigInteger(), nullable=False, index=True))


def json_field(*, nullable: bool = False) -> Any:
    return Field(sa_column=Column(JSON(), nullable=nullable))


def now_utc() -> datetime:
    return datetime.now(UTC)


class CentralTable(SQLModel, registry=registry()):
    """Base of the central store's tables: their own metadata, apart from the device's."""


METADATA = CentralTable.metadata


class ChangeCounter(CentralTable, table=True):
    """One row per counter; ``changes`` orders every change devices pull."""

    __tablename__ = "change_counter"
    name: str = Field(primary_key=True)
    value: int = Field(sa_column=Column(BigInteger(), nullable=False))


class EditionRecord(CentralTable, table=True):
    __tablename__ = "edition"
    content_hash: str = Field(primary_key=True)
    edition_id: str = Field(index=True)
    document: str


class RoundRecord(CentralTable, table=True):
    __tablename__ = "round"
    id: str = Field(primary_key=True)
    fiscal_year_be: int
    title_th: str
    deadline: date
    briefing_on: date | None = None
    visits_from: date | None = None
    visits_until: date | None = None
    opens_on: date | None = None
    screening_until: date | None = None
    results_on: date | None = None
    accepted_kinds: list[str] | None = json_field(nullable=True)
    edition_id: str
    edition_hash: str = Field(foreign_key="edition.content_hash")
    created_at: datetime = utc_field()
    seq: int = seq_field()


class LaoRecord(CentralTable, table=True):
    __tablename__ = "lao"
    id: str = Field(primary_key=True)
    name_th: str
    name_en: str = ""
    kind: str
    province_code: str
    province_th: str = ""
    service_centre_th: str | None = None
    latitude_e6: int | None = None  # the registered location, in microdegrees (WGS 84)
    longitude_e6: int | None = None
    seq: int = seq_field()


class ApplicationRecord(CentralTable, table=True):
    """One LAO's application in one round: the pipeline facts a clerk records."""

    __tablename__ = "application"
    __table_args__ = (Index("ix_application_lao_id", "lao_id"),)
    round_id: str = Field(foreign_key="round.id", primary_key=True)
    lao_id: str = Field(foreign_key="lao.id", primary_key=True, index=True)
    scope: str = "office"
    information_only: bool = False
    self_assessment_points: int | None = None
    self_claims: dict[str, str] | None = json_field(nullable=True)  # criterion -> met / not_met
    self_assessed_on: date | None = None
    form_filled_on: date | None = None
    governor_endorsed_on: date | None = None
    word: bool = False
    pdf: bool = False
    posted_on: date | None = None
    emailed_on: date | None = None
    screened_on: date | None = None
    screening_passed: bool | None = None
    screening_reason: str | None = None
    onsite_result: str | None = None  # the committee's finding: meets_criteria / does_not_meet
    onsite_on: date | None = None
    seq: int = seq_field()


class InspectorRecord(CentralTable, table=True):
    __tablename__ = "inspector"
    id: str = Field(primary_key=True)
    name: str
    seq: int = seq_field()


class CommitteeRecord(CentralTable, table=True):
    __tablename__ = "committee"
    id: str = Field(primary_key=True)
    round_id: str = Field(foreign_key="round.id", index=True)
    name_th: str
    seq: int = seq_field()


class MembershipRecord(CentralTable, table=True):
    __tablename__ = "membership"
    committee_id: str = Field(foreign_key="committee.id", primary_key=True)
    inspector_id: str = Field(foreign_key="inspector.id", primary_key=True, index=True)
    role: str
    removed: bool = False
    seq: int = seq_field()


class AssignmentRecord(CentralTable, table=True):
    """An LAO visited by a committee in a round; a moved or withdrawn one is a tombstone."""

    __tablename__ = "assignment"
    id: str = Field(primary_key=True)
    round_id: str = Field(foreign_key="round.id", index=True)
    lao_id: str = Field(foreign_key="lao.id", index=True)
    committee_id: str = Field(foreign_key="committee.id", index=True)
    visit_date: date
    deleted: bool = False
    seq: int = seq_field()


class VisitShareRecord(CentralTable, table=True):
    """The criteria the chair or the secretary gave one member for a visit (a JSON list)."""

    __tablename__ = "visit_share"
    assignment_id: str = Field(foreign_key="assignment.id", primary_key=True)
    inspector_id: str = Field(primary_key=True)
    criteria: list[str] = json_field()
    set_by: str
    seq: int = seq_field()


class DeviceKeyRecord(CentralTable, table=True):
    """An inspector's enrolled device key; ``key_id`` is its base64url public key."""

    __tablename__ = "device_key"
    key_id: str = Field(primary_key=True)
    inspector_id: str = Field(foreign_key="inspector.id", index=True)
    fingerprint: str
    enrolled_at: datetime = utc_field()
    enrolled_by: str
    revoked_at: datetime | None = utc_field(nullable=True)
    revoked_by: str | None = None
    seq: int = seq_field()


class NonceRecord(CentralTable, table=True):
    """A nonce seen in a signed request, kept until its request could no longer be accepted."""

    __tablename__ = "nonce"
    key_id: str = Field(primary_key=True)
    nonce: str = Field(primary_key=True)
    expires_at: int = Field(sa_column=Column(BigInteger(), nullable=False, index=True))


class PhotoRecord(CentralTable, table=True):
    """A photo whose bytes are complete in the blob store and whose SHA-256 was checked."""

    __tablename__ = "photo"
    sha256: str = Field(primary_key=True)
    byte_size: int = Field(sa_column=Column(BigInteger(), nullable=False))
    stored_at: datetime = utc_field()
    uploaded_by: str


class ResultRecord(CentralTable, table=True):
    """A signed result exactly as signed, with the server's own score. Never changed.

    ``chain_key`` is unique: the hash a revision replaces, or ``root:<kind>:<assignment>:
    <inspector>`` for a first revision, so no two results can claim the same place in a chain.
    """

    __tablename__ = "result"
    __table_args__ = (
        Index("ix_result_round_id_lao_id", "round_id", "lao_id"),
        Index("ix_result_received_at", "received_at"),
        Index("ix_result_round_received_at", "round_id", "received_at"),
        Index("ix_result_lao", "lao_id"),
    )
    hash: str = Field(primary_key=True)
    result_id: str = Field(unique=True)
    kind: str
    round_id: str = Field(foreign_key="round.id")
    lao_id: str = Field(foreign_key="lao.id")
    assignment_id: str = Field(foreign_key="assignment.id", index=True)
    committee_id: str
    inspector_id: str = Field(foreign_key="inspector.id")
    key_id: str = Field(foreign_key="device_key.key_id")
    revision: int
    replaces: str | None = None
    chain_key: str = Field(unique=True)
    payload: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    signature: str
    public_key: str
    server_score: dict[str, Any] = json_field()
    device_score: dict[str, Any] | None = json_field(nullable=True)
    meets_criteria: bool
    points: int
    received_at: datetime = utc_field()
    uploaded_by: str
    seq: int = seq_field()


class CertificationRecord(CentralTable, table=True):
    """The committee's finding on an LAO in a round (meets the criteria or not), from its
    latest committee result. A finding, not a certificate: the office decides
    (``DecisionRecord``)."""

    __tablename__ = "certification"
    round_id: str = Field(foreign_key="round.id", primary_key=True)
    lao_id: str = Field(foreign_key="lao.id", primary_key=True)
    result_hash: str = Field(foreign_key="result.hash")
    meets_criteria: bool
    points: int
    level: str | None = None
    reasons: list[dict[str, str]] = json_field()
    decided_at: datetime = utc_field()
    seq: int = seq_field()


class DecisionRecord(CentralTable, table=True):
    """The office's decision to certify an LAO in a round, or not: who decided, when, and the
    meeting or order it rests on (``basis``), on the committee result ``result_hash``."""

    __tablename__ = "decision"
    round_id: str = Field(foreign_key="round.id", primary_key=True)
    lao_id: str = Field(foreign_key="lao.id", primary_key=True)
    certify: bool
    result_hash: str = Field(foreign_key="result.hash")
    basis: str
    decided_on: date
    decided_by: str
    recorded_by: str
    recorded_at: datetime = utc_field()
    seq: int = seq_field()


class EligibilityOverride(CentralTable, table=True):
    """An office decision to waive named eligibility conditions for an LAO in a round, with the
    reason and the officer who decided; shown on the LAO's record and kept in the audit log."""

    __tablename__ = "eligibility_override"
    __table_args__ = (Index("ix_eligibility_override_round_lao", "round_id", "lao_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: str = Field(foreign_key="round.id")
    lao_id: str = Field(foreign_key="lao.id")
    codes: list[str] = json_field()
    reason: str
    officer: str
    recorded_by: str
    recorded_at: datetime = utc_field()


class ReviewRecord(CentralTable, table=True):
    """The office's review state of a result: received, has_issues, approved or rejected."""

    __tablename__ = "review"
    result_hash: str = Field(foreign_key="result.hash", primary_key=True)
    state: str
    comment: str = ""
    reviewer: str
    reviewed_at: datetime = utc_field()
    seq: int = seq_field()


class AuditLogRecord(CentralTable, table=True):
    """Who did what, when: every office action and every accepted upload."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_field(index=True)
    actor: str
    action: str
    subject: str
    details: dict[str, Any] = json_field()


class CertificateRecord(CentralTable, table=True):
    """A certificate exactly as issued and signed; only its revocation is ever written later.

    ``current_for`` is ``<round>/<lao>`` while the certificate stands and null once revoked:
    unique, so one LAO has at most one standing certificate per round, even under racing issues.
    """

    __tablename__ = "certificate"
    reference: str = Field(primary_key=True)
    round_id: str = Field(foreign_key="round.id")
    lao_id: str = Field(foreign_key="lao.id", index=True)
    result_hash: str = Field(foreign_key="result.hash")
    key_id: str = Field(index=True)
    payload: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    signature: str
    qr_text: str
    issued_on: date
    valid_until: date = Field(index=True)
    issued_at: datetime = utc_field()
    issued_by: str
    current_for: str | None = Field(default=None, unique=True)
    revoked_at: datetime | None = utc_field(nullable=True)
    revoked_by: str | None = None
    revocation_reason: str | None = None
    seq: int = seq_field()  # taken at issue; devices learn revocations from the signed lists


class CertificateSequenceRecord(CentralTable, table=True):
    """The last reference number taken per fiscal year and province; it only ever grows."""

    __tablename__ = "certificate_sequence"
    fiscal_year_be: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    province_code: str = Field(primary_key=True)
    last: int


class RevocationListRecord(CentralTable, table=True):
    """The signed revocation list of one issuing key's certificates, as served to apps.

    ``counter`` grows by one with every revocation of the key's certificates; ``document`` is
    the canonical JSON of ``{"payload", "signature"}`` made in the same transaction.
    """

    __tablename__ = "revocation_list"
    key_id: str = Field(primary_key=True)
    counter: int = Field(sa_column=Column(BigInteger(), nullable=False))
    document: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    issued_at: datetime = utc_field()


# The office console's tables share this metadata (imported last: they build on CentralTable).
from sync.server import console_tables  # noqa: E402, F401
