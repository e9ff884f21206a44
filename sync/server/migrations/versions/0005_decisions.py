"""Certification is a decision: the committee's score is a finding (meets the criteria or not),
the office records its decision apart; eligibility gates read the office's screening and the
round's visit window; an override of a gate is recorded with its reason and officer.

- result.certified and certification.certified are renamed meets_criteria;
- application.onsite_result 'certified' / 'not_certified' become 'meets_criteria' /
  'does_not_meet'; application gains the screening (screened_on, screening_passed,
  screening_reason);
- round gains visits_from and visits_until;
- new tables decision and eligibility_override.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("result", "certification"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("certified", new_column_name="meets_criteria")
    _rename_findings({"certified": "meets_criteria", "not_certified": "does_not_meet"})
    op.add_column("application", sa.Column("screened_on", sa.Date(), nullable=True))
    op.add_column("application", sa.Column("screening_passed", sa.Boolean(), nullable=True))
    op.add_column("application", sa.Column("screening_reason", sa.String(), nullable=True))
    op.add_column("round", sa.Column("visits_from", sa.Date(), nullable=True))
    op.add_column("round", sa.Column("visits_until", sa.Date(), nullable=True))
    _create_decision()
    _create_override()


def _rename_findings(names: dict[str, str]) -> None:
    for old, new in names.items():
        op.execute(
            sa.text(
                "UPDATE application SET onsite_result = :new WHERE onsite_result = :old"
            ).bindparams(old=old, new=new)
        )


def _create_decision() -> None:
    op.create_table(
        "decision",
        sa.Column("round_id", sa.String(), sa.ForeignKey("round.id"), primary_key=True),
        sa.Column("lao_id", sa.String(), sa.ForeignKey("lao.id"), primary_key=True),
        sa.Column("certify", sa.Boolean(), nullable=False),
        sa.Column("result_hash", sa.String(), sa.ForeignKey("result.hash"), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_decision_seq", "decision", ["seq"])


def _create_override() -> None:
    op.create_table(
        "eligibility_override",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("round_id", sa.String(), sa.ForeignKey("round.id"), nullable=False),
        sa.Column("lao_id", sa.String(), sa.ForeignKey("lao.id"), nullable=False),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("officer", sa.String(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.String(), nullable=False),
    )
    op.create_index(
        "ix_eligibility_override_round_lao", "eligibility_override", ["round_id", "lao_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_eligibility_override_round_lao", "eligibility_override")
    op.drop_table("eligibility_override")
    op.drop_index("ix_decision_seq", "decision")
    op.drop_table("decision")
    for table, columns in (
        ("round", ("visits_from", "visits_until")),
        ("application", ("screened_on", "screening_passed", "screening_reason")),
    ):
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
    _rename_findings({"meets_criteria": "certified", "does_not_meet": "not_certified"})
    for table in ("result", "certification"):
        with op.batch_alter_table(table) as batch:
            batch.alter_column("meets_criteria", new_column_name="certified")
