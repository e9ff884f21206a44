"""Office administration: rounds, committees and their members, assignments.

Each function is one transaction: it takes the change sequence first (so two clerks' changes
are serialised and the checks below hold at commit), checks, writes, logs, and commits.
Refusals: ``Conflict`` (ALREADY_EXISTS), ``NotFound``, ``InvalidInput``.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from field_audit.domain.edition import Edition
from field_audit.domain.pipeline import calendar_problem, round_for_edition
from field_audit.domain.roles import Role
from sync.protocol.documents import TOKEN_PATTERN, is_one_line
from sync.server.errors import Conflict, InvalidInput, NotFound
from sync.server.models import (
    AssignmentRecord,
    CommitteeRecord,
    InspectorRecord,
    LaoRecord,
    MembershipRecord,
    RoundRecord,
    now_utc,
)
from sync.server.store.changes import log_action, next_seq
from sync.server.store.editions import EditionCache, store_edition
from sync.server.store.eligibility import check_visit
from sync.server.store.rows import require

ROLES = tuple(r.value for r in Role)
INSPECTOR_ID = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True)
class NewRound:
    id: str
    fiscal_year_be: int
    deadline: date
    title_th: str = ""
    briefing_on: date | None = None
    visits_from: date | None = None
    visits_until: date | None = None
    accepted_kinds: tuple[str, ...] | None = None
    opens_on: date | None = None
    screening_until: date | None = None
    results_on: date | None = None


@dataclass(frozen=True)
class Member:
    """A committee member as the office names them: inspector id, name and role."""

    inspector_id: str
    name: str
    role: str = "member"


def create_round(session: Session, new: NewRound, edition: Edition, *, actor: str) -> RoundRecord:
    """Open a round that assesses against ``edition`` (its document is kept by hash); its
    dates must fall in order (``calendar_problem``)."""
    if new.visits_from and new.visits_until and new.visits_until < new.visits_from:
        raise InvalidInput("the visit window ends before it begins", [])
    calendar = round_for_edition(
        edition,
        fiscal_year_be=new.fiscal_year_be,
        deadline=new.deadline,
        visits_from=new.visits_from,
        visits_until=new.visits_until,
        opens_on=new.opens_on,
        screening_until=new.screening_until,
        results_on=new.results_on,
    )
    problem = calendar_problem(calendar)
    if problem is not None:
        raise InvalidInput(f"the round's dates are out of order: {problem.en}", [problem.th])
    seq = next_seq(session)
    if session.get(RoundRecord, new.id) is not None:
        raise Conflict(f"round {new.id!r} already exists", code="ALREADY_EXISTS", id=new.id)
    store_edition(session, edition)
    record = RoundRecord(
        id=new.id,
        fiscal_year_be=new.fiscal_year_be,
        title_th=new.title_th or f"รอบปีงบประมาณ พ.ศ. {new.fiscal_year_be}",
        deadline=new.deadline,
        briefing_on=new.briefing_on,
        visits_from=new.visits_from,
        visits_until=new.visits_until,
        opens_on=new.opens_on,
        screening_until=new.screening_until,
        results_on=new.results_on,
        accepted_kinds=list(new.accepted_kinds) if new.accepted_kinds else None,
        edition_id=edition.id,
        edition_hash=edition.content_hash,
        created_at=now_utc(),
        seq=seq,
    )
    session.add(record)
    log_action(session, actor=actor, action="round.create", subject=new.id, edition=edition.id)
    session.commit()
    return record


def create_committee(
    session: Session,
    *,
    committee_id: str,
    round_id: str,
    name_th: str,
    members: Sequence[Member],
    actor: str,
) -> CommitteeRecord:
    """A committee of one chair and its members, each an inspector id with a name."""
    _check_members(members)
    seq = next_seq(session)
    require(session, RoundRecord, round_id, "round")
    if session.get(CommitteeRecord, committee_id) is not None:
        raise Conflict(
            f"committee {committee_id!r} already exists", code="ALREADY_EXISTS", id=committee_id
        )
    committee = CommitteeRecord(id=committee_id, round_id=round_id, name_th=name_th, seq=seq)
    session.add(committee)
    session.flush()
    for member in members:
        _put_member(session, committee_id, member, seq)
    log_action(
        session,
        actor=actor,
        action="committee.create",
        subject=committee_id,
        members=[[m.inspector_id, m.role] for m in members],
    )
    session.commit()
    return committee


def add_member(session: Session, committee_id: str, member: Member, *, actor: str) -> None:
    """Add (or bring back) a member; a second chair is refused."""
    problems = _member_problems(member)
    if problems:
        raise InvalidInput("the member is refused", problems)
    seq = next_seq(session)
    require(session, CommitteeRecord, committee_id, "committee")
    if member.role == Role.CHAIR and _chair_of(session, committee_id) not in (
        None,
        member.inspector_id,
    ):
        raise InvalidInput("the committee already has a chair", ["a committee has one chair"])
    _put_member(session, committee_id, member, seq)
    log_action(
        session,
        actor=actor,
        action="committee.add_member",
        subject=committee_id,
        inspector=member.inspector_id,
        role=member.role,
    )
    session.commit()


def remove_member(session: Session, committee_id: str, inspector_id: str, *, actor: str) -> None:
    """Take a member off a committee; devices see the committee's data withdrawn."""
    seq = next_seq(session)
    membership = session.get(MembershipRecord, (committee_id, inspector_id))
    if membership is None or membership.removed:
        raise NotFound("committee member", f"{committee_id}/{inspector_id}")
    membership.removed, membership.seq = True, seq
    session.add(membership)
    log_action(
        session,
        actor=actor,
        action="committee.remove_member",
        subject=committee_id,
        inspector=inspector_id,
    )
    session.commit()


