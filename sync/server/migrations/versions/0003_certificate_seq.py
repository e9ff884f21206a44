"""Certificates join what devices pull: a change sequence per certificate.

Certificates issued before this revision take one new sequence together, so devices that
have pulled before still receive them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place with a default (no table rebuild on SQLite); the store always sets it.
    op.add_column(
        "certificate", sa.Column("seq", sa.BigInteger(), nullable=False, server_default="0")
    )
    if op.get_bind().execute(sa.text("SELECT count(*) FROM certificate")).scalar_one():
        op.execute("UPDATE change_counter SET value = value + 1 WHERE name = 'changes'")
        op.execute(
            "UPDATE certificate SET seq = (SELECT value FROM change_counter WHERE name = 'changes')"
        )
    if op.get_bind().dialect.name != "sqlite":  # SQLite cannot drop a default in place
        op.alter_column("certificate", "seq", server_default=None)
    op.create_index("ix_certificate_seq", "certificate", ["seq"])


def downgrade() -> None:
    op.drop_index("ix_certificate_seq", "certificate")
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("seq")
