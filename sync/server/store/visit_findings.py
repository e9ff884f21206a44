"""Everything the office reads about one visit, side by side: every criterion with the
committee's verdict and each member's verdict, note, evidence records and recommendation, the
disputes and the chair's rulings with reasons, the committee's recommendations, each member's
planned share of the criteria, every result received with its review, and the photos with their
plausibility (``evidence``). Read-only.

The members' verdicts are those of their current audits (the latest revision of each); the
committee's are those of the latest committee result. A criterion is disputed when the members'
votes have no majority (a tie, or nobody answered), as the consolidation has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from field_audit.domain.answers import read_answer
from field_audit.domain.committee import majority_of
from field_audit.domain.edition import Criterion
from sync.protocol.records import RecordEntry
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    CommitteeResult,
    SealedAudit,
    VerdictValue,
    parse_result,
)
from sync.server.models import (
    AssignmentRecord,
    CommitteeRecord,
    LaoRecord,
    ResultRecord,
    ReviewRecord,
    RoundRecord,
)
from sync.server.store.committee_results import reconsolidation_needed
from sync.server.store.editions import EditionCache
from sync.server.store.evidence import PhotoEvidence, visit_photos
from sync.server.store.listing import Review
from sync.server.store.revisions import current_audits
from sync.server.store.rows import require
from sync.server.store.shares import shares_of
from sync.server.store.visits import Seat, seats_of


@dataclass(frozen=True)
class MemberFinding:
    verdict: VerdictValue | None
    note: str
    records: tuple[RecordEntry, ...] = ()
    recommendation: str = ""


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    committee: VerdictValue | None
    members: dict[str, MemberFinding]
    disputed: bool
    ruling: tuple[VerdictValue, str] | None  # (verdict, reason)
    recommendation: str  # the committee's, for this criterion

    @property
    def has_evidence(self) -> bool:
        """Whether anything beside the verdicts is written for this criterion."""
        return bool(self.recommendation) or any(
            f.records or f.recommendation for f in self.members.values()
        )


@dataclass(frozen=True)
class ReceivedResult:
    record: ResultRecord
    review: Review
    current: bool


@dataclass(frozen=True)
class VisitFindings:
    assignment: AssignmentRecord
    round: RoundRecord
    lao: LaoRecord
    committee: CommitteeRecord
    seats: list[Seat]
    results: list[ReceivedResult]
    committee_result: CommitteeResult | None
    criteria: list[CriterionRow]
    photos: list[PhotoEvidence]
    late_members: list[str]
    shares: dict[str, tuple[str, ...]]  # each member's planned criteria (none: all of them)
    scopes: dict[str, tuple[str, ...] | None]  # what each member's audit says it assessed
    member_recommendations: dict[str, str]  # each member's overall recommendation

    @property
    def member_names(self) -> dict[str, str]:
        return {seat.inspector_id: seat.name for seat in self.seats}

    @property
    def recommendation(self) -> str:
        """The committee's overall recommendation to the LAO."""
        return self.committee_result.recommendation if self.committee_result else ""

    @property
    def flagged(self) -> list[PhotoEvidence]:
        return [p for p in self.photos if set(p.flags) - {"NO_TIME", "NO_POSITION"}]


def visit_findings(session: Session, editions: EditionCache, assignment_id: str) -> VisitFindings:
    """The visit of ``assignment_id`` as the module docstring says (NOT_FOUND if none)."""
    assignment = require(session, AssignmentRecord, assignment_id, "visit")
    round_ = require(session, RoundRecord, assignment.round_id, "round")
    lao = require(session, LaoRecord, assignment.lao_id, "LAO")
    committee = require(session, CommitteeRecord, assignment.committee_id, "committee")
    edition = editions.get(session, round_.edition_hash)
    audits = current_audits(session, assignment_id)
    parsed = {inspector: _audit(r) for inspector, r in audits.items()}
    results = _results(session, assignment_id, {r.hash for r in audits.values()})
    latest = _latest_committee(session, results)
    chosen = _committee_result(latest)
    seats = seats_of(session, [committee.id]).get(committee.id, [])
    return VisitFindings(
        assignment=assignment,
        round=round_,
        lao=lao,
        committee=committee,
        seats=seats,
        results=results,
        committee_result=chosen,
        criteria=[_row(c, parsed, chosen) for c in edition.criteria],
        photos=visit_photos(session, list(audits.values()), lao, assignment.visit_date),
        late_members=reconsolidation_needed(session, latest.hash) if latest else [],
        shares=shares_of(session, [assignment_id]).get(assignment_id, {}),
        scopes={inspector: audit.scope for inspector, audit in sorted(parsed.items())},
        member_recommendations={
            inspector: audit.recommendation
            for inspector, audit in sorted(parsed.items())
            if audit.recommendation
        },
    )


def _row(
    criterion: Criterion, audits: dict[str, SealedAudit], committee: CommitteeResult | None
) -> CriterionRow:
    members = {
        inspector: _finding(audit, criterion.id) for inspector, audit in sorted(audits.items())
    }
    votes = [
        read_answer(str(f.verdict)) if f.verdict is not None else None for f in members.values()
    ]
    ruling = None
    if committee is not None:
        found = next((r for r in committee.rulings if r.criterion == criterion.id), None)
        ruling = (found.verdict, found.reason) if found else None
    return CriterionRow(
        criterion=criterion,
        committee=committee.verdicts.get(criterion.id) if committee else None,
        members=members,
        disputed=bool(members) and majority_of(votes) is None,
        ruling=ruling,
        recommendation=committee.recommendations.get(criterion.id, "") if committee else "",
    )


def _finding(audit: SealedAudit, criterion_id: str) -> MemberFinding:
    found = next((f for f in audit.findings if f.criterion == criterion_id), None)
    if found is None:
        return MemberFinding(None, "")
    return MemberFinding(found.verdict, found.note, found.records, found.recommendation)


def _results(session: Session, assignment_id: str, current: set[str]) -> list[ReceivedResult]:
    rows = session.exec(
        select(ResultRecord, ReviewRecord)
        .outerjoin(ReviewRecord, col(ReviewRecord.result_hash) == col(ResultRecord.hash))
        .where(ResultRecord.assignment_id == assignment_id)
        .options(defer(ResultRecord.payload))  # type: ignore[arg-type]
        .order_by(col(ResultRecord.received_at))
    ).all()
    replaced = {record.replaces for record, _ in rows if record.replaces}
    return [
        ReceivedResult(
            record,
            Review(review.state, review.comment, review.reviewer, review.reviewed_at)
            if review
            else Review("received"),
            record.hash in current
            or (record.kind == COMMITTEE_RESULT and record.hash not in replaced),
        )
        for record, review in rows
    ]


def _latest_committee(session: Session, results: list[ReceivedResult]) -> ResultRecord | None:
    chosen = [r for r in results if r.record.kind == COMMITTEE_RESULT and r.current]
    if not chosen:
        return None
    return session.get(ResultRecord, chosen[-1].record.hash)


def _committee_result(record: ResultRecord | None) -> CommitteeResult | None:
    if record is None:
        return None
    parsed = parse_result(record.payload, expected_type=COMMITTEE_RESULT)
    assert isinstance(parsed, CommitteeResult)  # the type was asked for
    return parsed


def _audit(record: ResultRecord) -> SealedAudit:
    parsed = parse_result(record.payload)
    assert isinstance(parsed, SealedAudit)  # current_audits reads sealed audits only
    return parsed
