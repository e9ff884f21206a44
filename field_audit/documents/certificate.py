"""The certificate as a PDF: A4 landscape, to print, sign and hang on the wall.

Top to bottom: the office's emblem and name (from its settings; where either is not set, the
page says so in its place), the title with the reference under it, "ให้ไว้เพื่อแสดงว่า" and the
service centre with its LAO, the round, score and level. The lower band holds, on the left, the
QR code (35 mm) with the verification address written out beside it, and on the right the
dates of issue and expiry above the signatory's line, printed name and position. One small line
at the foot carries the technical identifiers. Every number a reader reads is in Thai digits;
the address and the identifiers stay as they must be typed or compared.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

from field_audit.documents.pages import (
    FONT_FAMILY,
    MUTED,
    centred,
    finish,
    new_document,
)
from field_audit.documents.views import Office
from field_audit.documents.wording import thai_date
from field_audit.domain.thai_calendar import to_thai_digits
from sync.protocol.certificates import Certificate

QR_SIZE_MM = 35.0
PAGE_W, PAGE_H = 297.0, 210.0
GOLD = (160, 120, 40)
EMBLEM_H = 24.0
NO_EMBLEM = ("ยังไม่ได้กำหนด", "ตราสัญลักษณ์", "ของหน่วยงาน")
NO_OFFICE = "(ยังไม่ได้กำหนดชื่อหน่วยงานผู้ออกใบรับรอง)"
NO_SIGNATORY = "(ยังไม่ได้กำหนดผู้ลงนาม)"
SIGNATURE_CENTRE = 212.0  # the right half's middle, where the date and signature stand
LOWER_BAND = 140.0


def certificate_pdf(
    certificate: Certificate,
    *,
    qr_image: bytes,
    office: Office | None = None,
    font_dir: Path | None = None,
) -> bytes:
    """The printable certificate; ``qr_image`` is its QR code as PNG or SVG bytes.

    Raises ``FontMissing`` when the Thai font is not found.
    """
    office = office or Office()
    pdf = new_document("landscape", font_dir=font_dir, title=certificate.reference)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    _frame(pdf)
    _emblem(pdf, office)
    _heading(pdf, certificate, office)
    _recipient(pdf, certificate)
    _verification(pdf, certificate, office, qr_image)
    _signature(pdf, certificate, office)
    _trace(pdf, certificate)
    return finish(pdf)


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, PAGE_W - 22, PAGE_H - 22)


def _emblem(pdf: FPDF, office: Office) -> None:
    if office.emblem:
        pdf.image(io.BytesIO(office.emblem), x=Align.C, y=15, h=EMBLEM_H)
        return
    size, x, y = EMBLEM_H, (PAGE_W - EMBLEM_H) / 2, 15.0
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.set_dash_pattern(dash=1.5, gap=1.0)
    pdf.rect(x, y, size, size)
    pdf.set_dash_pattern()
    for row, words in enumerate(NO_EMBLEM):
        centred(pdf, y + 6.5 + 3.6 * row, words, size=7.5, colour=MUTED, left=x, width=size)


def _heading(pdf: FPDF, certificate: Certificate, office: Office) -> None:
    if office.name_th:
        centred(pdf, 41, office.name_th, size=17, bold=True)
    else:
        centred(pdf, 41, NO_OFFICE, size=12, colour=MUTED)
    centred(pdf, 51, "ใบรับรองมาตรฐานศูนย์ราชการสะดวก", size=26, bold=True)
    centred(pdf, 63, "Government Easy Contact Center (GECC) Certificate", size=11, colour=MUTED)
    reference = to_thai_digits(certificate.reference)
    centred(pdf, 70, f"เลขที่ {reference}", size=13, bold=True)


def _recipient(pdf: FPDF, certificate: Certificate) -> None:
    centred(pdf, 80, "ให้ไว้เพื่อแสดงว่า", size=15)
    centred(pdf, 89, certificate.service_centre_th, size=22, bold=True)
    centred(pdf, 101, certificate.lao_name_th, size=16)
    year = to_thai_digits(str(certificate.fiscal_year_be))
    centred(pdf, 111, f"ผ่านการรับรองมาตรฐานศูนย์ราชการสะดวก ประจำปีงบประมาณ พ.ศ. {year}", size=15)
    score = f"{certificate.points} คะแนน จากคะแนนเต็ม {certificate.max_points} คะแนน"
    level = "" if certificate.level is None else f" ระดับ{certificate.level.name_th}"
    line = f"ผลการตรวจประเมินในพื้นที่โดยคณะกรรมการ {to_thai_digits(score)}{level}"
    centred(pdf, 120, line, size=13)


def _verification(pdf: FPDF, certificate: Certificate, office: Office, qr_image: bytes) -> None:
    x, y = 24.0, LOWER_BAND + 6
    pdf.image(io.BytesIO(qr_image), x=x, y=y, w=QR_SIZE_MM, h=QR_SIZE_MM)
    left, width = x + QR_SIZE_MM + 3, 68.0
    pdf.set_xy(left, y + 3)
    pdf.set_font(FONT_FAMILY, "B", 10)
    pdf.cell(width, 5, "ตรวจสอบความถูกต้องของใบรับรอง", align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.multi_cell(width, 4.5, "สแกนคิวอาร์โค้ดนี้ หรือเปิด", align="L", new_x="LEFT", new_y="NEXT")
    if office.verify_url:
        pdf.set_font(FONT_FAMILY, "B", 9)
        pdf.multi_cell(width, 4.5, office.verify_url, align="L", new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT_FAMILY, "", 9)
        reference = to_thai_digits(certificate.reference)
        pdf.multi_cell(
            width, 4.5, f"แล้วกรอกเลขที่ {reference}", align="L", new_x="LEFT", new_y="NEXT"
        )
    else:
        pdf.set_text_color(*MUTED)
        text = "(ยังไม่ได้กำหนดที่อยู่เว็บไซต์ตรวจสอบ)"
        pdf.multi_cell(width, 4.5, text, align="L", new_x="LEFT", new_y="NEXT")


def _signature(pdf: FPDF, certificate: Certificate, office: Office) -> None:
    left, width = SIGNATURE_CENTRE - 60, 120.0
    issued = thai_date(certificate.issued_on, thai_digits=True)
    until = thai_date(certificate.valid_until, thai_digits=True)
    centred(pdf, LOWER_BAND, f"ให้ไว้ ณ วันที่ {issued}", size=14, left=left, width=width)
    centred(pdf, LOWER_BAND + 7, f"มีผลถึงวันที่ {until} (สามปี)", size=12, left=left, width=width)
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    pdf.line(SIGNATURE_CENTRE - 38, LOWER_BAND + 30, SIGNATURE_CENTRE + 38, LOWER_BAND + 30)
    name = f"({office.signatory_name})" if office.signatory_name else NO_SIGNATORY
    colour = (25, 35, 60) if office.signatory_name else MUTED
    centred(pdf, LOWER_BAND + 32, name, size=14, left=left, width=width, colour=colour)
    if office.signatory_position:
        position = to_thai_digits(office.signatory_position)
        centred(pdf, LOWER_BAND + 40, position, size=13, left=left, width=width)


def _trace(pdf: FPDF, certificate: Certificate) -> None:
    lao = to_thai_digits(certificate.lao_id)
    text = (
        f"เกณฑ์ {certificate.edition_id} · รหัส อปท. {lao} · ผลการตรวจประเมินของคณะกรรมการ"
        f" SHA-256 {certificate.result_hash} · กุญแจออกใบรับรอง {certificate.key_id}"
    )
    centred(pdf, PAGE_H - 17, text, size=6, colour=MUTED)
