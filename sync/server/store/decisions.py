"""The office's decision to certify an LAO, and what it rests on, checked where it is made.

The committee's result is a finding (the centre meets the criteria or not); the LAO is
certified only when the office decides so, on that result, and records who decided, when, and
the meeting or order the decision rests on (``basis``: e.g. the steering committee's meeting
number and date). ``basis_problems`` re-checks, at the decision and again at the certificate,
every rule the committee's result rests on, by the same functions the device applies:

- NO_COMMITTEE_RESULT: no committee result has decided the LAO in the round;
- NOT_APPROVED: the office's review of that result is not ``approved``;
- RECONSOLIDATION_NEEDED: a member's audit arrived or was corrected after the result (an
  absent member's late audit): the chair must consolidate and seal again;
- the roll and the consolidation (``sync.checks.results.committee_problem``) against the
  committee's current members and the audits held now: MEMBER_OMITTED, QUORUM_NOT_MET, ...;
- KEY_NOT_VALID_WHEN_USED: a key that signed the result or an audit it counts was revoked
  before the store received it (``key_fault`` with the time of receipt, which the store trusts).

``record_decision`` refuses a decision to certify whose finding is "does not meet the
criteria" (CRITERIA_NOT_MET) or whose LAO fails an eligibility gate (NOT_ELIGIBLE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from field_audit.domain.edition import Edition
from field_audit.domain.signing_keys import key_fault
from sync.checks.results import committee_problem
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    SEALED_AUDIT,
    CommitteeResult,
    SealedAudit,
    parse_result,
)
from sync.server.errors import Conflict, InvalidInput
from sync.server.models import (
    AssignmentRecord,
    CertificateRecord,
    CertificationRecord,
    DecisionRecord,
    ResultRecord,
    RoundRecord,
    now_utc,
)
from sync.server.store.changes import log_action, next_seq
from sync.server.store.committee_results import committee_seats, reconsolidation_needed
from sync.server.store.editions import EditionCache
from sync.server.store.eligibility import check_certificate
from sync.server.store.results import signer_keys
from sync.server.store.reviews import ReviewState, review_state
from sync.server.store.revisions import current_audits
from sync.server.store.rows import require


@dataclass(frozen=True)
class NewDecision:
    """What the office decided on an LAO's committee result."""

    round_id: str
    lao_id: str
    certify: bool
    basis: str  # the meeting or order, e.g. "มติคณะกรรมการอำนวยการ ครั้งที่ 2/2570 วันที่ 15 มี.ค. 2570"
    decided_on: date
    decided_by: str  # the officer who decided


def record_decision(
    session: Session, editions: EditionCache, new: NewDecision, *, actor: str, today: date
) -> DecisionRecord:
    """Record the office's decision (one transaction); refuses as the module docstring says."""
    _check_words(new, today)
    seq = next_seq(session)
    round_ = require(session, RoundRecord, new.round_id, "round")
    finding = basis_of(session, editions, round_, new.lao_id)
    if standing_certificate(session, new.round_id, new.lao_id) is not None:
        raise Conflict(
            "a certificate stands for this LAO and round: revoke it before deciding again",
            code="CERTIFICATE_STANDS",
        )
    if new.certify and not finding.meets_criteria:
        raise Conflict(
            "the committee found that the centre does not meet the criteria",
            code="CRITERIA_NOT_MET",
            thai="ผลของคณะกรรมการ: ศูนย์บริการไม่ผ่านเกณฑ์",
            result_hash=finding.result_hash,
        )
    record = _decision(new, finding, actor=actor, seq=seq)
    session.merge(record)
    session.flush()
    if new.certify:
        check_certificate(
            session, editions, round_id=new.round_id, lao_id=new.lao_id,
            visit_date=visit_date_of(session, finding), today=today,
        )  # fmt: skip
    log_action(
        session,
        actor=actor,
        action="decision.record",
        subject=f"{new.round_id}/{new.lao_id}",
        certify=new.certify,
        basis=new.basis,
        decided_on=new.decided_on.isoformat(),
        decided_by=new.decided_by,
        result=finding.result_hash,
    )
    session.commit()
    return record


def basis_of(
    session: Session, editions: EditionCache, round_: RoundRecord, lao_id: str
) -> CertificationRecord:
    """The committee's finding a decision or a certificate rests on, once every rule it rests
    on holds now (see the module docstring); refuses otherwise."""
    finding = session.get(CertificationRecord, (round_.id, lao_id))
    if finding is None:
        raise Conflict(
            f"no committee result has decided {lao_id} in round {round_.id} yet",
            code="NO_COMMITTEE_RESULT",
            round_id=round_.id,
            lao_id=lao_id,
        )
    state = review_state(session, finding.result_hash)
    if state is not ReviewState.APPROVED:
        raise Conflict(
            f"the committee result is {state}, not approved by the office",
            code="NOT_APPROVED",
            result_hash=finding.result_hash,
            state=state.value,
        )
    _check_still_holds(session, editions.get(session, round_.edition_hash), finding.result_hash)
    return finding


