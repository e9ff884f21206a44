"""The terms of the application pipeline: its seven steps, and the blockers that hold an LAO
at one of them, by stable code (``field_audit.domain.pipeline`` applies the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from field_audit.domain.edition import Text


class Step(IntEnum):
    """The seven steps to GECC of the DLA circular, in order."""

    BRIEFING = 1
    SELF_ASSESSMENT = 2
    APPLICATION_FORM = 3
    THRESHOLD = 4
    GOVERNOR_ENDORSEMENT = 5
    DOCUMENTS_SENT = 6
    ONSITE_ASSESSMENT = 7

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
    Step.ONSITE_ASSESSMENT: Text("คณะกรรมการตรวจประเมินในพื้นที่", "The committee assesses on site"),
}


class ApplicationScope(StrEnum):
    OFFICE = "office"
    DEPARTMENT = "department"


class OnsiteResult(StrEnum):
    CERTIFIED = "certified"
    NOT_CERTIFIED = "not_certified"


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


# Blockers about the LAO and its centre rather than its paperwork: any makes the LAO ineligible.
ELIGIBILITY_CODES = frozenset(
    {
        BlockerCode.KIND_NOT_ACCEPTED,
        BlockerCode.INFORMATION_ONLY_CENTRE,
        BlockerCode.BELOW_THRESHOLD,
    }
)


@dataclass(frozen=True)
class Blocker:
    """One reason the application cannot move on, at the step it belongs to."""

    code: BlockerCode
    step: Step
    message_th: str
    message_en: str

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_th
