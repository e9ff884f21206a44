"""The shared set-up of every document: A4, the bundled Thai font, text shaping, Thai dates.

Thai needs text shaping: without it, vowels above and below and tone marks are drawn as
separate glyphs beside their consonant (or on top of one another). fpdf2 shapes with HarfBuzz
(uharfbuzz) when ``set_text_shaping(True)``; the font must carry Thai GPOS mark positioning,
which Sarabun and Noto Sans Thai do.

The font is read at run time from the project's ``assets/fonts`` (Sarabun, SIL Open Font
License, ``OFL.txt`` beside it), or from the folder the caller names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from fpdf import FPDF

from field_audit.documents.errors import FontMissing
from field_audit.domain.thai_calendar import THAI_MONTHS_LONG, be_year, to_thai_digits

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
FONT_FAMILY = "Sarabun"
FONT_FILES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}
INK = (25, 35, 60)
MUTED = (95, 100, 115)


def new_document(
    orientation: Literal["portrait", "landscape"],
    *,
    font_dir: Path | None,
    title: str,
    kind: type[FPDF] = FPDF,
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
    pdf.set_creator("GECC Field Audit")
    pdf.set_font(FONT_FAMILY, size=12)
    pdf.set_text_color(*INK)
    return pdf


def thai_date(day: date, *, thai_digits: bool = False) -> str:
    """``15 มีนาคม พ.ศ. 2570`` (with Thai digits ``๑๕ มีนาคม พ.ศ. ๒๕๗๐`` if asked)."""
    text = f"{day.day} {THAI_MONTHS_LONG[day.month - 1]} พ.ศ. {be_year(day)}"
    return to_thai_digits(text) if thai_digits else text


def finish(pdf: FPDF) -> bytes:
    """The document's PDF bytes."""
    return bytes(pdf.output())
