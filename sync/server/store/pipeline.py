"""Each LAO's pipeline steps for a round (``field_audit.domain.pipeline``), as the office records.

``record_pipeline`` sets any of ``FACTS`` for one LAO in one round (creating its application
on first use) and returns where the application then stands; ``pipeline_of`` only reads.
Self-assessment points that disagree with the LAO's per-criterion claims are refused (the
claims, once recorded, set the points). ``record_screening`` records the office's screening
of the documents: passed, or not with a reason. The self-assessment points travel to the
inspectors with the LAO's assignment. ``domain_application`` is the one reading of a recorded
application that the pipeline, the eligibility gates and the listings share.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.domain.pipeline import (
    Application,
    ApplicationScope,
    Decision,
    DocumentDelivery,
    OnsiteResult,
    PipelineStatus,
    Round,
    Screening,
    pipeline_status,
    round_for_edition,
)
from field_audit.domain.scoring import score_verdicts
from sync.server.errors import InvalidInput
from sync.server.models import ApplicationRecord, DecisionRecord, LaoRecord, RoundRecord
from sync.server.store.changes import log_action, next_seq
from sync.server.store.editions import EditionCache
from sync.server.store.rows import require

FACTS: dict[str, type] = {
    "scope": str,
    "screened_on": date,
    "screening_passed": bool,
    "screening_reason": str,
    "information_only": bool,
    "self_assessment_points": int,
    "self_claims": dict,  # set through ``self_assessment.record_self_claims``, which checks it
    "self_assessed_on": date,
    "form_filled_on": date,
    "governor_endorsed_on": date,
    "word": bool,
    "pdf": bool,
    "posted_on": date,
    "emailed_on": date,
}


def record_pipeline(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    facts: Mapping[str, Any],
    actor: str,
    today: date,
) -> PipelineStatus:
    """Record ``facts`` (a subset of ``FACTS``) for the LAO's application in the round."""
    _check_facts(facts)
    seq = next_seq(session)
    round_, lao = (
        require(session, RoundRecord, round_id, "round"),
        require(session, LaoRecord, lao_id, "LAO"),
    )
    record = session.get(ApplicationRecord, (round_id, lao_id)) or ApplicationRecord(
        round_id=round_id, lao_id=lao_id, seq=seq
    )
    for name, value in facts.items():
        setattr(record, name, value)
    _check_points_agree(record, editions.get(session, round_.edition_hash))
    record.seq = seq
    session.add(record)
    shown = {k: v.isoformat() if isinstance(v, date) else v for k, v in facts.items()}
    log_action(
        session, actor=actor, action="pipeline.record", subject=f"{round_id}/{lao_id}", **shown
    )
    status = _status(session, editions, round_=round_, lao=lao, record=record, today=today)
    session.commit()
    return status


def record_screening(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    passed: bool,
    reason: str,
    on: date,
    actor: str,
    today: date,
) -> PipelineStatus:
    """The office's screening of the LAO's documents before any visit; a failed screening
    needs its reason (INVALID_INPUT)."""
    if not passed and not reason.strip():
        raise InvalidInput("a failed screening needs its reason", ["--reason is empty"])
    if on > today:
        raise InvalidInput("a screening is recorded once it is done", [f"{on} is in the future"])
    facts = {"screened_on": on, "screening_passed": passed, "screening_reason": reason.strip()}
    return record_pipeline(
        session, editions, round_id=round_id, lao_id=lao_id, facts=facts, actor=actor, today=today
    )


def pipeline_of(
    session: Session, editions: EditionCache, *, round_id: str, lao_id: str, today: date
) -> PipelineStatus:
    """Where the LAO's application stands in the round (an empty one if nothing is recorded)."""
    round_, lao = (
        require(session, RoundRecord, round_id, "round"),
        require(session, LaoRecord, lao_id, "LAO"),
    )
    record = session.get(ApplicationRecord, (round_id, lao_id)) or ApplicationRecord(
        round_id=round_id, lao_id=lao_id, seq=0
    )
    return _status(session, editions, round_=round_, lao=lao, record=record, today=today)


