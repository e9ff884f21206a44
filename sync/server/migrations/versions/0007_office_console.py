"""The office console: accounts, sessions and failed logins; the LAOs' application documents
and registered locations; each photo a result names (backfilled from the stored results); the
four-eyes requests to issue a certificate; each application's pipeline step as last read; the
console's counts kept with the change sequence they were counted at; and
the indexes the console's pages read by (results by time and by LAO, certificates by expiry;
applications by LAO and the log by time come with 0008).

Revision ID: 0007
Revises: 0008
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_result_received_at", "result", ["received_at"]),
    ("ix_result_round_received_at", "result", ["round_id", "received_at"]),
    ("ix_result_lao", "result", ["lao_id"]),
    ("ix_certificate_valid_until", "certificate", ["valid_until"]),
)


def upgrade() -> None:
    _accounts()
    _documents()
    _photos()
    _requests()
    _snapshots()
    op.add_column("lao", sa.Column("latitude_e6", sa.Integer(), nullable=True))
    op.add_column("lao", sa.Column("longitude_e6", sa.Integer(), nullable=True))
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    _backfill_photos()


def _accounts() -> None:
    op.create_table(
        "office_account",
        sa.Column("username", sa.String(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_at", sa.String(), nullable=True),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("password_changed_at", sa.String(), nullable=False),
    )
    op.create_table(
        "office_session",
        sa.Column("token_hash", sa.String(), primary_key=True),
        sa.Column(
            "username", sa.String(), sa.ForeignKey("office_account.username"), nullable=False
        ),
        sa.Column("csrf", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("expires_at", sa.String(), nullable=False),
        sa.Column("seen_at", sa.String(), nullable=False),
        sa.Column("flash", sa.JSON(), nullable=True),
    )
    op.create_index("ix_office_session_username", "office_session", ["username"])
    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("username", sa.String(), nullable=False),
    )
    op.create_index("ix_login_failure_address_at", "login_failure", ["address", "at"])


def _documents() -> None:
    op.create_table(
        "application_document",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("round_id", sa.String(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("lao_id", sa.String(), sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("content_type", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("byte_size", sa.BigInteger(), nullable=False),
        sa.Column("uploaded_at", sa.String(), nullable=False),
        sa.Column("uploaded_by", sa.String(), nullable=False),
    )
    op.create_index(
        "ix_application_document_round_lao", "application_document", ["round_id", "lao_id"]
    )


def _photos() -> None:
    op.create_table(
        "result_photo",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("result_hash", sa.String(), sa.ForeignKey("result.hash"), nullable=False),
        sa.Column("lao_id", sa.String(), sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("criterion", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("caption", sa.String(), nullable=False),
        sa.Column("captured_at", sa.String(), nullable=True),
        sa.Column("lat_e6", sa.Integer(), nullable=True),
        sa.Column("lon_e6", sa.Integer(), nullable=True),
    )
    op.create_index("ix_result_photo_result_hash", "result_photo", ["result_hash"])
    op.create_index("ix_result_photo_sha256", "result_photo", ["sha256"])


def _requests() -> None:
    op.create_table(
        "certificate_request",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("round_id", sa.String(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("lao_id", sa.String(), sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("result_hash", sa.String(), sa.ForeignKey("result.hash"), nullable=False),
        sa.Column("prepared_by", sa.String(), nullable=False),
        sa.Column("prepared_at", sa.String(), nullable=False),
        sa.Column("confirmed_by", sa.String(), nullable=True),
        sa.Column("confirmed_at", sa.String(), nullable=True),
        sa.Column("reference", sa.String(), nullable=True),
        sa.Column("cancelled_by", sa.String(), nullable=True),
        sa.Column("cancelled_at", sa.String(), nullable=True),
    )
    op.create_index(
        "ix_certificate_request_round_lao", "certificate_request", ["round_id", "lao_id"]
    )


def _snapshots() -> None:
    op.create_table(
        "pipeline_snapshot",
        sa.Column("round_id", sa.String(), sa.ForeignKey("round.id"), primary_key=True),
        sa.Column("lao_id", sa.String(), sa.ForeignKey("lao.id"), primary_key=True),
        sa.Column("province_code", sa.String(), nullable=False),
        sa.Column("name_th", sa.String(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("holding_th", sa.String(), nullable=False),
        sa.Column("holding_en", sa.String(), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("certified", sa.Boolean(), nullable=False),
        sa.Column("application_seq", sa.BigInteger(), nullable=False),
        sa.Column("decision_seq", sa.BigInteger(), nullable=False),
        sa.Column("on_day", sa.Date(), nullable=False),
    )
    op.create_index("ix_pipeline_snapshot_round_step", "pipeline_snapshot", ["round_id", "step"])
    op.create_index(
        "ix_pipeline_snapshot_round_order",
        "pipeline_snapshot",
        ["round_id", "province_code", "name_th", "lao_id"],
    )
    op.create_table(
        "console_cache",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("on_day", sa.Date(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
    )


def _backfill_photos() -> None:
    """Every photo of the sealed audits already stored, as the store records new ones."""
    connection = op.get_bind()
    results = connection.execute(
        sa.text("SELECT hash, lao_id, payload FROM result WHERE kind = 'gecc.sealed-audit'")
    )
    rows = [row for stored in results for row in _photo_rows(*stored)]
    if rows:
        table = sa.table(
            "result_photo",
            *(sa.column(n) for n in ("result_hash", "lao_id", "criterion", "sha256", "caption")),
            *(sa.column(n) for n in ("captured_at", "lat_e6", "lon_e6")),
        )
        connection.execute(table.insert(), rows)


def _photo_rows(result_hash: str, lao_id: str, payload: bytes) -> list[dict[str, Any]]:
    audit = json.loads(payload)
    return [
        {
            "result_hash": result_hash,
            "lao_id": lao_id,
            "criterion": finding["criterion"],
            "sha256": photo["sha256"],
            "caption": photo.get("caption", ""),
            "captured_at": _moment(photo.get("captured_at")),
            "lat_e6": (photo.get("gps") or {}).get("lat_e6"),
            "lon_e6": (photo.get("gps") or {}).get("lon_e6"),
        }
        for finding in audit.get("findings", [])
        for photo in finding.get("photos", [])
    ]


def _moment(text: str | None) -> str | None:
    """A sealed ``...Z`` time as the store keeps times (ISO in UTC, microseconds)."""
    if not text:
        return None
    from datetime import UTC, datetime  # noqa: PLC0415 - only a backfill needs it

    moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    return moment.isoformat(timespec="microseconds")


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table)
    with op.batch_alter_table("lao") as batch:
        batch.drop_column("longitude_e6")
        batch.drop_column("latitude_e6")
    op.drop_table("console_cache")
    op.drop_index("ix_pipeline_snapshot_round_order", "pipeline_snapshot")
    op.drop_index("ix_pipeline_snapshot_round_step", "pipeline_snapshot")
    op.drop_table("pipeline_snapshot")
    op.drop_index("ix_certificate_request_round_lao", "certificate_request")
    op.drop_table("certificate_request")
    op.drop_index("ix_result_photo_sha256", "result_photo")
    op.drop_index("ix_result_photo_result_hash", "result_photo")
    op.drop_table("result_photo")
    op.drop_index("ix_application_document_round_lao", "application_document")
    op.drop_table("application_document")
    op.drop_index("ix_login_failure_address_at", "login_failure")
    op.drop_table("login_failure")
    op.drop_index("ix_office_session_username", "office_session")
    op.drop_table("office_session")
    op.drop_table("office_account")
