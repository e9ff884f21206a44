"""The shared set-up of every PDF: A4, the bundled Thai font, text shaping, a true text layer,
and the few ways the documents write text.

Thai needs text shaping: without it, vowels above and below and tone marks are drawn as
separate glyphs beside their consonant (or on top of one another). fpdf2 shapes with HarfBuzz
(uharfbuzz) when ``set_text_shaping(True)``; the font must carry Thai GPOS mark positioning,
which Sarabun and Noto Sans Thai do. What is copied out of the page is fixed in ``text_layer``.

The font is read at run time from the project's ``assets/fonts`` (Sarabun, SIL Open Font
License, ``OFL.txt`` beside it), or from the folder the caller names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from field_audit.documents.errors import FontMissing
from field_audit.documents.text_layer import TextLayerPdf
from field_audit.documents.thai_breaks import breakable

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FAMILY = "Sarabun"
FONT_FILES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}
INK = (25, 35, 60)
MUTED = (95, 100, 115)
RED = (170, 30, 30)
AMBER = (150, 90, 0)
GREEN = (30, 110, 60)
Colour = tuple[int, int, int]


def new_document(
    orientation: Literal["portrait", "landscape"],
    *,
    font_dir: Path | None,
    title: str,
    kind: type[TextLayerPdf] = TextLayerPdf,
) -> FPDF:
    """An empty A4 ``kind`` with the Thai font loaded and shaping on; raise ``FontMissing``."""
    pdf = kind(orientation=orientation, unit="mm", format="A4")
    folder = font_dir or FONT_DIR
    for style, name in FONT_FILES.items():
        path = folder / name
        if not path.is_file():
            raise FontMissing(path)
        pdf.add_font(FONT_FAMILY, style, str(path))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_title(title)
    pdf.set_lang("th")
    pdf.set_creator("GECC Field Audit")
    pdf.set_font(FONT_FAMILY, size=12)
    pdf.set_text_color(*INK)
    return pdf


def font_path(style: str = "", font_dir: Path | None = None) -> Path:
    """The Thai font file of ``style`` ("" or "B"); raise ``FontMissing``."""
    path = (font_dir or FONT_DIR) / FONT_FILES[style]
    if not path.is_file():
        raise FontMissing(path)
    return path


def write(
    pdf: FPDF,
    text: str,
    *,
    size: float,
    bold: bool = False,
    colour: Colour = INK,
    indent: float = 0,
    width: float = 0,
    align: str = "L",
    leading: float = 0.5,
) -> None:
    """A paragraph from the left margin (+ ``indent``), ``width`` wide (0: to the right margin)."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    wide = width or pdf.epw - indent
    pdf.multi_cell(wide, size * leading, text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def indented(pdf: FPDF, text: str, *, size: float, first: float, line: float) -> None:
    """A body paragraph across the margins, its first line indented ``first`` mm, its lines
    ``line`` mm apart (a letter's paragraph)."""
    pdf.set_font(FONT_FAMILY, "", size)
    spacing = line / (size * 0.3528)  # as a multiple of the font size
    with (
        pdf.text_columns(text_align="LEFT", line_height=spacing) as column,
        column.paragraph(first_line_indent=first) as paragraph,
    ):
        paragraph.write(breakable(text))


def height_of(pdf: FPDF, text: str, *, size: float, width: float, bold: bool = False) -> float:
    """How tall ``write`` would make ``text`` at ``size`` in ``width`` mm (nothing is drawn)."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    height = pdf.multi_cell(width, size * 0.5, text, dry_run=True, output=MethodReturnValue.HEIGHT)
    assert isinstance(height, float | int)
    return float(height)


def centred(
    pdf: FPDF,
    y: float,
    text: str,
    *,
    size: float,
    bold: bool = False,
    colour: Colour = INK,
    left: float = 15,
    width: float | None = None,
) -> None:
    """One line centred between ``left`` and ``left + width`` (default: the page less 15 mm
    each side) at ``y`` mm."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.set_xy(left, y)
    pdf.cell(width if width is not None else pdf.w - 2 * left, size * 0.5, text, align="C")
    pdf.set_text_color(*INK)


def ensure_room(pdf: FPDF, height: float) -> None:
    """Start a new page unless ``height`` mm still fit above the bottom margin."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def finish(pdf: FPDF) -> bytes:
    """The document's PDF bytes."""
    return bytes(pdf.output())
