"""The committee's report on one LAO as a PDF: what was found, by whom, and who signed.

Input is what was signed (``sync.protocol.sealed``): the committee result and the members'
sealed audits it counts. The report shows the visit's facts, the committee's score (whether
the centre meets the criteria: a finding, not a certificate), the chair and every member with
their key fingerprints and the hashes of their sealed audits, or absent with the reason, then
every criterion: the committee's verdict, the chair's ruling where there was one, each
member's verdict and note, and thumbnails of their photos (``thumbnail(sha256)`` returns the
thumbnail's bytes, None when the device does not have it, or ``DAMAGED`` when the device's copy
no longer matches its hash: the report then prints a placeholder for that photo, never its bytes).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from fpdf import FPDF

from field_audit.documents.errors import BadReportInput
from field_audit.documents.pages import FONT_FAMILY, MUTED, finish, new_document, thai_date
from field_audit.domain.edition import Edition
from field_audit.domain.scoring import parse_verdicts, score_verdicts
from field_audit.domain.thai_calendar import format_thai_moment
from sync.protocol.documents import serialise
from sync.protocol.sealed import (
    AbsentMember,
    CommitteeResult,
    Finding,
    ScoreSummary,
    SealedAudit,
    result_hash,
)


class Damaged(Enum):
    """The one value a ``thumbnail`` callback returns for a copy that fails its hash check."""

    DAMAGED = "damaged"


DAMAGED = Damaged.DAMAGED
DAMAGED_TEXT = "ภาพเสียหาย / damaged photo"
Thumbnail = Callable[[str], bytes | Damaged | None]
VERDICT_TH = {"met": "ผ่าน", "not_met": "ไม่ผ่าน"}


def verdict_th(value: str | int) -> str:
    """A verdict as the report prints it; a graded criterion's points as "4 คะแนน"."""
    return f"{value} คะแนน" if isinstance(value, int) else VERDICT_TH.get(value, "—")


THUMB_HEIGHT_MM = 22.0
CONTENT_W = 180.0


class _ReportPdf(FPDF):
    """A4 portrait with the result's hash and the page number at the foot of every page."""

    result_hash = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", 7)
        self.set_text_color(*MUTED)
        text = f"ผลของคณะกรรมการ SHA-256 {self.result_hash} · หน้า {self.page_no()}/{{nb}}"
        self.cell(0, 5, text, align="C")


def committee_report_pdf(
    committee: CommitteeResult,
    members: list[SealedAudit],
    *,
    thumbnail: Thumbnail,
    edition: Edition | None = None,
    font_dir: Path | None = None,
) -> bytes:
    """The report PDF; raise ``BadReportInput`` when the documents do not belong together."""
    by_inspector = _members_by_inspector(committee, members)
    titles = {c.id: c.title.th for c in edition.criteria} if edition else {}
    pdf = new_document(
        "portrait", font_dir=font_dir, title="รายงานผลการตรวจประเมิน", kind=_ReportPdf
    )
    assert isinstance(pdf, _ReportPdf)
    pdf.result_hash = result_hash(serialise(committee))
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    _heading(pdf, committee)
    _score(pdf, committee, edition)
    _people(pdf, committee, by_inspector)
    for criterion in _criterion_order(committee.verdicts, titles):
        heading = f"{criterion}  {titles.get(criterion, '')}".strip()
        _criterion(pdf, committee, criterion, heading, members=by_inspector, thumbnail=thumbnail)
    return finish(pdf)


def _members_by_inspector(
    committee: CommitteeResult, members: list[SealedAudit]
) -> dict[str, SealedAudit]:
    given = {result_hash(serialise(m)): m for m in members}
    found = {}
    for entry in committee.counted:
        audit = given.get(entry.audit_hash)
        if audit is None:
            raise BadReportInput(f"the sealed audit of {entry.name} is not among the inputs")
        found[entry.inspector_id] = audit
    return found


def _heading(pdf: FPDF, committee: CommitteeResult) -> None:
    _text(pdf, "รายงานผลการตรวจประเมินศูนย์ราชการสะดวก (GECC) ในพื้นที่", size=17, bold=True)
    _text(pdf, "Committee's on-site assessment report", size=10, muted=True)
    pdf.ln(2)
    lao, edition = committee.lao, committee.edition
    facts = (
        ("องค์กรปกครองส่วนท้องถิ่น", f"{lao.name_th} ({lao.kind}, รหัส {lao.id})"),
        ("ปีงบประมาณ", f"พ.ศ. {committee.round.fiscal_year_be}"),
        ("วันที่ตรวจประเมิน", thai_date(date.fromisoformat(committee.visit_date))),
        ("เกณฑ์", f"{edition.id} ({edition.hash[:16]}…)"),
        ("คณะกรรมการ", committee.committee_id),
        ("ปิดผนึกผลเมื่อ", _thai_moment(committee.sealed_at)),
    )
    for label, value in facts:
        _fact(pdf, label, value)


