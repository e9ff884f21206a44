"""The chair's committee result: checked against the members' audits, then the LAO decided."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from sync.protocol.sealed import SignedResult
from sync.server.models import CertificationRecord
from sync.server.store.pipeline import pipeline_of
from tests.server.helpers import World, all_met, audit_payload, committee_payload
from tests.server.test_results import refused, stored_results


def members_audits(world: World, **changed: dict[str, str]) -> dict[str, SignedResult]:
    """Each committee member's uploaded audit of cm-city; all met unless ``changed``."""
    audits = {}
    for device in (world.chair, world.member_a, world.member_b):
        verdicts = all_met(world.edition) | changed.get(device.inspector_id.replace("-", "_"), {})
        signed = device.seal(audit_payload(world, device, verdicts=verdicts))
        assert device.upload_result(signed).status_code == 201
        audits[device.inspector_id] = signed
    return audits


def test_a_committee_result_certifies_the_lao_for_the_round(world: World) -> None:
    audits = members_audits(world)
    payload = committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))
    answer = world.chair.upload_result(world.chair.seal(payload))
    assert answer.status_code == 201, answer.text
    certification = answer.json()["certification"]
    assert (certification["certified"], certification["points"], certification["reasons"]) == (
        True,
        80,
        [],
    )
    with world.central.session() as session:
        status = pipeline_of(
            session,
            world.central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            today=date(2017, 4, 1),
        )
    assert status.onsite_result is not None
    assert status.onsite_result.value == "certified"


def test_a_majority_against_a_basic_criterion_means_not_certified_with_reasons(
    world: World,
) -> None:
    not_met = {"B07": "not_met"}
    audits = members_audits(world, insp_a=not_met, insp_b=not_met)
    verdicts = all_met(world.edition) | not_met
    answer = world.chair.upload_result(
        world.chair.seal(committee_payload(world, world.chair, audits, verdicts=verdicts))
    )
    assert answer.status_code == 201, answer.text
    certification = answer.json()["certification"]
    assert certification["certified"] is False
    assert [r["subject"] for r in certification["reasons"]] == ["B07"]
    with world.central.session() as session:
        decided = session.exec(select(CertificationRecord)).one()
    assert (decided.lao_id, decided.certified) == ("cm-city", False)


def test_a_tie_needs_the_chairs_ruling(world: World) -> None:
    audits = members_audits(world, insp_a={"A03": "not_met"})
    two = {k: audits[k] for k in ("insp-chair", "insp-a")}
    verdicts = all_met(world.edition)
    unruled = committee_payload(world, world.chair, two, verdicts=verdicts)
    body = refused(
        world.chair.upload_result(world.chair.seal(unruled)), 422, "CONSOLIDATION_MISMATCH"
    )
    assert body["details"]["unresolved"] == ["A03"]
    ruling = [{"criterion": "A03", "verdict": "met", "reason": "เห็นระบบ e-Service ใช้งานได้จริง"}]
    ruled = committee_payload(world, world.chair, two, verdicts=verdicts, rulings=ruling)
    assert world.chair.upload_result(world.chair.seal(ruled)).status_code == 201


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
