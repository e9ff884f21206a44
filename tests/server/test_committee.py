"""The chair's committee result at the centre: every member accounted for, a quorum, the
consolidation of the counted audits, then the committee's finding (not a certificate)."""

from __future__ import annotations

from datetime import date

import httpx
from sqlmodel import select

from sync.protocol.sealed import SignedResult
from sync.server.models import CertificationRecord, ResultRecord
from sync.server.store.committee_results import reconsolidation_needed
from sync.server.store.pipeline import pipeline_of
from tests.server.helpers import Device, World, all_met, audit_payload, committee_payload
from tests.server.test_results import refused, stored_results


def uploaded(world: World, device: Device, verdicts: dict[str, str] | None = None) -> SignedResult:
    signed = device.seal(audit_payload(world, device, verdicts=verdicts))
    answer = device.upload_result(signed)
    assert answer.status_code == 201, answer.text
    return signed


def members_audits(world: World, **changed: dict[str, str]) -> dict[str, SignedResult]:
    """Each committee member's uploaded audit of cm-city; all met unless ``changed``."""
    return {
        device.inspector_id: uploaded(
            world,
            device,
            all_met(world.edition) | changed.get(device.inspector_id.replace("-", "_"), {}),
        )
        for device in (world.chair, world.member_a, world.member_b)
    }


def send(world: World, payload: dict[str, object]) -> httpx.Response:
    return world.chair.upload_result(world.chair.seal(payload))


def test_a_committee_result_finds_the_centre_meets_the_criteria(world: World) -> None:
    audits = members_audits(world)
    answer = send(
        world, committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))
    )
    assert answer.status_code == 201, answer.text
    finding = answer.json()["finding"]
    assert (finding["meets_criteria"], finding["points"], finding["reasons"]) == (True, 80, [])
    with world.central.session() as session:
        status = pipeline_of(
            session,
            world.central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            today=date(2017, 4, 1),
        )
    assert status.onsite_result is not None
    assert status.onsite_result.value == "meets_criteria"
    assert not status.certified  # only the office's decision certifies
    assert status.holding[0].code.value == "awaiting_decision"


def test_a_majority_against_a_basic_criterion_does_not_meet_the_criteria(world: World) -> None:
    not_met = {"B07": "not_met"}
    audits = members_audits(world, insp_a=not_met, insp_b=not_met)
    verdicts = all_met(world.edition) | not_met
    answer = send(world, committee_payload(world, world.chair, audits, verdicts=verdicts))
    assert answer.status_code == 201, answer.text
    finding = answer.json()["finding"]
    assert finding["meets_criteria"] is False
    assert [r["subject"] for r in finding["reasons"]] == ["B07"]
    with world.central.session() as session:
        decided = session.exec(select(CertificationRecord)).one()
    assert (decided.lao_id, decided.meets_criteria) == ("cm-city", False)


def test_a_member_whose_audit_is_held_cannot_be_left_out(world: World) -> None:
    """Three members uploaded; two said B05 not met; the chair counted only their own."""
    not_met = {"B05": "not_met"}
    audits = members_audits(world, insp_a=not_met, insp_b=not_met)
    mine = {"insp-chair": audits["insp-chair"]}
    verdicts = all_met(world.edition)
    body = refused(
        send(world, committee_payload(world, world.chair, mine, verdicts=verdicts)),
        422,
        "MEMBER_OMITTED",
    )
    assert {p["member"] for p in body["details"]["problems"]} == {"insp-a", "insp-b"}
    marked_absent = committee_payload(
        world, world.chair, mine, verdicts=verdicts, absent={"insp-a": "ลา", "insp-b": "ลา"}
    )
    refused(send(world, marked_absent), 422, "MEMBER_OMITTED")
    assert stored_results(world.central) == 3
    with world.central.session() as session:
        assert session.exec(select(CertificationRecord)).all() == []


def test_below_quorum_the_committee_result_is_refused(world: World) -> None:
    mine = {"insp-chair": uploaded(world, world.chair)}
    away = {"insp-a": "ลาป่วย", "insp-b": "ติดราชการ"}
    payload = committee_payload(
        world, world.chair, mine, verdicts=all_met(world.edition), absent=away
    )
    body = refused(send(world, payload), 422, "QUORUM_NOT_MET")
    assert "at least 2" in body["message"]
    assert "องค์ประชุม" in body["details"]["thai"]


