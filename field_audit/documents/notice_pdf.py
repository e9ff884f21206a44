"""The notice to an LAO as a PDF, laid out as an external letter (``letter`` has the words):
the office's emblem at the top centre, the number on the left and the office with its address
on the right, the date from the page's centre, the headed parts, the body with its first lines
indented 2.5 cm, the closing and signature from the centre, and the responsible unit at the
foot. A second page is numbered at its top centre (- ๒ -), as the regulation has it.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

from field_audit.documents.letter import CLOSING, Letter, letter_of
from field_audit.documents.pages import (
    FONT_FAMILY,
    MUTED,
    centred,
    ensure_room,
    finish,
    indented,
    new_document,
)
from field_audit.documents.text_layer import TextLayerPdf
from field_audit.documents.views import NoticeView, Office
from field_audit.domain.thai_calendar import to_thai_digits

SIZE = 13.5
LINE = 6.3
INDENT = 25.0  # the body's first line, 2.5 cm
CENTRE_X = 105.0
EMBLEM_H = 27.0


class _LetterPdf(TextLayerPdf):
    def header(self) -> None:
        if self.page_no() > 1:
            centred(self, 10, to_thai_digits(f"- {self.page_no()} -"), size=SIZE)
            self.set_y(20)


def notice_pdf(notice: NoticeView, *, office: Office, font_dir: Path | None = None) -> bytes:
    """The letter's PDF (one LAO)."""
    letter = letter_of(notice, office)
    pdf = new_document("portrait", font_dir=font_dir, title=letter.subject, kind=_LetterPdf)
    pdf.set_margins(30, 15, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    _emblem(pdf, office)
    _head(pdf, letter)
    _parts(pdf, letter)
    for paragraph in letter.body:
        indented(pdf, paragraph, size=SIZE, first=INDENT, line=LINE)
        pdf.ln(1)
    _signature(pdf, letter)
    _unit(pdf, letter)
    return finish(pdf)


def _emblem(pdf: FPDF, office: Office) -> None:
    if office.emblem:
        pdf.image(io.BytesIO(office.emblem), x=Align.C, y=12, h=EMBLEM_H)
        return
    pdf.set_draw_color(*MUTED)
    pdf.set_dash_pattern(dash=1.5, gap=1.0)
    pdf.rect(CENTRE_X - EMBLEM_H / 2, 12, EMBLEM_H, EMBLEM_H)
    pdf.set_dash_pattern()
    for row, words in enumerate(("ยังไม่ได้กำหนด", "ตราสัญลักษณ์")):
        centred(pdf, 21 + 4 * row, words, size=8, colour=MUTED, left=CENTRE_X - 15, width=30)


def _head(pdf: FPDF, letter: Letter) -> None:
    top = 12 + EMBLEM_H + 2
    pdf.set_font(FONT_FAMILY, "", SIZE)
    pdf.set_xy(pdf.l_margin, top)
    pdf.cell(70, LINE, letter.number)
    pdf.set_xy(125, top)
    pdf.multi_cell(pdf.w - 125 - pdf.r_margin, LINE, "\n".join(letter.sender), align="L")
    pdf.set_xy(CENTRE_X, pdf.get_y() + 3)
    pdf.cell(80, LINE, letter.dated, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _parts(pdf: FPDF, letter: Letter) -> None:
    _part(pdf, "เรื่อง", [letter.subject], label_w=14)
    _part(pdf, "เรียน", [letter.to], label_w=14)
    _part(pdf, "อ้างถึง", [letter.reference], label_w=16)
    items = list(letter.enclosures)
    if len(items) > 1:
        items = [to_thai_digits(f"{n}. {text}") for n, text in enumerate(items, start=1)]
    _part(pdf, "สิ่งที่ส่งมาด้วย", items, label_w=31)
    pdf.ln(2)


def _part(pdf: FPDF, label: str, lines: list[str], *, label_w: float) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT_FAMILY, "", SIZE)
    pdf.cell(label_w, LINE, label)
    width = pdf.epw - label_w
    for line in lines:
        pdf.set_x(pdf.l_margin + label_w)
        pdf.multi_cell(width, LINE, line, align="L", new_x="LMARGIN", new_y="NEXT")


def _signature(pdf: FPDF, letter: Letter) -> None:
    ensure_room(pdf, 8 + 4 * LINE)
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "", SIZE)
    pdf.set_x(CENTRE_X - 8)
    pdf.cell(80, LINE, CLOSING, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE * 2.2)
    for text in (letter.signatory, letter.position):
        if text:
            centred(pdf, pdf.get_y(), text, size=SIZE, left=CENTRE_X - 45, width=102)
            pdf.ln(LINE)


def _unit(pdf: FPDF, letter: Letter) -> None:
    """At the foot of the last page, or under the signature when that is lower."""
    height = LINE * len(letter.unit) + 1  # a millimetre spare: a cell ending on the margin breaks
    ensure_room(pdf, height + 6)
    top = max(pdf.get_y() + 6, pdf.page_break_trigger - height)
    pdf.set_font(FONT_FAMILY, "", SIZE - 1)
    for row, line in enumerate(letter.unit):
        pdf.set_xy(pdf.l_margin, top + row * LINE)
        pdf.cell(pdf.epw, LINE, line)
