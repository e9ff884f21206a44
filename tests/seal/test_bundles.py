"""Bundles: a verified export imports on another device; anything altered is refused whole."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from field_audit.domain.edition import Edition
from field_audit.evidence.store import PhotoStore
from field_audit.seal.bundles import export_bundle, import_bundle, verify_bundle
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import correct_audit, seal_audit
from field_audit.seal.zip_layout import canonical_entry
from field_audit.storage.database import open_database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.sealed import get_sealed
from sync.protocol.documents import serialise
from sync.protocol.manifest import parse_manifest
from sync.protocol.sealed import EditionRef, parse_result, sign_result
from tests.seal.conftest import complete_audit, enrol, make_key

CHAIR_ID = "insp-pimchanok"


class Device:
    """One inspector's device: its database, photo store and key."""

    def __init__(self, folder: Path, edition: Edition) -> None:
        self.db = open_database(folder)
        load_demo_data(self.db, edition)
        self.store = PhotoStore.open(folder / "evidence")
        self.key = make_key(folder / "keys")
        self.folder = folder

    def enrol(self, inspector_id: str, public_key: bytes, revoked_at: Any = None) -> None:
        """The key the office enrolled for a member, as a sync records it on this device."""
        enrol(self.db, inspector_id, public_key, revoked_at)

    def stored_results(self) -> int:
        with self.db.engine.connect() as connection:
            return int(
                connection.exec_driver_sql("SELECT count(*) FROM sealed_result").scalar_one()
            )


@pytest.fixture
def member(tmp_path: Path, edition: Edition) -> Device:
    return Device(tmp_path / "member", edition)


@pytest.fixture
def chair(tmp_path: Path, edition: Edition, member: Device) -> Device:
    """The chair's device, which has synced the member's enrolled key (and the member the
    chair's)."""
    device = Device(tmp_path / "chair", edition)
    device.enrol(DEMO_INSPECTOR_ID, member.key.public_key)
    member.enrol(CHAIR_ID, device.key.public_key)
    return device


def sealed_bundle(device: Device, edition: Edition, tmp_path: Path, **kwargs: Any) -> Path:
    audit_id = complete_audit(device.db, edition, store=device.store, **kwargs)
    signed = seal_audit(device.db, audit_id, device.key)
    return export_bundle(device.db, device.store, signed.hash, tmp_path / "member.gecc")