def _score(pdf: FPDF, committee: CommitteeResult, edition: Edition | None) -> None:
    pdf.ln(2)
    score: ScoreSummary = committee.score
    outcome = "ผ่านเกณฑ์" if score.meets_criteria else "ไม่ผ่านเกณฑ์"
    _text(pdf, f"คะแนน {score.points} จาก {score.max_points} — {outcome}", size=14, bold=True)
    _text(pdf, "(ผลของคณะกรรมการ การรับรองเป็นมติของสำนักงาน)", size=9, muted=True)
    if edition is None:
        return
    for reason in score_verdicts(edition, parse_verdicts(edition, committee.verdicts)).reasons:
        _text(pdf, f"• {reason.th}", size=10, muted=True)


def _people(pdf: FPDF, committee: CommitteeResult, by_inspector: dict[str, SealedAudit]) -> None:
    pdf.ln(2)
    _text(pdf, "ผู้ลงนาม (ลายนิ้วมือกุญแจ)", size=13, bold=True)
    chair = committee.signer
    _fact(pdf, f"ประธาน {chair.name}", chair.fingerprint)
    for entry in committee.members:
        if isinstance(entry, AbsentMember):
            _fact(pdf, f"กรรมการ {entry.name}", f"ไม่มา: {entry.reason}")
            continue
        _fact(pdf, f"กรรมการ {entry.name}", by_inspector[entry.inspector_id].signer.fingerprint)
        _fact(pdf, "", f"ผลที่ปิดผนึก SHA-256 {entry.audit_hash}", size=7)


def _criterion(
    pdf: FPDF,
    committee: CommitteeResult,
    criterion: str,
    heading: str,
    *,
    members: dict[str, SealedAudit],
    thumbnail: Thumbnail,
) -> None:
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.ln(2)
    verdict = verdict_th(committee.verdicts[criterion])
    _text(pdf, f"{heading} — {verdict}", size=11, bold=True)
    for ruling in committee.rulings:
        if ruling.criterion == criterion:
            _text(pdf, f"ประธานวินิจฉัย: {ruling.reason}", size=9, muted=True)
    for entry in committee.counted:
        finding = _finding(members[entry.inspector_id], criterion)
        if finding is not None:
            _member_finding(pdf, entry.name, finding, thumbnail)


def _member_finding(pdf: FPDF, name: str, finding: Finding, thumbnail: Thumbnail) -> None:
    note = f" — {finding.note}" if finding.note else ""
    _text(pdf, f"{name}: {verdict_th(finding.verdict)}{note}", size=9, indent=4)
    shown = [(p.sha256, thumbnail(p.sha256)) for p in finding.photos]
    images = [data for _, data in shown if isinstance(data, bytes) and data]
    if images:
        _thumbnails(pdf, images)
    for sha256, data in shown:
        if data is DAMAGED:  # in full colour, not muted: the evidence itself is in doubt
            _text(pdf, f"{DAMAGED_TEXT} (SHA-256 {sha256[:16]}…)", size=8, bold=True, indent=4)
    absent = sum(1 for _, data in shown if not data)
    if absent:
        missing = f"ภาพถ่ายอีก {absent} ภาพไม่มีในเครื่องนี้ (ดูได้จากศูนย์กลาง)"
        _text(pdf, missing, size=8, muted=True, indent=4)


def _thumbnails(pdf: FPDF, images: list[bytes]) -> None:
    if pdf.get_y() + THUMB_HEIGHT_MM > pdf.h - 16:
        pdf.add_page()
    x, y = pdf.l_margin + 4, pdf.get_y() + 1
    for data in images:
        info = pdf.image(io.BytesIO(data), x=x, y=y, h=THUMB_HEIGHT_MM)
        x += float(info.rendered_width) + 2
        if x > pdf.l_margin + CONTENT_W - 30:
            x, y = pdf.l_margin + 4, y + THUMB_HEIGHT_MM + 2
    pdf.set_y(y + THUMB_HEIGHT_MM + 2)


def _finding(member: SealedAudit, criterion: str) -> Finding | None:
    return next((f for f in member.findings if f.criterion == criterion), None)


def _criterion_order(verdicts: Mapping[str, object], titles: Mapping[str, str]) -> list[str]:
    if not titles:
        return sorted(verdicts)
    known = [c for c in titles if c in verdicts]
    return known + sorted(c for c in verdicts if c not in titles)


def _fact(pdf: FPDF, label: str, value: str, *, size: float = 10) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT_FAMILY, "B", size)
    pdf.cell(55, size * 0.5, label)
    pdf.set_font(FONT_FAMILY, "", size)
    pdf.multi_cell(CONTENT_W - 55, size * 0.5, value, new_x="LMARGIN", new_y="NEXT")


def _text(
    pdf: FPDF,
    text: str,
    *,
    size: float,
    bold: bool = False,
    muted: bool = False,
    indent: float = 0,
) -> None:
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*(MUTED if muted else (25, 35, 60)))
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(CONTENT_W - indent, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(25, 35, 60)


def _thai_moment(text: str) -> str:
    """A sealed result's UTC time (checked when parsed) as Thailand's clock, BE year."""
    return format_thai_moment(datetime.fromisoformat(text.replace("Z", "+00:00")))
