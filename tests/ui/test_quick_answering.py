"""The inspector's place kept on the device (a closed tab, a restart), filters that open at
their first item, jumps to the next unanswered criterion or the next needing a photo, the
compact mode, answered/total per audit and the note phrases written before. Real SQLite."""

from __future__ import annotations

import sqlite3

import pytest

from field_audit.app import Services
from field_audit.domain.answers import Verdict
from field_audit.storage.audits import audit_findings
from field_audit.storage.settings import Place, read_place
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.place import Scroll
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter
from tests.ui.conftest import run

MET, NOT_MET = Verdict.MET, Verdict.NOT_MET


def shown(app: AppState) -> AuditState:
    assert app.screen == "audit"
    assert app.audit is not None
    return app.audit


def restarted(services: Services, writer: SerialWriter) -> AppState:
    """A new session on the same device: a reopened tab, or the app started again."""
    return AppState(services, Notices(), writer)


def test_opening_an_audit_keeps_the_place_and_leaving_it_forgets(
    app: AppState, demo_services: Services
) -> None:
    app.open_audit("a-cm")
    audit = shown(app)
    assert read_place(demo_services.db) == Place("a-cm", None)
    audit.place.current = "B17"
    run(audit.keep_place())
    assert read_place(demo_services.db) == Place("a-cm", "B17")
    run(app.back_to_assignments())
    assert read_place(demo_services.db) is None


def test_a_restart_reopens_the_same_audit_at_the_same_criterion(
    app: AppState, demo_services: Services, writer: SerialWriter
) -> None:
    app.open_audit("a-kk")
    run(shown(app).choose("B01", MET))
    shown(app).place.current = "A05"
    run(shown(app).keep_place())
    again = restarted(demo_services, writer)
    audit = shown(again)
    assert audit.assignment.assignment_id == "a-kk"
    assert audit.place.current == "A05"
    assert audit.rows[0].verdict is MET
    assert again.notices.current is None


def test_a_sealed_audit_is_not_reopened_and_the_inspector_is_told(
    app: AppState, demo_services: Services, writer: SerialWriter
) -> None:
    app.open_audit("a-cm")
    with sqlite3.connect(demo_services.db.path) as connection:
        connection.execute("UPDATE audit SET status = 'sealed'")
    again = restarted(demo_services, writer)
    assert again.screen == "assignments"
    assert again.notices.current is not None
    assert "เทศบาลนครเชียงใหม่" in again.notices.current.th
    assert "Chiang Mai" in again.notices.current.en
    assert read_place(demo_services.db) is None  # said once, not at every start


def test_a_sealed_audit_on_screen_is_no_place_to_come_back_to(
    app: AppState, demo_services: Services
) -> None:
    app.open_audit("a-cm")
    with sqlite3.connect(demo_services.db.path) as connection:
        connection.execute("UPDATE audit SET status = 'sealed'")
    run(app.back_to_assignments())
    app.open_audit("a-cm")  # read-only now
    assert not shown(app).editable
    assert read_place(demo_services.db) is None
    shown(app).place.current = "B09"
    run(shown(app).keep_place())
    assert read_place(demo_services.db) is None


def test_a_place_no_longer_on_the_device_opens_the_assignments(
    demo_services: Services, writer: SerialWriter
) -> None:
    demo_services.save_place("a-gone", "B01")
    again = restarted(demo_services, writer)
    assert again.screen == "assignments"
    assert again.notices.current is not None
    assert "no longer on this device" in again.notices.current.en
    assert read_place(demo_services.db) is None


def test_a_place_at_an_unknown_criterion_opens_the_audit_at_the_top(
    demo_services: Services, writer: SerialWriter
) -> None:
    demo_services.save_place("a-cm", "Z99")
    assert shown(restarted(demo_services, writer)).place.current is None


def test_an_unreadable_place_is_ignored(demo_services: Services, writer: SerialWriter) -> None:
    with sqlite3.connect(demo_services.db.path) as connection:
        connection.execute(
            "INSERT INTO device_setting VALUES ('place', 'not json', '2026-12-01T00:00:00+00:00')"
        )
    assert restarted(demo_services, writer).screen == "assignments"


def test_a_filter_starts_at_its_first_criterion(app: AppState) -> None:
    app.open_audit("a-cm")
    audit = shown(app)
    for criterion_id in ("B01", "B02"):
        run(audit.choose(criterion_id, MET))
    audit.place.current = "B30"
    audit.set_filter("unanswered")
    assert audit.place.current == "B03"
    run(audit.choose("B03", NOT_MET))
    audit.set_filter("not_met")
    assert audit.place.current == "B03"
    audit.set_filter("all")
    assert audit.place.current == "B01"


