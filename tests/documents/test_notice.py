"""The notice to an LAO as an official letter: every part the regulation on official
correspondence names, the level and validity when certified, the unmet criteria and the
recommendations when not; PDF and Word (rendered by LibreOffice where it is installed)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from field_audit.documents import notice_docx, notice_pdf
from field_audit.documents.letter import addressee_of
from field_audit.documents.views import CertificateFacts, NoticeView, Office, Unmet
from tests.documents.rendering import (
    keep_artifact,
    needs_pdftoppm,
    needs_soffice,
    pdf_text,
    render_page,
    word_to_pdf,
)

BASE = NoticeView(
    lao_name="เทศบาลนครนครราชสีมา",
    lao_kind="เทศบาลนคร",
    province_th="นครราชสีมา",
    fiscal_year_be=2570,
    visit_date=date(2026, 12, 3),
    decided_on=date(2027, 3, 10),
    decision_basis="มติคณะกรรมการอำนวยการ ครั้งที่ 2/2570",
    certificate=CertificateFacts(
        "GECC-2570-30-0007", date(2027, 3, 15), date(2030, 3, 14), 72, 80, "ก้าวหน้า"
    ),
    points=72,
    max_points=80,
    dated=date(2027, 3, 20),
    applied_on=date(2027, 1, 20),
    number="1234",
)
NOT_CERTIFIED = NoticeView(
    **{
        **BASE.__dict__,
        "certificate": None,
        "points": 59,
        "unmet": (
            Unmet("B07", "มีระบบจัดลำดับคิวที่ชัดเจนและเป็นธรรม", ("จัดหาระบบบัตรคิว",)),
            Unmet("A04", "รับชำระค่าธรรมเนียมและภาษีทางอิเล็กทรอนิกส์"),
        ),
        "recommendations": ("ควรสำรวจความพึงพอใจโดยหน่วยงานภายนอก",),
    }
)
PARTS = (
    "ที่ มท ๐๘๑๐.๔/๑๒๓๔",
    "เรื่อง",
    "เรียน นายกเทศมนตรีนครนครราชสีมา",
    "อ้างถึง",
    "สิ่งที่ส่งมาด้วย",
    "ขอแสดงความนับถือ",
    "(นายสมศักดิ์ ตัวอย่าง)",
    "กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น",
    "โทร. ๐ ๒๒๔๑ ๙๐๐๐ ต่อ ๔๑๑๒",
    "ไปรษณีย์อิเล็กทรอนิกส์ gecc@example.go.th",
    "กรุงเทพมหานคร ๑๐๓๐๐",
)


def plain(text: str) -> str:
    """Without spaces and line ends: a wrapped line may end at a space or mid-sentence, so
    the letters are compared in order (the parts' lines are checked with their spaces)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("name", "addressee"),
    [
        ("เทศบาลนครนครราชสีมา", "นายกเทศมนตรีนครนครราชสีมา"),
        ("เทศบาลเมืองปากช่อง", "นายกเทศมนตรีเมืองปากช่อง"),
        ("เมืองพัทยา", "นายกเมืองพัทยา"),
        ("องค์การบริหารส่วนตำบลหนองระเวียง", "นายกองค์การบริหารส่วนตำบลหนองระเวียง"),
    ],
)
def test_the_letter_is_addressed_to_the_laos_chief_executive(name: str, addressee: str) -> None:
    assert addressee_of(name) == addressee


@needs_pdftoppm
def test_a_certified_lao_is_told_its_level_and_validity(office: Office, tmp_path: Path) -> None:
    pdf = notice_pdf(BASE, office=office)
    keep_artifact("notice-certified.png", render_page(pdf, tmp_path, dpi=80))
    text = pdf_text(pdf, tmp_path)
    lines = pdf_text(pdf, tmp_path, layout=True)
    for part in PARTS:
        assert part in lines
    body = plain(text)
    assert plain("๒๐ มีนาคม ๒๕๗๐") in body  # dated without พ.ศ., as letters are
    assert plain("ได้คะแนน ๗๒ คะแนน จากคะแนนเต็ม ๘๐ คะแนน ระดับก้าวหน้า") in body
    assert plain("ตามใบรับรองเลขที่ GECC-๒๕๗๐-๓๐-๐๐๐๗") in body
    assert plain("มีผลตั้งแต่วันที่ ๑๕ มีนาคม ๒๕๗๐ ถึงวันที่ ๑๔ มีนาคม ๒๕๗๓") in body
    assert plain("๑. ใบรับรองมาตรฐานศูนย์ราชการสะดวก") in body
    assert plain("ลงวันที่ ๒๐ มกราคม ๒๕๗๐") in body  # the application it answers


@needs_pdftoppm
def test_an_lao_not_certified_is_told_what_to_improve(office: Office, tmp_path: Path) -> None:
    pdf = notice_pdf(NOT_CERTIFIED, office=office)
    keep_artifact("notice-not-certified.png", render_page(pdf, tmp_path, dpi=80))
    body = plain(pdf_text(pdf, tmp_path))
    assert plain("ยังไม่ผ่านเกณฑ์มาตรฐานศูนย์ราชการสะดวก ได้คะแนน ๕๙ คะแนน") in body
    assert plain("(๑) B07 มีระบบจัดลำดับคิวที่ชัดเจนและเป็นธรรม ข้อเสนอแนะ: จัดหาระบบบัตรคิว") in body
    assert plain("(๒) A04 รับชำระค่าธรรมเนียม") in body  # ids as they are looked up
    assert plain("ควรสำรวจความพึงพอใจโดยหน่วยงานภายนอก") in body
    assert plain("ใบรับรองเลขที่") not in body
    assert plain("สิ่งที่ส่งมาด้วย รายงานผลการตรวจประเมินของคณะกรรมการ จำนวน ๑ ชุด") in body


def test_the_word_letter_has_the_same_parts(office: Office) -> None:
    document = Document(io.BytesIO(notice_docx(NOT_CERTIFIED, office=office)))
    text = "\n".join(p.text for p in document.paragraphs)
    head = document.tables[0]
    assert head.cell(0, 0).text == "ที่ มท ๐๘๑๐.๔/๑๒๓๔"
    assert "กรมส่งเสริมการปกครองท้องถิ่น" in head.cell(0, 1).text
    for part in (
        "เรื่อง\t",
        "เรียน\tนายกเทศมนตรีนครนครราชสีมา",
        "อ้างถึง\t",
        "สิ่งที่ส่งมาด้วย\t",
        "ขอแสดงความนับถือ",
        "(๑) B07",
        "โทร. ๐ ๒๒๔๑",
    ):
        assert part in text
    assert len(document.inline_shapes) == 1  # the office's emblem


@needs_soffice
@needs_pdftoppm
def test_the_word_letter_renders_in_libreoffice(office: Office, tmp_path: Path) -> None:
    pdf = word_to_pdf(notice_docx(BASE, office=office), tmp_path)
    keep_artifact("notice-certified-docx.png", render_page(pdf, tmp_path, dpi=80))
    text = pdf_text(pdf, tmp_path)
    assert "เรียน นายกเทศมนตรีนครนครราชสีมา" in re.sub(r"\s+", " ", text)
    assert plain("ตามใบรับรองเลขที่ GECC") in plain(text)
    assert "๒๕๗๐-๓๐-๐๐๐๗" in text  # (LibreOffice may break the line after "GECC-")
