"""What an inspector's device pulls, incrementally, Kinto style.

An inspector sees the committees they are (or were) a member of, and through them: their
rounds, members and members' keys, the LAOs assigned to them (with visit dates and each LAO's
self-assessment points) and the results uploaded for those assignments (with their review).

Each record in a view has a version: the largest ``seq`` among the rows it is built from
(an assignment's version moves when its LAO is renamed or its points recorded, or when the
inspector joins the committee). ``pull(..., since=N)`` returns the records whose version is
greater than N, oldest first, and a cursor for the next pull. A record the inspector may no
longer see is a tombstone (``deleted``: a withdrawn assignment, a committee they left);
revoked keys stay in their committee's record, marked revoked. Tombstones are sent only to a
device that has pulled before (``since`` > 0).

The cursor is read before the rows: every transaction with a smaller ``seq`` has committed
(``store.changes``), so nothing below the cursor can appear later. A record may be sent twice,
never missed; apply changes as upserts by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from field_audit.domain.roles import seating_order
from sync.server.models import (
    ApplicationRecord,
    AssignmentRecord,
    CertificateRecord,
    CommitteeRecord,
    DeviceKeyRecord,
    InspectorRecord,
    LaoRecord,
    MembershipRecord,
    ResultRecord,
    ReviewRecord,
    RoundRecord,
)
from sync.server.store.changes import current_seq
from sync.server.store.shares import shares_of

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class Change:
    """One record of a view, or a tombstone (``data`` None) when ``deleted``."""

    id: str
    seq: int
    deleted: bool
    data: Any


@dataclass(frozen=True)
class Page:
    cursor: int
    more: bool
    changes: list[Change]


@dataclass(frozen=True)
class World:
    """Every row an inspector's views are built from."""

    mine: dict[str, MembershipRecord]
    committees: list[CommitteeRecord]
    members: list[MembershipRecord]
    inspectors: dict[str, InspectorRecord]
    keys: list[DeviceKeyRecord]
    rounds: dict[str, RoundRecord]
    assignments: list[AssignmentRecord]
    laos: dict[str, LaoRecord]
    applications: dict[tuple[str, str], ApplicationRecord]
    shares: dict[str, dict[str, tuple[str, ...]]]


View = Callable[[Session, World], list[Change]]


def pull(session: Session, inspector_id: str, view: View, *, since: int, limit: int) -> Page:
    """The view's changes after ``since``, at most about ``limit`` of them (see the docstring)."""
    cursor = current_seq(session)
    world = load_world(session, inspector_id)
    changes = sorted(
        (c for c in view(session, world) if c.seq > since and not (c.deleted and since == 0)),
        key=lambda c: (c.seq, c.id),
    )
    if len(changes) <= limit:
        return Page(cursor=max([cursor, *(c.seq for c in changes)]), more=False, changes=changes)
    last = changes[limit - 1].seq
    page = [c for c in changes if c.seq <= last]
    return Page(cursor=last, more=True, changes=page)


def load_world(session: Session, inspector_id: str) -> World:
    mine = {
        m.committee_id: m for m in _where(session, MembershipRecord, "inspector_id", [inspector_id])
    }
    committees = _where(session, CommitteeRecord, "id", mine)
    members = _where(session, MembershipRecord, "committee_id", mine)
    member_ids = {m.inspector_id for m in members}
    assignments = _where(session, AssignmentRecord, "committee_id", mine)
    applications = _where(session, ApplicationRecord, "lao_id", {a.lao_id for a in assignments})
    return World(
        mine=mine,
        committees=committees,
        members=members,
        inspectors={i.id: i for i in _where(session, InspectorRecord, "id", member_ids)},
        keys=_where(session, DeviceKeyRecord, "inspector_id", member_ids),
        rounds={
            r.id: r for r in _where(session, RoundRecord, "id", {c.round_id for c in committees})
        },
        assignments=assignments,
        laos={
            lao.id: lao for lao in _where(session, LaoRecord, "id", {a.lao_id for a in assignments})
        },
        applications={(a.round_id, a.lao_id): a for a in applications},
        shares=shares_of(session, [a.id for a in assignments]),
    )


def rounds_view(_session: Session, world: World) -> list[Change]:
    return [Change(r.id, r.seq, False, round_data(r)) for r in world.rounds.values()]


def committees_view(_session: Session, world: World) -> list[Change]:
    changes = []
    for committee in world.committees:
        mine = world.mine[committee.id]
        members = [m for m in world.members if m.committee_id == committee.id]
        ids = {m.inspector_id for m in members}
        keys = [k for k in world.keys if k.inspector_id in ids]
        seqs = [committee.seq, *(m.seq for m in members), *(k.seq for k in keys)]
        seqs += [world.inspectors[i].seq for i in ids]
        data = None if mine.removed else committee_data(committee, members, keys, world)
        changes.append(Change(committee.id, max(seqs), mine.removed, data))
    return changes


