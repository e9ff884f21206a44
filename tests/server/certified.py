"""Builders for the certificate tests: an issuing keyring, LAOs certified by their committee and
approved by the office, certificates issued and revoked through the admin API."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import httpx

from sync.issuing import KdfParams, create_keyring, read_keyring
from sync.protocol.certificates import TrustedKey
from sync.protocol.sealed import SignedResult
from sync.server.settings import Settings
from sync.server.store.decisions import NewDecision, record_decision
from sync.server.store.laos import import_laos
from sync.server.store.reviews import ReviewState, set_review
from tests.server.helpers import (
    ROUND_ID,
    Device,
    World,
    admin_headers,
    all_met,
    audit_payload,
    committee_payload,
    ready_and_assign,
)

PASSPHRASE = "กุญแจออกใบรับรอง-ศูนย์กลาง"
CHEAP_KDF = KdfParams(iterations=1, lanes=1, memory_kib=8)
COMMITTEE_OF = {"cm-city": "c1", "pattaya": "c1", "cm-rim": "c1", "krabi-town": "c2"}


def with_issuing_key(settings: Settings, folder: Path) -> Settings:
    """``settings`` with a fresh issuing keyring (cheap to unlock) in ``folder``."""
    path = folder / "keys" / "issuing-keys.json"
    create_keyring(path, PASSPHRASE, kdf=CHEAP_KDF)
    return settings.replace(issuing_key_file=path, issuing_key_passphrase=PASSPHRASE)


def trust_of(settings: Settings) -> dict[str, TrustedKey]:
    assert settings.issuing_key_file is not None
    return {k.key_id: k.trusted() for k in read_keyring(settings.issuing_key_file).keys}


def members_of(world: World, lao: str) -> list[Device]:
    if COMMITTEE_OF[lao] == "c2":
        return [world.other_chair]
    return [world.chair, world.member_a, world.member_b]


def committee_result(
    world: World, lao: str = "cm-city", verdicts: dict[str, str] | None = None
) -> SignedResult:
    """Every member's audit of ``lao`` uploaded, and the chair's committee result signed."""
    chosen = verdicts or all_met(world.edition)
    members = members_of(world, lao)
    audits = {}
    for device in members:
        signed = device.seal(audit_payload(world, device, verdicts=chosen, lao=lao))
        assert device.upload_result(signed).status_code == 201
        audits[device.inspector_id] = signed
    chair = members[0]
    return chair.seal(committee_payload(world, chair, audits, verdicts=chosen, lao=lao))


def certify(
    world: World,
    lao: str = "cm-city",
    *,
    approve: bool = True,
    decide: bool = True,
    **changed: str,
) -> SignedResult:
    """The committee's result on ``lao`` uploaded (all met, unless ``changed``), approved by
    the office's review, and the office's decision to certify recorded (when it meets the
    criteria)."""
    verdicts = all_met(world.edition) | changed
    signed = committee_result(world, lao, verdicts)
    chair = members_of(world, lao)[0]
    answer = chair.upload_result(signed)
    assert answer.status_code == 201, answer.text
    if approve:
        with world.central.session() as session:
            set_review(session, signed.hash, ReviewState.APPROVED, comment="", reviewer="somsri")
    if approve and decide and answer.json()["meets_criteria"]:
        decide_to_certify(world, lao)
    return signed


def decide_to_certify(world: World, lao: str, *, certify: bool = True) -> None:
    """The office's decision on the LAO, as the steering committee's meeting records it."""
    decision = NewDecision(
        round_id=ROUND_ID,
        lao_id=lao,
        certify=certify,
        basis="มติคณะกรรมการอำนวยการ ครั้งที่ 2/2560 วันที่ 28 มีนาคม 2560",
        decided_on=date(2017, 3, 28),
        decided_by="นายอนุมัติ ลงนาม",
    )
    with world.central.session() as session:
        record_decision(
            session, world.central.editions, decision, actor="somsri", today=date.today()
        )


def add_lao(world: World, lao: str, name_th: str, province: str, centre: str = "") -> None:
    """Another LAO, assigned to committee c1 (``COMMITTEE_OF`` must name it)."""
    header = "lao_id,name_th,kind,province_code,service_centre_th\n"
    row = f"{lao},{name_th},เทศบาลเมือง,{province},{centre}\n"
    with world.central.session() as session:
        import_laos(session, (header + row).encode("utf-8"), actor="clerk", source="more.csv")
        world.assignments[lao] = ready_and_assign(
            world.central, session, lao, "c1", date(2017, 3, 20)
        )


def issue(world: World, lao: str = "cm-city", **more: Any) -> httpx.Response:
    body = {"round_id": ROUND_ID, "lao_id": lao, "issued_by": "somsri", **more}
    return world.api.request("POST", "/v1/admin/certificates", json=body, headers=admin_headers())


def issued(world: World, lao: str = "cm-city") -> dict[str, Any]:
    """A certified, approved LAO's certificate, issued (201)."""
    certify(world, lao)
    answer = issue(world, lao)
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def revoke(world: World, reference: str, reason: str = "ปิดศูนย์บริการ") -> httpx.Response:
    return world.api.request(
        "POST",
        f"/v1/admin/certificates/{reference}/revocation",
        json={"reason": reason, "revoked_by": "somsri"},
        headers=admin_headers(),
    )
