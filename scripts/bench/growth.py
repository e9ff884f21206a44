"""Cost as the data grows, on PostgreSQL: ``python -m scripts.bench.growth``.

Two stores: 1,000 results with 33,000 photo records, and 30,000 results with 1,000,000 photo
records (``scripts.bench.bulk``: a real store, then rows like its own by COPY; 8,000 LAOs and
2,000 committees of five in both). Against each, one uvicorn process on 127.0.0.1, one request
at a time (so the figure is the store's work, not queueing):

- an inspector's pull: the five views from ``since=0``, one after another, signed;
- a result submission: a correction of the inspector's audit, signed, verified and stored
  (each replaces the last, so the chain grows);
- a ``/verify`` look-up of the issued certificate.

Prints the median and p95 of each and the ratio of the medians (target: within 1.5x), then the
PostgreSQL plans of every statement those three run, caught in this process while it does the
same work through the store's own functions, with any sequential scan of a table that grows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, event

from scripts.bench.bulk import Real, fill, fresh_database, seed_real
from scripts.bench.sync_server import DEFAULT_POSTGRES, server

VIEWS = ("rounds", "committees", "assignments", "certificates", "results")
SIZES = {"small": (1_000, 33_000), "large": (30_000, 1_000_000)}
GROWING = (
    "result",
    "photo",
    "certificate",
    "audit_log",
    "nonce",
    "application",
    "assignment",
    "review",
)
PASSPHRASE = "กุญแจออกใบรับรอง-bench"
TARGET = 1.5


@dataclass
class Timings:
    pull: list[float]
    submit: list[float]
    verify: list[float]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres-url", default=os.environ.get("GECC_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--plans", action="store_true", help="print every plan in full")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as running:
        stores = {name: _store(Path(folder) / name, args, name) for name in SIZES}
        clients = {name: running.enter_context(_served(store)) for name, store in stores.items()}
        found = measure_alternately(stores, clients, args.repeat)
        for name in SIZES:
            print(f"{name}: {SIZES[name][0]} results, {SIZES[name][1]} photo records")
            for what in ("pull", "submit", "verify"):
                print(f"    {what:7} {_summary(getattr(found[name], what))}")
        print_ratios(found)
        large = stores["large"]
        print_plans(large.real, large.engine, large.corrections[args.repeat], full=args.plans)
        for store in stores.values():
            store.engine.dispose()


@dataclass
class Store:
    real: Real
    engine: Engine
    url: str
    folder: Path
    corrections: list[bytes]


def _store(folder: Path, args: argparse.Namespace, name: str) -> Store:
    results, photos = SIZES[name]
    url = fresh_database(args.postgres_url, f"gecc_bench_growth_{name}")
    real = seed_real(folder, url, folder / "keys" / "issuing-keys.json", PASSPHRASE)
    engine = _engine(url)
    fill(engine, results=results - 4, photos=photos - 1)  # the real store holds 4 and 1
    return Store(real, engine, url, folder, _corrections(real, args.repeat + 1))


@contextmanager
def _served(store: Store) -> Iterator[httpx.Client]:
    with (
        server(_environment(store.real, store.url, store.folder)) as (base, _pid),
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        yield http


def measure_alternately(
    stores: dict[str, Store], clients: dict[str, httpx.Client], repeat: int
) -> dict[str, Timings]:
    """Each operation on one store then the other, turn by turn, so that whatever else the
    machine does at a moment weighs on both sizes alike."""
    found = {name: Timings([], [], []) for name in stores}
    for turn in range(repeat):
        for name, store in stores.items():
            http, timings = clients[name], found[name]
            timings.pull.append(_pull(http, store.real))
            timings.submit.append(_submit(http, store.real, store.corrections[turn]))
            timings.verify.append(_verify(http, store.real))
    return found


def _engine(url: str) -> Engine:
    from sync.server.database import make_engine

    return make_engine(url)


def _environment(real: Real, url: str, folder: Path) -> dict[str, str]:
    settings = real.settings
    return {
        "GECC_CENTRAL_DATABASE_URL": url,
        "GECC_CENTRAL_DATA_DIR": str(folder / "data"),
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(settings.issuing_key_file),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": settings.issuing_key_passphrase,
        "GECC_CENTRAL_ADMIN_TOKEN": settings.admin_token,
    }


def _signed(real: Real, method: str, target: str, body: bytes = b"") -> dict[str, str]:
    headers = real.member.signed_headers(method, target, body)
    return headers | ({"Content-Type": "application/json"} if body else {})


def _pull(http: httpx.Client, real: Real) -> float:
    started = time.perf_counter()
    for view in VIEWS:
        target = f"/v1/{view}?since=0"
        answer = http.get(target, headers=_signed(real, "GET", target))
        _expect(answer, 200)
    return time.perf_counter() - started


def _submit(http: httpx.Client, real: Real, body: bytes) -> float:
    headers = _signed(real, "POST", "/v1/results", body)
    started = time.perf_counter()
    answer = http.post("/v1/results", content=body, headers=headers)
    elapsed = time.perf_counter() - started
    _expect(answer, 201)
    return elapsed


def _verify(http: httpx.Client, real: Real) -> float:
    started = time.perf_counter()
    answer = http.get("/verify", params={"ref": real.reference})
    elapsed = time.perf_counter() - started
    _expect(answer, 200)
    if 'data-code="VALID"' not in answer.text:
        raise RuntimeError("the certificate did not verify")
    return elapsed


def _expect(answer: httpx.Response, status: int) -> None:
    if answer.status_code != status:
        raise RuntimeError(f"{answer.request.url}: {answer.status_code} {answer.text[:300]}")


def _corrections(real: Real, count: int) -> list[bytes]:
    """Corrections of the member's audit, each replacing the one before (signed beforehand)."""
    from tests.server.helpers import audit_payload, upload_body

    bodies, replaces = [], real.audit_hash
    for revision in range(2, count + 2):
        payload = audit_payload(
            real.world,
            real.member,
            revision=revision,
            replaces=replaces,
            result_id=str(uuid.uuid4()),
        )
        signed = real.member.seal(payload)
        bodies.append(json.dumps(upload_body(signed)).encode())
        replaces = signed.hash
    return bodies


