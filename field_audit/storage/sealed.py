"""Sealed results on the device: kept as the exact signed bytes, never changed, never deleted.

A seal of this device's own audit is stored together with the audit's new status and an outbox
item, in one transaction. Results imported from other members' bundles are stored beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from field_audit.domain.audit import AuditStatus, seal
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import AuditRecord, OutboxItem, SealedResultRecord, now_utc

SEALED_AUDIT = "gecc.sealed-audit"
COMMITTEE_RESULT = "gecc.committee-result"


@dataclass(frozen=True)
class SealedRow:
    """What the device keeps of one signed result (the protocol's SignedResult, as text)."""

    hash: str
    kind: str
    result_id: str
    assignment_id: str
    inspector_id: str
    revision: int
    replaces: str | None
    payload: bytes
    signature: str
    public_key: str

    def record(self, *, origin: str) -> SealedResultRecord:
        return SealedResultRecord(
            hash=self.hash,
            kind=self.kind,
            result_id=self.result_id,
            assignment_id=self.assignment_id,
            inspector_id=self.inspector_id,
            revision=self.revision,
            replaces=self.replaces,
            payload=self.payload,
            signature=self.signature,
            public_key=self.public_key,
            origin=origin,
            stored_at=now_utc(),
        )


def save_own_audit_seal(
    db: Database, audit_id: str, row: SealedRow, *, sealed_at: datetime
) -> None:
    """Store the seal, mark the audit sealed and queue it for sync, all or nothing."""
    with db.session() as session:
        audit = session.get(AuditRecord, audit_id)
        if audit is None:
            raise NotFound("audit", audit_id)
        audit.status = seal(AuditStatus(audit.status)).value
        audit.sealed_hash, audit.sealed_at, audit.updated_at = row.hash, sealed_at, sealed_at
        session.add_all([audit, row.record(origin="sealed_here"), _outbox(row)])
        session.commit()


def save_own_committee_seal(db: Database, row: SealedRow) -> None:
    with db.session() as session:
        session.add_all([row.record(origin="sealed_here"), _outbox(row)])
        session.commit()


def save_imported(db: Database, rows: list[SealedRow]) -> list[str]:
    """Store results from a verified bundle; returns the hashes that were new here."""
    with db.session() as session:
        new = [r for r in rows if session.get(SealedResultRecord, r.hash) is None]
        session.add_all([r.record(origin="imported") for r in new])
        session.commit()
        return [r.hash for r in new]


def get_sealed(db: Database, result_hash: str) -> SealedResultRecord | None:
    with db.session() as session:
        return session.get(SealedResultRecord, result_hash)


def sealed_for_assignment(db: Database, assignment_id: str, kind: str) -> list[SealedResultRecord]:
    """Every stored result of this kind for the assignment, oldest revision first."""
    with db.session() as session:
        rows = session.exec(
            select(SealedResultRecord)
            .where(SealedResultRecord.assignment_id == assignment_id)
            .where(SealedResultRecord.kind == kind)
            .order_by(col(SealedResultRecord.revision), col(SealedResultRecord.stored_at))
        ).all()
        return list(rows)


def replaced_by(db: Database, result_hash: str) -> str | None:
    """The hash of a stored result that names ``result_hash`` as the revision it replaces."""
    with db.session() as session:
        return session.exec(
            select(SealedResultRecord.hash).where(SealedResultRecord.replaces == result_hash)
        ).first()


def first_revision(db: Database, kind: str, assignment_id: str, inspector_id: str) -> str | None:
    """The hash of a stored revision 1 of this member's results of ``kind`` for the visit."""
    with db.session() as session:
        return session.exec(
            select(SealedResultRecord.hash)
            .where(SealedResultRecord.kind == kind)
            .where(SealedResultRecord.assignment_id == assignment_id)
            .where(SealedResultRecord.inspector_id == inspector_id)
            .where(col(SealedResultRecord.replaces).is_(None))
        ).first()


def current_results(records: list[SealedResultRecord]) -> list[SealedResultRecord]:
    """The results no other stored result replaces: each inspector's latest revision."""
    replaced = {r.replaces for r in records if r.replaces}
    return [r for r in records if r.hash not in replaced]


def _outbox(row: SealedRow) -> OutboxItem:
    return OutboxItem(kind=row.kind, ref=row.hash, created_at=now_utc())
