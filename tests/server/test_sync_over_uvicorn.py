"""The real sync client against a real uvicorn on loopback: the server is killed in the middle
of a submission, started again, and the device finishes the job — once, losing nothing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from field_audit.storage.outbox import all_items
from field_audit.sync_client.transfer import CHUNK_BYTES
from field_audit.syncing.push import Backoff
from field_audit.syncing.run import sync_now
from sync.server.app import build_app
from sync.server.central import open_central
from sync.server.settings import Settings
from tests.server.field_device import FieldDevice
from tests.server.helpers import ADMIN_TOKEN, Api, admin_headers, build_world
from tests.server.test_sync_client import sealed_audit

NO_WAIT = Backoff(attempts=2, base_seconds=0.0, sleep=lambda _s: None)


class Server:
    """``uvicorn`` serving the central store from a data folder, in a child process."""

    def __init__(self, data_dir: Path) -> None:
        self.env = {
            **os.environ,
            "GECC_CENTRAL_DATA_DIR": str(data_dir),
            "GECC_CENTRAL_ADMIN_TOKEN": ADMIN_TOKEN,
        }
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "sync.server.app:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.base}/openapi.json", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("uvicorn did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class KillingTransport(httpx.HTTPTransport):
    """Kills the server just before the photo of ``size`` bytes sends its chunk at ``offset``
    (once, whatever order the photos go up in); counts bytes sent and logs what follows."""

    def __init__(self, server: Server, *, size: int, offset: int) -> None:
        super().__init__()
        self.server, self.size, self.offset = server, str(size), str(offset)
        self.bytes_sent = 0
        self.killed_at: httpx.URL | None = None
        self.after: list[httpx.Request] = []  # every request after the kill

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.killed_at is not None:
            self.after.append(request)
        elif self._chosen(request):
            self.killed_at = request.url
            self.server.kill()
        self.bytes_sent += len(request.read())
        return super().handle_request(request)

    def _chosen(self, request: httpx.Request) -> bool:
        return request.method == "PATCH" and (
            request.headers["Upload-Length"],
            request.headers["Upload-Offset"],
        ) == (self.size, self.offset)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, object]]:
    data_dir = tmp_path / "central"
    settings = Settings(data_dir=data_dir, admin_token=ADMIN_TOKEN, auto_migrate=True)
    central = open_central(settings)
    api = Api(build_app(central))
    world = build_world(central, api)
    device = FieldDevice(
        tmp_path / "device", central, world.member_a.inspector_id, world.member_a.name
    )
    api.close()
    central.close()
    running = Server(data_dir)
    running.start()
    yield running, (world, device)
    running.stop()
    device.device.close()


def test_the_server_killed_mid_submission_then_restarted_gets_it_once(
    server: tuple[Server, object],
) -> None:
    running, (world, device) = server  # type: ignore[misc]
    with httpx.Client(base_url=running.base) as http:
        report = sync_now(
            device.device.db, device.device.photos, device.client_over(http), backoff=NO_WAIT
        )
    assert report.error is None
    big = 3 * CHUNK_BYTES
    result_hash = sealed_audit(device, world, big_photo=big)

    held = 2 * CHUNK_BYTES  # the big photo's first two chunks reached the server
    killing = KillingTransport(running, size=big, offset=held)
    with httpx.Client(base_url=running.base, transport=killing) as http:
        first = sync_now(
            device.device.db, device.device.photos, device.client_over(http), backoff=NO_WAIT
        )
    assert first.error is not None
    assert [i.state for i in all_items(device.device.db)] == ["waiting"]

    running.start()
    with httpx.Client(base_url=running.base, transport=killing) as http:
        second = sync_now(
            device.device.db, device.device.photos, device.client_over(http), backoff=NO_WAIT
        )
    assert second.push.sent == [result_hash]
    assert [i.state for i in all_items(device.device.db)] == ["sent"]
    assert killing.killed_at is not None
    photo = [r for r in killing.after if r.url.path == killing.killed_at.path]
    chunks = [r for r in photo if r.method == "PATCH"]
    assert sum(len(r.content) for r in chunks) <= big - held  # only the rest, after the restart
    assert "0" not in {r.headers["Upload-Offset"] for r in chunks}
    assert photo[0] is chunks[0]  # the missing list said how much the server held
    assert chunks[0].headers["Upload-Offset"] == str(held)
    photo_bytes = big + 30_000 * 23
    assert killing.bytes_sent - photo_bytes <= CHUNK_BYTES + 300_000  # one chunk again, at most
    answer = httpx.get(f"{running.base}/v1/admin/results/{result_hash}", headers=admin_headers())
    assert answer.status_code == 200
    assert answer.json()["hash"] == result_hash
