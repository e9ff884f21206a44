"""Revocation and rotation: signed lists with counters served to apps, fetched by the device's
real sync client, which then finds a revoked certificate revoked; old keys keep verifying.
The certificates of the inspector's LAOs come down with the same sync."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from field_audit.cli.main import app as field_audit_cli
from field_audit.services.certificates import CertificateDesk
from field_audit.storage.certificates import revocations, trusted_keys
from field_audit.syncing.push import Backoff
from field_audit.syncing.run import sync_now
from sync.issuing import rotate_issuing_key
from sync.protocol.certificates import parse_trust_list, verify_revocation_list
from sync.server.central import Central
from sync.server.errors import InvalidInput
from sync.server.models import AuditLogRecord, CertificateRecord
from sync.server.settings import Settings
from sync.server.store.admin import remove_member
from sync.server.store.revocations import revoke as revoke_in_store
from tests.server.certified import CHEAP_KDF, PASSPHRASE, issued, revoke, with_issuing_key
from tests.server.field_device import FieldDevice, PortalTransport
from tests.server.helpers import Api, World
from tests.server.test_results import refused

NO_WAIT = Backoff(attempts=2, base_seconds=0.0, sleep=lambda _s: None)
runner = CliRunner()


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


@pytest.fixture
def member(tmp_path: Path, world: World, central: Central) -> Iterator[FieldDevice]:
    device = FieldDevice(
        tmp_path / "member", central, world.member_a.inspector_id, world.member_a.name
    )
    yield device
    device.device.close()


def revocations_of(api: Api, key_id: str, counter: int) -> Any:
    return api.request("GET", f"/v1/revocations?key_id={key_id}&counter={counter}")


def sync(member: FieldDevice, api: Api) -> int:
    report = sync_now(
        member.device.db, member.device.photos, member.client(PortalTransport(api)), backoff=NO_WAIT
    )
    assert report.error is None, report.error
    return report.pulled


def verify_on_device(member: FieldDevice, text: str) -> dict[str, Any]:
    """``field-audit certificate verify --text ... --json`` on the member's device folder."""
    folder = str(member.device.data_dir)
    result = runner.invoke(
        field_audit_cli, ["certificate", "verify", "--text", text, "--json", "--data-dir", folder]
    )
    assert result.exit_code in (0, 1), result.output
    verdict: dict[str, Any] = json.loads(result.output)
    return verdict


def test_a_revocation_is_in_the_keys_list_with_a_higher_counter(world: World, api: Api) -> None:
    first, second = issued(world, "cm-city"), issued(world, "pattaya")
    key_id = first["key_id"]
    trust = api.request("GET", "/v1/trust")
    keys = parse_trust_list(trust.json())
    assert list(keys) == [key_id]
    assert revocations_of(api, key_id, 0).status_code == 304  # nothing revoked: no list yet
    revoked = revoke(world, first["reference"])
    assert revoked.json()["revocation"]["reason"] == "ปิดศูนย์บริการ"
    one = revocations_of(api, key_id, 0)
    listed = verify_revocation_list(one.json(), trust_list=keys)
    assert (listed.counter, [r.reference for r in listed.revocations]) == (1, [first["reference"]])
    unchanged = revocations_of(api, key_id, 1)
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert one.headers["etag"] == unchanged.headers["etag"] == f'"{key_id}.1"'
    cached = api.request(
        "GET", f"/v1/revocations?key_id={key_id}", headers={"If-None-Match": one.headers["etag"]}
    )
    assert cached.status_code == 304
    revoke(world, second["reference"], "ข้อมูลในใบรับรองไม่ถูกต้อง")
    two = verify_revocation_list(
        revocations_of(api, key_id, 1).json(), trust_list=keys, known={key_id: listed.state}
    )
    assert two.counter == 2
    assert {r.reference: r.reason for r in two.revocations} == {
        first["reference"]: "ปิดศูนย์บริการ",
        second["reference"]: "ข้อมูลในใบรับรองไม่ถูกต้อง",
    }
    assert revocations_of(api, key_id, 2).status_code == 304
    refused(revoke(world, first["reference"]), 409, "ALREADY_REVOKED")
    refused(revoke(world, "GECC-2560-50-0099"), 404, "NOT_FOUND")
    refused(revoke(world, "not a reference"), 422, "BAD_REFERENCE")
    refused(revocations_of(api, "AAAAAAAAAAA", 0), 404, "NOT_FOUND")
    with world.central.session() as session:
        actions = session.exec(
            select(AuditLogRecord.action).where(AuditLogRecord.subject == first["reference"])
        ).all()
    assert sorted(actions) == ["certificate.issue", "certificate.revoke"]


def test_after_a_sync_the_device_finds_the_certificate_revoked(
    world: World, api: Api, member: FieldDevice
) -> None:
    certificate = issued(world)
    sync(member, api)
    assert list(trusted_keys(member.device.db)) == [certificate["key_id"]]
    assert verify_on_device(member, certificate["qr_text"])["status"] == "valid"
    assert sync(member, api) == 0  # nothing changed: the list answers 304
    revoke(world, certificate["reference"], "ศูนย์บริการปิดให้บริการถาวร")
    assert sync(member, api) == 1
    verdict = verify_on_device(member, certificate["qr_text"])
    assert (verdict["status"], verdict["code"]) == ("revoked", "REVOKED")
    assert verdict["revocation"]["reason"] == "ศูนย์บริการปิดให้บริการถาวร"
    assert "ถูกเพิกถอน" in verdict["message_th"]
    assert sync(member, api) == 0


