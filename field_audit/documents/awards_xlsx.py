"""The award list as an Excel workbook (openpyxl): one row per certified LAO with real numbers
and dates (sortable, to merge into a ceremony's programme), and a summary sheet of the counts
by province and kind. Dates show in Thai with the Buddhist year (Excel's Thai calendar format)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from field_audit.documents.awards import by_province, kind_counts, title_of
from field_audit.documents.views import AwardList

FONT = "Sarabun"
THAI_DATE = "[$-th-TH,107]d mmmm yyyy"  # 107: the Thai Buddhist calendar
COLUMNS = (
    ("ลำดับ", 7), ("จังหวัด", 16), ("ประเภท", 14), ("องค์กรปกครองส่วนท้องถิ่น", 34),
    ("คะแนน", 8), ("คะแนนเต็ม", 10), ("ระดับ", 12), ("ใบรับรองเลขที่", 20),
    ("วันที่ออก", 18), ("มีผลถึง", 18),
)  # fmt: skip


def award_list_xlsx(awards: AwardList) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "รายชื่อ"
    _list(sheet, awards)
    _summary(book.create_sheet("สรุป"), awards)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _list(sheet: Worksheet, awards: AwardList) -> None:
    sheet.append([title_of(awards)])
    sheet.append([awards.round_title])
    sheet.append([name for name, _ in COLUMNS])
    number = 0
    for province, group in by_province(awards):
        for award in group:
            number += 1
            sheet.append([
                number, province, award.lao_kind, award.lao_name, award.points,
                award.max_points, award.level_th or "", award.reference, award.issued_on,
                award.valid_until,
            ])  # fmt: skip
    _style(sheet, header_row=3)
    for row in sheet.iter_rows(min_row=4, min_col=9, max_col=10):
        for cell in row:
            cell.number_format = THAI_DATE
    sheet.freeze_panes = "A4"
    sheet.auto_filter.ref = f"A3:J{sheet.max_row}"


def _summary(sheet: Worksheet, awards: AwardList) -> None:
    sheet.append(["จังหวัด", "ประเภท", "จำนวน (แห่ง)"])
    for province, group in by_province(awards):
        for kind in sorted({a.lao_kind for a in group}):
            sheet.append([province, kind, sum(1 for a in group if a.lao_kind == kind)])
    sheet.append([])
    for kind, count in kind_counts(awards):
        sheet.append(["รวม", kind, count])
    sheet.append(["รวมทั้งสิ้น", "", len(awards.awards)])
    _style(sheet, header_row=1, widths=(18, 16, 14))


def _style(sheet: Worksheet, *, header_row: int, widths: tuple[int, ...] = ()) -> None:
    for number, row in enumerate(sheet.iter_rows(), start=1):
        for cell in row:
            cell.font = Font(
                name=FONT, size=14 if number < header_row else 12, bold=number <= header_row
            )
            cell.alignment = Alignment(vertical="top")
    for cell in sheet[header_row]:
        cell.fill = PatternFill("solid", fgColor="E8ECF4")
    for index, width in enumerate(widths or tuple(w for _, w in COLUMNS), start=1):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = width
