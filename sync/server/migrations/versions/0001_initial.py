"""The central store's first schema: rounds, LAOs, committees, keys, photos, results.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

TEXT, DATE, BOOL, INT, BIG = sa.String(), sa.Date(), sa.Boolean(), sa.Integer(), sa.BigInteger()
JSON = sa.JSON()
# Tables whose rows devices pull carry a change sequence, indexed.
SEQ_TABLES = (
    "inspector",
    "lao",
    "device_key",
    "round",
    "application",
    "committee",
    "assignment",
    "membership",
    "result",
    "certification",
    "review",
)


def column(name: str, kind: Any, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, kind, nullable=nullable)


def upgrade() -> None:
    _reference_tables()
    _round_tables()
    _upload_tables()
    for table in SEQ_TABLES:
        op.create_index(f"ix_{table}_seq", table, ["seq"])
    for table, name in (
        ("edition", "edition_id"),
        ("device_key", "inspector_id"),
        ("committee", "round_id"),
        ("assignment", "committee_id"),
        ("assignment", "lao_id"),
        ("assignment", "round_id"),
        ("membership", "inspector_id"),
        ("result", "assignment_id"),
        ("nonce", "expires_at"),
    ):
        op.create_index(f"ix_{table}_{name}", table, [name])
    op.bulk_insert(
        sa.table("change_counter", sa.column("name"), sa.column("value")),
        [{"name": "changes", "value": 0}],
    )


def downgrade() -> None:
    for table in (
        "review",
        "certification",
        "result",
        "membership",
        "assignment",
        "committee",
        "application",
        "round",
        "device_key",
        "photo",
        "nonce",
        "lao",
        "inspector",
        "edition",
        "change_counter",
        "audit_log",
    ):
        op.drop_table(table)


def _reference_tables() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", INT, primary_key=True),
        column("at", TEXT),
        column("actor", TEXT),
        column("action", TEXT),
        column("subject", TEXT),
        column("details", JSON),
    )
    op.create_table(
        "change_counter", sa.Column("name", TEXT, primary_key=True), column("value", BIG)
    )
    op.create_table(
        "edition",
        sa.Column("content_hash", TEXT, primary_key=True),
        column("edition_id", TEXT),
        column("document", TEXT),
    )
    op.create_table(
        "inspector",
        sa.Column("id", TEXT, primary_key=True),
        column("name", TEXT),
        column("seq", BIG),
    )
    op.create_table(
        "lao",
        sa.Column("id", TEXT, primary_key=True),
        column("name_th", TEXT),
        column("name_en", TEXT),
        column("kind", TEXT),
        column("province_code", TEXT),
        column("province_th", TEXT),
        column("seq", BIG),
    )
    op.create_table(
        "device_key",
        sa.Column("key_id", TEXT, primary_key=True),
        sa.Column("inspector_id", TEXT, sa.ForeignKey("inspector.id"), nullable=False),
        column("fingerprint", TEXT),
        column("enrolled_at", TEXT),
        column("enrolled_by", TEXT),
        column("revoked_at", TEXT, True),
        column("revoked_by", TEXT, True),
        column("seq", BIG),
    )


def _round_tables() -> None:
    op.create_table(
        "round",
        sa.Column("id", TEXT, primary_key=True),
        column("fiscal_year_be", INT),
        column("title_th", TEXT),
        column("deadline", DATE),
        column("briefing_on", DATE, True),
        column("accepted_kinds", JSON, True),
        column("edition_id", TEXT),
        sa.Column("edition_hash", TEXT, sa.ForeignKey("edition.content_hash"), nullable=False),
        column("created_at", TEXT),
        column("seq", BIG),
    )
    op.create_table(
        "application",
        sa.Column("round_id", TEXT, sa.ForeignKey("round.id"), primary_key=True),
        sa.Column("lao_id", TEXT, sa.ForeignKey("lao.id"), primary_key=True),
        column("scope", TEXT),
        column("information_only", BOOL),
        column("self_assessment_points", INT, True),
        column("self_assessed_on", DATE, True),
        column("form_filled_on", DATE, True),
        column("governor_endorsed_on", DATE, True),
        column("word", BOOL),
        column("pdf", BOOL),
        column("posted_on", DATE, True),
        column("emailed_on", DATE, True),
        column("onsite_result", TEXT, True),
        column("onsite_on", DATE, True),
        column("seq", BIG),
    )
    op.create_table(
        "committee",
        sa.Column("id", TEXT, primary_key=True),
        sa.Column("round_id", TEXT, sa.ForeignKey("round.id"), nullable=False),
        column("name_th", TEXT),
        column("seq", BIG),
    )
    op.create_table(
        "membership",
        sa.Column("committee_id", TEXT, sa.ForeignKey("committee.id"), primary_key=True),
        sa.Column("inspector_id", TEXT, sa.ForeignKey("inspector.id"), primary_key=True),
        column("role", TEXT),
        column("removed", BOOL),
        column("seq", BIG),
    )
    op.create_table(
        "assignment",
        sa.Column("id", TEXT, primary_key=True),
        sa.Column("round_id", TEXT, sa.ForeignKey("round.id"), nullable=False),
        sa.Column("lao_id", TEXT, sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("committee_id", TEXT, sa.ForeignKey("committee.id"), nullable=False),
        column("visit_date", DATE),
        column("deleted", BOOL),
        column("seq", BIG),
    )


def _upload_tables() -> None:
    op.create_table(
        "nonce",
        sa.Column("key_id", TEXT, primary_key=True),
        sa.Column("nonce", TEXT, primary_key=True),
        column("expires_at", BIG),
    )
    op.create_table(
        "photo",
        sa.Column("sha256", TEXT, primary_key=True),
        column("byte_size", BIG),
        column("stored_at", TEXT),
        column("uploaded_by", TEXT),
    )
    op.create_table(
        "result",
        sa.Column("hash", TEXT, primary_key=True),
        sa.Column("result_id", TEXT, nullable=False, unique=True),
        column("kind", TEXT),
        sa.Column("round_id", TEXT, sa.ForeignKey("round.id"), nullable=False),
        sa.Column("lao_id", TEXT, sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("assignment_id", TEXT, sa.ForeignKey("assignment.id"), nullable=False),
        column("committee_id", TEXT),
        sa.Column("inspector_id", TEXT, sa.ForeignKey("inspector.id"), nullable=False),
        sa.Column("key_id", TEXT, sa.ForeignKey("device_key.key_id"), nullable=False),
        column("revision", INT),
        column("replaces", TEXT, True),
        sa.Column("chain_key", TEXT, nullable=False, unique=True),
        column("payload", sa.LargeBinary()),
        column("signature", TEXT),
        column("public_key", TEXT),
        column("server_score", JSON),
        column("device_score", JSON, True),
        column("certified", BOOL),
        column("points", INT),
        column("received_at", TEXT),
        column("uploaded_by", TEXT),
        column("seq", BIG),
    )
    op.create_table(
        "certification",
        sa.Column("round_id", TEXT, sa.ForeignKey("round.id"), primary_key=True),
        sa.Column("lao_id", TEXT, sa.ForeignKey("lao.id"), primary_key=True),
        sa.Column("result_hash", TEXT, sa.ForeignKey("result.hash"), nullable=False),
        column("certified", BOOL),
        column("points", INT),
        column("level", TEXT, True),
        column("reasons", JSON),
        column("decided_at", TEXT),
        column("seq", BIG),
    )
    op.create_table(
        "review",
        sa.Column("result_hash", TEXT, sa.ForeignKey("result.hash"), primary_key=True),
        column("state", TEXT),
        column("comment", TEXT),
        column("reviewer", TEXT),
        column("reviewed_at", TEXT),
        column("seq", BIG),
    )
