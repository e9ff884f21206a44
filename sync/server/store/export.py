"""A round as rows for a workbook: each LAO with its steps, the committee's score, the office's
decision and the certificate; and a summary per province. Read in a few queries whatever the
round's size (the pipeline's statuses from ``overview``'s snapshots). ``sync.server.workbook``
writes them as an Excel file."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from sync.server.console_tables import PipelineSnapshot
from sync.server.models import (
    ApplicationRecord,
    CertificationRecord,
    DecisionRecord,
    LaoRecord,
    RoundRecord,
)
from sync.server.store.editions import EditionCache
from sync.server.store.listing import CertificateState, certificates_by_lao
from sync.server.store.overview import refresh_snapshots
from sync.server.store.rows import require

LAO_COLUMNS = (
    ("lao_id", "รหัส อปท.", "LAO id"),
    ("name_th", "ชื่อ อปท.", "LAO"),
    ("kind", "ประเภท", "Kind"),
    ("province", "จังหวัด", "Province"),
    ("step", "ขั้นตอนปัจจุบัน", "Current step"),
    ("holding", "สิ่งที่รออยู่", "What holds it"),
    ("eligible", "มีคุณสมบัติ", "Eligible"),
    ("self_points", "คะแนนประเมินตนเอง", "Self-assessment points"),
    ("documents", "เอกสาร Word/PDF", "Word/PDF"),
    ("screening", "ผลการตรวจเอกสาร", "Screening"),
    ("finding", "ผลของคณะกรรมการ", "Committee's finding"),
    ("points", "คะแนนของคณะกรรมการ", "Committee's points"),
    ("level", "ระดับ", "Level"),
    ("decision", "มติของสำนักงาน", "Office's decision"),
    ("decided_on", "วันที่มีมติ", "Decided on"),
    ("basis", "มติ/คำสั่ง", "Meeting or order"),
    ("certificate", "เลขที่ใบรับรอง", "Certificate"),
    ("valid_until", "มีผลถึง", "Valid until"),
    ("certificate_state", "สถานะใบรับรอง", "Certificate state"),
)
PROVINCE_COLUMNS = (
    ("province", "จังหวัด", "Province"),
    ("applicants", "อปท. ที่สมัคร", "Applicants"),
    ("screened_passed", "ผ่านการตรวจเอกสาร", "Screening passed"),
    ("assessed", "ตรวจประเมินแล้ว", "Assessed"),
    ("meets_criteria", "ผ่านเกณฑ์", "Meet the criteria"),
    ("certified", "มติให้การรับรอง", "Decided to certify"),
    ("certificates", "ใบรับรองที่มีผล", "Certificates in force"),
)


@dataclass(frozen=True)
class RoundSheets:
    round: RoundRecord
    laos: list[dict[str, Any]]
    provinces: list[dict[str, Any]]


def round_sheets(
    session: Session, editions: EditionCache, round_id: str, *, today: date
) -> RoundSheets:
    round_ = require(session, RoundRecord, round_id, "round")
    refresh_snapshots(session, editions, round_, today)
    five: Any = sa_select(  # sqlmodel's select takes at most four entities
        LaoRecord, ApplicationRecord, PipelineSnapshot, CertificationRecord, DecisionRecord
    )
    rows: Any = session.execute(
        five.join(ApplicationRecord, col(ApplicationRecord.lao_id) == col(LaoRecord.id))
        .join(PipelineSnapshot, _same(PipelineSnapshot, ApplicationRecord))
        .outerjoin(CertificationRecord, _same(CertificationRecord, ApplicationRecord))
        .outerjoin(DecisionRecord, _same(DecisionRecord, ApplicationRecord))
        .where(ApplicationRecord.round_id == round_id)
        .order_by(col(LaoRecord.province_code), col(LaoRecord.name_th))
    ).all()
    certificates = certificates_by_lao(session, [round_id])
    laos = [
        _lao_row(lao, a, s, f, d, certificates.get((round_id, lao.id))) for lao, a, s, f, d in rows
    ]
    return RoundSheets(round_, laos, _provinces(laos))


def _same(model: Any, application: Any) -> Any:
    return and_(model.round_id == application.round_id, model.lao_id == application.lao_id)


def _lao_row(  # noqa: PLR0917 - one row of the query, as it comes
    lao: LaoRecord,
    a: ApplicationRecord,
    s: PipelineSnapshot,
    finding: CertificationRecord | None,
    decision: DecisionRecord | None,
    certificate: CertificateState | None,
) -> dict[str, Any]:
    screening = {None: "", True: "ผ่าน", False: f"ไม่ผ่าน: {a.screening_reason or ''}"}
    return {
        "lao_id": lao.id,
        "name_th": lao.name_th,
        "kind": lao.kind,
        "province": lao.province_th or lao.province_code,
        "step": s.step if s.step is not None else "ครบทุกขั้นตอน",
        "holding": s.holding_th,
        "eligible": "ใช่" if s.eligible else "ไม่ใช่",
        "self_points": a.self_assessment_points,
        "documents": f"{'Word' if a.word else '-'}/{'PDF' if a.pdf else '-'}",
        "screening": screening[a.screening_passed],
        "finding": "" if finding is None else "ผ่านเกณฑ์" if finding.meets_criteria else "ไม่ผ่านเกณฑ์",
        "points": finding.points if finding else None,
        "level": finding.level if finding else None,
        "decision": ""
        if decision is None
        else "ให้การรับรอง"
        if decision.certify
        else "ไม่ให้การรับรอง",
        "decided_on": decision.decided_on if decision else None,
        "basis": decision.basis if decision else "",
        "certificate": certificate.reference if certificate else "",
        "valid_until": certificate.valid_until if certificate else None,
        "certificate_state": ""
        if certificate is None
        else "มีผล"
        if certificate.state == "issued"
        else "ถูกเพิกถอน",
        "_passed": a.screening_passed is True,
        "_certify": bool(decision and decision.certify),
        "_standing": bool(certificate and certificate.state == "issued"),
    }


def _provinces(laos: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counted: dict[str, Counter[str]] = {}
    for row in laos:
        count = counted.setdefault(row["province"], Counter())
        count["applicants"] += 1
        count["screened_passed"] += row["_passed"]
        count["assessed"] += bool(row["finding"])
        count["meets_criteria"] += row["finding"] == "ผ่านเกณฑ์"
        count["certified"] += row["_certify"]
        count["certificates"] += row["_standing"]
    return [
        {"province": province, **{k: count[k] for k, _th, _en in PROVINCE_COLUMNS[1:]}}
        for province, count in sorted(counted.items())
    ]
