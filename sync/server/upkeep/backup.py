"""``gecc-central backup``: one consistent dump of the database, and every photo it names.

A backup is a folder::

    manifest.json        what is here: format, time, schema revision, row counts, the files'
                         SHA-256, the photos' count and bytes, and any photo not copied whole
    database.jsonl.gz    every table's rows, read in one snapshot (``upkeep.rows``)
    photos.tsv           ``<sha256>\\t<bytes>`` of every photo copied, one a line
    photos/ab/<sha256>   the photos' bytes (or in ``--photo-dir``, shared between backups)

The dump is read in one transaction that sees one moment: REPEATABLE READ, read only, on
PostgreSQL; a single read transaction on SQLite (WAL: writers go on meanwhile). The photos to
copy are the photo rows of that dump, so the backup never names a photo it lacks, and photos
are content-addressed and never change, so copying them after the snapshot is consistent. Each
is copied with its SHA-256 checked; one already in the photo folder with its size is not copied
again, so a photo folder kept between nightly backups makes them incremental. A photo the store
lacks or holds damaged is left out and named in ``manifest["problems"]``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect

from sync.server.blobs import BlobStore
from sync.server.errors import Conflict, Unprocessable
from sync.server.models import PhotoRecord, now_utc
from sync.server.upkeep.rows import Row, read_dump, read_rows, tables, write_dump

FORMAT = "gecc-central-backup/1"
MANIFEST, DATABASE, PHOTO_LIST, PHOTO_FOLDER = (
    "manifest.json",
    "database.jsonl.gz",
    "photos.tsv",
    "photos",
)
BLOCK = 1024 * 1024
PRIVATE_FOLDER = 0o700


@dataclass(frozen=True)
class Finding:
    """Something wrong, with a stable code: what it is about and what was found."""

    code: str
    subject: str
    detail: str


@dataclass
class Manifest:
    format: str
    made_at: str
    schema: str
    rows: dict[str, int]
    database_sha256: str
    photo_list_sha256: str
    photos: int
    photo_bytes: int
    photo_folder: str
    problems: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        problems = [Finding(**p) for p in data.pop("problems", [])]
        return cls(**data, problems=problems)


def make_backup(
    engine: Engine, blobs: BlobStore, target: Path, *, photo_dir: Path | None = None
) -> Manifest:
    """Write the backup described above into ``target`` (a new or empty folder)."""
    _ready_target(target)
    made_at = now_utc()
    with snapshot(engine) as connection:
        schema = _schema_of(connection)
        rows = write_dump(target / DATABASE, _every_row(connection))
    folder = photo_dir or target / PHOTO_FOLDER
    copied, problems = copy_photos(blobs, _photos_in(target / DATABASE), folder)
    count, size = _write_photo_list(target / PHOTO_LIST, copied)
    manifest = Manifest(
        format=FORMAT,
        made_at=made_at.isoformat(),
        schema=schema,
        rows=rows,
        database_sha256=file_sha256(target / DATABASE),
        photo_list_sha256=file_sha256(target / PHOTO_LIST),
        photos=count,
        photo_bytes=size,
        photo_folder=str(folder if photo_dir else PHOTO_FOLDER),
        problems=problems,
    )
    write_manifest(target, manifest)
    return manifest


@contextlib.contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose every read sees the same committed moment (see the docstring)."""
    options: dict[str, Any] = {}
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.connect() as connection, connection.execution_options(**options).begin():
        yield connection


def _schema_of(connection: Connection) -> str:
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is None:
        raise Unprocessable("the database has no schema: there is nothing to back up")
    known = {table.name for table in tables()} | {"alembic_version"}
    unknown = sorted(set(inspect(connection).get_table_names()) - known)
    if unknown:  # a table no model knows would be left out without a word
        raise Unprocessable(
            f"the database holds tables this release does not know: {', '.join(unknown)}",
            code="UNKNOWN_TABLES",
        )
    return revision


def _every_row(connection: Connection) -> Iterator[tuple[str, Row]]:
    for table in tables():
        for row in read_rows(connection, table):
            yield table.name, row


def _photos_in(dump: Path) -> Iterator[tuple[str, int]]:
    photo = PhotoRecord.__tablename__
    for name, row in read_dump(dump):
        if name == photo:
            yield row["sha256"], int(row["byte_size"])


def copy_photos(
    blobs: BlobStore, photos: Iterator[tuple[str, int]], folder: Path
) -> tuple[list[tuple[str, int]], list[Finding]]:
    """Copy each photo into ``folder`` (unless there already), hash checked."""
    copied, problems = [], []
    for sha256, size in photos:
        problem = _copy_photo(blobs, sha256, size, folder)
        if problem is None:
            copied.append((sha256, size))
        else:
            problems.append(problem)
    return copied, problems


def _copy_photo(blobs: BlobStore, sha256: str, size: int, folder: Path) -> Finding | None:
    final = folder / sha256[:2] / sha256
    if final.is_file() and final.stat().st_size == size:
        return None
    if not blobs.has(sha256):
        return Finding("PHOTO_MISSING", f"photo {sha256}", "the photo store does not hold it")
    final.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    partial = final.with_suffix(".partial")
    digest, written = hashlib.sha256(), 0
    with partial.open("wb") as copy:
        for block in blobs.read(sha256):
            digest.update(block)
            written += copy.write(block)
    if (digest.hexdigest(), written) != (sha256, size):
        partial.unlink()
        detail = f"its {written} bytes have the SHA-256 {digest.hexdigest()}, not its name"
        return Finding("PHOTO_DAMAGED", f"photo {sha256}", detail)
    os.replace(partial, final)
    return None


def _write_photo_list(path: Path, photos: list[tuple[str, int]]) -> tuple[int, int]:
    with path.open("w", encoding="ascii") as listing:
        for sha256, size in photos:
            listing.write(f"{sha256}\t{size}\n")
    return len(photos), sum(size for _sha, size in photos)


def read_photo_list(path: Path) -> Iterator[tuple[str, int]]:
    with path.open(encoding="ascii") as listing:
        for line in listing:
            sha256, size = line.rstrip("\n").split("\t")
            yield sha256, int(size)


def _ready_target(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Conflict(
            f"{target} is not an empty folder: a backup goes into a new or empty one",
            code="TARGET_NOT_EMPTY",
        )
    target.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)


def write_manifest(target: Path, manifest: Manifest) -> None:
    text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1)
    (target / MANIFEST).write_text(text + "\n", encoding="utf-8")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()
