"""The committee on site: the roll of members, disputes, the chair's ruling and seal, and
verification by any member's device."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from sqlmodel import delete

from field_audit.domain.answers import Verdict
from field_audit.domain.attendance import Presence
from field_audit.domain.edition import Edition
from field_audit.domain.errors import RulingError
from field_audit.seal.bundles import export_bundle, import_bundle, verify_bundle
from field_audit.seal.committee import (
    Sitting,
    committee_view,
    mark_absent,
    rule_on_dispute,
    seal_committee,
)
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import seal_audit
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.models import CommitteeMember
from sync.protocol.documents import serialise
from sync.protocol.manifest import parse_manifest
from sync.protocol.sealed import CommitteeResult, parse_result
from tests.seal.conftest import complete_audit
from tests.seal.test_bundles import CHAIR_ID, Device, refused_code, rezip

WARAPORN, THANAKORN = "insp-waraporn", "insp-thanakorn"
VISIT = Sitting("a-cm", "fy2570-c3")


@pytest.fixture
def devices(tmp_path: Path, edition: Edition) -> tuple[Device, Device, Device]:
    """The chair, a member and a third member; every device has synced the others' keys."""
    chair, member, third = (Device(tmp_path / n, edition) for n in ("chair", "member", "third"))
    for device in (chair, member, third):
        device.enrol(CHAIR_ID, chair.key.public_key)
        device.enrol(DEMO_INSPECTOR_ID, member.key.public_key)
        device.enrol(WARAPORN, third.key.public_key)
    return chair, member, third


def seal_on(device: Device, edition: Edition, inspector: str, **kwargs: object) -> str:
    audit_id = complete_audit(
        device.db, edition, store=device.store, inspector_id=inspector, **kwargs
    )  # type: ignore[arg-type]
    return seal_audit(device.db, audit_id, device.key).hash


def share(source: Device, result_hash: str, target: Device, tmp_path: Path) -> None:
    bundle = export_bundle(
        source.db, source.store, result_hash, tmp_path / f"{result_hash[:8]}.gecc"
    )
    import_bundle(target.db, target.store, bundle)


def absent(chair: Device, *members: str) -> None:
    for member in members:
        mark_absent(chair.db, VISIT, member, reason="ติดราชการ", chair_id=CHAIR_ID)


def seal_as_chair(chair: Device) -> str:
    return seal_committee(chair.db, VISIT, chair.key, chair_id=CHAIR_ID, chair_name="ประธาน").hash


def test_the_roll_shows_every_member_counted_absent_or_awaited(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, _ = devices
    seal_on(chair, edition, CHAIR_ID)
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    absent(chair, THANAKORN)
    roll = committee_view(chair.db, VISIT).roll
    presence = {a.seat.inspector_id: a.presence for a in roll.attendances}
    assert presence == {
        CHAIR_ID: Presence.COUNTED,
        DEMO_INSPECTOR_ID: Presence.COUNTED,
        WARAPORN: Presence.AWAITED,
        THANAKORN: Presence.ABSENT,
    }
    assert not roll.accounted
    with pytest.raises(BundleRefused) as refused:
        seal_as_chair(chair)
    assert refused.value.code == "MEMBERS_AWAITED"
    assert "นางวราภรณ์ ทองคำ" in refused.value.message("th")


def test_the_chair_rules_on_a_tie_seals_and_any_member_verifies(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, third = devices
    seal_on(chair, edition, CHAIR_ID, not_met=("A03",))
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID, not_met=("B07",)), chair, tmp_path)
    absent(chair, WARAPORN, THANAKORN)

    view = committee_view(chair.db, VISIT)
    assert view.result is not None
    assert view.result.disputed == ("B07", "A03")
    by_id = {o.criterion_id: o for o in view.result.outcomes}
    assert by_id["A03"].votes == {CHAIR_ID: Verdict.NOT_MET, DEMO_INSPECTOR_ID: Verdict.MET}
    with pytest.raises(BundleRefused, match="rule on these first: B07, A03"):
        seal_as_chair(chair)

    rule_on_dispute(
        chair.db, VISIT, "A03", verdict=Verdict.MET, reason="เห็นแบบสำรวจ", chair_id=CHAIR_ID
    )
    view = rule_on_dispute(
        chair.db, VISIT, "B07", verdict=Verdict.MET, reason="ป้ายครบทุกจุด", chair_id=CHAIR_ID
    )
    assert view.ready_to_seal
    signed = seal_as_chair(chair)

    bundle = export_bundle(chair.db, chair.store, signed, tmp_path / "committee.gecc")
    report, _ = verify_bundle(third.db, bundle)
    committee = report.result
    assert isinstance(committee, CommitteeResult)
    assert [m.status for m in committee.members] == ["counted", "counted", "absent", "absent"]
    assert {r.criterion for r in committee.rulings} == {"A03", "B07"}
    assert (committee.score.points, committee.score.meets_criteria) == (80, True)


