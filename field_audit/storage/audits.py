"""Audits and their findings on the device. Every change is its own committed transaction,
so a killed app loses at most the change in flight; sealed audits refuse every change.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from functools import lru_cache

from sqlmodel import Session, col, func, select

from field_audit.domain.answers import Answer, answer_text, answer_value, parse_answer, read_answer
from field_audit.domain.audit import AuditStatus, can_correct, missing_for_seal, status_after_edit
from field_audit.domain.edition import Edition, parse_edition_text
from field_audit.domain.errors import TransitionError, VerdictError
from field_audit.domain.shares import Scope
from field_audit.storage.database import Database
from field_audit.storage.errors import AuditLocked, NotFound
from field_audit.storage.models import (
    AuditRecord,
    EditionRecord,
    EvidenceRecordRow,
    Finding,
    PhotoRecord,
    PlannedShare,
    now_utc,
)


def store_edition(db: Database, edition: Edition) -> None:
    """Keep the edition's document by its hash (once), so audits can name exactly what they used."""
    with db.session() as session:
        if session.get(EditionRecord, edition.content_hash) is None:
            document = json.dumps(edition.document, ensure_ascii=False, sort_keys=True)
            session.add(
                EditionRecord(
                    content_hash=edition.content_hash,
                    edition_id=edition.id,
                    document=document,
                    added_at=now_utc(),
                )
            )
            session.commit()


def edition_by_hash(session: Session, content_hash: str) -> Edition:
    record = session.get(EditionRecord, content_hash)
    if record is None:
        raise NotFound("edition", content_hash)
    return _parse_cached(record.document, record.edition_id)


@lru_cache(maxsize=16)
def _parse_cached(document: str, edition_id: str) -> Edition:
    return parse_edition_text(document, source=f"stored edition {edition_id}")


def get_audit(db: Database, audit_id: str) -> AuditRecord | None:
    with db.session() as session:
        return session.get(AuditRecord, audit_id)


def open_audit(
    db: Database, *, assignment_id: str, inspector_id: str, edition: Edition
) -> AuditRecord:
    """The inspector's latest revision for this assignment (a sealed one stays sealed: it is
    corrected with ``open_correction``), or a new draft if the inspector has none."""
    store_edition(db, edition)
    with db.session() as session:
        existing = session.exec(
            select(AuditRecord)
            .where(AuditRecord.assignment_id == assignment_id)
            .where(AuditRecord.inspector_id == inspector_id)
            .order_by(col(AuditRecord.revision).desc())
        ).first()
        if existing is not None:
            return existing
        audit = _new_audit(assignment_id, inspector_id, edition)
        planned = session.get(PlannedShare, (assignment_id, inspector_id))
        audit.scope = planned.criteria if planned else None  # the share the office planned
        session.add(audit)
        session.commit()
        return audit


def _new_audit(assignment_id: str, inspector_id: str, edition: Edition) -> AuditRecord:
    now = now_utc()
    return AuditRecord(
        id=str(uuid.uuid4()),
        assignment_id=assignment_id,
        inspector_id=inspector_id,
        edition_id=edition.id,
        edition_hash=edition.content_hash,
        status=AuditStatus.DRAFT.value,
        created_at=now,
        updated_at=now,
    )


def record_verdict(
    db: Database,
    audit_id: str,
    criterion_id: str,
    verdict: Answer | None,
    *,
    by: str,
    at: datetime | None = None,
) -> AuditStatus:
    """Write one answer (None clears it) and the audit's new status, in one transaction;
    VerdictError if the criterion does not take it (a word on a graded one, points off its
    scale)."""
    with db.session() as session:
        audit, edition = editable(session, audit_id, criterion_id)
        criterion = edition.criterion(criterion_id)
        if verdict is not None and criterion is not None:
            parse_answer(criterion, answer_value(verdict))
        finding = _finding(session, audit_id, criterion_id, by)
        finding.verdict = answer_text(verdict) if verdict is not None else None
        finding.recorded_by, finding.recorded_at = by, at or now_utc()
        session.add(finding)
        session.flush()
        status = refresh_status(session, audit, edition)
        session.commit()
        return status


def record_note(db: Database, audit_id: str, criterion_id: str, note: str, *, by: str) -> None:
    """Write the inspector's note on one criterion."""
    with db.session() as session:
        audit, _edition = editable(session, audit_id, criterion_id)
        finding = _finding(session, audit_id, criterion_id, by)
        finding.note, finding.recorded_by, finding.recorded_at = note, by, now_utc()
        audit.updated_at = finding.recorded_at
        session.add_all([finding, audit])
        session.commit()


def audit_verdicts(session: Session, audit_id: str) -> dict[str, Answer]:
    rows = session.exec(
        select(Finding.criterion_id, Finding.verdict)
        .where(Finding.audit_id == audit_id)
        .where(col(Finding.verdict).is_not(None))
    ).all()
    return {criterion_id: read_answer(verdict) for criterion_id, verdict in rows if verdict}


