"""The payload of a sealed audit, built from the device database (format: sync.protocol.sealed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from field_audit.domain.scoring import Verdict, score_verdicts
from field_audit.storage.context import AuditContext
from field_audit.storage.models import Finding, PhotoRecord
from sync.protocol.sealed import PROTOCOL_VERSION, SEALED_AUDIT

MICRO = 1_000_000


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def result_head(context: AuditContext, *, signer: dict[str, str], kind: str) -> dict[str, Any]:
    """The fields every result about this visit carries."""
    return {
        "type": kind,
        "protocol": PROTOCOL_VERSION,
        "edition": {"id": context.edition.id, "hash": context.edition.content_hash},
        "round": {"id": context.round.id, "fiscal_year_be": context.round.fiscal_year_be},
        "lao": {
            "id": context.lao.id,
            "name_th": context.lao.name_th,
            "kind": context.lao.kind,
            "province_code": context.lao.province_code,
        },
        "assignment_id": context.assignment.id,
        "committee_id": context.assignment.committee_id,
        "visit_date": context.assignment.visit_date.isoformat(),
        "signer": signer,
    }


def audit_payload(
    context: AuditContext, *, signer: dict[str, str], sealed_at: datetime
) -> dict[str, Any]:
    audit = context.audit
    verdicts = {
        cid: Verdict(f.verdict) for cid, f in context.findings.items() if f.verdict is not None
    }
    return {
        **result_head(context, signer=signer, kind=SEALED_AUDIT),
        "result_id": audit.id,
        "revision": audit.revision,
        "replaces": audit.replaces_hash,
        "findings": [
            _finding(context.findings[cid], context.photos.get(cid, []))
            for cid in context.edition.criterion_ids
            if cid in context.findings and context.findings[cid].verdict is not None
        ],
        "score": score_verdicts(context.edition, verdicts).to_json(),
        "sealed_at": iso(sealed_at),
    }


def _finding(finding: Finding, photos: list[PhotoRecord]) -> dict[str, Any]:
    return {
        "criterion": finding.criterion_id,
        "verdict": finding.verdict,
        "note": finding.note,
        "recorded_at": iso(finding.recorded_at),
        "photos": [photo_ref(p) for p in photos],
    }


def photo_ref(photo: PhotoRecord) -> dict[str, Any]:
    gps = None
    if photo.gps_lat is not None and photo.gps_lon is not None:
        gps = {"lat_e6": round(photo.gps_lat * MICRO), "lon_e6": round(photo.gps_lon * MICRO)}
    return {
        "sha256": photo.sha256,
        "byte_size": photo.byte_size,
        "caption": photo.caption,
        "captured_at": iso(photo.captured_at) if photo.captured_at else None,
        "gps": gps,
    }
