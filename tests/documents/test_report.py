"""The committee's report and the inspector's own: the committee by name, each member once
with their role, every criterion with its verdicts (not-met and disputed ones marked), the
rulings, recommendations and evidence, photos with captions, a signature block per member; in
PDF and in Word (through LibreOffice where it is installed); pages without large blank gaps."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from field_audit.documents import report_docx, report_pdf
from field_audit.documents.views import DAMAGED
from field_audit.domain.edition import Edition
from tests.documents.rendering import (
    blank_below_mm,
    colour_share,
    keep_artifact,
    longest_gap_mm,
    needs_pdftoppm,
    needs_soffice,
    page_count,
    pdf_text,
    render_page,
    word_to_pdf,
)
from tests.documents.samples import FINGERPRINTS, own_view, photo_source, report_view

RED = (170, 30, 30)
AMBER = (150, 90, 0)


def plain(text: str) -> str:
    return " ".join(text.split())


@needs_pdftoppm
def test_the_committee_report_names_marks_and_signs(edition: Edition, tmp_path: Path) -> None:
    view = report_view(edition, with_records=True)
    pdf = report_pdf(view, photos=photo_source)
    text = plain(pdf_text(pdf, tmp_path, layout=True))
    assert "คณะอนุกรรมการตรวจประเมิน ชุดที่ 3 (ภาคตะวันออกเฉียงเหนือ)" in text
    assert "c-northeast-1" not in text  # the committee by its name, not its id
    assert text.count("ประธานกรรมการ") == 2  # once on the roll, once under the signature
    for fingerprint in FINGERPRINTS:
        assert text.count(fingerprint) == 1  # each counted member once on the roll
    assert "ไม่ได้เข้าร่วม: ลาป่วย" in text
    assert "ไม่ผ่าน" in text
    assert "ผ่าน (มีความเห็นต่าง)" in text  # A03 (ruled) and A14 (a majority)
    assert "ประธานวินิจฉัย: มีหลักฐานการใช้งานจริงย้อนหลังหกเดือน" in text
    assert "ข้อเสนอแนะ: จัดหาระบบบัตรคิวและจอแสดงลำดับคิว" in text
    assert "สัมภาษณ์ประชาชนผู้รับบริการ (3 ธ.ค. 2569 10.30 น.)" in text
    assert "เอกสารที่ตรวจ: ทะเบียนผู้มาติดต่อ เลขที่ ทบ.1/2569" in text
    assert "1. ควรจัดทำแผนพัฒนาบริการอิเล็กทรอนิกส์" in text
    assert "ภาพที่ 1 · เกณฑ์ B02" in text
    assert "ถ่ายเมื่อ 3 ธ.ค. 2569 10.15 น. · โดย นายสมชาย ใจดี" in text
    assert "ภาพประกอบ: ภาพที่ 4, 5" in text  # B07's photos, named under B07
    assert text.count("ลงชื่อ ....") == 3  # a block per counted member, none for the absent
    assert view.result_hash in text
    first = render_page(pdf, tmp_path, dpi=80)
    keep_artifact("committee-report-1.png", first)
    assert colour_share(first, RED, tolerance=30) > 0.0005  # B07 is marked in red
    pages = [render_page(pdf, tmp_path, dpi=40, page=n) for n in range(1, page_count(pdf))]
    for number, page in enumerate(pages, start=1):
        assert longest_gap_mm(page, 40) < 30, f"page {number} has a large blank gap"
    for number, page in enumerate(pages[:3], start=1):  # the criteria run on without holes
        assert blank_below_mm(page, 40) < 25, f"page {number} ends early"


@needs_pdftoppm
def test_without_recommendations_or_records_the_report_says_none(
    edition: Edition, tmp_path: Path
) -> None:
    text = pdf_text(report_pdf(report_view(edition), photos=photo_source), tmp_path)
    assert "ข้อเสนอแนะต่อองค์กรปกครองส่วนท้องถิ่น (ภาพรวม)\nไม่มี" in text
    assert "สัมภาษณ์" not in text


@needs_pdftoppm
def test_a_photo_that_is_damaged_or_missing_is_said_to_be(edition: Edition, tmp_path: Path) -> None:
    view = report_view(edition)
    damaged, missing = view.photos[0].sha256, view.photos[1].sha256

    def photos(sha256: str) -> bytes | object | None:
        return {damaged: DAMAGED, missing: None}.get(sha256, photo_source(sha256))

    text = pdf_text(report_pdf(view, photos=photos), tmp_path)  # type: ignore[arg-type]
    assert "ภาพเสียหาย" in text
    assert "ไม่มีภาพนี้ในเครื่องที่จัดทำเอกสาร" in text
    assert damaged[:16] in text


@needs_pdftoppm
def test_the_inspectors_own_report_is_not_the_committees(edition: Edition, tmp_path: Path) -> None:
    pdf = report_pdf(own_view(edition), photos=photo_source)
    keep_artifact("inspector-report-1.png", render_page(pdf, tmp_path, dpi=80))
    text = plain(pdf_text(pdf, tmp_path, layout=True))
    assert "รายงานผลการตรวจประเมินของผู้ตรวจประเมิน (รายบุคคล)" in text
    assert "ยังไม่ใช่ผลของคณะกรรมการ" in text
    assert "นายสมชาย ใจดี (ประธานกรรมการ)" in text
    assert FINGERPRINTS[0] in text
    assert "คะแนน 59 จาก 80 — ไม่ผ่านเกณฑ์" in text
    assert "บันทึก: อยู่ติดถนนสายหลัก" in text
    assert "นางสาวกุลธิดา" not in text  # only this inspector's findings


def test_the_word_report_is_a_table_the_office_can_edit(edition: Edition) -> None:
    view = report_view(edition, with_records=True)
    document = Document(io.BytesIO(report_docx(view, photos=photo_source)))
    criteria = next(t for t in document.tables if t.cell(0, 0).text == "ข้อ")
    rows = {row.cells[0].text: row for row in criteria.rows[1:]}
    assert len(rows) == 60
    assert rows["B07"].cells[2].text == "ไม่ผ่าน"
    assert 'w:fill="FBE3E3"' in rows["B07"].cells[2]._tc.xml  # shaded red
    assert rows["A03"].cells[2].text == "ผ่าน (มีความเห็นต่าง)"
    assert "ประธานวินิจฉัย" in rows["A03"].cells[3].text
    assert "ข้อเสนอแนะ: จัดหาระบบบัตรคิว" in rows["B07"].cells[3].text
    assert len(document.inline_shapes) == len(view.photos)
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    assert all('w:cs="Sarabun"' in r._r.xml and "w:szCs" in r._r.xml for r in runs)


@needs_soffice
@needs_pdftoppm
def test_the_word_report_renders_in_libreoffice(edition: Edition, tmp_path: Path) -> None:
    view = report_view(edition, with_records=True)
    pdf = word_to_pdf(report_docx(view, photos=photo_source), tmp_path)
    keep_artifact("committee-report-docx-1.png", render_page(pdf, tmp_path, dpi=80))
    text = plain(pdf_text(pdf, tmp_path))
    assert "รายงานผลการตรวจประเมินศูนย์ราชการสะดวก (GECC) ในพื้นที่" in text
    assert "คะแนน 59 จาก 80 — ไม่ผ่านเกณฑ์" in text
    assert "ลงชื่อคณะกรรมการ" in text
