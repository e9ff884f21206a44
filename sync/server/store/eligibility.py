"""The eligibility gates where a visit is assigned and a certificate issued, and the office's
overrides of them.

Both gates read the LAO's recorded application with ``field_audit.domain.eligibility``
(``visit_conditions``, ``certificate_conditions``): the same rules, on the same facts, as the
pipeline. A refusal is NOT_ELIGIBLE (409) and lists every unmet condition with its code and
its words in Thai and English (``details.conditions``). ``record_override`` records an
explicit office decision that waives named conditions for one LAO in one round, with the
reason and the officer who decided; it lands in the audit log, and ``overrides_of`` shows it
on the LAO's record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from field_audit.domain.eligibility import certificate_conditions, visit_conditions, waive
from field_audit.domain.pipeline import Blocker, BlockerCode
from sync.server.errors import Conflict, InvalidInput
from sync.server.models import (
    ApplicationRecord,
    EligibilityOverride,
    LaoRecord,
    RoundRecord,
    now_utc,
)
from sync.server.store.changes import log_action
from sync.server.store.editions import EditionCache
from sync.server.store.pipeline import domain_application, domain_round
from sync.server.store.rows import require


def check_visit(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    visit_date: date,
    today: date,
) -> None:
    """Refuse (NOT_ELIGIBLE) a visit to the LAO on ``visit_date`` while a condition is unmet."""
    gate = Gate(round_id, lao_id, visit_date, today)
    _refuse_unmet(
        session, gate, _conditions(session, editions, gate, visit_conditions), "a visit to"
    )


def unmet_for_visit(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    visit_date: date,
    today: date,
) -> tuple[Blocker, ...]:
    """The conditions a visit to the LAO on ``visit_date`` does not meet, after the office's
    overrides (what ``check_visit`` refuses with; the console flags them on a planned visit)."""
    gate = Gate(round_id, lao_id, visit_date, today)
    found = _conditions(session, editions, gate, visit_conditions)
    waived = {code for o in overrides_of(session, round_id, lao_id) for code in o.codes}
    return waive(found, waived)


def check_certificate(
    session: Session,
    editions: EditionCache,
    *,
    round_id: str,
    lao_id: str,
    visit_date: date,
    today: date,
) -> None:
    """Refuse (NOT_ELIGIBLE) a certificate for the LAO while a condition is unmet."""
    gate = Gate(round_id, lao_id, visit_date, today)
    found = _conditions(session, editions, gate, certificate_conditions)
    _refuse_unmet(session, gate, found, "a certificate for")


def record_override(
    session: Session,
    *,
    round_id: str,
    lao_id: str,
    codes: Sequence[str],
    reason: str,
    officer: str,
    actor: str,
) -> EligibilityOverride:
    """The office waives the named conditions for the LAO in the round (INVALID_INPUT for an
    unknown code, an empty reason or no officer)."""
    require(session, RoundRecord, round_id, "round")
    require(session, LaoRecord, lao_id, "LAO")
    known = {c.value for c in BlockerCode}
    problems = [f"{c!r} is not a condition's code" for c in codes if c not in known]
    problems += ["name at least one condition"] if not codes else []
    problems += ["the reason is empty"] if not reason.strip() else []
    problems += ["name the officer who decided"] if not officer.strip() else []
    if problems:
        raise InvalidInput("the override is refused", problems)
    record = EligibilityOverride(
        round_id=round_id,
        lao_id=lao_id,
        codes=sorted(set(codes)),
        reason=reason.strip(),
        officer=officer.strip(),
        recorded_by=actor,
        recorded_at=now_utc(),
    )
    session.add(record)
    log_action(
        session,
        actor=actor,
        action="eligibility.override",
        subject=f"{round_id}/{lao_id}",
        codes=record.codes,
        reason=record.reason,
        officer=record.officer,
    )
    session.commit()
    return record


def overrides_of(session: Session, round_id: str, lao_id: str) -> list[EligibilityOverride]:
    """The office's overrides for the LAO in the round, oldest first."""
    return list(
        session.exec(
            select(EligibilityOverride)
            .where(EligibilityOverride.round_id == round_id)
            .where(EligibilityOverride.lao_id == lao_id)
            .order_by(col(EligibilityOverride.id))
        ).all()
    )


@dataclass(frozen=True)
class Gate:
    """One LAO's application in one round, read for a visit on ``visit_date`` as of ``today``."""

    round_id: str
    lao_id: str
    visit_date: date
    today: date


Conditions = Callable[..., tuple[Blocker, ...]]


def _conditions(
    session: Session, editions: EditionCache, gate: Gate, conditions: Conditions
) -> tuple[Blocker, ...]:
    round_ = require(session, RoundRecord, gate.round_id, "round")
    lao = require(session, LaoRecord, gate.lao_id, "LAO")
    application = session.get(ApplicationRecord, (gate.round_id, gate.lao_id)) or ApplicationRecord(
        round_id=gate.round_id, lao_id=gate.lao_id, seq=0
    )
    edition = editions.get(session, round_.edition_hash)
    return conditions(
        domain_application(session, application, lao, edition),
        domain_round(round_, edition),
        visit_date=gate.visit_date,
        today=gate.today,
    )


def _refuse_unmet(session: Session, gate: Gate, found: tuple[Blocker, ...], what: str) -> None:
    round_id, lao_id = gate.round_id, gate.lao_id
    waived = {code for o in overrides_of(session, round_id, lao_id) for code in o.codes}
    unmet = waive(found, waived)
    if not unmet:
        return
    conditions = [{"code": c.code.value, "th": c.message_th, "en": c.message_en} for c in unmet]
    raise Conflict(
        f"{what} {lao_id} in round {round_id} is refused: " + " ".join(c.message_en for c in unmet),
        code="NOT_ELIGIBLE",
        thai=" ".join(c.message_th for c in unmet),
        conditions=conditions,
    )
