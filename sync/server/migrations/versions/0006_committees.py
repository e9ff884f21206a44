"""The committee as real ones work, and a round's whole calendar.

- round gains opens_on, screening_until and results_on (beside the deadline and the visit
  window), so a visit outside the window is flagged and the calendar's order checked;
- a committee member's former role "secretary" is the joint secretary ("joint_secretary");
- new table visit_share: the criteria the chair or the secretary gave each member for a visit
  (the division a member's device starts from; each sealed audit states what it covers).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for column in ("opens_on", "screening_until", "results_on"):
        op.add_column("round", sa.Column(column, sa.Date(), nullable=True))
    op.execute(sa.text("UPDATE membership SET role = 'joint_secretary' WHERE role = 'secretary'"))
    op.create_table(
        "visit_share",
        sa.Column("assignment_id", sa.String(), sa.ForeignKey("assignment.id"), primary_key=True),
        sa.Column("inspector_id", sa.String(), primary_key=True),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("set_by", sa.String(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_visit_share_seq", "visit_share", ["seq"])


def downgrade() -> None:
    op.drop_index("ix_visit_share_seq", "visit_share")
    op.drop_table("visit_share")
    op.execute(sa.text("UPDATE membership SET role = 'secretary' WHERE role = 'joint_secretary'"))
    for column in ("results_on", "screening_until", "opens_on"):
        with op.batch_alter_table("round") as batch:
            batch.drop_column(column)