def test_after_rotation_old_certificates_still_verify_and_can_be_revoked(
    world: World, api: Api, member: FieldDevice, settings: Settings
) -> None:
    old = issued(world, "cm-city")
    assert settings.issuing_key_file is not None
    rotate_issuing_key(settings.issuing_key_file, PASSPHRASE, kdf=CHEAP_KDF)
    new = issued(world, "pattaya")
    assert new["key_id"] != old["key_id"]
    sync(member, api)
    assert set(trusted_keys(member.device.db)) == {old["key_id"], new["key_id"]}
    for certificate in (old, new):
        assert verify_on_device(member, certificate["qr_text"])["status"] == "valid"
        page = api.request("GET", f"/verify?ref={certificate['reference']}")
        assert page.status_code == 200
        assert 'data-code="VALID"' in page.text
    revoke(world, old["reference"])
    answer = revocations_of(api, old["key_id"], 0).json()
    assert answer["payload"]["signed_by"] == new["key_id"]  # the retired key signs no more
    assert sync(member, api) == 1
    assert set(revocations(member.device.db)) == {old["reference"]}
    assert verify_on_device(member, old["qr_text"])["status"] == "revoked"
    assert verify_on_device(member, new["qr_text"])["status"] == "valid"


def test_a_centre_without_an_issuing_key_leaves_the_devices_trust_alone(
    central: Central, api: Api, world: World, member: FieldDevice, tmp_path: Path
) -> None:
    certificate = issued(world)
    sync(member, api)
    central.issuer.path = tmp_path / "nowhere.json"
    assert sync(member, api) == 0
    assert list(trusted_keys(member.device.db)) == [certificate["key_id"]]


def test_revocation_needs_a_reason(world: World) -> None:
    certificate = issued(world)
    body = refused(revoke(world, certificate["reference"], ""), 422, "INVALID_REQUEST")
    assert body["details"]["problems"][0]["where"] == "body.reason"
    with world.central.session() as session, pytest.raises(InvalidInput, match="reason"):
        revoke_in_store(
            session,
            world.central.issuer,
            certificate["reference"],
            reason="   ",
            actor="clerk",
            now=world.central.clock(),
        )


def test_the_trust_list_is_public_and_not_cached_stale(api: Api, world: World) -> None:
    answer = api.request("GET", "/v1/trust")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.json()["format"] == "gecc-trust-list/1"


def held_on(member: FieldDevice) -> dict[str, str]:
    """The certificates the member's device holds for its LAOs: reference -> status today."""
    desk = CertificateDesk(member.device.db)
    return {held.reference: held.verdict.status.value for held in desk.held()}


def test_a_sync_brings_the_certificates_of_the_inspectors_laos_only(
    world: World, api: Api, member: FieldDevice
) -> None:
    sync(member, api)
    assert held_on(member) == {}
    ours = issued(world, "cm-city")
    theirs = issued(world, "krabi-town")  # committee c2: not the member's
    assert sync(member, api) >= 2  # the certificate and the new trust list
    assert held_on(member) == {ours["reference"]: "valid"}
    assert theirs["reference"] not in held_on(member)
    assert sync(member, api) == 0  # nothing new: nothing pulled again
    revoke(world, ours["reference"])
    sync(member, api)
    assert held_on(member) == {ours["reference"]: "revoked"}


def test_leaving_the_committee_drops_its_laos_certificates(
    world: World, api: Api, member: FieldDevice
) -> None:
    certificate = issued(world, "cm-city")
    sync(member, api)
    assert list(held_on(member)) == [certificate["reference"]]
    with world.central.session() as session:
        remove_member(session, "c1", world.member_a.inspector_id, actor="clerk")
    sync(member, api)
    assert held_on(member) == {}


def test_a_certificate_record_whose_qr_code_names_another_lao_is_not_kept(
    world: World, api: Api, member: FieldDevice
) -> None:
    city, krabi = issued(world, "cm-city"), issued(world, "krabi-town")
    with world.central.session() as session:  # the store's record altered behind its back
        record = session.get(CertificateRecord, city["reference"])
        assert record is not None
        record.qr_text = krabi["qr_text"]  # genuine, but another committee's LAO
        session.add(record)
        session.commit()
    sync(member, api)
    assert held_on(member) == {}


def test_the_held_certificates_are_listed_on_the_command_line(
    world: World, api: Api, member: FieldDevice
) -> None:
    folder = ["--data-dir", str(member.device.data_dir)]
    empty = runner.invoke(field_audit_cli, ["certificate", "list", *folder])
    assert empty.exit_code == 0
    assert "no certificates held" in empty.output
    certificate = issued(world, "cm-city")
    sync(member, api)
    listed = runner.invoke(field_audit_cli, ["certificate", "list", "--json", *folder])
    assert listed.exit_code == 0, listed.output
    [row] = json.loads(listed.output)
    assert (row["reference"], row["lao_id"], row["status"]) == (
        certificate["reference"],
        "cm-city",
        "valid",
    )
    assert row["qr_text"] == certificate["qr_text"]
    after = (date.fromisoformat(certificate["valid_until"]) + timedelta(days=1)).isoformat()
    later = runner.invoke(field_audit_cli, ["certificate", "list", "--today", after, *folder])
    assert "expired" in later.output  # as of the date asked
