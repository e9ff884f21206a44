"""A realistic visit for the documents' tests: the 2560 edition's 60 criteria, a committee of a
chair and two members counted and one absent, notes, a ruling, not-met items and photos made
here (deterministic pictures, each with something to tell them apart)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

from PIL import Image, ImageDraw

from field_audit.documents.report_model import committee_report_view, inspector_report_view
from field_audit.documents.views import (
    DocumentSeen,
    Interview,
    Observation,
    ReportView,
)
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import score_verdicts
from sync.protocol.documents import serialise
from sync.protocol.sealed import (
    AbsentMember,
    CommitteeResult,
    CountedMember,
    EditionRef,
    Finding,
    LaoRef,
    PhotoRef,
    RoundRef,
    RulingEntry,
    ScoreSummary,
    SealedAudit,
    Signer,
    result_hash,
)

FINGERPRINTS = (
    "05213 88170 42096 31557 90418 66302",
    "11111 22222 33333 44444 55555 66666",
    "70707 12121 90909 34343 56565 78787",
)
MEMBERS = (
    ("i-1", "นายสมชาย ใจดี", "chair"),
    ("i-2", "นางสาวกุลธิดา ศรีสุข", "member"),
    ("i-4", "นายประเสริฐ วงศ์ใหญ่", "member"),
)
NOT_MET_BY_ALL = ("B07", "A04", "A05", "A12", "A17", "A18", "A19", "A20", "A13", "A15", "A16")
NOTES = {
    "B01": "อยู่ติดถนนสายหลัก มีรถสองแถวผ่านหน้าสำนักงานทุก 15 นาที",
    "B04": "ป้ายชื่อศูนย์ราชการสะดวกติดที่หน้าอาคาร มองเห็นได้จากถนน",
    "B07": "ยังใช้การเรียกชื่อตามลำดับการมาถึง ไม่มีบัตรคิว ผู้มาติดต่อบางรายไม่ทราบลำดับของตน",
    "B35": "เจ้าหน้าที่แนะนำและส่งต่อเรื่องที่ไม่อยู่ในอำนาจหน้าที่ไปยังอำเภอได้ถูกต้อง",
    "A03": "มีระบบยื่นคำขอออนไลน์สำหรับใบอนุญาตก่อสร้าง แต่ยังไม่ครอบคลุมงานทะเบียนพาณิชย์",
}
PHOTOS = {"B02": 2, "B04": 1, "B07": 2, "B11": 1}
VISIT = "2026-12-03"
HEAD: dict[str, Any] = {
    "protocol": 3,
    "round": RoundRef(id="fy2570", fiscal_year_be=2570),
    "lao": LaoRef(id="3300101", name_th="เทศบาลนครนครราชสีมา", kind="เทศบาลนคร", province_code="30"),
    "assignment_id": "a-1",
    "committee_id": "c-northeast-1",
    "visit_date": VISIT,
}


def picture(seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A JPEG with a coloured scene and a numbered band, distinct for each seed."""
    image = Image.new("RGB", size, (90 + seed * 23 % 120, 140, 190 - seed * 17 % 90))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w // 8, h // 4, w * 7 // 8, h * 3 // 4), fill=(235, 230, 210))
    draw.rectangle((w // 6, h // 3, w // 2, h * 2 // 3), fill=(40 + seed * 30 % 200, 90, 60))
    for stripe in range(seed % 5 + 2):
        x = w // 2 + 40 + stripe * 60
        draw.rectangle((x, h // 3, x + 30, h * 2 // 3), fill=(60, 60, 80))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def photo_sha(criterion: str, n: int) -> str:
    return f"{sum(map(ord, criterion)) * 10 + n:064x}"


PICTURES = {
    photo_sha(c, n): picture(i * 3 + n) for i, (c, k) in enumerate(PHOTOS.items()) for n in range(k)
}


def photo_source(sha256: str) -> bytes | None:
    return PICTURES.get(sha256)


def _verdict(inspector_id: str, cid: str) -> str:
    if cid in NOT_MET_BY_ALL:
        return "not_met"
    if cid == "A03":  # a tie between the two counted members: the chair rules
        return "met" if inspector_id == "i-1" else "not_met"
    if cid == "A14" and inspector_id == "i-4":  # a disagreement the majority decides
        return "not_met"
    return "met"


def _finding(inspector_id: str, cid: str) -> Finding:
    photos = tuple(
        PhotoRef(
            sha256=photo_sha(cid, n),
            byte_size=len(PICTURES[photo_sha(cid, n)]),
            caption=f"สภาพจริง ณ วันตรวจ ({cid} ภาพ {n + 1})",
            captured_at="2026-12-03T03:15:00Z" if n == 0 else None,
            gps=None,
        )
        for n in range(PHOTOS.get(cid, 0) if inspector_id == "i-1" else 0)
    )
    note = NOTES.get(cid, "") if inspector_id in ("i-1", "i-2") else ""
    return Finding(
        criterion=cid,
        verdict=_verdict(inspector_id, cid),
        note=note,
        recommendation="",
        recorded_at="2026-12-03T03:00:00Z",
        records=(),
        photos=photos,
    )


def _summary(edition: Edition, verdicts: dict[str, str | int]) -> ScoreSummary:
    score = score_verdicts(edition, {c: Verdict(v) for c, v in verdicts.items()})
    return ScoreSummary(**score.summary())


def member_audit(edition: Edition, index: int) -> SealedAudit:
    inspector_id, name, _role = MEMBERS[index]
    findings = tuple(_finding(inspector_id, cid) for cid in edition.criterion_ids)
    verdicts = {f.criterion: f.verdict for f in findings}
    return SealedAudit(
        **HEAD,
        edition=EditionRef(id=edition.id, hash=edition.content_hash),
        type="gecc.sealed-audit",
        result_id=f"r-{inspector_id}",
        revision=1,
        replaces=None,
        signer=Signer(
            inspector_id=inspector_id, name=name, key_id="k", fingerprint=FINGERPRINTS[index]
        ),
        scope=None,
        findings=findings,
        recommendation="",
        score=_summary(edition, verdicts),
        sealed_at="2026-12-03T05:00:00Z",
    )


def committee(edition: Edition) -> tuple[CommitteeResult, list[SealedAudit]]:
    audits = [member_audit(edition, index) for index in range(3)]
    counted = tuple(
        CountedMember(
            status="counted",
            inspector_id=a.signer.inspector_id,
            name=a.signer.name,
            role=MEMBERS[n][2],
            fingerprint=a.signer.fingerprint,
            audit_hash=result_hash(serialise(a)),
        )
        for n, a in enumerate(audits)
    )
    absent = AbsentMember(
        status="absent", inspector_id="i-3", name="นายวิชัย มาไม่ได้", role="member", reason="ลาป่วย"
    )
    verdicts = {cid: _verdict("i-1", cid) for cid in edition.criterion_ids}
    verdicts["A14"] = "met"
    result = CommitteeResult(
        **HEAD,
        edition=EditionRef(id=edition.id, hash=edition.content_hash),
        type="gecc.committee-result",
        result_id="cr-1",
        revision=1,
        replaces=None,
        signer=audits[0].signer,
        members=(absent, *counted),
        rulings=(
            RulingEntry(criterion="A03", verdict="met", reason="มีหลักฐานการใช้งานจริงย้อนหลังหกเดือน"),
        ),
        verdicts=verdicts,
        recommendations={},
        recommendation="",
        score=_summary(edition, verdicts),
        sealed_at="2026-12-03T06:00:00Z",
    )
    return result, audits


def report_view(edition: Edition, *, with_records: bool = False) -> ReportView:
    """The committee's report view; ``with_records`` adds what issue 14's data will bring."""
    result, audits = committee(edition)
    view = committee_report_view(
        result,
        audits,
        edition=edition,
        committee_name="คณะอนุกรรมการตรวจประเมิน ชุดที่ 3 (ภาคตะวันออกเฉียงเหนือ)",
    )
    if not with_records:
        return view
    criteria = tuple(
        replace(
            c,
            recommendations=("จัดหาระบบบัตรคิวและจอแสดงลำดับคิว",) if c.id == "B07" else (),
            evidence=(
                Interview(
                    "3 ธ.ค. 2569 10.30 น.", "citizen", "รอคิวนานประมาณ 40 นาที ไม่ทราบลำดับของตน"
                ),
                DocumentSeen("ทะเบียนผู้มาติดต่อ", "ทบ.1/2569"),
                Observation("ผู้มาติดต่อยืนรอหน้าช่องบริการ"),
            )
            if c.id == "B07"
            else (),
        )
        for c in view.criteria
    )
    overall = (
        "ควรจัดทำแผนพัฒนาบริการอิเล็กทรอนิกส์ให้ครอบคลุมทุกงานบริการ",
        "ควรสำรวจความพึงพอใจโดยหน่วยงานภายนอกอย่างน้อยปีละ 1 ครั้ง",
    )
    return replace(view, criteria=criteria, recommendations=overall)


def own_view(edition: Edition) -> ReportView:
    audit = member_audit(edition, 0)
    return inspector_report_view(audit, edition=edition, role="chair", committee_name="คณะที่ 3")


def visit_day() -> date:
    return date.fromisoformat(VISIT)
