"""The committee screen's state, without a page: two devices with real seals and bundles."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from field_audit.app import Inspector, Services
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition
from field_audit.seal.bundles import verify_bundle
from field_audit.services.committee import CommitteeDesk
from field_audit.signing import KdfParams
from field_audit.storage.assignments import list_assignments
from field_audit.storage.demo import DEMO_INSPECTOR_ID, load_demo_data
from field_audit.storage.outbox import all_items
from field_audit.ui.state.committee import CommitteeState, import_line
from field_audit.ui.state.notices import Notices
from field_audit.ui.state.unlock import SessionKey
from field_audit.ui.state.writer import SerialWriter
from sync.protocol.sealed import CommitteeResult
from sync.protocol.signatures import decode_public_key
from tests.seal.test_bundles import Device
from tests.ui.committee_devices import (
    CHAIR_ID,
    CHAIR_NAME,
    KEY_PASSPHRASE,
    MEMBER_NAME,
    absent_members,
    chair_device,
    member_bundle,
    seal_on,
)
from tests.ui.conftest import run

CHEAP = KdfParams(1, 1, 8)


def services_of(device: Device, edition: Edition) -> Services:
    return Services(
        device.db,
        edition,
        central_url=None,
        photos=device.store,
        keys_dir=device.folder / "keys",
        kdf=CHEAP,
    )


def committee_of(
    services: Services, inspector: Inspector, notices: Notices, writer: SerialWriter
) -> CommitteeState:
    [view] = [
        v
        for v in list_assignments(services.db, inspector_id=inspector.id)
        if v.assignment_id == "a-cm"
    ]
    return CommitteeState(
        services,
        view,
        inspector=inspector,
        notices=notices,
        writer=writer,
        key=SessionKey(services),
    )


@pytest.fixture
def chair(tmp_path: Path, edition: Edition) -> Device:
    return chair_device(tmp_path / "chair", edition)


@pytest.fixture
def bundle(tmp_path: Path, edition: Edition, chair: Device) -> Path:
    return member_bundle(tmp_path / "member", edition, tmp_path / "member.gecc", chair=chair)


@pytest.fixture
def chair_state(chair: Device, edition: Edition, writer: SerialWriter) -> CommitteeState:
    chair_inspector = Inspector(CHAIR_ID, CHAIR_NAME, "ประธาน", None)
    return committee_of(services_of(chair, edition), chair_inspector, Notices(), writer)


def test_the_chair_imports_rules_with_reasons_and_seals(
    chair_state: CommitteeState, bundle: Path, edition: Edition, tmp_path: Path
) -> None:
    state = chair_state
    assert state.is_chair
    assert [m.inspector_id for m in state.snapshot.members] == [CHAIR_ID]
    run(state.import_files([("member.gecc", bundle.read_bytes())]))
    [outcome] = state.imports
    assert outcome.imported
    assert import_line(outcome, "a-cm", "th").startswith(
        f"นำเข้าแล้ว: member.gecc — ผลการตรวจของ {MEMBER_NAME}"
    )
    members = {m.inspector_id: m for m in state.snapshot.members}
    assert set(members) == {CHAIR_ID, DEMO_INSPECTOR_ID}
    assert members[DEMO_INSPECTOR_ID].name == MEMBER_NAME
    assert members[DEMO_INSPECTOR_ID].points == 79  # B07 not met
    assert len(state.snapshot.roll.awaited) == 2
    assert state.snapshot.consolidated is None  # two members awaited: no score, no "agree"
    assert state.snapshot.disagreements() == []
    assert not state.snapshot.ready_to_seal

    assert not run(state.mark_absent("insp-waraporn"))  # no reason typed
    assert state.refusals["absent:insp-waraporn"][0] == "กรุณาระบุเหตุผลที่กรรมการไม่มา"
    for member_id, reason in absent_members().items():
        state.type_reason(f"absent:{member_id}", reason)
        assert run(state.mark_absent(member_id))
    assert state.snapshot.roll.accounted
    absent = {a.seat.inspector_id: a.reason for a in state.snapshot.roll.absent}
    assert absent == absent_members()
    assert [o.criterion_id for o in state.snapshot.disagreements()] == ["B07", "A03"]
    assert state.snapshot.consolidated is not None
    assert state.snapshot.consolidated.score is None  # disputed: no committee score yet

    assert not run(state.rule("B07", Verdict.MET))  # no reason typed
    assert state.refusals["B07"] == (
        "กรุณาระบุเหตุผลของการวินิจฉัย",
        "a ruling needs a reason: please write one",
    )
    state.type_reason("B01", "ไม่เห็นด้วย")
    assert not run(state.rule("B01", Verdict.NOT_MET))  # both said met: a majority
    assert state.refusals["B01"][0].startswith("ข้อนี้ตัดสินตามเสียงข้างมากแล้ว")

    state.type_reason("B07", "ป้ายบอกทางครบทุกจุดตามที่เห็นในวันตรวจ")
    assert run(state.rule("B07", Verdict.MET))
    assert "B07" not in state.refusals
    ruled = {o.criterion_id: o for o in state.snapshot.disagreements()}["B07"]
    assert ruled.ruling is not None
    assert ruled.ruling.reason == "ป้ายบอกทางครบทุกจุดตามที่เห็นในวันตรวจ"
    state.type_reason("A03", "มีแบบสำรวจความต้องการประชาชน")
    assert run(state.rule("A03", Verdict.NOT_MET))
    score = state.snapshot.result.score if state.snapshot.result else None
    assert score is not None
    assert (score.points, score.meets_criteria) == (78, True)
    assert state.snapshot.ready_to_seal

    assert not run(state.seal("ผิดรหัส-12345"))
    assert state.refusals["seal"][0].startswith("รหัสผ่านไม่ถูกต้อง")
    assert not state.key.unlocked
    assert run(state.seal(KEY_PASSPHRASE))
    assert state.just_sealed
    assert state.key.unlocked  # kept for this session, in memory only
    sealed = state.snapshot.sealed
    assert sealed is not None
    assert (sealed.points, sealed.meets_criteria, sealed.signer_name) == (78, True, CHAIR_NAME)
    kinds = [item.kind for item in all_items(state._desk.db)]
    assert kinds == ["gecc.sealed-audit", "gecc.committee-result"]

    state.type_reason("B07", "อีกครั้ง")
    assert not run(state.rule("B07", Verdict.NOT_MET))  # sealed: no more rulings
    assert state.refusals["B07"][1].startswith("the committee's result is sealed")
    assert not state.snapshot.ready_to_seal

    exported = run(state.export_committee())
    assert exported is not None
    assert exported.path.parent == tmp_path / "chair" / "exports"
    assert exported.file_name == "gecc-cm-city-committee-r1.gecc"
    assert state.exported == str(exported.path)
    third = Device(tmp_path / "third", edition)
    for member in state.snapshot.members:
        third.enrol(member.inspector_id, member_key(state, member.result_hash))
    report, _ = verify_bundle(third.db, exported.path)
    assert report.kind == "gecc.committee-result"
    assert isinstance(report.result, CommitteeResult)
    assert {r.criterion for r in report.result.rulings} == {"A03", "B07"}
    assert [m.status for m in report.result.members] == ["counted", "counted", "absent", "absent"]


def member_key(state: CommitteeState, result_hash: str) -> bytes:
    from field_audit.storage.sealed import get_sealed

    record = get_sealed(state._desk.db, result_hash)
    assert record is not None
    return decode_public_key(record.public_key)


def test_a_member_sees_but_cannot_rule_and_exports_its_own_audit(
    tmp_path: Path, edition: Edition, writer: SerialWriter
) -> None:
    member = Device(tmp_path / "member", edition)
    seal_on(member, edition, DEMO_INSPECTOR_ID, ("B07",))
    inspector = Inspector(DEMO_INSPECTOR_ID, MEMBER_NAME, "", None)
    state = committee_of(services_of(member, edition), inspector, Notices(), writer)
    assert not state.is_chair
    assert state.snapshot.chair_name == CHAIR_NAME
    assert state.snapshot.disagreements() == []  # only one member's audit here
    state.type_reason("B07", "เหตุผล")
    assert not run(state.rule("B07", Verdict.MET))
    assert state.refusals["B07"][0].startswith("เฉพาะประธาน")
    assert not run(state.export_committee())
    assert state.refusals["export"][1] == "there is no sealed result to export yet"
    exported = run(state.export_own())
    assert exported is not None
    assert exported.file_name == f"gecc-cm-city-{DEMO_INSPECTOR_ID}-r1.gecc"
    assert exported.data == exported.path.read_bytes()


def test_a_damaged_or_foreign_file_is_refused_in_thai_and_nothing_is_imported(
    chair_state: CommitteeState, bundle: Path, tmp_path: Path
) -> None:
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x20
    with zipfile.ZipFile(tmp_path / "note.zip", "w") as archive:
        archive.writestr("note.txt", "ไม่ใช่ชุดข้อมูล")
    picked = [
        ("damaged.gecc", bytes(data)),
        ("photo.jpg", b"\xff\xd8 not a bundle"),
        ("note.zip", (tmp_path / "note.zip").read_bytes()),
    ]
    run(chair_state.import_files(picked))
    assert [o.imported for o in chair_state.imports] == [False, False, False]
    lines = [import_line(o, "a-cm", "th") for o in chair_state.imports]
    assert all(line.startswith("ไม่นำเข้า ") for line in lines)
    assert lines[2] == "ไม่นำเข้า note.zip: ชุดข้อมูลมีชื่อไฟล์ที่ไม่ปลอดภัย"
    assert [m.inspector_id for m in chair_state.snapshot.members] == [CHAIR_ID]


def test_no_sealed_audit_yet_shows_every_member_awaited(
    services: Services, edition: Edition, writer: SerialWriter
) -> None:
    load_demo_data(services.db, edition)
    inspector = Inspector(DEMO_INSPECTOR_ID, MEMBER_NAME, "", None)
    state = committee_of(services, inspector, Notices(), writer)
    assert state.snapshot.members == ()
    assert len(state.snapshot.roll.awaited) == 4
    assert state.snapshot.consolidated is None
    assert not state.snapshot.ready_to_seal
    assert isinstance(state._desk, CommitteeDesk)
