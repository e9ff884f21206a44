"""The central store as deployed, through nginx: ``python -m scripts.bench.fleet``.

On the fleet of ``scripts.fleet`` (nginx with TLS, ``gecc-central serve`` instances in
production settings, PostgreSQL, moto's S3 server; all on 127.0.0.1):

1. Ingest: results verified and stored per second, 50 clients at once through the proxy, one
   instance, then two. Each client is a committee member with an enrolled key; it uploads a
   sealed audit of each of its committee's six visits, then a correction of each (600 results;
   every audit names a photo for each criterion that needs one, uploaded beforehand). The CPU
   time each part of the system used meanwhile is read from ``/proc``, to say what limits it.
2. ``/verify``: 100 clients at once through the proxy (two instances; one keep-alive TLS
   connection each), the issued certificate of a store holding 10,000 results: median and p95.
3. Restore: that store (10,000 results, and 200 photos of 2.5 MB in the bucket) backed up with
   ``gecc-central backup`` and restored with ``gecc-central restore`` into a fresh database and
   bucket, timed (the database and the photos apart), then ``verify-all`` on what was restored.

Every loop is bounded by a count; every wait is on a readiness probe with a deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from scripts.bench.bulk import fill, fresh_database, seed_real
from scripts.bench.sync_server import DEFAULT_POSTGRES
from scripts.bench.verify_page import RawConnection
from scripts.fleet.fleet import BUCKET, PASSPHRASE, REGION, Fleet, make_bucket, running_fleet
from scripts.fleet.processes import cpu_seconds

CLIENTS, VISITS = 50, 6
PHOTO_BYTES = 30_000
os.environ.setdefault("AWS_ACCESS_KEY_ID", "fleet")  # boto3 in this process (moto takes any)
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "fleet-secret")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres-url", default=os.environ.get("GECC_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--verify-requests", type=int, default=3000)
    parser.add_argument("--restore-results", type=int, default=10_000)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {CLIENTS} clients; {CLIENTS * VISITS * 2} results a run")
    for workers in ((1,), (1, 1)):
        ingest(args.postgres_url, workers)
    verify_and_restore(args)


# 1. ingest ------------------------------------------------------------------------------------


@dataclass
class Client:
    inspector_id: str
    key: Any  # Ed25519PrivateKey
    assignments: list[str]
    bodies: list[bytes] = field(default_factory=list)

    def headers(self, method: str, target: str, body: bytes) -> dict[str, str]:
        from sync.protocol.requests import new_nonce, request_key_id, sign_request
        from sync.protocol.signatures import public_key_of

        signed = sign_request(
            method=method,
            target=target,
            key_id=request_key_id(public_key_of(self.key)),
            sign=self.key.sign,
            now=int(time.time()),
            nonce=new_nonce(),
            body=body,
        )
        return signed | {
            "Content-Type": "application/octet-stream" if method == "PATCH" else "application/json"
        }


def ingest(postgres_url: str, workers: tuple[int, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(postgres_url, "gecc_bench_fleet")
        with running_fleet(Path(folder), url, workers=workers) as fleet:
            clients = _clients(fleet)
            before, started = _cpu(fleet), time.perf_counter()
            latencies = asyncio.run(_upload_all(fleet, clients))
            elapsed = time.perf_counter() - started
            spent = _spent(before, _cpu(fleet))
        count = len(latencies)
        print(
            f"ingest, {len(workers)} instance(s): {count} results in {elapsed:5.1f} s ="
            f" {count / elapsed:5.1f}/s; latency {_summary(latencies)}"
        )
        cores = (os.cpu_count() or 1) * elapsed
        print(f"    CPU a result: {_per_result(spent, count)}; load average {_load()}")
        shares = ", ".join(f"{name} {seconds / cores:4.0%}" for name, seconds in spent.items())
        print(f"    share of the machine's cores meanwhile: {shares}")


def _clients(fleet: Fleet) -> list[Client]:
    """Committees of five with six visits each; every member's key enrolled, one photo of each
    member uploaded, every audit and correction signed beforehand."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from field_audit.domain.edition import load_bundled_edition
    from sync.protocol.signatures import enrolment_text, key_fingerprint, public_key_of
    from sync.server.central import open_central
    from sync.server.store.keys import enrol_key
    from tests.fleet.devices import seed_committees

    edition = load_bundled_edition()
    central = open_central(fleet.settings())
    try:
        assigned = seed_committees(central, edition, CLIENTS, visits=VISITS)
        clients = [
            Client(who, Ed25519PrivateKey.generate(), visits)
            for who, visits in sorted(assigned.items())
        ]
        with central.session() as session:
            for client in clients:
                public = public_key_of(client.key)
                enrol_key(
                    session,
                    inspector_id=client.inspector_id,
                    enrolment_text=enrolment_text(public),
                    fingerprint_read_out=key_fingerprint(public),
                    actor="bench",
                )
    finally:
        central.close()
    with fleet.client(timeout=60) as http:
        for client in clients:
            photo = _upload_photo(http, client)
            client.bodies = _bodies(edition, client, photo)
    return clients


