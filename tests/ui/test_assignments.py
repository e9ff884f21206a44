"""The assignments list: every LAO with its state; search by name or province, filter by state."""

from __future__ import annotations

from field_audit.app import Services
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.ui.state.assignments import AssignmentsState
from field_audit.ui.state.session import AppState


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
