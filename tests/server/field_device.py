"""Helpers to run the real sync client against the real central store app, in process.

``PortalTransport`` is a synchronous httpx transport that hands each request to the ASGI app
(through httpx.ASGITransport on an anyio portal), so the device's ordinary ``httpx.Client``
code runs unchanged. ``CutTransport`` wraps it to fail chosen requests like a dropped link.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from field_audit.device import Device, open_device
from field_audit.signing import KdfParams, UnlockedKey, create_identity, unlock
from field_audit.storage.models import InspectorProfile, now_utc
from field_audit.sync_client.http import CentralClient
from sync.protocol.signatures import enrolment_text, key_fingerprint
from sync.server.central import Central
from sync.server.store.keys import enrol_key
from tests.server.helpers import Api

PASSPHRASE = "รหัสผ่านของผู้ตรวจ"


class PortalTransport(httpx.BaseTransport):
    def __init__(self, api: Api) -> None:
        self._api = api
        self._inner = httpx.ASGITransport(app=api.client._transport.app)  # type: ignore[attr-defined]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def call() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            response = await self._inner.handle_async_request(request)
            body = await response.aread()
            return response.status_code, response.headers.raw, body

        status, headers, body = self._api.portal.call(call)
        return httpx.Response(status, headers=headers, content=body, request=request)


class CutTransport(httpx.BaseTransport):
    """Counts the bytes sent, and drops the requests ``cut`` chooses, like a failing link.

    ``log`` keeps every request in the order it was made, dropped ones included (see
    ``dropped``), so a test can tell what went out before and after a cut."""

    def __init__(
        self, inner: httpx.BaseTransport, cut: Callable[[httpx.Request, int], bool]
    ) -> None:
        self.inner = inner
        self.cut = cut
        self.count = 0
        self.bytes_sent = 0
        self.log: list[httpx.Request] = []
        self.dropped: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        body = request.read()
        self.log.append(request)
        if self.cut(request, self.count):
            self.dropped.append(request)
            raise httpx.WriteError("connection reset while sending")
        self.bytes_sent += len(body)
        return self.inner.handle_request(request)


class FieldDevice:
    """An inspector's device, its key enrolled at the central store."""

    def __init__(self, folder: Path, central: Central, inspector_id: str, name: str) -> None:
        self.device: Device = open_device(folder)
        create_identity(self.device.keys_dir, PASSPHRASE, kdf=KdfParams(1, 1, 8))
        self.key: UnlockedKey = unlock(self.device.keys_dir, PASSPHRASE)
        self.inspector_id = inspector_id
        with self.device.db.session() as session:
            session.add(InspectorProfile(id=inspector_id, name=name, created_at=now_utc()))
            session.commit()
        with central.session() as session:
            enrol_key(
                session,
                inspector_id=inspector_id,
                enrolment_text=enrolment_text(self.key.public_key),
                fingerprint_read_out=key_fingerprint(self.key.public_key),
                actor="clerk",
                name=name,
            )

    def client(self, transport: httpx.BaseTransport) -> CentralClient:
        return self.client_over(httpx.Client(transport=transport, base_url="http://central.test"))

    def client_over(self, http: httpx.Client) -> CentralClient:
        return CentralClient(http, self.key)
