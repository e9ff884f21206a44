"""Table rows as JSON and back: the database half of a backup, the same on SQLite and PostgreSQL.

A dump is gzipped JSON lines, ``{"table": name, "row": {column: value}}``, tables in the order
their foreign keys allow (``METADATA.sorted_tables``), each table's rows by primary key. Values
are the columns' own JSON where they have one; otherwise times and dates are ISO text and bytes
base64. The same dump loads into either database, so a province that started on the embedded
SQLite moves to PostgreSQL by a backup and a restore.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, LargeBinary, Table, select

from sync.server.models import METADATA, UtcDateTime

READ_BATCH = 1000
Row = dict[str, Any]


def tables() -> list[Table]:
    """Every table of the store, parents before children."""
    return list(METADATA.sorted_tables)


def read_rows(connection: Connection, table: Table) -> Iterator[Row]:
    """The table's rows by primary key, as JSON values, read in batches."""
    query = select(table).order_by(*table.primary_key.columns)
    streamed = connection.execution_options(yield_per=READ_BATCH).execute(query)
    for values in streamed.mappings():
        yield {name: encode(table, name, value) for name, value in values.items()}


def encode(table: Table, name: str, value: Any) -> Any:
    kind = table.c[name].type
    if value is None:
        return None
    if isinstance(kind, UtcDateTime | Date):
        return value.isoformat()
    if isinstance(kind, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def decode(table: Table, row: Row) -> Row:
    """A row as the table's columns take it (the inverse of ``encode``)."""
    return {name: _decoded(table, name, value) for name, value in row.items()}


def _decoded(table: Table, name: str, value: Any) -> Any:
    kind = table.c[name].type
    if value is None:
        return None
    if isinstance(kind, UtcDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    return value


def write_dump(path: Path, lines: Iterator[tuple[str, Row]]) -> dict[str, int]:
    """Write ``(table, row)`` lines to a gzipped dump; returns the rows written per table."""
    counts: dict[str, int] = {}
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as dump:
        for name, row in lines:
            dump.write(json.dumps({"table": name, "row": row}, ensure_ascii=False) + "\n")
            counts[name] = counts.get(name, 0) + 1
    return counts


def read_dump(path: Path) -> Iterator[tuple[str, Row]]:
    with gzip.open(path, "rt", encoding="utf-8") as dump:
        for line in dump:
            entry = json.loads(line)
            yield entry["table"], entry["row"]
