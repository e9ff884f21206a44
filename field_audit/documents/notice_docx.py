"""The notice to an LAO as a Word file, in the same layout as the PDF (``notice_pdf``), for
the office to edit, number and date in its own registry before it is signed."""

from __future__ import annotations

from docx.document import Document
from docx.shared import Cm

from field_audit.documents.letter import CLOSING, Letter, letter_of
from field_audit.documents.views import NoticeView, Office
from field_audit.documents.word import new_word, paragraph, picture, table, to_bytes
from field_audit.domain.thai_calendar import to_thai_digits

SIZE = 14.0
CENTRE_CM = 8.0  # the date and the closing start at the page's middle
LABEL_CM = {"เรื่อง": 1.3, "เรียน": 1.3, "อ้างถึง": 1.5, "สิ่งที่ส่งมาด้วย": 3.3}


def notice_docx(notice: NoticeView, *, office: Office) -> bytes:
    """The letter's DOCX (one LAO)."""
    letter = letter_of(notice, office)
    document = new_word(letter.subject)
    if office.emblem:
        picture(document, office.emblem, width_cm=2.6)
    else:
        paragraph(document, "[ยังไม่ได้กำหนดตราสัญลักษณ์]", size=11, align="C")
    _head(document, letter)
    _parts(document, letter)
    for text in letter.body:
        para = paragraph(document, text, size=SIZE, first_line_cm=2.5)
        para.paragraph_format.space_after = Cm(0.1)
    paragraph(document, CLOSING, size=SIZE, indent_cm=CENTRE_CM - 0.8, space_before=8)
    paragraph(document, "", size=SIZE)
    paragraph(document, "", size=SIZE)
    for text in (letter.signatory, letter.position):
        paragraph(document, text, size=SIZE, align="C", indent_cm=5.0)
    paragraph(document, "", size=SIZE)
    for line in letter.unit:
        paragraph(document, line, size=SIZE - 1)
    return to_bytes(document)


def _head(document: Document, letter: Letter) -> None:
    rows = [(letter.number, "\n".join(letter.sender))]
    table(document, rows, widths_cm=(8.5, 7.5), size=SIZE, heading=False, borders=False)
    paragraph(document, letter.dated, size=SIZE, indent_cm=CENTRE_CM, space_before=6)


def _parts(document: Document, letter: Letter) -> None:
    items = list(letter.enclosures)
    if len(items) > 1:
        items = [to_thai_digits(f"{n}. ") + text for n, text in enumerate(items, start=1)]
    parts = {
        "เรื่อง": [letter.subject],
        "เรียน": [letter.to],
        "อ้างถึง": [letter.reference],
        "สิ่งที่ส่งมาด้วย": items,
    }
    for label, lines in parts.items():
        for index, line in enumerate(lines):
            text = f"{label}\t{line}" if index == 0 else f"\t{line}"
            para = paragraph(document, text, size=SIZE, indent_cm=LABEL_CM[label])
            para.paragraph_format.first_line_indent = Cm(-LABEL_CM[label])
            para.paragraph_format.tab_stops.add_tab_stop(Cm(LABEL_CM[label]))
            para.paragraph_format.space_before = Cm(0.15 if index == 0 else 0)
