"""What a verdict says to people, in Thai and in English, with dates as each reader expects.

Thai dates use the Buddhist Era (พ.ศ. = CE + 543). ``field_audit.domain.thai_calendar`` has the
same month names, but the protocol must not import the app, so the month names are repeated
(``%B`` would follow the machine's locale).
"""

from __future__ import annotations

from datetime import date

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
BE_OFFSET = 543

# code -> (English, Thai); the names in braces are filled from the verdict.
MESSAGES: dict[str, tuple[str, str]] = {
    "VALID": (
        "Valid: certificate {reference} of {centre} is genuine and valid until {until_en}.",
        "ใช้ได้: ใบรับรอง {reference} ของ{centre} เป็นของจริง และมีผลถึงวันที่ {until_th}",
    ),
    "EXPIRED": (
        "Expired: certificate {reference} of {centre} is genuine, but it was valid only"
        " until {until_en}.",
        "หมดอายุ: ใบรับรอง {reference} ของ{centre} เป็นของจริง แต่มีผลถึงวันที่ {until_th} เท่านั้น",
    ),
    "REVOKED": (
        "Revoked: certificate {reference} of {centre} was revoked on {revoked_en}."
        " Reason: {reason}",
        "ถูกเพิกถอน: ใบรับรอง {reference} ของ{centre} ถูกเพิกถอนเมื่อวันที่ {revoked_th} เหตุผล: {reason}",
    ),
    "BAD_SIGNATURE": (
        "Not genuine: the signature does not match what the certificate says; it was altered"
        " or forged.",
        "ไม่ใช่ของจริง: ลายมือชื่อดิจิทัลไม่ตรงกับข้อมูลในใบรับรอง ข้อมูลอาจถูกแก้ไขหรือปลอมแปลง",
    ),
    "KEY_NOT_IN_USE": (
        "Not genuine: it is signed with issuing key {key_id}, which was not in use on the date"
        " of issue it states.",
        "ไม่ใช่ของจริง: ลงนามด้วยกุญแจออกใบรับรอง {key_id} ซึ่งไม่ได้ใช้งานในวันที่ออกใบรับรองที่ระบุไว้",
    ),
    "UNKNOWN_KEY": (
        "Cannot check: it is signed with an issuing key ({key_id}) this device does not know."
        " Sync for the latest trust list, or look the reference up online.",
        "ตรวจสอบไม่ได้: ใบรับรองลงนามด้วยกุญแจ ({key_id}) ที่เครื่องนี้ไม่รู้จัก"
        " กรุณาซิงค์เพื่อรับรายการกุญแจล่าสุด หรือตรวจสอบเลขที่ใบรับรองทางออนไลน์",
    ),
    "NOT_GECC": (
        "This is not a GECC certificate code.",
        "รหัสนี้ไม่ใช่ใบรับรองศูนย์ราชการสะดวก (GECC)",
    ),
    "DAMAGED": (
        "This looks like a GECC certificate code, but it is damaged or incomplete. Scan it"
        " again, or look up the reference printed beside it.",
        "รหัสนี้มีรูปแบบของใบรับรอง GECC แต่ข้อมูลเสียหายหรือไม่ครบถ้วน กรุณาสแกนใหม่"
        " หรือตรวจสอบด้วยเลขที่ใบรับรองที่พิมพ์ไว้ข้างรหัส",
    ),
}


def thai_long_date(day: date) -> str:
    """``15 มีนาคม 2570`` for 15 March 2027."""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + BE_OFFSET}"


def english_date(day: date) -> str:
    """``15 March 2027``."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
