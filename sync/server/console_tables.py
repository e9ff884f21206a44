"""The office console's tables (SQLModel, the central store's metadata): accounts and their
sessions, failed logins, the LAOs' application documents, each photo a result names, the
four-eyes requests to issue a certificate, and each application's pipeline step as last read.

Made by migration 0007; ``sync.server.models`` imports this module so that the metadata (and
the test that compares it with the migrated schema) has every table.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Index
from sqlmodel import Column, Field

from sync.server.models import CentralTable, json_field, utc_field


class OfficeAccount(CentralTable, table=True):
    """An officer who signs in to the console: one office role, an Argon2id password hash.

    ``failed_logins`` counts failures since the last success; at the limit ``locked_at`` is
    set and only an admin unlocks the account."""

    __tablename__ = "office_account"
    username: str = Field(primary_key=True)
    name: str
    role: str
    password_hash: str
    active: bool = True
    failed_logins: int = 0
    locked_at: datetime | None = utc_field(nullable=True)
    created_at: datetime = utc_field()
    created_by: str
    password_changed_at: datetime = utc_field()


class OfficeSession(CentralTable, table=True):
    """A signed-in browser: the SHA-256 of its cookie's token (the token itself is never
    stored), its CSRF token, when it ends, and a message to show on the next page."""

    __tablename__ = "office_session"
    token_hash: str = Field(primary_key=True)
    username: str = Field(foreign_key="office_account.username", index=True)
    csrf: str
    created_at: datetime = utc_field()
    expires_at: datetime = utc_field()
    seen_at: datetime = utc_field()
    flash: dict[str, Any] | None = json_field(nullable=True)


class LoginFailure(CentralTable, table=True):
    """A failed login, by address: many in a short time from one address are throttled."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_address_at", "address", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_field()
    address: str
    username: str


class ApplicationDocument(CentralTable, table=True):
    """A file the LAO sent with its application (Word, PDF), kept as a blob by its SHA-256."""

    __tablename__ = "application_document"
    __table_args__ = (Index("ix_application_document_round_lao", "round_id", "lao_id"),)
    id: str = Field(primary_key=True)
    round_id: str = Field(foreign_key="round.id")
    lao_id: str = Field(foreign_key="lao.id")
    kind: str  # word, pdf or other
    filename: str
    content_type: str
    sha256: str
    byte_size: int = Field(sa_column=Column(BigInteger(), nullable=False))
    uploaded_at: datetime = utc_field()
    uploaded_by: str


class ResultPhoto(CentralTable, table=True):
    """One photo named by a stored sealed audit, with what the audit says of it: read by the
    visit page and by the plausibility checks (the same photo in another LAO's results)."""

    __tablename__ = "result_photo"
    id: int | None = Field(default=None, primary_key=True)
    result_hash: str = Field(foreign_key="result.hash", index=True)
    lao_id: str = Field(foreign_key="lao.id")
    criterion: str
    sha256: str = Field(index=True)
    caption: str = ""
    captured_at: datetime | None = utc_field(nullable=True)
    lat_e6: int | None = None
    lon_e6: int | None = None


class CertificateRequest(CentralTable, table=True):
    """The four-eyes rule: one officer prepares a certificate, a second one confirms it."""

    __tablename__ = "certificate_request"
    __table_args__ = (Index("ix_certificate_request_round_lao", "round_id", "lao_id"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: str = Field(foreign_key="round.id")
    lao_id: str = Field(foreign_key="lao.id")
    result_hash: str = Field(foreign_key="result.hash")
    prepared_by: str
    prepared_at: datetime = utc_field()
    confirmed_by: str | None = None
    confirmed_at: datetime | None = utc_field(nullable=True)
    reference: str | None = None
    cancelled_by: str | None = None
    cancelled_at: datetime | None = utc_field(nullable=True)


class ConsoleCache(CentralTable, table=True):
    """Counts a console page shows (a round's counts per step, the inbox's per state), kept
    with the change sequence (and day) they were counted at: good while nothing changed."""

    __tablename__ = "console_cache"
    key: str = Field(primary_key=True)
    seq: int = Field(sa_column=Column(BigInteger(), nullable=False))
    on_day: date
    value: dict[str, Any] = json_field()


class PipelineSnapshot(CentralTable, table=True):
    """An application's step and what holds it there, as ``pipeline_status`` last found it:
    read again when the application or its decision changed (their ``seq``) or the day did,
    so a round of thousands of LAOs is counted and filtered without reading each one."""

    __tablename__ = "pipeline_snapshot"
    __table_args__ = (
        Index("ix_pipeline_snapshot_round_step", "round_id", "step"),
        Index("ix_pipeline_snapshot_round_order", "round_id", "province_code", "name_th", "lao_id"),
    )
    round_id: str = Field(foreign_key="round.id", primary_key=True)
    lao_id: str = Field(foreign_key="lao.id", primary_key=True)
    province_code: str  # the LAO's, as read with the status: the round page's order
    name_th: str
    step: int | None = None  # None: every step done
    codes: list[str] = json_field()
    holding_th: str = ""
    holding_en: str = ""
    eligible: bool = True
    certified: bool = False
    application_seq: int = Field(sa_column=Column(BigInteger(), nullable=False))
    decision_seq: int = Field(sa_column=Column(BigInteger(), nullable=False))
    on_day: date
