"""The chair's rulings on disputed criteria, saved as they are made (before the seal)."""

from __future__ import annotations

from sqlmodel import select

from field_audit.domain.roles import Role
from field_audit.storage.database import Database
from field_audit.storage.models import CommitteeMember, CommitteeRuling, now_utc


def record_ruling(
    db: Database, assignment_id: str, criterion_id: str, *, verdict: str, reason: str, by: str
) -> None:
    with db.session() as session:
        ruling = session.get(CommitteeRuling, (assignment_id, criterion_id)) or CommitteeRuling(
            assignment_id=assignment_id,
            criterion_id=criterion_id,
            verdict=verdict,
            reason=reason,
            ruled_by=by,
            ruled_at=now_utc(),
        )
        ruling.verdict, ruling.reason, ruling.ruled_by, ruling.ruled_at = (
            verdict,
            reason,
            by,
            now_utc(),
        )
        session.add(ruling)
        session.commit()


def rulings_for(db: Database, assignment_id: str) -> list[CommitteeRuling]:
    with db.session() as session:
        query = select(CommitteeRuling).where(CommitteeRuling.assignment_id == assignment_id)
        return list(session.exec(query).all())


def committee_chair(db: Database, committee_id: str) -> CommitteeMember | None:
    with db.session() as session:
        query = (
            select(CommitteeMember)
            .where(CommitteeMember.committee_id == committee_id)
            .where(CommitteeMember.role == Role.CHAIR.value)
        )
        return session.exec(query).first()
