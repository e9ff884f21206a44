"""The words of the verification page, in Thai and English, and how each outcome looks.

``say(key, lang, **values)`` gives the text in ``"en"``, or Thai for any other language.
Verdict messages themselves come from ``sync.protocol.certificates`` (the same words an app
shows offline), except where the page says something more fitting online (``PAGE_MESSAGES``).
Each outcome code has a tone (colour) and a mark that does not rely on colour alone.
"""

from __future__ import annotations

from typing import Literal

Tone = Literal["ok", "warn", "bad", "ask"]
MARKS: dict[Tone, str] = {"ok": "✓", "warn": "!", "bad": "✗", "ask": "?"}

# (Thai, English)
WORDS: dict[str, tuple[str, str]] = {
    "title": ("ตรวจสอบใบรับรองศูนย์ราชการสะดวก", "Check a GECC certificate"),
    "subtitle": (
        "ศูนย์ราชการสะดวก (Government Easy Contact Center: GECC)",
        "Government Easy Contact Center (GECC, ศูนย์ราชการสะดวก)",
    ),
    "intro": (
        "ใบรับรองศูนย์ราชการสะดวกทุกฉบับมีเลขที่และรหัส QR ตรวจสอบได้ที่นี่ว่าเป็นของจริงและยังมีผลอยู่หรือไม่",
        "Every GECC certificate has a reference number and a QR code."
        " Check here whether it is genuine and still in force.",
    ),
    "other_language": ("English", "ภาษาไทย"),
    "reference_label": (
        "เลขที่ใบรับรอง (พิมพ์อยู่ข้างรหัส QR)",
        "Reference number (printed beside the QR code)",
    ),
    "reference_hint": ("เช่น GECC-2570-50-0007", "e.g. GECC-2570-50-0007"),
    "check": ("ตรวจสอบ", "Check"),
    "photo_label": (
        "หรือส่งภาพถ่ายรหัส QR บนใบรับรอง",
        "Or send a photo of the QR code on the certificate",
    ),
    "photo_hint": (
        "ภาพแบบ JPEG, PNG หรือ WebP ขนาดไม่เกิน {mb} MB",
        "A JPEG, PNG or WebP picture of up to {mb} MB",
    ),
    "check_photo": ("ตรวจสอบจากภาพ", "Check the photo"),
    "privacy": (
        "หน้านี้แสดงเฉพาะข้อมูลที่ใบรับรองระบุไว้ ไม่ต้องเข้าสู่ระบบ และไม่เก็บภาพที่ส่งมา",
        "This page shows only what the certificate itself states."
        " No login is needed, and photos sent are not kept.",
    ),
    "what_it_states": ("ข้อมูลในใบรับรอง", "What the certificate states"),
    "reference": ("เลขที่ใบรับรอง", "Reference"),
    "lao": ("องค์กรปกครองส่วนท้องถิ่น", "Local administrative organisation"),
    "centre": ("ศูนย์บริการ", "Service centre"),
    "fiscal_year": ("ปีงบประมาณ", "Fiscal year"),
    "fiscal_year_value": ("พ.ศ. {year}", "B.E. {year}"),
    "score": ("คะแนน", "Score"),
    "score_value": ("{points} จาก {max_points} คะแนน", "{points} of {max_points} points"),
    "level": ("ระดับ", "Level"),
    "issued_on": ("วันที่ออก", "Issued on"),
    "valid_until": ("มีผลถึง", "Valid until"),
    "revoked_on": ("เพิกถอนเมื่อ", "Revoked on"),
    "reason": ("เหตุผล", "Reason"),
    "technical": ("ข้อมูลทางเทคนิค", "Technical details"),
    "edition": ("ฉบับของเกณฑ์", "Criteria edition"),
    "key_id": ("รหัสกุญแจที่ลงนาม", "Signing key id"),
    "result_hash": ("ผลการประเมินของคณะกรรมการ (SHA-256)", "Committee result (SHA-256)"),
}

