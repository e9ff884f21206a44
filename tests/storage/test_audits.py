"""Findings are written the moment they are given; sealed audits refuse change."""

from __future__ import annotations

import pytest
from sqlmodel import select

from field_audit.domain.answers import Verdict
from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import Edition
from field_audit.domain.errors import VerdictError
from field_audit.storage.assignments import is_empty, list_assignments
from field_audit.storage.audits import (
    audit_findings,
    audit_verdicts,
    get_audit,
    open_audit,
    record_note,
    record_verdict,
)
from field_audit.storage.database import Database
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.errors import AuditLocked, NotFound
from field_audit.storage.models import AuditRecord, EditionRecord, Lao


@pytest.fixture
def demo_db(db: Database, edition: Edition) -> Database:
    assert load_demo_data(db, edition)
    return db


def start(db: Database, edition: Edition, assignment: str = "a-cm") -> str:
    return open_audit(
        db, assignment_id=assignment, inspector_id=DEMO_INSPECTOR_ID, edition=edition
    ).id


def test_demo_data_fills_an_empty_device_once(db: Database, edition: Edition) -> None:
    assert is_empty(db)
    assert load_demo_data(db, edition) is True
    assert load_demo_data(db, edition) is False
    with db.session() as session:
        kinds = {lao.kind for lao in session.exec(select(Lao)).all()}
    assert kinds == {"เทศบาลนคร", "เทศบาลเมือง", "เมืองพัทยา"}
    assert not is_empty(db)


def test_assignments_list_soonest_first_with_state(demo_db: Database, edition: Edition) -> None:
    views = list_assignments(demo_db, inspector_id=DEMO_INSPECTOR_ID)
    assert len(views) == 7
    assert [v.visit_date for v in views] == sorted(v.visit_date for v in views)
    assert {v.state for v in views} == {"not_started"}
    audit_id = start(demo_db, edition)
    record_verdict(demo_db, audit_id, "B01", Verdict.MET, by=DEMO_INSPECTOR_ID)
    states = {v.lao.id: v.state for v in list_assignments(demo_db, inspector_id=DEMO_INSPECTOR_ID)}
    assert states["cm-city"] == "in_progress"


def test_open_audit_returns_the_same_draft_and_keeps_the_edition(
    demo_db: Database, edition: Edition
) -> None:
    first, second = start(demo_db, edition), start(demo_db, edition)
    assert first == second
    with demo_db.session() as session:
        stored = session.get(EditionRecord, edition.content_hash)
    assert stored is not None
    assert stored.edition_id == "gecc-2560"


def test_a_verdict_and_a_note_are_stored_and_can_be_changed(
    demo_db: Database, edition: Edition
) -> None:
    audit_id = start(demo_db, edition)
    record_verdict(demo_db, audit_id, "B03", Verdict.NOT_MET, by=DEMO_INSPECTOR_ID)
    record_note(demo_db, audit_id, "B03", "ไม่มีที่จอดรถคนพิการ", by=DEMO_INSPECTOR_ID)
    record_verdict(demo_db, audit_id, "B04", Verdict.MET, by=DEMO_INSPECTOR_ID)
    record_verdict(demo_db, audit_id, "B04", None, by=DEMO_INSPECTOR_ID)
    with demo_db.session() as session:
        assert audit_verdicts(session, audit_id) == {"B03": Verdict.NOT_MET}
    assert audit_findings(demo_db, audit_id)["B03"].note == "ไม่มีที่จอดรถคนพิการ"


def test_answering_everything_without_required_photos_stays_draft(
    demo_db: Database, edition: Edition
) -> None:
    audit_id = start(demo_db, edition)
    for criterion_id in edition.criterion_ids:
        status = record_verdict(demo_db, audit_id, criterion_id, Verdict.MET, by="x")
    assert status is AuditStatus.DRAFT  # photos are still missing


def test_complete_when_every_answer_and_photo_is_there(db: Database, edition: Edition) -> None:
    from tests.factories import build, gecc_2560_shape

    no_photos = build(gecc_2560_shape())
    load_demo_data(db, edition)
    audit_id = start(db, no_photos)
    statuses = [
        record_verdict(db, audit_id, c, Verdict.MET, by="x") for c in no_photos.criterion_ids
    ]
    assert statuses[-2:] == [AuditStatus.DRAFT, AuditStatus.COMPLETE]
    assert record_verdict(db, audit_id, "B01", None, by="x") is AuditStatus.DRAFT


def test_sealed_audits_refuse_every_change(demo_db: Database, edition: Edition) -> None:
    audit_id = start(demo_db, edition)
    with demo_db.session() as session:
        audit = session.get(AuditRecord, audit_id)
        assert audit is not None
        audit.status = "sealed"
        session.add(audit)
        session.commit()
    with pytest.raises(AuditLocked, match="is sealed and cannot change"):
        record_verdict(demo_db, audit_id, "B01", Verdict.MET, by="x")
    with pytest.raises(AuditLocked):
        record_note(demo_db, audit_id, "B01", "แก้", by="x")
    assert audit_findings(demo_db, audit_id) == {}


def test_unknown_audit_and_criterion_are_refused_and_change_nothing(
    demo_db: Database, edition: Edition
) -> None:
    with pytest.raises(NotFound, match="no audit 'nope'"):
        record_verdict(demo_db, "nope", "B01", Verdict.MET, by="x")
    audit_id = start(demo_db, edition)
    with pytest.raises(VerdictError, match="unknown criterion id 'Z09'"):
        record_verdict(demo_db, audit_id, "Z09", Verdict.MET, by="x")
    assert audit_findings(demo_db, audit_id) == {}
    assert get_audit(demo_db, "nope") is None
