"""Whether a visit may be assigned, and a certificate issued, on an LAO's application.

Both decisions rest on the same facts as the pipeline (``pipeline_status``), read where the
decision is made: the round admits the LAO's kind; the self-assessment reaches the threshold
and agrees with the per-criterion claims; the governor endorsed it; both forms of the documents
came both ways by the deadline; the office's screening passed them; and the visit falls inside
the round's visit window and after the briefing. A certificate needs, beyond that, the
committee's finding that the centre meets the criteria and the office's decision to certify.

Each function lists every unmet condition (a ``Blocker``, with its words in Thai and English);
an empty tuple means the decision may be made. An office override is the caller's: it names
the codes it waives, with a reason and the officer (``waive``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from field_audit.domain.pipeline import (
    Application,
    Blocker,
    BlockerCode,
    OnsiteResult,
    Round,
    Step,
    pipeline_status,
)
from field_audit.domain.pipeline_terms import AWAITING
from field_audit.domain.pipeline_words import blocker, finding, window


def visit_conditions(
    application: Application, round: Round, *, visit_date: date, today: date
) -> tuple[Blocker, ...]:
    """Every condition unmet for a committee to visit on ``visit_date``, as of ``today``."""
    return tuple(_before(application, round, Step.ONSITE_ASSESSMENT, today)) + tuple(
        _visit_date(round, visit_date)
    )


def certificate_conditions(
    application: Application, round: Round, *, visit_date: date, today: date
) -> tuple[Blocker, ...]:
    """Every condition unmet for a certificate, as of ``today``: the visit's conditions, the
    committee's finding, and the office's decision."""
    found = list(visit_conditions(application, round, visit_date=visit_date, today=today))
    if application.onsite_result is None:
        found.append(blocker(BlockerCode.AWAITING_VISIT))
    elif application.onsite_result is OnsiteResult.DOES_NOT_MEET:
        found.append(blocker(BlockerCode.CRITERIA_NOT_MET))
    decision = application.decision
    if decision is None:
        found.append(
            blocker(BlockerCode.AWAITING_DECISION, finding=finding(application.onsite_result))
        )
    elif not decision.certify:
        found.append(blocker(BlockerCode.DECIDED_NOT_TO_CERTIFY, on=decision.on))
    return tuple(found)


def waive(conditions: Iterable[Blocker], codes: Iterable[str]) -> tuple[Blocker, ...]:
    """The conditions an office override naming ``codes`` leaves standing."""
    waived = set(codes)
    return tuple(c for c in conditions if c.code.value not in waived)


def _before(app: Application, rnd: Round, step: Step, today: date) -> Iterator[Blocker]:
    status = pipeline_status(app, rnd, today=today)
    yield from (b for b in status.blockers if b.step < step)
    blocked = {b.step for b in status.blockers}
    awaited = {
        AWAITING[s] for s in Step if s < step and s not in status.steps_done and s not in blocked
    }
    for code in sorted(awaited, key=lambda c: list(AWAITING.values()).index(c)):
        yield blocker(code, briefing=rnd.briefing_on, deadline=rnd.deadline)


def _visit_date(rnd: Round, visit: date) -> Iterator[Blocker]:
    if not rnd.visit_in_window(visit):
        yield blocker(
            BlockerCode.VISIT_OUTSIDE_WINDOW, visit=visit, window=window(*rnd.visit_window)
        )
    if rnd.briefing_on is not None and visit <= rnd.briefing_on:
        yield blocker(BlockerCode.VISIT_BEFORE_BRIEFING, visit=visit, briefing=rnd.briefing_on)
