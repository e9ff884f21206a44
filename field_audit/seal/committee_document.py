"""The committee's result of a visit as the protocol's typed document, built from the chair's
view of the committee (``field_audit.seal.committee``): the roll, the rulings, the verdicts,
the score and the chair's consolidated recommendations."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from field_audit.domain.attendance import Presence, Seat
from field_audit.seal.payload import iso, visit_head_of
from field_audit.storage.models import SealedResultRecord
from field_audit.storage.recommendations import OVERALL
from field_audit.storage.sealed import COMMITTEE_RESULT
from sync.checks.results import summary_of, wire_answer
from sync.protocol.sealed import AbsentMember, CountedMember, RulingEntry, Signer
from sync.protocol.sealed import CommitteeResult as CommitteeDocument

if TYPE_CHECKING:
    from field_audit.seal.committee import CommitteeView, MemberAudit


def committee_document(
    view: CommitteeView, signer: Signer, previous: SealedResultRecord | None, now: datetime
) -> CommitteeDocument:
    """The document to sign; call it once the view is ready to seal."""
    result = view.result
    assert result is not None
    assert result.score is not None
    audits = {m.inspector_id: m for m in view.members}
    recommendations = dict(view.recommendations)
    overall = recommendations.pop(OVERALL, "")
    return CommitteeDocument.model_validate(
        {
            **visit_head_of(view.members[0].audit),
            "type": COMMITTEE_RESULT,
            "result_id": str(uuid.uuid4()),
            "revision": previous.revision + 1 if previous else 1,
            "replaces": previous.hash if previous else None,
            "signer": signer,
            "members": tuple(
                _member_entry(a.seat, a.presence, audits, a.reason) for a in view.roll.attendances
            ),
            "rulings": tuple(
                RulingEntry(
                    criterion=o.criterion_id,
                    verdict=wire_answer(o.ruling.verdict),
                    reason=o.ruling.reason,
                )
                for o in result.outcomes
                if o.ruling is not None
            ),
            "verdicts": {k: wire_answer(v) for k, v in result.verdicts.items()},
            "recommendations": recommendations,
            "recommendation": overall,
            "score": summary_of(result.score),
            "sealed_at": iso(now),
        }
    )


def _member_entry(
    seat: Seat, presence: Presence, audits: dict[str, MemberAudit], reason: str
) -> CountedMember | AbsentMember:
    if presence is Presence.COUNTED:
        member = audits[seat.inspector_id]
        return CountedMember(
            status="counted",
            inspector_id=seat.inspector_id,
            name=seat.name,
            role=seat.role,
            fingerprint=member.audit.signer.fingerprint,
            audit_hash=member.hash,
        )
    return AbsentMember(
        status="absent",
        inspector_id=seat.inspector_id,
        name=seat.name,
        role=seat.role,
        reason=reason,
    )
