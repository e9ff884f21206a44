"""Opening the device database: SQLite in WAL mode with foreign keys on, migrated on open.

``synchronous=FULL`` makes each committed finding durable even if the tablet loses power;
WAL keeps readers (the UI) from blocking the writer. The files are the inspector's alone
(0o600, as the photos and the key are), an older database's too once opened.
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
from sync.protocol.private_files import make_private_database

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
    """Open (creating and migrating as needed) the database in ``data_dir``: the folder, when
    made here, and the database files are readable by their owner only (0o700, 0o600)."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = data_dir / DATABASE_FILE
    make_private_database(path)
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
