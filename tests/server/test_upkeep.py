"""Backups, restores and ``verify-all`` (SQLite and PostgreSQL): a store backed up and restored
into fresh stores holds the same, verifies whole, and a damaged photo or row is found."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from sync.protocol.certificates.model import thai_date
from sync.server.blobs import LocalBlobStore
from sync.server.central import Central, open_central
from sync.server.database import make_engine
from sync.server.errors import CentralError
from sync.server.models import METADATA
from sync.server.settings import Settings
from sync.server.upkeep.backup import make_backup
from sync.server.upkeep.restore import restore_backup
from sync.server.upkeep.sweep import Sweep, verify_all
from tests.postgres import fresh_database
from tests.server.certified import issued, with_issuing_key
from tests.server.helpers import World


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


@pytest.fixture
def filled(world: World) -> World:
    """Three members' audits and the committee's result on cm-city, approved and decided, its
    certificate issued; one more photo uploaded on its own."""
    issued(world)
    world.member_b.upload_photo(os.urandom(3 * 1024 * 1024 + 5))
    return world


@pytest.fixture
def fresh_url(database_url: str, tmp_path: Path, worker_id: str) -> Iterator[str]:
    """A new, empty database of the same kind: no tables at all."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored' / 'central.sqlite3'}"
        return
    yield from fresh_database("restore", worker_id)


def restored(settings: Settings, url: str, backup: Path, tmp_path: Path) -> Central:
    engine = make_engine(url)
    blobs = LocalBlobStore(tmp_path / "restored-blobs")
    restore_backup(engine, blobs, backup)
    engine.dispose()
    return open_central(settings.replace(database_url=url, blob_dir=tmp_path / "restored-blobs"))


def sweep(central: Central) -> Sweep:
    return verify_all(central, thai_date(central.clock()))


def counts(central: Central) -> dict[str, int]:
    with central.engine.connect() as connection:
        return {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in METADATA.sorted_tables
        }


def test_a_backup_restored_into_fresh_stores_holds_the_same_and_verifies_whole(
    filled: World, settings: Settings, fresh_url: str, tmp_path: Path
) -> None:
    before = sweep(filled.central)
    assert before.problems == []
    assert (before.results, before.photos, before.certificates) == (4, 2, 1)
    manifest = make_backup(filled.central.engine, filled.central.blobs, tmp_path / "backup")
    assert manifest.problems == []
    assert (manifest.photos, manifest.rows["result"]) == (2, 4)
    again = restored(settings, fresh_url, tmp_path / "backup", tmp_path)
    try:
        assert counts(again) == counts(filled.central)
        after = sweep(again)
        assert after.problems == []
        assert (after.results, after.photos, after.certificates) == (4, 2, 1)
        with again.session() as session:  # the id sequences moved past the restored rows
            from sync.server.store.changes import log_action

            log_action(session, actor="test", action="restore.check", subject="-")
            session.commit()
        answer = filled.api.request("GET", "/v1/health")
        assert answer.status_code == 200
    finally:
        again.close()


def test_a_damaged_photo_and_altered_rows_are_found(filled: World) -> None:
    central = filled.central
    photo, result = first(central, "photo", "sha256"), first(central, "result", "hash")
    reference = first(central, "certificate", "reference")
    damage_blob(central, photo)
    alter(central, "result", "hash", result, signature="A" * 86)
    qr = first(central, "certificate", "qr_text")
    tail = "AAA" if not qr.endswith("AAA") else "BBB"
    alter(central, "certificate", "reference", reference, qr_text=qr[:-3] + tail)
    found = {(p.code, p.subject) for p in sweep(central).problems}
    assert ("PHOTO_DAMAGED", f"photo {photo}") in found
    assert ("RESULT_BAD_SIGNATURE", f"result {result}") in found
    codes = {code for code, subject in found if subject == f"certificate {reference}"}
    assert len(codes) == 1
    assert codes <= {"CERTIFICATE_BAD_SIGNATURE", "CERTIFICATE_DAMAGED"}
    assert len(found) == 3


def first(central: Central, table_name: str, column: str) -> str:
    table = METADATA.tables[table_name]
    with central.engine.connect() as connection:
        return str(connection.scalar(select(table.c[column]).limit(1)))


def alter(central: Central, table_name: str, key: str, value: str, **changes: str) -> None:
    table = METADATA.tables[table_name]
    with central.engine.begin() as connection:
        connection.execute(update(table).where(table.c[key] == value).values(**changes))


