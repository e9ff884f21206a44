"""Making the engine: SQLite (the embedded default) or PostgreSQL, from the same settings.

SQLite runs in WAL mode with foreign keys on; its files are readable by their owner only
(0o600, in a 0o700 folder when made here). Its transactions are deferred (readers never
wait), except those that call ``begin_write`` first: a transaction that reads and then writes
would otherwise fail at once with "database is locked" when another writer committed since
its read began; begun IMMEDIATE, it waits its turn instead. (A transaction whose first
statement is a write, such as ``next_seq``, waits its turn anyway.) Writers of one process
queue on a lock of the engine rather than on SQLite's busy handler, whose growing sleeps
(up to 100 ms) leave the database idle under load; other processes still meet the busy
handler. PostgreSQL gets a
connection pool of ``db_pool_size`` (and as many again in overflow) with pre-ping.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError
from sqlmodel import Session

from sync.protocol.private_files import make_private_database
from sync.server.errors import DatabaseUnusable

SQLITE_BUSY_SECONDS = 30
BEGIN_OPTION = "gecc_sqlite_begin"
HOLDS_WRITER = "gecc_holds_writer_lock"
URL_SETTING = "GECC_CENTRAL_DATABASE_URL"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """Build (never at import time) the engine for ``url``; ``DatabaseUnusable`` when the URL
    is malformed or names a database whose dialect or driver is not installed."""
    parsed = _parsed(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url, parsed.database, pool_size)
        return create_engine(
            url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True, pool_timeout=60
        )
    except (NoSuchModuleError, ImportError):
        raise DatabaseUnusable(
            f"{URL_SETTING} names a database this store cannot use ({parsed.drivername}):"
            " use postgresql+psycopg://... or sqlite:///..."
        ) from None


@contextlib.contextmanager
def database_errors(engine: Engine) -> Iterator[None]:
    """Turn a database that does not answer into ``DatabaseUnusable``: one line naming it
    (without its password) and the driver's first line of why."""
    try:
        yield
    except (OperationalError, InterfaceError) as error:
        where = engine.url.render_as_string(hide_password=True)
        why = (str(error.orig) or type(error.orig).__name__).splitlines()[0]
        raise DatabaseUnusable(f"cannot reach the database {where}: {why}") from None


def new_session(engine: Engine) -> Session:
    """A session whose objects stay readable after commit (responses are built after it)."""
    return Session(engine, expire_on_commit=False)


def begin_write(session: Session) -> None:
    """Begin the session's transaction as a writer (SQLite: BEGIN IMMEDIATE); call it first."""
    session.connection(execution_options={BEGIN_OPTION: "IMMEDIATE"})


def _parsed(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError):  # the URL itself is not echoed: it may hold a password
        raise DatabaseUnusable(
            f"{URL_SETTING} is not a database URL (e.g. postgresql+psycopg://gecc@db/gecc)"
        ) from None


def _sqlite_engine(url: str, database: str | None, pool_size: int) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        make_private_database(Path(database))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=60,
    )
    writer = threading.Lock()
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", functools.partial(_begin, writer))
    event.listen(engine, "commit", functools.partial(_release, writer))
    event.listen(engine, "rollback", functools.partial(_release, writer))
    event.listen(engine, "checkin", functools.partial(_release_on_checkin, writer))
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
    cursor.close()


def _begin(writer: threading.Lock, connection: Any) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    if mode == "IMMEDIATE":
        writer.acquire()
        connection.info[HOLDS_WRITER] = True
    try:
        connection.exec_driver_sql(f"BEGIN {mode}")
    except BaseException:
        _release(writer, connection)
        raise


def _release(writer: threading.Lock, connection: Any) -> None:
    if connection.info.pop(HOLDS_WRITER, False):
        writer.release()


def _release_on_checkin(writer: threading.Lock, _dbapi: Any, record: Any) -> None:
    """A connection returned to the pool without commit or rollback still frees the lock."""
    if record.info.pop(HOLDS_WRITER, False):
        writer.release()
