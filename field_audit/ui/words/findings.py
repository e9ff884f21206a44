"""Words of what a finding holds beside its verdict: graded answers, recommendations, evidence
records (ui/views/criterion_records.py) and the member's share of the work (ui/views/share.py).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # graded criteria (ui/views/criterion_answer.py)
    "answer.points": ("{points} คะแนน", "{points} points"),
    "audit.points_scale": ("0–{points} คะแนน ตามระดับ", "0–{points} points on a scale"),
    "answer.scale": ("ให้คะแนนตามระดับ 0–{max}", "Give 0–{max} points on the scale"),
    "answer.step_label": ("{id} ได้ {points} คะแนน", "{id}: {points} points"),
    # recommendations
    "audit.working_wording": (
        "ถ้อยคำของเกณฑ์เป็นฉบับทำงานของคณะผู้พัฒนา จนกว่าสำนักงานจะนำเข้าถ้อยคำฉบับทางการ",
        "The criteria are in our working wording until the office imports the official text",
    ),
    "audit.recommendation": ("ข้อเสนอแนะต่อ อปท.", "Recommendation to the LAO"),
    "audit.recommendation_label": ("{id} ข้อเสนอแนะ", "{id} recommendation"),
    "seal.overall_recommendation": (
        "ข้อเสนอแนะโดยรวมต่อ อปท.",
        "Overall recommendation to the LAO",
    ),
    # evidence records (ui/views/criterion_records.py)
    "records.title": ("หลักฐานอื่น", "Other evidence"),
    "records.add.interview": ("+ สัมภาษณ์", "+ Interview"),
    "records.add.document": ("+ เอกสาร", "+ Document"),
    "records.add.observation": ("+ ข้อสังเกต", "+ Observation"),
    "records.add_label.interview": ("บันทึกการสัมภาษณ์ข้อ {id}", "Record an interview for {id}"),
    "records.add_label.document": ("บันทึกเอกสารที่ตรวจข้อ {id}", "Record a document for {id}"),
    "records.add_label.observation": ("บันทึกข้อสังเกตข้อ {id}", "Record an observation for {id}"),
    "records.kind.interview": ("สัมภาษณ์", "Interview"),
    "records.kind.document": ("เอกสาร", "Document"),
    "records.kind.observation": ("ข้อสังเกต", "Observation"),
    "records.remove": ("ลบรายการนี้", "Remove this record"),
    "records.dialog.interview": ("บันทึกการสัมภาษณ์ ข้อ {id}", "Interview, {id}"),
    "records.dialog.document": ("เอกสารที่ตรวจ ข้อ {id}", "Document seen, {id}"),
    "records.dialog.observation": ("ข้อสังเกต ข้อ {id}", "Observation, {id}"),
    "records.whom": ("ผู้ให้สัมภาษณ์", "Who was interviewed"),
    "records.time": ("เวลา (ชั่วโมง.นาที)", "Time (hh.mm)"),
    "records.summary": ("สรุปการสัมภาษณ์", "Summary"),
    "records.pdpa": (
        "ไม่ต้องบันทึกชื่อหรือเลขประจำตัวประชาชนของผู้ให้สัมภาษณ์ (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล)",
        "Do not record the person's name or ID number (Personal Data Protection Act)",
    ),
    "records.identity_choice": (
        "บันทึกตัวตนผู้ให้สัมภาษณ์ (ได้รับความยินยอมแล้ว)",
        "Record who it was (they have agreed)",
    ),
    "records.identity": ("ชื่อหรือตำแหน่งผู้ให้สัมภาษณ์", "Name or position"),
    "records.doc_title": ("ชื่อเอกสาร", "Title"),
    "records.doc_reference": ("เลขที่หรือที่อ้างอิง", "Number or reference"),
    "records.page_photo": ("ภาพหน้าเอกสาร (ถ้ามี)", "Photo of a page (if any)"),
    "records.no_page_photo": ("ไม่มี", "None"),
    "records.observation": ("สิ่งที่สังเกตเห็น", "What was seen"),
    "records.save": ("บันทึก", "Save"),
    "records.cancel": ("ยกเลิก", "Cancel"),
    # the member's share of the work (ui/views/share.py)
    "share.all": ("ท่านประเมินทุกข้อ ({total} ข้อ)", "You assess every criterion ({total})"),
    "share.part": ("ส่วนที่ท่านประเมิน {mine} จาก {total} ข้อ", "Your share: {mine} of {total}"),
    "share.planned": ("ตามที่ประธานแบ่งงาน", "as the chair divided the work"),
    "share.change": ("เปลี่ยนส่วนที่ประเมิน", "Change my share"),
    "share.show_outside": ("แสดงข้อที่ท่านไม่ได้ประเมิน", "Show the criteria others assess"),
    "share.hide_outside": ("ซ่อนข้อที่ท่านไม่ได้ประเมิน", "Hide the criteria others assess"),
    "share.outside": ("ไม่ได้อยู่ในส่วนที่ท่านประเมิน", "not in your share"),
    "share.dialog": ("ส่วนที่ท่านประเมิน", "Your share of the criteria"),
    "share.by_block": ("ตามหมวด", "By block"),
    "share.by_category": ("ตามด้าน", "By kind of evidence"),
    "share.by_item": ("รายข้อ", "Item by item"),
    "share.everything": ("ทุกข้อ", "Every criterion"),
    "share.count": ("เลือกแล้ว {count} ข้อ", "{count} chosen"),
    "share.save": ("ใช้ส่วนนี้", "Use this share"),
    "share.cancel": ("ยกเลิก", "Cancel"),
    "share.empty": ("ต้องเลือกอย่างน้อย 1 ข้อ", "Choose at least one criterion"),
    "score.share_note": (
        "ผลรวมของศูนย์จะได้เมื่อคณะกรรมการรวมผลของทุกคน",
        "The centre's finding comes when the committee puts every share together",
    ),
}