def _upload_photo(http: httpx.Client, client: Client) -> tuple[str, int]:
    data = os.urandom(PHOTO_BYTES)
    sha256 = hashlib.sha256(data).hexdigest()
    target = f"/v1/photos/{sha256}"
    headers = client.headers("PATCH", target, data) | {
        "Upload-Offset": "0",
        "Upload-Length": str(len(data)),
    }
    answer = http.patch(target, content=data, headers=headers)
    if not answer.json().get("complete"):
        raise RuntimeError(f"the photo was not stored: {answer.text}")
    return sha256, len(data)


def _bodies(edition: Any, client: Client, photo: tuple[str, int]) -> list[bytes]:
    """Each visit's audit, then a correction of each: upload bodies, signed."""
    from scripts.bench.signed_results import audit_upload

    committee = client.inspector_id.split("-")[1]
    visits = [
        (assignment, f"lao-{committee}-{number}", f"c{committee}")
        for number, assignment in enumerate(client.assignments)
    ]
    who = client.inspector_id
    first = [audit_upload(edition, client.key, who, visit, photo) for visit in visits]
    again = [
        audit_upload(edition, client.key, who, visit, photo, replaces=digest)
        for visit, (digest, _body) in zip(visits, first, strict=True)
    ]
    return [body for _digest, body in first + again]


async def _upload_all(fleet: Fleet, clients: list[Client]) -> list[float]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=len(clients) + 5)
    async with httpx.AsyncClient(
        base_url=fleet.base, verify=fleet.tls(), timeout=120, limits=limits
    ) as http:

        async def run(client: Client) -> None:
            for body in client.bodies:
                headers = client.headers("POST", "/v1/results", body)
                started = time.perf_counter()
                answer = await http.post("/v1/results", content=body, headers=headers)
                if answer.status_code != 201:
                    raise RuntimeError(f"{answer.status_code}: {answer.text[:300]}")
                latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(run(client) for client in clients))
    return latencies


def _cpu(fleet: Fleet) -> dict[str, dict[int, float]]:
    """CPU seconds so far of each process of each part, and of this one (the clients)."""
    assert fleet.proxy is not None
    parts = {
        "instances": [pid for child in fleet.instances for pid in child.family()],
        "nginx": fleet.proxy.family(),
        "PostgreSQL": _postgres_processes(),
        "moto": fleet.s3.family(),
    }
    found = {name: {pid: _cpu_of(pid) for pid in pids} for name, pids in parts.items()}
    own = resource.getrusage(resource.RUSAGE_SELF)
    return found | {"clients (this process)": {os.getpid(): own.ru_utime + own.ru_stime}}


def _spent(
    before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]
) -> dict[str, float]:
    """CPU seconds each part used between the two readings (a process new since counts whole)."""
    return {
        name: sum(seconds - before[name].get(pid, 0.0) for pid, seconds in pids.items())
        for name, pids in after.items()
    }


def _per_result(spent: dict[str, float], count: int) -> str:
    return ", ".join(f"{name} {seconds / count * 1000:4.1f} ms" for name, seconds in spent.items())


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _postgres_processes() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _cpu_of(pid: int) -> float:
    try:
        return cpu_seconds(pid)
    except OSError:  # a process that ended meanwhile
        return 0.0


# 2. /verify and 3. restore ---------------------------------------------------------------------


