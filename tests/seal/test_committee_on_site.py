"""The committee on site: members' bundles, disputes, the chair's ruling and seal, verification."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import delete, select

from field_audit.domain.edition import Edition
from field_audit.domain.errors import RulingError
from field_audit.domain.scoring import Verdict
from field_audit.seal.bundles import export_bundle, import_bundle, verify_bundle
from field_audit.seal.committee import committee_view, rule_on_dispute, seal_committee
from field_audit.seal.errors import BundleRefused
from field_audit.seal.sealing import seal_audit
from field_audit.storage.demo import DEMO_INSPECTOR_ID
from field_audit.storage.models import CommitteeMember
from sync.protocol.signatures import encode_public_key
from tests.seal.conftest import complete_audit
from tests.seal.test_bundles import Device, refused_code, rezip

CHAIR_ID = "insp-pimchanok"


@pytest.fixture
def devices(tmp_path: Path, edition: Edition) -> tuple[Device, Device, Device]:
    return tuple(Device(tmp_path / name, edition) for name in ("chair", "member", "third"))  # type: ignore[return-value]


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


def test_the_chair_rules_on_a_tie_seals_and_any_member_verifies(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, third = devices
    seal_on(chair, edition, CHAIR_ID, not_met=("A03",))
    member_hash = seal_on(member, edition, DEMO_INSPECTOR_ID, not_met=("B07",))
    share(member, member_hash, chair, tmp_path)

    view = committee_view(chair.db, "a-cm")
    assert view.result.disputed == ("B07", "A03")
    by_id = {o.criterion_id: o for o in view.result.outcomes}
    assert by_id["A03"].votes == {CHAIR_ID: Verdict.NOT_MET, DEMO_INSPECTOR_ID: Verdict.MET}
    with pytest.raises(BundleRefused, match="rule on these first: B07, A03"):
        seal_committee(chair.db, "a-cm", chair.key, chair_id=CHAIR_ID, chair_name="ประธาน")

    rule_on_dispute(
        chair.db, "a-cm", "A03", Verdict.MET, "เห็นแบบสำรวจความต้องการปี 2569", chair_id=CHAIR_ID
    )
    view = rule_on_dispute(chair.db, "a-cm", "B07", Verdict.MET, "ป้ายครบทุกจุด", chair_id=CHAIR_ID)
    assert view.result.score is not None
    assert view.result.score.points == 80
    signed = seal_committee(chair.db, "a-cm", chair.key, chair_id=CHAIR_ID, chair_name="ประธาน")

    bundle = export_bundle(chair.db, chair.store, signed.hash, tmp_path / "committee.gecc")
    report, _, _ = verify_bundle(third.db, bundle)
    assert report.kind == "gecc.committee-result"
    assert len(report.payload["members"]) == 2
    assert {r["criterion"] for r in report.payload["rulings"]} == {"A03", "B07"}
    assert report.payload["score"]["certified"] is True


def test_the_chair_cannot_overrule_a_majority_or_rule_without_reason(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, _ = devices
    seal_on(chair, edition, CHAIR_ID, not_met=("A03",))
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    with pytest.raises(RulingError, match="B01 is not disputed"):
        rule_on_dispute(chair.db, "a-cm", "B01", Verdict.NOT_MET, "ไม่เห็นด้วย", chair_id=CHAIR_ID)
    with pytest.raises(RulingError, match="needs a reason"):
        rule_on_dispute(chair.db, "a-cm", "A03", Verdict.MET, " ", chair_id=CHAIR_ID)


def test_only_the_chair_seals_the_committee_result(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, _ = devices
    seal_on(member, edition, DEMO_INSPECTOR_ID)
    with pytest.raises(BundleRefused, match="only the committee's chair"):
        seal_committee(member.db, "a-cm", member.key, chair_id=DEMO_INSPECTOR_ID, chair_name="x")
    assert chair is not None


def test_a_member_audit_for_another_lao_mixed_into_a_committee_is_refused(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, third = devices
    seal_on(chair, edition, CHAIR_ID)
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    signed = seal_committee(chair.db, "a-cm", chair.key, chair_id=CHAIR_ID, chair_name="ประธาน")
    bundle = export_bundle(chair.db, chair.store, signed.hash, tmp_path / "committee.gecc")

    other = seal_on(member, edition, DEMO_INSPECTOR_ID, assignment="a-pattaya")
    other_bundle = export_bundle(member.db, member.store, other, tmp_path / "pattaya.gecc")
    import zipfile

    with zipfile.ZipFile(other_bundle) as archive:
        extra = {n: archive.read(n) for n in archive.namelist() if n.startswith("results/")}
        import json

        manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
    manifest["results"].append(other)
    mixed = rezip(
        bundle,
        tmp_path / "mixed.gecc",
        replace={"manifest.json": json.dumps(manifest).encode()},
        add=extra,
    )
    assert refused_code(third, mixed) == "OTHER_VISIT"


def test_the_committee_report_pdf_names_the_result_and_shows_the_photos(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from field_audit.seal.report import committee_report

    chair, member, _ = devices
    seal_on(chair, edition, CHAIR_ID)
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)
    signed = seal_committee(chair.db, "a-cm", chair.key, chair_id=CHAIR_ID, chair_name="ประธาน")
    pdf = committee_report(chair.db, chair.store, signed.hash)
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "A20" in text
    assert signed.hash in text.replace("\n", "")
    assert len(text) > 2000


def pdf_text(pdf: bytes, work: Path) -> str:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = work / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def test_a_damaged_thumbnail_is_a_placeholder_in_the_committee_report(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    import io

    from field_audit.attach import attach_photos
    from field_audit.evidence.store import Kind
    from field_audit.seal.report import committee_report
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
    signed = seal_committee(chair.db, "a-cm", chair.key, chair_id=CHAIR_ID, chair_name="ประธาน")
    thumb = chair.store.path(result.metadata.thumbnail_sha256, kind=Kind.THUMBNAIL)
    data = bytearray(thumb.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit flipped on disk
    thumb.write_bytes(bytes(data))

    text = pdf_text(committee_report(chair.db, chair.store, signed.hash), tmp_path)

    assert "ภาพเสียหาย / damaged photo" in text  # Thai first, as the rest of the report
    assert result.metadata.sha256[:16] in text  # which photo, to find it again


def set_member_key(device: Device, inspector_id: str, public_key: bytes) -> None:
    """The key the office enrolled for a member, as a sync records it on ``device``."""
    with device.db.session() as session:
        for member in session.exec(
            select(CommitteeMember).where(CommitteeMember.inspector_id == inspector_id)
        ):
            member.public_key = encode_public_key(public_key)
            session.add(member)
        session.commit()


def test_a_result_signed_by_someone_outside_the_committee_is_refused(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, stranger, _ = devices
    forged = seal_on(stranger, edition, "mr-nobody", not_met=("B07",))
    bundle = export_bundle(stranger.db, stranger.store, forged, tmp_path / "forged.gecc")
    assert refused_code(chair, bundle) == "NOT_A_MEMBER"


def test_a_member_impersonated_with_another_key_is_refused(
    devices: tuple[Device, Device, Device], edition: Edition, tmp_path: Path
) -> None:
    chair, member, impostor = devices
    set_member_key(chair, DEMO_INSPECTOR_ID, member.key.public_key)
    posing = seal_on(impostor, edition, DEMO_INSPECTOR_ID, not_met=("B07",))
    bundle = export_bundle(impostor.db, impostor.store, posing, tmp_path / "posing.gecc")
    assert refused_code(chair, bundle) == "UNKNOWN_SIGNER_KEY"
    share(member, seal_on(member, edition, DEMO_INSPECTOR_ID), chair, tmp_path)  # the real one
    assert [m.inspector_id for m in committee_view(chair.db, "a-cm").members] == [DEMO_INSPECTOR_ID]


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
