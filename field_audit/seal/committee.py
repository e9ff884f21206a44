"""The committee on site: the chair gathers members' sealed audits (own and imported), records
who is absent and why, sees the disagreements, rules on disputes with a reason, and seals the
committee result once every member is accounted for and the quorum is met.

The roll (``field_audit.domain.attendance``) and the checks of the sealed document
(``sync.checks.results``) are the ones the central store applies: the device never seals a
committee result the store would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from field_audit.domain.answers import Answer, answer_text, answer_value, parse_answer, read_answer
from field_audit.domain.attendance import Roll, call_roll
from field_audit.domain.committee import CommitteeResult, MemberVerdicts, Ruling, consolidate
from field_audit.domain.edition import ADMINISTRATIVE_PROCEDURE_QUORUM, Edition, Text
from field_audit.domain.errors import VerdictError
from field_audit.domain.signing_keys import key_fault
from field_audit.domain.wording import listed
from field_audit.seal.bundle_format import refuse
from field_audit.seal.bundles import current_audits, knowledge_of
from field_audit.seal.committee_document import committee_document
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import SigningKey, row_of, signer_of
from field_audit.storage.database import Database
from field_audit.storage.models import SealedResultRecord
from field_audit.storage.outbox import refused_refs
from field_audit.storage.recommendations import (
    committee_recommendations,
    record_committee_recommendation,
)
from field_audit.storage.roll import absences_for, committee_seats, member_keys, record_absence
from field_audit.storage.rulings import committee_chair, record_ruling, rulings_for
from field_audit.storage.sealed import (
    COMMITTEE_RESULT,
    current_results,
    save_own_committee_seal,
    sealed_for_assignment,
)
from sync.checks.results import committee_problem, scope_of, verdicts_of
from sync.protocol.sealed import SealedAudit, SignedResult, sign_result


@dataclass(frozen=True)
class Sitting:
    """The committee sitting on one visit: the assignment, and the committee assigned to it."""

    assignment_id: str
    committee_id: str


@dataclass(frozen=True)
class MemberAudit:
    hash: str
    audit: SealedAudit

    @property
    def inspector_id(self) -> str:
        return self.audit.signer.inspector_id


@dataclass(frozen=True)
class KeyProblem:
    """A member's held audit that can no longer count: its key was revoked since."""

    inspector_id: str
    code: str
    text: Text


@dataclass(frozen=True)
class CommitteeView:
    """The committee's state for one visit: the roll, the members' audits, the rulings, and
    the consolidation of the counted audits (None while none is counted)."""

    edition: Edition | None
    roll: Roll
    members: list[MemberAudit]
    result: CommitteeResult | None
    key_problems: tuple[KeyProblem, ...]
    recommendations: dict[str, str]
    """The chair's consolidated recommendations (criterion id, ``OVERALL`` for the whole)."""

    @property
    def ready_to_seal(self) -> bool:
        """Every member accounted for, the quorum met, nothing disputed, every key valid."""
        return (
            self.roll.ready
            and self.result is not None
            and self.result.score is not None
            and not self.key_problems
        )


def member_audits(db: Database, assignment_id: str) -> list[MemberAudit]:
    """Each member's latest sealed revision for this visit, one per inspector."""
    held = current_audits(db, assignment_id)
    return sorted(
        (MemberAudit(h, audit) for h, audit in held.values()), key=lambda m: m.inspector_id
    )


def committee_view(db: Database, sitting: Sitting) -> CommitteeView:
    assignment_id = sitting.assignment_id
    members = member_audits(db, assignment_id)
    seats = committee_seats(db, sitting.committee_id) or []
    edition = _shared_edition(db, members) if members else None
    quorum = edition.rule.quorum if edition else ADMINISTRATIVE_PROCEDURE_QUORUM
    audits = {m.inspector_id: m.hash for m in members}
    roll = call_roll(seats, audits, absences_for(db, assignment_id), quorum)
    counted = [m for m in members if m.inspector_id in {s.inspector_id for s in seats}]
    result = _consolidation(db, assignment_id, edition, counted) if edition and counted else None
    with db.session() as session:
        recommendations = committee_recommendations(session, assignment_id)
    return CommitteeView(
        edition, roll, members, result, _key_problems(db, counted), recommendations
    )