def test_next_unanswered_and_next_needing_a_photo_go_on_from_the_place(app: AppState) -> None:
    app.open_audit("a-cm")
    audit = shown(app)
    assert audit.next_wanted("unanswered") == "B01"
    run(audit.choose("B01", MET))
    audit.place.current = "B01"
    assert audit.next_wanted("unanswered") == "B02"
    audit.place.current = "A20"
    assert audit.next_wanted("unanswered") == "B02"  # round to the start
    photo = audit.next_wanted("needs_photo")
    assert photo is not None
    assert audit._by_id[photo].criterion.photo_required
    assert audit.wanted_count("unanswered") == 59


def test_a_jump_to_a_criterion_the_filter_hides_shows_them_all(app: AppState) -> None:
    app.open_audit("a-cm")
    audit = shown(app)
    run(audit.choose("B01", MET))
    audit.set_filter("unanswered")
    generation = audit.place.generation
    assert audit.go_to("B01") is None  # a new list: scrolled once it is laid out
    assert audit.filter == "all"
    assert audit.place.current == "B01"
    assert audit.place.generation > generation
    assert audit.go_to("Z99") is None
    assert audit.place.current == "B01"
    audit.place.listed([(row.id, True) for row in audit.rows])  # the new list renders
    assert audit.place.measured("B01", 900, 380) == Scroll(key="B01")  # and is laid out


def test_a_jump_within_the_list_scrolls_at_once_when_its_card_is_built(app: AppState) -> None:
    app.open_audit("a-cm")
    audit = shown(app)
    keys = [(row.id, True) for row in audit.rows]
    audit.place.listed(keys)
    for key, _c in keys[:5]:
        audit.place.measured(key, 900, 380)
    assert audit.go_to("B03") == Scroll(key="B03")


def test_the_compact_mode_is_remembered(
    app: AppState, demo_services: Services, writer: SerialWriter
) -> None:
    app.open_audit("a-cm")
    assert not shown(app).compact
    run(shown(app).set_compact(True))
    assert shown(app).compact
    assert demo_services.compact()
    run(app.back_to_assignments())
    app.open_audit("a-kk")
    assert shown(app).compact


def test_the_assignments_show_answered_of_total(app: AppState) -> None:
    app.open_audit("a-cm")
    for criterion_id in ("B01", "B02", "A01"):
        run(shown(app).choose(criterion_id, MET))
    run(app.back_to_assignments())
    assignments = app.assignments
    assert assignments is not None
    cm, kk = assignments.find("a-cm"), assignments.find("a-kk")
    assert cm is not None
    assert kk is not None
    progress = assignments.progress_of(cm)
    assert progress is not None
    assert (progress.answered, progress.total) == (3, 60)
    assert assignments.progress_of(kk) is None  # not started


def test_phrases_written_before_are_offered_and_inserted(
    app: AppState, demo_services: Services
) -> None:
    app.open_audit("a-cm")
    first = shown(app)
    first.text_typed("B01", "note", "มีรถสองแถวผ่านหน้าสำนักงาน\nป้ายรถประจำทางอยู่หน้าศูนย์")
    run(first.flush_text("B01", "note"))
    run(app.back_to_assignments())
    app.open_audit("a-kk")
    audit = shown(app)
    offered = audit.phrases_for("B01")
    assert offered == ["มีรถสองแถวผ่านหน้าสำนักงาน", "ป้ายรถประจำทางอยู่หน้าศูนย์"]
    assert audit.phrases_for("B02") == []
    edits = audit.rows[0].note_edits
    run(audit.insert_phrase("B01", offered[1]))
    assert audit.rows[0].note_edits == edits + 1
    assert audit_findings(demo_services.db, audit.audit_id)["B01"].note == offered[1]
    assert audit.phrases_for("B01") == [offered[0]]  # what the note has is not offered again
    run(audit.insert_phrase("B01", offered[0]))
    assert audit_findings(demo_services.db, audit.audit_id)["B01"].note == "\n".join(
        reversed(offered)
    )


@pytest.mark.parametrize("window", [1280, 800])
def test_the_place_survives_a_rotation_in_the_session(app: AppState, window: int) -> None:
    app.open_audit("a-cm")
    audit = shown(app)
    audit.place.current = "B12"
    app.set_width(window)
    assert shown(app) is audit
    assert audit.place.current == "B12"
