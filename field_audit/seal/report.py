"""The committee's report for one LAO as a PDF, from the sealed results on this device."""

from __future__ import annotations

from field_audit.documents import committee_report_pdf
from field_audit.documents.report import DAMAGED, Damaged
from field_audit.evidence.errors import DamagedPhoto
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.seal.bundle_format import refuse
from field_audit.seal.bundles import knowledge_of
from field_audit.storage.database import Database
from field_audit.storage.photos import thumbnail_of
from field_audit.storage.sealed import COMMITTEE_RESULT, get_sealed
from sync.protocol.sealed import CommitteeResult, SealedAudit, parse_result


def committee_report(db: Database, store: PhotoStore, result_hash: str) -> bytes:
    """Each criterion with every member's verdict, notes and thumbnails, the score, the
    members and their key fingerprints; thumbnails missing here are said to be missing, and
    damaged ones (re-hashed on reading) get a placeholder instead of their bytes."""
    record = get_sealed(db, result_hash)
    if record is None or record.kind != COMMITTEE_RESULT:
        raise refuse(
            "NOT_FOUND",
            f"no committee result {result_hash[:12]} on this device",
            "ไม่พบผลของคณะกรรมการในเครื่องนี้",
        )
    committee = parse_result(record.payload, expected_type=COMMITTEE_RESULT)
    assert isinstance(committee, CommitteeResult)  # the type was asked for

    def thumbnail(sha256: str) -> bytes | Damaged | None:
        thumb = thumbnail_of(db, sha256)
        return _verified_thumbnail(store, thumb) if thumb else None

    edition = knowledge_of(db).edition(committee.edition.id, committee.edition.hash)
    members = _member_audits(db, committee)
    return committee_report_pdf(committee, members, thumbnail=thumbnail, edition=edition)


def _verified_thumbnail(store: PhotoStore, sha256: str) -> bytes | Damaged | None:
    try:
        return store.read(sha256, kind=Kind.THUMBNAIL, verify=True)
    except DamagedPhoto:
        return DAMAGED


def _member_audits(db: Database, committee: CommitteeResult) -> list[SealedAudit]:
    records = [r for m in committee.counted if (r := get_sealed(db, m.audit_hash)) is not None]
    audits = [parse_result(r.payload) for r in records]
    return [a for a in audits if isinstance(a, SealedAudit)]