def assign(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    committee_id: str,
    visit_date: date,
    actor: str,
    today: date,
) -> AssignmentRecord:
    """Assign the LAO to a committee for the round, once it may be visited that day
    (``eligibility.check_visit``: NOT_ELIGIBLE, every unmet condition listed); a move leaves
    a tombstone behind."""
    seq = next_seq(session)
    require(session, LaoRecord, lao_id, "LAO")
    committee = require(session, CommitteeRecord, committee_id, "committee")
    if committee.round_id != round_id:
        raise InvalidInput(
            "the committee belongs to another round",
            [f"committee {committee_id} is of round {committee.round_id}, not {round_id}"],
        )
    check_visit(
        session, editions, round_id=round_id, lao_id=lao_id, visit_date=visit_date, today=today
    )
    current = active_assignment(session, round_id, lao_id)
    if current is not None and current.committee_id != committee_id:
        current.deleted, current.seq = True, seq
        session.add(current)
        current = None
    record = current or AssignmentRecord(
        id=str(uuid.uuid4()),
        round_id=round_id,
        lao_id=lao_id,
        committee_id=committee_id,
        visit_date=visit_date,
        seq=seq,
    )
    record.visit_date, record.seq = visit_date, seq
    session.add(record)
    log_action(
        session,
        actor=actor,
        action="assignment.set",
        subject=record.id,
        round=round_id,
        lao=lao_id,
        committee=committee_id,
        visit_date=visit_date.isoformat(),
    )
    session.commit()
    return record


def unassign(session: Session, *, round_id: str, lao_id: str, actor: str) -> AssignmentRecord:
    """Withdraw the LAO's assignment in the round (a tombstone for devices)."""
    seq = next_seq(session)
    current = active_assignment(session, round_id, lao_id)
    if current is None:
        raise NotFound("assignment", f"{round_id}/{lao_id}")
    current.deleted, current.seq = True, seq
    session.add(current)
    log_action(session, actor=actor, action="assignment.withdraw", subject=current.id)
    session.commit()
    return current


def active_assignment(session: Session, round_id: str, lao_id: str) -> AssignmentRecord | None:
    return session.exec(
        select(AssignmentRecord)
        .where(AssignmentRecord.round_id == round_id)
        .where(AssignmentRecord.lao_id == lao_id)
        .where(AssignmentRecord.deleted == False)  # noqa: E712 - SQL, not Python
    ).first()


def _check_members(members: Sequence[Member]) -> None:
    problems = [problem for m in members for problem in _member_problems(m)]
    chairs = sum(1 for m in members if m.role == Role.CHAIR)
    if chairs != 1:
        problems.append(f"a committee has exactly one chair (given {chairs})")
    repeated = [i for i, n in Counter(m.inspector_id for m in members).items() if n > 1]
    problems += [f"{i} is named more than once" for i in repeated]
    if problems:
        raise InvalidInput("the committee's members are refused", problems)


def _member_problems(member: Member) -> list[str]:
    problems = []
    if member.role not in ROLES:
        problems.append(f"{member.inspector_id}: role must be one of {', '.join(ROLES)}")
    if not INSPECTOR_ID.match(member.inspector_id):
        problems.append(
            f"{member.inspector_id!r}: an inspector id is 1-100 letters, digits and ._:@-"
        )
    if not member.name.strip() or not is_one_line(member.name) or len(member.name) > 300:
        problems.append(f"{member.inspector_id}: the name is empty, too long or not one line")
    return problems


def _put_member(session: Session, committee_id: str, member: Member, seq: int) -> None:
    inspector = session.get(InspectorRecord, member.inspector_id)
    if inspector is None:
        session.add(InspectorRecord(id=member.inspector_id, name=member.name, seq=seq))
    elif inspector.name != member.name:
        inspector.name, inspector.seq = member.name, seq
        session.add(inspector)
    session.flush()
    session.merge(
        MembershipRecord(
            committee_id=committee_id,
            inspector_id=member.inspector_id,
            role=member.role,
            removed=False,
            seq=seq,
        )
    )


def _chair_of(session: Session, committee_id: str) -> str | None:
    chair = session.exec(
        select(MembershipRecord)
        .where(MembershipRecord.committee_id == committee_id)
        .where(MembershipRecord.role == Role.CHAIR.value)
        .where(MembershipRecord.removed == False)  # noqa: E712
    ).first()
    return chair.inspector_id if chair else None
