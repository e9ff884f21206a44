"""The documents' shared Thai wording: verdicts, outcomes, evidence, the lines every format
prints alike, so the PDF and the Word file of a document say the same words."""

from __future__ import annotations

from datetime import date

from field_audit.documents.views import (
    CriterionView,
    DocumentSeen,
    Evidence,
    Interview,
    Member,
    Photo,
    ReportView,
)
from field_audit.domain.thai_calendar import (
    THAI_MONTHS_LONG,
    be_year,
    format_thai_moment,
    to_thai_digits,
)

VERDICT_TH = {"met": "ผ่าน", "not_met": "ไม่ผ่าน", None: "ยังไม่ได้ตอบ"}


def verdict_th(verdict: str | int | None) -> str:
    """A verdict in Thai; a graded criterion's points as "4 คะแนน"."""
    if isinstance(verdict, int):
        return f"{verdict} คะแนน"
    return VERDICT_TH.get(verdict, "ยังไม่ได้ตอบ")


NONE_TH = "ไม่มี"
WORKING_WORDING = (
    "หมายเหตุ: ถ้อยคำของเกณฑ์ในเอกสารนี้เป็นฉบับทำงานของระบบ จนกว่าสำนักงานจะนำเข้าถ้อยคำฉบับทางการ"
)
FINDING_NOT_CERTIFICATE = "ผลของคณะกรรมการเป็นข้อค้นพบ การรับรองเป็นมติของสำนักงาน"
OWN_RESULT = "ผลของผู้ตรวจประเมินรายบุคคล ยังไม่ใช่ผลของคณะกรรมการ"
DAMAGED_TEXT = "ภาพเสียหาย (ไม่ตรงกับค่าแฮชที่บันทึกไว้) จึงไม่แสดง"
ABSENT_PHOTO = "ไม่มีภาพนี้ในเครื่องที่จัดทำเอกสาร"
UNREADABLE_PHOTO = "เปิดภาพนี้ไม่ได้ (ไม่ใช่ภาพ JPEG หรือ PNG ที่อ่านได้)"


def missing_photo(data: object) -> str:
    """Why a photo is not shown: damaged, unreadable, or not held here (``PhotoSource``)."""
    if data is None:
        return ABSENT_PHOTO
    return UNREADABLE_PHOTO if isinstance(data, bytes) and data else DAMAGED_TEXT


def thai_date(day: date, *, thai_digits: bool = False, era: bool = True) -> str:
    """``15 มีนาคม พ.ศ. 2570`` (``era=False``: ``15 มีนาคม 2570``, as a letter is dated), with
    Thai digits ``๑๕ มีนาคม พ.ศ. ๒๕๗๐`` if asked."""
    year = f"พ.ศ. {be_year(day)}" if era else str(be_year(day))
    text = f"{day.day} {THAI_MONTHS_LONG[day.month - 1]} {year}"
    return to_thai_digits(text) if thai_digits else text


def title_of(view: ReportView) -> str:
    if view.kind == "inspector":
        return "รายงานผลการตรวจประเมินของผู้ตรวจประเมิน (รายบุคคล)"
    return "รายงานผลการตรวจประเมินศูนย์ราชการสะดวก (GECC) ในพื้นที่"


def outcome_of(view: ReportView) -> str:
    outcome = "ผ่านเกณฑ์" if view.meets_criteria else "ไม่ผ่านเกณฑ์"
    level = f" ระดับ{view.level_th}" if view.level_th else ""
    return f"คะแนน {view.points} จาก {view.max_points} — {outcome}{level}"


def facts_of(view: ReportView) -> list[tuple[str, str]]:
    """The visit's facts as (label, value) rows."""
    rows = [
        ("องค์กรปกครองส่วนท้องถิ่น", f"{view.lao_name} ({view.lao_kind}, รหัส {view.lao_id})"),
        ("ปีงบประมาณ", f"พ.ศ. {view.fiscal_year_be}"),
        ("วันที่ตรวจประเมิน", thai_date(view.visit_date)),
        ("คณะกรรมการ", view.committee_name),
        ("เกณฑ์", f"{view.edition_id} (SHA-256 {view.edition_hash[:16]}…)"),
        ("ปิดผนึกผลเมื่อ", format_thai_moment(view.sealed_at)),
    ]
    if view.kind == "inspector":
        rows.insert(3, ("ผู้ตรวจประเมิน", f"{view.members[0].name} ({view.members[0].role_th})"))
    return rows


def counts_of(view: ReportView) -> str:
    met = [c.id for c in view.criteria if c.met]
    unmet = [c.id for c in view.criteria if c.not_met]
    disputed = [c.id for c in view.criteria if c.disputed]
    text = f"ผ่าน {len(met)} ข้อ · ไม่ผ่าน {len(unmet)} ข้อ"
    if unmet:
        text += f" ({', '.join(unmet)})"
    if view.kind == "committee":
        text += f" · มีความเห็นต่าง {len(disputed)} ข้อ"
        if disputed:
            text += f" ({', '.join(disputed)})"
    return text


def attendance(member: Member) -> str:
    """A counted member's key fingerprint, or why the member was absent."""
    return member.fingerprint if member.counted else f"ไม่ได้เข้าร่วม: {member.absent_reason}"


def evidence_line(record: Evidence) -> str:
    if isinstance(record, Interview):
        return f"สัมภาษณ์{record.whom_th} ({record.when}): {record.summary}"
    if isinstance(record, DocumentSeen):
        reference = f" เลขที่ {record.reference}" if record.reference else ""
        photo = " (มีภาพถ่าย)" if record.photo_sha256 else ""
        return f"เอกสารที่ตรวจ: {record.title}{reference}{photo}"
    return f"ข้อสังเกต: {record.text}"


def member_line(name: str, verdict: str | int | None, note: str) -> str:
    said = f"{name}: {verdict_th(verdict)}"
    return f"{said} — {note}" if note else said


def photo_caption(number: int, photo: Photo, criterion: CriterionView | None) -> str:
    title = f" {criterion.title_th}" if criterion and criterion.title_th else ""
    lines = [f"ภาพที่ {number} · เกณฑ์ {photo.criterion}{title}"]
    if photo.caption:
        lines.append(photo.caption)
    when = format_thai_moment(photo.captured_at) if photo.captured_at else "ไม่ทราบเวลาถ่าย"
    lines.append(f"ถ่ายเมื่อ {when}" + (f" · โดย {photo.by}" if photo.by else ""))
    return "\n".join(lines)


def photo_numbers(view: ReportView) -> dict[str, list[int]]:
    """Each criterion's photo numbers, as the photo pages number them (from 1)."""
    numbers: dict[str, list[int]] = {}
    for number, photo in enumerate(view.photos, start=1):
        numbers.setdefault(photo.criterion, []).append(number)
    return numbers
