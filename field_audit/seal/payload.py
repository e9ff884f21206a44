"""The sealed audit of one device audit, built as the protocol's typed document
(``sync.protocol.sealed.SealedAudit``) from the device database."""

from __future__ import annotations

from datetime import UTC, datetime

from field_audit.domain.answers import read_answer
from field_audit.domain.scoring import score_verdicts
from field_audit.domain.shares import in_order
from field_audit.storage.context import AuditContext
from field_audit.storage.models import Finding, PhotoRecord
from sync.checks.records import entry_of
from sync.checks.results import wire_answer
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


def visit_head_of(result: SealedAudit) -> dict[str, object]:
    """The visit's fields as an audit of it states them, for a result about the same visit."""
    fields = ("edition", "round", "lao", "assignment_id", "committee_id", "visit_date")
    return {"protocol": PROTOCOL_VERSION, **{k: getattr(result, k) for k in fields}}


def audit_document(context: AuditContext, *, signer: Signer, sealed_at: datetime) -> SealedAudit:
    """The audit as it is sealed: the findings of its scope only (answers left outside a
    narrowed share stay on the device, unsealed)."""
    audit, scope = context.audit, context.scope
    answered = [
        context.findings[cid]
        for cid in context.edition.criterion_ids
        if context.covers(cid)
        and cid in context.findings
        and context.findings[cid].verdict is not None
    ]
    verdicts = {f.criterion_id: read_answer(f.verdict or "") for f in answered}
    return SealedAudit.model_validate(
        {
            **visit_head(context),
            "type": "gecc.sealed-audit",
            "result_id": audit.id,
            "revision": audit.revision,
            "replaces": audit.replaces_hash,
            "signer": signer,
            "scope": None if scope is None else in_order(context.edition, scope),
            "findings": tuple(_finding(f, context) for f in answered),
            "recommendation": audit.recommendation,
            "score": ScoreSummary(**score_verdicts(context.edition, verdicts).summary()),
            "sealed_at": iso(sealed_at),
        }
    )


def _finding(finding: Finding, context: AuditContext) -> SealedFinding:
    records = context.records.get(finding.criterion_id, [])
    return SealedFinding(
        criterion=finding.criterion_id,
        verdict=wire_answer(read_answer(finding.verdict or "")),
        note=finding.note,
        recommendation=finding.recommendation,
        recorded_at=iso(finding.recorded_at),
        records=tuple(entry_of(record) for _id, record in records),
        photos=tuple(photo_ref(p) for p in context.photos.get(finding.criterion_id, [])),
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
