"""Bundles for offline exchange between committee members: export, verify, import.

Import verifies everything before it writes anything; then it writes the photos (atomic,
content-addressed) before the results, so a crash can leave an unreferenced photo behind
but never a result whose photos are missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from field_audit.domain.edition import Edition, bundled_edition_ids, load_bundled_edition
from field_audit.evidence.errors import DamagedPhoto
from field_audit.evidence.store import PhotoStore
from field_audit.seal.bundle_checks import (
    Knowledge,
    VerifiedResult,
    Visit,
    verify_photos,
    verify_results,
)
from field_audit.seal.bundle_format import open_bundle, read_content, refuse, write_bundle
from field_audit.seal.sealing import row_of
from field_audit.storage.audits import edition_by_hash
from field_audit.storage.database import Database
from field_audit.storage.models import Assignment, EditionRecord, SealedResultRecord
from field_audit.storage.rulings import committee_keys
from field_audit.storage.sealed import get_sealed, is_superseded, save_imported
from sync.protocol.sealed import COMMITTEE_RESULT, photos_named


@dataclass(frozen=True)
class BundleReport:
    """A verified bundle: its main result and what it holds."""

    main: str
    kind: str
    payload: dict[str, Any]
    results: list[str]
    photos: int
    newly_imported: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": True,
            "main": self.main,
            "type": self.kind,
            "lao": self.payload["lao"],
            "signer": self.payload["signer"],
            "score": self.payload["score"],
            "results": self.results,
            "photos": self.photos,
            "imported": self.newly_imported,
        }


def knowledge_of(db: Database) -> Knowledge:
    """What this device knows: its editions, and which results it holds or has seen replaced."""

    def edition(edition_id: str, content_hash: str) -> Edition | None:
        if edition_id in bundled_edition_ids():
            bundled = load_bundled_edition(edition_id)
            if bundled.content_hash == content_hash:
                return bundled
        with db.session() as session:
            stored = session.get(EditionRecord, content_hash)
            return edition_by_hash(session, content_hash) if stored else None

    def visit(assignment_id: str) -> Visit | None:
        with db.session() as session:
            found = session.get(Assignment, assignment_id)
            return Visit(found.round_id, found.lao_id, found.committee_id) if found else None

    return Knowledge(
        edition=edition,
        superseded=lambda h: is_superseded(db, h),
        known=lambda h: get_sealed(db, h) is not None,
        members=lambda committee_id: committee_keys(db, committee_id),
        visit=visit,
    )


def verify_bundle(
    db: Database, path: Path
) -> tuple[BundleReport, dict[str, bytes], list[VerifiedResult]]:
    """Verify a bundle completely against this device's knowledge; writes nothing."""
    with open_bundle(path) as archive:
        content = read_content(archive)
        verified = verify_results(content, knowledge_of(db))
        photos = verify_photos(archive, content, verified)
    main = verified[content.main].payload
    report = BundleReport(content.main, main["type"], main, sorted(verified), len(photos), [])
    return report, photos, list(verified.values())


def import_bundle(db: Database, store: PhotoStore, path: Path) -> BundleReport:
    """Verify, then store the photos and the results; nothing is written if anything fails."""
    report, photos, verified = verify_bundle(db, path)
    for sha256, data in photos.items():
        store.put_verified(sha256, data)
    new = save_imported(db, [row_of(v.signed, v.payload) for v in verified])
    return BundleReport(
        report.main, report.kind, report.payload, report.results, report.photos, new
    )


def export_bundle(db: Database, store: PhotoStore, result_hash: str, destination: Path) -> Path:
    """Write a bundle with the result, what it rests on (earlier revisions, members' audits)
    and every photo those name."""
    main = get_sealed(db, result_hash)
    if main is None:
        raise refuse(
            "NOT_FOUND",
            f"no sealed result {result_hash[:12]} on this device",
            "ไม่พบผลที่ปิดผนึกแล้วในเครื่องนี้",
        )
    records = _with_dependencies(db, main)
    named = {p["sha256"] for record in records for p in photos_named(json.loads(record.payload))}
    photos = {sha256: _intact_photo(store, sha256) for sha256 in sorted(named)}
    results = {
        r.hash: (r.payload, {"signature": r.signature, "public_key": r.public_key}) for r in records
    }
    write_bundle(destination, main=result_hash, results=results, photos=photos)
    return destination


def _intact_photo(store: PhotoStore, sha256: str) -> Path:
    try:
        present = store.read(sha256, verify=True) is not None
    except DamagedPhoto:
        present = False
    if not present:
        raise refuse(
            "PHOTO_MISSING",
            f"photo {sha256[:12]} is missing or damaged on this device"
            " (run field-audit photo check)",
            f"ภาพถ่าย {sha256[:12]} หายหรือเสียหายในเครื่องนี้",
        )
    return store.path(sha256)


def _with_dependencies(db: Database, main: SealedResultRecord) -> list[SealedResultRecord]:
    chosen = {main.hash: main}
    pending = [main]
    while pending:
        record = pending.pop()
        payload = json.loads(record.payload)
        needed = [record.replaces] if record.replaces else []
        if record.kind == COMMITTEE_RESULT:
            needed += [m["audit_hash"] for m in payload["members"]]
        for result_hash in needed:
            found = get_sealed(db, result_hash)
            if found is not None and found.hash not in chosen:
                chosen[found.hash] = found
                pending.append(found)
    return list(chosen.values())
