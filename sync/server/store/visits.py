"""A round's committees and planned visits as the office plans them, with what clashes.

``round_committees`` lists each committee with its current members and their roles.
``round_visits`` lists each visit (an active assignment) with its committee's members and the
problems a planner must see: an inspector due at two visits on the same day
(INSPECTOR_DOUBLE_BOOKED), a visit outside the round's window, before its briefing or to an LAO
that is not eligible (the eligibility gate's conditions, ``eligibility.unmet_for_visit``, after
the office's overrides). ``enrolled_keys`` lists the inspectors' device keys.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from sync.server.models import (
    AssignmentRecord,
    CommitteeRecord,
    DeviceKeyRecord,
    InspectorRecord,
    LaoRecord,
    MembershipRecord,
    RoundRecord,
)
from sync.server.store.editions import EditionCache
from sync.server.store.eligibility import unmet_for_visit
from sync.server.store.rows import require


@dataclass(frozen=True)
class Seat:
    inspector_id: str
    name: str
    role: str


@dataclass(frozen=True)
class CommitteeView:
    committee: CommitteeRecord
    members: list[Seat]


@dataclass(frozen=True)
class Clash:
    """A problem with a planned visit: its code and its words in Thai and English."""

    code: str
    th: str
    en: str


@dataclass(frozen=True)
class VisitView:
    assignment: AssignmentRecord
    lao: LaoRecord
    committee: CommitteeRecord
    members: list[Seat]
    clashes: list[Clash]


def round_committees(session: Session, round_id: str) -> list[CommitteeView]:
    require(session, RoundRecord, round_id, "round")
    committees = session.exec(
        select(CommitteeRecord)
        .where(CommitteeRecord.round_id == round_id)
        .order_by(col(CommitteeRecord.id))
    ).all()
    seats = seats_of(session, [c.id for c in committees])
    return [CommitteeView(c, seats.get(c.id, [])) for c in committees]


def round_visits(
    session: Session, editions: EditionCache, round_id: str, *, today: date
) -> list[VisitView]:
    """Every planned visit of the round, by date, with its clashes."""
    require(session, RoundRecord, round_id, "round")
    rows = session.exec(
        select(AssignmentRecord, LaoRecord, CommitteeRecord)
        .join(LaoRecord, col(LaoRecord.id) == col(AssignmentRecord.lao_id))
        .join(CommitteeRecord, col(CommitteeRecord.id) == col(AssignmentRecord.committee_id))
        .where(AssignmentRecord.round_id == round_id)
        .where(AssignmentRecord.deleted == False)  # noqa: E712 - SQL, not Python
        .order_by(col(AssignmentRecord.visit_date), col(LaoRecord.name_th))
    ).all()
    seats = seats_of(session, list({c.id for _a, _l, c in rows}))
    booked = Counter(
        (seat.inspector_id, a.visit_date) for a, _l, c in rows for seat in seats.get(c.id, [])
    )
    views = []
    for a, lao, c in rows:
        members = seats.get(c.id, [])
        clashes = _clashes(session, editions, a, members, booked=booked, today=today)
        views.append(VisitView(a, lao, c, members, clashes))
    return views


def enrolled_keys(session: Session) -> list[tuple[InspectorRecord, DeviceKeyRecord]]:
    """Every enrolled device key with its inspector, newest first."""
    found = session.exec(
        select(InspectorRecord, DeviceKeyRecord)
        .join(DeviceKeyRecord, col(DeviceKeyRecord.inspector_id) == col(InspectorRecord.id))
        .order_by(col(DeviceKeyRecord.enrolled_at).desc())
    )
    return list(found.all())


def _clashes(
    session: Session,
    editions: EditionCache,
    assignment: AssignmentRecord,
    members: list[Seat],
    *,
    booked: Counter[tuple[str, date]],
    today: date,
) -> list[Clash]:
    day = assignment.visit_date
    found = [
        Clash(
            "INSPECTOR_DOUBLE_BOOKED",
            f"{seat.name} มีกำหนดตรวจประเมินมากกว่าหนึ่งแห่งในวันเดียวกัน",
            f"{seat.name} is due at more than one visit that day",
        )
        for seat in members
        if booked[(seat.inspector_id, day)] > 1
    ]
    unmet = unmet_for_visit(
        session,
        editions,
        round_id=assignment.round_id,
        lao_id=assignment.lao_id,
        visit_date=day,
        today=today,
    )
    return found + [Clash(b.code.value, b.message_th, b.message_en) for b in unmet]


def seats_of(session: Session, committee_ids: list[str]) -> dict[str, list[Seat]]:
    rows = session.exec(
        select(MembershipRecord, InspectorRecord)
        .join(InspectorRecord, col(InspectorRecord.id) == col(MembershipRecord.inspector_id))
        .where(col(MembershipRecord.committee_id).in_(committee_ids))
        .where(MembershipRecord.removed == False)  # noqa: E712
    ).all()
    seats: dict[str, list[Seat]] = {}
    for membership, inspector in rows:
        seat = Seat(inspector.id, inspector.name, membership.role)
        seats.setdefault(membership.committee_id, []).append(seat)
    for listed in seats.values():
        listed.sort(key=lambda s: (s.role != "chair", s.name))
    return seats
