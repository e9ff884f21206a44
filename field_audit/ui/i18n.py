"""Every label the inspector UI shows, Thai and English side by side, in one table.

``tr(key, language, **values)`` picks the phrase (Thai unless the language is "en", as the
domain's ``Text.in_language`` does) and fills ``{placeholders}``. A missing key is a bug that
the tests catch, not something to show a person.
"""

from __future__ import annotations

from typing import Literal

from field_audit.ui.words import certificates, committee, findings, onsite, place, sync, web

Language = Literal["th", "en"]
LANGUAGES: tuple[Language, ...] = ("th", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # app bar
    "app.title": ("ตรวจประเมินศูนย์ราชการสะดวก (GECC)", "GECC field audit"),
    "app.switch_language": ("EN", "ไทย"),
    "passphrase.show": ("แสดงรหัสผ่าน", "Show the passphrase"),
    "passphrase.hide": ("ซ่อนรหัสผ่าน", "Hide the passphrase"),
    "app.switch_language_label": ("Switch to English", "เปลี่ยนเป็นภาษาไทย"),
    "app.online": ("ออนไลน์", "Online"),
    "app.offline": ("ออฟไลน์", "Offline"),
    "app.online_label": (
        "เชื่อมต่อศูนย์ข้อมูลกลางได้",
        "The central store answers",
    ),
    "app.offline_label": (
        "ไม่ได้เชื่อมต่อ ทำงานในเครื่องตามปกติ",
        "Not connected: working on this device as usual",
    ),
    "app.back": ("กลับไปหน้ารายการ", "Back to the assignments"),
    "app.close_notice": ("ปิดข้อความ", "Close the message"),
    # start (first run)
    "start.title": ("ยินดีต้อนรับ", "Welcome"),
    "start.intro": (
        "กรอกชื่อและตำแหน่งของท่าน เพื่อบันทึกไว้กับผลการตรวจประเมินทุกรายการในเครื่องนี้",
        "Enter your name and position; they are recorded with every finding on this device.",
    ),
    "start.name": ("ชื่อ-นามสกุล", "Full name"),
    "start.position": ("ตำแหน่ง", "Position"),
    "start.save": ("เริ่มใช้งาน", "Start"),
    "start.name_missing": ("กรุณากรอกชื่อ-นามสกุล", "Please enter your name"),
    # assignments
    "assignments.title": ("งานตรวจประเมินที่ได้รับมอบหมาย", "Your assignments"),
    "assignments.search": ("ค้นหาชื่อ อปท. หรือจังหวัด", "Search by name or province"),
    "assignments.filter": ("สถานะ", "State"),
    "assignments.empty": (
        "ยังไม่มีงานที่ได้รับมอบหมายในเครื่องนี้",
        "There are no assignments on this device yet",
    ),
    "assignments.no_match": ("ไม่พบรายการที่ตรงกับการค้นหา", "Nothing matches the search"),
    "assignments.outside_window": (
        "วันตรวจอยู่นอกช่วงตรวจประเมินของรอบ",
        "The visit falls outside the round's visit window",
    ),
    "assignments.visit": ("วันตรวจ {date}", "Visit {date}"),
    "assignments.self_points": ("ประเมินตนเอง {points} คะแนน", "Self-assessment {points} points"),
    "assignments.count": ("{shown} จาก {total} รายการ", "{shown} of {total}"),
    "assignments.more": (
        "แสดงอีก {count} รายการ (ยังไม่แสดง {hidden})",
        "Show {count} more ({hidden} not shown)",
    ),
    "assignments.open": ("เปิดการตรวจ {name}", "Open the audit of {name}"),
    "state.all": ("ทุกสถานะ", "All states"),
    "state.not_started": ("ยังไม่เริ่ม", "Not started"),
    "state.in_progress": ("กำลังประเมิน", "In progress"),
    "state.complete": ("ประเมินครบ", "Complete"),
    "state.sealed": ("ปิดผนึกแล้ว", "Sealed"),
    "state.synced": ("ส่งแล้ว", "Synced"),
    # audit screen
    "audit.progress": ("ประเมินแล้ว {answered}/{total}", "answered {answered}/{total}"),
    "audit.autosave": (
        "บันทึกอัตโนมัติทุกครั้งที่เปลี่ยน",
        "Every change is saved as you make it",
    ),
    "audit.read_only": (
        "ผลการตรวจนี้ปิดผนึกแล้ว แก้ไขไม่ได้",
        "This audit is sealed and cannot be changed",
    ),
    "audit.met": ("ผ่าน", "met"),
    "audit.not_met": ("ไม่ผ่าน", "not met"),
    "audit.chosen": ("เลือกแล้ว", "chosen"),
    "audit.look_for": ("สิ่งที่ตรวจ", "Look for"),
    "audit.evidence": ("หลักฐาน", "Evidence"),
    "audit.note": ("บันทึกของผู้ตรวจ", "Inspector's note"),
    "audit.note_label": ("{id} บันทึก", "{id} note"),
    "audit.claim": ("อปท. ประเมินตนเอง: {claim}", "LAO's self-assessment: {claim}"),
    "audit.claim_none": ("อปท. ไม่ได้ประเมินตนเองข้อนี้", "No self-assessment for this one"),
    "audit.differs": ("ไม่ตรงกับผลของผู้ตรวจ", "differs from your verdict"),
    "audit.photo_required": ("ต้องมีภาพถ่าย", "photo required"),
    "audit.photos": ("ภาพถ่าย {count} ภาพ", "{count} photos"),
    "audit.points": ("{points} คะแนน", "{points} points"),
    "audit.point": ("{points} คะแนน", "{points} point"),
    "audit.mandatory": ("ต้องผ่าน", "must be met"),
    "audit.group": ("{block} · {category} ({count} ข้อ)", "{block} · {category} ({count})"),
    "audit.group_block": ("{block} ({count} ข้อ)", "{block} ({count})"),
    "audit.nothing_here": ("ไม่มีเกณฑ์ในตัวกรองนี้", "No criteria under this filter"),
    "filter.all": ("ทั้งหมด {count}", "All {count}"),
    "filter.unanswered": ("ยังไม่ประเมิน {count}", "Unanswered {count}"),
    "filter.not_met": ("ไม่ผ่าน {count}", "Not met {count}"),
    "filter.needs_photo": ("ต้องเพิ่มภาพ {count}", "Needs a photo {count}"),
    "category.physical": ("ด้านกายภาพ", "physical"),
    "category.quality": ("เชิงคุณภาพ", "quality"),
    "category.outcome": ("ด้านผลลัพธ์", "outcome"),
    "evidence.photo": ("ภาพถ่าย", "photo"),
    "evidence.document": ("เอกสาร", "document"),
    "evidence.interview": ("สัมภาษณ์", "interview"),
    # score panel
    "score.title": ("ผลคะแนน", "Score"),
    "score.points": ("คะแนน {points}/{max}", "Score {points}/{max}"),
    "score.block": ("{block} ผ่าน {met}/{total}", "{block}: met {met}/{total}"),
    "score.block_points": ("{block} {points}/{max} คะแนน", "{block}: {points}/{max} points"),
    "score.meets": ("ผ่านเกณฑ์", "Meets the criteria"),
    "score.does_not_meet": ("ไม่ผ่านเกณฑ์", "Does not meet the criteria"),
    "score.why": ("เหตุผล", "Why"),
    "score.unanswered_mandatory": (
        "เกณฑ์ที่ต้องผ่านทุกข้อ ยังไม่ได้ประเมิน {count} ข้อ",
        "{count} criteria that must all be met are not answered yet",
    ),
    "score.more": ("และอีก {count} ข้อ", "and {count} more"),
    "score.self": ("อปท. ประเมินตนเอง {points} คะแนน", "Self-assessment {points} points"),
    "score.differences": ("ต่างจากผลของผู้ตรวจ {count} ข้อ", "differs from yours on {count}"),
    # errors, in words
    "error.locked": (
        "ผลการตรวจนี้ปิดผนึกแล้ว จึงแก้ไขไม่ได้",
        "This audit is sealed, so it cannot be changed.",
    ),
    "error.not_found": (
        "ไม่พบข้อมูลที่ต้องการในเครื่องนี้ ({what})",
        "That is not on this device ({what}).",
    ),
    "error.rule": ("ทำรายการนี้ไม่ได้: {detail}", "That cannot be done: {detail}"),
    "error.disk": (
        "บันทึกลงเครื่องไม่สำเร็จ กรุณาลองอีกครั้ง หากยังไม่ได้ให้ตรวจสอบพื้นที่ว่างในเครื่อง",
        "Saving on this device failed. Please try again; if it keeps failing, check free space.",
    ),
    "error.unexpected": (
        "เกิดข้อผิดพลาดที่ไม่คาดคิด ข้อมูลที่บันทึกไว้แล้วยังอยู่ครบ กรุณาลองอีกครั้ง",
        "Something unexpected went wrong. What was saved is safe; please try again.",
    ),
}

TEXTS.update(  # one table, kept per screen
    committee.TEXTS | sync.TEXTS | certificates.TEXTS | onsite.TEXTS | findings.TEXTS | place.TEXTS
)
TEXTS.update(web.TEXTS)  # the page around the app (field_audit.ui.web_client)

KINDS: dict[str, str] = {
    "เทศบาลนคร": "City municipality",
    "เทศบาลเมือง": "Town municipality",
    "เทศบาลตำบล": "Subdistrict municipality",
    "เมืองพัทยา": "Pattaya City",
    "องค์การบริหารส่วนตำบล": "Subdistrict administrative organisation",
    "องค์การบริหารส่วนจังหวัด": "Provincial administrative organisation",
}


def tr(key: str, language: str, **values: object) -> str:
    """The phrase for ``key`` in ``language`` ("en", else Thai), with ``values`` filled in."""
    th, en = TEXTS[key]
    phrase = en if language == "en" else th
    return phrase.format(**values) if values else phrase


def kind_name(kind: str, language: str) -> str:
    """An LAO kind (stored in Thai) for the reader; unknown kinds are shown as stored."""
    return KINDS.get(kind, kind) if language == "en" else kind


def other_language(language: str) -> Language:
    return "th" if language == "en" else "en"
