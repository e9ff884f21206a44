"""Small deterministic builders for the server tests: an in-process client, signed devices,
a round with LAOs, committees, assignments and enrolled keys, and sealed results."""

from __future__ import annotations

import functools
import hashlib
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

from field_audit.domain.answers import Verdict
from field_audit.domain.edition import Edition, load_bundled_edition
from field_audit.domain.scoring import score_verdicts
from sync.checks.results import summary_of
from sync.protocol.canonical import canonical_json
from sync.protocol.requests import new_nonce, request_key_id, sign_request
from sync.protocol.sealed import (
    COMMITTEE_RESULT,
    PROTOCOL_VERSION,
    SEALED_AUDIT,
    AbsentMember,
    CommitteeResult,
    CountedMember,
    EditionRef,
    Finding,
    LaoRef,
    PhotoRef,
    RoundRef,
    RulingEntry,
    SealedAudit,
    SignedResult,
    Signer,
)
from sync.protocol.signatures import enrolment_text, key_fingerprint, public_key_of
from sync.server.central import Central
from sync.server.store.admin import Member, NewRound, assign, create_committee, create_round
from sync.server.store.keys import enrol_key
from sync.server.store.laos import import_laos
from sync.server.store.pipeline import record_pipeline, record_screening

ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnop"
ROUND_ID = "fy2560"
VISITS = (("cm-city", "c1", 14), ("pattaya", "c1", 15), ("krabi-town", "c2", 16))
LAOS_CSV = (
    "lao_id,name_th,kind,province_code,name_en\n"
    "cm-city,เทศบาลนครเชียงใหม่,เทศบาลนคร,50,Chiang Mai City\n"
    "pattaya,เมืองพัทยา,เมืองพัทยา,20,Pattaya City\n"
    "krabi-town,เทศบาลเมืองกระบี่,เทศบาลเมือง,81,Krabi Town\n"
)


class Api:
    """A synchronous client of the ASGI app in process (httpx.ASGITransport on a portal)."""

    def __init__(self, app: FastAPI) -> None:
        self._portal_context = start_blocking_portal()
        self.portal: BlockingPortal = self._portal_context.__enter__()
        transport = httpx.ASGITransport(app=app)
        self.client = httpx.AsyncClient(transport=transport, base_url="http://central.test")

    def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        call = functools.partial(self.client.request, method, url, **options)
        return self.portal.call(call)

    def close(self) -> None:
        self.portal.call(self.client.aclose)
        self._portal_context.__exit__(None, None, None)


