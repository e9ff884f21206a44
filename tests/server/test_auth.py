"""Signed requests at the server: tampered body, wrong key, revoked key, skew, replay."""

from __future__ import annotations

import json
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI

from sync.protocol.requests import new_nonce, sign_request
from sync.server.app import build_app
from sync.server.central import open_central
from sync.server.settings import Settings
from sync.server.store.keys import prunes_now, revoke_key
from tests.server.helpers import Api, World, audit_payload, upload_body
from tests.server.test_results import refused, stored_results

JSON = {"Content-Type": "application/json"}


def test_a_tampered_body_is_refused_and_nothing_is_stored(world: World) -> None:
    device = world.member_a
    body = json.dumps(upload_body(device.seal(audit_payload(world, device)))).encode()
    headers = device.signed_headers("POST", "/v1/results", body) | JSON
    altered = body.replace(b"insp-a", b"insp-b", 1)
    answer = world.api.request("POST", "/v1/results", content=altered, headers=headers)
    refused(answer, 401, "BAD_SIGNATURE")
    assert stored_results(world.central) == 0


def test_a_changed_query_or_method_breaks_the_signature(world: World) -> None:
    headers = world.member_a.signed_headers("GET", "/v1/assignments?since=0", b"")
    answer = world.api.request("GET", "/v1/assignments?since=9", headers=headers)
    refused(answer, 401, "BAD_SIGNATURE")
    answer = world.api.request("POST", "/v1/assignments?since=0", headers=headers)
    assert answer.status_code in (401, 405)


def test_a_signature_by_another_key_than_the_key_id_names_is_refused(world: World) -> None:
    headers = sign_request(
        method="GET",
        target="/v1/me",
        key_id=world.member_a.key_id,
        sign=Ed25519PrivateKey.generate().sign,
        now=int(time.time()),
        nonce=new_nonce(),
        body=b"",
    )
    refused(world.api.request("GET", "/v1/me", headers=headers), 401, "BAD_SIGNATURE")


def test_an_unknown_key_is_refused(world: World) -> None:
    stranger = world.device("insp-a")
    refused(stranger.get("/v1/me"), 401, "UNKNOWN_KEY")


def test_a_revoked_key_is_refused(world: World) -> None:
    assert world.member_b.get("/v1/me").status_code == 200
    with world.central.session() as session:
        revoke_key(session, world.member_b.key_id, actor="clerk", reason="lost tablet")
    refused(world.member_b.get("/v1/me"), 403, "KEY_REVOKED")


def test_a_clock_off_by_more_than_five_minutes_is_refused(world: World) -> None:
    device = world.member_a
    for offset in (-301, 301):
        headers = device.signed_headers("GET", "/v1/me", b"", now=int(time.time()) + offset)
        body = refused(world.api.request("GET", "/v1/me", headers=headers), 401, "CLOCK_SKEW")
        assert "clock" in body["message"]
    headers = device.signed_headers("GET", "/v1/me", b"", now=int(time.time()) - 290)
    assert world.api.request("GET", "/v1/me", headers=headers).status_code == 200


def nonce_that(*, prunes: bool) -> str:
    """A fresh nonce whose request does, or does not, also prune expired nonces."""
    while prunes_now(nonce := new_nonce()) != prunes:
        pass
    return nonce


@pytest.mark.parametrize("prunes", [False, True], ids=["plain", "while-pruning"])
def test_a_replayed_request_is_refused(world: World, prunes: bool) -> None:
    device = world.member_a
    body = json.dumps(upload_body(device.seal(audit_payload(world, device)))).encode()
    nonce = nonce_that(prunes=prunes)
    headers = device.signed_headers("POST", "/v1/results", body, nonce=nonce) | JSON
    first = world.api.request("POST", "/v1/results", content=body, headers=headers)
    assert first.status_code == 201
    refused(
        world.api.request("POST", "/v1/results", content=body, headers=headers),
        401,
        "REPLAYED_NONCE",
    )


def test_a_replay_to_another_server_instance_is_refused_too(
    world: World, settings: Settings
) -> None:
    headers = world.member_a.signed_headers("GET", "/v1/me", b"")
    assert world.api.request("GET", "/v1/me", headers=headers).status_code == 200
    second = open_central(settings)
    other: FastAPI = build_app(second)
    api = Api(other)
    try:
        refused(api.request("GET", "/v1/me", headers=headers), 401, "REPLAYED_NONCE")
    finally:
        api.close()
        second.close()


def test_a_request_without_signature_headers_is_refused(world: World) -> None:
    answer = world.api.request("GET", "/v1/assignments")
    body = refused(answer, 401, "BAD_SIGNATURE")
    assert body["details"] == {}
    assert set(body) == {"code", "message", "details"}


def test_the_admin_endpoints_need_the_admin_token(world: World) -> None:
    path = f"/v1/admin/results/{'0' * 64}"
    refused(world.api.request("GET", path), 401, "ADMIN_TOKEN_REQUIRED")
    wrong = {"Authorization": "Bearer not-the-token"}
    refused(world.api.request("GET", path, headers=wrong), 401, "ADMIN_TOKEN_REQUIRED")
    signed = world.member_a.get(path)
    refused(signed, 401, "ADMIN_TOKEN_REQUIRED")
