"""Every PDF copies and searches as it was written: no space after sara am, no stacked marks
out of order, no zero-width marks left by line breaking (pdftotext against the sources)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from field_audit.documents import award_list_pdf, notice_pdf, report_pdf
from field_audit.documents.pages import FONT_FAMILY, finish, new_document, write
from field_audit.documents.thai_breaks import breakable
from field_audit.documents.views import Award, AwardList, NoticeView, Office
from field_audit.domain.edition import Edition
from tests.documents.rendering import pdf_text
from tests.documents.samples import NOTES, own_view, photo_source, report_view

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")
TRICKY = (
    "ผู้มีอำนาจลงนาม ประจำปีงบประมาณ น้ำดื่ม กำหนด",  # sara am, alone and under a tone mark
    "ที่นั่งพักรอ ปัญญา ฐานข้อมูล ญาติ",  # stacked marks; letters with descenders
    "แนะนำและส่งต่อเรื่องที่ไม่อยู่ในอำนาจหน้าที่ไปยังหน่วยงานที่เกี่ยวข้อง",  # a long run, no space
)


def flat(text: str) -> str:
    """The text without its spaces and line ends: a wrapped line's end is not a space, so
    sources are compared as their letters, in order (spaces are checked on single lines)."""
    return re.sub(r"\s+", "", text)


def test_a_page_of_tricky_thai_copies_exactly_as_written(tmp_path: Path) -> None:
    pdf = new_document("portrait", font_dir=None, title="t")
    pdf.add_page()
    for line in TRICKY:
        write(pdf, line, size=14)
    pdf.set_font(FONT_FAMILY, "", 14)
    text = pdf_text(finish(pdf), tmp_path)
    for line in TRICKY:
        assert line in text
    assert "อำ นาจ" not in text
    assert "ประจำ ปี" not in text
    assert "\u200b" not in text


def test_thai_is_broken_between_words_not_inside_them() -> None:
    marked = breakable("แนะนำและส่งต่อเรื่องที่ไม่อยู่ในอำนาจหน้าที่")
    assert marked.replace("\u200b", "") == "แนะนำและส่งต่อเรื่องที่ไม่อยู่ในอำนาจหน้าที่"
    assert "แนะนำ" in marked.split("\u200b")  # words kept whole
    assert "ส่งต่อ" in marked.split("\u200b")
    assert breakable("GECC-2570-30-0007 and B07") == "GECC-2570-30-0007 and B07"


def test_the_report_copies_as_written(edition: Edition, tmp_path: Path) -> None:
    view = report_view(edition, with_records=True)
    raw = pdf_text(report_pdf(view, photos=photo_source), tmp_path)
    assert "อำ นาจ" not in raw
    assert "ประจำ ปี" not in raw
    assert "\u200b" not in raw
    for criterion in view.criteria:
        assert flat(criterion.title_th) in flat(raw)  # every title, in order, even if wrapped
    for note in NOTES.values():
        assert flat(note) in flat(raw)
    own = pdf_text(report_pdf(own_view(edition), photos=photo_source), tmp_path)
    assert "ที่ไม่อยู่ในอำนาจหน้าที่ไปยังหน่วยงานที่เกี่ยวข้อง" in own  # on one line: its spaces too


def test_the_letter_and_the_award_list_copy_as_written(tmp_path: Path) -> None:
    notice = NoticeView(
        lao_name="เทศบาลเมืองน้ำพอง",
        lao_kind="เทศบาลเมือง",
        province_th="ขอนแก่น",
        fiscal_year_be=2570,
        visit_date=date(2026, 12, 3),
        decided_on=date(2027, 3, 10),
        decision_basis="มติคณะกรรมการอำนวยการ ครั้งที่ 2/2570",
        certificate=None,
        points=59,
        max_points=80,
        dated=date(2027, 3, 15),
    )
    text = flat(pdf_text(notice_pdf(notice, office=Office()), tmp_path))
    assert "นายกเทศมนตรีเมืองน้ำพอง" in text
    assert flat("มติคณะกรรมการอำนวยการ ครั้งที่ ๒/๒๕๗๐") in text
    assert flat("จึงเรียนมาเพื่อโปรดทราบ และพิจารณาปรับปรุงการให้บริการตามข้อเสนอแนะ") in text
    award = Award(
        "เทศบาลนครนครราชสีมา",
        "เทศบาลนคร",
        "นครราชสีมา",
        72,
        80,
        "ก้าวหน้า",
        "GECC-2570-30-0007",
        date(2027, 3, 15),
        date(2030, 3, 14),
    )
    awards = AwardList("รอบประจำปีงบประมาณ 2570", 2570, (award,))
    listed = flat(pdf_text(award_list_pdf(awards, office=Office()), tmp_path))
    assert flat("ศูนย์ราชการสะดวก ประจำปีงบประมาณ พ.ศ. ๒๕๗๐") in listed
    assert "เทศบาลนครนครราชสีมา" in listed
    assert "ก้าวหน้า" in listed
