"""Reports from the sealed results on this device, as PDFs: the committee's report on one LAO
(from a committee result's hash) or an inspector's own report (from a sealed audit's hash).

Photos are the device's copies, re-hashed as they are read: a copy that no longer matches is
``DAMAGED`` and the report prints a placeholder instead; a photo the device lacks is said to be
missing. The full photo is used where the device has it, else its thumbnail.
"""

from __future__ import annotations

from field_audit.documents import committee_report_view, inspector_report_view, report_pdf
from field_audit.documents.views import DAMAGED, Damaged, ReportView
from field_audit.evidence.errors import DamagedPhoto
from field_audit.evidence.store import Kind, PhotoStore
from field_audit.seal.bundle_format import refuse
from field_audit.seal.bundles import knowledge_of
from field_audit.storage.database import Database
from field_audit.storage.models import Committee, CommitteeMember
from field_audit.storage.photos import thumbnail_of
from field_audit.storage.sealed import COMMITTEE_RESULT, SEALED_AUDIT, get_sealed
from sync.protocol.sealed import CommitteeResult, SealedAudit, parse_result


def sealed_report(db: Database, store: PhotoStore, result_hash: str) -> bytes:
    """The report a sealed result makes: the committee's for a committee result, the
    inspector's own for a sealed audit; refuses NOT_FOUND for a hash the device lacks."""
    record = get_sealed(db, result_hash)
    if record is None or record.kind not in (COMMITTEE_RESULT, SEALED_AUDIT):
        raise refuse(
            "NOT_FOUND",
            f"no sealed result {result_hash[:12]} on this device",
            "ไม่พบผลที่ปิดผนึกนี้ในเครื่อง",
        )
    result = parse_result(record.payload, expected_type=record.kind)
    view = _view(db, result)
    return report_pdf(view, photos=lambda sha256: _photo(db, store, sha256))


def _view(db: Database, result: CommitteeResult | SealedAudit) -> ReportView:
    edition = knowledge_of(db).edition(result.edition.id, result.edition.hash)
    name = _committee_name(db, result.committee_id)
    if isinstance(result, SealedAudit):
        role = _role(db, result.committee_id, result.signer.inspector_id)
        return inspector_report_view(result, edition=edition, role=role, committee_name=name)
    members = _member_audits(db, result)
    return committee_report_view(result, members, edition=edition, committee_name=name)


def _photo(db: Database, store: PhotoStore, sha256: str) -> bytes | Damaged | None:
    try:
        photo = store.read(sha256, kind=Kind.PHOTO, verify=True)
        if photo is not None:
            return photo
        thumb = thumbnail_of(db, sha256)
        return store.read(thumb, kind=Kind.THUMBNAIL, verify=True) if thumb else None
    except DamagedPhoto:
        return DAMAGED


def _committee_name(db: Database, committee_id: str) -> str:
    with db.session() as session:
        committee = session.get(Committee, committee_id)
    return committee.name_th if committee else committee_id


def _role(db: Database, committee_id: str, inspector_id: str) -> str:
    with db.session() as session:
        member = session.get(CommitteeMember, (committee_id, inspector_id))
    return member.role if member else "member"


def _member_audits(db: Database, committee: CommitteeResult) -> list[SealedAudit]:
    records = [r for m in committee.counted if (r := get_sealed(db, m.audit_hash)) is not None]
    audits = [parse_result(r.payload) for r in records]
    return [a for a in audits if isinstance(a, SealedAudit)]
