"""The award list: a round's certified LAOs, by province and then by kind, for the ceremony,
as a PDF (A4 portrait) and as an Excel workbook (``award_list_xlsx``) to merge into programmes.

Each LAO is listed with its score, level, certificate reference and validity; each province
with its count; the whole list ends with the count of each kind. Thai digits throughout the
PDF, as the certificate has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from field_audit.documents.pages import (
    FONT_FAMILY,
    INK,
    MUTED,
    ensure_room,
    finish,
    new_document,
    write,
)
from field_audit.documents.views import Award, AwardList, Office
from field_audit.documents.wording import thai_date
from field_audit.domain.thai_calendar import to_thai_digits

_LEADING_VOWEL = re.compile(r"([\u0e40-\u0e44])([\u0e01-\u0e2e])")
HEADINGS = ("ที่", "องค์กรปกครองส่วนท้องถิ่น", "ประเภท", "คะแนน", "ระดับ", "ใบรับรองเลขที่", "มีผลถึง")
WIDTHS = (9, 46, 24, 15, 17, 42, 33)


def title_of(awards: AwardList) -> str:
    return (
        "รายชื่อองค์กรปกครองส่วนท้องถิ่นที่ผ่านการรับรองมาตรฐานศูนย์ราชการสะดวก"
        f" ประจำปีงบประมาณ พ.ศ. {awards.fiscal_year_be}"
    )


def thai_order(text: str) -> str:
    """A sort key in Thai dictionary order: a leading vowel (เ แ โ ใ ไ) sorts after the
    consonant it is written before, so เชียงใหม่ sorts under ช."""
    return _LEADING_VOWEL.sub(r"\2\1", text)


def by_province(awards: AwardList) -> Iterator[tuple[str, list[Award]]]:
    """The awards grouped by province, then ordered by kind and name, in Thai order."""
    ordered = sorted(
        awards.awards,
        key=lambda a: (thai_order(a.province_th), thai_order(a.lao_kind), thai_order(a.lao_name)),
    )
    for province, group in groupby(ordered, key=lambda a: a.province_th):
        yield province, list(group)


def kind_counts(awards: AwardList) -> list[tuple[str, int]]:
    kinds = sorted({a.lao_kind for a in awards.awards})
    return [(kind, sum(1 for a in awards.awards if a.lao_kind == kind)) for kind in kinds]


def award_list_pdf(awards: AwardList, *, office: Office, font_dir: Path | None = None) -> bytes:
    t = to_thai_digits
    pdf = new_document("portrait", font_dir=font_dir, title=title_of(awards))
    pdf.set_margins(12, 15, 12)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    if office.name_th:
        write(pdf, office.name_th, size=13, align="C", colour=MUTED)
    write(pdf, t(title_of(awards)), size=15, bold=True, align="C")
    write(pdf, t(awards.round_title), size=12, align="C", colour=MUTED)
    pdf.ln(3)
    number = 0
    for province, group in by_province(awards):
        ensure_room(pdf, 24)
        write(pdf, t(f"จังหวัด{province} ({len(group)} แห่ง)"), size=13, bold=True)
        number = _table(pdf, group, start=number)
        pdf.ln(3)
    _totals(pdf, awards)
    return finish(pdf)


def _table(pdf: FPDF, group: list[Award], *, start: int) -> int:
    pdf.set_font(FONT_FAMILY, "", 10.5)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(255, 255, 255)
    style = FontFace(family=FONT_FAMILY, emphasis="BOLD", fill_color=(232, 236, 244))
    align = ("CENTER", "LEFT", "LEFT", "CENTER", "LEFT", "LEFT", "LEFT")
    with pdf.table(
        col_widths=WIDTHS, text_align=align, line_height=5.5, headings_style=style
    ) as table:
        table.row(HEADINGS)
        for number, award in enumerate(group, start=start + 1):
            table.row(_row(number, award))
    return start + len(group)


def _row(number: int, award: Award) -> tuple[str, ...]:
    t = to_thai_digits
    return (
        t(str(number)),
        award.lao_name,
        award.lao_kind,
        t(f"{award.points}/{award.max_points}"),
        award.level_th or "—",
        t(award.reference),
        thai_date(award.valid_until, thai_digits=True, era=False),
    )


def _totals(pdf: FPDF, awards: AwardList) -> None:
    ensure_room(pdf, 20)
    total = len(awards.awards)
    parts = " · ".join(f"{kind} {count} แห่ง" for kind, count in kind_counts(awards))
    write(pdf, to_thai_digits(f"รวมทั้งสิ้น {total} แห่ง ({parts})"), size=12, bold=True)
