"""Recommendations to the LAO (ข้อเสนอแนะ) on the device: each member's, per criterion and
overall, kept on their audit; and the chair's consolidated ones for the committee's result."""

from __future__ import annotations

from sqlmodel import Session, select

from field_audit.storage.audits import editable, editable_audit
from field_audit.storage.database import Database
from field_audit.storage.models import CommitteeRecommendation, Finding, now_utc

OVERALL = ""
"""The criterion id under which an overall recommendation is kept."""


def record_recommendation(
    db: Database, audit_id: str, criterion_id: str, text: str, *, by: str
) -> None:
    """The member's recommendation on one criterion, or overall (``OVERALL``)."""
    with db.session() as session:
        if criterion_id == OVERALL:
            audit = editable_audit(session, audit_id)
            audit.recommendation, audit.updated_at = text.strip(), now_utc()
            session.add(audit)
        else:
            audit, _edition = editable(session, audit_id, criterion_id)
            finding = session.get(Finding, (audit_id, criterion_id)) or Finding(
                audit_id=audit_id, criterion_id=criterion_id, recorded_by=by, recorded_at=now_utc()
            )
            finding.recommendation = text.strip()
            session.add(finding)
        session.commit()


def record_committee_recommendation(
    db: Database, assignment_id: str, criterion_id: str, text: str, *, by: str
) -> None:
    """The chair's consolidated recommendation; an empty text removes it."""
    with db.session() as session:
        row = session.get(CommitteeRecommendation, (assignment_id, criterion_id))
        if not text.strip():
            if row is not None:
                session.delete(row)
            session.commit()
            return
        row = row or CommitteeRecommendation(
            assignment_id=assignment_id, criterion_id=criterion_id, text="", written_by=by
        )
        row.text, row.written_by, row.written_at = text.strip(), by, now_utc()
        session.add(row)
        session.commit()


def committee_recommendations(session: Session, assignment_id: str) -> dict[str, str]:
    """criterion id (``OVERALL`` for the whole) -> the chair's text."""
    query = select(CommitteeRecommendation).where(
        CommitteeRecommendation.assignment_id == assignment_id
    )
    return {row.criterion_id: row.text for row in session.exec(query).all()}
