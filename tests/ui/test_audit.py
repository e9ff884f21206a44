"""The audit screen's state: verdicts saved as made, the live score, filters, claims and notes."""

from __future__ import annotations

import pytest
from sqlmodel import select

from field_audit.app import Services
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Category
from field_audit.storage.audits import audit_findings
from field_audit.storage.models import AuditRecord
from field_audit.ui.state.audit import AuditState, reason_lines
from field_audit.ui.state.session import AppState
from tests.ui.conftest import run

MET, NOT_MET = Verdict.MET, Verdict.NOT_MET


@pytest.fixture
def audit(app: AppState) -> AuditState:
    app.open_audit("a-cm")
    assert app.audit is not None
    return app.audit


def saved_verdicts(services: Services, audit: AuditState) -> dict[str, str | None]:
    return {cid: f.verdict for cid, f in audit_findings(services.db, audit.audit_id).items()}


def test_the_audit_lists_the_editions_criteria_with_the_laos_claims(audit: AuditState) -> None:
    assert len(audit.rows) == 60
    assert audit.editable
    claims = {row.id: row.claim for row in audit.rows}
    assert claims["B01"] is MET
    assert claims["A05"] is NOT_MET
    assert audit.score.score.points == 0


def test_a_verdict_is_saved_and_scored_as_it_is_made(
    audit: AuditState, demo_services: Services
) -> None:
    run(audit.choose("B07", MET))
    run(audit.choose("A01", MET))
    run(audit.choose("B08", NOT_MET))
    assert saved_verdicts(demo_services, audit) == {"B07": "met", "A01": "met", "B08": "not_met"}
    score = audit.score.score
    assert (score.points, score.answered) == (3, 3)
    assert not score.meets_criteria


def test_changing_a_verdict_rescores(audit: AuditState, demo_services: Services) -> None:
    run(audit.choose("A02", MET))
    run(audit.choose("A02", NOT_MET))
    assert audit.score.score.points == 0
    assert saved_verdicts(demo_services, audit) == {"A02": "not_met"}


def test_only_the_changed_row_and_the_score_notify(audit: AuditState) -> None:
    changed: list[object] = []

    def listener(sender: object, _field: str | None) -> None:
        changed.append(sender)

    b07, b08 = audit.rows[6], audit.rows[7]
    for observable in (audit, b07, b08, audit.score):
        observable.subscribe(listener)  # held here: Flet keeps listeners weakly
    run(audit.choose("B07", MET))
    assert b07 in changed
    assert audit.score in changed
    assert b08 not in changed
    assert audit not in changed  # the list itself is not rebuilt


def test_choosing_the_chosen_verdict_again_does_nothing(
    audit: AuditState, demo_services: Services
) -> None:
    run(audit.choose("B01", MET))
    run(audit.choose("B01", MET))
    assert audit.score.score.answered == 1


def test_all_met_meets_the_criteria(audit: AuditState) -> None:
    for row in audit.rows:
        run(audit.choose(row.id, MET))
    score = audit.score.score
    assert (score.points, score.max_points, score.meets_criteria) == (80, 80, True)
    assert reason_lines(score, "th", limit=5) == []


def test_a_claim_that_differs_is_flagged(audit: AuditState) -> None:
    b01 = audit.rows[0]
    assert not b01.differs_from_claim  # no verdict yet
    run(audit.choose("B01", NOT_MET))
    assert b01.differs_from_claim
    run(audit.choose("B01", MET))
    assert not b01.differs_from_claim


def test_filters_and_their_counts(audit: AuditState) -> None:
    run(audit.choose("B02", MET))
    run(audit.choose("B03", NOT_MET))
    counts = audit.filter_counts()
    photo_required = sum(1 for c in audit.edition.criteria if c.photo_required)
    assert counts == {
        "all": 60,
        "unanswered": 58,
        "not_met": 1,
        "needs_photo": photo_required,
    }
    audit.set_filter("not_met")
    assert [row.id for _key, rows in audit.groups() for row in rows] == ["B03"]
    audit.set_filter("needs_photo")
    shown = [row for _key, rows in audit.groups() for row in rows]
    assert all(row.criterion.photo_required for row in shown)
    audit.set_filter("bogus")
    assert audit.filter == "all"


