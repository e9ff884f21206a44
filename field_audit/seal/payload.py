"""The sealed audit of one device audit, built as the protocol's typed document
(``sync.protocol.sealed.SealedAudit``) from the device database."""

from __future__ import annotations

from datetime import UTC, datetime

from field_audit.domain.scoring import Verdict, score_verdicts
from field_audit.storage.context import AuditContext
from field_audit.storage.models import Finding, PhotoRecord
from sync.protocol.sealed import (
    PROTOCOL_VERSION,
    EditionRef,
    Gps,
    LaoRef,
    PhotoRef,
    RoundRef,
    ScoreSummary,
    SealedAudit,
    Signer,
)
from sync.protocol.sealed import Finding as SealedFinding

MICRO = 1_000_000


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def visit_head(context: AuditContext) -> dict[str, object]:
    """The fields every result about this visit carries (keyword arguments of a result)."""
    return {
        "protocol": PROTOCOL_VERSION,
        "edition": EditionRef(id=context.edition.id, hash=context.edition.content_hash),
        "round": RoundRef(id=context.round.id, fiscal_year_be=context.round.fiscal_year_be),
        "lao": LaoRef(
            id=context.lao.id,
            name_th=context.lao.name_th,
            kind=context.lao.kind,
            province_code=context.lao.province_code,
        ),
        "assignment_id": context.assignment.id,
        "committee_id": context.assignment.committee_id,
        "visit_date": context.assignment.visit_date.isoformat(),
    }


def audit_document(context: AuditContext, *, signer: Signer, sealed_at: datetime) -> SealedAudit:
    audit = context.audit
    verdicts = {
        cid: Verdict(f.verdict) for cid, f in context.findings.items() if f.verdict is not None
    }
    answered = [
        context.findings[cid]
        for cid in context.edition.criterion_ids
        if cid in context.findings and context.findings[cid].verdict is not None
    ]
    return SealedAudit.model_validate(
        {
            **visit_head(context),
            "type": "gecc.sealed-audit",
            "result_id": audit.id,
            "revision": audit.revision,
            "replaces": audit.replaces_hash,
            "signer": signer,
            "findings": tuple(
                _finding(f, context.photos.get(f.criterion_id, [])) for f in answered
            ),
            "score": ScoreSummary(**score_verdicts(context.edition, verdicts).summary()),
            "sealed_at": iso(sealed_at),
        }
    )


def _finding(finding: Finding, photos: list[PhotoRecord]) -> SealedFinding:
    return SealedFinding(
        criterion=finding.criterion_id,
        verdict="met" if finding.verdict == Verdict.MET else "not_met",
        note=finding.note,
        recorded_at=iso(finding.recorded_at),
        photos=tuple(photo_ref(p) for p in photos),
    )


def photo_ref(photo: PhotoRecord) -> PhotoRef:
    gps = None
    if photo.gps_lat is not None and photo.gps_lon is not None:
        gps = Gps(lat_e6=round(photo.gps_lat * MICRO), lon_e6=round(photo.gps_lon * MICRO))
    return PhotoRef(
        sha256=photo.sha256,
        byte_size=photo.byte_size,
        caption=photo.caption,
        captured_at=iso(photo.captured_at) if photo.captured_at else None,
        gps=gps,
    )
