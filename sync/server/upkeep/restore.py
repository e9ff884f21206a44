"""``gecc-central restore``: a backup (``upkeep.backup``) into an empty database and an empty
photo store.

Refused before anything is written: a folder that is not a backup of this format, files whose
SHA-256 is not the manifest's (BACKUP_DAMAGED), a backup made at another schema revision than
this release's (restore it with that release, then ``gecc-central db upgrade``), a database
that holds any data or another schema (DATABASE_NOT_EMPTY) and a photo store that holds any
photo (STORE_NOT_EMPTY).

Then the photos go in first, several at a time, each through the store's own upload path, which
checks its SHA-256 before it becomes visible; a photo missing from the backup folder or damaged
there is named and left out (``verify-all`` then reports it as missing too). The database is
loaded last, in one transaction: its schema made by the migrations, every row in the order its
foreign keys allow, PostgreSQL's id sequences moved past the restored ids. A failure leaves it
empty, to try again.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import anyio
import anyio.to_thread
from sqlalchemy import Connection, Engine, func, inspect, select, text

from sync.server.blobs import BlobStore
from sync.server.errors import CentralError, Conflict, Unprocessable
from sync.server.models import ChangeCounter
from sync.server.schema import current_revision, head_revision, upgrade
from sync.server.upkeep.backup import (
    BLOCK,
    DATABASE,
    FORMAT,
    MANIFEST,
    PHOTO_LIST,
    Finding,
    Manifest,
    file_sha256,
    read_photo_list,
)
from sync.server.upkeep.rows import Row, decode, read_dump, tables

WRITE_BATCH = 500
PHOTO_WORKERS = 8


@dataclass(frozen=True)
class Restored:
    rows: int
    photos: int
    problems: list[Finding]
    rows_seconds: float  # how long each half took: what a restore drill writes down
    photos_seconds: float


def restore_backup(
    engine: Engine, blobs: BlobStore, source: Path, *, photo_dir: Path | None = None
) -> Restored:
    """Restore the backup in ``source`` (see the module docstring)."""
    manifest = read_manifest(source)
    _check_files(source, manifest)
    _refuse_data(engine, manifest.schema)
    _refuse_photos(blobs)
    folder = photo_dir or source / manifest.photo_folder
    listed = read_photo_list(source / PHOTO_LIST)
    started = time.monotonic()
    photos, problems = anyio.run(_restore_photos, blobs, listed, folder)
    halfway = time.monotonic()
    if current_revision(engine) is None:
        upgrade(engine, manifest.schema)
    with engine.begin() as connection:
        rows = _load(connection, source / DATABASE)
    return Restored(rows, photos, problems, time.monotonic() - halfway, halfway - started)


def read_manifest(source: Path) -> Manifest:
    try:
        data = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest.from_json(data)
    except (OSError, ValueError, TypeError) as error:
        raise Unprocessable(
            f"{source} is not a backup of the central store ({error})", code="NOT_A_BACKUP"
        ) from None
    if manifest.format != FORMAT:
        raise Unprocessable(
            f"{source} is a backup of format {manifest.format!r}", code="NOT_A_BACKUP"
        )
    if manifest.schema != head_revision():
        raise Conflict(
            f"the backup was made at schema {manifest.schema}; this release's is"
            f" {head_revision()}: restore it with the release of its time, then run"
            " gecc-central db upgrade",
            code="SCHEMA_MISMATCH",
        )
    return manifest


def _check_files(source: Path, manifest: Manifest) -> None:
    for name, expected in (
        (DATABASE, manifest.database_sha256),
        (PHOTO_LIST, manifest.photo_list_sha256),
    ):
        path = source / name
        if not path.is_file() or file_sha256(path) != expected:
            raise Unprocessable(
                f"{path} is missing or is not the file the manifest names: the backup is damaged",
                code="BACKUP_DAMAGED",
            )


def _refuse_data(engine: Engine, schema: str) -> None:
    """DATABASE_NOT_EMPTY unless the database has no tables, or only empty ones at ``schema``."""
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names())
        if not present:
            return
        revision = current_revision(engine)
        if revision != schema:
            raise _not_empty(f"it has tables at schema {revision or 'unknown'}")
        held = [f"{n} in {name}" for name, n in _row_counts(connection, present) if n]
    if held:
        raise _not_empty("it holds " + ", ".join(held))


def _row_counts(connection: Connection, present: set[str]) -> Iterator[tuple[str, int]]:
    for table in tables():
        if table.name not in present:
            continue
        if table.name == ChangeCounter.__tablename__:  # the migrations' own row, at 0
            yield (
                table.name,
                int(connection.scalar(select(func.coalesce(func.sum(table.c.value), 0))) or 0),
            )
        else:
            yield table.name, int(connection.scalar(select(func.count()).select_from(table)) or 0)


def _not_empty(why: str) -> Conflict:
    return Conflict(
        f"the database is not empty ({why}): restore only into a new, empty database",
        code="DATABASE_NOT_EMPTY",
    )


def _refuse_photos(blobs: BlobStore) -> None:
    first = next(iter(blobs.names()), None)
    if first is not None:
        raise Conflict(
            f"the photo store already holds photos (one is {first}): restore only into an"
            " empty bucket or folder",
            code="STORE_NOT_EMPTY",
        )


async def _restore_photos(
    blobs: BlobStore, listed: Iterator[tuple[str, int]], folder: Path
) -> tuple[int, list[Finding]]:
    """Put every listed photo into the store, ``PHOTO_WORKERS`` at a time."""
    problems: list[Finding] = []
    stored = 0

    async def worker() -> None:
        nonlocal stored
        for sha256, size in listed:  # one iterator shared: each photo is taken once
            problem = await _restore_photo(blobs, sha256, size, folder)
            if problem is None:
                stored += 1
            else:
                problems.append(problem)

    async with anyio.create_task_group() as group:
        for _ in range(PHOTO_WORKERS):
            group.start_soon(worker)
    return stored, problems


async def _restore_photo(blobs: BlobStore, sha256: str, size: int, folder: Path) -> Finding | None:
    path = folder / sha256[:2] / sha256
    if not path.is_file():
        return Finding("BACKUP_PHOTO_MISSING", f"photo {sha256}", f"{path} is not in the backup")
    try:
        await anyio.to_thread.run_sync(blobs.discard, sha256)
        await blobs.append(sha256, 0, _blocks(path), limit=size, expected_sha256=None)
        await anyio.to_thread.run_sync(blobs.finish, sha256)
    except CentralError as error:  # PHOTO_HASH_MISMATCH, PHOTO_TOO_LARGE: not what was kept
        return Finding("BACKUP_PHOTO_DAMAGED", f"photo {sha256}", error.message)
    return None


async def _blocks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as file:
        while block := file.read(BLOCK):
            yield block


def _load(connection: Connection, dump: Path) -> int:
    """Every row of the dump, in batches, after the migrations' own rows are removed."""
    by_name = {table.name: table for table in tables()}
    for table in reversed(tables()):
        connection.execute(table.delete())
    lines = read_dump(dump)
    loaded = 0
    while batch := list(islice(lines, WRITE_BATCH)):
        for name, rows in _by_table(batch):
            table = by_name[name]
            connection.execute(table.insert(), [decode(table, row) for row in rows])
            loaded += len(rows)
    if connection.dialect.name == "postgresql":
        _move_sequences(connection)
    return loaded


def _by_table(batch: list[tuple[str, Row]]) -> Iterator[tuple[str, list[Row]]]:
    """Runs of consecutive lines of one table (the dump keeps each table's rows together)."""
    start = 0
    for index in range(1, len(batch) + 1):
        if index == len(batch) or batch[index][0] != batch[start][0]:
            yield batch[start][0], [row for _name, row in batch[start:index]]
            start = index


def _move_sequences(connection: Connection) -> None:
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'),"
                f" (SELECT COALESCE(MAX({column.name}), 0) + 1 FROM {table.name}), false)"
            )
        )
