"""The audit screen's state on the later standard (the demo's current round): graded answers,
the member's share of the work, recommendations and evidence records, each saved as made."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from field_audit.app import Services
from field_audit.domain.answers import Grade, Verdict
from field_audit.domain.edition import Edition, load_bundled_edition
from field_audit.domain.evidence_records import DocumentSeen, Interview, Observation, Whom
from field_audit.domain.shares import share_of
from field_audit.storage.database import Database
from field_audit.storage.demo import load_demo_data
from field_audit.storage.evidence_records import audit_records
from field_audit.storage.models import AuditRecord, Finding
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter
from tests.ui.conftest import run

LATER = load_bundled_edition("gecc-2563")
VALID_ID = "1101700203450"


@pytest.fixture
def later_app(db: Database, writer: SerialWriter) -> AppState:
    services = Services(db, LATER, central_url=None)
    assert load_demo_data(db, LATER)
    return AppState(services, Notices(), writer)


def open_audit(app: AppState, assignment_id: str) -> AuditState:
    app.open_audit(assignment_id)
    assert app.audit is not None
    return app.audit


def test_a_graded_criterion_takes_points_on_its_scale_and_scores_them(later_app: AppState) -> None:
    audit = open_audit(later_app, "a-cm")
    assert len(audit.rows) == 62
    run(audit.choose("O1", Grade(4)))
    run(audit.choose("P01", Verdict.MET))
    assert audit.score.score.points == 4
    assert audit.score.score.by_block["outcome"].met == 0  # 4 of 5 is not full marks
    run(audit.choose("O1", Verdict.MET))  # a word on a graded criterion is refused
    assert {r.id: r.verdict for r in audit.rows}["O1"] == Grade(4)
    notice = later_app.notices.current
    assert notice is not None
    assert "give one of 0, 1, 2, 3, 4, 5 points" in notice.en
    with later_app._services.db.session() as session:
        kept = session.exec(select(Finding.criterion_id, Finding.verdict)).all()
    assert dict(kept) == {"O1": "4", "P01": "met"}


def test_the_planned_share_is_the_audits_scope_and_the_rest_is_not_mine(
    later_app: AppState,
) -> None:
    audit = open_audit(later_app, "a-pattaya")
    mine = share_of(LATER, blocks=["quality-basic"])
    assert audit.scope == mine
    assert audit.planned == mine
    assert audit.score.share == (20, 62)
    listed = [row.id for _key, rows in audit.groups() for row in rows]
    assert listed == sorted(mine)
    assert audit.filter_counts()["unanswered"] == 20
    audit.toggle_outside()
    assert len([row for _key, rows in audit.groups() for row in rows]) == 62


def test_sealing_a_share_needs_only_the_share(later_app: AppState) -> None:
    audit = open_audit(later_app, "a-pattaya")
    share = audit.scope or frozenset()
    for criterion_id in sorted(share):
        run(audit.choose(criterion_id, Verdict.MET))
    missing = later_app._services.missing_for_seal(audit.audit_id)
    assert {m.what for m in missing} <= {"photo"}  # only photos of the share are missing
    assert {m.criterion_id for m in missing} <= share
    run(audit.set_scope(share_of(LATER, blocks=["quality-basic", "outcome"])))
    missing = later_app._services.missing_for_seal(audit.audit_id)
    assert {m.criterion_id for m in missing if m.what == "verdict"} == {
        f"O{i}" for i in range(1, 7)
    }
    assert audit.score.share == (26, 62)
    run(audit.set_scope(None))
    assert audit.score.share is None


def test_recommendations_and_the_overall_one_are_saved(later_app: AppState) -> None:
    audit = open_audit(later_app, "a-cm")
    token = audit.text_typed("Q05", "recommendation", "ควรติดป้ายขั้นตอนให้เห็นชัด")
    run(audit.flush_text("Q05", "recommendation", token))
    audit.overall.type("ควรพัฒนาระบบคิวออนไลน์")
    run(audit.flush_overall())
    db = later_app._services.db
    with db.session() as session:
        finding = session.get(Finding, (audit.audit_id, "Q05"))
        record = session.get(AuditRecord, audit.audit_id)
    assert finding is not None
    assert finding.recommendation == "ควรติดป้ายขั้นตอนให้เห็นชัด"
    assert record is not None
    assert record.recommendation == "ควรพัฒนาระบบคิวออนไลน์"


def test_evidence_records_are_kept_and_personal_data_is_refused_in_words(
    later_app: AppState,
) -> None:
    audit = open_audit(later_app, "a-cm")
    at = datetime(2026, 12, 1, 3, 30, tzinfo=UTC)
    run(audit.add_record("Q07", Interview(at, Whom.CITIZEN, "รอคิวไม่เกิน 10 นาที")))
    run(audit.add_record("Q07", DocumentSeen("คู่มือการให้บริการ", "ชม 52001/2569")))
    run(audit.add_record("Q07", Observation("มีป้ายบอกขั้นตอนทุกช่องบริการ")))
    run(audit.add_record("Q07", Interview(at, Whom.CITIZEN, f"เลขประจำตัว {VALID_ID}")))
    notice = later_app.notices.current
    assert notice is not None
    assert "ข้อมูลส่วนบุคคล" in notice.th
    row = next(r for r in audit.rows if r.id == "Q07")
    assert [type(r).__name__ for _i, r in row.records] == [
        "Interview",
        "DocumentSeen",
        "Observation",
    ]
    kept = audit_records(later_app._services.db, audit.audit_id)["Q07"]
    assert [r for _i, r in kept] == [r for _i, r in row.records]
    run(audit.remove_record("Q07", row.records[1][0]))
    assert len(audit_records(later_app._services.db, audit.audit_id)["Q07"]) == 2


def test_the_earlier_round_still_opens_on_its_own_edition(later_app: AppState) -> None:
    audit = open_audit(later_app, "a-nb-2560")
    assert (audit.edition.id, len(audit.rows)) == ("gecc-2560", 60)


def test_the_chair_and_roles_come_with_the_demo(later_app: AppState, edition: Edition) -> None:
    db = later_app._services.db
    from field_audit.storage.models import CommitteeMember

    with db.session() as session:
        roles = dict(session.exec(select(CommitteeMember.inspector_id, CommitteeMember.role)).all())
    assert set(roles.values()) == {"chair", "expert", "opdc_representative", "joint_secretary"}
    assert edition.id == "gecc-2560"


def test_a_visit_outside_its_rounds_window_is_flagged(later_app: AppState) -> None:
    views = later_app._services.assignments("insp-somchai")
    assert not any(v.outside_window for v in views)
    db = later_app._services.db
    from field_audit.storage.models import Assignment

    with db.session() as session:
        moved = session.get(Assignment, "a-kk")
        assert moved is not None
        moved.visit_date = moved.visit_date.replace(
            year=2026, month=11, day=2
        )  # before the deadline
        session.add(moved)
        session.commit()
    flagged = {
        v.assignment_id for v in later_app._services.assignments("insp-somchai") if v.outside_window
    }
    assert flagged == {"a-kk"}
