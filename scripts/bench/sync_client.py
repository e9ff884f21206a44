"""The device's sync over a real uvicorn on loopback: ``python -m scripts.bench.sync_client``.

One full audit (60 criteria) with 120 normalised photos (2048 x 1536 JPEGs), sealed on a device,
then sent by the real sync client to a fresh central store (SQLite, uvicorn, 127.0.0.1):

* bytes on the wire (request lines, headers and bodies) / payload bytes (photos + the sealed
  result) — target <= 1.05 (photos travel as raw bytes, never base64);
* a cut half way through: the bytes sent again — target <= one chunk (1 MiB);
* sync time against the plainest transfer of the same bytes to the same server: each photo in
  one signed request, with no question, hash list or result — target <= 1.3 x.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from field_audit.device import Device, open_device
from field_audit.domain.answers import Verdict
from field_audit.domain.edition import load_bundled_edition
from field_audit.seal.sealing import seal_audit
from field_audit.signing import KdfParams, UnlockedKey, create_identity, unlock
from field_audit.storage.assignments import list_assignments
from field_audit.storage.audits import open_audit, record_verdict
from field_audit.storage.models import InspectorProfile, now_utc
from field_audit.storage.photos import NewPhoto, add_photo
from field_audit.sync_client.http import CentralClient
from field_audit.sync_client.transfer import CHUNK_BYTES
from field_audit.syncing.pull import pull_all
from field_audit.syncing.push import Backoff
from field_audit.syncing.run import sync_now
from scripts.bench.bundles import photo_bytes
from scripts.bench.sync_server import seed, server
from sync.protocol.requests import new_nonce, request_key_id, sign_request

PHOTOS = 120
INSPECTOR = "insp-bench"
NO_WAIT = Backoff(attempts=3, base_seconds=0.0, sleep=lambda _s: None)


@dataclass
class Seeded:
    inspector_id: str
    public_key: bytes


class Counting(httpx.HTTPTransport):
    """Counts what goes on the wire; can drop one request, like a link that fails."""

    def __init__(self, drop: Callable[[httpx.Request, int], bool] | None = None) -> None:
        super().__init__()
        self.wire = 0
        self.drop = drop

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        head = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in request.headers.items()) + "\r\n"
        self.wire += len(head.encode()) + len(body)
        if self.drop is not None and self.drop(request, self.wire):
            self.drop = None
            raise httpx.WriteError("link dropped")
        return super().handle_request(request)


def make_device(folder: Path, photos: list[bytes]) -> tuple[Device, UnlockedKey]:
    device = open_device(folder)
    create_identity(device.keys_dir, "bench-passphrase", kdf=KdfParams(1, 1, 8))
    with device.db.session() as session:
        session.add(InspectorProfile(id=INSPECTOR, name="ผู้ตรวจ", created_at=now_utc()))
        session.commit()
    for data in photos:
        device.photos.put_verified(hashlib.sha256(data).hexdigest(), data)
    return device, unlock(device.keys_dir, "bench-passphrase")


def seal_full_audit(device: Device, key: UnlockedKey, photos: list[bytes]) -> bytes:
    view = list_assignments(device.db, inspector_id=INSPECTOR)[0]  # pulled from the server
    edition = load_bundled_edition()
    audit = open_audit(
        device.db, assignment_id=view.assignment_id, inspector_id=INSPECTOR, edition=edition
    )
    criteria = list(edition.criterion_ids)
    for index, data in enumerate(photos):
        sha256 = hashlib.sha256(data).hexdigest()
        new = NewPhoto(sha256, sha256, 2048, 1536, len(data), None, None)
        add_photo(device.db, audit.id, criteria[index % 60], new, caption="", by=INSPECTOR)
    for criterion_id in criteria:
        record_verdict(device.db, audit.id, criterion_id, Verdict.MET, by=INSPECTOR)
    return seal_audit(device.db, audit.id, key).payload_bytes


@contextmanager
def fresh_server(folder: Path, key: UnlockedKey) -> Iterator[str]:
    database = f"sqlite:///{folder / 'central.sqlite3'}"
    folder.mkdir(parents=True)
    seed(database, [Seeded(INSPECTOR, key.public_key)], 1)  # type: ignore[list-item]
    env = {"GECC_CENTRAL_DATABASE_URL": database, "GECC_CENTRAL_DATA_DIR": str(folder)}
    with server(env) as (base, _pid):
        yield base


def device_sync(
    work: Path, name: str, photos: list[bytes], transport: Counting
) -> tuple[float, int]:
    device, key = make_device(work / f"device-{name}", photos)
    with fresh_server(work / f"central-{name}", key) as base, httpx.Client(base_url=base) as setup:
        pull_all(device.db, CentralClient(setup, key))
        payload = seal_full_audit(device, key, photos)
        with httpx.Client(base_url=base, transport=transport, timeout=60) as http:
            started = time.perf_counter()
            report = sync_now(device.db, device.photos, CentralClient(http, key), backoff=NO_WAIT)
            elapsed = time.perf_counter() - started
    assert report.push.sent, report
    assert not report.push.refused, report
    return elapsed, len(payload)


def plain_transfer(work: Path, photos: list[bytes]) -> float:
    """Each photo's bytes in one signed request to the same server's upload endpoint."""
    _device, key = make_device(work / "device-plain", photos)
    with fresh_server(work / "central-plain", key) as base, httpx.Client(base_url=base) as http:
        started = time.perf_counter()
        for data in photos:
            sha256 = hashlib.sha256(data).hexdigest()
            target = f"/v1/photos/{sha256}"
            headers = sign_request(
                method="PATCH",
                target=target,
                key_id=request_key_id(key.public_key),
                sign=key.sign,
                now=int(time.time()),
                nonce=new_nonce(),
                body=data,
            )
            headers |= {"Upload-Offset": "0", "Upload-Length": str(len(data))}
            http.patch(target, content=data, headers=headers).raise_for_status()
        return time.perf_counter() - started


def main() -> None:
    photos = [photo_bytes(seed_) for seed_ in range(PHOTOS)]
    photo_total = sum(len(p) for p in photos)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        counting = Counting()
        sync_time, result_bytes = device_sync(work, "whole", photos, counting)
        payload = photo_total + result_bytes
        half = Counting(drop=lambda request, wire: request.method == "PATCH" and wire > payload / 2)
        device_sync(work, "cut", photos, half)
        plain = plain_transfer(work, photos)
    print(
        f"payload: {PHOTOS} photos, {photo_total / 1e6:.1f} MB + result {result_bytes / 1e3:.0f} kB"
    )
    print(f"wire / payload            {counting.wire / payload:.3f}   (target <= 1.05)")
    again = (half.wire - counting.wire) / 1024
    print(f"sent again after a cut    {again:.0f} KiB (target <= {CHUNK_BYTES // 1024} KiB)")
    print(f"sync time                 {sync_time * 1000:.0f} ms")
    print(f"plain transfer            {plain * 1000:.0f} ms")
    print(f"ratio                     {sync_time / plain:.2f}  (target <= 1.3)")


if __name__ == "__main__":
    os.environ.setdefault("GECC_CENTRAL_ENV", "development")
    main()