# outcome code -> (tone, (Thai heading, English heading))
HEADINGS: dict[str, tuple[Tone, tuple[str, str]]] = {
    "VALID": ("ok", ("ใช้ได้", "Valid")),  # the app's word too (cert.status_valid)
    "EXPIRED": ("warn", ("หมดอายุ", "Expired")),
    "REVOKED": ("bad", ("ถูกเพิกถอน", "Revoked")),
    "BAD_SIGNATURE": ("bad", ("ไม่ใช่ของจริง", "Not genuine")),
    "KEY_NOT_IN_USE": ("bad", ("ไม่ใช่ของจริง", "Not genuine")),
    "UNKNOWN_KEY": ("bad", ("ไม่รู้จักผู้ลงนาม", "Unknown signing key")),
    "NOT_GECC": ("bad", ("ไม่ใช่ใบรับรอง GECC", "Not a GECC certificate")),
    "DAMAGED": ("ask", ("รหัสเสียหาย", "Damaged code")),
    "NOT_FOUND": ("bad", ("ไม่พบเลขที่นี้", "No such reference")),
    "BAD_REFERENCE": ("ask", ("เลขที่ไม่ถูกรูปแบบ", "Not a reference number")),
    "NO_PICTURE": ("ask", ("ยังไม่ได้เลือกภาพ", "No picture chosen")),
    "NOT_AN_IMAGE": ("ask", ("ไฟล์นี้ไม่ใช่รูปภาพ", "Not a picture")),
    "NO_QR_CODE": ("ask", ("ไม่พบรหัส QR ในภาพ", "No QR code found")),
    "IMAGE_TOO_LARGE": ("ask", ("ภาพใหญ่เกินไป", "Picture too large")),
    "REQUEST_TOO_LARGE": ("ask", ("ภาพใหญ่เกินไป", "Picture too large")),
    "DATABASE_UNAVAILABLE": ("ask", ("ขัดข้องชั่วคราว", "Unavailable for a moment")),
}
FAILED: tuple[Tone, tuple[str, str]] = ("ask", ("ตรวจสอบไม่สำเร็จ", "Could not check"))

# What the page says where the app's offline words do not fit, or for its own refusals.
PAGE_MESSAGES: dict[str, tuple[str, str]] = {
    "UNKNOWN_KEY": (
        "ใบรับรองนี้ลงนามด้วยกุญแจ {key_id} ซึ่งไม่ใช่กุญแจออกใบรับรองของศูนย์ราชการสะดวก"
        " จึงไม่ใช่ใบรับรองที่ออกโดยระบบนี้",
        "It is signed with key {key_id}, which is not a GECC issuing key:"
        " it was not issued by this system.",
    ),
    "NOT_FOUND": (
        "ไม่มีใบรับรองเลขที่ {reference} ในระบบ กรุณาตรวจสอบว่าพิมพ์ถูกต้อง"
        " หากถูกต้องแล้ว แสดงว่าใบรับรองนี้ไม่ได้ออกโดยระบบนี้",
        "There is no certificate {reference}. Check that you typed it correctly;"
        " if you did, this certificate was not issued by this system.",
    ),
    "BAD_REFERENCE": (
        "“{typed}” ไม่ใช่เลขที่ใบรับรอง เลขที่มีรูปแบบ GECC-ปี-รหัสจังหวัด-ลำดับ เช่น GECC-2570-50-0007",
        "“{typed}” is not a certificate reference. A reference looks like"
        " GECC-year-province-number, e.g. GECC-2570-50-0007.",
    ),
    "NO_PICTURE": (
        "กรุณาเลือกภาพถ่ายรหัส QR ก่อนกดตรวจสอบ",
        "Choose a photo of the QR code first.",
    ),
    "NOT_AN_IMAGE": (
        "ไฟล์ที่ส่งมาไม่ใช่รูปภาพที่อ่านได้ กรุณาส่งภาพถ่ายแบบ JPEG, PNG หรือ WebP",
        "The file sent is not a picture this page can read. Send a JPEG, PNG or WebP photo.",
    ),
    "NO_QR_CODE": (
        "ไม่พบรหัส QR ในภาพ กรุณาถ่ายใหม่ให้เห็นรหัส QR ทั้งหมด ชัดและตรง หรือพิมพ์เลขที่ใบรับรองแทน",
        "No QR code was found in the picture. Take the photo again with the whole code sharp"
        " and straight, or type the reference instead.",
    ),
    "IMAGE_TOO_LARGE": (
        "ภาพใหญ่เกินกว่าที่รับได้ (ไม่เกิน {mb} MB) กรุณาส่งภาพที่เล็กลง หรือพิมพ์เลขที่ใบรับรองแทน",
        "The picture is larger than this page takes (up to {mb} MB). Send a smaller one,"
        " or type the reference instead.",
    ),
    "DATABASE_UNAVAILABLE": (
        "ระบบตรวจสอบใบรับรองขัดข้องชั่วคราว กรุณาลองใหม่อีกครั้งในอีกสักครู่",
        "Certificates cannot be checked for a moment. Please try again shortly.",
    ),
    "FAILED": (
        "ตรวจสอบไม่สำเร็จในขณะนี้ กรุณาลองใหม่อีกครั้ง",
        "The check could not be done just now. Please try again.",
    ),
}
PAGE_MESSAGES["REQUEST_TOO_LARGE"] = PAGE_MESSAGES["IMAGE_TOO_LARGE"]


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def say(key: str, lang: str, **values: object) -> str:
    """The page's text ``key`` in ``lang``, with ``values`` filled in."""
    return pick(WORDS[key], lang).format(**values)


def heading(code: str, lang: str) -> tuple[Tone, str, str]:
    """(tone, mark, heading) of an outcome code."""
    tone, pair = HEADINGS.get(code, FAILED)
    return tone, MARKS[tone], pick(pair, lang)
