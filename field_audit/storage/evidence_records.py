"""Evidence records on the device: interviews, documents seen and observations per finding.

Each change is its own transaction on an audit that may still change (a sealed audit refuses
it); a record that breaks a rule (``record_problems``: personal data in a summary, a page's
photo that is not the finding's) is refused with ``RecordError`` and nothing is written.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, func, select

from field_audit.domain.errors import RecordError
from field_audit.domain.evidence_records import (
    DocumentSeen,
    Interview,
    Observation,
    Record,
    Whom,
    record_problems,
)
from field_audit.storage.audits import editable
from field_audit.storage.database import Database
from field_audit.storage.errors import NotFound
from field_audit.storage.models import EvidenceRecordRow, PhotoRecord, now_utc


def add_record(db: Database, audit_id: str, criterion_id: str, record: Record, *, by: str) -> str:
    """Keep ``record`` on the finding; returns its id."""
    with db.session() as session:
        audit, _edition = editable(session, audit_id, criterion_id)
        _check(session, audit_id, criterion_id, record)
        row = _row(record, audit_id, criterion_id, by)
        row.position = _next_position(session, audit_id, criterion_id)
        audit.updated_at = row.recorded_at
        session.add_all([row, audit])
        session.commit()
        return row.id


def remove_record(db: Database, record_id: str) -> None:
    with db.session() as session:
        row = session.get(EvidenceRecordRow, record_id)
        if row is None:
            raise NotFound("evidence record", record_id)
        editable(session, row.audit_id, row.criterion_id)
        session.delete(row)
        session.commit()


def records_by_criterion(session: Session, audit_id: str) -> dict[str, list[tuple[str, Record]]]:
    """Each criterion's records in the order they were made, with their ids."""
    rows = session.exec(
        select(EvidenceRecordRow)
        .where(EvidenceRecordRow.audit_id == audit_id)
        .order_by(col(EvidenceRecordRow.criterion_id), col(EvidenceRecordRow.position))
    ).all()
    grouped: dict[str, list[tuple[str, Record]]] = {}
    for row in rows:
        grouped.setdefault(row.criterion_id, []).append((row.id, record_of_row(row)))
    return grouped


def audit_records(db: Database, audit_id: str) -> dict[str, list[tuple[str, Record]]]:
    with db.session() as session:
        return records_by_criterion(session, audit_id)


def record_of_row(row: EvidenceRecordRow) -> Record:
    if row.kind == "interview":
        at = row.at or row.recorded_at
        return Interview(at, Whom(row.whom or Whom.CITIZEN), row.text, row.identity)
    if row.kind == "document":
        return DocumentSeen(row.title, row.reference, row.page_photo)
    return Observation(row.text)


def _check(session: Session, audit_id: str, criterion_id: str, record: Record) -> None:
    photos = session.exec(
        select(PhotoRecord.sha256)
        .where(PhotoRecord.audit_id == audit_id)
        .where(PhotoRecord.criterion_id == criterion_id)
    ).all()
    problems = record_problems(record, set(photos))
    if problems:
        raise RecordError(problems[0].en, problems[0].th)


def _row(record: Record, audit_id: str, criterion_id: str, by: str) -> EvidenceRecordRow:
    row = EvidenceRecordRow(
        id=str(uuid.uuid4()),
        audit_id=audit_id,
        criterion_id=criterion_id,
        kind="observation",
        position=0,
        recorded_by=by,
        recorded_at=now_utc(),
    )
    if isinstance(record, Interview):
        row.kind, row.whom, row.text = "interview", record.whom.value, record.summary
        row.at, row.identity = record.at, record.identity
    elif isinstance(record, DocumentSeen):
        row.kind, row.title, row.reference = "document", record.title, record.reference
        row.page_photo = record.page_photo
    else:
        row.text = record.text
    return row


def _next_position(session: Session, audit_id: str, criterion_id: str) -> int:
    last = session.exec(
        select(func.max(EvidenceRecordRow.position))
        .where(EvidenceRecordRow.audit_id == audit_id)
        .where(EvidenceRecordRow.criterion_id == criterion_id)
    ).one()
    return 0 if last is None else int(last) + 1
