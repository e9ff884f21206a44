"""Opening the device database: SQLite in WAL mode with foreign keys on, migrated on open.

``synchronous=FULL`` makes each committed finding durable even if the tablet loses power;
WAL keeps readers (the UI) from blocking the writer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from field_audit.storage.migrations import migrate

DATABASE_FILE = "field-audit.sqlite3"


class Database:
    """The device database at one path; sessions are short and commit per change."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path) -> Database:
    """Open (creating and migrating as needed) the database in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DATABASE_FILE
    _enable_wal(path)
    migrate(path)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 15})
    event.listen(engine, "connect", _configure_connection)
    return Database(path, engine)


def _enable_wal(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
