"""A report as a Word file: the same parts as the PDF (``report``), laid out as Word tables so
the office can edit and file it: the facts, the score, the members, every criterion in one table
(not-met rows shaded red, disputed ones amber), the recommendations, the photos with captions,
a signature block per member and the hashes."""

from __future__ import annotations

from docx.document import Document

from field_audit.documents.pictures import print_image
from field_audit.documents.views import (
    CriterionView,
    PhotoSource,
    ReportView,
)
from field_audit.documents.word import (
    heading,
    new_word,
    paragraph,
    picture,
    run_in,
    shade,
    table,
    to_bytes,
)
from field_audit.documents.wording import (
    FINDING_NOT_CERTIFICATE,
    NONE_TH,
    OWN_RESULT,
    WORKING_WORDING,
    attendance,
    counts_of,
    evidence_line,
    facts_of,
    member_line,
    missing_photo,
    outcome_of,
    photo_caption,
    photo_numbers,
    title_of,
    verdict_th,
)

RED, AMBER, GREEN, MUTED = (170, 30, 30), (150, 90, 0), (30, 110, 60), (95, 100, 115)
SHADE = {"not_met": "FBE3E3", "disputed": "FFF1D6"}
PHOTO_CM = 7.6


def report_docx(view: ReportView, *, photos: PhotoSource) -> bytes:
    """The report as DOCX bytes; ``photos`` as for ``report_pdf``."""
    document = new_word(title_of(view))
    paragraph(document, title_of(view), size=17, bold=True, align="C")
    paragraph(document, view.committee_name, size=13, align="C", colour=MUTED)
    table(document, facts_of(view), widths_cm=(5.0, 11.0), size=12, heading=False, borders=False)
    if view.working_wording:
        paragraph(document, WORKING_WORDING, size=10, colour=MUTED)
    _score(document, view)
    _members(document, view)
    _criteria(document, view)
    _recommendations(document, view)
    _photos(document, view, photos)
    _signatures(document, view)
    paragraph(
        document, f"ผลที่ลงนาม SHA-256 {view.result_hash}", size=9, colour=MUTED, space_before=8
    )
    paragraph(document, f"เกณฑ์ SHA-256 {view.edition_hash}", size=9, colour=MUTED)
    return to_bytes(document)


def _score(document: Document, view: ReportView) -> None:
    colour = GREEN if view.meets_criteria else RED
    paragraph(document, outcome_of(view), size=16, bold=True, colour=colour, space_before=10)
    note = OWN_RESULT if view.kind == "inspector" else FINDING_NOT_CERTIFICATE
    paragraph(document, f"({note})", size=11, colour=MUTED)
    for reason in view.reasons:
        paragraph(document, f"• {reason}", size=12)
    paragraph(document, counts_of(view), size=12)


def _members(document: Document, view: ReportView) -> None:
    title = "ผู้ตรวจประเมิน" if view.kind == "inspector" else "คณะกรรมการ"
    heading(document, title)
    rows = [("ที่", "ชื่อ", "ตำแหน่งในคณะ", "การเข้าร่วม / ลายนิ้วมือกุญแจ")]
    rows += [
        (str(n), m.name, m.role_th, attendance(m)) for n, m in enumerate(view.members, start=1)
    ]
    table(document, rows, widths_cm=(0.9, 4.3, 3.3, 7.5), size=11)


def _criteria(document: Document, view: ReportView) -> None:
    heading(document, "ผลการตรวจประเมินรายเกณฑ์")
    numbers = photo_numbers(view)
    rows = [("ข้อ", "เกณฑ์", "ผล", "ความเห็น บันทึก และหลักฐาน")]
    rows += [
        (c.id, c.title_th, _verdict(view, c), _details(view, c, numbers.get(c.id, [])))
        for c in view.criteria
    ]
    grid = table(document, rows, widths_cm=(1.3, 6.2, 2.4, 6.1), size=11)
    for index, criterion in enumerate(view.criteria, start=1):
        if criterion.not_met:
            shade(grid.cell(index, 2), SHADE["not_met"])
        elif view.kind == "committee" and criterion.disputed:
            shade(grid.cell(index, 2), SHADE["disputed"])


def _verdict(view: ReportView, criterion: CriterionView) -> str:
    word = verdict_th(criterion.verdict)
    if view.kind == "committee" and criterion.disputed:
        return f"{word} (มีความเห็นต่าง)"
    return word


def _details(view: ReportView, criterion: CriterionView, photos: list[int]) -> str:
    lines = [
        member_line(m.name, m.verdict, m.note) if view.kind == "committee" else m.note
        for m in criterion.members
        if m.note or (view.kind == "committee" and criterion.disputed)
    ]
    if criterion.ruling:
        lines.append(f"ประธานวินิจฉัย: {criterion.ruling}")
    lines += [f"ข้อเสนอแนะ: {text}" for text in criterion.recommendations]
    lines += [evidence_line(record) for record in criterion.evidence]
    if photos:
        lines.append(f"ภาพประกอบ: ภาพที่ {', '.join(map(str, photos))}")
    return "\n".join(lines)


def _recommendations(document: Document, view: ReportView) -> None:
    title = "ข้อเสนอแนะต่อองค์กรปกครองส่วนท้องถิ่น (ภาพรวม)"
    heading(document, title)
    if not view.recommendations:
        paragraph(document, NONE_TH, indent_cm=0.5)
    for number, text in enumerate(view.recommendations, start=1):
        paragraph(document, f"{number}. {text}", indent_cm=0.5)


def _photos(document: Document, view: ReportView, photos: PhotoSource) -> None:
    if not view.photos:
        return
    heading(document, "ภาพถ่ายประกอบการตรวจประเมิน")
    titles = {c.id: c for c in view.criteria}
    grid = document.add_table(rows=(len(view.photos) + 1) // 2, cols=2)
    for number, photo in enumerate(view.photos, start=1):
        cell = grid.cell((number - 1) // 2, (number - 1) % 2)
        data = photos(photo.sha256)
        image = print_image(data) if isinstance(data, bytes) and data else None
        if image is not None:
            picture(cell, image.data, width_cm=PHOTO_CM)
        else:
            text = f"[{missing_photo(data)}: SHA-256 {photo.sha256[:16]}…]"
            cell.paragraphs[0].text = ""
            run_in(cell.paragraphs[0], text, size=11, colour=RED if data is not None else MUTED)
        paragraph(cell, photo_caption(number, photo, titles.get(photo.criterion)), size=10)


def _signatures(document: Document, view: ReportView) -> None:
    title = "ลงชื่อผู้ตรวจประเมิน" if view.kind == "inspector" else "ลงชื่อคณะกรรมการ"
    heading(document, title)
    counted = [m for m in view.members if m.counted]
    grid = document.add_table(rows=(len(counted) + 1) // 2, cols=2)
    for index, member in enumerate(counted):
        cell = grid.cell(index // 2, index % 2)
        cell.paragraphs[0].text = ""
        lines = ("", "ลงชื่อ ..........................................", f"({member.name})")
        for text in (*lines, member.role_th):
            paragraph(cell, text, size=13, align="C")
    for member in view.members:
        if not member.counted:
            text = f"{member.name} ({member.role_th}) ไม่ได้เข้าร่วม: {member.absent_reason}"
            paragraph(document, text, size=12, colour=MUTED)
