"""A whole visit by a committee of three, through the real sync client and the real central
store, on SQLite and PostgreSQL: the chair's committee result that leaves a member out is
refused; once the chair records that member absent with a reason it is accepted, with a quorum
of two of three; the office reviews it, records its decision with the meeting it rests on, and
issues the certificate, which verifies at /verify and on the inspectors' devices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from field_audit.domain.attendance import Presence
from field_audit.seal.bundles import export_bundle, import_bundle
from field_audit.seal.committee import Sitting, committee_view, mark_absent, seal_committee
from field_audit.services.certificates import CertificateDesk
from field_audit.storage.outbox import all_items
from field_audit.syncing.run import sync_now
from sync.server.central import Central
from sync.server.models import CertificationRecord
from sync.server.settings import Settings
from sync.server.store.admin import Member, add_member, remove_member
from sync.server.store.reviews import ReviewState, set_review
from tests.server.certified import decide_to_certify, issue, with_issuing_key
from tests.server.field_device import FieldDevice, PortalTransport
from tests.server.helpers import Api, World
from tests.server.test_sync_client import NO_WAIT, sealed_audit


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


@pytest.fixture
def devices(
    tmp_path: Path, world: World, central: Central
) -> Iterator[tuple[FieldDevice, FieldDevice]]:
    with central.session() as session:  # the third member joins after the chair's first sync
        remove_member(session, "c1", "insp-b", actor="clerk")
    chair = FieldDevice(tmp_path / "chair", central, "insp-chair", world.chair.name)
    member = FieldDevice(tmp_path / "member", central, "insp-a", world.member_a.name)
    yield chair, member
    chair.device.close()
    member.device.close()


def synced(device: FieldDevice, transport: PortalTransport) -> None:
    report = sync_now(
        device.device.db, device.device.photos, device.client(transport), backoff=NO_WAIT
    )
    assert report.error is None


def test_a_committee_of_three_from_the_site_to_a_verified_certificate(
    world: World,
    central: Central,
    api: Api,
    devices: tuple[FieldDevice, FieldDevice],
    tmp_path: Path,
) -> None:
    chair, member = devices
    transport = PortalTransport(api)
    for device in (chair, member):
        synced(device, transport)
    sitting = Sitting(world.assignments["cm-city"], "c1")

    chair_audit = sealed_audit(chair, world)
    member_audit = sealed_audit(member, world)
    bundle = export_bundle(
        member.device.db, member.device.photos, member_audit, tmp_path / "a.gecc"
    )
    import_bundle(chair.device.db, chair.device.photos, bundle)
    with central.session() as session:
        add_member(session, "c1", Member("insp-b", world.member_b.name, "member"), actor="clerk")

    # The chair's device has not heard of the third member: its result leaves her out.
    omitting = seal_committee(
        chair.device.db, sitting, chair.key, chair_id="insp-chair", chair_name="ประธาน"
    )
    synced(chair, transport)
    outcome = {i.ref: i for i in all_items(chair.device.db)}
    assert outcome[chair_audit].state == "sent"
    assert outcome[omitting.hash].state == "refused"
    assert "MEMBER_OMITTED" in (outcome[omitting.hash].last_error or "")
    with central.session() as session:
        assert session.get(CertificationRecord, ("fy2560", "cm-city")) is None

    # That sync brought her in as a member: she is awaited until the chair says why she is not.
    view = committee_view(chair.device.db, sitting)
    assert [a.presence for a in view.roll.attendances if a.seat.inspector_id == "insp-b"] == [
        Presence.AWAITED
    ]
    mark_absent(
        chair.device.db, sitting, "insp-b", reason="ติดราชการต่างจังหวัด", chair_id="insp-chair"
    )
    accounted = seal_committee(
        chair.device.db, sitting, chair.key, chair_id="insp-chair", chair_name="ประธาน"
    )
    synced(chair, transport)
    assert {i.ref: i.state for i in all_items(chair.device.db)}[accounted.hash] == "sent"
    with central.session() as session:
        finding = session.get(CertificationRecord, ("fy2560", "cm-city"))
        assert finding is not None
        assert (finding.result_hash, finding.meets_criteria) == (accounted.hash, True)

    # The office: review, decision on the meeting's record, the certificate.
    refused = issue(world, "cm-city")
    assert refused.json()["code"] == "NOT_APPROVED"
    with central.session() as session:
        set_review(session, accounted.hash, ReviewState.APPROVED, comment="", reviewer="เลขานุการ")
    assert issue(world, "cm-city").json()["code"] == "NO_DECISION"
    decide_to_certify(world, "cm-city")
    answer = issue(world, "cm-city")
    assert answer.status_code == 201, answer.text
    reference = answer.json()["reference"]
    assert answer.json()["certificate"]["result_hash"] == accounted.hash

    page = api.request("GET", f"/verify?ref={reference}")
    assert page.status_code == 200
    assert 'data-code="VALID"' in page.text
    synced(member, transport)
    [held] = CertificateDesk(member.device.db).held()
    assert (held.reference, held.verdict.code) == (reference, "VALID")