def rezip(
    source: Path,
    target: Path,
    *,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            put(new, info.filename, (replace or {}).get(info.filename, old.read(info)))
        for name, data in (add or {}).items():
            put(new, name, data)
    return target


def put(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Write an entry the way the bundle writer does, so only the content is changed."""
    archive.writestr(canonical_entry(name, compressed=not name.startswith("photos/")), data)


def refused_code(device: Device, bundle: Path) -> str:
    before = (device.stored_results(), list(device.store.hashes()))
    with pytest.raises(BundleRefused) as refused:
        import_bundle(device.db, device.store, bundle)
    assert (device.stored_results(), list(device.store.hashes())) == before
    assert refused.value.message("th")
    return refused.value.code


def test_a_bundle_exported_on_one_device_imports_on_another(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    report = import_bundle(chair.db, chair.store, bundle)
    assert report.kind == "gecc.sealed-audit"
    assert report.newly_imported == [report.main]
    assert report.photos == sum(1 for c in edition.criteria if c.photo_required)
    stored = get_sealed(chair.db, report.main)
    assert stored is not None
    assert stored.origin == "imported"
    assert len(list(chair.store.hashes())) == report.photos
    again = import_bundle(chair.db, chair.store, bundle)
    assert again.newly_imported == []


def test_verify_reports_without_writing(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    report, _results = verify_bundle(chair.db, bundle)
    assert report.to_json()["valid"] is True
    assert report.to_json()["lao"]["id"] == "cm-city"
    assert chair.stored_results() == 0


def test_changing_any_byte_of_the_bundle_is_refused(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    """Every byte of the zip's own structure (headers, central directory, end record) and a
    sample of the data: each change alone is refused."""
    bundle = sealed_bundle(member, edition, tmp_path)
    data = bundle.read_bytes()
    with zipfile.ZipFile(bundle) as archive:
        last = max(archive.infolist(), key=lambda info: info.header_offset)
        structure = range(archive.start_dir, len(data))
        headers = [
            i.header_offset + k for i in archive.infolist() for k in range(30 + len(i.filename))
        ]
    positions = sorted({*structure, *headers, *range(0, last.header_offset, 997)})
    tampered = tmp_path / "tampered.gecc"
    for position in positions:
        changed = bytearray(data)
        changed[position] ^= 0x01
        tampered.write_bytes(bytes(changed))
        with pytest.raises(BundleRefused):
            verify_bundle(chair.db, tampered)
    assert chair.stored_results() == 0


def test_every_stored_entry_byte_flip_is_caught(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    with zipfile.ZipFile(bundle) as archive:
        names = [n for n in archive.namelist() if n.startswith("results/") and n.endswith(".json")]
        payload_name = next(n for n in names if not n.endswith(".sig.json"))
        payload = archive.read(payload_name)
    for position in range(0, len(payload), max(1, len(payload) // 12)):
        changed = bytearray(payload)
        changed[position] ^= 0x01
        target = rezip(
            bundle, tmp_path / f"t{position}.gecc", replace={payload_name: bytes(changed)}
        )
        assert refused_code(chair, target) == "HASH_MISMATCH"


def test_a_replaced_photo_is_refused(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    with zipfile.ZipFile(bundle) as archive:
        photo = next(n for n in archive.namelist() if n.startswith("photos/"))
    target = rezip(bundle, tmp_path / "photo.gecc", replace={photo: b"another picture"})
    assert refused_code(chair, target) == "PHOTO_HASH_MISMATCH"


def test_truncated_bundle_is_refused(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    cut = tmp_path / "cut.gecc"
    cut.write_bytes(bundle.read_bytes()[: bundle.stat().st_size * 2 // 3])
    assert refused_code(chair, cut) == "DAMAGED"


def test_path_traversal_is_refused(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    target = rezip(bundle, tmp_path / "evil.gecc", add={"../../evil.sh": b"rm -rf /"})
    assert refused_code(chair, target) == "UNSAFE_PATH"
    assert not (tmp_path.parent / "evil.sh").exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    bomb = tmp_path / "bomb.gecc"
    with zipfile.ZipFile(bundle) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        new.writestr("photos/" + "0" * 64 + ".jpg", b"\0" * (30 * 1024 * 1024))
    assert refused_code(chair, bomb) == "ZIP_BOMB"


def test_something_that_is_not_a_bundle_is_refused(chair: Device, tmp_path: Path) -> None:
    text = tmp_path / "notes.gecc"
    text.write_text("ไม่ใช่ไฟล์ zip", encoding="utf-8")
    assert refused_code(chair, text) == "DAMAGED"
    assert refused_code(chair, tmp_path / "absent.gecc") == "NOT_FOUND"


def test_an_old_revision_replayed_as_current_is_detected(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    audit_id = complete_audit(member.db, edition, store=member.store)
    first = seal_audit(member.db, audit_id, member.key)
    old_bundle = export_bundle(member.db, member.store, first.hash, tmp_path / "old.gecc")
    correction = correct_audit(member.db, audit_id, by=DEMO_INSPECTOR_ID)
    second = seal_audit(member.db, correction.id, member.key)
    new_bundle = export_bundle(member.db, member.store, second.hash, tmp_path / "new.gecc")
    report = import_bundle(chair.db, chair.store, new_bundle)
    assert sorted(report.newly_imported) == sorted([first.hash, second.hash])
    assert refused_code(chair, old_bundle) == "SUPERSEDED"


def test_a_result_with_an_unknown_edition_is_refused(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path)
    forged = resigned(bundle, member, tmp_path, edition=EditionRef(id="gecc-2560", hash="0" * 64))
    assert refused_code(chair, forged) == "CATALOG_MISMATCH"


def test_a_validly_signed_but_wrong_score_is_refused(
    member: Device, chair: Device, edition: Edition, tmp_path: Path
) -> None:
    bundle = sealed_bundle(member, edition, tmp_path, not_met=("B07",))
    audit = parse_result(read_main(bundle)[1])
    lie = audit.score.model_copy(update={"meets_criteria": True})
    forged = resigned(bundle, member, tmp_path, score=lie)
    assert refused_code(chair, forged) == "SCORE_MISMATCH"


def read_main(bundle: Path) -> tuple[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        manifest = parse_manifest(archive.read("manifest.json"))
        return manifest.main, archive.read(f"results/{manifest.main}.json")


def resigned(bundle: Path, device: Device, tmp_path: Path, **changes: Any) -> Path:
    """The bundle's main result changed and signed again by the same key (a dishonest device)."""
    _main, payload = read_main(bundle)
    result = parse_result(payload).model_copy(update=changes)
    with zipfile.ZipFile(bundle) as archive:
        manifest = parse_manifest(archive.read("manifest.json"))
        photos = {n: archive.read(n) for n in archive.namelist() if n.startswith("photos/")}
    signed = sign_result(result, sign=device.key.sign, public_key=device.key.public_key)
    manifest = manifest.model_copy(update={"main": signed.hash, "results": (signed.hash,)})
    target = tmp_path / "resigned.gecc"
    with zipfile.ZipFile(target, "w") as archive:
        put(archive, "manifest.json", serialise(manifest))
        put(archive, f"results/{signed.hash}.json", signed.payload_bytes)
        put(archive, f"results/{signed.hash}.sig.json", serialise(signed.envelope()))
        for name, data in photos.items():
            put(archive, name, data)
    return target
