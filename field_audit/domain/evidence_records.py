"""Evidence records attached to a finding, beside its photos: interviews, documents seen and
observations, the three kinds of evidence committees use.

An interview with a service user is recorded in general terms: when, whom (a citizen, the
centre's staff, an officer of the LAO) and a summary. In keeping with the Personal Data
Protection Act B.E. 2562 (PDPA), no name or identification number is kept unless the inspector
chooses to record who it was (``identity``); a summary that carries a Thai ID number or a
phone number is refused until then, so personal data is never stored by accident.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from field_audit.domain.edition import Text


class Whom(StrEnum):
    CITIZEN = "citizen"
    STAFF = "staff"
    LAO_OFFICER = "lao_officer"


WHOM_NAMES = {
    Whom.CITIZEN: Text("ประชาชนผู้รับบริการ", "citizen using the service"),
    Whom.STAFF: Text("เจ้าหน้าที่ศูนย์บริการ", "the centre's staff"),
    Whom.LAO_OFFICER: Text("ผู้บริหารหรือเจ้าหน้าที่ของ อปท.", "officer of the LAO"),
}


@dataclass(frozen=True)
class Interview:
    at: datetime
    whom: Whom
    summary: str
    identity: str = ""
    """Who it was: empty unless the inspector chose to record it, with the person's consent."""


@dataclass(frozen=True)
class DocumentSeen:
    title: str
    reference: str
    page_photo: str | None = None
    """The SHA-256 of one of the finding's photos showing a page, if one was taken."""


@dataclass(frozen=True)
class Observation:
    text: str


Record = Interview | DocumentSeen | Observation

KIND_NAMES = {
    Interview: Text("สัมภาษณ์ผู้รับบริการ", "interview"),
    DocumentSeen: Text("เอกสารที่ตรวจ", "document seen"),
    Observation: Text("ข้อสังเกต", "observation"),
}

KIND_WORDS: dict[str, type[Record]] = {
    "interview": Interview,
    "document": DocumentSeen,
    "observation": Observation,
}
"""Each kind as the signed documents and storage name it."""

_ID_NUMBER = re.compile(r"(?<!\d)\d(?:[ -]?\d){12}(?!\d)")
_PHONE = re.compile(r"(?<!\d)0[2-9](?:[ -]?\d){7,8}(?!\d)")


def thai_id_numbers(text: str) -> list[str]:
    """The 13-digit Thai identification numbers in ``text`` (the check digit must agree)."""
    found = []
    for match in _ID_NUMBER.finditer(text):
        digits = [int(d) for d in re.sub(r"\D", "", match.group())]
        check = (11 - sum(d * (13 - i) for i, d in enumerate(digits[:12])) % 11) % 10
        if digits[12] == check:
            found.append(match.group())
    return found


def personal_data_in(text: str) -> list[Text]:
    """What in ``text`` is personal data a summary should not hold: ID and phone numbers."""
    found = []
    if thai_id_numbers(text):
        found.append(Text("เลขประจำตัวประชาชน", "an identification number"))
    if _PHONE.search(text):
        found.append(Text("หมายเลขโทรศัพท์", "a phone number"))
    return found


def record_problems(record: Record, photos: Collection[str]) -> list[Text]:
    """Why ``record`` cannot be kept on a finding holding ``photos`` (their hashes)."""
    if isinstance(record, Interview):
        return _interview_problems(record)
    if isinstance(record, DocumentSeen):
        return _document_problems(record, photos)
    if not record.text.strip():
        return [Text("ข้อสังเกตต้องมีข้อความ", "an observation needs some text")]
    return []


def _interview_problems(interview: Interview) -> list[Text]:
    if not interview.summary.strip():
        return [Text("บันทึกการสัมภาษณ์ต้องมีสรุป", "an interview needs a summary")]
    if interview.identity.strip():
        return []
    return [
        Text(
            f"สรุปการสัมภาษณ์มี{found.th} ซึ่งเป็นข้อมูลส่วนบุคคล: ลบออก "
            "หรือเลือกบันทึกตัวตนผู้ให้สัมภาษณ์เมื่อได้รับความยินยอมแล้ว",
            f"the summary holds {found.en}, which is personal data: remove it, or choose to "
            "record who was interviewed once they have agreed",
        )
        for found in personal_data_in(interview.summary)
    ]


def _document_problems(document: DocumentSeen, photos: Collection[str]) -> list[Text]:
    if not document.title.strip():
        return [Text("เอกสารที่ตรวจต้องมีชื่อเรื่อง", "a document seen needs a title")]
    if document.page_photo is not None and document.page_photo not in photos:
        return [
            Text(
                "ภาพหน้าเอกสารต้องเป็นภาพถ่ายหนึ่งของข้อนี้",
                "the page's photo must be one of this criterion's photos",
            )
        ]
    return []