def audit_scope(audit: AuditRecord) -> Scope | None:
    """The member's share the audit covers, or None for every criterion."""
    return None if audit.scope is None else frozenset(json.loads(audit.scope))


def audit_findings(db: Database, audit_id: str) -> dict[str, Finding]:
    with db.session() as session:
        rows = session.exec(select(Finding).where(Finding.audit_id == audit_id)).all()
        return {f.criterion_id: f for f in rows}


def photo_counts(session: Session, audit_id: str) -> dict[str, int]:
    rows = session.exec(
        select(PhotoRecord.criterion_id, func.count())
        .where(PhotoRecord.audit_id == audit_id)
        .group_by(PhotoRecord.criterion_id)
    ).all()
    return dict(rows)


def editable_audit(session: Session, audit_id: str) -> AuditRecord:
    """The audit, if it may still change (AuditLocked once sealed)."""
    audit = session.get(AuditRecord, audit_id)
    if audit is None:
        raise NotFound("audit", audit_id)
    try:
        status_after_edit(AuditStatus(audit.status), complete=False)
    except TransitionError:
        raise AuditLocked(audit_id, audit.status) from None
    return audit


def editable(session: Session, audit_id: str, criterion_id: str) -> tuple[AuditRecord, Edition]:
    """The audit and its edition, if the audit may still change and has this criterion."""
    audit = editable_audit(session, audit_id)
    edition = edition_by_hash(session, audit.edition_hash)
    if edition.criterion(criterion_id) is None:
        raise VerdictError(f"unknown criterion id {criterion_id!r} for edition {edition.id}")
    return audit, edition


def _finding(session: Session, audit_id: str, criterion_id: str, by: str) -> Finding:
    found = session.get(Finding, (audit_id, criterion_id))
    return found or Finding(
        audit_id=audit_id, criterion_id=criterion_id, recorded_by=by, recorded_at=now_utc()
    )


def refresh_status(session: Session, audit: AuditRecord, edition: Edition) -> AuditStatus:
    missing = missing_for_seal(
        edition,
        audit_verdicts(session, audit.id),
        photo_counts(session, audit.id),
        audit_scope(audit),
    )
    status = status_after_edit(AuditStatus(audit.status), complete=not missing)
    audit.status, audit.updated_at = status.value, now_utc()
    session.add(audit)
    return status


def open_correction(db: Database, audit_id: str, *, by: str) -> AuditRecord:
    """A new draft revision of a sealed audit, with its findings and photos, naming the seal."""
    with db.session() as session:
        sealed = session.get(AuditRecord, audit_id)
        if sealed is None:
            raise NotFound("audit", audit_id)
        if not can_correct(AuditStatus(sealed.status)) or sealed.sealed_hash is None:
            raise TransitionError("open a correction", sealed.status, ("sealed", "synced"))
        draft = _revision_of(sealed)
        session.add(draft)
        session.flush()
        _copy_findings(session, sealed.id, draft.id, by)
        _copy_photos(session, sealed.id, draft.id)
        _copy_records(session, sealed.id, draft.id)
        refresh_status(session, draft, edition_by_hash(session, draft.edition_hash))
        session.commit()
        return draft


def _revision_of(sealed: AuditRecord) -> AuditRecord:
    now = now_utc()
    return AuditRecord(
        id=str(uuid.uuid4()),
        assignment_id=sealed.assignment_id,
        inspector_id=sealed.inspector_id,
        edition_id=sealed.edition_id,
        edition_hash=sealed.edition_hash,
        status=AuditStatus.DRAFT.value,
        revision=sealed.revision + 1,
        replaces_audit_id=sealed.id,
        replaces_hash=sealed.sealed_hash,
        created_at=now,
        updated_at=now,
        scope=sealed.scope,
        recommendation=sealed.recommendation,
    )


def _copy_findings(session: Session, source: str, target: str, by: str) -> None:
    for finding in session.exec(select(Finding).where(Finding.audit_id == source)).all():
        session.add(
            Finding(
                audit_id=target,
                criterion_id=finding.criterion_id,
                verdict=finding.verdict,
                note=finding.note,
                recommendation=finding.recommendation,
                recorded_by=finding.recorded_by,
                recorded_at=finding.recorded_at,
            )
        )


def _copy_photos(session: Session, source: str, target: str) -> None:
    for photo in session.exec(select(PhotoRecord).where(PhotoRecord.audit_id == source)).all():
        copy = PhotoRecord.model_validate(
            photo.model_dump() | {"id": str(uuid.uuid4()), "audit_id": target}
        )
        session.add(copy)


def _copy_records(session: Session, source: str, target: str) -> None:
    rows = session.exec(select(EvidenceRecordRow).where(EvidenceRecordRow.audit_id == source))
    for row in rows.all():
        copy = EvidenceRecordRow.model_validate(
            row.model_dump() | {"id": str(uuid.uuid4()), "audit_id": target}
        )
        session.add(copy)
