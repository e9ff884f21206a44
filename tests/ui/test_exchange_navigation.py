"""Moving to and from the committee, sync and certificate screens, without a page."""

from __future__ import annotations

from field_audit.ui.state.connectivity import Connectivity
from field_audit.ui.state.session import AppState
from tests.ui.conftest import run


def test_the_committee_opens_from_the_audit_and_back_returns_there(app: AppState) -> None:
    app.open_audit("a-cm")
    assert app.screen == "audit"
    run(app.open_committee("a-cm"))
    assert app.screen == "committee"
    assert app.committee is not None
    assert app.committee.snapshot.members == ()  # nothing sealed yet on the demo device
    assert app.committee.snapshot.chair_name == "นางสาวพิมพ์ชนก ศรีสวัสดิ์"
    assert not app.committee.is_chair
    run(app.leave_exchange())
    assert (app.screen, app.committee) == ("audit", None)


def test_sync_and_certificates_open_from_the_list_and_back_returns_to_it(app: AppState) -> None:
    connectivity = Connectivity()
    app.open_sync(connectivity)
    assert app.screen == "sync"
    assert app.sync is not None
    assert app.sync.connectivity is connectivity
    sync = app.sync
    app.open_certificates()  # from the sync screen: back still leads to the list
    assert app.screen == "certificates"
    run(app.leave_exchange())
    assert app.screen == "assignments"
    app.open_sync(connectivity)
    assert app.sync is sync  # kept for the session: a run goes on while elsewhere
    assert app.session_key is sync.key


def test_an_unknown_assignment_is_said_in_words(app: AppState) -> None:
    run(app.open_committee("a-nowhere"))
    assert app.screen == "assignments"
    assert app.notices.current is not None
    assert "a-nowhere" in app.notices.current.th
