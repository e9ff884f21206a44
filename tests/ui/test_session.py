"""The session: first run asks who the inspector is; language, layout and moving between screens."""

from __future__ import annotations

from field_audit.app import Services
from field_audit.storage.assignments import inspector_profile
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.session import WIDE_FROM_PX, AppState
from field_audit.ui.state.writer import SerialWriter
from tests.ui.conftest import run


def test_first_run_asks_for_the_inspector(services: Services, writer: SerialWriter) -> None:
    app = AppState(services, Notices(), writer)
    assert app.screen == "start"
    assert app.inspector is None


def test_a_name_is_required(services: Services, writer: SerialWriter) -> None:
    app = AppState(services, Notices(), writer)
    app.save_profile("   ", "ผู้ทรงคุณวุฒิ")
    assert app.profile_error == "start.name_missing"
    assert app.screen == "start"
    assert inspector_profile(services.db) is None


def test_saving_the_profile_keeps_it_and_asks_for_the_key_then_the_assignments(
    services: Services, writer: SerialWriter
) -> None:
    app = AppState(services, Notices(), writer)
    app.save_profile("  นางสาวกานดา มีสุข ", "นักวิเคราะห์นโยบายและแผน")
    assert app.screen == "key"  # a fresh device has no signing key yet
    run(app.leave_key())
    assert app.screen == "assignments"
    assert app.profile_error is None
    stored = inspector_profile(services.db)
    assert stored is not None
    assert (stored.name, stored.position) == ("นางสาวกานดา มีสุข", "นักวิเคราะห์นโยบายและแผน")
    assert app.assignments is not None
    assert app.assignments.total == 0
    again = AppState(services, Notices(), writer)
    assert again.screen == "assignments"
    assert again.inspector == app.inspector


def test_saving_twice_renames_the_one_profile(services: Services) -> None:
    first = services.save_inspector(name="ก", position="")
    second = services.save_inspector(name="ข", position="ประธาน")
    assert first.id == second.id
    assert (second.name, second.position) == ("ข", "ประธาน")


def test_the_demo_inspector_starts_on_the_assignments(app: AppState) -> None:
    assert app.screen == "assignments"
    assert app.inspector is not None
    assert app.inspector.name == "นายสมชาย ใจดี"
    assert app.assignments is not None
    assert app.assignments.total == 7


def test_thai_by_default_with_an_english_switch(app: AppState) -> None:
    assert app.language == "th"
    app.toggle_language()
    assert app.language == "en"
    app.toggle_language()
    assert app.language == "th"


def test_narrow_windows_get_the_stacked_layout(app: AppState) -> None:
    app.set_width(800)
    assert not app.wide
    app.set_width(WIDE_FROM_PX)
    assert app.wide
    app.set_width(None)
    assert app.wide


def test_a_change_notifies_the_views(app: AppState) -> None:
    seen: list[str | None] = []

    def listener(_sender: object, field: str | None) -> None:
        seen.append(field)

    app.subscribe(listener)  # Flet keeps listeners weakly: `listener` stays referenced here
    app.toggle_language()
    assert seen == ["language"]


def test_opening_an_audit_and_coming_back(app: AppState) -> None:
    app.open_audit("a-cm")
    assert app.screen == "audit"
    assert app.audit is not None
    assert app.audit.assignment.lao.name_th == "เทศบาลนครเชียงใหม่"
    run(app.back_to_assignments())
    assert app.screen == "assignments"
    assert app.audit is None
    assert app.assignments is not None
    opened = app.assignments.find("a-cm")
    assert opened is not None
    assert opened.state == "in_progress"


def test_the_search_survives_coming_back(app: AppState) -> None:
    assert app.assignments is not None
    app.assignments.search("เชียงใหม่")
    app.open_audit("a-cm")
    run(app.back_to_assignments())
    assert app.assignments.query == "เชียงใหม่"


def test_an_unknown_assignment_is_said_in_words(app: AppState) -> None:
    app.open_audit("a-nowhere")
    assert app.screen == "assignments"
    assert app.notices.current is not None
    assert "a-nowhere" in app.notices.current.th
