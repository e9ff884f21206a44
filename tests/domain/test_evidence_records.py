"""Evidence records: interviews kept in general terms (no personal data unless chosen),
documents seen with an optional page photo of the finding, and observations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from field_audit.domain.evidence_records import (
    DocumentSeen,
    Interview,
    Observation,
    Whom,
    personal_data_in,
    record_problems,
    thai_id_numbers,
)

AT = datetime(2027, 3, 3, 3, 30, tzinfo=UTC)
VALID_ID = "1101700203450"  # a made-up number whose check digit agrees


def test_a_thai_id_number_is_found_only_when_its_check_digit_agrees() -> None:
    assert thai_id_numbers(f"เลข {VALID_ID} ครับ") == [VALID_ID]
    assert thai_id_numbers("1-1017-00203-45-0") == ["1-1017-00203-45-0"]
    assert thai_id_numbers("1101700203452") == []  # wrong check digit: a count, not an ID
    assert thai_id_numbers("คิว 12 คน รอ 15 นาที") == []


@pytest.mark.parametrize(
    ("summary", "found"),
    [
        (f"ผู้รับบริการเลขประจำตัว {VALID_ID} พอใจ", ["an identification number"]),
        ("โทร 081-234-5678 ได้", ["a phone number"]),
        ("รอคิวไม่นาน เจ้าหน้าที่สุภาพ", []),
    ],
)
def test_personal_data_in_a_summary(summary: str, found: list[str]) -> None:
    assert [t.en for t in personal_data_in(summary)] == found


def test_an_interview_with_personal_data_is_refused_until_the_inspector_chooses() -> None:
    summary = f"ผู้รับบริการ ({VALID_ID}) รอคิว 10 นาที"
    refused = record_problems(Interview(AT, Whom.CITIZEN, summary), set())
    assert "personal data" in refused[0].en
    assert "ข้อมูลส่วนบุคคล" in refused[0].th
    chosen = Interview(AT, Whom.CITIZEN, summary, identity="นาย ก (ยินยอมแล้ว)")
    assert record_problems(chosen, set()) == []


def test_empty_records_and_a_page_photo_from_elsewhere_are_refused() -> None:
    assert record_problems(Interview(AT, Whom.STAFF, "  "), set())
    assert record_problems(Observation(""), set())
    assert record_problems(DocumentSeen("", "ref"), set())
    page = "a" * 64
    assert record_problems(DocumentSeen("คู่มือ", "", page), {"b" * 64})
    assert record_problems(DocumentSeen("คู่มือ", "", page), {page}) == []
