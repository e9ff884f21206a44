"""Dividing a committee's work for one visit: the criteria each member is given (by block, by
category or item by item), as the chair or the joint secretary plans it before the visit.

The division reaches members' devices with their assignments, where each audit starts from the
member's share; each sealed audit then states what it covers, and the committee's result is
checked criterion by criterion against what the counted audits covered (``sync.checks``), so
the plan is a convenience and never the rule a result rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from field_audit.domain.edition import Edition
from field_audit.domain.shares import Share, in_order, scope_problems, unshared
from sync.server.errors import InvalidInput
from sync.server.models import AssignmentRecord, MembershipRecord, RoundRecord, VisitShareRecord
from sync.server.store.changes import log_action, next_seq
from sync.server.store.editions import EditionCache
from sync.server.store.rows import require


@dataclass(frozen=True)
class Division:
    """A visit's planned shares (member -> criteria, in the edition's order) and what no
    share holds."""

    shares: dict[str, tuple[str, ...]]
    unshared: tuple[str, ...]


def set_share(
    session: Session,
    editions: EditionCache,
    assignment_id: str,
    inspector_id: str,
    criteria: Iterable[str],
    *,
    actor: str,
) -> Division:
    """Give a member of the visit's committee these criteria (replacing their earlier share)."""
    assignment = require(session, AssignmentRecord, assignment_id, "assignment")
    edition = _edition(session, editions, assignment)
    chosen = set(criteria)
    problems = [p.en for p in scope_problems(edition, chosen)]
    if not _is_member(session, assignment.committee_id, inspector_id):
        problems.append(f"{inspector_id} is not a member of committee {assignment.committee_id}")
    if problems:
        raise InvalidInput("the share is refused", problems)
    seq = next_seq(session)
    ordered = list(in_order(edition, chosen))
    session.merge(
        VisitShareRecord(
            assignment_id=assignment_id,
            inspector_id=inspector_id,
            criteria=ordered,
            set_by=actor,
            seq=seq,
        )
    )
    _touch(session, assignment, seq)
    log_action(
        session,
        actor=actor,
        action="visit.share",
        subject=assignment_id,
        member=inspector_id,
        criteria=ordered,
    )
    session.commit()
    return division(session, editions, assignment_id)


def clear_shares(session: Session, assignment_id: str, *, actor: str) -> None:
    """Undo the division: every member assesses every criterion again."""
    assignment = require(session, AssignmentRecord, assignment_id, "assignment")
    session.exec(
        delete(VisitShareRecord).where(col(VisitShareRecord.assignment_id) == assignment_id)
    )
    _touch(session, assignment, next_seq(session))
    log_action(session, actor=actor, action="visit.share_cleared", subject=assignment_id)
    session.commit()


def division(session: Session, editions: EditionCache, assignment_id: str) -> Division:
    assignment = require(session, AssignmentRecord, assignment_id, "assignment")
    edition = _edition(session, editions, assignment)
    shares = shares_of(session, [assignment_id]).get(assignment_id, {})
    planned = [Share(member, frozenset(ids)) for member, ids in shares.items()]
    left = unshared(edition, planned) if planned else ()
    return Division(shares, left)


def shares_of(
    session: Session, assignment_ids: Iterable[str]
) -> dict[str, dict[str, tuple[str, ...]]]:
    """assignment id -> member -> criteria, for the assignments given."""
    rows = session.exec(
        select(VisitShareRecord).where(
            col(VisitShareRecord.assignment_id).in_(list(assignment_ids))
        )
    ).all()
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in rows:
        found.setdefault(row.assignment_id, {})[row.inspector_id] = tuple(row.criteria)
    return found


def _edition(session: Session, editions: EditionCache, assignment: AssignmentRecord) -> Edition:
    round_ = require(session, RoundRecord, assignment.round_id, "round")
    return editions.get(session, round_.edition_hash)


def edition_of(session: Session, editions: EditionCache, assignment_id: str) -> Edition:
    """The edition the visit is assessed against (its round's)."""
    assignment = require(session, AssignmentRecord, assignment_id, "assignment")
    return _edition(session, editions, assignment)


def _is_member(session: Session, committee_id: str, inspector_id: str) -> bool:
    member = session.get(MembershipRecord, (committee_id, inspector_id))
    return member is not None and not member.removed


def _touch(session: Session, assignment: AssignmentRecord, seq: int) -> None:
    """The assignment's pulled record changes with its division."""
    assignment.seq = seq
    session.add(assignment)
