"""Pull with a change cursor: a second pull fetches only what changed, tombstones included."""

from __future__ import annotations

from datetime import date
from typing import Any

from field_audit.domain.edition import parse_edition
from sync.server.store.admin import assign, remove_member, unassign
from sync.server.store.keys import revoke_key
from sync.server.store.pipeline import record_pipeline
from sync.server.store.reviews import ReviewState, set_review
from tests.server.helpers import Device, World, audit_payload


def pulled(device: Device, view: str, since: int = 0, limit: int | None = None) -> dict[str, Any]:
    query = f"?since={since}" + (f"&limit={limit}" if limit else "")
    answer = device.get(f"/v1/{view}{query}")
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def ids(page: dict[str, Any]) -> list[str]:
    return [c["id"] for c in page["changes"]]


def test_a_member_pulls_the_assignments_of_their_committees(world: World) -> None:
    page = pulled(world.member_a, "assignments")
    records = {c["record"]["lao"]["id"]: c["record"] for c in page["changes"]}
    assert set(records) == {"cm-city", "pattaya"}
    assert records["cm-city"]["lao"]["name_th"] == "เทศบาลนครเชียงใหม่"
    assert records["cm-city"]["visit_date"] == "2017-03-14"
    assert records["cm-city"]["self_assessment_points"] == 66  # as the clerk recorded it
    assert ids(pulled(world.other_chair, "assignments")) == [world.assignments["krabi-town"]]


def test_a_second_pull_fetches_only_what_changed(world: World) -> None:
    cursor = pulled(world.member_a, "assignments")["cursor"]
    assert pulled(world.member_a, "assignments", cursor)["changes"] == []
    with world.central.session() as session:
        record_pipeline(
            session,
            world.central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            facts={"self_assessment_points": 72},
            actor="clerk",
            today=date(2017, 2, 1),
        )
    page = pulled(world.member_a, "assignments", cursor)
    assert ids(page) == [world.assignments["cm-city"]]
    assert page["changes"][0]["record"]["self_assessment_points"] == 72
    assert page["cursor"] > cursor
    assert pulled(world.other_chair, "assignments", cursor)["changes"] == []


def test_a_withdrawn_or_moved_assignment_is_a_tombstone(world: World) -> None:
    cursor = pulled(world.member_a, "assignments")["cursor"]
    with world.central.session() as session:
        unassign(session, round_id="fy2560", lao_id="pattaya", actor="clerk")
        moved = assign(
            session,
            world.central.editions,
            round_id="fy2560",
            lao_id="cm-city",
            committee_id="c2",
            visit_date=date(2017, 3, 30),
            actor="clerk",
            today=date.today(),
        )
    page = pulled(world.member_a, "assignments", cursor)
    gone = {world.assignments["pattaya"], world.assignments["cm-city"]}
    assert {c["id"] for c in page["changes"]} == gone
    assert all(c["deleted"] and c["record"] is None for c in page["changes"])
    theirs = pulled(world.other_chair, "assignments", cursor)
    assert ids(theirs) == [moved.id]
    assert not any(c["deleted"] for c in pulled(world.member_a, "assignments")["changes"])


def test_committees_carry_members_and_their_keys_and_revocations(world: World) -> None:
    page = pulled(world.member_a, "committees")
    (committee,) = [c["record"] for c in page["changes"]]
    assert [m["inspector_id"] for m in committee["members"]] == ["insp-chair", "insp-a", "insp-b"]
    keys = {m["inspector_id"]: m["keys"] for m in committee["members"]}
    assert keys["insp-b"][0]["public_key"] == world.member_b.key_id
    assert keys["insp-b"][0]["revoked"] is False
    with world.central.session() as session:
        revoke_key(session, world.member_b.key_id, actor="clerk")
    again = pulled(world.member_a, "committees", page["cursor"])
    (committee,) = [c["record"] for c in again["changes"]]
    keys = {m["inspector_id"]: m["keys"] for m in committee["members"]}
    assert keys["insp-b"][0]["revoked"] is True


def test_a_member_taken_off_a_committee_gets_tombstones(world: World) -> None:
    committees = pulled(world.member_a, "committees")["cursor"]
    with world.central.session() as session:
        remove_member(session, "c1", "insp-a", actor="clerk")
    page = pulled(world.member_a, "committees", committees)
    assert [(c["id"], c["deleted"]) for c in page["changes"]] == [("c1", True)]
    assignments = pulled(world.member_a, "assignments", committees)
    assert len(assignments["changes"]) == 2
    assert all(c["deleted"] for c in assignments["changes"])
    others = pulled(world.chair, "committees", committees)
    members = others["changes"][0]["record"]["members"]
    assert [m["inspector_id"] for m in members] == ["insp-chair", "insp-b"]


def test_rounds_name_their_edition_which_is_served_by_its_hash(world: World) -> None:
    (change,) = pulled(world.member_a, "rounds")["changes"]
    edition = change["record"]["edition"]
    assert edition == {"id": "gecc-2560", "hash": world.edition.content_hash}
    answer = world.member_a.get(f"/v1/editions/{edition['hash']}")
    assert answer.status_code == 200
    assert parse_edition(answer.json()["document"]).content_hash == edition["hash"]
    assert world.member_a.get(f"/v1/editions/{'0' * 64}").json()["code"] == "NOT_FOUND"


def test_fellow_members_pull_uploaded_results_with_their_signed_bytes(world: World) -> None:
    signed = world.chair.seal(audit_payload(world, world.chair))
    world.chair.upload_result(signed)
    page = pulled(world.member_b, "results")
    (change,) = page["changes"]
    assert change["record"]["payload"].encode("utf-8") == signed.payload_bytes
    assert change["record"]["envelope"] == signed.envelope().model_dump()
    assert pulled(world.other_chair, "results")["changes"] == []
    with world.central.session() as session:
        set_review(
            session, signed.hash, ReviewState.HAS_ISSUES, comment="ภาพไม่ชัด", reviewer="clerk"
        )
    again = pulled(world.member_b, "results", page["cursor"])
    assert again["changes"][0]["record"]["review"]["state"] == "has_issues"


def test_a_long_view_comes_in_pages(world: World) -> None:
    first = pulled(world.member_a, "assignments", limit=1)
    assert (len(first["changes"]), first["more"]) == (1, True)
    rest = pulled(world.member_a, "assignments", first["cursor"], limit=1)
    assert set(ids(first) + ids(rest)) == {
        world.assignments["cm-city"],
        world.assignments["pattaya"],
    }
