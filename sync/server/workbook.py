"""A round as an Excel workbook (openpyxl, its one home): a sheet of every LAO with its steps,
scores, decision and certificate, and a summary per province. Thai headings (English beneath),
Thai text as it is stored (xlsx is UTF-8 XML, so it opens intact), Buddhist-era dates written
as dates with a Thai date format. Written in openpyxl's streaming mode: memory stays flat."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from sync.server.store.export import LAO_COLUMNS, PROVINCE_COLUMNS, RoundSheets

THAI_DATE = "[$-th-TH,107]d mmmm yyyy;@"  # Excel's Thai locale with the Buddhist calendar
HEADING = Font(name="Sarabun", bold=True)
FILL = PatternFill("solid", fgColor="DCE3EE")
LAO_WIDTHS = (14, 34, 14, 14, 12, 50, 10, 10, 12, 22, 14, 10, 10, 16, 16, 40, 22, 16, 14)
PROVINCE_WIDTHS = (20, 14, 16, 14, 12, 16, 16)


def round_workbook(sheets: RoundSheets) -> bytes:
    """The workbook's bytes (.xlsx)."""
    book = Workbook(write_only=True)
    laos = book.create_sheet("อปท. ในรอบ")
    _table(laos, LAO_COLUMNS, sheets.laos, widths=LAO_WIDTHS)
    provinces = book.create_sheet("สรุปรายจังหวัด")
    _table(provinces, PROVINCE_COLUMNS, sheets.provinces, widths=PROVINCE_WIDTHS)
    book.properties.title = sheets.round.title_th
    book.properties.creator = "GECC Field Audit"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[tuple[str, str, str]],
    rows: Sequence[dict[str, Any]],
    *,
    widths: Sequence[int],
) -> None:
    for index, width in enumerate(widths, start=1):
        # write-only sheets take column widths before the first row; the stubs miss the proxy
        sheet.column_dimensions[_letter(index)].width = width  # type: ignore[attr-defined]
    sheet.freeze_panes = "A3"
    sheet.append([_heading(sheet, th) for _key, th, _en in columns])
    sheet.append([_heading(sheet, en) for _key, _th, en in columns])
    for row in rows:
        sheet.append([_cell(sheet, row.get(key)) for key, _th, _en in columns])


def _heading(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font, cell.fill = HEADING, FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A plain value (fast), or a cell with the Thai date format for a date."""
    if not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value=datetime.combine(value, time()))  # a date: midnight
    cell.number_format = THAI_DATE
    return cell


def _letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
