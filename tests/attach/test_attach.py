"""Photos linked to findings: stored once, metadata kept, removal while draft, sealed kept."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest

from field_audit.attach import Attached, attach_photos, detach_photo
from field_audit.domain.edition import Edition
from field_audit.evidence.model import Outcome
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.seal.sealing import seal_audit
from field_audit.storage.audits import get_audit, open_audit
from field_audit.storage.database import Database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.errors import AuditLocked
from field_audit.storage.photos import photos_of
from tests.evidence.conftest import Tags, exif_bytes, noisy
from tests.seal.conftest import complete_audit, make_key


@pytest.fixture
def store(tmp_path: Path) -> PhotoStore:
    return PhotoStore.open(tmp_path / "evidence")


@pytest.fixture
def audit_id(db: Database, edition: Edition) -> str:
    load_demo_data(db, edition)
    return open_audit(db, assignment_id="a-cm", inspector_id=DEMO_INSPECTOR_ID, edition=edition).id


def jpeg(tmp_path: Path, name: str, seed: int, exif: bytes = b"") -> Path:
    buffer = io.BytesIO()
    noisy((320, 240), seed=seed).save(buffer, "JPEG", exif=exif)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def attach(db: Database, store: PhotoStore, audit_id: str, files: list[Path]) -> list[Attached]:
    seen: list[Attached] = []
    attach_photos(
        db,
        store,
        (audit_id, "B02"),
        files,
        caption="ลานจอดรถ",
        by=DEMO_INSPECTOR_ID,
        on_progress=seen.append,
    ).result(timeout=60)
    return seen


def test_photos_are_linked_in_order_with_their_metadata(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    gps = ("N", (18.0, 47.0, 18.0), "E", (98.0, 59.0, 7.0))
    tags = exif_bytes(Tags(captured="2026:12:01 09:30:00", offset="+07:00", gps=gps))
    files = [jpeg(tmp_path, "a.jpg", 1, tags), jpeg(tmp_path, "b.jpg", 2)]
    seen = attach(db, store, audit_id, files)
    assert [a.outcome for a in seen] == [Outcome.STORED, Outcome.STORED]
    rows = photos_of(db, audit_id, "B02")
    assert [r.position for r in rows] == [0, 1]
    assert rows[0].caption == "ลานจอดรถ"
    assert rows[0].captured_at is not None
    assert rows[0].captured_at.utcoffset() == timedelta(0)  # kept in UTC
    assert rows[0].captured_at.hour == 2  # 09:30 at +07:00
    assert (round(rows[0].gps_lat or 0, 3), round(rows[0].gps_lon or 0, 3)) == (18.788, 98.985)
    assert rows[1].gps_lat is None
    assert store.read(rows[0].sha256, verify=True) is not None


def test_the_same_photo_twice_is_stored_once_but_linked_twice(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    same = jpeg(tmp_path, "a.jpg", 1)
    seen = attach(db, store, audit_id, [same, same])
    assert [a.outcome for a in seen] == [Outcome.STORED, Outcome.DUPLICATE]
    assert len(list(store.hashes())) == 1
    assert len(photos_of(db, audit_id, "B02")) == 2


def test_a_broken_file_is_refused_in_words_and_links_nothing(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    [result] = attach(db, store, audit_id, [broken])
    assert result.outcome is Outcome.REFUSED
    assert result.refusal_th
    assert result.refusal_en
    assert photos_of(db, audit_id) == []
    assert list(store.hashes()) == []


def test_removing_a_photo_while_draft_collects_unreferenced_files(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    same = jpeg(tmp_path, "a.jpg", 1)
    attach(db, store, audit_id, [same, same])
    first, second = photos_of(db, audit_id, "B02")
    detach_photo(db, store, first.id)
    assert store.contains(second.sha256)  # still referenced by the second link
    detach_photo(db, store, second.id)
    assert not store.contains(second.sha256)
    assert not store.contains(second.thumb_sha256, kind=Kind.THUMBNAIL)


def test_sealed_audits_keep_their_photos(
    db: Database, edition: Edition, store: PhotoStore, tmp_path: Path
) -> None:
    load_demo_data(db, edition)
    audit = complete_audit(db, edition, store=store)
    seal_audit(db, audit, make_key(tmp_path / "keys"))
    photo = photos_of(db, audit)[0]
    with pytest.raises(AuditLocked):
        detach_photo(db, store, photo.id)
    assert store.contains(photo.sha256)
    assert get_audit(db, audit).status == "sealed"  # type: ignore[union-attr]