def _status(
    session: Session,
    editions: EditionCache,
    *,
    round_: RoundRecord,
    lao: LaoRecord,
    record: ApplicationRecord,
    today: date,
) -> PipelineStatus:
    edition = editions.get(session, round_.edition_hash)
    application = domain_application(session, record, lao, edition)
    return pipeline_status(application, domain_round(round_, edition), today=today)


def domain_round(round_: RoundRecord, edition: Edition) -> Round:
    """The domain's view of a recorded round."""
    return round_for_edition(
        edition,
        fiscal_year_be=round_.fiscal_year_be,
        deadline=round_.deadline,
        briefing_on=round_.briefing_on,
        accepted_kinds=frozenset(round_.accepted_kinds) if round_.accepted_kinds else None,
        visits_from=round_.visits_from,
        visits_until=round_.visits_until,
        opens_on=round_.opens_on,
        screening_until=round_.screening_until,
        results_on=round_.results_on,
    )


def domain_application(
    session: Session, record: ApplicationRecord, lao: LaoRecord, edition: Edition
) -> Application:
    """The domain's view of a recorded application, with the office's decision if any."""
    decided = session.get(DecisionRecord, (record.round_id, record.lao_id))
    return application_of(record, lao, edition, decided)


def application_of(
    record: ApplicationRecord, lao: LaoRecord, edition: Edition, decided: DecisionRecord | None
) -> Application:
    """``domain_application`` with the decision already read (a round's applications at once)."""
    return Application(
        lao_id=lao.id,
        lao_kind=lao.kind,
        scope=ApplicationScope(record.scope),
        centre_gives_information_only=record.information_only,
        self_assessment_points=record.self_assessment_points,
        claimed_points=claimed_points(record, edition),
        self_assessed_on=record.self_assessed_on,
        form_filled_on=record.form_filled_on,
        governor_endorsed_on=record.governor_endorsed_on,
        documents=DocumentDelivery(
            word=record.word,
            pdf=record.pdf,
            by_post_or_hand_on=record.posted_on,
            emailed_on=record.emailed_on,
        ),
        screening=_screening(record),
        onsite_result=OnsiteResult(record.onsite_result) if record.onsite_result else None,
        onsite_on=record.onsite_on,
        decision=Decision(decided.certify, decided.decided_on) if decided else None,
    )


def claimed_points(record: ApplicationRecord, edition: Edition) -> int | None:
    """What the LAO's per-criterion claims add up to under the edition, if recorded."""
    if not record.self_claims:
        return None
    verdicts = {
        c: Verdict(v)
        for c, v in record.self_claims.items()
        if edition.criterion(c) is not None and v in ("met", "not_met")
    }
    return score_verdicts(edition, verdicts).points


def _screening(record: ApplicationRecord) -> Screening | None:
    if record.screened_on is None or record.screening_passed is None:
        return None
    return Screening(record.screened_on, record.screening_passed, record.screening_reason or "")


def _check_points_agree(record: ApplicationRecord, edition: Edition) -> None:
    claimed = claimed_points(record, edition)
    points = record.self_assessment_points
    if claimed is not None and points is not None and points != claimed:
        raise InvalidInput(
            "the self-assessment points disagree with the LAO's per-criterion claims",
            [f"the claims add up to {claimed} points, not {points}"],
        )


def _check_facts(facts: Mapping[str, Any]) -> None:
    problems = [f"{name!r} is not a pipeline fact" for name in facts if name not in FACTS]
    for name, value in facts.items():
        kind = FACTS.get(name)
        if kind is not None and not isinstance(value, kind):
            problems.append(f"{name} must be a {kind.__name__}")
    if facts.get("scope", "office") not in {s.value for s in ApplicationScope}:
        problems.append("scope must be office or department")
    points = facts.get("self_assessment_points")
    if isinstance(points, int) and points < 0:
        problems.append("self_assessment_points cannot be negative")
    if problems:
        raise InvalidInput("the pipeline facts are refused", problems)
