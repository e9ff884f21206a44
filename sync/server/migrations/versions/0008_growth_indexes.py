"""Indexes for a store that grows: what a device's pull, the office's listings and the audit log
read, so none of them scans a table that grows every round.

- application.lao_id: a pull reads the applications of the inspector's LAOs (the primary key
  starts with the round, so it cannot serve this; 8,000 rows more every round);
- result (round_id, lao_id): the office's results by round and LAO (``results list``);
- audit_log.at: the log, newest first (one line per upload and office action).

The plans are shown in ``sync/server/DEPLOYMENT.md`` (``python -m scripts.bench.growth``).

Revision ID: 0008
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_application_lao_id", "application", ["lao_id"]),
    ("ix_result_round_id_lao_id", "result", ["round_id", "lao_id"]),
    ("ix_audit_log_at", "audit_log", ["at"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
