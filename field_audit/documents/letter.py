"""The notice to an LAO (หนังสือแจ้งผลการตรวจประเมิน) as words: what each part of an official
letter says, for the PDF and the Word file alike (``notice_pdf``, ``notice_docx``).

The layout is the external letter (หนังสือภายนอก) of the Regulation of the Office of the Prime
Minister on Official Correspondence (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ), since the LAO
is outside the office: the number (ที่) and the office with its address (ส่วนราชการเจ้าของ
หนังสือ), the date, subject (เรื่อง), addressee (เรียน), reference (อ้างถึง), enclosures
(สิ่งที่ส่งมาด้วย), the body, the closing (ขอแสดงความนับถือ), the signature with the printed name
and position, and the unit that owns the matter with its telephone and e-mail. Numbers are in
Thai digits; the letter is dated without "พ.ศ.", as letters are.
"""

from __future__ import annotations

from dataclasses import dataclass

from field_audit.documents.views import NoticeView, Office
from field_audit.documents.wording import thai_date
from field_audit.domain.thai_calendar import to_thai_digits

GECC = "ศูนย์ราชการสะดวก (Government Easy Contact Center: GECC)"
UNSET_OFFICE = "(ยังไม่ได้กำหนดชื่อหน่วยงาน)"
UNSET_SIGNATORY = "(ยังไม่ได้กำหนดผู้ลงนาม)"
CLOSING = "ขอแสดงความนับถือ"


@dataclass(frozen=True)
class Letter:
    number: str
    sender: tuple[str, ...]  # the office's name and address lines
    dated: str
    subject: str
    to: str
    reference: str
    enclosures: tuple[str, ...]
    body: tuple[str, ...]  # paragraphs; a line starting "(" is an item of a list
    signatory: str
    position: str
    unit: tuple[str, ...]


def letter_of(notice: NoticeView, office: Office) -> Letter:
    """Every part of the letter, in Thai digits."""
    t = to_thai_digits
    sender = office.name_th or UNSET_OFFICE
    return Letter(
        number=t(f"ที่ {office.letter_prefix}{notice.number}"),
        sender=(sender, *(t(line) for line in office.address_th.split("\n") if line.strip())),
        dated=thai_date(notice.dated, thai_digits=True, era=False),
        subject=t(_subject(notice)),
        to=addressee_of(notice.lao_name),
        reference=t(_reference(notice)),
        enclosures=tuple(t(e) for e in _enclosures(notice)),
        body=tuple(_body(notice, sender)),
        signatory=f"({office.signatory_name})" if office.signatory_name else UNSET_SIGNATORY,
        position=t(office.signatory_position),
        unit=tuple(t(line) for line in _unit(office)),
    )


def addressee_of(lao_name: str) -> str:
    """The LAO's chief executive, whom the letter is addressed to: นายกเทศมนตรีนครนครราชสีมา for
    เทศบาลนครนครราชสีมา, นายกเมืองพัทยา, นายกองค์การบริหารส่วนตำบล... ."""
    if lao_name.startswith("เทศบาล"):
        return "นายกเทศมนตรี" + lao_name.removeprefix("เทศบาล")
    return "นายก" + lao_name


def _subject(notice: NoticeView) -> str:
    what = "และการรับรองมาตรฐาน" if notice.certified else "มาตรฐาน"
    return f"แจ้งผลการตรวจประเมิน{what}ศูนย์ราชการสะดวก ประจำปีงบประมาณ พ.ศ. {notice.fiscal_year_be}"


def _reference(notice: NoticeView) -> str:
    text = f"ใบสมัครเข้ารับการตรวจประเมินมาตรฐานศูนย์ราชการสะดวกของ{notice.lao_name}"
    if notice.applied_on is not None:
        text += f" ลงวันที่ {thai_date(notice.applied_on, era=False)}"
    return text