def _summary(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    median = statistics.median(ordered) * 1000
    p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
    return f"median {median:7.1f} ms   p95 {p95:7.1f} ms   ({len(ordered)} times)"


def print_ratios(found: dict[str, Timings]) -> None:
    print("large / small, medians (target <= 1.5x):")
    for what in ("pull", "submit", "verify"):
        small = statistics.median(getattr(found["small"], what))
        large = statistics.median(getattr(found["large"], what))
        verdict = "ok" if large / small <= TARGET else "MISSED"
        print(f"    {what:7} {large / small:5.2f}x  {verdict}")


def print_plans(real: Real, engine: Engine, correction: bytes, *, full: bool) -> None:
    """The plan of every statement an inspector's pull, a submission and a look-up run."""
    from sync.server.central import open_central

    central = open_central(real.settings)
    try:
        with caught(central.engine) as statements:
            _in_process(central, real, correction)
    finally:
        central.close()
    print("plans on PostgreSQL of the statements they run:")
    seen: set[str] = set()
    connection = engine.raw_connection()
    try:
        import psycopg

        cursor = psycopg.ClientCursor(connection.driver_connection)  # type: ignore[arg-type]
        for statement, parameters in statements:
            if statement in seen or not _explainable(statement):
                continue
            seen.add(statement)
            cursor.execute("EXPLAIN (COSTS OFF) " + statement, parameters)
            _print_plan(statement, [row[0] for row in cursor.fetchall()], full=full)
        connection.rollback()
    finally:
        connection.close()


def _explainable(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT"))


def _print_plan(statement: str, plan: list[str], *, full: bool) -> None:
    scans = [line.strip() for line in plan if "Seq Scan on" in line]
    growing = [s for s in scans if any(f"Seq Scan on {t} " in s + " " for t in GROWING)]
    flag = "SEQ SCAN of a growing table" if growing else "ok"
    print(f"  [{flag}] {' '.join(statement.split())[:150]}")
    if full or growing:
        for line in plan:
            print(f"        {line}")


@contextmanager
def caught(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", catch)


def _in_process(central: Any, real: Real, correction: bytes) -> None:
    """A pull, a submission (signed request checked, result received) and a look-up, through
    the store's functions."""
    from sync.protocol.certificates.model import thai_date
    from sync.server.store import pull as views
    from sync.server.store.keys import authenticate
    from sync.server.store.results import receive_result
    from sync.server.store.verification import verify_reference

    inspector = real.member.inspector_id
    with central.session() as session:
        for view in VIEWS:
            views.pull(session, inspector, _view(views, view), since=0, limit=500)
    with central.session() as session:
        headers = _signed(real, "POST", "/v1/results", correction)
        caller = authenticate(
            session,
            method="POST",
            target="/v1/results",
            headers=headers,
            body=correction,
            now=int(time.time()),
            max_skew=300,
        )
        receive_result(session, central.editions, _signed_result(correction), caller)
    with central.session() as session:
        today = thai_date(central.clock())
        verify_reference(session, central.issuer.trust_list(), real.reference, today)


def _view(views: Any, name: str) -> Callable[..., Any]:
    found: Callable[..., Any] = getattr(views, f"{name}_view")
    return found


def _signed_result(body: bytes) -> Any:
    from sync.protocol.sealed import Envelope, from_envelope

    upload = json.loads(body)
    return from_envelope(upload["payload"].encode(), Envelope.model_validate(upload["envelope"]))


if __name__ == "__main__":
    main()
