"""A round's calendar as data: its dates in order, and the visit window a visit must fall in."""

from __future__ import annotations

from datetime import date

from field_audit.domain.pipeline import Round, calendar_problem

FULL = Round(
    fiscal_year_be=2570,
    deadline=date(2027, 1, 29),
    application_threshold=70,
    opens_on=date(2026, 11, 1),
    screening_until=date(2027, 2, 15),
    visits_from=date(2027, 2, 16),
    visits_until=date(2027, 4, 30),
    results_on=date(2027, 6, 30),
)


def test_a_visit_window_falls_inside_the_round() -> None:
    assert FULL.visit_window == (date(2027, 2, 16), date(2027, 4, 30))
    assert FULL.visit_in_window(date(2027, 3, 3))
    assert not FULL.visit_in_window(date(2027, 1, 20))  # before the round's own deadline
    assert not FULL.visit_in_window(date(2027, 5, 2))


def test_without_a_window_a_visit_still_falls_after_the_deadline_and_screening() -> None:
    bare = Round(fiscal_year_be=2570, deadline=date(2027, 1, 29), application_threshold=70)
    assert bare.visit_window == (date(2027, 1, 30), None)
    assert not bare.visit_in_window(date(2027, 1, 29))
    screened = Round(
        fiscal_year_be=2570,
        deadline=date(2027, 1, 29),
        application_threshold=70,
        screening_until=date(2027, 2, 15),
        results_on=date(2027, 6, 30),
    )
    assert screened.visit_window == (date(2027, 2, 16), date(2027, 6, 30))


def test_dates_out_of_order_are_named_in_words() -> None:
    assert calendar_problem(FULL) is None
    early_visits = Round(
        fiscal_year_be=2570,
        deadline=date(2027, 1, 29),
        application_threshold=70,
        visits_from=date(2027, 1, 10),
    )
    problem = calendar_problem(early_visits)
    assert problem is not None
    assert (
        problem.en == "visits begin (10 January 2027) comes before the deadline (29 January 2027)"
    )
    assert problem.th.startswith("วันเริ่มตรวจประเมินในพื้นที่ (10 มกราคม 2570) มาก่อน")