def damage_blob(central: Central, sha256: str) -> None:
    blobs = central.blobs
    assert isinstance(blobs, LocalBlobStore)
    path = blobs.root / "photos" / sha256[:2] / sha256
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_restore_refuses_a_database_or_a_photo_store_that_is_not_empty(
    filled: World, tmp_path: Path
) -> None:
    backup = tmp_path / "backup"
    make_backup(filled.central.engine, filled.central.blobs, backup)
    before = counts(filled.central)
    with pytest.raises(CentralError) as refused:
        restore_backup(filled.central.engine, LocalBlobStore(tmp_path / "empty"), backup)
    assert refused.value.code == "DATABASE_NOT_EMPTY"
    assert "result" in refused.value.message
    assert list(LocalBlobStore(tmp_path / "empty").names()) == []  # nothing written
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    with pytest.raises(CentralError) as refused:
        restore_backup(fresh, filled.central.blobs, backup)
    assert refused.value.code == "STORE_NOT_EMPTY"
    with fresh.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM sqlite_master")) == 0
    fresh.dispose()
    assert counts(filled.central) == before


def test_a_damaged_backup_is_refused_before_anything_is_written(
    filled: World, tmp_path: Path
) -> None:
    backup = tmp_path / "backup"
    make_backup(filled.central.engine, filled.central.blobs, backup)
    dump = backup / "database.jsonl.gz"
    dump.write_bytes(dump.read_bytes()[:-10])
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    with pytest.raises(CentralError) as refused:
        restore_backup(fresh, LocalBlobStore(tmp_path / "empty"), backup)
    assert refused.value.code == "BACKUP_DAMAGED"
    fresh.dispose()
    with pytest.raises(CentralError) as refused:
        make_backup(filled.central.engine, filled.central.blobs, backup)
    assert refused.value.code == "TARGET_NOT_EMPTY"


def test_a_backup_names_the_photos_it_could_not_copy_whole(filled: World, tmp_path: Path) -> None:
    photo = first(filled.central, "photo", "sha256")
    damage_blob(filled.central, photo)
    manifest = make_backup(filled.central.engine, filled.central.blobs, tmp_path / "backup")
    assert [(p.code, p.subject) for p in manifest.problems] == [("PHOTO_DAMAGED", f"photo {photo}")]
    assert manifest.photos == 1
    assert not (tmp_path / "backup" / "photos" / photo[:2] / photo).exists()


def test_photos_kept_between_backups_are_not_copied_again(filled: World, tmp_path: Path) -> None:
    shared = tmp_path / "photos"
    make_backup(filled.central.engine, filled.central.blobs, tmp_path / "monday", photo_dir=shared)
    copies = {p: p.stat().st_mtime_ns for p in shared.glob("*/*")}
    assert len(copies) == 2
    make_backup(filled.central.engine, filled.central.blobs, tmp_path / "tuesday", photo_dir=shared)
    assert {p: p.stat().st_mtime_ns for p in shared.glob("*/*")} == copies
    assert all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name for p in copies)


def test_the_commands_back_up_restore_and_verify_with_their_exit_codes(
    filled: World, settings: Settings, fresh_url: str, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from sync.server.cli import app

    def run(env: dict[str, str], *args: str, code: int) -> str:
        result = CliRunner().invoke(app, list(args), env=env)
        assert result.exit_code == code, result.output
        return result.output

    keys = {
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(settings.issuing_key_file),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": settings.issuing_key_passphrase or "",
        "GECC_CENTRAL_AUTO_MIGRATE": "false",
    }
    source = keys | {
        "GECC_CENTRAL_DATABASE_URL": settings.sqlalchemy_url,
        "GECC_CENTRAL_DATA_DIR": str(settings.data_dir),
    }
    target = keys | {
        "GECC_CENTRAL_DATABASE_URL": fresh_url,
        "GECC_CENTRAL_DATA_DIR": str(tmp_path / "target"),
    }
    out = run(source, "backup", str(tmp_path / "nightly"), code=0)
    assert "(4 results), 2 photos" in out
    assert "error: " in run(source, "backup", str(tmp_path / "nightly"), code=2)
    assert "restored" in run(target, "restore", str(tmp_path / "nightly"), code=0)
    refused = run(target, "restore", str(tmp_path / "nightly"), code=2)
    assert "error: the database is not empty" in refused
    out = run(target, "verify-all", code=0)
    assert "checked 4 results, 2 photos and 1 certificates: no problem(s)" in out
    photo = next((tmp_path / "target" / "blobs" / "photos").glob("*/*"))
    photo.write_bytes(photo.read_bytes()[:-1] + b"!")
    out = run(target, "verify-all", code=1)
    assert f"PHOTO_DAMAGED photo {photo.name}: " in out
