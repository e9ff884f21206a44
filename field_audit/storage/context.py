"""Everything a sealed result says about one audit, read in one session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from field_audit.domain.edition import Edition
from field_audit.domain.evidence_records import Record
from field_audit.domain.shares import Scope
from field_audit.storage.audits import audit_scope, edition_by_hash
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.evidence_records import records_by_criterion
from field_audit.storage.models import (
    Assignment,
    AuditRecord,
    Finding,
    InspectorProfile,
    Lao,
    PhotoRecord,
    RoundRecord,
)


@dataclass(frozen=True)
class AuditContext:
    audit: AuditRecord
    assignment: Assignment
    lao: Lao
    round: RoundRecord
    inspector: InspectorProfile | None
    edition: Edition
    findings: dict[str, Finding]
    photos: dict[str, list[PhotoRecord]]
    records: dict[str, list[tuple[str, Record]]]

    @property
    def scope(self) -> Scope | None:
        """The criteria the audit covers (the member's share), or None for all of them."""
        return audit_scope(self.audit)

    def covers(self, criterion_id: str) -> bool:
        scope = self.scope
        return scope is None or criterion_id in scope


def audit_context(db: Database, audit_id: str) -> AuditContext:
    with db.session() as session:
        audit = session.get(AuditRecord, audit_id)
        if audit is None:
            raise NotFound("audit", audit_id)
        assignment = session.get(Assignment, audit.assignment_id)
        if assignment is None:
            raise NotFound("assignment", audit.assignment_id)
        lao, round_ = (
            session.get(Lao, assignment.lao_id),
            session.get(RoundRecord, assignment.round_id),
        )
        if lao is None or round_ is None:
            raise NotFound("LAO or round of assignment", assignment.id)
        findings = session.exec(select(Finding).where(Finding.audit_id == audit_id)).all()
        photos = session.exec(
            select(PhotoRecord)
            .where(PhotoRecord.audit_id == audit_id)
            .order_by(col(PhotoRecord.position))
        ).all()
        return AuditContext(
            audit=audit,
            assignment=assignment,
            lao=lao,
            round=round_,
            inspector=session.get(InspectorProfile, audit.inspector_id),
            edition=edition_by_hash(session, audit.edition_hash),
            findings={f.criterion_id: f for f in findings},
            photos=_by_criterion(photos),
            records=records_by_criterion(session, audit_id),
        )


def _by_criterion(
    photos: Sequence[PhotoRecord],
) -> dict[str, list[PhotoRecord]]:
    grouped: dict[str, list[PhotoRecord]] = {}
    for photo in photos:
        grouped.setdefault(photo.criterion_id, []).append(photo)
    return grouped