@dataclass
class Device:
    """An inspector's device: its key, and signed requests through ``api``."""

    api: Api
    inspector_id: str
    name: str
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def public_key(self) -> bytes:
        return public_key_of(self.key)

    @property
    def key_id(self) -> str:
        return request_key_id(self.public_key)

    def signed_headers(
        self,
        method: str,
        target: str,
        body: bytes,
        *,
        now: int | None = None,
        nonce: str | None = None,
    ) -> dict[str, str]:
        return sign_request(
            method=method,
            target=target,
            key_id=self.key_id,
            sign=self.key.sign,
            now=int(time.time()) if now is None else now,
            nonce=new_nonce() if nonce is None else nonce,
            body=body,
        )

    def request(
        self, method: str, target: str, body: bytes = b"", **headers: str
    ) -> httpx.Response:
        signed = self.signed_headers(method, target, body)
        return self.api.request(method, target, content=body, headers={**signed, **headers})

    def get(self, target: str) -> httpx.Response:
        return self.request("GET", target)

    def post_json(self, target: str, value: Any) -> httpx.Response:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        return self.request("POST", target, body, **{"Content-Type": "application/json"})

    def upload_result(self, signed: SignedResult) -> httpx.Response:
        return self.post_json("/v1/results", upload_body(signed))

    def send_chunk(self, sha256: str, data: bytes, *, offset: int, length: int) -> httpx.Response:
        return self.request(
            "PATCH",
            f"/v1/photos/{sha256}",
            data,
            **{
                "Upload-Offset": str(offset),
                "Upload-Length": str(length),
                "Content-Type": "application/octet-stream",
            },
        )

    def upload_photo(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        answer = self.send_chunk(sha256, data, offset=0, length=len(data))
        assert answer.status_code == 200, answer.text
        assert answer.json()["complete"] is True
        return sha256

    def seal(self, payload: dict[str, Any]) -> SignedResult:
        """Sign the canonical bytes of ``payload`` as they are (a test may have changed it)."""
        payload_bytes = canonical_json(payload)
        return SignedResult(payload_bytes, self.key.sign(payload_bytes), self.public_key)


@dataclass
class World:
    """One round with three LAOs; committee c1 (chair + two members) has cm-city and pattaya,
    committee c2 (one chair) has krabi-town. Every inspector has an enrolled device."""

    central: Central
    api: Api
    edition: Edition
    assignments: dict[str, str]
    chair: Device
    member_a: Device
    member_b: Device
    other_chair: Device

    def device(self, inspector_id: str, name: str = "ผู้ตรวจ") -> Device:
        return Device(self.api, inspector_id, name)

    def enrol(self, device: Device) -> None:
        enrol_device(self.central, device)


def enrol_device(central: Central, device: Device) -> None:
    with central.session() as session:
        enrol_key(
            session,
            inspector_id=device.inspector_id,
            enrolment_text=enrolment_text(device.public_key),
            fingerprint_read_out=key_fingerprint(device.public_key),
            actor="clerk",
            name=device.name,
        )


ROUND_DATES = {
    "deadline": date(2017, 1, 31),
    "briefing_on": date(2016, 12, 15),
    "visits_from": date(2017, 2, 15),
    "visits_until": date(2017, 3, 31),
}
EVIDENCE = b"a photo of the service counter, as every required criterion shows it" * 40


def build_world(central: Central, api: Api) -> World:
    edition = load_bundled_edition()
    chair, member_a, member_b, other = (
        Device(api, "insp-chair", "นางสาวพิมพ์ชนก ศรีสวัสดิ์"),
        Device(api, "insp-a", "นายสมชาย ใจดี"),
        Device(api, "insp-b", "นางวราภรณ์ ทองคำ"),
        Device(api, "insp-other", "นายธนากร วงศ์ไทย"),
    )
    with central.session() as session:
        new_round = NewRound(ROUND_ID, 2560, **ROUND_DATES)
        create_round(session, new_round, edition, actor="clerk")
        import_laos(session, LAOS_CSV.encode("utf-8"), actor="clerk", source="laos.csv")
        _committee(session, "c1", [chair, member_a, member_b])
        _committee(session, "c2", [other])
        assignments = {
            lao: ready_and_assign(central, session, lao, committee, date(2017, 3, day))
            for lao, committee, day in VISITS
        }
    for device in (chair, member_a, member_b, other):
        enrol_device(central, device)
    world = World(central, api, edition, assignments, chair, member_a, member_b, other)
    chair.upload_photo(EVIDENCE)
    return world


IN_ORDER: dict[str, Any] = {
    "self_assessment_points": 66,
    "self_assessed_on": date(2017, 1, 5),
    "form_filled_on": date(2017, 1, 6),
    "governor_endorsed_on": date(2017, 1, 12),
    "word": True,
    "pdf": True,
    "posted_on": date(2017, 1, 20),
    "emailed_on": date(2017, 1, 20),
}
"""An application's facts as a clerk records them when everything came in order and in time."""


def ready_for_visit(central: Central, session: Any, lao: str) -> None:
    """The LAO's application as a clerk records it when everything is in order: the
    self-assessment above the threshold, the form, the governor's endorsement, both forms of
    the documents both ways before the deadline, and the office's screening passed."""
    facts = IN_ORDER
    common = {"round_id": ROUND_ID, "lao_id": lao, "actor": "clerk", "today": date.today()}
    record_pipeline(session, central.editions, facts=facts, **common)
    record_screening(
        session, central.editions, passed=True, reason="", on=date(2017, 2, 3), **common
    )


def ready_and_assign(central: Central, session: Any, lao: str, committee: str, visit: date) -> str:
    ready_for_visit(central, session, lao)
    return assign(
        session,
        central.editions,
        round_id=ROUND_ID,
        lao_id=lao,
        committee_id=committee,
        visit_date=visit,
        actor="clerk",
        today=date.today(),
    ).id


def _committee(session: Any, committee_id: str, devices: list[Device]) -> None:
    members = [
        Member(d.inspector_id, d.name, "chair" if i == 0 else "member")
        for i, d in enumerate(devices)
    ]
    create_committee(
        session,
        committee_id=committee_id,
        round_id=ROUND_ID,
        name_th=f"คณะอนุกรรมการ {committee_id}",
        members=members,
        actor="clerk",
    )


def ids(world: World) -> tuple[str, ...]:
    return world.edition.criterion_ids


def all_met(edition: Edition) -> dict[str, str]:
    return dict.fromkeys(edition.criterion_ids, "met")


LAO_NAMES = {"cm-city": "เทศบาลนครเชียงใหม่", "pattaya": "เมืองพัทยา", "krabi-town": "เทศบาลเมืองกระบี่"}


def head(world: World, device: Device, *, lao: str = "cm-city") -> dict[str, Any]:
    """The fields every result about a visit carries (``sync.protocol.sealed``)."""
    committee = "c2" if lao == "krabi-town" else "c1"
    return {
        "protocol": PROTOCOL_VERSION,
        "edition": EditionRef(id=world.edition.id, hash=world.edition.content_hash),
        "round": RoundRef(id=ROUND_ID, fiscal_year_be=2560),
        "lao": LaoRef(
            id=lao, name_th=LAO_NAMES.get(lao, "ชื่อ"), kind="เทศบาลนคร", province_code="50"
        ),
        "assignment_id": world.assignments[lao],
        "committee_id": committee,
        "visit_date": "2017-03-14",
        "signer": Signer(
            inspector_id=device.inspector_id,
            name=device.name,
            key_id="device-key-1",
            fingerprint=key_fingerprint(device.public_key),
        ),
    }


def evidence_photos(world: World) -> dict[str, list[tuple[str, int]]]:
    """The world's one uploaded photo on every criterion that requires one."""
    sha = hashlib.sha256(EVIDENCE).hexdigest()
    return {c.id: [(sha, len(EVIDENCE))] for c in world.edition.criteria if c.photo_required}


def audit_payload(
    world: World,
    device: Device,
    *,
    verdicts: Mapping[str, str] | None = None,
    photos: Mapping[str, list[tuple[str, int]]] | None = None,
    lao: str = "cm-city",
    revision: int = 1,
    replaces: str | None = None,
    result_id: str | None = None,
    scope: list[str] | None = None,
) -> dict[str, Any]:
    """A complete sealed audit built with the typed document, as JSON to sign (or to change:
    a test that forges one changes this and signs the bytes as they are). ``scope``: the
    member's share (its verdicts default to those of the share)."""
    everything = all_met(world.edition)
    default = {c: v for c, v in everything.items() if scope is None or c in scope}
    chosen = dict(verdicts if verdicts is not None else default)
    named = evidence_photos(world) if photos is None else photos
    valid = {k: Verdict(v) for k, v in chosen.items() if v in set(Verdict) and k in ids(world)}
    audit = SealedAudit.model_construct(
        **head(world, device, lao=lao),
        type=SEALED_AUDIT,
        result_id=result_id or str(uuid.uuid4()),
        revision=revision,
        replaces=replaces,
        scope=tuple(scope) if scope is not None else None,
        findings=tuple(
            _finding(c, v, named.get(c, []) if scope is None or c in scope else [])
            for c, v in chosen.items()
        ),
        recommendation="",
        score=summary_of(score_verdicts(world.edition, valid)),
        sealed_at="2017-03-14T05:00:00Z",
    )
    return audit.model_dump(mode="json", warnings=False)  # forged fields are dumped as they are


def _finding(criterion: str, verdict: str, photos: list[tuple[str, int]]) -> Finding:
    return Finding.model_construct(
        criterion=criterion,
        verdict=verdict,
        note="",
        recommendation="",
        records=(),
        recorded_at="2017-03-14T03:00:00Z",
        photos=tuple(
            PhotoRef(sha256=sha, byte_size=size, caption="", captured_at=None, gps=None)
            for sha, size in photos
        ),
    )


def committee_payload(
    world: World,
    chair: Device,
    audits: Mapping[str, SignedResult],
    *,
    verdicts: Mapping[str, str],
    rulings: list[dict[str, str]] | None = None,
    absent: Mapping[str, str] | None = None,
    revision: int = 1,
    replaces: str | None = None,
    lao: str = "cm-city",
) -> dict[str, Any]:
    """The chair's committee result, built with the typed document: the members in ``audits``
    counted, those in ``absent`` recorded absent with the reason given, anyone else left out."""
    score = score_verdicts(world.edition, {k: Verdict(v) for k, v in verdicts.items()})
    counted = [
        CountedMember(
            status="counted",
            inspector_id=inspector,
            name=_name(world, inspector),
            role="chair" if inspector == chair.inspector_id else "member",
            fingerprint=key_fingerprint(_device(world, inspector).public_key),
            audit_hash=signed.hash,
        )
        for inspector, signed in audits.items()
    ]
    away = [
        AbsentMember.model_construct(
            status="absent", inspector_id=i, name=_name(world, i), role="member", reason=reason
        )
        for i, reason in (absent or {}).items()
    ]
    result = CommitteeResult.model_construct(
        **head(world, chair, lao=lao),
        type=COMMITTEE_RESULT,
        result_id=str(uuid.uuid4()),
        revision=revision,
        replaces=replaces,
        members=(*counted, *away),
        rulings=tuple(RulingEntry.model_construct(**r) for r in rulings or []),
        verdicts=dict(verdicts),
        recommendations={},
        recommendation="",
        score=summary_of(score),
        sealed_at="2017-03-15T05:00:00Z",
    )
    return result.model_dump(mode="json", warnings=False)


def _device(world: World, inspector_id: str) -> Device:
    devices = (world.chair, world.member_a, world.member_b, world.other_chair)
    return next(d for d in devices if d.inspector_id == inspector_id)


def _name(world: World, inspector_id: str) -> str:
    devices = (world.chair, world.member_a, world.member_b, world.other_chair)
    return next((d.name for d in devices if d.inspector_id == inspector_id), inspector_id)


def upload_body(signed: SignedResult) -> dict[str, Any]:
    return {
        "payload": signed.payload_bytes.decode("utf-8"),
        "envelope": signed.envelope().model_dump(),
    }


def admin_headers(token: str = ADMIN_TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
