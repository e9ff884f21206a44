"""The terms of the application pipeline: its seven steps, and the blockers that hold an LAO
at one of them, by stable code (``field_audit.domain.pipeline`` applies the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from field_audit.domain.edition import Text


class Step(IntEnum):
    """The seven steps to GECC of the DLA circular, in order, with the office's own two around
    the visit: it screens the documents before any visit, and it decides after the committee."""

    BRIEFING = 1
    SELF_ASSESSMENT = 2
    APPLICATION_FORM = 3
    THRESHOLD = 4
    GOVERNOR_ENDORSEMENT = 5
    DOCUMENTS_SENT = 6
    SCREENING = 7
    ONSITE_ASSESSMENT = 8
    DECISION = 9

    @property
    def title(self) -> Text:
        return STEP_TITLES[self]


STEP_TITLES: dict[Step, Text] = {
    Step.BRIEFING: Text("สถ. จัดประชุมชี้แจงแนวทางการประเมิน", "DLA holds a briefing"),
    Step.SELF_ASSESSMENT: Text("อปท. ประเมินตนเองตามเกณฑ์คุณภาพ", "The LAO assesses itself"),
    Step.APPLICATION_FORM: Text("กรอกใบสมัคร และแบบประเมินตนเอง", "The LAO fills in the forms"),
    Step.THRESHOLD: Text("ผลการประเมินตนเองผ่านเกณฑ์", "The self-assessment reaches the threshold"),
    Step.GOVERNOR_ENDORSEMENT: Text("เสนอ ผวจ. ให้ความเห็นชอบ", "The governor endorses it"),
    Step.DOCUMENTS_SENT: Text("ส่งเอกสารการสมัคร", "The documents are sent"),
    Step.SCREENING: Text("สำนักงานตรวจสอบเอกสารการสมัคร", "The office screens the documents"),
    Step.ONSITE_ASSESSMENT: Text("คณะกรรมการตรวจประเมินในพื้นที่", "The committee assesses on site"),
    Step.DECISION: Text("สำนักงานพิจารณาให้การรับรอง", "The office decides on certification"),
}


class ApplicationScope(StrEnum):
    OFFICE = "office"
    DEPARTMENT = "department"


class OnsiteResult(StrEnum):
    """The committee's finding: the centre meets the criteria (ผ่านเกณฑ์) or not. A finding,
    not a certificate: only the office's decision certifies."""

    MEETS_CRITERIA = "meets_criteria"
    DOES_NOT_MEET = "does_not_meet"


class BlockerCode(StrEnum):
    """Stable codes of every blocker; the UI and the reports key on these, never on wording."""

    KIND_NOT_ACCEPTED = "kind_not_accepted"
    INFORMATION_ONLY_CENTRE = "information_only_centre"
    DEPARTMENT_SCOPE = "department_scope"
    DUPLICATE_APPLICATIONS = "duplicate_applications"
    BELOW_THRESHOLD = "below_threshold"
    ENDORSED_BEFORE_SELF_ASSESSMENT = "endorsed_before_self_assessment"
    ENDORSED_BEFORE_FORM = "endorsed_before_form"
    DOCUMENTS_BEFORE_ENDORSEMENT = "documents_before_endorsement"
    DOCUMENTS_LATE = "documents_late"
    MISSING_WORD = "missing_word"
    MISSING_PDF = "missing_pdf"
    NOT_POSTED_OR_HANDED = "not_posted_or_handed"
    NOT_EMAILED = "not_emailed"
    DEADLINE_PASSED = "deadline_passed"
    CLAIMS_DISAGREE = "claims_disagree"
    SCREENING_FAILED = "screening_failed"
    VISIT_OUTSIDE_WINDOW = "visit_outside_window"
    VISIT_BEFORE_BRIEFING = "visit_before_briefing"
    CRITERIA_NOT_MET = "criteria_not_met"
    DECIDED_NOT_TO_CERTIFY = "decided_not_to_certify"
    AWAITING_BRIEFING = "awaiting_briefing"
    AWAITING_SELF_ASSESSMENT = "awaiting_self_assessment"
    AWAITING_FORM = "awaiting_form"
    AWAITING_ENDORSEMENT = "awaiting_endorsement"
    AWAITING_DOCUMENTS = "awaiting_documents"
    AWAITING_SCREENING = "awaiting_screening"
    AWAITING_VISIT = "awaiting_visit"
    AWAITING_DECISION = "awaiting_decision"


# Blockers about the LAO and its centre rather than its paperwork: any makes the LAO ineligible.
ELIGIBILITY_CODES = frozenset(
    {
        BlockerCode.KIND_NOT_ACCEPTED,
        BlockerCode.INFORMATION_ONLY_CENTRE,
        BlockerCode.BELOW_THRESHOLD,
        BlockerCode.CLAIMS_DISAGREE,
        BlockerCode.SCREENING_FAILED,
    }
)

# What the current step waits for when no rule is broken: said in words, never left blank.
AWAITING: dict[Step, BlockerCode] = {
    Step.BRIEFING: BlockerCode.AWAITING_BRIEFING,
    Step.SELF_ASSESSMENT: BlockerCode.AWAITING_SELF_ASSESSMENT,
    Step.APPLICATION_FORM: BlockerCode.AWAITING_FORM,
    Step.THRESHOLD: BlockerCode.AWAITING_SELF_ASSESSMENT,
    Step.GOVERNOR_ENDORSEMENT: BlockerCode.AWAITING_ENDORSEMENT,
    Step.DOCUMENTS_SENT: BlockerCode.AWAITING_DOCUMENTS,
    Step.SCREENING: BlockerCode.AWAITING_SCREENING,
    Step.ONSITE_ASSESSMENT: BlockerCode.AWAITING_VISIT,
    Step.DECISION: BlockerCode.AWAITING_DECISION,
}


@dataclass(frozen=True)
class Blocker:
    """One reason the application cannot move on, at the step it belongs to."""

    code: BlockerCode
    step: Step
    message_th: str
    message_en: str

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_th
