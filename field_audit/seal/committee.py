"""The committee on site: the chair gathers members' sealed audits (own and imported), sees
the disagreements, rules on disputes with a reason, and seals the committee result.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from field_audit.domain.committee import CommitteeResult, MemberVerdicts, Ruling, consolidate
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import Verdict
from field_audit.seal.bundle_format import refuse
from field_audit.seal.bundles import knowledge_of
from field_audit.seal.payload import iso
from field_audit.seal.sealing import SigningKey, row_of, signer_of
from field_audit.storage.database import Database
from field_audit.storage.rulings import committee_chair, record_ruling, rulings_for
from field_audit.storage.sealed import (
    SEALED_AUDIT,
    current_results,
    save_own_committee_seal,
    sealed_for_assignment,
)
from sync.protocol.sealed import COMMITTEE_RESULT, SignedResult, sign_result


@dataclass(frozen=True)
class MemberAudit:
    hash: str
    payload: dict[str, Any]

    @property
    def inspector_id(self) -> str:
        return str(self.payload["signer"]["inspector_id"])

    def verdicts(self) -> MemberVerdicts:
        found = {f["criterion"]: Verdict(f["verdict"]) for f in self.payload["findings"]}
        return MemberVerdicts(self.inspector_id, found)


@dataclass(frozen=True)
class CommitteeView:
    """The committee's state for one visit: members' audits, rulings, the consolidation."""

    edition: Edition
    members: list[MemberAudit]
    result: CommitteeResult


def member_audits(db: Database, assignment_id: str) -> list[MemberAudit]:
    """Each member's latest sealed revision for this visit, one per inspector."""
    records = current_results(sealed_for_assignment(db, assignment_id, SEALED_AUDIT))
    audits = [MemberAudit(r.hash, json.loads(r.payload)) for r in records]
    return sorted(audits, key=lambda a: a.inspector_id)


def committee_view(db: Database, assignment_id: str) -> CommitteeView:
    members = member_audits(db, assignment_id)
    if not members:
        raise refuse(
            "NO_MEMBER_AUDITS",
            "no sealed audit for this visit yet",
            "ยังไม่มีผลการประเมินที่ปิดผนึกแล้วของการตรวจนี้",
        )
    edition = _shared_edition(db, members)
    outcome = consolidate(edition, [m.verdicts() for m in members])
    disputed = set(outcome.disputed)
    rulings = [
        Ruling(r.criterion_id, Verdict(r.verdict), r.reason)
        for r in rulings_for(db, assignment_id)
        if r.criterion_id in disputed
    ]
    return CommitteeView(
        edition, members, consolidate(edition, [m.verdicts() for m in members], rulings)
    )


def rule_on_dispute(
    db: Database,
    assignment_id: str,
    criterion_id: str,
    verdict: Verdict,
    reason: str,
    *,
    chair_id: str,
) -> CommitteeView:
    """Record the chair's ruling (checked against the current disputes) and return the new view."""
    view = committee_view(db, assignment_id)
    members = [m.verdicts() for m in view.members]
    consolidate(view.edition, members, [Ruling(criterion_id, verdict, reason)])  # refuses bad ones
    record_ruling(
        db, assignment_id, criterion_id, verdict=verdict.value, reason=reason, by=chair_id
    )
    return committee_view(db, assignment_id)


def seal_committee(
    db: Database,
    assignment_id: str,
    key: SigningKey,
    *,
    chair_id: str,
    chair_name: str,
    now: datetime | None = None,
) -> SignedResult:
    """Seal the committee's result; only the chair, and only with nothing left disputed."""
    view = committee_view(db, assignment_id)
    head = view.members[0].payload
    chair = committee_chair(db, head["committee_id"])
    if chair is None or chair.inspector_id != chair_id:
        raise refuse(
            "NOT_CHAIR",
            "only the committee's chair seals its result",
            "เฉพาะประธานคณะกรรมการเท่านั้นที่ปิดผนึกผลของคณะกรรมการได้",
        )
    if view.result.score is None:
        raise refuse(
            "DISPUTED",
            f"rule on these first: {', '.join(view.result.unresolved)}",
            f"ประธานต้องวินิจฉัยข้อเหล่านี้ก่อน: {', '.join(view.result.unresolved)}",
        )
    payload = _committee_payload(view, head, signer_of(chair_id, chair_name, key), now)
    signed = sign_result(payload, sign=key.sign, public_key=key.public_key)
    save_own_committee_seal(db, row_of(signed, payload))
    return signed


def _committee_payload(
    view: CommitteeView, head: dict[str, Any], signer: dict[str, str], now: datetime | None
) -> dict[str, Any]:
    result = view.result
    assert result.score is not None
    shared = {k: head[k] for k in ("protocol", "edition", "round", "lao", "assignment_id")}
    shared |= {k: head[k] for k in ("committee_id", "visit_date")}
    return shared | {
        "type": COMMITTEE_RESULT,
        "result_id": str(uuid.uuid4()),
        "revision": 1,
        "replaces": None,
        "signer": signer,
        "members": [_member_entry(m) for m in view.members],
        "rulings": [
            {
                "criterion": o.criterion_id,
                "verdict": o.ruling.verdict.value,
                "reason": o.ruling.reason,
            }
            for o in result.outcomes
            if o.ruling is not None
        ],
        "verdicts": {k: v.value for k, v in result.verdicts.items()},
        "score": result.score.to_json(),
        "sealed_at": iso(now or datetime.now(UTC)),
    }


def _member_entry(member: MemberAudit) -> dict[str, str]:
    signer = member.payload["signer"]
    return {
        "inspector_id": signer["inspector_id"],
        "name": signer["name"],
        "fingerprint": signer["fingerprint"],
        "audit_hash": member.hash,
    }


def _shared_edition(db: Database, members: list[MemberAudit]) -> Edition:
    editions = {(m.payload["edition"]["id"], m.payload["edition"]["hash"]) for m in members}
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
