"""Counters kept in rows: a certificate reference's sequence, a revocation list's counter.

``increment`` adds one in a single ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``: the
first use of a key makes its row at 1. On PostgreSQL the statement locks the row until the
transaction ends, so concurrent transactions take 1, 2, 3... one after the other and a rolled
back one gives its number back (it was never used); SQLite serialises writers anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def increment(
    session: Session,
    table: Table,
    key: Mapping[str, Any],
    column: str,
    *,
    initial: Mapping[str, Any] | None = None,
) -> int:
    """Add one to ``column`` of the row of ``table`` with ``key`` (made at 1, with the other
    columns from ``initial``, if missing); return the new value. In the caller's transaction."""
    values = {**key, **(initial or {}), column: 1}
    step = {column: table.c[column] + 1}
    returned = table.c[column]
    if session.get_bind().dialect.name == "postgresql":
        upsert = postgresql.insert(table).values(values)
        statement: Any = upsert.on_conflict_do_update(index_elements=list(key), set_=step)
    else:
        lite = sqlite.insert(table).values(values)
        statement = lite.on_conflict_do_update(index_elements=list(key), set_=step)
    return int(session.execute(statement.returning(returned)).scalar_one())
