"""Checking a sealed audit or a committee result against the rules, for both sides.

The device runs these before it imports a bundle or seals a committee's result; the central
store runs the same before it keeps a result. Each check answers ``None`` or the first
``Problem`` (a stable code, words in English and Thai, and details for programs):

- ``audit_problem``: the scope (the member's share, or every criterion) names the edition's
  criteria; the findings name criteria of the scope once each, with answers the criteria take
  (a word, or points on a graded criterion's scale); the audit is complete
  (``missing_for_seal``: every criterion of the scope answered, every required photo present);
  every evidence record holds (``record_problems``: no personal data unless chosen, a page's
  photo among the finding's photos); the score it states is the one its findings give.
- ``committee_problem``: the roll of members it states stands (``roll_problems``: every
  member of the committee counted or absent with a reason, none left out whose audit is held,
  the quorum met); every counted audit is at hand; the consolidation of those audits, each
  counted on its own scope, with the chair's rulings (``consolidate``) leaves no criterion
  unassessed or unresolved and gives the verdicts and score it states; its recommendations
  name criteria of the edition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from field_audit.domain.answers import Answer, Grade, Verdict, answer_value, parse_answer
from field_audit.domain.attendance import Seat, StatedMember, roll_problems
from field_audit.domain.audit import missing_for_seal
from field_audit.domain.committee import MemberVerdicts, Ruling, consolidate
from field_audit.domain.edition import Edition
from field_audit.domain.errors import DomainError
from field_audit.domain.evidence_records import record_problems
from field_audit.domain.revisions import Revision
from field_audit.domain.scoring import Score, parse_verdicts, score_verdicts
from field_audit.domain.shares import Scope, scope_problems
from sync.checks.records import record_of
from sync.protocol.sealed import (
    CommitteeResult,
    CountedMember,
    Result,
    ScoreSummary,
    SealedAudit,
    VerdictValue,
)


@dataclass(frozen=True)
class Problem:
    code: str
    english: str
    thai: str
    details: dict[str, Any] = field(default_factory=dict)


def revision_of(result_hash: str, result: Result) -> Revision:
    """Where a result sits in its chain (``field_audit.domain.revisions``)."""
    return Revision(
        hash=result_hash,
        kind=result.type,
        assignment_id=result.assignment_id,
        signer=result.signer.inspector_id,
        revision=result.revision,
        replaces=result.replaces,
    )


def verdicts_of(audit: SealedAudit, edition: Edition) -> dict[str, Answer]:
    """The audit's answers; DomainError for an unknown criterion, one named twice, one
    outside the audit's scope, or an answer the criterion does not take."""
    verdicts = audit.verdicts
    if len(verdicts) != len(audit.findings):
        raise DomainError("a criterion has more than one finding")
    outside = sorted(set(verdicts) - scope_of(audit, edition))
    if outside:
        raise DomainError(f"criterion {outside[0]} is answered but not in the audit's scope")
    return parse_verdicts(edition, verdicts)


def scope_of(audit: SealedAudit, edition: Edition) -> Scope:
    """The criteria the audit covers: its stated scope, or every criterion."""
    return frozenset(audit.scope) if audit.scope is not None else frozenset(edition.criterion_ids)


def wire_answer(answer: Answer) -> VerdictValue:
    """An answer as a signed result states it: ``"met"``, ``"not_met"`` or points."""
    if isinstance(answer, Grade):
        return answer.points
    return "met" if answer is Verdict.MET else "not_met"


def summary_of(score: Score) -> ScoreSummary:
    return ScoreSummary(**score.summary())


def audit_problem(audit: SealedAudit, edition: Edition) -> Problem | None:
    """What is wrong with a sealed audit under ``edition`` (see the module docstring)."""
    wrong_scope = scope_problems(edition, audit.scope) if audit.scope is not None else []
    if wrong_scope:
        return Problem("MALFORMED_RESULT", wrong_scope[0].en, wrong_scope[0].th)
    try:
        verdicts = verdicts_of(audit, edition)
    except DomainError as error:
        return Problem("MALFORMED_RESULT", str(error), f"ผลการประเมินไม่ถูกต้อง: {error}")
    counts = {f.criterion: len(f.photos) for f in audit.findings}
    missing = missing_for_seal(edition, verdicts, counts, scope_of(audit, edition))
    if missing:
        return Problem(
            "AUDIT_INCOMPLETE",
            "the sealed audit is not complete: " + "; ".join(m.en for m in missing[:10]),
            "ผลการประเมินที่ปิดผนึกยังไม่ครบ: " + "; ".join(m.th for m in missing[:10]),
            {"missing": [{"criterion": m.criterion_id, "what": m.what} for m in missing]},
        )
    records = _records_problem(audit)
    if records is not None:
        return records
    if summary_of(score_verdicts(edition, verdicts)) != audit.score:
        return _score_mismatch("the score in the result does not follow from its findings")
    return None


def _records_problem(audit: SealedAudit) -> Problem | None:
    for finding in audit.findings:
        photos = {p.sha256 for p in finding.photos}
        for entry in finding.records:
            problems = record_problems(record_of(entry), photos)
            if problems:
                return Problem(
                    "EVIDENCE_RECORD_INVALID",
                    f"{finding.criterion}: {problems[0].en}",
                    f"ข้อ {finding.criterion}: {problems[0].th}",
                    {"criterion": finding.criterion, "kind": entry.kind},
                )
    return None


