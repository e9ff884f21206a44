"""The chair's committee result: checked against the members' stored audits, then decided.

``check_committee_result`` refuses a committee result unless its signer is the committee's
chair (NOT_CHAIR); every member audit it names is stored (MEMBER_AUDIT_MISSING) and is the
current revision of that member's sealed audit of this same assignment (MEMBER_AUDIT_INVALID);
and the server's own consolidation (``field_audit.domain.committee.consolidate``) of those
audits with the chair's rulings resolves every criterion and gives exactly the verdicts the
chair signed (CONSOLIDATION_MISMATCH). ``record_certification`` then records the LAO as
certified or not for the round, with the reasons, and the pipeline's on-site step.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from field_audit.domain.committee import MemberVerdicts, Ruling, consolidate
from field_audit.domain.edition import Edition
from field_audit.domain.errors import DomainError
from field_audit.domain.pipeline import OnsiteResult
from field_audit.domain.scoring import Score, Verdict
from sync.protocol.canonical import parse_canonical
from sync.protocol.sealed import SEALED_AUDIT
from sync.server.errors import Forbidden, Unprocessable
from sync.server.models import (
    ApplicationRecord,
    AssignmentRecord,
    CertificationRecord,
    DeviceKeyRecord,
    MembershipRecord,
    ResultRecord,
    now_utc,
)
from sync.server.store.revisions import current_of, verdicts_in


def check_committee_result(
    session: Session,
    edition: Edition,
    payload: dict[str, Any],
    assignment: AssignmentRecord,
    key: DeviceKeyRecord,
) -> Score:
    """The committee's score, recomputed; refuses as the module docstring says."""
    _check_chair(session, assignment.committee_id, key.inspector_id)
    members = [_member_verdicts(session, edition, m, assignment) for m in _members(payload)]
    rulings = _rulings(payload)
    try:
        result = consolidate(edition, members, rulings)
    except DomainError as error:
        raise _mismatch(str(error)) from error
    if result.unresolved or result.score is None:
        raise _mismatch("criteria are left unresolved", unresolved=list(result.unresolved))
    ours = {k: v.value for k, v in result.verdicts.items()}
    theirs = payload.get("verdicts")
    if ours != theirs:
        differ = sorted(
            k for k in set(ours) | set(theirs or {}) if ours.get(k) != (theirs or {}).get(k)
        )
        raise _mismatch(
            "the signed verdicts are not the consolidation of the audits", differ=differ
        )
    return result.score


def record_certification(
    session: Session, record: ResultRecord, score: Score, assignment: AssignmentRecord, seq: int
) -> None:
    """Record the committee's decision for the LAO and round (the latest result decides)."""
    session.merge(
        CertificationRecord(
            round_id=record.round_id,
            lao_id=record.lao_id,
            result_hash=record.hash,
            certified=score.certified,
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
    certified = OnsiteResult.CERTIFIED if score.certified else OnsiteResult.NOT_CERTIFIED
    application.onsite_result, application.onsite_on = certified.value, assignment.visit_date
    application.seq = seq
    session.add(application)


def _check_chair(session: Session, committee_id: str, signer: str) -> None:
    chair = session.exec(
        select(MembershipRecord)
        .where(MembershipRecord.committee_id == committee_id)
        .where(MembershipRecord.role == "chair")
        .where(MembershipRecord.removed == False)  # noqa: E712 - SQL, not Python
    ).first()
    if chair is None or chair.inspector_id != signer:
        raise Forbidden(
            "only the committee's chair signs its committee result",
            code="NOT_CHAIR",
            chair=chair.inspector_id if chair else None,
        )


def _members(payload: dict[str, Any]) -> list[dict[str, Any]]:
    members = payload.get("members")
    if (
        not isinstance(members, list)
        or not members
        or not all(isinstance(m, dict) for m in members)
    ):
        raise Unprocessable("members must be a non-empty list of objects", code="MALFORMED_RESULT")
    return members


def _member_verdicts(
    session: Session, edition: Edition, member: dict[str, Any], assignment: AssignmentRecord
) -> MemberVerdicts:
    audit_hash = str(member.get("audit_hash"))
    audit = session.get(ResultRecord, audit_hash)
    if audit is None:
        raise Unprocessable(
            "a member's audit is not uploaded yet",
            code="MEMBER_AUDIT_MISSING",
            audit_hash=audit_hash,
        )
    expected = (SEALED_AUDIT, assignment.id, member.get("inspector_id"))
    if (audit.kind, audit.assignment_id, audit.inspector_id) != expected:
        raise _invalid(audit_hash, "it is not this member's sealed audit of this assignment")
    current = current_of(session, audit)
    if current.hash != audit.hash:
        raise _invalid(audit_hash, f"it was corrected by {current.hash}", current_hash=current.hash)
    verdicts = verdicts_in(edition, parse_canonical(audit.payload))
    return MemberVerdicts(member=audit.inspector_id, verdicts=verdicts)


def _rulings(payload: dict[str, Any]) -> list[Ruling]:
    raw = payload.get("rulings", [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise Unprocessable("rulings must be a list of objects", code="MALFORMED_RESULT")
    try:
        return [Ruling(str(r["criterion"]), Verdict(r["verdict"]), str(r["reason"])) for r in raw]
    except (KeyError, ValueError) as error:
        raise Unprocessable(f"a ruling is malformed ({error})", code="MALFORMED_RESULT") from None


def _invalid(audit_hash: str, why: str, **details: Any) -> Unprocessable:
    return Unprocessable(
        f"member audit {audit_hash[:12]}… cannot be used: {why}",
        code="MEMBER_AUDIT_INVALID",
        audit_hash=audit_hash,
        **details,
    )


def _mismatch(message: str, **details: Any) -> Unprocessable:
    return Unprocessable(message, code="CONSOLIDATION_MISMATCH", **details)