def test_without_a_quorum_the_committee_cannot_seal(
    devices: tuple[Device, Device, Device], edition: Edition
) -> None:
    chair, _, _ = devices
    seal_on(chair, edition, CHAIR_ID)
    absent(chair, DEMO_INSPECTOR_ID, WARAPORN, THANAKORN)
    view = committee_view(chair.db, VISIT)
    assert view.roll.accounted
    assert not view.roll.quorum_met
    with pytest.raises(BundleRefused) as refused:
        seal_as_chair(chair)
    assert refused.value.code == "QUORUM_NOT_MET"
    assert "อย่างน้อย 2 คน" in refused.value.message("th")


@pytest.mark.parametrize(
    "case",
    [
        (CHAIR_ID, "ป่วย", CHAIR_ID, "CHAIR_ABSENT"),
        (DEMO_INSPECTOR_ID, "ป่วย", CHAIR_ID, "AUDIT_HELD"),
        (WARAPORN, "  ", CHAIR_ID, "REASON_NEEDED"),
        ("mr-nobody", "ป่วย", CHAIR_ID, "NOT_A_MEMBER"),
        (WARAPORN, "ป่วย", DEMO_INSPECTOR_ID, "NOT_CHAIR"),
    ],
)
def test_an_absence_the_rules_do_not_allow_is_refused(
    devices: tuple[Device, Device, Device],
    edition: Edition,
    tmp_path: Path,
    case: tuple[str, str, str, str],
) -> None:
    who, reason, by, code = case
    chair, member, _ = devices
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    with pytest.raises(BundleRefused) as refused:
        mark_absent(chair.db, VISIT, who, reason=reason, chair_id=by)
    assert refused.value.code == code
    assert committee_view(chair.db, VISIT).roll.absent == ()


def test_a_late_audit_of_a_member_marked_absent_calls_for_a_new_seal(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, third = devices
    seal_on(chair, edition, CHAIR_ID)
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    absent(chair, WARAPORN, THANAKORN)
    first = seal_as_chair(chair)
    share(third, seal_on(third, edition, WARAPORN, not_met=("A20",)), chair, tmp_path)
    view = committee_view(chair.db, VISIT)
    assert [a.presence for a in view.roll.attendances if a.seat.inspector_id == WARAPORN] == [
        Presence.COUNTED
    ]
    second = seal_as_chair(chair)
    again = parse_result(chair_payload(chair, second))
    assert (again.revision, again.replaces) == (2, first)
    assert isinstance(again, CommitteeResult)
    assert len(again.counted) == 3


def chair_payload(device: Device, result_hash: str) -> bytes:
    with device.db.engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT payload FROM sealed_result WHERE hash = ?", (result_hash,)
        ).one()
    return bytes(row[0])


