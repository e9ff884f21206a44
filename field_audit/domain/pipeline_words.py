"""The words a DLA clerk reads about a pipeline blocker, in Thai and English.

Dates are worded per language: Thai ones in the Buddhist era.
"""

from __future__ import annotations

from datetime import date

from field_audit.domain.edition import Text
from field_audit.domain.pipeline_terms import Blocker, BlockerCode, Step
from field_audit.domain.thai_calendar import format_date

_TWO_SETS = (
    "ต้องส่งเอกสาร 2 ชุด คือ ไฟล์ Word 1 ชุด และไฟล์ PDF 1 ชุด",
    "two sets are needed: one Word file and one PDF.",
)
_BOTH_WAYS = (
    "ต้องส่งทางไปรษณีย์หรือด้วยตนเอง และส่งทาง e-mail ด้วย",
    "the documents go by post or by hand, and also by e-mail.",
)
_MESSAGES: dict[BlockerCode, tuple[Step, str, str]] = {
    BlockerCode.KIND_NOT_ACCEPTED: (
        Step.APPLICATION_FORM,
        "{kind} ไม่อยู่ในประเภท อปท. ที่สมัครได้ในรอบปีงบประมาณ พ.ศ. {fy} (รอบนี้รับสมัครเฉพาะ {accepted})",
        "{kind} is not a kind of LAO that can apply in the round of fiscal year B.E. {fy} "
        "(this round accepts only {accepted}).",
    ),
    BlockerCode.INFORMATION_ONLY_CENTRE: (
        Step.APPLICATION_FORM,
        "ศูนย์ข้อมูลข่าวสารที่ให้บริการด้านข้อมูลข่าวสารเพียงอย่างเดียว ไม่ถือว่าเป็นศูนย์ราชการสะดวก "
        "เพราะศูนย์ราชการสะดวกต้องให้บริการได้หลายเรื่อง แต่พัฒนาให้เป็นศูนย์ราชการสะดวกได้ "
        "โดยบูรณาการงานบริการอื่นของ อปท. เข้ามาอยู่ในศูนย์",
        "A centre that only gives information (an information centre) is not a GECC on its own, "
        "because a GECC serves many kinds of requests. It can become one by bringing the LAO's "
        "other services into it.",
    ),
    BlockerCode.DEPARTMENT_SCOPE: (
        Step.APPLICATION_FORM,
        "ใบสมัครครอบคลุมเพียงฝ่ายเดียว อปท. ต้องสมัครในภาพรวมของสำนักงาน อปท. "
        "และทุกงานในสำนักงานต้องได้มาตรฐาน",
        "The application covers one department only. The LAO applies as one office, "
        "and every unit in it must meet the standard.",
    ),
    BlockerCode.DUPLICATE_APPLICATIONS: (
        Step.APPLICATION_FORM,
        "อปท. {lao} มีใบสมัคร {count} ใบในรอบนี้ ควรสมัครเพียงใบเดียวในภาพรวมของสำนักงาน ไม่แยกเป็นรายฝ่าย",
        "LAO {lao} has {count} applications in this round; it should send one, for the whole "
        "office, not one per department.",
    ),
    BlockerCode.BELOW_THRESHOLD: (
        Step.THRESHOLD,
        "ผลการประเมินตนเองได้ {points} คะแนน ต้องได้ไม่น้อยกว่า {threshold} คะแนนก่อนจึงจะสมัครได้",
        "The self-assessment is {points} points; at least {threshold} are needed before applying.",
    ),
    BlockerCode.ENDORSED_BEFORE_SELF_ASSESSMENT: (
        Step.GOVERNOR_ENDORSEMENT,
        "ผวจ. ให้ความเห็นชอบเมื่อ {endorsed} แต่การประเมินตนเอง{when} "
        "ต้องประเมินตนเองให้ผ่านเกณฑ์ก่อนเสนอ ผวจ.",
        "The governor endorsed the application on {endorsed}, but the self-assessment {when}; "
        "the LAO assesses itself before the application goes to the governor.",
    ),
    BlockerCode.ENDORSED_BEFORE_FORM: (
        Step.GOVERNOR_ENDORSEMENT,
        "ผวจ. ให้ความเห็นชอบเมื่อ {endorsed} แต่การกรอกใบสมัคร{when} ต้องกรอกใบสมัครก่อนเสนอ ผวจ.",
        "The governor endorsed the application on {endorsed}, but the application form {when}; "
        "the form is filled in before it goes to the governor.",
    ),
    BlockerCode.DOCUMENTS_BEFORE_ENDORSEMENT: (
        Step.DOCUMENTS_SENT,
        "ส่งเอกสารเมื่อ {sent} แต่ความเห็นชอบของ ผวจ. {when} ต้องให้ ผวจ. เห็นชอบก่อน แล้วจึงส่งเอกสาร",
        "The documents were sent on {sent}, but the governor's endorsement {when}; "
        "the governor endorses the application before the documents are sent.",
    ),
    BlockerCode.DOCUMENTS_LATE: (
        Step.DOCUMENTS_SENT,
        "ส่งเอกสาร{sent} เลยกำหนดส่งวันที่ {deadline}",
        "The documents were sent {sent}, after the deadline of {deadline}.",
    ),
    BlockerCode.MISSING_WORD: (
        Step.DOCUMENTS_SENT,
        f"ยังขาดไฟล์ Word {_TWO_SETS[0]}",
        f"The Word file is missing; {_TWO_SETS[1]}",
    ),
    BlockerCode.MISSING_PDF: (
        Step.DOCUMENTS_SENT,
        f"ยังขาดไฟล์ PDF {_TWO_SETS[0]}",
        f"The PDF is missing; {_TWO_SETS[1]}",
    ),
    BlockerCode.NOT_POSTED_OR_HANDED: (
        Step.DOCUMENTS_SENT,
        f"ยังไม่ได้ส่งเอกสารทางไปรษณีย์หรือด้วยตนเอง {_BOTH_WAYS[0]}",
        f"The documents have not been sent by post or by hand; {_BOTH_WAYS[1]}",
    ),
    BlockerCode.NOT_EMAILED: (
        Step.DOCUMENTS_SENT,
        f"ยังไม่ได้ส่งเอกสารทาง e-mail {_BOTH_WAYS[0]}",
        f"The documents have not been sent by e-mail; {_BOTH_WAYS[1]}",
    ),
    BlockerCode.DEADLINE_PASSED: (
        Step.DOCUMENTS_SENT,
        "พ้นกำหนดส่งเอกสารวันที่ {deadline} แล้ว แต่ยังส่งเอกสารไม่ครบ",
        "The deadline of {deadline} has passed and the documents are not complete.",
    ),
}


def blocker(code: BlockerCode, **values: object) -> Blocker:
    """The blocker ``code`` with its message templates filled in, each in its own language."""
    step, template_th, template_en = _MESSAGES[code]
    return Blocker(
        code=code,
        step=step,
        message_th=template_th.format_map(_worded(values, "th")),
        message_en=template_en.format_map(_worded(values, "en")),
    )


def _worded(values: dict[str, object], language: str) -> dict[str, str]:
    return {name: _word(value, language) for name, value in values.items()}


def _word(value: object, language: str) -> str:
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, Text):
        return value.in_language(language)
    return str(value)


def dated(day: date | None) -> Text:
    """How a message says when an earlier step happened, or that it is not on record."""
    if day is None:
        return Text("ยังไม่มีการบันทึก", "is not recorded")
    return Text(f"ลงวันที่ {format_date(day, 'th')}", f"is dated {format_date(day, 'en')}")


def late_channels(late: list[tuple[Text, date]]) -> Text:
    th = " และ".join(f"{channel.th} เมื่อ {format_date(d, 'th')}" for channel, d in late)
    en = " and ".join(f"{channel.en} on {format_date(d, 'en')}" for channel, d in late)
    return Text(th, en)
