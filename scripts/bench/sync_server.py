"""The central store under load, over a real uvicorn on 127.0.0.1 (loopback only).

1. Results verified and stored per second with 50 concurrent clients: each client is an
   inspector chairing its own committee, uploading a sealed audit for each of its LAOs and then
   a correction of each (every upload is a signed request, a full check and a stored row).
2. The server's peak memory (RSS) while it takes one 40 MB photo in a single streamed PATCH,
   against its idle RSS; target: within 50 MB.

Both on SQLite (the embedded default) and on PostgreSQL (``--postgres-url``, default the local
test server; a database ``gecc_central_bench`` is made afresh). Loops are bounded by counts and
every wait by a deadline.

Run: ``python -m scripts.bench.sync_server [--clients 50] [--laos-per-client 6]``
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PHOTO_BYTES = 40 * 1024 * 1024
MEMORY_TARGET = 50 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """uvicorn serving the app factory in a child process; yields (base URL, pid)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "sync.server.app:app_from_env", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def rss(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} for {pid}")


class Client:
    """One inspector's device: a key, signed requests, prepared results."""

    def __init__(self, inspector_id: str) -> None:
        self.inspector_id = inspector_id
        self.key = Ed25519PrivateKey.generate()
        self.results: list[Any] = []

    @property
    def public_key(self) -> bytes:
        from sync.protocol.signatures import public_key_of

        return public_key_of(self.key)

    def headers(
        self, method: str, target: str, body: bytes | None, digest: bytes | None = None
    ) -> dict[str, str]:
        from sync.protocol.requests import new_nonce, request_key_id, sign_request

        return sign_request(
            method=method,
            target=target,
            key_id=request_key_id(self.public_key),
            sign=self.key.sign,
            now=int(time.time()),
            nonce=new_nonce(),
            body=body,
            body_sha256=digest,
        )


ROUND_ID, FISCAL_YEAR_BE, VISIT = "fy2569", 2569, date(2026, 2, 2)  # a round gone by
ROUND_DATES = {"deadline": date(2026, 1, 29), "visits_from": date(2026, 2, 1)}
IN_ORDER: dict[str, Any] = {  # an application as a clerk records it when all came in time
    "self_assessment_points": 66,
    "self_assessed_on": date(2026, 1, 5),
    "form_filled_on": date(2026, 1, 6),
    "governor_endorsed_on": date(2026, 1, 12),
    "word": True,
    "pdf": True,
    "posted_on": date(2026, 1, 20),
    "emailed_on": date(2026, 1, 20),
}


def seed(database_url: str, clients: list[Client], laos_per_client: int) -> dict[str, Any]:
    """The round, LAOs ready to be visited, one committee per client, assignments and
    enrolled keys."""
    from field_audit.domain.edition import load_bundled_edition
    from sync.protocol.signatures import enrolment_text, key_fingerprint
    from sync.server.central import open_central
    from sync.server.settings import Settings
    from sync.server.store.admin import Member, NewRound, assign, create_committee, create_round
    from sync.server.store.keys import enrol_key
    from sync.server.store.laos import import_laos
    from sync.server.store.pipeline import record_pipeline, record_screening

    edition = load_bundled_edition()
    central = open_central(
        Settings(database_url=database_url, data_dir=Path(tempfile.gettempdir()))
    )
    rows = ["lao_id,name_th,kind,province_code"]
    rows += [
        f"lao-{c}-{i},เทศบาลเมือง {c}-{i},เทศบาลเมือง,10"
        for c in range(len(clients))
        for i in range(laos_per_client)
    ]
    assignments: dict[str, str] = {}
    with central.session() as session:
        new_round = NewRound(ROUND_ID, FISCAL_YEAR_BE, **ROUND_DATES)
        create_round(session, new_round, edition, actor="bench")
        import_laos(session, "\n".join(rows).encode(), actor="bench", source="bench.csv")
        for number, client in enumerate(clients):
            committee = f"c{number}"
            create_committee(
                session,
                committee_id=committee,
                round_id=ROUND_ID,
                name_th=committee,
                members=[Member(client.inspector_id, client.inspector_id, "chair")],
                actor="bench",
            )
            for i in range(laos_per_client):
                lao = f"lao-{number}-{i}"
                ready = {"round_id": ROUND_ID, "lao_id": lao, "actor": "bench"}
                record_pipeline(
                    session, central.editions, facts=IN_ORDER, today=date.today(), **ready
                )
                record_screening(
                    session,
                    central.editions,
                    passed=True,
                    reason="",
                    on=date(2026, 1, 25),
                    today=date.today(),
                    **ready,
                )
                assignments[lao] = assign(
                    session,
                    central.editions,
                    round_id=ROUND_ID,
                    lao_id=lao,
                    committee_id=committee,
                    visit_date=VISIT,
                    actor="bench",
                    today=date.today(),
                ).id
            enrol_key(
                session,
                inspector_id=client.inspector_id,
                enrolment_text=enrolment_text(client.public_key),
                fingerprint_read_out=key_fingerprint(client.public_key),
                actor="bench",
            )
    central.close()
    return {"edition": edition, "assignments": assignments}


