"""Pushing sealed audits: every check, every refusal with its code, and nothing stored twice."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import func, select

from sync.protocol.canonical import canonical_json
from sync.protocol.sealed import SignedResult
from sync.protocol.signatures import key_fingerprint
from sync.server.central import Central
from sync.server.models import ResultRecord
from sync.server.store.admin import remove_member
from sync.server.store.keys import revoke_key
from tests.server.helpers import (
    Device,
    World,
    all_met,
    audit_payload,
    evidence_photos,
    upload_body,
)


def stored_results(central: Central) -> int:
    with central.session() as session:
        return session.exec(select(func.count()).select_from(ResultRecord)).one()


def refused(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert body["code"] == code
    return body


def test_a_sealed_audit_is_kept_exactly_as_signed_with_the_servers_own_score(world: World) -> None:
    signed = world.member_a.seal(audit_payload(world, world.member_a))
    answer = world.member_a.upload_result(signed)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["hash"] == signed.hash
    assert (body["points"], body["meets_criteria"], body["score_matches"]) == (80, True, True)
    assert body["review"]["state"] == "received"
    with world.central.session() as session:
        record = session.get(ResultRecord, signed.hash)
        assert record is not None
        assert record.payload == signed.payload_bytes
        assert record.signature == signed.envelope().signature
        assert record.seq > 0


def test_the_server_scores_the_findings_itself_and_refuses_a_score_they_do_not_give(
    world: World,
) -> None:
    verdicts = all_met(world.edition) | {"B07": "not_met"}
    payload = audit_payload(world, world.member_a, verdicts=verdicts)
    honest = world.member_a.upload_result(world.member_a.seal(payload))
    assert honest.status_code == 201, honest.text
    body = honest.json()
    assert (body["points"], body["meets_criteria"], body["score_matches"]) == (79, False, True)
    assert [r["subject"] for r in body["score"]["reasons"]] == ["B07"]
    payload = audit_payload(world, world.member_b, verdicts=verdicts)
    payload["score"] = {**payload["score"], "points": 80, "meets_criteria": True}
    refused(world.member_b.upload_result(world.member_b.seal(payload)), 422, "SCORE_MISMATCH")


def test_the_same_result_twice_gets_the_same_answer_and_is_stored_once(world: World) -> None:
    signed = world.member_a.seal(audit_payload(world, world.member_a))
    first = world.member_a.upload_result(signed)
    again = world.member_a.upload_result(signed)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert stored_results(world.central) == 1


def test_the_same_id_with_other_content_is_a_conflict_carrying_the_stored_hash(
    world: World,
) -> None:
    payload = audit_payload(world, world.member_a)
    first = world.member_a.seal(payload)
    world.member_a.upload_result(first)
    payload["findings"][0]["note"] = "แก้ไขแล้ว"
    answer = world.member_a.upload_result(world.member_a.seal(payload))
    body = refused(answer, 409, "CONFLICT")
    assert body["details"]["stored_hash"] == first.hash
    assert stored_results(world.central) == 1


def test_an_inspector_not_on_the_assigned_committee_is_refused(world: World) -> None:
    payload = audit_payload(world, world.member_a, lao="krabi-town")
    refused(world.member_a.upload_result(world.member_a.seal(payload)), 403, "NOT_ASSIGNED")
    payload = audit_payload(world, world.member_a)
    payload["committee_id"] = "c2"
    refused(world.member_a.upload_result(world.member_a.seal(payload)), 403, "NOT_ASSIGNED")
    assert stored_results(world.central) == 0


def test_a_member_taken_off_the_committee_is_no_longer_assigned(world: World) -> None:
    with world.central.session() as session:
        remove_member(session, "c1", "insp-a", actor="clerk")
    payload = audit_payload(world, world.member_a)
    refused(world.member_a.upload_result(world.member_a.seal(payload)), 403, "NOT_ASSIGNED")


def test_a_member_may_relay_a_colleagues_result_but_an_outsider_may_not(world: World) -> None:
    signed = world.chair.seal(audit_payload(world, world.chair))
    refused(world.other_chair.upload_result(signed), 403, "NOT_ASSIGNED")
    answer = world.member_a.upload_result(signed)
    assert answer.status_code == 201, answer.text
    assert (answer.json()["inspector_id"], answer.json()["uploaded_by"]) == ("insp-chair", "insp-a")


def test_a_result_against_another_edition_is_a_catalog_mismatch(world: World) -> None:
    payload = audit_payload(world, world.member_a)
    payload["edition"] = {"id": "gecc-2560", "hash": "0" * 64}
    body = refused(
        world.member_a.upload_result(world.member_a.seal(payload)), 409, "CATALOG_MISMATCH"
    )
    assert body["details"]["expected"]["hash"] == world.edition.content_hash


def test_every_photo_named_must_be_stored_whole_first(world: World) -> None:
    photo = b"\xff\xd8 a photo of the queue machine"
    sha = __import__("hashlib").sha256(photo).hexdigest()
    photos = evidence_photos(world) | {"B07": [(sha, len(photo))]}
    payload = audit_payload(world, world.member_a, photos=photos)
    signed = world.member_a.seal(payload)
    body = refused(world.member_a.upload_result(signed), 422, "PHOTO_MISSING")
    assert body["details"]["missing"] == [sha]
    world.member_a.upload_photo(photo)
    assert world.member_a.upload_result(signed).status_code == 201


def test_a_photo_named_with_another_size_is_missing(world: World) -> None:
    sha = world.member_a.upload_photo(b"photo bytes")
    photos = evidence_photos(world) | {"B02": [(sha, 999)]}
    payload = audit_payload(world, world.member_a, photos=photos)
    refused(world.member_a.upload_result(world.member_a.seal(payload)), 422, "PHOTO_MISSING")


def test_a_correction_replaces_the_current_revision(world: World) -> None:
    device = world.member_a
    first = device.seal(audit_payload(world, device))
    device.upload_result(first)
    second = device.seal(audit_payload(world, device, revision=2, replaces=first.hash))
    answer = device.upload_result(second)
    assert answer.status_code == 201, answer.text
    assert answer.json()["replaces"] == first.hash
    again = device.upload_result(first)
    assert (again.status_code, again.json()["superseded_by"]) == (200, second.hash)


def test_an_old_revision_sent_as_current_is_superseded(world: World) -> None:
    device = world.member_a
    first = device.seal(audit_payload(world, device))
    second = device.seal(audit_payload(world, device, revision=2, replaces=first.hash))
    device.upload_result(first)
    device.upload_result(second)
    fork = device.seal(audit_payload(world, device, revision=2, replaces=first.hash))
    body = refused(device.upload_result(fork), 409, "SUPERSEDED")
    assert body["details"]["current_hash"] == second.hash
    fresh = device.seal(audit_payload(world, device))
    body = refused(device.upload_result(fresh), 409, "SUPERSEDED")
    assert body["details"]["current_hash"] == second.hash
    assert stored_results(world.central) == 2


def test_replaces_must_name_an_earlier_result_of_the_same_inspector_and_assignment(
    world: World,
) -> None:
    theirs = world.chair.seal(audit_payload(world, world.chair))
    world.chair.upload_result(theirs)
    device = world.member_a
    for replaces in ("f" * 64, theirs.hash):
        payload = audit_payload(world, device, revision=2, replaces=replaces)
        refused(device.upload_result(device.seal(payload)), 409, "REPLACES_UNKNOWN")
    mine = device.seal(audit_payload(world, device))
    device.upload_result(mine)
    payload = audit_payload(world, device, revision=3, replaces=mine.hash)
    refused(device.upload_result(device.seal(payload)), 422, "MALFORMED_RESULT")


def test_a_result_whose_signature_fails_is_refused(world: World) -> None:
    device = world.member_a
    signed = device.seal(audit_payload(world, device))
    altered = signed.payload_bytes.replace(b'"met"', b'"not_met"', 1)
    tampered = SignedResult(altered, signed.signature, signed.public_key)
    refused(device.upload_result(tampered), 422, "BAD_SIGNATURE")
    spaced = json.dumps(json.loads(signed.payload_bytes), indent=1).encode()
    loose = SignedResult(spaced, device.key.sign(spaced), device.public_key)
    refused(device.upload_result(loose), 422, "NOT_CANONICAL")
    body = upload_body(signed) | {"envelope": {"signature": "AAAA", "public_key": "x"}}
    refused(device.post_json("/v1/results", body), 422, "BAD_SIGNATURE")
    assert stored_results(world.central) == 0


def test_a_result_signed_by_an_unknown_or_revoked_key_is_refused(world: World) -> None:
    stranger = world.device("insp-a", "นายสมชาย ใจดี")
    payload = audit_payload(world, stranger)
    refused(world.member_a.upload_result(stranger.seal(payload)), 422, "UNKNOWN_KEY")
    device = world.member_b
    signed = device.seal(audit_payload(world, device))
    with world.central.session() as session:
        revoke_key(session, device.key_id, actor="clerk")
    refused(world.member_a.upload_result(signed), 403, "KEY_REVOKED")
    assert stored_results(world.central) == 0


def test_a_result_naming_another_signer_than_its_keys_inspector_is_refused(world: World) -> None:
    payload = audit_payload(world, world.chair)
    payload["signer"]["inspector_id"] = "insp-a"
    payload["signer"]["fingerprint"] = key_fingerprint(world.chair.public_key)
    refused(world.chair.upload_result(world.chair.seal(payload)), 403, "SIGNER_MISMATCH")


@pytest.mark.parametrize(
    ("field", "value"),
    [("findings", "none"), ("assignment_id", 7), ("round", None), ("revision", "1")],
)
def test_a_malformed_payload_is_refused(world: World, field: str, value: Any) -> None:
    payload = audit_payload(world, world.member_a) | {field: value}
    body = world.member_a.seal(payload)
    refused(world.member_a.upload_result(body), 422, "MALFORMED_RESULT")


def test_findings_with_unknown_criteria_or_words_are_malformed(world: World) -> None:
    for verdicts in ({"Z99": "met"}, {"B01": "maybe"}):
        payload = audit_payload(world, world.member_a, verdicts=verdicts)
        refused(world.member_a.upload_result(world.member_a.seal(payload)), 422, "MALFORMED_RESULT")
    assert canonical_json({}) == b"{}"


def test_a_result_for_an_unknown_inspector_device_is_stored_for_nobody(world: World) -> None:
    newcomer = Device(world.api, "insp-new", "ใหม่")
    payload = audit_payload(world, newcomer)
    refused(newcomer.upload_result(newcomer.seal(payload)), 401, "UNKNOWN_KEY")
    assert stored_results(world.central) == 0
