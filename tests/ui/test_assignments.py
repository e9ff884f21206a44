"""The assignments list: every LAO with its state; search by name or province, filter by state."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from field_audit.app import Services
from field_audit.storage.assignments import AssignmentView
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.ui.state.assignments import (
    ABOVE_LIST_PX,
    CARD_PX,
    PAGE,
    AssignmentsState,
    first_page,
)
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter


def names(assignments: AssignmentsState) -> list[str]:
    return [view.lao.name_en for view in assignments.visible()]


def listed(app: AppState) -> AssignmentsState:
    assert app.assignments is not None
    return app.assignments


def test_every_assignment_is_listed_soonest_visit_first(app: AppState) -> None:
    views = listed(app).visible()
    assert len(views) == 7
    assert [v.visit_date for v in views] == sorted(v.visit_date for v in views)
    assert {v.state for v in views} == {"not_started"}


def test_search_by_thai_name_english_province_or_kind(app: AppState) -> None:
    assignments = listed(app)
    assignments.search("เชียงใหม่")
    assert names(assignments) == ["Chiang Mai City Municipality"]
    assignments.search("chon buri")
    assert names(assignments) == ["Pattaya City", "Saen Suk Town Municipality"]
    assignments.search("เทศบาลเมือง")
    assert len(names(assignments)) == 2
    assignments.search("  KRABI  town ")
    assert names(assignments) == ["Krabi Town Municipality"]
    assignments.search("ไม่มีที่นี่")
    assert names(assignments) == []
    assignments.search("")
    assert len(names(assignments)) == 7


def test_filter_by_state(demo_services: Services) -> None:
    cm = next(v for v in demo_services.assignments(DEMO_INSPECTOR_ID) if v.assignment_id == "a-cm")
    demo_services.open_audit(cm, DEMO_INSPECTOR_ID)
    assignments = AssignmentsState(demo_services.assignments(DEMO_INSPECTOR_ID))
    assignments.filter_by("in_progress")
    assert names(assignments) == ["Chiang Mai City Municipality"]
    assignments.filter_by("not_started")
    assert len(names(assignments)) == 6
    assignments.filter_by("sealed")
    assert names(assignments) == []
    assignments.filter_by("no such state")
    assert assignments.state_filter == "all"
    assert len(names(assignments)) == 7


def test_search_and_filter_together(app: AppState) -> None:
    assignments = listed(app)
    assignments.filter_by("not_started")
    assignments.search("ชลบุรี")
    assert names(assignments) == ["Pattaya City", "Saen Suk Town Municipality"]


def many(
    demo_services: Services, count: int, *, state: str = "not_started"
) -> list[AssignmentView]:
    """``count`` assignments in ``state``, one a day from the demo's first visit on."""
    first = demo_services.assignments(DEMO_INSPECTOR_ID)[0]
    return [
        replace(
            first,
            assignment_id=f"a-{i}",
            visit_date=first.visit_date + timedelta(days=i),
            state=state,
        )
        for i in range(count)
    ]


def test_the_list_shows_a_page_and_more_on_request(demo_services: Services) -> None:
    assignments = AssignmentsState(many(demo_services, 2 * PAGE + 5))
    assert [v.assignment_id for v in assignments.shown()] == [f"a-{i}" for i in range(PAGE)]
    assert assignments.hidden() == PAGE + 5
    assignments.show_more()
    assert len(assignments.shown()) == 2 * PAGE
    assignments.show_more()
    assert len(assignments.shown()) == 2 * PAGE + 5
    assert assignments.hidden() == 0


def test_a_search_or_a_filter_starts_from_the_first_page(demo_services: Services) -> None:
    views = many(demo_services, 3 * PAGE)
    assignments = AssignmentsState(views)
    assignments.show_more()
    assignments.search(views[0].lao.province_th)  # all of them match
    assert len(assignments.shown()) == PAGE
    assert assignments.hidden() == 2 * PAGE
    assignments.show_more()
    assignments.filter_by("not_started")
    assert len(assignments.shown()) == PAGE


def test_the_first_page_fills_the_window_and_no_more() -> None:
    for height in (480, 600, 800, 1024):  # a phone on its side to a tablet upright
        cards = first_page(height)
        assert (cards - 1) * CARD_PX >= height - ABOVE_LIST_PX - CARD_PX  # filled to the edge
        assert cards * CARD_PX < height - ABOVE_LIST_PX + 2 * CARD_PX  # one more at most
    assert first_page(800) < PAGE  # a laptop draws fewer cards before it is usable
    assert first_page(4000) == first_page(None) == PAGE
    assert first_page(0) == first_page(-1) == PAGE  # a window not measured yet
    assert first_page(100) == 1


def test_scrolling_to_the_end_brings_the_next_page(demo_services: Services) -> None:
    assignments = AssignmentsState(many(demo_services, 30), first=7)
    assert len(assignments.shown()) == 7
    assignments.scrolled(100, 900)  # mid-list
    assert len(assignments.shown()) == 7
    assignments.scrolled(800, 900)
    assert len(assignments.shown()) == 7 + PAGE
    assignments.scrolled(2000, 2000)
    assert len(assignments.shown()) == 30
    assignments.scrolled(3000, 3000)  # nothing hidden: nothing changes
    assert assignments.limit == 7 + 2 * PAGE


def test_a_search_or_a_filter_starts_again_from_the_windows_first_page(
    demo_services: Services,
) -> None:
    views = many(demo_services, 30)
    assignments = AssignmentsState(views, first=5)
    assignments.show_more()
    assignments.search(views[0].lao.province_th)
    assert len(assignments.shown()) == 5
    assignments.show_more()
    assignments.filter_by("not_started")
    assert len(assignments.shown()) == 5


def test_a_taller_window_fills_and_a_shorter_one_takes_nothing_away(
    demo_services: Services, writer: SerialWriter
) -> None:
    app = AppState(demo_services, Notices(), writer, height=600)
    assert len(listed(app).shown()) == first_page(600) < 7  # the demo's seven need a scroll
    app.set_window(800, 1280)  # the tablet turned upright
    assert len(listed(app).shown()) == 7
    assert not app.wide
    app.set_window(1280, 600)
    assert len(listed(app).shown()) == 7
    listed(app).search("")  # a new search starts from the first page of this window
    assert len(listed(app).shown()) == first_page(600)


def test_work_to_do_comes_first_and_the_done_latest_first(demo_services: Services) -> None:
    done = many(demo_services, 3, state="synced")
    sealed = replace(done[2], assignment_id="a-sealed", state="sealed")
    to_do = [replace(v, assignment_id=f"todo-{i}") for i, v in enumerate(many(demo_services, 2))]
    assignments = AssignmentsState([done[0], done[1], to_do[0], sealed, to_do[1]])
    ids = [v.assignment_id for v in assignments.shown()]
    assert ids == ["todo-0", "todo-1", "a-sealed", "a-1", "a-0"]