def test_the_chair_cannot_overrule_a_majority_or_rule_without_reason(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, _ = devices
    seal_on(chair, edition, CHAIR_ID, not_met=("A03",))
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    with pytest.raises(RulingError, match="B01 is not disputed"):
        rule_on_dispute(
            chair.db, VISIT, "B01", verdict=Verdict.NOT_MET, reason="ไม่เห็นด้วย", chair_id=CHAIR_ID
        )
    with pytest.raises(RulingError, match="needs a reason"):
        rule_on_dispute(chair.db, VISIT, "A03", verdict=Verdict.MET, reason=" ", chair_id=CHAIR_ID)


def test_only_the_chair_seals_the_committee_result(
    devices: tuple[Device, Device, Device], edition: Edition
) -> None:
    _, member, _ = devices
    seal_on(member, edition, DEMO_INSPECTOR_ID)
    with pytest.raises(BundleRefused, match="only the committee's chair"):
        seal_committee(member.db, VISIT, member.key, chair_id=DEMO_INSPECTOR_ID, chair_name="x")


def sealed_committee(chair: Device, member: Device, edition: Edition, tmp_path: Path) -> str:
    seal_on(chair, edition, CHAIR_ID)
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    absent(chair, WARAPORN, THANAKORN)
    return seal_as_chair(chair)


def test_a_member_audit_for_another_lao_mixed_into_a_committee_is_refused(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, third = devices
    signed = sealed_committee(chair, member, edition, tmp_path)
    bundle = export_bundle(chair.db, chair.store, signed, tmp_path / "committee.gecc")

    other = seal_on(member, edition, DEMO_INSPECTOR_ID, assignment="a-pattaya")
    other_bundle = export_bundle(member.db, member.store, other, tmp_path / "pattaya.gecc")
    with zipfile.ZipFile(other_bundle) as archive:
        extra = {n: archive.read(n) for n in archive.namelist() if n.startswith("results/")}
    with zipfile.ZipFile(bundle) as archive:
        manifest = parse_manifest(archive.read("manifest.json"))
    results = tuple(sorted({*manifest.results, other}))
    manifest = manifest.model_copy(update={"results": results})
    mixed = rezip(
        bundle, tmp_path / "mixed.gecc", replace={"manifest.json": serialise(manifest)}, add=extra
    )
    assert refused_code(third, mixed) == "OTHER_VISIT"


def pdf_text(pdf: bytes, work: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = work / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def test_the_committee_report_pdf_names_the_result_the_absent_and_shows_the_photos(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    from field_audit.seal.report import sealed_report

    chair, member, _ = devices
    signed = sealed_committee(chair, member, edition, tmp_path)
    pdf = sealed_report(chair.db, chair.store, signed)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert "A20" in text
    assert signed in text.replace("\n", "")
    assert "ไม่ได้เข้าร่วม: ติดราชการ" in text
    assert "ผ่านเกณฑ์" in text
    assert "ผ่านการรับรอง" not in text
    assert len(text) > 2000


def test_a_damaged_photo_is_a_placeholder_in_the_committee_report(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    from field_audit.attach import attach_photos
    from field_audit.evidence.store import Kind
    from field_audit.seal.report import sealed_report
    from tests.evidence.conftest import noisy

    chair, member, _ = devices
    audit_id = complete_audit(chair.db, edition, store=chair.store, inspector_id=CHAIR_ID)
    jpeg = io.BytesIO()
    noisy((320, 240), seed=3).save(jpeg, "JPEG")
    [result] = attach_photos(
        chair.db, chair.store, (audit_id, "B02"), [jpeg.getvalue()], by=CHAIR_ID
    ).result(timeout=60)
    assert result.metadata is not None
    seal_audit(chair.db, audit_id, chair.key)
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    absent(chair, WARAPORN, THANAKORN)
    signed = seal_as_chair(chair)
    photo = chair.store.path(result.metadata.sha256, kind=Kind.PHOTO)
    data = bytearray(photo.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit flipped on disk
    photo.write_bytes(bytes(data))

    text = pdf_text(sealed_report(chair.db, chair.store, signed), tmp_path)

    assert "ภาพเสียหาย" in text  # its bytes are never shown
    assert result.metadata.sha256[:16] in text  # which photo, to find it again


def test_a_result_signed_by_someone_outside_the_committee_is_refused(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, stranger, _ = devices
    forged = seal_on(stranger, edition, "mr-nobody", not_met=("B07",))
    bundle = export_bundle(stranger.db, stranger.store, forged, tmp_path / "forged.gecc")
    assert refused_code(chair, bundle) == "NOT_A_MEMBER"


def test_a_device_that_does_not_know_the_committee_imports_nothing(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, _ = devices
    with chair.db.session() as session:
        session.exec(delete(CommitteeMember))
        session.commit()
    audit = seal_on(member, edition, DEMO_INSPECTOR_ID)
    bundle = export_bundle(member.db, member.store, audit, tmp_path / "member.gecc")
    assert refused_code(chair, bundle) == "UNKNOWN_COMMITTEE"


def test_a_forged_committee_result_that_leaves_out_a_held_audit_is_refused(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    """The chair's device omits a member whose audit another member's device holds."""
    chair, member, third = devices
    signed = sealed_committee(chair, member, edition, tmp_path)
    share(third, seal_on(third, edition, WARAPORN), member, tmp_path)  # the member holds it
    bundle = export_bundle(chair.db, chair.store, signed, tmp_path / "committee.gecc")
    assert refused_code(member, bundle) == "MEMBER_OMITTED"
    with zipfile.ZipFile(bundle) as archive:
        assert len(parse_manifest(archive.read("manifest.json")).results) == 3