def verify_and_restore(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = fresh_database(args.postgres_url, "gecc_bench_fleet")
        with running_fleet(folder, url, workers=(1, 1), verify_rate=1_000_000) as fleet:
            real = _store_of(fleet, folder, url, args.restore_results)
            elapsed, latencies = asyncio.run(
                _look_up(fleet, real.reference, args.verify_requests, concurrency=100)
            )
            print(
                f"/verify through nginx, 2 instances, 100 clients at once: {len(latencies)}"
                f" look-ups in {elapsed:4.1f} s = {len(latencies) / elapsed:4.0f}/s;"
                f" {_summary(latencies)}"
            )
            _restore(fleet, folder, args)


def _store_of(fleet: Fleet, folder: Path, url: str, results: int) -> Any:
    """The real store on the fleet's bucket, filled to ``results`` results, with 200 photos."""
    blobs = {
        "blob_backend": "s3",
        "s3_bucket": BUCKET,
        "s3_endpoint_url": fleet.s3_url,
        "s3_region": REGION,
    }
    keyring = folder / "keys" / "issuing-keys.json"  # the fleet's: its instances verify
    real = seed_real(folder / "seed", url, keyring, PASSPHRASE, **blobs)
    from sync.server.database import make_engine

    engine = make_engine(url)
    fill(engine, results=results - 4, photos=0, genuine=True)
    engine.dispose()
    with fleet.client(timeout=120) as http:
        for _ in range(RESTORE_PHOTOS):
            data = os.urandom(RESTORE_PHOTO_BYTES)
            target = f"/v1/photos/{hashlib.sha256(data).hexdigest()}"
            headers = real.member.signed_headers("PATCH", target, data)
            headers |= {"Upload-Offset": "0", "Upload-Length": str(len(data))}
            answer = http.patch(target, content=data, headers=headers)
            if not answer.json().get("complete"):
                raise RuntimeError(f"the photo was not stored: {answer.text}")
    return real


RESTORE_PHOTOS, RESTORE_PHOTO_BYTES = 200, 2_500_000


async def _look_up(
    fleet: Fleet, reference: str, count: int, *, concurrency: int
) -> tuple[float, list[float]]:
    connections = [await RawConnection.open(fleet.base, fleet.tls()) for _ in range(concurrency)]
    latencies: list[float] = []
    try:
        await connections[0].ask(reference, "VALID")  # warm up

        async def asker(connection: RawConnection, times: int) -> None:
            for _ in range(times):
                latencies.append(await connection.ask(reference, "VALID"))

        started = time.perf_counter()
        share = count // concurrency
        await asyncio.gather(*(asker(connection, share) for connection in connections))
        return time.perf_counter() - started, latencies
    finally:
        for connection in connections:
            connection.close()


def _restore(fleet: Fleet, folder: Path, args: argparse.Namespace) -> None:
    backup = folder / "backup"
    started = time.perf_counter()
    fleet.central("backup", str(backup))
    made = time.perf_counter() - started
    make_bucket(fleet.s3_url, "gecc-restored")
    elsewhere = fleet.env | {
        "GECC_CENTRAL_DATABASE_URL": fresh_database(args.postgres_url, "gecc_bench_restored"),
        "GECC_CENTRAL_S3_BUCKET": "gecc-restored",
    }
    started = time.perf_counter()
    restored = fleet.central("restore", str(backup), env=elsewhere)
    took = time.perf_counter() - started
    started = time.perf_counter()
    checked = fleet.central("verify-all", env=elsewhere)
    verified = time.perf_counter() - started
    manifest = json.loads((backup / "manifest.json").read_text())
    print(
        f"backup of {manifest['rows']['result']} results, {sum(manifest['rows'].values())} rows,"
        f" {manifest['photos']} photos ({manifest['photo_bytes'] / 1e6:.0f} MB): {made:.1f} s"
    )
    print(
        f"restore into a fresh database and bucket: {took:.1f} s in all; {restored.stdout.strip()}"
    )
    print(f"verify-all of what was restored: {verified:.1f} s; {checked.stdout.strip()}")


def _summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    median = statistics.median(ordered) * 1000
    p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
    return f"median {median:.0f} ms, p95 {p95:.0f} ms"


if __name__ == "__main__":
    main()
