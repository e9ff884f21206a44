"""Sealing from the audit screen's state: the summary and what is missing in words, the key made
at first need, a wrong passphrase that changes nothing, the seal (verified), the read-only
sealed audit and its correction as a new revision. Real SQLite, photo store and key; no page.
"""

from __future__ import annotations

import pytest

from field_audit.app import Services
from field_audit.domain.answers import Verdict
from field_audit.domain.audit import AuditStatus
from field_audit.domain.edition import Edition
from field_audit.storage.audits import get_audit
from field_audit.storage.database import Database
from field_audit.storage.demo import load_demo_data
from field_audit.storage.sealed import SEALED_AUDIT, get_sealed, sealed_for_assignment
from field_audit.ui.state.audit import AuditState
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.session import AppState
from field_audit.ui.state.writer import SerialWriter
from sync.protocol.sealed import Envelope, from_envelope, verify_result
from tests.seal.conftest import CHEAP
from tests.ui.conftest import run
from tests.ui.test_photos import files

PASSPHRASE = "ลานจอดรถ-2569"


@pytest.fixture
def site(db: Database, edition: Edition) -> Services:
    load_demo_data(db, edition)  # a profile, no key
    return Services(db, edition, central_url=None, kdf=CHEAP)


@pytest.fixture
def app(site: Services, writer: SerialWriter) -> AppState:
    session = AppState(site, Notices(), writer)
    session.open_audit("a-cm")
    return session


def shown(app: AppState) -> AuditState:
    assert app.audit is not None
    return app.audit


def answer_all(audit: AuditState, *, not_met: tuple[str, ...] = ()) -> None:
    for row in audit.rows:
        run(audit.choose(row.id, Verdict.NOT_MET if row.id in not_met else Verdict.MET))
    for seed, row in enumerate(audit.rows):
        if row.criterion.photo_required:
            run(audit.photos.attach(row.id, files(seed)))


def with_key(app: AppState) -> None:
    app.open_key("seal")
    assert app.key is not None
    run(app.key.create(PASSPHRASE, PASSPHRASE))


def test_the_summary_says_what_is_missing_and_leads_to_it(app: AppState) -> None:
    run(shown(app).choose("B01", Verdict.MET))
    run(app.open_seal())
    assert app.screen == "seal"
    seal = app.seal
    assert seal is not None
    assert seal.missing is not None
    assert not seal.ready
    words = [item.th for item in seal.missing]
    assert "ข้อ B02: ยังไม่ได้ให้ผลการประเมิน" in words
    assert "ข้อ B02: ต้องมีภาพถ่ายประกอบอย่างน้อย 1 ภาพ" in words
    assert not any(word.startswith("ข้อ B01:") for word in words)
    assert len(seal.missing) == 59 + 24
    counts = seal.counts()
    assert (counts.met, counts.not_met, counts.unanswered, counts.photos) == (1, 0, 59, 0)
    app.back_to_audit("B07")
    assert app.screen == "audit"
    assert [row.id for _key, rows in shown(app).groups() for row in rows] == ["B07"]
    shown(app).set_filter("all")
    assert sum(len(rows) for _key, rows in shown(app).groups()) == 60


def test_sealing_asks_for_a_key_when_there_is_none(app: AppState) -> None:
    answer_all(shown(app))
    run(app.open_seal())
    assert app.seal is not None
    assert app.seal.ready
    assert not app.seal.has_key
    with_key(app)
    run(app.leave_key())
    assert app.screen == "seal"
    assert app.seal is not None
    assert app.seal.has_key


def test_a_wrong_passphrase_changes_nothing(app: AppState, site: Services) -> None:
    audit = shown(app)
    answer_all(audit)
    with_key(app)
    run(app.leave_key())
    seal = app.seal
    assert seal is not None
    run(seal.seal("ผิดรหัส-12345"))
    assert seal.error is not None
    assert seal.error.th.startswith("รหัสผ่านไม่ถูกต้อง")
    assert seal.error.en.startswith("Wrong passphrase")
    assert app.screen == "seal"
    record = get_audit(site.db, audit.audit_id)
    assert record is not None
    assert record.status == AuditStatus.COMPLETE
    assert sealed_for_assignment(site.db, "a-cm", SEALED_AUDIT) == []


def test_sealing_makes_a_verified_result_and_a_read_only_audit(
    app: AppState, site: Services
) -> None:
    answer_all(shown(app), not_met=("A01", "A02"))
    with_key(app)
    run(app.leave_key())
    assert app.seal is not None
    run(app.seal.seal(PASSPHRASE))
    assert app.screen == "audit"
    sealed = shown(app)
    assert not sealed.editable
    assert sealed.status is AuditStatus.SEALED
    assert not sealed.photos.editable
    record = get_audit(site.db, sealed.audit_id)
    assert record is not None
    assert record.sealed_hash is not None
    stored = get_sealed(site.db, record.sealed_hash)
    assert stored is not None
    signed = from_envelope(
        stored.payload, Envelope(signature=stored.signature, public_key=stored.public_key)
    )
    assert verify_result(signed, expected_type=SEALED_AUDIT).assignment_id == "a-cm"
    run(sealed.photos.attach("B02", files(99)))
    assert app.notices.current is not None
    assert app.notices.current.en.startswith("This audit is sealed")


def test_a_sealed_audit_is_corrected_as_a_new_revision(app: AppState, site: Services) -> None:
    answer_all(shown(app))
    with_key(app)
    run(app.leave_key())
    assert app.seal is not None
    run(app.seal.seal(PASSPHRASE))
    sealed_id = shown(app).audit_id
    assert shown(app).revision == 1
    run(shown(app).correct())  # the audit screen's "correct" action
    draft = shown(app)
    assert draft.audit_id != sealed_id
    assert draft.editable
    assert draft.revision == 2
    assert draft.score.score.answered == 60
    assert len(draft.photos.of("B02").tiles) == 1
    run(draft.choose("A01", Verdict.NOT_MET))
    sealed = get_audit(site.db, sealed_id)
    assert sealed is not None
    assert sealed.status == AuditStatus.SEALED


def test_sealing_waits_for_photos_being_taken_in(app: AppState) -> None:
    answer_all(shown(app))
    with_key(app)
    run(app.leave_key())
    seal = app.seal
    assert seal is not None
    shown(app).photos.of("B02").progress = (1, 3)  # an import under way
    run(seal.seal(PASSPHRASE))
    assert seal.error is not None
    assert seal.error.th.startswith("ยังนำเข้าภาพไม่เสร็จ")
    assert shown(app).editable
    shown(app).photos.of("B02").progress = None
    run(seal.seal(PASSPHRASE))
    assert not shown(app).editable


def test_a_sealed_audit_gives_the_inspector_their_own_report(app: AppState, site: Services) -> None:
    answer_all(shown(app), not_met=("A01",))
    with_key(app)
    run(app.leave_key())
    assert app.seal is not None
    run(app.seal.seal(PASSPHRASE))
    report = run(shown(app).save_report())  # the seal bar's "my report (PDF)"
    assert report is not None
    assert report.data.startswith(b"%PDF")
    assert report.path.read_bytes() == report.data
    assert report.path.parent == site.exports_dir()
    assert report.file_name.endswith("-r1.pdf")
    assert app.notices.current is not None
    assert str(report.path) in app.notices.current.th


def test_a_draft_has_no_report_and_says_so(app: AppState) -> None:
    assert run(shown(app).save_report()) is None
    assert app.notices.current is not None
