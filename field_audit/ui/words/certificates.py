"""Words of the certificate screen (the verdicts' own messages come with the verdict)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "cert.open": ("ตรวจใบรับรอง", "Certificates"),
    "cert.open_label": ("ตรวจสอบใบรับรอง GECC", "Check a GECC certificate"),
    "cert.title": ("ตรวจสอบใบรับรองศูนย์ราชการสะดวก", "Check a GECC certificate"),
    "cert.intro": (
        "เลือกรูปถ่ายหรือภาพสแกนของรหัส QR บนใบรับรอง เครื่องจะตรวจสอบลายมือชื่อ วันหมดอายุ"
        " และการเพิกถอน โดยไม่ต้องใช้อินเทอร์เน็ต",
        "Pick a photo or scan of the certificate's QR code: the signature, the dates and"
        " revocations are checked on this device, with no internet",
    ),
    "cert.pick": ("เลือกรูปรหัส QR", "Pick a QR picture"),
    "cert.checking": ("กำลังตรวจสอบ...", "Checking..."),
    "cert.trust": (
        "กุญแจออกใบรับรองที่เชื่อถือ {keys} ดอก · ใบรับรองที่ถูกเพิกถอน {revoked} ฉบับ",
        "{keys} trusted issuing keys · {revoked} revoked certificates",
    ),
    "cert.no_trust": (
        "เครื่องนี้ยังไม่มีรายการกุญแจที่เชื่อถือ จึงยืนยันใบรับรองไม่ได้ ซิงค์กับศูนย์ข้อมูลกลาง หรือให้เจ้าหน้าที่โหลดรายการกุญแจ",
        "This device has no trust list yet, so no certificate can be confirmed:"
        " sync, or have the office load the trust list",
    ),
    "cert.status_valid": ("ใช้ได้", "Valid"),
    "cert.status_expired": ("หมดอายุ", "Expired"),
    "cert.status_revoked": ("ถูกเพิกถอน", "Revoked"),
    "cert.status_bad_signature": ("ไม่ใช่ของจริง", "Not genuine"),
    "cert.status_unknown_key": ("ตรวจสอบไม่ได้", "Cannot check"),
    "cert.status_not_gecc": ("ไม่ใช่ใบรับรอง GECC", "Not a GECC certificate"),
    "cert.problem_no_qr_code": (
        "ไม่พบรหัส QR ในรูปนี้ ถ่ายใหม่ให้เห็นรหัสชัดเจนทั้งรหัส",
        "No QR code found in this picture: take it again with the whole code sharp",
    ),
    "cert.problem_not_a_picture": (
        "ไฟล์นี้ไม่ใช่รูปภาพที่เปิดได้",
        "This file is not a picture that can be opened",
    ),
    "cert.problem_no_text": ("กรุณาวางข้อความของรหัส QR", "Please paste the QR code's text"),
    "cert.field_reference": ("เลขที่ใบรับรอง", "Reference"),
    "cert.field_lao": ("อปท.", "LAO"),
    "cert.field_centre": ("ศูนย์บริการ", "Service centre"),
    "cert.field_score": ("คะแนน", "Score"),
    "cert.field_level": ("ระดับ", "Level"),
    "cert.field_year": ("ปีงบประมาณ", "Fiscal year"),
    "cert.field_issued": ("วันที่ออก", "Issued on"),
    "cert.field_until": ("มีผลถึง", "Valid until"),
    "cert.field_revoked": ("เพิกถอนเมื่อ", "Revoked on"),
    "cert.field_reason": ("เหตุผลการเพิกถอน", "Reason"),
    "cert.no_level": ("ไม่มีระดับ", "no level"),
    "cert.score_value": ("{points}/{max} คะแนน", "{points} of {max} points"),
    "cert.year_value": ("พ.ศ. {year}", "{year} BE"),
    "cert.show_title": ("แสดงรหัส QR ของใบรับรอง", "Show a certificate's QR code"),
    "cert.show_intro": (
        "ใบรับรองที่ไม่อยู่ในรายการข้างบน: วางข้อความของรหัส QR (GECC1:...)"
        " เพื่อตรวจสอบ และแสดงรหัส QR กับเลขที่ใบรับรอง",
        "A certificate not listed above: paste its QR text (GECC1:...) to check it"
        " and show its QR code and reference",
    ),
    "cert.held_title": ("ใบรับรองของ อปท. ที่ได้รับมอบหมาย", "Certificates of your LAOs"),
    "cert.held_none": (
        "ยังไม่มีใบรับรองที่ออกให้ อปท. ที่ได้รับมอบหมาย (ใบรับรองจะมาเมื่อซิงค์ หลังจากศูนย์ข้อมูลกลางออกใบรับรองแล้ว)",
        "No certificate has been issued to your LAOs yet (they arrive with a sync once"
        " the office has issued them)",
    ),
    "cert.held_show": ("แสดงรหัส QR {reference}", "Show QR code {reference}"),
    "cert.from_held": (
        "ใบรับรองที่ศูนย์ข้อมูลกลางออกให้ อปท. ที่ได้รับมอบหมาย",
        "Issued by the office to one of your LAOs",
    ),
    "cert.text": ("ข้อความของรหัส QR", "The QR code's text"),
    "cert.show": ("ตรวจสอบและแสดงรหัส QR", "Check and show the QR code"),
    "cert.qr_label": ("รหัส QR ของใบรับรอง {reference}", "QR code of certificate {reference}"),
    "cert.claimed": (
        "เลขที่ตามที่รหัสระบุ (ยังยืนยันไม่ได้): {reference}",
        "Reference as the code states it (not confirmed): {reference}",
    ),
    "cert.from_picture": ("จากรูป {file}", "From the picture {file}"),
    "cert.from_text": ("จากข้อความที่วาง", "From the pasted text"),
}
