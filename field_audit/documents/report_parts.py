"""The report's closing parts (``report``): the overall recommendations, the photos with
their captions, a signature block per member, and the hashes that tie the paper to the result.
"""

from __future__ import annotations

import io

from fpdf import FPDF

from field_audit.documents.pages import (
    FONT_FAMILY,
    MUTED,
    RED,
    ensure_room,
    height_of,
    write,
)
from field_audit.documents.pictures import print_image
from field_audit.documents.views import Photo, PhotoSource, ReportView
from field_audit.documents.wording import NONE_TH, missing_photo, photo_caption

PHOTO_W, PHOTO_H = 82.0, 58.0
GUTTER = 6.0
CAPTION_SIZE = 8.5
SIGNATURE_H = 30.0


def recommendations(pdf: FPDF, view: ReportView) -> None:
    pdf.ln(3)
    ensure_room(pdf, 20)
    write(pdf, "ข้อเสนอแนะต่อองค์กรปกครองส่วนท้องถิ่น (ภาพรวม)", size=13, bold=True)
    if not view.recommendations:
        write(pdf, NONE_TH, size=10.5, indent=4)
    for number, text in enumerate(view.recommendations, start=1):
        write(pdf, f"{number}. {text}", size=10.5, indent=4)


def photo_pages(pdf: FPDF, view: ReportView, photos: PhotoSource) -> None:
    """Two photos a row, each fitted in its box with its caption under it."""
    if not view.photos:
        return
    pdf.ln(3)
    ensure_room(pdf, 12 + PHOTO_H + 15)
    write(pdf, "ภาพถ่ายประกอบการตรวจประเมิน", size=13, bold=True)
    titles = {c.id: c for c in view.criteria}
    rows = [view.photos[i : i + 2] for i in range(0, len(view.photos), 2)]
    for row_index, row in enumerate(rows):
        captions = [
            photo_caption(2 * row_index + n + 1, p, titles.get(p.criterion))
            for n, p in enumerate(row)
        ]
        tallest = max(height_of(pdf, c, size=CAPTION_SIZE, width=PHOTO_W) for c in captions)
        ensure_room(pdf, PHOTO_H + tallest + 4)
        top = pdf.get_y() + 1
        for column, (photo, caption) in enumerate(zip(row, captions, strict=True)):
            x = pdf.l_margin + column * (PHOTO_W + GUTTER)
            _photo(pdf, photo, photos, x=x, y=top)
            pdf.set_xy(x, top + PHOTO_H + 1)
            pdf.set_font(FONT_FAMILY, "", CAPTION_SIZE)
            pdf.multi_cell(PHOTO_W, CAPTION_SIZE * 0.5, caption, align="L")
        pdf.set_xy(pdf.l_margin, top + PHOTO_H + tallest + 4)


def _photo(pdf: FPDF, photo: Photo, photos: PhotoSource, *, x: float, y: float) -> None:
    data = photos(photo.sha256)
    image = print_image(data) if isinstance(data, bytes) and data else None
    if image is None:
        words = missing_photo(data)
        _empty_box(pdf, x, y, f"{words}\nSHA-256 {photo.sha256[:16]}…", bad=data is not None)
        return
    scale = min(PHOTO_W / image.width, PHOTO_H / image.height)
    w, h = image.width * scale, image.height * scale
    pdf.image(io.BytesIO(image.data), x=x + (PHOTO_W - w) / 2, y=y + (PHOTO_H - h) / 2, w=w, h=h)


def _empty_box(pdf: FPDF, x: float, y: float, text: str, *, bad: bool) -> None:
    pdf.set_draw_color(*(RED if bad else MUTED))
    pdf.set_line_width(0.3)
    pdf.rect(x, y, PHOTO_W, PHOTO_H)
    pdf.set_xy(x + 4, y + PHOTO_H / 2 - 6)
    pdf.set_font(FONT_FAMILY, "B" if bad else "", 9)
    pdf.set_text_color(*(RED if bad else MUTED))
    pdf.multi_cell(PHOTO_W - 8, 4.5, text, align="C")
    pdf.set_text_color(25, 35, 60)


def signatures(pdf: FPDF, view: ReportView) -> None:
    """A signature block per counted member, two a row; absent members listed with why."""
    counted = [m for m in view.members if m.counted]
    pdf.ln(4)
    ensure_room(pdf, 10 + SIGNATURE_H)
    heading = "ลงชื่อผู้ตรวจประเมิน" if view.kind == "inspector" else "ลงชื่อคณะกรรมการ"
    write(pdf, heading, size=13, bold=True)
    half = pdf.epw / 2
    for index in range(0, len(counted), 2):
        ensure_room(pdf, SIGNATURE_H)
        top = pdf.get_y()
        for column, member in enumerate(counted[index : index + 2]):
            left = pdf.l_margin + column * half
            _signature(pdf, left, top, width=half, name=member.name, role=member.role_th)
        pdf.set_xy(pdf.l_margin, top + SIGNATURE_H)
    pdf.ln(2)
    for member in view.members:
        if not member.counted:
            text = f"{member.name} ({member.role_th}) ไม่ได้เข้าร่วม: {member.absent_reason}"
            write(pdf, text, size=10, colour=MUTED)


def _signature(pdf: FPDF, left: float, top: float, *, width: float, name: str, role: str) -> None:
    rows = (
        ("ลงชื่อ ......................................................", 14.0),
        (f"({name})", 20.0),
        (role, 25.5),
    )
    for text, dy in rows:
        pdf.set_xy(left, top + dy)
        pdf.set_font(FONT_FAMILY, "", 10.5)
        pdf.cell(width, 5, text, align="C")


def technical(pdf: FPDF, view: ReportView) -> None:
    """The hashes and fingerprints a reader compares with the signed result."""
    pdf.ln(2)
    ensure_room(pdf, 16)
    lines = [f"ผลที่ลงนาม SHA-256 {view.result_hash}", f"เกณฑ์ SHA-256 {view.edition_hash}"]
    lines += [
        f"ผลที่ปิดผนึกของ {m.name} SHA-256 {m.audit_hash}"
        for m in view.members
        if m.audit_hash and view.kind == "committee"
    ]
    for line in lines:
        write(pdf, line, size=7, colour=MUTED)