def test_choosing_the_same_filter_again_refreshes_the_list(audit: AuditState) -> None:
    seen: list[str | None] = []

    def listener(_sender: object, field: str | None) -> None:
        seen.append(field)

    audit.subscribe(listener)
    audit.set_filter("unanswered")
    audit.set_filter("unanswered")
    assert seen == ["filter", None]


def test_groups_follow_the_edition_by_block_and_category(audit: AuditState) -> None:
    keys = [key for key, _rows in audit.groups()]
    assert keys[0] == ("basic", Category.PHYSICAL)
    assert keys[-1][0] == "advanced"
    assert sum(len(rows) for _key, rows in audit.groups()) == 60


def test_notes_are_saved_once_typing_pauses(audit: AuditState, demo_services: Services) -> None:
    first = audit.note_typed("B05", "ป้ายบอกทาง")
    second = audit.note_typed("B05", "ป้ายบอกทางชัดเจน")
    run(audit.flush_note("B05", first))  # superseded by later typing: nothing written
    assert "B05" not in audit_findings(demo_services.db, audit.audit_id)
    run(audit.flush_note("B05", second))
    assert audit_findings(demo_services.db, audit.audit_id)["B05"].note == "ป้ายบอกทางชัดเจน"


def test_leaving_the_audit_saves_every_note(app: AppState, demo_services: Services) -> None:
    app.open_audit("a-cm")
    assert app.audit is not None
    audit_id = app.audit.audit_id
    app.audit.note_typed("A03", "มี e-Service ครบ")
    run(app.back_to_assignments())
    assert audit_findings(demo_services.db, audit_id)["A03"].note == "มี e-Service ครบ"


def test_reopening_shows_what_was_saved(app: AppState) -> None:
    app.open_audit("a-cm")
    assert app.audit is not None
    run(app.audit.choose("B09", NOT_MET))
    app.audit.note_typed("B09", "ที่นั่งไม่พอ")
    run(app.back_to_assignments())
    app.open_audit("a-cm")
    row = next(r for r in app.audit.rows if r.id == "B09")
    assert row.verdict is NOT_MET
    assert row.draft == "ที่นั่งไม่พอ"


def test_a_write_that_fails_puts_the_row_back_and_says_why(
    app: AppState, audit: AuditState, demo_services: Services
) -> None:
    run(audit.choose("B10", MET))
    with demo_services.db.session() as session:  # sealed behind the screen's back
        record = session.exec(select(AuditRecord)).one()
        record.status = "sealed"
        session.add(record)
        session.commit()
    run(audit.choose("B11", MET))
    b11 = next(r for r in audit.rows if r.id == "B11")
    assert b11.verdict is None
    assert audit.score.score.answered == 1
    notice = app.notices.current
    assert notice is not None
    assert "ปิดผนึกแล้ว" in notice.th
    assert "sealed" in notice.en


def test_a_sealed_audit_opens_read_only(app: AppState, demo_services: Services) -> None:
    app.open_audit("a-cm")
    assert app.audit is not None
    run(app.audit.choose("B01", MET))
    run(app.back_to_assignments())
    with demo_services.db.session() as session:
        record = session.exec(select(AuditRecord)).one()
        record.status = "sealed"
        session.add(record)
        session.commit()
    run(app.back_to_assignments())
    app.open_audit("a-cm")
    audit = app.audit
    assert audit is not None
    assert not audit.editable
    assert audit.score.score.answered == 1
    run(audit.choose("B02", MET))
    assert audit.score.score.answered == 1
    assert app.notices.current is not None
    assert app.notices.current.en.startswith("This audit is sealed")


def test_reasons_are_summed_up_in_words(audit: AuditState) -> None:
    run(audit.choose("B01", NOT_MET))
    lines = reason_lines(audit.score.score, "th", limit=5)
    assert lines[0] == "เกณฑ์ขั้นพื้นฐาน ข้อ B01 ไม่ผ่าน (ต้องผ่านทุกข้อ)"
    assert "ยังไม่ได้ประเมิน 39 ข้อ" in lines[-1]
    english = reason_lines(audit.score.score, "en", limit=2)
    assert english == ["Basic criteria: B01 is not met (every one must be met)", "and 2 more"]
