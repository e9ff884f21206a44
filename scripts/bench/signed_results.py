"""Sealed audits signed for the benchmarks, without a device: every criterion met, a photo on
each that needs one, the score its findings give (the typed documents of ``sync.protocol``)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import score_verdicts
from sync.checks.results import summary_of
from sync.protocol.sealed import (
    PROTOCOL_VERSION,
    SEALED_AUDIT,
    EditionRef,
    Finding,
    LaoRef,
    PhotoRef,
    RoundRef,
    SealedAudit,
    Signer,
    sign_result,
)
from sync.protocol.signatures import key_fingerprint, public_key_of

ROUND = RoundRef(id="fy2560", fiscal_year_be=2560)


def audit_upload(
    edition: Edition,
    key: Any,
    inspector_id: str,
    visit: tuple[str, str, str],
    photo: tuple[str, int],
    *,
    replaces: str | None = None,
) -> tuple[str, bytes]:
    """(hash, upload body) of the inspector's audit of ``visit`` (assignment, LAO, committee),
    signed with ``key``; a correction (revision 2) when it ``replaces`` one."""
    assignment, lao, committee = visit
    public = public_key_of(key)
    score = score_verdicts(edition, dict.fromkeys(edition.criterion_ids, Verdict.MET))
    audit = SealedAudit(
        protocol=PROTOCOL_VERSION,
        edition=EditionRef(id=edition.id, hash=edition.content_hash),
        round=ROUND,
        lao=LaoRef(id=lao, name_th=f"เทศบาลเมืองทดสอบ {lao}", kind="เทศบาลเมือง", province_code="50"),
        assignment_id=assignment,
        committee_id=committee,
        visit_date="2017-03-14",
        signer=Signer(
            inspector_id=inspector_id,
            name=f"ผู้ตรวจ {inspector_id}",
            key_id="device-key-1",
            fingerprint=key_fingerprint(public),
        ),
        type=SEALED_AUDIT,
        result_id=str(uuid.uuid4()),
        revision=2 if replaces else 1,
        replaces=replaces,
        findings=tuple(
            _finding(c.id, photo if c.photo_required else None) for c in edition.criteria
        ),
        score=summary_of(score),
        sealed_at="2017-03-14T05:00:00Z",
    )
    signed = sign_result(audit, sign=key.sign, public_key=public)
    body = {"payload": signed.payload_bytes.decode(), "envelope": signed.envelope().model_dump()}
    return signed.hash, json.dumps(body).encode()


def _finding(criterion: str, photo: tuple[str, int] | None) -> Finding:
    photos = (
        ()
        if photo is None
        else (
            PhotoRef(sha256=photo[0], byte_size=photo[1], caption="", captured_at=None, gps=None),
        )
    )
    return Finding(
        criterion=criterion,
        verdict="met",
        note="",
        recorded_at="2017-03-14T03:00:00Z",
        photos=photos,
    )
