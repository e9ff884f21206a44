"""The award list: a round's certified LAOs by province (in Thai order) and kind, with counts,
as a PDF for the ceremony and as an Excel workbook with real numbers and dates."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from field_audit.documents import award_list_pdf, award_list_xlsx
from field_audit.documents.awards import thai_order
from field_audit.documents.views import Award, AwardList, Office
from tests.documents.rendering import keep_artifact, needs_pdftoppm, pdf_text, render_page

ROWS = (
    ("เทศบาลนครนครราชสีมา", "เทศบาลนคร", "นครราชสีมา", 72, "ก้าวหน้า", "GECC-2570-30-0007"),
    ("เทศบาลเมืองปากช่อง", "เทศบาลเมือง", "นครราชสีมา", 64, None, "GECC-2570-30-0008"),
    ("เทศบาลนครเชียงใหม่", "เทศบาลนคร", "เชียงใหม่", 70, None, "GECC-2570-50-0001"),
    ("เมืองพัทยา", "เมืองพัทยา", "ชลบุรี", 76, "ก้าวหน้า", "GECC-2570-20-0001"),
)
AWARDS = AwardList(
    "รอบการประเมินปีงบประมาณ 2570",
    2570,
    tuple(
        Award(n, k, p, s, 80, lv, r, date(2027, 3, 15), date(2030, 3, 14))
        for n, k, p, s, lv, r in ROWS
    ),
)


def test_thai_order_files_a_word_under_its_consonant_not_its_leading_vowel() -> None:
    assert sorted(["นครราชสีมา", "เชียงใหม่", "ชลบุรี"], key=thai_order) == [
        "ชลบุรี",
        "เชียงใหม่",
        "นครราชสีมา",
    ]


@needs_pdftoppm
def test_the_award_list_groups_by_province_with_counts(office: Office, tmp_path: Path) -> None:
    pdf = award_list_pdf(AWARDS, office=office)
    keep_artifact("award-list.png", render_page(pdf, tmp_path, dpi=80))
    text = re.sub(r"\s+", " ", pdf_text(pdf, tmp_path))
    provinces = [text.index(f"จังหวัด{p}") for p in ("ชลบุรี", "เชียงใหม่", "นครราชสีมา")]
    assert provinces == sorted(provinces)
    assert "จังหวัดนครราชสีมา (๒ แห่ง)" in text
    assert "GECC-๒๕๗๐-๒๐-๐๐๐๑" in text
    assert "รวมทั้งสิ้น ๔ แห่ง (เทศบาลนคร ๒ แห่ง · เทศบาลเมือง ๑ แห่ง · เมืองพัทยา ๑ แห่ง)" in text


def test_the_workbook_holds_numbers_and_dates() -> None:
    book = load_workbook(io.BytesIO(award_list_xlsx(AWARDS)))
    sheet = book["รายชื่อ"]
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["ลำดับ", "จังหวัด", "ประเภท", "องค์กรปกครองส่วนท้องถิ่น"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [r[1] for r in rows] == ["ชลบุรี", "เชียงใหม่", "นครราชสีมา", "นครราชสีมา"]
    assert rows[0][3:8] == ["เมืองพัทยา", 76, 80, "ก้าวหน้า", "GECC-2570-20-0001"]
    assert rows[0][9].date() == date(2030, 3, 14)
    assert sheet.cell(4, 10).number_format == "[$-th-TH,107]d mmmm yyyy"
    summary = [[c.value for c in row] for row in book["สรุป"].iter_rows()]
    assert ["นครราชสีมา", "เทศบาลนคร", 1] in summary
    assert ["รวมทั้งสิ้น", "", 4] in summary or ["รวมทั้งสิ้น", None, 4] in summary
