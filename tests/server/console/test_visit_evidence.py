"""The visit page beside the verdicts: each member's planned share and what their signed audit
says it assessed, the evidence records and recommendations as signed, the committee's advice;
and the office's documents (report, letter, award list, the certificate's QR code) downloadable
from the console by anyone who may view, made from what the store holds."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from docx import Document

from sync.server.settings import Settings
from tests.server.certified import certify, with_issuing_key
from tests.server.console.office import Office
from tests.server.console.samples import issued_certificate
from tests.server.helpers import World, all_met, audit_payload, committee_payload
from tests.server.test_committee import send
from tests.server.test_shared_work import basic_and_advanced, divide, uploaded_share

INTERVIEW = {
    "kind": "interview",
    "at": "2017-03-14T03:30:00Z",
    "whom": "citizen",
    "summary": "ผู้รับบริการบอกว่ารอไม่ถึงสิบนาที",
    "identity": "",
}
DOCUMENT = {
    "kind": "document",
    "title": "คู่มือการให้บริการ",
    "reference": "ฉบับ 2560",
    "page_photo": None,
}


def word_text(data: bytes) -> str:
    """Every paragraph of a Word file, its tables' cells included."""
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def settings(settings: Settings, tmp_path: object) -> Settings:
    return with_issuing_key(settings, tmp_path)  # type: ignore[arg-type]


def shared_visit_with_records(world: World) -> None:
    """The committee of cm-city shares the work; member A records an interview, a document
    seen and advice on A01; the chair's result advises on A01 and overall."""
    basic, advanced = basic_and_advanced(world)
    divide(world, {"insp-chair": basic, "insp-a": advanced[:10], "insp-b": advanced[10:]})
    chair = uploaded_share(world, world.chair, basic)
    member_b = uploaded_share(world, world.member_b, advanced[10:])
    payload = audit_payload(world, world.member_a, scope=advanced[:10])
    a01 = next(f for f in payload["findings"] if f["criterion"] == "A01")
    a01["records"] = [INTERVIEW, DOCUMENT]
    a01["recommendation"] = "ควรติดป้ายบอกเวลารอ"
    member_a = world.member_a.seal(payload)
    assert world.member_a.upload_result(member_a).status_code == 201
    audits = {"insp-chair": chair, "insp-a": member_a, "insp-b": member_b}
    committee = committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))  # type: ignore[arg-type]
    committee["recommendations"] = {"A01": "ควรประกาศเวลารอบนจอ"}
    committee["recommendation"] = "ควรขยายเวลาให้บริการช่วงพักเที่ยง"
    answer = send(world, committee)
    assert answer.status_code == 201, answer.text


def test_the_visit_page_shows_shares_records_and_advice(
    world: World, office: Callable[[str], Office]
) -> None:
    shared_visit_with_records(world)
    page = office("viewer").get(f"/office/visits/{world.assignments['cm-city']}")
    assert page.status_code == 200
    text = page.text
    assert "การแบ่งเกณฑ์ให้กรรมการ" in text
    assert text.count("10 เกณฑ์") >= 4  # each advanced half, planned and assessed
    assert "40 เกณฑ์" in text
    assert "ไม่ตรงกับที่มอบหมาย" not in text
    assert "ประชาชนผู้รับบริการ" in text
    assert "ผู้รับบริการบอกว่ารอไม่ถึงสิบนาที" in text
    assert "คู่มือการให้บริการ" in text
    assert "ฉบับ 2560" in text
    assert "ควรติดป้ายบอกเวลารอ" in text  # the member's advice
    assert "ควรประกาศเวลารอบนจอ" in text  # the committee's, on A01
    assert "ควรขยายเวลาให้บริการช่วงพักเที่ยง" in text  # the committee's overall
    assert "/office/rounds/fy2560/laos/cm-city/report.pdf" in text
    viewer = office("viewer")
    viewer.get("/office/language?to=en")
    english = viewer.get(f"/office/visits/{world.assignments['cm-city']}").text
    assert "Who assesses which criteria" in english
    assert "citizen using the service" in english
    assert "Overall advice to the LAO" in english


def test_a_share_the_audit_does_not_keep_is_flagged(
    world: World, office: Callable[[str], Office]
) -> None:
    basic, advanced = basic_and_advanced(world)
    divide(world, {"insp-chair": basic, "insp-a": advanced[:10], "insp-b": advanced[10:]})
    uploaded_share(world, world.member_a, advanced[:5])
    page = office("viewer").get(f"/office/visits/{world.assignments['cm-city']}")
    assert "ไม่ตรงกับที่มอบหมาย" in page.text
    assert "ยังไม่ส่งผล" in page.text  # the chair and member B have sent nothing


def test_the_committee_report_downloads_as_pdf_and_word(
    world: World, office: Callable[[str], Office]
) -> None:
    shared_visit_with_records(world)
    viewer = office("viewer")
    pdf = viewer.get("/office/rounds/fy2560/laos/cm-city/report.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="report-fy2560-cm-city.pdf"' in pdf.headers["content-disposition"]
    word = viewer.get("/office/rounds/fy2560/laos/cm-city/report.docx")
    assert word.status_code == 200
    assert "ควรขยายเวลาให้บริการช่วงพักเที่ยง" in word_text(word.content)


def test_a_report_for_a_visit_without_a_committee_result_is_refused_in_words(
    office: Callable[[str], Office],
) -> None:
    answer = office("viewer").get("/office/rounds/fy2560/laos/cm-city/report.pdf")
    assert answer.status_code in (404, 409)
    assert "data-code=" in answer.text
    assert not answer.content.startswith(b"%PDF")


def test_a_format_the_office_does_not_make_is_refused(office: Callable[[str], Office]) -> None:
    answer = office("viewer").get("/office/rounds/fy2560/laos/cm-city/report.exe")
    assert answer.status_code == 422
    assert "data-code=" in answer.text


def test_the_letters_award_list_and_qr_of_a_certified_lao_download(
    world: World, office: Callable[[str], Office]
) -> None:
    certify(world, "cm-city")
    reference = issued_certificate(world, "cm-city")
    viewer = office("viewer")
    letter = viewer.get("/office/rounds/fy2560/laos/cm-city/notice.docx?number=มท 0810/123")
    assert letter.status_code == 200
    assert "ที่ มท ๐๘๑๐/๑๒๓" in word_text(letter.content)  # in Thai digits, as letters are
    every = viewer.get("/office/rounds/fy2560/notices.zip")
    assert every.status_code == 200
    with zipfile.ZipFile(io.BytesIO(every.content)) as archive:
        assert "notice-cm-city.pdf" in archive.namelist()
    awards = viewer.get("/office/rounds/fy2560/awards.xlsx")
    assert awards.status_code == 200
    assert awards.content.startswith(b"PK")
    qr = viewer.get(f"/office/certificates/{reference}/qr.png")
    assert qr.status_code == 200
    assert qr.content.startswith(b"\x89PNG")
    page = viewer.get(f"/office/certificates/{reference}")
    assert f"/office/certificates/{reference}/qr.png" in page.text
    bad_day = viewer.get("/office/rounds/fy2560/laos/cm-city/notice.pdf?dated=31/12/2560")
    assert bad_day.status_code == 422
