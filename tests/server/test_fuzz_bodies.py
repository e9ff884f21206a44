"""Fuzzing the body parser of every central store endpoint that takes a body, on both
databases: any bytes or JSON, and signed results changed in one place and signed again by an
enrolled inspector, get an answer or a refusal with a code (JSON, never a 500)."""

from __future__ import annotations

import json

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.protocol.canonical import canonical_json
from tests.protocol.test_documents import json_values, mutated
from tests.server.helpers import World, admin_headers, audit_payload, upload_body

SHA = "ab" * 32
bodies = st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode())
FUZZ = settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


def answered(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.json()
        assert body["code"]
        assert body["message"]


@FUZZ
@given(bodies, st.sampled_from(["/v1/results", "/v1/photos/missing"]))
def test_a_signed_json_route_answers_any_body(world: World, body: bytes, path: str) -> None:
    headers = {"Content-Type": "application/json"}
    answered(world.member_a.request("POST", path, body, **headers))


@FUZZ
@given(st.binary(max_size=300), st.integers(-5, 400), st.integers(-5, 400))
def test_a_photo_chunk_answers_any_bytes_and_offsets(
    world: World, chunk: bytes, offset: int, length: int
) -> None:
    headers = {
        "Upload-Offset": str(offset),
        "Upload-Length": str(length),
        "Content-Type": "application/octet-stream",
    }
    answered(world.member_a.request("PATCH", f"/v1/photos/{SHA}", chunk, **headers))


@FUZZ
@given(
    bodies,
    st.sampled_from(
        [
            ("PUT", f"/v1/admin/results/{SHA}/review"),
            ("POST", "/v1/admin/certificates"),
            ("POST", "/v1/admin/certificates/GECC-2560-50-0001/revocation"),
        ]
    ),
)
def test_an_office_route_answers_any_body(
    world: World, body: bytes, route: tuple[str, str]
) -> None:
    method, path = route
    headers = {**admin_headers(), "Content-Type": "application/json"}
    answered(world.api.request(method, path, content=body, headers=headers))


@FUZZ
@given(st.data())
def test_a_signed_result_changed_in_one_place_is_kept_or_refused_with_a_code(
    world: World, data: st.DataObject
) -> None:
    changed = mutated(canonical_json(audit_payload(world, world.member_a)), data)
    if changed is None:
        return
    signed = world.member_a.seal(json.loads(changed))
    answered(world.member_a.post_json("/v1/results", upload_body(signed)))
