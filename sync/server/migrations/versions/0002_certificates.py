"""Certificates: issued certificates, reference sequences, signed revocation lists; an LAO's
own name for its service centre.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

TEXT, DATE, INT, BIG, BLOB = sa.String(), sa.Date(), sa.Integer(), sa.BigInteger(), sa.LargeBinary()


def column(name: str, kind: Any, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, kind, nullable=nullable)


def upgrade() -> None:
    op.add_column("lao", column("service_centre_th", TEXT, True))
    op.create_table(
        "certificate",
        sa.Column("reference", TEXT, primary_key=True),
        sa.Column("round_id", TEXT, sa.ForeignKey("round.id"), nullable=False),
        sa.Column("lao_id", TEXT, sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("result_hash", TEXT, sa.ForeignKey("result.hash"), nullable=False),
        column("key_id", TEXT),
        column("payload", BLOB),
        column("signature", TEXT),
        column("qr_text", TEXT),
        column("issued_on", DATE),
        column("valid_until", DATE),
        column("issued_at", TEXT),
        column("issued_by", TEXT),
        sa.Column("current_for", TEXT, nullable=True, unique=True),
        column("revoked_at", TEXT, True),
        column("revoked_by", TEXT, True),
        column("revocation_reason", TEXT, True),
    )
    op.create_index("ix_certificate_lao_id", "certificate", ["lao_id"])
    op.create_index("ix_certificate_key_id", "certificate", ["key_id"])
    op.create_table(
        "certificate_sequence",
        sa.Column("fiscal_year_be", INT, primary_key=True, autoincrement=False),
        sa.Column("province_code", TEXT, primary_key=True),
        column("last", INT),
    )
    op.create_table(
        "revocation_list",
        sa.Column("key_id", TEXT, primary_key=True),
        column("counter", BIG),
        column("document", BLOB),
        column("issued_at", TEXT),
    )


def downgrade() -> None:
    for table in ("revocation_list", "certificate_sequence", "certificate"):
        op.drop_table(table)
    with op.batch_alter_table("lao") as batch:
        batch.drop_column("service_centre_th")
