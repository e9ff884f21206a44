"""The console's words for what a visit's results say beside the verdicts (evidence records,
recommendations, the members' shares) and for the office's documents (part of ``words.WORDS``)."""

from __future__ import annotations

EVIDENCE: dict[str, tuple[str, str]] = {
    "member": ("กรรมการ", "Member"),
    "shares_title": ("การแบ่งเกณฑ์ให้กรรมการ", "Who assesses which criteria"),
    "share_all": ("ทุกเกณฑ์", "every criterion"),
    "share_planned": ("ที่มอบหมาย", "Planned"),
    "share_assessed": ("ที่ตรวจจริง (ตามผลที่ลงนาม)", "Assessed (as the signed result says)"),
    "share_count": ("{count} เกณฑ์", "{count} criteria"),
    "share_none_yet": ("ยังไม่ส่งผล", "no result yet"),
    "share_differs": ("ไม่ตรงกับที่มอบหมาย", "differs from the plan"),
    "evidence_of": ("หลักฐานและข้อเสนอแนะ เกณฑ์ {criterion}", "Evidence and advice, {criterion}"),
    "committee_advice": ("ข้อเสนอแนะของคณะกรรมการ", "The committee's advice"),
    "member_advice": ("ข้อเสนอแนะ", "Advice"),
    "identity": ("ผู้ให้ข้อมูล", "Who"),
    "page_photo": ("ภาพหน้าเอกสาร", "photo of the page"),
    "reference_no": ("เลขที่/อ้างอิง", "reference"),
    "overall_title": ("ข้อเสนอแนะต่อ อปท. ในภาพรวม", "Overall advice to the LAO"),
    "overall_committee": ("ของคณะกรรมการ", "The committee's"),
    "documents_title": ("เอกสาร", "Documents"),
    "report_pdf": ("รายงานผลการตรวจประเมินของคณะกรรมการ (PDF)", "The committee's report (PDF)"),
    "report_docx": ("รายงานผลการตรวจประเมินของคณะกรรมการ (Word)", "The committee's report (Word)"),
    "notice_pdf": ("หนังสือแจ้งผลถึง อปท. (PDF)", "The letter to the LAO (PDF)"),
    "notice_docx": ("หนังสือแจ้งผลถึง อปท. (Word)", "The letter to the LAO (Word)"),
    "notices_zip": (
        "หนังสือแจ้งผลถึงทุก อปท. ที่มีมติแล้ว (ZIP ของ PDF)",
        "Letters to every LAO decided on (a zip of PDFs)",
    ),
    "awards_pdf": ("ประกาศรายชื่อ อปท. ที่ได้รับการรับรอง (PDF)", "The award list (PDF)"),
    "awards_xlsx": ("ประกาศรายชื่อ อปท. ที่ได้รับการรับรอง (Excel)", "The award list (Excel)"),
    "download_qr_png": ("ดาวน์โหลดรหัส QR (PNG)", "Download the QR code (PNG)"),
    "documents_hint": (
        "เอกสารจัดทำจากข้อมูลในระบบ ณ เวลาที่ดาวน์โหลด ลงวันที่วันนี้",
        "Documents are made from the store's data when downloaded, dated today",
    ),
}