def stated_members(result: CommitteeResult) -> list[StatedMember]:
    return [
        StatedMember(
            m.inspector_id,
            m.audit_hash if isinstance(m, CountedMember) else None,
            "" if isinstance(m, CountedMember) else m.reason,
        )
        for m in result.members
    ]


def committee_problem(
    result: CommitteeResult,
    edition: Edition,
    seats: Sequence[Seat],
    current: Mapping[str, str],
    audits: Mapping[str, SealedAudit],
) -> Problem | None:
    """What is wrong with a committee result: ``current`` holds each member's current sealed
    audit of the visit (member -> hash) as the checker has them, ``audits`` the audits at hand
    by hash."""
    problems = roll_problems(seats, stated_members(result), current, edition.rule.quorum)
    if problems:
        first = problems[0]
        return Problem(
            first.code,
            "; ".join(p.text.en for p in problems),
            "; ".join(p.text.th for p in problems),
            {"problems": [{"code": p.code, "member": p.member} for p in problems]},
        )
    return _consolidation_problem(result, edition, audits)


def consolidated_score(
    result: CommitteeResult, edition: Edition, audits: Mapping[str, SealedAudit]
) -> Score:
    """The committee's score from the counted audits and the rulings; call it once
    ``committee_problem`` found nothing (DomainError otherwise)."""
    score, problem = _consolidation(result, edition, audits)
    if score is None:
        raise DomainError(problem.english if problem else "the consolidation does not hold")
    return score


def _consolidation_problem(
    result: CommitteeResult, edition: Edition, audits: Mapping[str, SealedAudit]
) -> Problem | None:
    missing = [m.audit_hash for m in result.counted if m.audit_hash not in audits]
    if missing:
        return Problem(
            "MEMBER_AUDIT_MISSING",
            "a member's sealed audit counted by the committee is not at hand",
            "ไม่พบผลการประเมินของกรรมการที่ผลคณะกรรมการนับ",
            {"audit_hash": missing[0]},
        )
    score, problem = _consolidation(result, edition, audits)
    if problem is not None:
        return problem
    if score is None or summary_of(score) != result.score:
        return _score_mismatch("the committee's score does not follow from its verdicts")
    return None


def _consolidation(
    result: CommitteeResult, edition: Edition, audits: Mapping[str, SealedAudit]
) -> tuple[Score | None, Problem | None]:
    try:
        members = [_member_verdicts(m, audits[m.audit_hash], edition) for m in result.counted]
        rulings = [_ruling(r.criterion, r.verdict, r.reason, edition) for r in result.rulings]
        outcome = consolidate(edition, members, rulings)
    except DomainError as error:
        return None, _mismatch(f"the chair's rulings do not hold: {error}", {})
    if outcome.unassessed:
        return None, _unassessed(list(outcome.unassessed))
    if outcome.score is None:
        unresolved = list(outcome.unresolved)
        return None, _mismatch("criteria are left unresolved", {"unresolved": unresolved})
    unknown = sorted(set(result.recommendations) - set(edition.criterion_ids))
    if unknown:
        return None, _mismatch("a recommendation names an unknown criterion", {"unknown": unknown})
    ours = {k: answer_value(v) for k, v in outcome.verdicts.items()}
    differ = sorted(
        k for k in set(ours) | set(result.verdicts) if ours.get(k) != result.verdicts.get(k)
    )
    if differ:
        return None, _mismatch(
            "the signed verdicts are not the consolidation of the audits", {"differ": differ}
        )
    return outcome.score, None


def _member_verdicts(member: CountedMember, audit: SealedAudit, edition: Edition) -> MemberVerdicts:
    return MemberVerdicts(
        member.inspector_id, verdicts_of(audit, edition), scope_of(audit, edition)
    )


def _ruling(criterion_id: str, value: str | int, reason: str, edition: Edition) -> Ruling:
    criterion = edition.criterion(criterion_id)
    if criterion is None:
        raise DomainError(f"ruling names unknown criterion {criterion_id!r}")
    return Ruling(criterion_id, parse_answer(criterion, value), reason)


def _unassessed(criteria: list[str]) -> Problem:
    listed = ", ".join(criteria[:10])
    return Problem(
        "CRITERIA_UNASSESSED",
        f"no counted member assessed {listed}: a member must assess them first",
        f"ยังไม่มีกรรมการคนใดประเมินข้อ {listed} จึงต้องมีผู้ประเมินก่อน",
        {"unassessed": criteria},
    )


def _mismatch(english: str, details: dict[str, Any]) -> Problem:
    return Problem(
        "CONSOLIDATION_MISMATCH",
        f"the committee's verdicts do not follow from its members' audits: {english}",
        "ผลของคณะกรรมการไม่ตรงกับผลของกรรมการแต่ละคนและการวินิจฉัยของประธาน",
        details,
    )


def _score_mismatch(english: str) -> Problem:
    return Problem("SCORE_MISMATCH", english, "คะแนนในผลไม่ตรงกับผลรายข้อ")
