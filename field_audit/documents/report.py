"""A report as a PDF (A4 portrait): the committee's report on one LAO, or one inspector's own.

From a ``ReportView`` (``report_model`` builds it from what was signed): the visit's facts, the
score and what it means, the members with their roles and key fingerprints, then every
criterion. A criterion all members met without a note takes one line; the others show each
member's verdict and note, the chair's ruling, recommendations, evidence records and the
numbers of their photos. Not-met criteria are red and disputed ones amber, with a bar in the
margin as well as the word, so a grey-scale copy still shows them. Then the overall
recommendations, the photos with their captions (``report_parts``), a signature block per
member, and the hashes that tie the paper to the signed result.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from field_audit.documents.pages import (
    AMBER,
    FONT_FAMILY,
    GREEN,
    INK,
    MUTED,
    RED,
    Colour,
    ensure_room,
    finish,
    height_of,
    new_document,
    write,
)
from field_audit.documents.report_parts import (
    photo_pages,
    recommendations,
    signatures,
    technical,
)
from field_audit.documents.text_layer import TextLayerPdf
from field_audit.documents.views import CriterionView, PhotoSource, ReportView
from field_audit.documents.wording import (
    FINDING_NOT_CERTIFICATE,
    OWN_RESULT,
    WORKING_WORDING,
    attendance,
    counts_of,
    evidence_line,
    facts_of,
    member_line,
    outcome_of,
    photo_numbers,
    title_of,
    verdict_th,
)

BAR_W = 1.6
VERDICT_W = 40.0


class _ReportPdf(TextLayerPdf):
    """A4 portrait with the result's short hash and the page number at the foot of each page."""

    foot = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.foot} · หน้า {self.page_no()}/{{nb}}", align="C")


def report_pdf(view: ReportView, *, photos: PhotoSource, font_dir: Path | None = None) -> bytes:
    """The report's PDF; ``photos`` gives each photo's bytes by SHA-256 (``PhotoSource``)."""
    pdf = new_document("portrait", font_dir=font_dir, title=title_of(view), kind=_ReportPdf)
    assert isinstance(pdf, _ReportPdf)
    kind = "ผลที่ปิดผนึก" if view.kind == "inspector" else "ผลของคณะกรรมการ"
    pdf.foot = f"{view.lao_name} · {kind} SHA-256 {view.result_hash[:16]}…"
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    _heading(pdf, view)
    _score(pdf, view)
    _members(pdf, view)
    _criteria(pdf, view)
    recommendations(pdf, view)
    photo_pages(pdf, view, photos)
    signatures(pdf, view)
    technical(pdf, view)
    return finish(pdf)


def _heading(pdf: FPDF, view: ReportView) -> None:
    write(pdf, title_of(view), size=17, bold=True, align="C")
    subtitle = view.committee_name
    write(pdf, subtitle, size=12, colour=MUTED, align="C")
    pdf.ln(3)
    for label, value in facts_of(view):
        _fact(pdf, label, value)
    if view.working_wording:
        write(pdf, WORKING_WORDING, size=8.5, colour=MUTED)


def _score(pdf: FPDF, view: ReportView) -> None:
    pdf.ln(3)
    colour = GREEN if view.meets_criteria else RED
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin + 4)
    write(pdf, outcome_of(view), size=15, bold=True, colour=colour, indent=4)
    note = OWN_RESULT if view.kind == "inspector" else FINDING_NOT_CERTIFICATE
    write(pdf, f"({note})", size=9, colour=MUTED, indent=4)
    for reason in view.reasons:
        write(pdf, f"• {reason}", size=10, indent=4)
    write(pdf, counts_of(view), size=10, indent=4)
    _bar(pdf, top, pdf.get_y(), colour, x=pdf.l_margin)


def _members(pdf: FPDF, view: ReportView) -> None:
    pdf.ln(4)
    heading = "ผู้ตรวจประเมิน" if view.kind == "inspector" else "คณะกรรมการ"
    write(pdf, heading, size=13, bold=True)
    headings = ("ที่", "ชื่อ", "ตำแหน่งในคณะ", "การเข้าร่วม / ลายนิ้วมือกุญแจ")
    rows = [(str(n), m.name, m.role_th, attendance(m)) for n, m in enumerate(view.members, 1)]
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(255, 255, 255)  # the table takes the fill colour in force as its own
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    with pdf.table(
        col_widths=(8, 52, 45, 70),
        text_align=("CENTER", "LEFT", "LEFT", "LEFT"),
        line_height=5.5,
        first_row_as_headings=True,
        headings_style=_headings_style(),
    ) as table:
        for row in (headings, *rows):
            table.row(row)