def assignments_view(_session: Session, world: World) -> list[Change]:
    changes = []
    for assignment in world.assignments:
        mine, lao = world.mine[assignment.committee_id], world.laos[assignment.lao_id]
        application = world.applications.get((assignment.round_id, assignment.lao_id))
        round_seq = world.rounds[assignment.round_id].seq
        seqs = [assignment.seq, mine.seq, lao.seq, round_seq, application.seq if application else 0]
        deleted = assignment.deleted or mine.removed
        shares = world.shares.get(assignment.id, {})
        data = None if deleted else assignment_data(assignment, lao, application, shares)
        changes.append(Change(assignment.id, max(seqs), deleted, data))
    return changes


def results_view(session: Session, world: World) -> list[Change]:
    by_assignment = {a.id: a for a in world.assignments}
    results = _where(session, ResultRecord, "assignment_id", by_assignment)
    reviews = {
        r.result_hash: r
        for r in _where(session, ReviewRecord, "result_hash", [r.hash for r in results])
    }
    changes = []
    for result in results:
        mine = world.mine[by_assignment[result.assignment_id].committee_id]
        review = reviews.get(result.hash)
        seqs = [result.seq, mine.seq, review.seq if review else 0]
        data = None if mine.removed else (result, review)
        changes.append(Change(result.hash, max(seqs), mine.removed, data))
    return changes


def certificates_view(session: Session, world: World) -> list[Change]:
    """The certificates issued to the LAOs of the inspector's assignments, as printed (the QR
    text). Revoked ones stay: the device learns revocations from the signed lists."""
    assigned = {
        (a.round_id, a.lao_id): world.mine[a.committee_id]
        for a in world.assignments
        if not a.deleted
    }
    records = _where(session, CertificateRecord, "lao_id", {lao for _round, lao in assigned})
    changes = []
    for record in records:
        mine = assigned.get((record.round_id, record.lao_id))
        if mine is None:
            continue
        data = None if mine.removed else certificate_data(record)
        changes.append(Change(record.reference, max(record.seq, mine.seq), mine.removed, data))
    return changes


def certificate_data(record: CertificateRecord) -> dict[str, Any]:
    return {
        "reference": record.reference,
        "round_id": record.round_id,
        "lao_id": record.lao_id,
        "qr_text": record.qr_text,
    }


def round_data(record: RoundRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "fiscal_year_be": record.fiscal_year_be,
        "title_th": record.title_th,
        "deadline": record.deadline.isoformat(),
        "briefing_on": _day(record.briefing_on),
        "visits_from": _day(record.visits_from),
        "visits_until": _day(record.visits_until),
        "opens_on": _day(record.opens_on),
        "screening_until": _day(record.screening_until),
        "results_on": _day(record.results_on),
        "accepted_kinds": record.accepted_kinds,
        "edition": {"id": record.edition_id, "hash": record.edition_hash},
    }


def committee_data(
    committee: CommitteeRecord,
    members: list[MembershipRecord],
    keys: list[DeviceKeyRecord],
    world: World,
) -> dict[str, Any]:
    return {
        "id": committee.id,
        "round_id": committee.round_id,
        "name_th": committee.name_th,
        "members": [
            {
                "inspector_id": m.inspector_id,
                "name": world.inspectors[m.inspector_id].name,
                "role": m.role,
                "keys": [_key_data(k) for k in keys if k.inspector_id == m.inspector_id],
            }
            for m in sorted(members, key=lambda m: (seating_order(m.role), m.inspector_id))
            if not m.removed
        ],
    }


def assignment_data(
    assignment: AssignmentRecord,
    lao: LaoRecord,
    application: ApplicationRecord | None,
    shares: dict[str, tuple[str, ...]],
) -> dict[str, Any]:
    """What a device needs of a visit; ``shares``: the division of the work (member ->
    criteria), empty when every member assesses every criterion."""
    return {
        "id": assignment.id,
        "round_id": assignment.round_id,
        "committee_id": assignment.committee_id,
        "visit_date": assignment.visit_date.isoformat(),
        "lao": {
            "id": lao.id,
            "name_th": lao.name_th,
            "name_en": lao.name_en,
            "kind": lao.kind,
            "province_code": lao.province_code,
            "province_th": lao.province_th,
        },
        "self_assessment_points": application.self_assessment_points if application else None,
        "self_claims": (application.self_claims if application else None) or {},
        "shares": {member: list(criteria) for member, criteria in shares.items()},
    }


def _key_data(key: DeviceKeyRecord) -> dict[str, Any]:
    return {
        "key_id": key.key_id,
        "public_key": key.key_id,
        "fingerprint": key.fingerprint,
        "revoked": key.revoked_at is not None,
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _where(session: Session, table: type[Any], column: str, values: Iterable[str]) -> list[Any]:
    wanted = list(values)
    if not wanted:
        return []
    return list(session.exec(select(table).where(col(getattr(table, column)).in_(wanted))).all())
