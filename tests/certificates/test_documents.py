"""The printable documents: Thai shaped and legible, the report complete, inputs checked."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from field_audit.documents import BadReportInput, FontMissing, certificate_pdf, committee_report_pdf
from field_audit.domain.edition import Edition
from field_audit.evidence.qr import certificate_qr_png
from sync.protocol.certificates import SignedCertificate
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
from tests.certificates.rendering import keep_artifact, needs_pdftoppm, render_page

FINGERPRINTS = ("05213 88170 42096 31557 90418 66302", "11111 22222 33333 44444 55555 66666")
HEAD: dict[str, Any] = {
    "protocol": 3,
    "edition": EditionRef(id="gecc-2560", hash="e" * 64),
    "round": RoundRef(id="fy2570", fiscal_year_be=2570),
    "lao": LaoRef(id="3300101", name_th="เทศบาลนครนครราชสีมา", kind="เทศบาลนคร", province_code="30"),
    "assignment_id": "a-1",
    "committee_id": "c3",
    "visit_date": "2026-12-03",
}
SCORE = ScoreSummary(
    points=72, max_points=80, answered=60, total=60, meets_criteria=True, level=None
)


def photo_ref(seed: int) -> PhotoRef:
    return PhotoRef(sha256=f"{seed:064x}", byte_size=1000, caption="", captured_at=None, gps=None)


def signer(inspector_id: str, name: str, fingerprint: str) -> Signer:
    return Signer(inspector_id=inspector_id, name=name, key_id="k", fingerprint=fingerprint)


def member(inspector_id: str, name: str, fingerprint: str, notes: dict[str, str]) -> SealedAudit:
    findings = tuple(
        Finding(
            criterion=cid,
            verdict="met" if cid != "A03" or inspector_id == "i-1" else "not_met",
            note=note,
            recommendation="",
            recorded_at="2026-12-03T03:00:00Z",
            records=(),
            photos=tuple(photo_ref(i) for i in range(3 if cid == "B01" else 0)),
        )
        for cid, note in notes.items()
    )
    return SealedAudit(
        **HEAD,
        type="gecc.sealed-audit",
        result_id=f"r-{inspector_id}",
        revision=1,
        replaces=None,
        signer=signer(inspector_id, name, fingerprint),
        scope=None,
        findings=findings,
        recommendation="",
        score=SCORE,
        sealed_at="2026-12-03T05:00:00Z",
    )


NOTES = {
    "B01": "ป้ายบอกทางชัดเจน มองเห็นได้จากทางเข้า ผู้สูงอายุอ่านได้สะดวก",
    "B02": "มีที่นั่งพักคอยเพียงพอ",
    "A03": "มีระบบบัตรคิวอิเล็กทรอนิกส์ แต่ยังไม่แสดงเวลารอโดยประมาณ",
}


def inputs() -> tuple[CommitteeResult, list[SealedAudit]]:
    members = [
        member("i-1", "นายสมชาย ใจดี", FINGERPRINTS[0], NOTES),
        member("i-2", "นางสาวกุลธิดา ศรีสุข", FINGERPRINTS[1], NOTES),
    ]
    counted = tuple(
        CountedMember(
            status="counted",
            inspector_id=m.signer.inspector_id,
            name=m.signer.name,
            role="chair" if m.signer.inspector_id == "i-1" else "member",
            fingerprint=m.signer.fingerprint,
            audit_hash=result_hash(serialise(m)),
        )
        for m in members
    )
    absent = AbsentMember(
        status="absent", inspector_id="i-3", name="นายวิชัย มาไม่ได้", role="member", reason="ลาป่วย"
    )
    committee = CommitteeResult(
        **HEAD,
        type="gecc.committee-result",
        result_id="cr-1",
        revision=1,
        replaces=None,
        signer=signer("i-1", "นายสมชาย ใจดี", FINGERPRINTS[0]),
        members=(*counted, absent),
        rulings=(
            RulingEntry(criterion="A03", verdict="met", reason="มีหลักฐานการใช้งานจริงย้อนหลังหกเดือน"),
        ),
        verdicts={"A03": "met", "B01": "met", "B02": "met"},
        recommendations={},
        recommendation="",
        score=SCORE,
        sealed_at="2026-12-03T06:00:00Z",
    )
    return committee, members


def thumbnail(sha256: str) -> bytes | None:
    if sha256.endswith("2"):
        return None  # a photo this device does not have
    image = Image.new("RGB", (160, 120), (200, 220, 240))
    ImageDraw.Draw(image).rectangle((20, 20, 140, 100), fill=(40, 90, 160))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_text(pdf: bytes, work: Path) -> str:
    source = work / "text.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True
    )
    return done.stdout.decode("utf-8")


@needs_pdftoppm
def test_the_report_lists_criteria_members_fingerprints_and_rulings(
    tmp_path: Path, edition: Edition
) -> None:
    committee, members = inputs()
    pdf = committee_report_pdf(committee, members, thumbnail=thumbnail, edition=edition)
    page = render_page(pdf, tmp_path, dpi=60)
    keep_artifact("committee-report.png", page)
    if shutil.which("pdftotext"):  # extraction reorders Thai marks: check the plain parts
        text = pdf_text(pdf, tmp_path)
        for expected in (
            *FINGERPRINTS,
            "เทศบาลนครนครราชสีมา",
            "มีหลักฐานการใช้งานจริง",
            "72 จาก 80",
            "ผ่านเกณฑ์",
            "ไม่มา: ลาป่วย",
            "A03",
            "3 ธ.ค. 2569 13.00 น.",  # sealed at 06:00 UTC: Thailand's clock, BE year
        ):
            assert expected in text
        assert result_hash(serialise(committee)) in text
        assert "ผ่านการรับรอง" not in text


def test_the_report_refuses_members_the_committee_does_not_name() -> None:
    committee, members = inputs()
    members[1] = members[1].model_copy(update={"sealed_at": "2026-12-04T00:00:00Z"})
    with pytest.raises(BadReportInput, match="กุลธิดา"):
        committee_report_pdf(committee, members, thumbnail=thumbnail)


def test_without_the_thai_font_no_document_is_made(
    signed: SignedCertificate, tmp_path: Path
) -> None:
    with pytest.raises(FontMissing) as refused:
        certificate_pdf(
            signed.certificate, qr_image=certificate_qr_png(signed.qr_text), font_dir=tmp_path
        )
    assert "ฟอนต์" in refused.value.message_th