def _criteria(pdf: FPDF, view: ReportView) -> None:
    pdf.ln(4)
    ensure_room(pdf, 20)
    write(pdf, "ผลการตรวจประเมินรายเกณฑ์", size=13, bold=True)
    numbers = photo_numbers(view)
    for criterion in view.criteria:
        _criterion(pdf, view, criterion, numbers.get(criterion.id, []))


def _criterion(pdf: FPDF, view: ReportView, criterion: CriterionView, photos: list[int]) -> None:
    lines = _criterion_lines(view, criterion, photos)
    width = pdf.epw - 4
    title = f"{criterion.id}  {criterion.title_th}".strip()
    height = height_of(pdf, title, size=10.5, width=width - VERDICT_W, bold=True) + 1.5
    height += sum(height_of(pdf, text, size=9.5, width=width - 4) for text, _ in lines)
    ensure_room(pdf, height)
    top = pdf.get_y()
    colour = _colour(criterion)
    pdf.set_font(FONT_FAMILY, "B", 10.5)
    pdf.set_x(pdf.l_margin + 4)
    pdf.multi_cell(width - VERDICT_W, 5.25, title, align="L", new_x="RIGHT", new_y="TOP")
    pdf.set_text_color(*colour)
    pdf.cell(VERDICT_W, 5.25, _verdict_word(view, criterion), align="R")
    pdf.set_text_color(*INK)
    title_h = height_of(pdf, title, size=10.5, width=width - VERDICT_W, bold=True)
    pdf.set_xy(pdf.l_margin, top + title_h)
    for text, tone in lines:
        write(pdf, text, size=9.5, colour=tone, indent=8)
    pdf.ln(1.5)
    _bar(pdf, top, pdf.get_y() - 1.5, colour, x=pdf.l_margin)


def _criterion_lines(
    view: ReportView, criterion: CriterionView, photos: list[int]
) -> list[tuple[str, Colour]]:
    """The lines under a criterion's title; none for one all met without a word."""
    quiet = criterion.met and not criterion.disputed
    quiet = quiet and not any(m.note for m in criterion.members)
    lines: list[tuple[str, Colour]] = []
    if view.kind == "inspector":
        lines += [(f"บันทึก: {m.note}", INK) for m in criterion.members if m.note]
    elif not quiet:
        lines += [(member_line(m.name, m.verdict, m.note), INK) for m in criterion.members]
    if criterion.ruling:
        lines.append((f"ประธานวินิจฉัย: {criterion.ruling}", AMBER))
    lines += [(f"ข้อเสนอแนะ: {text}", INK) for text in criterion.recommendations]
    lines += [(evidence_line(record), MUTED) for record in criterion.evidence]
    if photos:
        lines.append((f"ภาพประกอบ: ภาพที่ {', '.join(map(str, photos))}", MUTED))
    return lines


def _verdict_word(view: ReportView, criterion: CriterionView) -> str:
    word = verdict_th(criterion.verdict)
    if view.kind == "committee" and criterion.disputed:
        return f"{word} (มีความเห็นต่าง)"
    if view.kind == "committee" and criterion.met:
        return f"{word} (เอกฉันท์)"
    return word


def _colour(criterion: CriterionView) -> Colour:
    if criterion.not_met:
        return RED
    return GREEN if criterion.met and not criterion.disputed else AMBER


def _bar(pdf: FPDF, top: float, bottom: float, colour: Colour, *, x: float) -> None:
    if bottom <= top:
        return
    pdf.set_fill_color(*colour)
    pdf.rect(x, top, BAR_W, bottom - top, style="F")


def _fact(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT_FAMILY, "B", 10.5)
    pdf.cell(48, 5.5, label)
    pdf.set_font(FONT_FAMILY, "", 10.5)
    pdf.multi_cell(pdf.epw - 48, 5.5, value, align="L", new_x="LMARGIN", new_y="NEXT")


def _headings_style() -> object:
    from fpdf.fonts import FontFace  # noqa: PLC0415

    return FontFace(family=FONT_FAMILY, emphasis="BOLD", fill_color=(232, 236, 244))