def _enclosures(notice: NoticeView) -> list[str]:
    report = "รายงานผลการตรวจประเมินของคณะกรรมการ จำนวน 1 ชุด"
    if notice.certificate is None:
        return [report]
    certificate = f"ใบรับรองมาตรฐานศูนย์ราชการสะดวก เลขที่ {notice.certificate.reference} จำนวน 1 ฉบับ"
    return [certificate, report]


def _body(notice: NoticeView, office: str) -> list[str]:
    opening = (
        f"ตามที่ {notice.lao_name} จังหวัด{notice.province_th} ได้สมัครเข้ารับการตรวจประเมิน"
        f"มาตรฐาน{GECC} ประจำปีงบประมาณ พ.ศ. {notice.fiscal_year_be}"
        f" และคณะกรรมการตรวจประเมินได้ตรวจประเมินในพื้นที่แล้ว"
        f" เมื่อวันที่ {thai_date(notice.visit_date, era=False)} นั้น"
    )
    decided = (
        f"{office} ได้พิจารณาผลการตรวจประเมินของคณะกรรมการแล้ว ตาม{notice.decision_basis}"
        f" เมื่อวันที่ {thai_date(notice.decided_on, era=False)}"
    )
    score = f"ได้คะแนน {notice.points} คะแนน จากคะแนนเต็ม {notice.max_points} คะแนน"
    if notice.certificate is not None:
        return [to_thai_digits(p) for p in (opening, *_certified(notice, decided, score))]
    return [to_thai_digits(opening), *_not_certified(notice, decided, score)]


def _certified(notice: NoticeView, decided: str, score: str) -> list[str]:
    facts = notice.certificate
    assert facts is not None
    level = f" ระดับ{facts.level_th}" if facts.level_th else ""
    return [
        f"{decided} เห็นว่าศูนย์บริการของ{notice.lao_name}ผ่านเกณฑ์มาตรฐานศูนย์ราชการสะดวก"
        f" {score}{level} จึงให้การรับรองเป็นศูนย์ราชการสะดวก ตามใบรับรองเลขที่ {facts.reference}"
        f" มีผลตั้งแต่วันที่ {thai_date(facts.issued_on, era=False)}"
        f" ถึงวันที่ {thai_date(facts.valid_until, era=False)} รวมระยะเวลา 3 ปี"
        " รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย",
        "จึงเรียนมาเพื่อโปรดทราบ และขอแสดงความยินดีมา ณ โอกาสนี้",
    ]


def _not_certified(notice: NoticeView, decided: str, score: str) -> list[str]:
    """In Thai digits, all but the criteria's ids (B07 stays B07: it is looked up as such)."""
    t = to_thai_digits
    paragraphs = [
        t(
            f"{decided} เห็นว่าศูนย์บริการของ{notice.lao_name}ยังไม่ผ่านเกณฑ์มาตรฐาน"
            f"ศูนย์ราชการสะดวก {score} โดยยังไม่ผ่านเกณฑ์ดังต่อไปนี้"
        )
    ]
    for number, unmet in enumerate(notice.unmet, start=1):
        advice = "".join(f" ข้อเสนอแนะ: {text}" for text in unmet.recommendations)
        paragraphs.append(t(f"({number}) ") + unmet.id + t(f" {unmet.title_th}{advice}"))
    if notice.recommendations:
        paragraphs.append("ข้อเสนอแนะของคณะกรรมการโดยรวม")
        paragraphs += [t(f"({n}) {text}") for n, text in enumerate(notice.recommendations, 1)]
    paragraphs.append(
        "จึงเรียนมาเพื่อโปรดทราบ และพิจารณาปรับปรุงการให้บริการตามข้อเสนอแนะ"
        " เพื่อสมัครเข้ารับการตรวจประเมินในรอบต่อไป"
    )
    return paragraphs


def _unit(office: Office) -> list[str]:
    lines = [office.responsible_unit or "(ยังไม่ได้กำหนดส่วนราชการเจ้าของเรื่อง)"]
    if office.contact_phone:
        lines.append(f"โทร. {office.contact_phone}")
    if office.contact_email:
        lines.append(f"ไปรษณีย์อิเล็กทรอนิกส์ {office.contact_email}")
    return lines
