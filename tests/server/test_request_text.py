"""Text no database can keep (a NUL, a lone surrogate) in a path, a query, a header or a JSON
body is refused at the door with INVALID_REQUEST naming where, the same on SQLite and
PostgreSQL (which cannot store U+0000), and nothing is looked up or written."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlmodel import func, select

from sync.server.api.text_guard import MESSAGE
from sync.server.central import Central
from sync.server.models import AuditLogRecord, CertificateRecord, NonceRecord, ReviewRecord
from tests.server.helpers import World, admin_headers, audit_payload
from tests.server.test_results import stored_results

Call = Callable[[World], httpx.Response]
NUL = "\x00"


def _admin(method: str, target: str, body: Any = None) -> Call:
    def call(world: World) -> httpx.Response:
        content = None if body is None else json.dumps(body).encode("utf-8")
        headers = admin_headers() | {"Content-Type": "application/json"}
        return world.api.request(method, target, content=content, headers=headers)

    return call


def _signed(method: str, target: str, body: Any = None) -> Call:
    def call(world: World) -> httpx.Response:
        content = b"" if body is None else json.dumps(body).encode("utf-8")
        return world.member_a.request(
            method, target, content, **{"Content-Type": "application/json"}
        )

    return call


def _public(method: str, target: str, **options: Any) -> Call:
    def call(world: World) -> httpx.Response:
        return world.api.request(method, target, **options)

    return call


def _uploaded_result(world: World) -> str:
    """The hash of a result the store holds (its review is what an admin route changes)."""
    signed = world.member_a.seal(audit_payload(world, world.member_a))
    assert world.member_a.upload_result(signed).status_code == 201
    return signed.hash


def _review_of_stored(world: World) -> httpx.Response:
    target = f"/v1/admin/results/{_uploaded_result(world)}/review"
    body = {"state": "approved", "comment": f"ok{NUL}", "reviewer": "clerk"}
    return _admin("PUT", target, body)(world)


def _raw_nul_in_json(world: World) -> httpx.Response:
    content = b'{"state": "approved", "comment": "a\x00b", "reviewer": "clerk"}'
    headers = admin_headers() | {"Content-Type": "application/json"}
    target = f"/v1/admin/results/{'a' * 64}/review"
    return world.api.request("PUT", target, content=content, headers=headers)


CASES: dict[str, tuple[Call, str]] = {
    "signed path": (_signed("GET", "/v1/editions/ab%00cd"), "path"),
    "signed photo path": (_signed("GET", "/v1/photos/%00"), "path"),
    "signed query": (_signed("GET", "/v1/rounds?since=0&x=%00"), "query.x"),
    "signed body": (_signed("POST", "/v1/photos/missing", [f"{'a' * 63}{NUL}"]), "body.0"),
    "signed result body": (
        _signed("POST", "/v1/results", {"payload": NUL, "envelope": {}}),
        "body.payload",
    ),
    "admin path": (_admin("GET", "/v1/admin/results/x%00y"), "path"),
    "admin review path": (
        _admin("PUT", "/v1/admin/results/x%00/review", {"state": "approved", "reviewer": "a"}),
        "path",
    ),
    "admin review body": (_review_of_stored, "body.comment"),
    "admin raw NUL in JSON": (_raw_nul_in_json, "body"),
    "admin issue body": (
        _admin(
            "POST", "/v1/admin/certificates", {"round_id": NUL, "lao_id": "x", "issued_by": "a"}
        ),
        "body.round_id",
    ),
    "admin certificate path": (_admin("GET", "/v1/admin/certificates/GECC-%00"), "path"),
    "admin qr path": (_admin("GET", "/v1/admin/certificates/%00/qr.svg"), "path"),
    "admin revocation body": (
        _admin(
            "POST",
            "/v1/admin/certificates/GECC-2560-50-0001/revocation",
            {"reason": f"lost{NUL}", "revoked_by": "clerk"},
        ),
        "body.reason",
    ),
    "admin lone surrogate": (
        _admin(
            "POST",
            "/v1/admin/certificates",
            {"round_id": "\ud800", "lao_id": "x", "issued_by": "a"},
        ),
        "body.round_id",
    ),
    "revocations query": (_public("GET", "/v1/revocations?key_id=%00"), "query.key_id"),
    "revocations query name": (_public("GET", "/v1/revocations?key%00id=x"), "query"),
    "trust query": (_public("GET", "/v1/trust?at=%00"), "query.at"),
    "header": (
        _public("GET", "/v1/trust", headers={"If-None-Match": 'a"\x00'}),
        "header.if-none-match",
    ),
}


def counts(central: Central) -> tuple[int, ...]:
    tables = (AuditLogRecord, ReviewRecord, CertificateRecord, NonceRecord)
    with central.session() as session:
        return tuple(session.exec(select(func.count()).select_from(t)).one() for t in tables)


@pytest.mark.parametrize("case", list(CASES))
def test_text_no_database_keeps_is_refused_at_the_door(world: World, case: str) -> None:
    call, where = CASES[case]
    before = counts(world.central) if case != "admin review body" else None
    answer = call(world)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["code"] == "INVALID_REQUEST"
    assert body["message"] == MESSAGE
    [problem] = body["details"]["problems"]
    assert problem["where"] == where
    assert "U+0000" in problem["problem"] or "surrogate" in problem["problem"]
    if before is not None:  # nothing written: not even the signed request's nonce
        assert counts(world.central) == before


def test_the_review_of_a_stored_result_is_unchanged_by_a_nul(world: World) -> None:
    answer = _review_of_stored(world)
    assert answer.status_code == 422, answer.text
    with world.central.session() as session:
        assert session.exec(select(ReviewRecord)).all() == []


def test_a_nul_inside_a_signed_results_payload_is_refused_and_nothing_stored(
    world: World,
) -> None:
    payload = audit_payload(world, world.member_a)
    payload["findings"][2]["note"] = f"ผ่าน{NUL}"
    answer = world.member_a.upload_result(world.member_a.seal(payload))
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["code"] == "MALFORMED_RESULT"  # the typed document refuses control characters
    assert body["details"]["field"] == "findings[2].note"
    assert "control characters" in body["message"]
    assert stored_results(world.central) == 0


def test_the_verify_page_refuses_a_nul_with_its_page(world: World) -> None:
    for answer in (
        world.api.request("GET", "/verify?ref=GECC-2560%00"),
        world.api.request("GET", "/verify?lang=en&ref=%00"),
    ):
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("text/html")
        assert 'data-code="INVALID_REQUEST"' in answer.text
        assert NUL not in answer.text


def test_a_photo_chunk_may_hold_any_bytes(world: World) -> None:
    data = b"\x00\\u0000" * 100
    world.member_a.upload_photo(data)


def test_text_that_only_looks_like_a_nul_is_taken(world: World) -> None:
    target = f"/v1/admin/results/{_uploaded_result(world)}/review"
    comment = "C:\\u0000 \\ud800 is six characters, not one"
    body = {"state": "approved", "comment": comment, "reviewer": "clerk"}
    answer = _admin("PUT", target, body)(world)
    assert answer.status_code == 200, answer.text
    assert answer.json()["review"]["comment"] == comment