def _check_still_holds(session: Session, edition: Edition, committee_hash: str) -> None:
    late = reconsolidation_needed(session, committee_hash)
    if late:
        raise Conflict(
            "a member's audit arrived or was corrected after the committee's result: the chair"
            " must consolidate and seal it again",
            code="RECONSOLIDATION_NEEDED",
            thai="มีผลของกรรมการเข้ามาหรือแก้ไขหลังผลของคณะกรรมการ ประธานต้องรวมผลและปิดผนึกใหม่",
            members=late,
        )
    record = require(session, ResultRecord, committee_hash, "result")
    committee = parse_result(record.payload, expected_type=COMMITTEE_RESULT)
    assert isinstance(committee, CommitteeResult)  # the type was asked for
    counted = {
        m.audit_hash: require(session, ResultRecord, m.audit_hash, "result")
        for m in committee.counted
    }
    audits = {h: _audit(r) for h, r in counted.items()}
    held = {member: r.hash for member, r in current_audits(session, record.assignment_id).items()}
    problem = committee_problem(
        committee, edition, committee_seats(session, record.committee_id), held, audits
    )
    if problem is not None:
        raise Conflict(problem.english, code=problem.code, thai=problem.thai, **problem.details)
    for used in (record, *counted.values()):
        _check_key_when_used(session, used)


def _check_key_when_used(session: Session, record: ResultRecord) -> None:
    fault = key_fault(
        signer_keys(session, record.inspector_id), record.key_id, used_at=record.received_at
    )
    if fault is not None:
        raise Conflict(
            f"the key that signed result {record.hash[:12]}… of {record.inspector_id} was not"
            " valid when the store received it",
            code="KEY_NOT_VALID_WHEN_USED",
            thai=fault.text(record.inspector_id).th,
            result_hash=record.hash,
        )


def _audit(record: ResultRecord) -> SealedAudit:
    audit = parse_result(record.payload, expected_type=SEALED_AUDIT)
    assert isinstance(audit, SealedAudit)  # the type was asked for
    return audit


def visit_date_of(session: Session, finding: CertificationRecord) -> date:
    result = require(session, ResultRecord, finding.result_hash, "result")
    return require(session, AssignmentRecord, result.assignment_id, "assignment").visit_date


def standing_certificate(session: Session, round_id: str, lao_id: str) -> CertificateRecord | None:
    """The LAO's certificate for the round that is not revoked, if there is one."""
    return session.exec(
        select(CertificateRecord).where(CertificateRecord.current_for == f"{round_id}/{lao_id}")
    ).first()


def decision_for_certificate(session: Session, finding: CertificationRecord) -> DecisionRecord:
    """The office's decision to certify, on exactly the committee result of ``finding``."""
    decision = session.get(DecisionRecord, (finding.round_id, finding.lao_id))
    if decision is None:
        raise Conflict(
            "the office has not recorded its decision on this LAO yet",
            code="NO_DECISION",
            thai="สำนักงานยังไม่ได้บันทึกมติการรับรอง อปท. นี้",
        )
    if not decision.certify:
        raise Conflict(
            f"the office decided on {decision.decided_on} not to certify the LAO",
            code="DECIDED_NOT_TO_CERTIFY",
            basis=decision.basis,
        )
    if decision.result_hash != finding.result_hash:
        raise Conflict(
            "the decision rests on an earlier committee result: decide again on the current one",
            code="DECISION_OUTDATED",
            decided_on_result=decision.result_hash,
            current_result=finding.result_hash,
        )
    return decision


def _check_words(new: NewDecision, today: date) -> None:
    problems = ["the basis (the meeting or order) is empty"] if not new.basis.strip() else []
    problems += ["name the officer who decided"] if not new.decided_by.strip() else []
    problems += (
        [f"the decision is dated {new.decided_on}, after today"] if new.decided_on > today else []
    )
    if problems:
        raise InvalidInput("the decision is refused", problems)


def _decision(
    new: NewDecision, finding: CertificationRecord, *, actor: str, seq: int
) -> DecisionRecord:
    return DecisionRecord(
        round_id=new.round_id,
        lao_id=new.lao_id,
        certify=new.certify,
        result_hash=finding.result_hash,
        basis=new.basis.strip(),
        decided_on=new.decided_on,
        decided_by=new.decided_by.strip(),
        recorded_by=actor,
        recorded_at=now_utc(),
        seq=seq,
    )
