"""The certificate as a PDF: A4 landscape, to print, sign and hang on the wall.

Laid out top to bottom: the emblem's place (a drawn box titled ตราสัญลักษณ์: there is no
official artwork in the project), the title, the service centre and its LAO, the round, score
and level, the dates of issue and of expiry in the Buddhist Era, and at the bottom right the
QR code (35 mm) with the reference number printed under it for online lookup. The committee
result's hash and the issuing key's id are printed small, so a paper copy can be traced.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF

from field_audit.documents.pages import FONT_FAMILY, MUTED, finish, new_document, thai_date
from field_audit.domain.thai_calendar import to_thai_digits
from sync.protocol.certificates import Certificate

QR_SIZE_MM = 35.0
PAGE_W, PAGE_H = 297.0, 210.0
GOLD = (160, 120, 40)


def certificate_pdf(
    certificate: Certificate, *, qr_image: bytes, font_dir: Path | None = None
) -> bytes:
    """The printable certificate; ``qr_image`` is its QR code as PNG or SVG bytes.

    Raises ``FontMissing`` when the Thai font is not found.
    """
    pdf = new_document("landscape", font_dir=font_dir, title=certificate.reference)
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    _frame(pdf)
    _emblem(pdf)
    _heading(pdf)
    _recipient(pdf, certificate)
    _standing(pdf, certificate)
    _dates(pdf, certificate)
    _qr(pdf, certificate, qr_image)
    _trace(pdf, certificate)
    return finish(pdf)


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, PAGE_W - 22, PAGE_H - 22)


def _emblem(pdf: FPDF) -> None:
    size, x, y = 28.0, (PAGE_W - 28.0) / 2, 15.0
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.4)
    pdf.set_dash_pattern(dash=1.5, gap=1.0)
    pdf.rect(x, y, size, size)
    pdf.set_dash_pattern()
    pdf.set_xy(x, y + 8)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(size, 6, "ตราสัญลักษณ์", align="C")
    pdf.set_xy(x, y + 15)
    pdf.set_font(FONT_FAMILY, "", 7)
    pdf.cell(size, 4, "GECC emblem", align="C")


def _heading(pdf: FPDF) -> None:
    _line(pdf, 45, "ใบรับรองมาตรฐานศูนย์ราชการสะดวก", size=26, bold=True)
    _line(pdf, 59, "Government Easy Contact Center (GECC) Certificate", size=12, muted=True)
    _line(pdf, 68, "ให้ไว้เพื่อแสดงว่า", size=15)


def _recipient(pdf: FPDF, certificate: Certificate) -> None:
    _line(pdf, 78, certificate.service_centre_th, size=22, bold=True)
    _line(pdf, 90, certificate.lao_name_th, size=16)


def _standing(pdf: FPDF, certificate: Certificate) -> None:
    year = to_thai_digits(str(certificate.fiscal_year_be))
    _line(pdf, 101, f"ผ่านการรับรองมาตรฐานศูนย์ราชการสะดวก ประจำปีงบประมาณ พ.ศ. {year}", size=15)
    score = to_thai_digits(f"{certificate.points} คะแนน จากคะแนนเต็ม {certificate.max_points}")
    level = "" if certificate.level is None else f"  ระดับ{certificate.level.name_th}"
    _line(pdf, 110, f"ผลการตรวจประเมินในพื้นที่โดยคณะกรรมการ {score} คะแนน{level}", size=13)


def _dates(pdf: FPDF, certificate: Certificate) -> None:
    issued = thai_date(certificate.issued_on, thai_digits=True)
    until = thai_date(certificate.valid_until, thai_digits=True)
    _line(pdf, 124, f"ให้ไว้ ณ วันที่ {issued}", size=14)
    _line(pdf, 132, f"มีผลถึงวันที่ {until} (สามปี)", size=14)
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.2)
    pdf.line(108, 163, 189, 163)
    _line(pdf, 165, "ผู้มีอำนาจลงนาม", size=11, muted=True)


def _qr(pdf: FPDF, certificate: Certificate, qr_image: bytes) -> None:
    x, y = PAGE_W - 22 - QR_SIZE_MM, PAGE_H - 24 - QR_SIZE_MM
    pdf.image(io.BytesIO(qr_image), x=x, y=y, w=QR_SIZE_MM, h=QR_SIZE_MM)
    pdf.set_xy(x - 10, y + QR_SIZE_MM + 0.5)
    pdf.set_font(FONT_FAMILY, "B", 9)
    pdf.cell(QR_SIZE_MM + 20, 4, f"เลขที่ {certificate.reference}", align="C")
    pdf.set_xy(x - 10, y - 5)
    pdf.set_font(FONT_FAMILY, "", 7)
    pdf.set_text_color(*MUTED)
    pdf.cell(QR_SIZE_MM + 20, 4, "สแกนเพื่อตรวจสอบความถูกต้อง", align="C")


def _trace(pdf: FPDF, certificate: Certificate) -> None:
    pdf.set_font(FONT_FAMILY, "", 7)
    pdf.set_text_color(*MUTED)
    lines = (
        f"เกณฑ์ {certificate.edition_id} · รหัส อปท. {certificate.lao_id}",
        f"อ้างอิงผลการตรวจประเมินของคณะกรรมการ SHA-256 {certificate.result_hash}",
        f"กุญแจออกใบรับรอง {certificate.key_id} · ตรวจสอบด้วยเลขที่ใบรับรองได้ทางออนไลน์",
    )
    for index, text in enumerate(lines):
        pdf.set_xy(18, PAGE_H - 31 + 4 * index)
        pdf.cell(150, 4, text)


def _line(
    pdf: FPDF, y: float, text: str, *, size: float, bold: bool = False, muted: bool = False
) -> None:
    """One centred line across the page at ``y`` (mm)."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*(MUTED if muted else (25, 35, 60)))
    pdf.set_xy(15, y)
    pdf.cell(PAGE_W - 30, size * 0.5, text, align="C")
