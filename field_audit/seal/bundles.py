"""Bundles for offline exchange between committee members: export, verify, import.

Import verifies every result before it writes anything; then it stages the photos (each
hashed as it streams from the bundle into a temp file beside its place), moves them in, and
stores the results. A full disk, a damaged photo or a failing database write removes what
was staged or moved in, so nothing is written; a killed process leaves only temp files, which
the photo store removes when it next opens.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from field_audit.domain.edition import Edition, bundled_edition_ids, load_bundled_edition
from field_audit.domain.revisions import Revision
from field_audit.evidence.errors import DamagedPhoto, StorageFull
from field_audit.evidence.store import PhotoStore
from field_audit.seal.bundle_checks import (
    Knowledge,
    VerifiedResult,
    Visit,
    check_photos_named,
    photo_hash_mismatch,
    verify_photos,
    verify_results,
)
from field_audit.seal.bundle_format import (
    MAX_PHOTO_BYTES,
    BundleContent,
    entry_chunks,
    open_bundle,
    read_content,
    refuse,
    write_bundle,
)
from field_audit.seal.sealing import row_of
from field_audit.storage.audits import edition_by_hash
from field_audit.storage.database import Database
from field_audit.storage.models import Assignment, EditionRecord, SealedResultRecord
from field_audit.storage.roll import committee_seats, member_keys
from field_audit.storage.sealed import (
    SEALED_AUDIT,
    current_results,
    first_revision,
    get_sealed,
    replaced_by,
    save_imported,
    sealed_for_assignment,
)
from sync.checks.results import revision_of
from sync.protocol.sealed import (
    CommitteeResult,
    Envelope,
    Result,
    SealedAudit,
    parse_result,
    photos_named,
)


@dataclass(frozen=True)
class BundleReport:
    """A verified bundle: its main result and what it holds."""

    main: str
    result: Result
    results: list[str]
    photos: int
    newly_imported: list[str]

    @property
    def kind(self) -> str:
        return self.result.type

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": True,
            "main": self.main,
            "type": self.kind,
            "lao": self.result.lao.model_dump(),
            "signer": self.result.signer.model_dump(),
            "score": self.result.score.model_dump(),
            "results": self.results,
            "photos": self.photos,
            "imported": self.newly_imported,
        }


def knowledge_of(db: Database) -> Knowledge:
    """What this device knows: editions, the results it holds, committees and their keys."""

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
        held=lambda h: _held(db, h),
        replaced_by=lambda h: replaced_by(db, h),
        first_held=lambda chain: first_revision(db, *chain),
        seats=lambda committee_id: committee_seats(db, committee_id),
        keys=lambda inspector_id: member_keys(db, inspector_id),
        visit=visit,
        current_audits=lambda assignment_id: current_audits(db, assignment_id),
    )


def current_audits(db: Database, assignment_id: str) -> dict[str, tuple[str, SealedAudit]]:
    """Each member's latest sealed audit of the visit held here: member -> (hash, audit)."""
    records = current_results(sealed_for_assignment(db, assignment_id, SEALED_AUDIT))
    audits = {}
    for record in records:
        audit = parse_result(record.payload, expected_type=SEALED_AUDIT)
        assert isinstance(audit, SealedAudit)  # the type was asked for
        audits[audit.signer.inspector_id] = (record.hash, audit)
    return audits


def verify_bundle(db: Database, path: Path) -> tuple[BundleReport, list[VerifiedResult]]:
    """Verify a bundle completely against this device's knowledge; writes nothing and holds
    no photo in memory."""
    with open_bundle(path) as archive:
        content = read_content(archive)
        verified = verify_results(content, knowledge_of(db))
        photos = verify_photos(archive, content, verified)
    main = verified[content.main].result
    report = BundleReport(content.main, main, sorted(verified), photos, [])
    return report, list(verified.values())


def import_bundle(db: Database, store: PhotoStore, path: Path) -> BundleReport:
    """Verify, then store the photos and the results; nothing is written if anything fails."""
    with open_bundle(path) as archive:
        content = read_content(archive)
        verified = verify_results(content, knowledge_of(db))
        placed = _stage_and_place(store, archive, content, verified)
    try:
        new = save_imported(db, [row_of(v.signed, v.result) for v in verified.values()])
    except BaseException:
        for sha256 in placed:
            store.delete(sha256)
        raise
    main = verified[content.main].result
    return BundleReport(content.main, main, sorted(verified), len(content.photo_entries), new)


def _stage_and_place(
    store: PhotoStore,
    archive: zipfile.ZipFile,
    content: BundleContent,
    verified: dict[str, VerifiedResult],
) -> list[str]:
    staged: dict[str, Path] = {}
    try:
        check_photos_named(content, verified)
        for sha256, info in content.photo_entries.items():
            temp = _stage(store, sha256, archive, info)
            if temp is not None:
                staged[sha256] = temp
        return store.place(staged)
    except StorageFull:
        store.discard(staged)
        raise refuse(
            "DISK_FULL",
            "the device's disk is full: free some space and import the bundle again",
            "พื้นที่ในเครื่องเต็ม กรุณาลบไฟล์ที่ไม่ใช้แล้วนำเข้าชุดข้อมูลอีกครั้ง",
        ) from None
    except BaseException:
        store.discard(staged)
        raise


def _stage(
    store: PhotoStore, sha256: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo
) -> Path | None:
    chunks = entry_chunks(archive, info, MAX_PHOTO_BYTES)
    try:
        return store.stage(sha256, chunks)
    except ValueError:
        raise photo_hash_mismatch(sha256) from None
    finally:
        chunks.close()  # the entry's stream is closed even when staging stopped half way


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
    named = {p.sha256 for record in records for p in photos_named(parse_result(record.payload))}
    photos = {sha256: _intact_photo(store, sha256) for sha256 in sorted(named)}
    results = {r.hash: (r.payload, _envelope(r)) for r in records}
    write_bundle(destination, main=result_hash, results=results, photos=photos)
    return destination


def _held(db: Database, result_hash: str) -> Revision | None:
    record = get_sealed(db, result_hash)
    return revision_of(record.hash, parse_result(record.payload)) if record else None


def _envelope(record: SealedResultRecord) -> Envelope:
    return Envelope(signature=record.signature, public_key=record.public_key)


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
        result = parse_result(record.payload)
        needed = [record.replaces] if record.replaces else []
        if isinstance(result, CommitteeResult):
            needed += [m.audit_hash for m in result.counted]
        for result_hash in needed:
            found = get_sealed(db, result_hash)
            if found is not None and found.hash not in chosen:
                chosen[found.hash] = found
                pending.append(found)
    return list(chosen.values())
