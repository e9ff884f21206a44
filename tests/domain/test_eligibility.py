"""Whether a visit may be assigned and a certificate issued: every unmet condition, in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from field_audit.domain.eligibility import certificate_conditions, visit_conditions, waive
from field_audit.domain.pipeline import (
    Application,
    BlockerCode,
    Decision,
    DocumentDelivery,
    OnsiteResult,
    Round,
    Screening,
)

ROUND = Round(
    fiscal_year_be=2560,
    deadline=date(2017, 1, 31),
    application_threshold=60,
    briefing_on=date(2016, 12, 15),
    accepted_kinds=frozenset({"เทศบาลนคร", "เทศบาลเมือง", "เมืองพัทยา"}),
    visits_from=date(2017, 2, 15),
    visits_until=date(2017, 3, 31),
)
READY = Application(
    lao_id="lao-1",
    lao_kind="เทศบาลเมือง",
    self_assessment_points=64,
    claimed_points=64,
    self_assessed_on=date(2017, 1, 5),
    form_filled_on=date(2017, 1, 6),
    governor_endorsed_on=date(2017, 1, 12),
    documents=DocumentDelivery(True, True, date(2017, 1, 20), date(2017, 1, 20)),
    screening=Screening(date(2017, 2, 3), passed=True),
)
VISIT = date(2017, 3, 1)
TODAY = date(2017, 2, 10)


def codes(found: tuple) -> set[BlockerCode]:  # type: ignore[type-arg]
    return {c.code for c in found}


def test_an_application_in_order_may_be_visited_inside_the_window() -> None:
    assert visit_conditions(READY, ROUND, visit_date=VISIT, today=TODAY) == ()


def test_every_unmet_condition_is_listed_at_once() -> None:
    late_small_tambon = replace(
        READY,
        lao_kind="อบต.",
        self_assessment_points=55,
        claimed_points=55,
        documents=replace(READY.documents, emailed_on=date(2017, 2, 5)),
        screening=None,
    )
    found = visit_conditions(late_small_tambon, ROUND, visit_date=date(2016, 12, 1), today=TODAY)
    assert codes(found) == {
        BlockerCode.KIND_NOT_ACCEPTED,
        BlockerCode.BELOW_THRESHOLD,
        BlockerCode.DOCUMENTS_LATE,
        BlockerCode.AWAITING_SCREENING,
        BlockerCode.VISIT_OUTSIDE_WINDOW,
        BlockerCode.VISIT_BEFORE_BRIEFING,
    }
    assert all(c.message_th and c.message_en for c in found)


def test_points_that_disagree_with_the_claims_hold_the_visit() -> None:
    found = visit_conditions(
        replace(READY, self_assessment_points=50, claimed_points=77),
        ROUND,
        visit_date=VISIT,
        today=TODAY,
    )
    assert BlockerCode.CLAIMS_DISAGREE in codes(found)


def test_a_missing_endorsement_is_said_in_words() -> None:
    found = visit_conditions(
        replace(READY, governor_endorsed_on=None), ROUND, visit_date=VISIT, today=TODAY
    )
    assert BlockerCode.AWAITING_ENDORSEMENT in codes(found)


def test_a_round_without_a_briefing_or_window_asks_only_for_a_visit_after_its_deadline() -> None:
    open_round = replace(ROUND, briefing_on=None, visits_from=None, visits_until=None)
    after = open_round.deadline + timedelta(days=1)
    assert visit_conditions(READY, open_round, visit_date=after, today=TODAY) == ()
    found = visit_conditions(READY, open_round, visit_date=date(2016, 1, 1), today=TODAY)
    assert codes(found) == {BlockerCode.VISIT_OUTSIDE_WINDOW}


def test_a_certificate_needs_the_committees_finding_and_the_offices_decision() -> None:
    after = date(2017, 3, 20)
    visited = replace(READY, onsite_result=OnsiteResult.MEETS_CRITERIA, onsite_on=VISIT)
    found = certificate_conditions(visited, ROUND, visit_date=VISIT, today=after)
    assert codes(found) == {BlockerCode.AWAITING_DECISION}
    decided = replace(visited, decision=Decision(certify=True, on=date(2017, 3, 15)))
    assert certificate_conditions(decided, ROUND, visit_date=VISIT, today=after) == ()
    refused = replace(visited, decision=Decision(certify=False, on=date(2017, 3, 15)))
    found = certificate_conditions(refused, ROUND, visit_date=VISIT, today=after)
    assert codes(found) == {BlockerCode.DECIDED_NOT_TO_CERTIFY}


def test_a_centre_that_does_not_meet_the_criteria_gets_no_certificate() -> None:
    failed = replace(
        READY,
        onsite_result=OnsiteResult.DOES_NOT_MEET,
        onsite_on=VISIT,
        decision=Decision(certify=True, on=date(2017, 3, 15)),
    )
    found = certificate_conditions(failed, ROUND, visit_date=VISIT, today=date(2017, 3, 20))
    assert BlockerCode.CRITERIA_NOT_MET in codes(found)


def test_an_override_waives_only_the_codes_it_names() -> None:
    found = visit_conditions(
        replace(READY, lao_kind="อบต."), ROUND, visit_date=date(2017, 4, 5), today=TODAY
    )
    left = waive(found, ["kind_not_accepted"])
    assert codes(left) == {BlockerCode.VISIT_OUTSIDE_WINDOW}
