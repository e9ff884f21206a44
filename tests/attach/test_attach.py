"""Photos linked to findings: stored once, metadata kept, removal while draft, sealed kept."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest

from field_audit.attach import Attached, attach_photos, check_photos, detach_photo
from field_audit.domain.edition import Edition
from field_audit.evidence.model import Outcome
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.seal.bundles import export_bundle, import_bundle
from field_audit.seal.sealing import seal_audit
from field_audit.storage.audits import get_audit, open_audit
from field_audit.storage.database import Database, open_database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.errors import AuditLocked
from field_audit.storage.models import AuditRecord
from field_audit.storage.photos import photos_of
from tests.evidence.conftest import Tags, exif_bytes, noisy
from tests.seal.conftest import complete_audit, enrol, make_key


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


def attach(
    db: Database, store: PhotoStore, audit_id: str, files: list[Path], criterion_id: str = "B02"
) -> list[Attached]:
    seen: list[Attached] = []
    attach_photos(
        db,
        store,
        (audit_id, criterion_id),
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


def files_in(store: PhotoStore) -> list[Path]:
    return sorted(path.relative_to(store.root) for path in store.root.rglob("*") if path.is_file())


def test_removing_a_draft_photo_keeps_the_file_an_imported_result_needs(
    db: Database, edition: Edition, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    member_db = open_database(tmp_path / "member")
    load_demo_data(member_db, edition)
    member_store = PhotoStore.open(tmp_path / "member" / "evidence")
    member_audit = complete_audit(member_db, edition, store=member_store)
    same = jpeg(tmp_path, "ramp.jpg", 7)
    attach(member_db, member_store, member_audit, [same])
    member_key = make_key(tmp_path / "member-keys")
    signed = seal_audit(member_db, member_audit, member_key)
    bundle = export_bundle(member_db, member_store, signed.hash, tmp_path / "member.gecc")
    member_db.close()
    enrol(db, DEMO_INSPECTOR_ID, member_key.public_key)
    import_bundle(db, store, bundle)  # the chair holds the member's result and its photos
    [mine] = attach(db, store, audit_id, [same])  # the same photo on the chair's own draft
    assert mine.outcome is Outcome.DUPLICATE
    assert mine.record is not None
    detach_photo(db, store, mine.record.id)
    assert store.contains(mine.record.sha256)
    export_bundle(db, store, signed.hash, tmp_path / "again.gecc")  # not PHOTO_MISSING


def refused_changing_nothing(
    db: Database, store: PhotoStore, target: tuple[str, str], photo: Path
) -> None:
    """Attach ``photo`` to ``target``: refused, with the store's files and the links unchanged."""
    audit_id, criterion_id = target
    before, rows = files_in(store), photos_of(db, audit_id)
    seen = attach(db, store, audit_id, [photo], criterion_id)
    assert [a.outcome for a in seen] == [Outcome.REFUSED]
    assert seen[0].refusal_en
    assert files_in(store) == before
    assert photos_of(db, audit_id) == rows


@pytest.mark.parametrize("unknown", ["criterion", "audit"])
def test_photos_for_an_unknown_target_leave_the_store_as_it_was(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path, unknown: str
) -> None:
    attach(db, store, audit_id, [jpeg(tmp_path, "before.jpg", 1)])
    target = (audit_id, "Z99") if unknown == "criterion" else ("no-such-audit", "B02")
    refused_changing_nothing(db, store, target, jpeg(tmp_path, "new.jpg", 2))


def test_photos_for_a_sealed_audit_leave_the_store_as_it_was(
    db: Database, edition: Edition, store: PhotoStore, tmp_path: Path
) -> None:
    load_demo_data(db, edition)
    audit = complete_audit(db, edition, store=store)
    seal_audit(db, audit, make_key(tmp_path / "keys"))
    refused_changing_nothing(db, store, (audit, "B02"), jpeg(tmp_path, "new.jpg", 2))


def test_a_photo_refused_when_the_audit_is_sealed_mid_batch_leaves_no_files(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    seen: list[Attached] = []

    def seal_behind_the_batch(attached: Attached) -> None:
        seen.append(attached)
        with db.session() as session:  # as if sealed on another screen after the first photo
            record = session.get(AuditRecord, audit_id)
            assert record is not None
            record.status = "sealed"
            session.add(record)
            session.commit()

    files = [jpeg(tmp_path, "a.jpg", 1), jpeg(tmp_path, "b.jpg", 2)]
    attach_photos(
        db, store, (audit_id, "B02"), files, by=DEMO_INSPECTOR_ID, on_progress=seal_behind_the_batch
    ).result(timeout=60)
    first, second = seen
    assert first.record is not None
    assert second.outcome is Outcome.REFUSED
    assert files_in(store) == sorted(
        [
            store.path(first.record.sha256).relative_to(store.root),
            store.path(first.record.thumb_sha256, kind=Kind.THUMBNAIL).relative_to(store.root),
        ]
    )


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


def test_check_finds_nothing_wrong_in_an_intact_store(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    attach(db, store, audit_id, [jpeg(tmp_path, "a.jpg", 1)])
    found = check_photos(db, store)
    assert found.ok
    assert (found.damaged, found.missing) == ([], [])


def test_check_names_the_files_a_photo_row_needs_that_are_gone(
    db: Database, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    attach(db, store, audit_id, [jpeg(tmp_path, "a.jpg", 1), jpeg(tmp_path, "b.jpg", 2)])
    first, second = photos_of(db, audit_id, "B02")
    store.delete(first.sha256)
    store.delete(second.thumb_sha256, kind=Kind.THUMBNAIL)

    found = check_photos(db, store)

    assert not found.ok
    assert found.damaged == []
    gone = {(m.kind, m.sha256): m.needs for m in found.missing}
    assert set(gone) == {(Kind.PHOTO, first.sha256), (Kind.THUMBNAIL, second.thumb_sha256)}
    [need] = gone[Kind.PHOTO, first.sha256]
    assert (need.audit_id, need.criterion_id, need.thumbnail) == (audit_id, "B02", False)


def test_a_received_results_photos_are_kept_but_not_required(
    db: Database, edition: Edition, store: PhotoStore, audit_id: str, tmp_path: Path
) -> None:
    member_db = open_database(tmp_path / "member")
    load_demo_data(member_db, edition)
    member_store = PhotoStore.open(tmp_path / "member" / "evidence")
    member_audit = complete_audit(member_db, edition, store=member_store)
    [ramp] = attach(member_db, member_store, member_audit, [jpeg(tmp_path, "ramp.jpg", 7)])
    assert ramp.record is not None
    member_key = make_key(tmp_path / "member-keys")
    signed = seal_audit(member_db, member_audit, member_key)
    bundle = export_bundle(member_db, member_store, signed.hash, tmp_path / "member.gecc")
    member_db.close()
    enrol(db, DEMO_INSPECTOR_ID, member_key.public_key)
    import_bundle(db, store, bundle)  # no photo rows here: only the result names the photos
    assert check_photos(db, store).ok
    assert store.path(ramp.record.sha256).exists()  # kept: the bundle brought it
    store.delete(ramp.record.sha256)

    # A result pulled from the central store comes without its photos, so a received result's
    # photo being absent is no fault of this device; its own photos are checked by their rows.
    assert check_photos(db, store).ok