def test_an_absent_member_with_a_reason_leaves_a_quorum_and_a_late_audit_flags_the_visit(
    world: World,
) -> None:
    audits = {d.inspector_id: uploaded(world, d) for d in (world.chair, world.member_a)}
    verdicts = all_met(world.edition)
    no_reason = committee_payload(
        world, world.chair, audits, verdicts=verdicts, absent={"insp-b": " "}
    )
    refused(send(world, no_reason), 422, "MALFORMED_RESULT")  # a reason is a name, never blank
    payload = committee_payload(
        world, world.chair, audits, verdicts=verdicts, absent={"insp-b": "ลาป่วย"}
    )
    answer = send(world, payload)
    assert answer.status_code == 201, answer.text
    committee_hash = answer.json()["hash"]
    with world.central.session() as session:
        assert reconsolidation_needed(session, committee_hash) == []
    late = uploaded(world, world.member_b, all_met(world.edition) | {"A20": "not_met"})
    with world.central.session() as session:
        assert session.get(ResultRecord, late.hash) is not None  # kept
        assert reconsolidation_needed(session, committee_hash) == ["insp-b"]


def test_a_tie_needs_the_chairs_ruling(world: World) -> None:
    two = {
        "insp-chair": uploaded(world, world.chair),
        "insp-a": uploaded(world, world.member_a, all_met(world.edition) | {"A03": "not_met"}),
    }
    verdicts = all_met(world.edition)
    unruled = committee_payload(world, world.chair, two, verdicts=verdicts, absent={"insp-b": "ลา"})
    body = refused(send(world, unruled), 422, "CONSOLIDATION_MISMATCH")
    assert body["details"]["unresolved"] == ["A03"]
    ruling = [{"criterion": "A03", "verdict": "met", "reason": "เห็นระบบ e-Service ใช้งานได้จริง"}]
    ruled = committee_payload(
        world, world.chair, two, verdicts=verdicts, rulings=ruling, absent={"insp-b": "ลา"}
    )
    answer = send(world, ruled)
    assert answer.status_code == 201, answer.text


def test_only_the_chair_signs_the_committee_result(world: World) -> None:
    audits = members_audits(world)
    payload = committee_payload(world, world.member_a, audits, verdicts=all_met(world.edition))
    refused(world.member_a.upload_result(world.member_a.seal(payload)), 403, "NOT_CHAIR")


def test_every_member_audit_must_be_uploaded_and_of_this_assignment(world: World) -> None:
    audits = members_audits(world)
    elsewhere = world.member_b.seal(audit_payload(world, world.member_b, lao="pattaya"))
    pending = world.member_b.seal(audit_payload(world, world.member_b, lao="pattaya"))
    world.member_b.upload_result(elsewhere)
    verdicts = all_met(world.edition)
    for swapped, code in ((pending, "MEMBER_AUDIT_MISSING"), (elsewhere, "MEMBER_AUDIT_INVALID")):
        named = audits | {"insp-b": swapped}
        payload = committee_payload(world, world.chair, named, verdicts=verdicts)
        refused(world.chair.upload_result(world.chair.seal(payload)), 422, code)
    assert stored_results(world.central) == 4


def test_a_member_audit_since_corrected_cannot_be_consolidated(world: World) -> None:
    audits = members_audits(world)
    old = audits["insp-a"]
    correction = audit_payload(world, world.member_a, revision=2, replaces=old.hash)
    assert world.member_a.upload_result(world.member_a.seal(correction)).status_code == 201
    payload = committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))
    body = refused(
        world.chair.upload_result(world.chair.seal(payload)), 422, "MEMBER_AUDIT_INVALID"
    )
    assert body["details"]["audit_hash"] == old.hash


def test_verdicts_that_are_not_the_consolidation_are_refused(world: World) -> None:
    audits = members_audits(world)
    verdicts = all_met(world.edition) | {"A01": "not_met"}
    payload = committee_payload(world, world.chair, audits, verdicts=verdicts)
    body = refused(
        world.chair.upload_result(world.chair.seal(payload)), 422, "CONSOLIDATION_MISMATCH"
    )
    assert body["details"]["differ"] == ["A01"]
    ruling = [{"criterion": "A01", "verdict": "not_met", "reason": "overrule"}]
    payload = committee_payload(world, world.chair, audits, verdicts=verdicts, rulings=ruling)
    refused(world.chair.upload_result(world.chair.seal(payload)), 422, "CONSOLIDATION_MISMATCH")