EVIDENCE = b"the service counter, as every criterion that needs a photo shows it" * 64


def prepare(clients: list[Client], world: dict[str, Any], laos_per_client: int) -> None:
    """Seal every client's audits and corrections before the clock starts (each names the
    client's one evidence photo wherever the edition requires a photo)."""
    for number, client in enumerate(clients):
        for revision in (1, 2):
            for i in range(laos_per_client):
                replaces = client.results[i]["hash"] if revision == 2 else None
                signed = sealed_audit(client, world, f"lao-{number}-{i}", revision, replaces)
                body = json.dumps(
                    {
                        "payload": signed.payload_bytes.decode(),
                        "envelope": signed.envelope().model_dump(),
                    }
                ).encode()
                client.results.append({"hash": signed.hash, "body": body})


def sealed_audit(
    client: Client, world: dict[str, Any], lao: str, revision: int, replaces: str | None
) -> Any:
    """One complete audit of ``lao``, all met, as the typed document, signed."""
    import uuid

    from field_audit.domain.answers import Verdict
    from field_audit.domain.scoring import score_verdicts
    from sync.checks.results import summary_of
    from sync.protocol.sealed import PROTOCOL_VERSION, SealedAudit, sign_result
    from sync.protocol.signatures import key_fingerprint

    edition = world["edition"]
    photo = {"sha256": hashlib.sha256(EVIDENCE).hexdigest(), "byte_size": len(EVIDENCE)}
    photo |= {"caption": "", "captured_at": None, "gps": None}
    findings = [
        {
            "criterion": c.id,
            "verdict": "met",
            "note": "",
            "recommendation": "",
            "recorded_at": f"{VISIT.isoformat()}T03:00:00Z",
            "records": [],
            "photos": [photo] if c.photo_required else [],
        }
        for c in edition.criteria
    ]
    score = score_verdicts(edition, dict.fromkeys(edition.criterion_ids, Verdict.MET))
    audit = SealedAudit.model_validate_json(  # JSON, as a device's document arrives
        json.dumps(
            {
                "type": "gecc.sealed-audit",
                "protocol": PROTOCOL_VERSION,
                "edition": {"id": edition.id, "hash": edition.content_hash},
                "round": {"id": ROUND_ID, "fiscal_year_be": FISCAL_YEAR_BE},
                "lao": {"id": lao, "name_th": lao, "kind": "เทศบาลเมือง", "province_code": "10"},
                "assignment_id": world["assignments"][lao],
                "committee_id": f"c{lao.split('-')[1]}",
                "visit_date": VISIT.isoformat(),
                "signer": {
                    "inspector_id": client.inspector_id,
                    "name": client.inspector_id,
                    "key_id": "k",
                    "fingerprint": key_fingerprint(client.public_key),
                },
                "result_id": str(uuid.uuid4()),
                "revision": revision,
                "replaces": replaces,
                "scope": None,
                "findings": findings,
                "recommendation": "",
                "score": summary_of(score).model_dump(),
                "sealed_at": f"{VISIT.isoformat()}T05:00:00Z",
            }
        )
    )
    return sign_result(audit, sign=client.key.sign, public_key=client.public_key)


async def upload_evidence(base: str, clients: list[Client]) -> None:
    """Each client's evidence photo, before the clock starts (a result names only stored
    photos)."""
    digest = hashlib.sha256(EVIDENCE).digest()
    target = f"/v1/photos/{digest.hex()}"
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for client in clients:
            headers = client.headers("PATCH", target, EVIDENCE) | {
                "Upload-Offset": "0",
                "Upload-Length": str(len(EVIDENCE)),
                "Content-Type": "application/octet-stream",
            }
            answer = await http.patch(target, content=EVIDENCE, headers=headers)
            if answer.status_code >= 300:
                raise RuntimeError(f"{answer.status_code}: {answer.text[:300]}")


