"""The LAO's self-assessment per criterion (what it claims met or not), sent to inspectors with
its assignment so the app can set each claim beside the inspector's verdict.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("application", sa.Column("self_claims", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("application") as batch:
        batch.drop_column("self_claims")
