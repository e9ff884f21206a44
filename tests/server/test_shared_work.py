"""A committee that shares the work, at the centre: the planned division reaches the members'
devices; each member's audit covers their share; the committee's result counts each member on
their share, and a criterion nobody assessed is refused; evidence records and recommendations
are kept as signed; a round's calendar and the committee's roles are data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from field_audit.domain.edition import load_bundled_edition
from field_audit.domain.shares import share_of
from sync.protocol.sealed import parse_result
from sync.server.errors import InvalidInput
from sync.server.models import ResultRecord
from sync.server.office import parse_member
from sync.server.store.admin import NewRound, create_round
from sync.server.store.shares import clear_shares, division, set_share
from tests.server.helpers import World, all_met, audit_payload, committee_payload
from tests.server.test_committee import send
from tests.server.test_pull import pulled
from tests.server.test_results import refused

VALID_ID = "1101700203450"


def basic_and_advanced(world: World) -> tuple[list[str], list[str]]:
    edition = world.edition
    return (
        [c.id for c in edition.criteria if c.block == "basic"],
        [c.id for c in edition.criteria if c.block == "advanced"],
    )


def divide(world: World, shares: dict[str, list[str]]) -> None:
    with world.central.session() as session:
        for member, criteria in shares.items():
            set_share(
                session,
                world.central.editions,
                world.assignments["cm-city"],
                member,
                criteria,
                actor="secretary",
            )


def test_the_planned_division_reaches_each_members_device(world: World) -> None:
    basic, advanced = basic_and_advanced(world)
    divide(world, {"insp-chair": basic, "insp-a": advanced[:10], "insp-b": advanced[10:]})
    records = {c["id"]: c["record"] for c in pulled(world.member_a, "assignments")["changes"]}
    shares = records[world.assignments["cm-city"]]["shares"]
    assert shares["insp-a"] == advanced[:10]
    assert set(shares) == {"insp-chair", "insp-a", "insp-b"}
    with world.central.session() as session:
        found = division(session, world.central.editions, world.assignments["cm-city"])
        assert found.unshared == ()
        clear_shares(session, world.assignments["cm-city"], actor="secretary")
    records = {c["id"]: c["record"] for c in pulled(world.member_a, "assignments")["changes"]}
    assert records[world.assignments["cm-city"]]["shares"] == {}


def test_a_share_names_a_member_and_criteria_of_the_rounds_edition(world: World) -> None:
    with world.central.session() as session, pytest.raises(InvalidInput) as refused_share:
        set_share(
            session,
            world.central.editions,
            world.assignments["cm-city"],
            "insp-other",  # of another committee
            ["B01", "Z99"],
            actor="secretary",
        )
    problems = refused_share.value.problems
    assert any("Z99" in p for p in problems)
    assert any("insp-other is not a member" in p for p in problems)


def uploaded_share(world: World, device: object, scope: list[str]) -> object:
    signed = device.seal(audit_payload(world, device, scope=scope))  # type: ignore[attr-defined]
    answer = device.upload_result(signed)  # type: ignore[attr-defined]
    assert answer.status_code == 201, answer.text
    return signed


def test_a_committee_of_shares_is_counted_on_each_share(world: World) -> None:
    basic, advanced = basic_and_advanced(world)
    audits = {
        "insp-chair": uploaded_share(world, world.chair, basic),
        "insp-a": uploaded_share(world, world.member_a, advanced[:10]),
        "insp-b": uploaded_share(world, world.member_b, advanced[10:]),
    }
    payload = committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))  # type: ignore[arg-type]
    payload["recommendations"] = {"A03": "ควรแสดงเวลารอโดยประมาณ"}
    payload["recommendation"] = "ควรขยายเวลาให้บริการ"
    answer = send(world, payload)
    assert answer.status_code == 201, answer.text
    assert answer.json()["finding"]["points"] == 80
    with world.central.session() as session:
        stored = session.get(ResultRecord, answer.json()["hash"])
        assert stored is not None
        result = parse_result(stored.payload)
    assert result.recommendation == "ควรขยายเวลาให้บริการ"  # type: ignore[union-attr]


def test_a_criterion_nobody_assessed_is_refused(world: World) -> None:
    basic, advanced = basic_and_advanced(world)
    audits = {
        "insp-chair": uploaded_share(world, world.chair, basic),
        "insp-a": uploaded_share(world, world.member_a, advanced[:10]),
        "insp-b": uploaded_share(world, world.member_b, advanced[10:-1]),  # A20 left out
    }
    payload = committee_payload(world, world.chair, audits, verdicts=all_met(world.edition))  # type: ignore[arg-type]
    details = refused(send(world, payload), 422, "CRITERIA_UNASSESSED")
    assert details["details"]["unassessed"] == ["A20"]


def test_an_answer_outside_the_audits_share_is_malformed(world: World) -> None:
    basic, _advanced = basic_and_advanced(world)
    payload = audit_payload(world, world.member_a, scope=basic[:5])
    payload["findings"].append({**payload["findings"][0], "criterion": "A01"})
    refused(world.member_a.upload_result(world.member_a.seal(payload)), 422, "MALFORMED_RESULT")


def test_an_interview_with_an_id_number_is_refused_and_a_proper_one_kept(world: World) -> None:
    payload = audit_payload(world, world.member_a)
    interview = {
        "kind": "interview",
        "at": "2017-03-14T03:30:00Z",
        "whom": "citizen",
        "summary": f"ผู้รับบริการ {VALID_ID} พอใจ",
        "identity": "",
    }
    payload["findings"][0]["records"] = [interview]
    answer = world.member_a.upload_result(world.member_a.seal(payload))
    details = refused(answer, 422, "EVIDENCE_RECORD_INVALID")
    assert details["details"]["kind"] == "interview"
    payload["findings"][0]["records"] = [{**interview, "summary": "ผู้รับบริการพอใจ"}]
    payload["findings"][0]["recommendation"] = "ควรติดป้ายเพิ่ม"
    answer = world.member_a.upload_result(world.member_a.seal(payload))
    assert answer.status_code == 201, answer.text


def test_a_rounds_dates_must_fall_in_order(world: World) -> None:
    with world.central.session() as session:
        rounds_in_order(session)


def rounds_in_order(session: Session) -> None:
    edition = load_bundled_edition("gecc-2563")
    early = NewRound("fy2570", 2570, date(2027, 1, 29), visits_from=date(2027, 1, 10))
    with pytest.raises(InvalidInput, match=r"visits begin .* comes before the deadline"):
        create_round(session, early, edition, actor="clerk")
    fine = NewRound(
        "fy2570",
        2570,
        date(2027, 1, 29),
        opens_on=date(2026, 11, 1),
        screening_until=date(2027, 2, 15),
        visits_from=date(2027, 2, 16),
        visits_until=date(2027, 4, 30),
        results_on=date(2027, 6, 30),
    )
    record = create_round(session, fine, edition, actor="clerk")
    assert (record.results_on, record.edition_id) == (date(2027, 6, 30), "gecc-2563")
    assert share_of(edition, blocks=["outcome"])


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("insp-1:นาย ก", "member"),
        ("insp-1:นาย ก:expert", "expert"),
        ("insp-1:นาย ก:ผู้แทนสำนักงาน ก.พ.ร.", "opdc_representative"),
        ("insp-1:นาย ก:secretary", "joint_secretary"),
    ],
)
def test_a_member_is_named_with_a_role_of_the_appointing_order(text: str, role: str) -> None:
    assert parse_member(text, "member").role == role