async def upload_all(base: str, clients: list[Client]) -> tuple[float, list[float]]:
    """Every client uploads its results one after another, all clients at once."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=len(clients) + 5)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:

        async def run(client: Client) -> None:
            for result in client.results:
                started = time.perf_counter()
                headers = client.headers("POST", "/v1/results", result["body"]) | {
                    "Content-Type": "application/json"
                }
                answer = await http.post("/v1/results", content=result["body"], headers=headers)
                if answer.status_code != 201:
                    raise RuntimeError(f"{answer.status_code}: {answer.text[:300]}")
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(run(c) for c in clients))
        return time.perf_counter() - started, latencies


async def send_photo(
    base: str, client: Client, photo_path: Path, digest: bytes, size: int
) -> dict[str, Any]:
    sha = digest.hex()
    target = f"/v1/photos/{sha}"

    async def blocks() -> AsyncIterator[bytes]:
        with photo_path.open("rb") as file:
            while block := file.read(1024 * 1024):
                yield block

    headers = client.headers("PATCH", target, None, digest) | {
        "Upload-Offset": "0",
        "Upload-Length": str(size),
        "Content-Length": str(size),
        "Content-Type": "application/octet-stream",
    }
    async with httpx.AsyncClient(base_url=base, timeout=300) as http:
        answer = await http.patch(target, content=blocks(), headers=headers)
    result: dict[str, Any] = answer.json()
    return result


def measure_photo(base: str, pid: int, client: Client, folder: Path) -> dict[str, int]:
    photo = folder / "photo.bin"
    digest = hashlib.sha256()
    with photo.open("wb") as file:
        for _ in range(PHOTO_BYTES // (1024 * 1024)):
            block = os.urandom(1024 * 1024)
            digest.update(block)
            file.write(block)
    time.sleep(1)
    idle = rss(pid)
    peak = [idle]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss(pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        answer = asyncio.run(send_photo(base, client, photo, digest.digest(), PHOTO_BYTES))
    finally:
        done.set()
        sampler.join()
    if not answer.get("complete"):
        raise RuntimeError(f"the photo was not stored: {answer}")
    return {"idle": idle, "peak": peak[0]}


def fresh_postgres(url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text('DROP DATABASE IF EXISTS "gecc_central_bench" WITH (FORCE)'))
        connection.execute(text('CREATE DATABASE "gecc_central_bench"'))
    admin.dispose()
    return make_url(url).set(database="gecc_central_bench").render_as_string(hide_password=False)


def bench(name: str, database_url: str | None, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{folder}/central.sqlite3"
        env = {
            "GECC_CENTRAL_DATABASE_URL": url,
            "GECC_CENTRAL_DATA_DIR": folder,
            "GECC_CENTRAL_DB_POOL_SIZE": "20",
        }
        clients = [Client(f"insp-{n:03d}") for n in range(args.clients)]
        with server(env) as (base, pid):
            world = seed(url, clients, args.laos_per_client)
            prepare(clients, world, args.laos_per_client)
            asyncio.run(upload_evidence(base, clients))
            elapsed, latencies = asyncio.run(upload_all(base, clients))
            memory = measure_photo(base, pid, clients[0], Path(folder))
        count = len(latencies)
        latencies.sort()
        grown = memory["peak"] - memory["idle"]
        p50, p95 = statistics.median(latencies), latencies[int(0.95 * (count - 1))]
        print(
            f"{name:10} {count:5d} results in {elapsed:6.2f} s = {count / elapsed:7.1f}/s"
            f"  p50 {p50 * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms"
        )
        verdict = "ok" if grown <= MEMORY_TARGET else "MISSED"
        print(
            f"{'':10} 40 MB photo: idle RSS {memory['idle'] / 2**20:6.1f} MiB,"
            f" peak {memory['peak'] / 2**20:6.1f} MiB, grew {grown / 2**20:5.1f} MiB"
            f" (target <= 50 MiB: {verdict})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--laos-per-client", type=int, default=6)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("GECC_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    print(
        f"{args.clients} concurrent clients, {args.laos_per_client} LAOs each,"
        " an audit and a correction of each"
    )
    bench("SQLite", None, args)
    if not args.skip_postgres:
        bench("PostgreSQL", fresh_postgres(args.postgres_url), args)


if __name__ == "__main__":
    main()
