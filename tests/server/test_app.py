"""The app as served: OpenAPI docs, error bodies, body limits, and a real uvicorn on loopback
(where an upload cut off mid-chunk resumes from the offset the server kept)."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from tests.server.helpers import Device, World
from tests.server.test_results import refused


@pytest.fixture
def served(app: FastAPI) -> Iterator[str]:
    """The app on a real uvicorn at 127.0.0.1 on a free port, in a thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_the_openapi_docs_are_served(world: World) -> None:
    assert world.api.request("GET", "/docs").status_code == 200
    spec = world.api.request("GET", "/openapi.json").json()
    assert {"/v1/results", "/v1/photos/{sha256}", "/v1/assignments"} <= set(spec["paths"])
    assert "AuditUpload" in spec["components"]["schemas"]


def test_unknown_paths_and_methods_have_error_codes_too(world: World) -> None:
    refused(world.api.request("GET", "/v2/nothing"), 404, "NOT_FOUND")
    refused(world.api.request("DELETE", "/v1/results"), 405, "METHOD_NOT_ALLOWED")


def test_a_body_over_the_limit_is_refused_before_it_is_read(world: World) -> None:
    limit = world.central.settings.max_request_bytes
    answer = world.member_a.request("POST", "/v1/results", b"x" * (limit + 1))
    refused(answer, 413, "REQUEST_TOO_LARGE")


def test_the_real_server_answers_signed_requests(world: World, served: str) -> None:
    with httpx.Client(base_url=served) as client:
        assert client.get("/docs").status_code == 200
        headers = world.member_a.signed_headers("GET", "/v1/me", b"")
        assert client.get("/v1/me", headers=headers).json()["inspector_id"] == "insp-a"


def test_an_upload_cut_mid_chunk_resumes_from_what_the_server_kept(
    world: World, served: str
) -> None:
    device: Device = world.member_a
    photo = os.urandom(2_000_000)
    sha = hashlib.sha256(photo).hexdigest()
    target = f"/v1/photos/{sha}"
    headers = device.signed_headers("PATCH", target, photo) | {
        "Upload-Offset": "0",
        "Upload-Length": str(len(photo)),
        "Content-Length": str(len(photo)),
        "Content-Type": "application/octet-stream",
    }
    host, port = served.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        head = f"PATCH {target} HTTP/1.1\r\nHost: {host}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        connection.sendall(head.encode() + photo[:1_000_000])
        time.sleep(0.3)
    with httpx.Client(base_url=served) as client:
        held = _offset(client, device, target)
        deadline = time.monotonic() + 5
        while held < 1_000_000 and time.monotonic() < deadline:
            time.sleep(0.05)
            held = _offset(client, device, target)
        assert 0 < held <= 1_000_000
        rest = photo[held:]
        resume = device.signed_headers("PATCH", target, rest) | {
            "Upload-Offset": str(held),
            "Upload-Length": str(len(photo)),
            "Content-Type": "application/octet-stream",
        }
        answer = client.patch(target, content=rest, headers=resume)
        assert answer.json() == {"sha256": sha, "offset": len(photo), "complete": True}


def _offset(client: httpx.Client, device: Device, target: str) -> int:
    answer = client.get(target, headers=device.signed_headers("GET", target, b""))
    offset: int = answer.json()["offset"]
    return offset


def test_only_a_photo_chunk_gets_the_photo_limit(world: World) -> None:
    """``/v1/photos/missing`` is JSON: over the JSON limit it is refused before it is read."""
    limit = world.central.settings.max_request_bytes
    body = b"[" + b'"ab",' * (limit // 5) + b'"ab"]'
    assert limit < len(body) < world.central.settings.max_photo_bytes
    answer = world.member_a.request(
        "POST", "/v1/photos/missing", body, **{"Content-Type": "application/json"}
    )
    body_of = refused(answer, 413, "REQUEST_TOO_LARGE")
    assert body_of["details"] == {"limit": limit}


def test_a_photo_chunk_may_be_larger_than_a_json_body(world: World) -> None:
    photo = os.urandom(world.central.settings.max_request_bytes + 1)
    world.member_a.upload_photo(photo)
