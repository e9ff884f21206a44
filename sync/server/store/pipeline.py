"""Each LAO's pipeline steps for a round (``field_audit.domain.pipeline``), as the office records.

``record_pipeline`` sets any of ``FACTS`` for one LAO in one round (creating its application
on first use) and returns where the application then stands; ``pipeline_of`` only reads.
The self-assessment points travel to the inspectors with the LAO's assignment.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from field_audit.domain.pipeline import (
    Application,
    ApplicationScope,
    DocumentDelivery,
    OnsiteResult,
    PipelineStatus,
    pipeline_status,
    round_for_edition,
)
from sync.server.errors import InvalidInput
from sync.server.models import ApplicationRecord, LaoRecord, RoundRecord
from sync.server.store.admin import require
from sync.server.store.changes import log_action, next_seq
from sync.server.store.editions import EditionCache

FACTS: dict[str, type] = {
    "scope": str,
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
    record.seq = seq
    session.add(record)
    shown = {k: v.isoformat() if isinstance(v, date) else v for k, v in facts.items()}
    log_action(
        session, actor=actor, action="pipeline.record", subject=f"{round_id}/{lao_id}", **shown
    )
    status = _status(session, editions, round_=round_, lao=lao, record=record, today=today)
    session.commit()
    return status


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
    domain_round = round_for_edition(
        edition,
        fiscal_year_be=round_.fiscal_year_be,
        deadline=round_.deadline,
        briefing_on=round_.briefing_on,
        accepted_kinds=frozenset(round_.accepted_kinds) if round_.accepted_kinds else None,
    )
    return pipeline_status(application_of(record, lao), domain_round, today=today)


def application_of(record: ApplicationRecord, lao: LaoRecord) -> Application:
    """The domain's view of a recorded application."""
    return Application(
        lao_id=lao.id,
        lao_kind=lao.kind,
        scope=ApplicationScope(record.scope),
        centre_gives_information_only=record.information_only,
        self_assessment_points=record.self_assessment_points,
        self_assessed_on=record.self_assessed_on,
        form_filled_on=record.form_filled_on,
        governor_endorsed_on=record.governor_endorsed_on,
        documents=DocumentDelivery(
            word=record.word,
            pdf=record.pdf,
            by_post_or_hand_on=record.posted_on,
            emailed_on=record.emailed_on,
        ),
        onsite_result=OnsiteResult(record.onsite_result) if record.onsite_result else None,
        onsite_on=record.onsite_on,
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
