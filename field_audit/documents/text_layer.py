"""The text layer of every PDF: what a reader copies and searches is exactly what was written.

Why this exists: fpdf2 shapes Thai with HarfBuzz, which turns one character into several glyphs
where the font says so (sara am ``ำ`` becomes nikhahit + sara aa; some vowels and tone marks get
shifted variants) and places marks with their own offsets. fpdf2 maps a glyph cluster's text to
its first glyph only, so the other glyphs carry no text: a viewer reads the unmapped sara-aa
glyph as a space ("อำ นาจ", "ประจำ ปี"), and orders stacked marks by where they are drawn
("ที่น่ัง" for "ที่นั่ง").

The fix is at that cause, where each run of glyphs is written: every fragment of shaped text is
wrapped in a marked-content span whose ``/ActualText`` is the fragment's own string (PDF 1.4+,
ISO 32000 14.9.4), the mechanism the format has for "these glyphs spell this text". poppler
(``pdftotext``, evince), PDFium (Chrome) and Acrobat read it for copying and searching; glyphs
are drawn exactly as before.

This hooks ``FPDF._render_styled_text_line``, the one method every cell, multi_cell, table and
text region renders a line through. It is private to fpdf2, so the dependency is held below
2.9 and ``tests/documents/test_text_layer.py`` compares pdftotext's output with the source.
"""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.line_break import Fragment, TextLine

from field_audit.documents.thai_breaks import ZWSP, breakable


class _SpokenFragment(Fragment):
    """A fragment whose drawn glyphs are marked as spelling the fragment's string (less the
    zero-width spaces that only mark where a Thai line may break: ``thai_breaks``)."""

    def render_pdf_text(self, *args: Any, **kwargs: Any) -> str:
        drawn: str = super().render_pdf_text(*args, **kwargs)
        spoken = self.string.replace(ZWSP, "")
        if not drawn or not spoken:
            return drawn
        return f"/Span <</ActualText {actual_text(spoken)}>> BDC {drawn} EMC"


def actual_text(text: str) -> str:
    """``text`` as a PDF hexadecimal text string (UTF-16BE with its byte order mark)."""
    return "<" + ("\ufeff" + text).encode("utf-16-be").hex().upper() + ">"


def _spoken(fragment: Fragment) -> Fragment:
    if type(fragment) is not Fragment:  # e.g. the page-count placeholder: left as fpdf2 made it
        return fragment
    spoken = _SpokenFragment.__new__(_SpokenFragment)
    spoken.__dict__.update(fragment.__dict__)
    return spoken


class TextLayerPdf(FPDF):
    """An FPDF whose text copies and searches as written (see the module docstring), and
    whose wrapped Thai lines break between words (``thai_breaks``)."""

    def multi_cell(self, w: float, h: float | None = None, text: str = "", *args: Any,
                   **kwargs: Any) -> Any:  # fmt: skip
        return super().multi_cell(w, h, breakable(text), *args, **kwargs)

    def _render_styled_text_line(self, text_line: TextLine, *args: Any, **kwargs: Any) -> bool:
        spoken = text_line._replace(fragments=tuple(_spoken(f) for f in text_line.fragments))
        done: bool = super()._render_styled_text_line(spoken, *args, **kwargs)
        return done
