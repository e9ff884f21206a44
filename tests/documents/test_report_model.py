"""The report's view from what was signed: roles, graded answers, the committee's and each
member's recommendations, and evidence records, as protocol 3 carries them."""

from __future__ import annotations

from field_audit.documents.report_model import committee_report_view, inspector_report_view
from field_audit.documents.views import CriterionView, DocumentSeen, Interview, Observation
from field_audit.documents.wording import verdict_th
from field_audit.domain.edition import Edition
from sync.protocol.documents import serialise
from sync.protocol.records import DocumentEntry, InterviewEntry, ObservationEntry
from sync.protocol.sealed import result_hash
from tests.documents.samples import committee

INTERVIEW = InterviewEntry(
    kind="interview",
    at="2026-12-03T03:30:00Z",
    whom="citizen",
    summary="รอคิวไม่เกิน 10 นาที",
    identity="",
)
DOCUMENT = DocumentEntry(kind="document", title="คู่มือการให้บริการ", reference="นม 1", page_photo=None)
OBSERVATION = ObservationEntry(kind="observation", text="มีป้ายบอกขั้นตอนทุกช่อง")


def test_recommendations_and_records_come_from_the_signed_results(edition: Edition) -> None:
    result, audits = committee(edition)
    first = audits[0]
    b01 = first.findings[0].model_copy(
        update={"records": (INTERVIEW, DOCUMENT, OBSERVATION), "recommendation": "ติดป้ายเพิ่ม"}
    )
    audits[0] = first.model_copy(update={"findings": (b01, *first.findings[1:])})
    counted = [
        m.model_copy(update={"audit_hash": result_hash(serialise(audits[0]))})
        if m.status == "counted" and m.inspector_id == first.signer.inspector_id
        else m
        for m in result.members
    ]
    result = result.model_copy(
        update={
            "members": tuple(counted),
            "recommendations": {b01.criterion: "ควรติดป้ายบอกทางให้ครบทุกชั้น"},
            "recommendation": "ควรพัฒนาระบบคิวออนไลน์",
        }
    )
    view = committee_report_view(result, audits, edition=edition)
    criterion = next(c for c in view.criteria if c.id == b01.criterion)
    assert criterion.recommendations == ("ควรติดป้ายบอกทางให้ครบทุกชั้น",)
    assert criterion.evidence == (
        Interview("3 ธ.ค. 2569 10.30 น.", "citizen", "รอคิวไม่เกิน 10 นาที"),
        DocumentSeen("คู่มือการให้บริการ", "นม 1", None),
        Observation("มีป้ายบอกขั้นตอนทุกช่อง"),
    )
    assert view.recommendations == ("ควรพัฒนาระบบคิวออนไลน์",)
    own = inspector_report_view(audits[0], edition=edition, role="expert")
    mine = next(c for c in own.criteria if c.id == b01.criterion)
    assert mine.recommendations == ("ติดป้ายเพิ่ม",)
    assert own.members[0].role_th == "ผู้ทรงคุณวุฒิ"


def test_a_graded_answer_is_met_only_at_full_points_and_unmet_at_none() -> None:
    assert CriterionView("O1", "ผลสำรวจ", 5, 5).met
    four = CriterionView("O1", "ผลสำรวจ", 5, 4)
    assert (four.met, four.not_met) == (False, False)  # neither: shown amber, in points
    assert CriterionView("O1", "ผลสำรวจ", 5, 0).not_met
    assert verdict_th(4) == "4 คะแนน"
