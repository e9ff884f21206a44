"""The committee's members as the device knows them: their seats, every key the office
enrolled for each (with when it was revoked), and the absences the chair recorded per visit."""

from __future__ import annotations

from sqlmodel import col, select

from field_audit.domain.attendance import Seat
from field_audit.domain.signing_keys import KeyPeriod
from field_audit.storage.database import Database
from field_audit.storage.models import CommitteeAbsence, CommitteeMember, MemberKey, now_utc


def committee_seats(db: Database, committee_id: str) -> list[Seat] | None:
    """The committee's members in a stable order, or None for a committee this device lacks."""
    with db.session() as session:
        query = select(CommitteeMember).where(CommitteeMember.committee_id == committee_id)
        members = session.exec(query.order_by(col(CommitteeMember.inspector_id))).all()
    return [Seat(m.inspector_id, m.name, m.role) for m in members] or None


def member_keys(db: Database, inspector_id: str) -> list[KeyPeriod]:
    """Every key the office enrolled for the inspector, as last synced."""
    with db.session() as session:
        rows = session.exec(select(MemberKey).where(MemberKey.inspector_id == inspector_id)).all()
    return [KeyPeriod(r.public_key, r.revoked_at) for r in rows]


def record_absence(
    db: Database, assignment_id: str, inspector_id: str, *, reason: str, by: str
) -> None:
    with db.session() as session:
        session.merge(
            CommitteeAbsence(
                assignment_id=assignment_id,
                inspector_id=inspector_id,
                reason=reason,
                marked_by=by,
                marked_at=now_utc(),
            )
        )
        session.commit()


def clear_absence(db: Database, assignment_id: str, inspector_id: str) -> None:
    with db.session() as session:
        found = session.get(CommitteeAbsence, (assignment_id, inspector_id))
        if found is not None:
            session.delete(found)
            session.commit()


def absences_for(db: Database, assignment_id: str) -> dict[str, str]:
    """Member -> the reason the chair gave for their absence from this visit's result."""
    with db.session() as session:
        query = select(CommitteeAbsence).where(CommitteeAbsence.assignment_id == assignment_id)
        return {a.inspector_id: a.reason for a in session.exec(query).all()}
