"""The inspector's assignments: which LAO, in which round, with which committee, on which day,
and how far the inspector's own audit of it has got.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from field_audit.domain.answers import Answer, read_answer
from field_audit.domain.pipeline import visit_window
from field_audit.storage.database import Database
from field_audit.storage.models import (
    Assignment,
    AuditRecord,
    Committee,
    InspectorProfile,
    Lao,
    RoundRecord,
    SelfAssessmentClaim,
)

NOT_STARTED = "not_started"


@dataclass(frozen=True)
class AssignmentView:
    """One row of the assignments list, with the state of this inspector's latest audit."""

    assignment_id: str
    lao: Lao
    round: RoundRecord
    committee: Committee
    visit_date: date
    self_assessment_points: int | None
    audit_id: str | None
    state: str
    outside_window: bool = False
    """The visit falls outside its round's visit window (the office should know why)."""


def inspector_profile(db: Database) -> InspectorProfile | None:
    with db.session() as session:
        return session.exec(select(InspectorProfile)).first()


def is_empty(db: Database) -> bool:
    """True when the device has no assignments yet (a fresh install)."""
    with db.session() as session:
        return session.exec(select(Assignment.id)).first() is None


def list_assignments(db: Database, *, inspector_id: str) -> list[AssignmentView]:
    """Every assignment, soonest visit first, with the state of this inspector's audit."""
    with db.session() as session:
        rows = session.exec(
            select(Assignment, Lao, RoundRecord, Committee)
            .join(Lao, Lao.id == Assignment.lao_id)  # type: ignore[arg-type]
            .join(RoundRecord, RoundRecord.id == Assignment.round_id)  # type: ignore[arg-type]
            .join(Committee, Committee.id == Assignment.committee_id)  # type: ignore[arg-type]
            .order_by(Assignment.visit_date, Lao.name_th)  # type: ignore[arg-type]
        ).all()
        mine = session.exec(select(AuditRecord).where(AuditRecord.inspector_id == inspector_id))
        audits = _latest_audits(mine.all())
        return [_view(a, lao, rnd, com, audits.get(a.id)) for a, lao, rnd, com in rows]


def _latest_audits(audits: Sequence[AuditRecord]) -> dict[str, AuditRecord]:
    latest: dict[str, AuditRecord] = {}
    for audit in audits:
        current = latest.get(audit.assignment_id)
        if current is None or audit.revision > current.revision:
            latest[audit.assignment_id] = audit
    return latest


def _view(
    assignment: Assignment,
    lao: Lao,
    round_: RoundRecord,
    committee: Committee,
    audit: AuditRecord | None,
) -> AssignmentView:
    return AssignmentView(
        assignment_id=assignment.id,
        lao=lao,
        round=round_,
        committee=committee,
        visit_date=assignment.visit_date,
        self_assessment_points=assignment.self_assessment_points,
        audit_id=audit.id if audit else None,
        state=_state(audit),
        outside_window=_outside_window(round_, assignment.visit_date),
    )


def _outside_window(round_: RoundRecord, visit: date) -> bool:
    start, end = visit_window(
        deadline=round_.deadline,
        screening_until=round_.screening_until,
        visits_from=round_.visits_from,
        visits_until=round_.visits_until,
        results_on=round_.results_on,
    )
    return visit < start or (end is not None and visit > end)


def _state(audit: AuditRecord | None) -> str:
    if audit is None:
        return NOT_STARTED
    return "in_progress" if audit.status == "draft" else audit.status


def self_claims(db: Database, assignment_id: str) -> dict[str, Answer]:
    """What the LAO claimed in its own self-assessment, by criterion id."""
    with db.session() as session:
        rows = session.exec(
            select(SelfAssessmentClaim).where(SelfAssessmentClaim.assignment_id == assignment_id)
        ).all()
        return {row.criterion_id: read_answer(row.claim) for row in rows}