def rule_on_dispute(
    db: Database,
    sitting: Sitting,
    criterion_id: str,
    *,
    verdict: Answer,
    reason: str,
    chair_id: str,
) -> CommitteeView:
    """Record the chair's ruling (checked against the current disputes) and return the new view."""
    view = committee_view(db, sitting)
    if view.edition is None or not view.members:
        raise _no_audits()
    criterion = view.edition.criterion(criterion_id)
    if criterion is None:
        raise refuse(
            "UNKNOWN_CRITERION", f"no criterion {criterion_id}", f"ไม่มีเกณฑ์ข้อ {criterion_id}"
        )
    parse_answer(criterion, answer_value(verdict))  # a point value on the scale, or a word
    members = [_verdicts(m, view.edition) for m in view.members]
    consolidate(view.edition, members, [Ruling(criterion_id, verdict, reason)])  # refuses bad ones
    record_ruling(
        db,
        sitting.assignment_id,
        criterion_id,
        verdict=answer_text(verdict),
        reason=reason,
        by=chair_id,
    )
    return committee_view(db, sitting)


def _check_answer(edition: Edition, criterion_id: str, answer: Answer) -> None:
    """A ruling gives the criterion an answer it takes: a word, or points on its scale."""
    criterion = edition.criterion(criterion_id)
    try:
        if criterion is None:
            raise VerdictError(f"unknown criterion {criterion_id!r}")
        parse_answer(criterion, answer_value(answer))
    except VerdictError as error:
        raise refuse("BAD_VERDICT", str(error), f"ผลที่วินิจฉัยไม่ถูกต้อง: {error}") from None


def recommend(
    db: Database, sitting: Sitting, criterion_id: str, text: str, *, chair_id: str
) -> CommitteeView:
    """The chair's consolidated recommendation on one criterion (or overall: ``OVERALL``)."""
    _require_chair(db, sitting.committee_id, chair_id)
    record_committee_recommendation(db, sitting.assignment_id, criterion_id, text, by=chair_id)
    return committee_view(db, sitting)


def mark_absent(
    db: Database, sitting: Sitting, inspector_id: str, *, reason: str, chair_id: str
) -> CommitteeView:
    """Record that a member is absent from the committee's result of the visit, and why."""
    assignment_id = sitting.assignment_id
    _require_chair(db, sitting.committee_id, chair_id)
    seats = {s.inspector_id: s for s in committee_seats(db, sitting.committee_id) or []}
    if inspector_id not in seats:
        raise refuse(
            "NOT_A_MEMBER",
            f"{inspector_id} is not a member of this committee",
            f"{inspector_id} ไม่ได้เป็นกรรมการในคณะนี้",
        )
    if inspector_id == chair_id:
        raise refuse(
            "CHAIR_ABSENT",
            "the chair signs the committee's result and cannot be absent",
            "ประธานเป็นผู้ปิดผนึกผลของคณะกรรมการ จึงบันทึกว่าไม่มาไม่ได้",
        )
    if inspector_id in current_audits(db, assignment_id):
        raise refuse(
            "AUDIT_HELD",
            "this member's sealed audit is here: it counts",
            "มีผลการประเมินที่ปิดผนึกแล้วของกรรมการคนนี้ในเครื่อง จึงต้องนับผลนั้น",
        )
    if not reason.strip():
        raise refuse("REASON_NEEDED", "an absence needs a reason", "กรุณาระบุเหตุผลที่กรรมการไม่มา")
    record_absence(db, assignment_id, inspector_id, reason=reason.strip(), by=chair_id)
    return committee_view(db, sitting)


def seal_committee(
    db: Database,
    sitting: Sitting,
    key: SigningKey,
    *,
    chair_id: str,
    chair_name: str,
    now: datetime | None = None,
) -> SignedResult:
    """Seal the committee's result: only the chair, every member accounted for, the quorum
    met, nothing disputed. A new seal after a late audit replaces the previous one."""
    _require_chair(db, sitting.committee_id, chair_id)
    view = committee_view(db, sitting)
    _require_ready(view)
    assert view.edition is not None
    assert view.result is not None
    previous = current_committee_seal(db, sitting.assignment_id)
    document = committee_document(
        view, signer_of(chair_id, chair_name, key), previous, now or datetime.now(UTC)
    )
    at_hand = {m.hash: m.audit for m in view.members}
    problem = committee_problem(
        document,
        view.edition,
        [a.seat for a in view.roll.attendances],
        {m.inspector_id: m.hash for m in view.members},
        at_hand,
    )
    if problem is not None:
        raise refuse(problem.code, problem.english, problem.thai)
    signed = sign_result(document, sign=key.sign, public_key=key.public_key)
    save_own_committee_seal(db, row_of(signed, document))
    return signed


