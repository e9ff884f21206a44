"""The chair's committee result: checked against the committee and its members' stored
audits, then recorded as the committee's finding.

``check_committee_result`` refuses a committee result unless its signer is the committee's
chair (NOT_CHAIR); every audit it counts is stored (MEMBER_AUDIT_MISSING) and is the current
revision of that member's sealed audit of this same assignment (MEMBER_AUDIT_INVALID); and
then the rule the device applies too (``sync.checks.results.committee_problem``): every member
of the committee is accounted for, counted or absent with a reason, none left out whose audit
the store holds (MEMBER_OMITTED, ABSENCE_WITHOUT_REASON, CHAIR_ABSENT, NOT_A_MEMBER,
MEMBER_REPEATED), the quorum is met (QUORUM_NOT_MET), and the consolidation of the counted
audits with the chair's rulings gives exactly the verdicts and score signed
(CONSOLIDATION_MISMATCH, SCORE_MISMATCH).

``record_certification`` records the committee's finding for the LAO and round (meets the
criteria or not, with the reasons) and the pipeline's on-site step. A finding is not a
certificate: the office decides (``decisions``). An audit that arrives after the committee
result (a member recorded absent, or a correction) is kept, and ``reconsolidation_needed``
then says the visit's committee result no longer counts every current audit.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from field_audit.domain.attendance import Seat
from field_audit.domain.edition import Edition
from field_audit.domain.pipeline import OnsiteResult
from field_audit.domain.roles import Role
from field_audit.domain.scoring import Score
from sync.checks.results import committee_problem, consolidated_score
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    SEALED_AUDIT,
    CommitteeResult,
    SealedAudit,
    parse_result,
)
from sync.server.errors import Forbidden, Unprocessable
from sync.server.models import (
    ApplicationRecord,
    AssignmentRecord,
    CertificationRecord,
    DeviceKeyRecord,
    InspectorRecord,
    MembershipRecord,
    ResultRecord,
    now_utc,
)
from sync.server.store.revisions import current_audits, current_of


def check_committee_result(
    session: Session,
    edition: Edition,
    result: CommitteeResult,
    assignment: AssignmentRecord,
    key: DeviceKeyRecord,
) -> Score:
    """The committee's score, recomputed; refuses as the module docstring says."""
    _check_chair(session, assignment.committee_id, key.inspector_id)
    at_hand = {
        m.audit_hash: _counted_audit(session, m.audit_hash, m.inspector_id, assignment)
        for m in result.counted
    }
    held = {
        member: record.hash for member, record in current_audits(session, assignment.id).items()
    }
    problem = committee_problem(
        result, edition, committee_seats(session, assignment.committee_id), held, at_hand
    )
    if problem is not None:
        status = Forbidden if problem.code == "NOT_A_MEMBER" else Unprocessable
        raise status(problem.english, code=problem.code, thai=problem.thai, **problem.details)
    return consolidated_score(result, edition, at_hand)


def committee_seats(session: Session, committee_id: str) -> list[Seat]:
    """The committee's current members, as the roll counts them."""
    rows = session.exec(
        select(MembershipRecord, InspectorRecord)
        .join(InspectorRecord, InspectorRecord.id == MembershipRecord.inspector_id)  # type: ignore[arg-type]
        .where(MembershipRecord.committee_id == committee_id)
        .where(MembershipRecord.removed == False)  # noqa: E712 - SQL, not Python
    ).all()
    return sorted(
        (Seat(m.inspector_id, i.name, m.role) for m, i in rows), key=lambda s: s.inspector_id
    )


def record_certification(
    session: Session, record: ResultRecord, score: Score, assignment: AssignmentRecord, seq: int
) -> None:
    """Record the committee's finding for the LAO and round (the latest result decides)."""
    session.merge(
        CertificationRecord(
            round_id=record.round_id,
            lao_id=record.lao_id,
            result_hash=record.hash,
            meets_criteria=score.meets_criteria,
            points=score.points,
            level=score.level.id if score.level else None,
            reasons=[r.to_json() for r in score.reasons],
            decided_at=now_utc(),
            seq=seq,
        )
    )
    application = session.get(ApplicationRecord, (record.round_id, record.lao_id))
    application = application or ApplicationRecord(
        round_id=record.round_id, lao_id=record.lao_id, seq=seq
    )
    finding = OnsiteResult.MEETS_CRITERIA if score.meets_criteria else OnsiteResult.DOES_NOT_MEET
    application.onsite_result, application.onsite_on = finding.value, assignment.visit_date
    application.seq = seq
    session.add(application)


def reconsolidation_needed(session: Session, committee_hash: str) -> list[str]:
    """The members whose current audit of the visit the committee result does not count (an
    audit that arrived after it, or a correction): empty when it counts every one."""
    record = session.get(ResultRecord, committee_hash)
    if record is None or record.kind != COMMITTEE_RESULT:
        return []
    committee = parse_result(record.payload, expected_type=COMMITTEE_RESULT)
    assert isinstance(committee, CommitteeResult)  # the type was asked for
    counted = {m.audit_hash for m in committee.counted}
    current = current_audits(session, record.assignment_id)
    return sorted(member for member, audit in current.items() if audit.hash not in counted)


def _check_chair(session: Session, committee_id: str, signer: str) -> None:
    chair = session.exec(
        select(MembershipRecord)
        .where(MembershipRecord.committee_id == committee_id)
        .where(MembershipRecord.role == Role.CHAIR.value)
        .where(MembershipRecord.removed == False)  # noqa: E712 - SQL, not Python
    ).first()
    if chair is None or chair.inspector_id != signer:
        raise Forbidden(
            "only the committee's chair signs its committee result",
            code="NOT_CHAIR",
            chair=chair.inspector_id if chair else None,
        )


def _counted_audit(
    session: Session, audit_hash: str, member: str, assignment: AssignmentRecord
) -> SealedAudit:
    audit = session.get(ResultRecord, audit_hash)
    if audit is None:
        raise Unprocessable(
            "a member's audit is not uploaded yet",
            code="MEMBER_AUDIT_MISSING",
            audit_hash=audit_hash,
        )
    if (audit.kind, audit.assignment_id, audit.inspector_id) != (
        SEALED_AUDIT,
        assignment.id,
        member,
    ):
        raise _invalid(audit_hash, "it is not this member's sealed audit of this assignment")
    current = current_of(session, audit)
    if current.hash != audit.hash:
        raise _invalid(audit_hash, f"it was corrected by {current.hash}", current_hash=current.hash)
    parsed = parse_result(audit.payload, expected_type=SEALED_AUDIT)
    assert isinstance(parsed, SealedAudit)  # the type was asked for
    return parsed


def _invalid(audit_hash: str, why: str, **details: Any) -> Unprocessable:
    return Unprocessable(
        f"member audit {audit_hash[:12]}… cannot be used: {why}",
        code="MEMBER_AUDIT_INVALID",
        audit_hash=audit_hash,
        **details,
    )
