"""Hardening at the centre, on SQLite and PostgreSQL: committee results that leave members out,
lack a quorum or record absences wrongly; audits without their required photos or with a false
score; results of odd shapes; keys revoked, unknown or another's; broken revision chains; visits
the eligibility rules do not allow; certificates without the office's decision, on a result a
late audit has overtaken, on a withdrawn screening, or on a key revoked before it was used.

Every case is refused with its code and words, and the store is what it was: every row of
every table (but the nonce the signed request spent, so that a replay is refused) and every
blob file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from sync.server.central import Central
from sync.server.errors import CentralError
from sync.server.models import ResultRecord
from sync.server.settings import Settings
from sync.server.store.admin import Member, NewRound, assign, create_committee, create_round
from sync.server.store.keys import revoke_key
from sync.server.store.laos import import_laos
from sync.server.store.pipeline import record_pipeline, record_screening
from sync.server.store.revisions import current_audits
from tests.hardening.snapshot import central_database, files
from tests.server.certified import certify, decide_to_certify, issue, with_issuing_key
from tests.server.helpers import IN_ORDER, World, all_met, audit_payload, committee_payload

Payload = dict[str, Any]


def state(central: Central) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, str]]:
    root = getattr(central.blobs, "root", None)
    return central_database(central.engine), files(root) if root else {}


@contextmanager
def nothing_written(central: Central) -> Iterator[None]:
    before = state(central)
    yield
    assert state(central) == before


def refused_and_nothing_kept(
    world: World, answer: Callable[[], httpx.Response], status: int, code: str
) -> Payload:
    with nothing_written(world.central):
        response = answer()
    assert response.status_code == status, response.text
    body: Payload = response.json()
    assert body["code"] == code
    assert body["message"]
    return body


def upload(world: World, payload: Payload, device: Any = None) -> Callable[[], httpx.Response]:
    signer = device or world.member_a
    return lambda: signer.upload_result(signer.seal(payload))


# --- the committee's roll ----------------------------------------------------------------


def counted_audits(world: World) -> dict[str, Any]:
    audits = {}
    for device in (world.chair, world.member_a, world.member_b):
        signed = device.seal(audit_payload(world, device))
        assert device.upload_result(signed).status_code == 201
        audits[device.inspector_id] = signed
    return audits


def _members(payload: Payload) -> dict[str, Payload]:
    return {m["inspector_id"]: m for m in payload["members"]}


def _absent(entry: Payload, reason: str = "ลา") -> None:
    for key in ("fingerprint", "audit_hash"):
        entry.pop(key, None)
    entry.update(status="absent", reason=reason)


ROLL: dict[str, tuple[Callable[[Payload], None], int, str]] = {
    "a-held-audit-marked-absent": (lambda p: _absent(_members(p)["insp-b"]), 422, "MEMBER_OMITTED"),
    "a-member-left-off": (lambda p: p.update(members=p["members"][:2]), 422, "MEMBER_OMITTED"),
    "the-chair-recorded-absent": (
        lambda p: _absent(_members(p)["insp-chair"]),
        422,
        "MEMBER_OMITTED",
    ),
    "a-blank-reason": (lambda p: _absent(_members(p)["insp-b"], " "), 422, "MALFORMED_RESULT"),
    "a-stranger-listed": (
        lambda p: p["members"].append(
            {
                "status": "absent",
                "inspector_id": "mr-x",
                "name": "x",
                "role": "member",
                "reason": "ลา",
            }
        ),
        403,
        "NOT_A_MEMBER",
    ),
    "a-member-twice": (
        lambda p: p["members"].append(dict(p["members"][1])),
        422,
        "MEMBER_REPEATED",
    ),
    "verdicts-as-a-list": (lambda p: p.update(verdicts=["met"]), 422, "MALFORMED_RESULT"),
}


@pytest.mark.parametrize("case", sorted(ROLL))
def test_a_committee_result_that_misstates_the_roll_is_refused(world: World, case: str) -> None:
    payload = committee_payload(
        world, world.chair, counted_audits(world), verdicts=all_met(world.edition)
    )
    change, status, code = ROLL[case]
    change(payload)
    refused_and_nothing_kept(world, upload(world, payload, world.chair), status, code)


def test_a_committee_result_without_a_quorum_is_refused(world: World) -> None:
    mine = world.chair.seal(audit_payload(world, world.chair))
    assert world.chair.upload_result(mine).status_code == 201
    payload = committee_payload(
        world,
        world.chair,
        {"insp-chair": mine},
        verdicts=all_met(world.edition),
        absent={"insp-a": "ลาป่วย", "insp-b": "ติดราชการ"},
    )
    body = refused_and_nothing_kept(
        world, upload(world, payload, world.chair), 422, "QUORUM_NOT_MET"
    )
    assert "องค์ประชุม" in body["details"]["thai"]


# --- audits ---------------------------------------------------------------------------------

AUDITS: dict[str, tuple[Callable[[Payload], None], str]] = {
    "required-photos-missing": (
        lambda p: [f.update(photos=[]) for f in p["findings"]],
        "AUDIT_INCOMPLETE",
    ),
    "a-criterion-unanswered": (lambda p: p["findings"].pop(), "AUDIT_INCOMPLETE"),
    "a-false-score": (
        lambda p: p["score"].update(points=79, meets_criteria=False),
        "SCORE_MISMATCH",
    ),
    "a-criterion-twice": (
        lambda p: p["findings"].append(dict(p["findings"][0])),
        "MALFORMED_RESULT",
    ),
    "round-as-text": (lambda p: p.update(round="x"), "MALFORMED_RESULT"),
    "lao-as-a-list": (lambda p: p.update(lao=[]), "MALFORMED_RESULT"),
    "signer-without-its-id": (lambda p: p["signer"].pop("inspector_id"), "MALFORMED_RESULT"),
    "findings-as-text": (lambda p: p.update(findings="abc"), "MALFORMED_RESULT"),
    "a-finding-without-photos": (lambda p: p["findings"][0].pop("photos"), "MALFORMED_RESULT"),
    "a-verdict-as-an-object": (
        lambda p: p["findings"][0].update(verdict={"x": 1}),
        "MALFORMED_RESULT",
    ),
    "protocol-1": (lambda p: p.update(protocol=1), "MALFORMED_RESULT"),
    "an-unknown-field": (lambda p: p.update(certified=True), "MALFORMED_RESULT"),
    "a-control-character": (
        lambda p: p["findings"][0].update(note="ok\x1b[2J"),
        "MALFORMED_RESULT",
    ),
}


@pytest.mark.parametrize("case", sorted(AUDITS))
def test_an_audit_the_rules_refuse_keeps_nothing(world: World, case: str) -> None:
    payload = audit_payload(world, world.member_a)
    change, code = AUDITS[case]
    change(payload)
    body = refused_and_nothing_kept(world, upload(world, payload), 422, code)
    if code == "AUDIT_INCOMPLETE":
        assert body["details"]["missing"]


# --- keys and chains ----------------------------------------------------------------------


def test_a_result_signed_with_a_key_revoked_since_is_refused(world: World) -> None:
    signed = world.chair.seal(audit_payload(world, world.chair))
    with world.central.session() as session:
        revoke_key(session, world.chair.key_id, actor="clerk", reason="เครื่องหาย")
    refused_and_nothing_kept(
        world, lambda: world.member_a.upload_result(signed), 403, "KEY_REVOKED"
    )


def test_a_result_signed_by_one_inspector_in_anothers_name_is_refused(world: World) -> None:
    payload = audit_payload(world, world.member_a)
    payload["signer"]["inspector_id"] = "insp-b"
    refused_and_nothing_kept(world, upload(world, payload), 403, "SIGNER_MISMATCH")


CHAINS: dict[str, tuple[Callable[[World, Any], Payload], int, str]] = {
    "a-fork": (
        lambda w, first: audit_payload(w, w.member_a, revision=2, replaces=first.hash),
        409,
        "SUPERSEDED",
    ),
    "a-jump": (
        lambda w, first: audit_payload(w, w.member_a, revision=9, replaces=first.hash),
        422,
        "MALFORMED_RESULT",
    ),
    "a-second-first": (lambda w, first: audit_payload(w, w.member_a), 409, "SUPERSEDED"),
    "another-members-result": (
        lambda w, first: audit_payload(w, w.member_b, revision=2, replaces=first.hash),
        409,
        "REPLACES_UNKNOWN",
    ),
}


@pytest.mark.parametrize("case", sorted(CHAINS))
def test_a_broken_revision_chain_is_refused(world: World, case: str) -> None:
    first = world.member_a.seal(audit_payload(world, world.member_a))
    assert world.member_a.upload_result(first).status_code == 201
    second = world.member_a.seal(
        audit_payload(world, world.member_a, revision=2, replaces=first.hash)
    )
    assert world.member_a.upload_result(second).status_code == 201
    make, status, code = CHAINS[case]
    payload = make(world, first)
    device = world.member_b if case == "another-members-result" else world.member_a
    refused_and_nothing_kept(world, upload(world, payload, device), status, code)


# --- eligibility --------------------------------------------------------------------------

MUNICIPALITIES = ("เทศบาลนคร", "เทศบาลเมือง", "เมืองพัทยา")
INELIGIBLE: dict[str, tuple[str, dict[str, Any], date, str]] = {
    "a-tambon-in-a-round-for-municipalities": ("อบต.", {}, date(2017, 3, 1), "kind_not_accepted"),
    "a-self-assessment-of-55": (
        "เทศบาลเมือง",
        {"self_assessment_points": 55},
        date(2017, 3, 1),
        "below_threshold",
    ),
    "an-e-mail-after-the-deadline": (
        "เทศบาลเมือง",
        {"emailed_on": date(2017, 2, 5)},
        date(2017, 3, 1),
        "documents_late",
    ),
    "no-endorsement": (
        "เทศบาลเมือง",
        {"governor_endorsed_on": None},
        date(2017, 3, 1),
        "awaiting_endorsement",
    ),
    "a-visit-before-the-briefing": ("เทศบาลเมือง", {}, date(2016, 12, 10), "visit_before_briefing"),
    "a-visit-outside-the-window": ("เทศบาลเมือง", {}, date(2017, 4, 20), "visit_outside_window"),
}


@pytest.fixture
def second_round(world: World) -> Central:
    """Round fy2561 (municipalities only, a briefing, a visit window) with committee c9."""
    central = world.central
    with central.session() as session:
        create_round(
            session,
            NewRound(
                "fy2561",
                2561,
                date(2017, 1, 31),
                briefing_on=date(2016, 12, 15),
                visits_from=date(2017, 2, 15),
                visits_until=date(2017, 3, 31),
                accepted_kinds=MUNICIPALITIES,
            ),
            world.edition,
            actor="clerk",
        )
        create_committee(
            session,
            committee_id="c9",
            round_id="fy2561",
            name_th="ชุด 9",
            members=[Member("insp-chair", "ประธาน", "chair")],
            actor="clerk",
        )
    return central


@pytest.mark.parametrize("case", sorted(INELIGIBLE))
def test_a_visit_the_rules_do_not_allow_is_refused_with_every_condition(
    world: World, second_round: Central, case: str
) -> None:
    kind, facts, visit, code = INELIGIBLE[case]
    central = second_round
    with central.session() as session:
        import_laos(
            session,
            f"lao_id,name_th,kind,province_code\nx,ทดสอบ,{kind},50\n".encode(),
            actor="clerk",
            source="x.csv",
        )
        common = {"round_id": "fy2561", "lao_id": "x", "actor": "clerk", "today": date.today()}
        recorded = {k: v for k, v in (IN_ORDER | facts).items() if v is not None}
        record_pipeline(session, central.editions, facts=recorded, **common)
        record_screening(
            session, central.editions, passed=True, reason="", on=date(2017, 2, 3), **common
        )
    with (
        nothing_written(central),
        central.session() as session,
        pytest.raises(CentralError) as refused,
    ):
        assign(
            session,
            central.editions,
            round_id="fy2561",
            lao_id="x",
            committee_id="c9",
            visit_date=visit,
            actor="clerk",
            today=date.today(),
        )
    assert refused.value.code == "NOT_ELIGIBLE"
    conditions = refused.value.details["conditions"]
    assert code in {c["code"] for c in conditions}
    assert all(c["th"] and c["en"] for c in conditions)


def test_self_points_that_disagree_with_the_claims_are_refused(world: World) -> None:
    from sync.server.store.self_assessment import record_self_claims

    central = world.central
    claims = dict.fromkeys(world.edition.criterion_ids, "met")
    with central.session() as session:
        record_self_claims(
            session,
            central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            claims=claims,
            actor="clerk",
            today=date.today(),
        )
    with (
        nothing_written(central),
        central.session() as session,
        pytest.raises(CentralError) as refused,
    ):
        record_pipeline(
            session,
            central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            facts={"self_assessment_points": 50},
            actor="clerk",
            today=date.today(),
        )
    assert "add up to 80 points, not 50" in str(refused.value.details["problems"])


# --- certificates -------------------------------------------------------------------------


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    return with_issuing_key(settings, tmp_path)


def issue_refused(world: World, code: str) -> Payload:
    return refused_and_nothing_kept(world, lambda: issue(world, "cm-city"), 409, code)


def test_no_certificate_without_the_offices_decision(world: World) -> None:
    certify(world, decide=False)
    body = issue_refused(world, "NO_DECISION")
    assert "มติ" in body["details"]["thai"]
    decide_to_certify(world, "cm-city", certify=False)
    issue_refused(world, "DECIDED_NOT_TO_CERTIFY")


def test_no_certificate_while_a_late_audit_awaits_reconsolidation(world: World) -> None:
    signed = certify(world)
    with world.central.session() as session:
        committee = session.get(ResultRecord, signed.hash)
        assert committee is not None
        first = current_audits(session, committee.assignment_id)["insp-a"]
    correction = audit_payload(world, world.member_a, revision=2, replaces=first.hash)
    assert world.member_a.upload_result(world.member_a.seal(correction)).status_code == 201
    body = issue_refused(world, "RECONSOLIDATION_NEEDED")
    assert body["details"]["members"] == ["insp-a"]


def test_no_certificate_when_the_screening_is_withdrawn_after_the_decision(world: World) -> None:
    certify(world)
    with world.central.session() as session:
        record_screening(
            session,
            world.central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            passed=False,
            reason="พบว่าเอกสารแนบไม่ใช่ฉบับที่ ผวจ. เห็นชอบ",
            on=date(2017, 3, 29),
            actor="clerk",
            today=date.today(),
        )
    body = issue_refused(world, "NOT_ELIGIBLE")
    assert "screening_failed" in {c["code"] for c in body["details"]["conditions"]}


def test_no_certificate_on_a_result_whose_key_was_revoked_before_it_arrived(world: World) -> None:
    signed = certify(world)
    with world.central.engine.begin() as connection:  # as a restore from an old backup could
        connection.execute(
            text("UPDATE device_key SET revoked_at = :at WHERE key_id = :key"),
            {"at": "2017-01-01T00:00:00.000000+00:00", "key": world.chair.key_id},
        )
    body = issue_refused(world, "KEY_NOT_VALID_WHEN_USED")
    assert body["details"]["result_hash"] == signed.hash


def test_a_key_revoked_after_its_result_arrived_was_valid_when_used(world: World) -> None:
    certify(world)
    with world.central.session() as session:
        revoke_key(session, world.chair.key_id, actor="clerk", reason="เปลี่ยนเครื่อง")
    assert issue(world, "cm-city").status_code == 201