def _require_chair(db: Database, committee_id: str, chair_id: str) -> None:
    chair = committee_chair(db, committee_id)
    if chair is None or chair.inspector_id != chair_id:
        raise refuse(
            "NOT_CHAIR",
            "only the committee's chair records absences and seals its result",
            "เฉพาะประธานคณะกรรมการเท่านั้นที่บันทึกกรรมการที่ไม่มาและปิดผนึกผลของคณะกรรมการได้",
        )


def _require_ready(view: CommitteeView) -> None:
    roll = view.roll
    if roll.awaited:
        names = ", ".join(a.seat.name for a in roll.awaited)
        raise refuse(
            "MEMBERS_AWAITED",
            f"every member must be accounted for first: import their audits or record them "
            f"absent with a reason ({names})",
            f"ต้องนับครบทุกคนก่อน: นำเข้าผลของกรรมการหรือบันทึกว่าไม่มาพร้อมเหตุผล ({names})",
        )
    if not roll.quorum_met:
        raise refuse(
            "QUORUM_NOT_MET",
            f"{len(roll.counted)} member(s) counted: at least {roll.needed} are needed",
            f"นับผลของกรรมการได้ {len(roll.counted)} คน ไม่ครบองค์ประชุม (ต้องมีอย่างน้อย {roll.needed} คน)",
        )
    if view.key_problems:
        first = view.key_problems[0]
        raise refuse(first.code, first.text.en, first.text.th)
    if view.result is not None and view.result.unassessed:
        missing = listed(view.result.unassessed, "en")
        raise refuse(
            "CRITERIA_UNASSESSED",
            f"no member has assessed these yet: {missing}",
            f"ยังไม่มีกรรมการคนใดประเมินข้อ {listed(view.result.unassessed, 'th')}",
        )
    if view.result is None or view.result.score is None:
        unresolved = ", ".join(view.result.unresolved) if view.result else ""
        raise refuse(
            "DISPUTED",
            f"rule on these first: {unresolved}",
            f"ประธานต้องวินิจฉัยข้อเหล่านี้ก่อน: {unresolved}",
        )


def _consolidation(
    db: Database, assignment_id: str, edition: Edition, counted: list[MemberAudit]
) -> CommitteeResult:
    members = [_verdicts(m, edition) for m in counted]
    outcome = consolidate(edition, members)
    disputed = set(outcome.disputed)
    rulings = [
        Ruling(r.criterion_id, read_answer(r.verdict), r.reason)
        for r in rulings_for(db, assignment_id)
        if r.criterion_id in disputed
    ]
    return consolidate(edition, members, rulings)


def _verdicts(member: MemberAudit, edition: Edition) -> MemberVerdicts:
    return MemberVerdicts(
        member.inspector_id,
        verdicts_of(member.audit, edition),
        scope_of(member.audit, edition),
    )


def _key_problems(db: Database, counted: list[MemberAudit]) -> tuple[KeyProblem, ...]:
    problems = []
    for member in counted:
        fault = key_fault(
            member_keys(db, member.inspector_id), _public_key(db, member.hash), used_at=None
        )
        if fault is not None:
            problems.append(
                KeyProblem(member.inspector_id, fault.value, fault.text(member.audit.signer.name))
            )
    return tuple(problems)


def _public_key(db: Database, result_hash: str) -> str:
    with db.session() as session:
        record = session.get(SealedResultRecord, result_hash)
        return record.public_key if record else ""


def current_committee_seal(db: Database, assignment_id: str) -> SealedResultRecord | None:
    """The committee's latest sealed result of the visit that the central store has not
    refused: a refused one never stands, so a new seal starts a chain of its own."""
    refused = refused_refs(db)
    records = [
        r
        for r in current_results(sealed_for_assignment(db, assignment_id, COMMITTEE_RESULT))
        if r.hash not in refused
    ]
    return max(records, key=lambda r: (r.revision, r.stored_at)) if records else None


def _shared_edition(db: Database, members: list[MemberAudit]) -> Edition:
    editions = {(m.audit.edition.id, m.audit.edition.hash) for m in members}
    if len(editions) != 1:
        raise refuse(
            "CATALOG_MISMATCH",
            "members assessed against different editions",
            "กรรมการใช้เกณฑ์ต่างฉบับกัน",
        )
    edition = knowledge_of(db).edition(*editions.pop())
    if edition is None:
        raise refuse(
            "CATALOG_MISMATCH",
            "this device does not have the members' edition",
            "เครื่องนี้ไม่มีเกณฑ์ฉบับที่กรรมการใช้",
        )
    return edition


def _no_audits() -> BundleRefused:
    return refuse(
        "NO_MEMBER_AUDITS",
        "no sealed audit for this visit yet",
        "ยังไม่มีผลการประเมินที่ปิดผนึกแล้วของการตรวจนี้",
    )
