"""The Word (DOCX) side of the documents: python-docx with Thai set up as Word expects it.

Thai is a complex script in Word: its characters take the run's complex-script font, size and
bold (``w:cs``, ``w:szCs``, ``w:bCs``), not the Latin ones, so every run here sets both, and
the language is ``th-TH``. The font is named ``Sarabun`` (``assets/fonts``, the Thai
government's document typeface in its open version); where it is not installed Word uses its
own Thai font. Pages are A4 with the margins of Thai official letters (3 cm left, 2 cm right).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document as new_docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Sarabun"
BODY_PT = 14.0
ALIGN = {
    "L": WD_ALIGN_PARAGRAPH.LEFT,
    "C": WD_ALIGN_PARAGRAPH.CENTER,
    "R": WD_ALIGN_PARAGRAPH.RIGHT,
    "J": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}
Colour = tuple[int, int, int]


def new_word(title: str) -> Document:
    """An empty A4 document whose Normal style is Thai (see the module docstring)."""
    document = new_docx()
    document.core_properties.title = title
    document.core_properties.language = "th-TH"
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = document.styles["Normal"]
    _thai(normal.element.get_or_add_rPr(), size=BODY_PT, bold=False)
    normal.paragraph_format.space_after = Pt(0)
    return document


def paragraph(
    where: Document | _Cell,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    align: str = "L",
    colour: Colour | None = None,
    indent_cm: float = 0,
    first_line_cm: float = 0,
    space_before: float = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph of one Thai run; its lines keep the text's line breaks."""
    para = where.add_paragraph()
    para.alignment = ALIGN[align]
    para.paragraph_format.left_indent = Cm(indent_cm)
    para.paragraph_format.first_line_indent = Cm(first_line_cm)
    para.paragraph_format.space_before = Pt(space_before)
    para.paragraph_format.keep_with_next = keep_with_next
    run_in(para, text, size=size, bold=bold, colour=colour)
    return para


def run_in(
    para: Paragraph,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    colour: Colour | None = None,
) -> Run:
    run = para.add_run(text)
    _thai(run._element.get_or_add_rPr(), size=size, bold=bold)
    if colour is not None:
        run.font.color.rgb = RGBColor(*colour)
    return run


def table(
    document: Document,
    rows: Sequence[Sequence[str]],
    *,
    widths_cm: Sequence[float],
    size: float = 12.0,
    heading: bool = True,
    borders: bool = True,
) -> Table:
    """A table of text cells (the first row bold and shaded when ``heading``)."""
    grid: Table = document.add_table(rows=len(rows), cols=len(widths_cm))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid LibreOffice reads; Word reads the cells' widths
    if borders:
        grid.style = document.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.width = Cm(widths_cm[c])
            cell.paragraphs[0].text = ""
            run_in(cell.paragraphs[0], text, size=size, bold=heading and r == 0)
            if heading and r == 0:
                shade(cell, "E8ECF4")
    return grid


def heading(document: Document, text: str, *, size: float = 15) -> Paragraph:
    """A section's heading, kept on the page of what follows it."""
    return paragraph(document, text, size=size, bold=True, space_before=10, keep_with_next=True)


def shade(cell: _Cell, fill: str) -> None:
    """Fill ``cell`` with the hex colour ``fill`` (e.g. ``FDE2E2``)."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def picture(where: _Cell | Document, data: bytes, *, width_cm: float) -> None:
    para = where.add_paragraph() if isinstance(where, Document) else where.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))


def to_bytes(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The order OOXML gives a run's properties (ECMA-376 CT_RPr); Word refuses other orders.
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip


def _thai(rpr: BaseOxmlElement, *, size: float, bold: bool) -> None:
    """Font, size, weight and language for Latin and complex script (Thai) alike."""
    _put(rpr, "w:rFonts", {f"w:{a}": FONT for a in ("ascii", "hAnsi", "cs", "eastAsia")})
    for tag in ("w:b", "w:bCs"):
        _put(rpr, tag, {} if bold else {"w:val": "0"})
    for tag in ("w:sz", "w:szCs"):
        _put(rpr, tag, {"w:val": str(round(size * 2))})
    _put(rpr, "w:lang", {"w:val": "en-GB", "w:bidi": "th-TH"})  # Latin words; Thai (complex)


def _put(rpr: BaseOxmlElement, tag: str, attributes: dict[str, str]) -> None:
    """Set ``rpr``'s one ``tag`` element to ``attributes``, in its schema place."""
    for old in rpr.findall(qn(tag)):
        rpr.remove(old)
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    rpr.insert_element_before(element, *RPR_ORDER[RPR_ORDER.index(tag) + 1 :])
