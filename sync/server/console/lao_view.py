"""The LAO page's seven steps (and the office's two), each with its facts and dates, its state
(done, current, held) and the blockers that belong to it, ready for the template."""

from __future__ import annotations

from dataclasses import dataclass

from field_audit.domain.pipeline import PipelineStatus
from field_audit.domain.pipeline_terms import Blocker, Step
from sync.server.models import ApplicationRecord, RoundRecord

Fact = tuple[str, object]  # (word key, value: a date, a bool, a number, text or None)


@dataclass(frozen=True)
class StepView:
    number: int
    title_th: str
    title_en: str
    state: str  # done, current, blocked or later
    facts: list[Fact]
    blockers: list[Blocker]


def step_views(
    status: PipelineStatus, round_: RoundRecord, record: ApplicationRecord | None
) -> list[StepView]:
    facts = _facts(round_, record or ApplicationRecord(round_id=round_.id, lao_id="", seq=0))
    facts[Step.DECISION] = [("decision", status.decision)]
    return [
        StepView(
            number=int(step),
            title_th=step.title.th,
            title_en=step.title.en,
            state=_state(step, status),
            facts=facts[step],
            blockers=[b for b in status.blockers if b.step is step],
        )
        for step in Step
    ]


def _state(step: Step, status: PipelineStatus) -> str:
    if any(b.step is step for b in status.blockers):
        return "blocked"
    if step in status.steps_done:
        return "done"
    return "current" if step is status.current_step else "later"


def _facts(round_: RoundRecord, a: ApplicationRecord) -> dict[Step, list[Fact]]:
    return {
        Step.BRIEFING: [("briefing_on", round_.briefing_on)],
        Step.SELF_ASSESSMENT: [("self_assessed_on", a.self_assessed_on)],
        Step.APPLICATION_FORM: [("form_filled_on", a.form_filled_on)],
        Step.THRESHOLD: [("self_assessment_points", a.self_assessment_points)],
        Step.GOVERNOR_ENDORSEMENT: [("governor_endorsed_on", a.governor_endorsed_on)],
        Step.DOCUMENTS_SENT: [
            ("word", a.word),
            ("pdf", a.pdf),
            ("posted_on", a.posted_on),
            ("emailed_on", a.emailed_on),
            ("deadline", round_.deadline),
        ],
        Step.SCREENING: [
            ("screened_on", a.screened_on),
            ("screening", a.screening_passed),
            ("screening_reason", a.screening_reason or None),
        ],
        Step.ONSITE_ASSESSMENT: [("onsite_on", a.onsite_on), ("finding", a.onsite_result)],
        Step.DECISION: [],
    }
