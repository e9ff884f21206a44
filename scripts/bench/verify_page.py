"""The public /verify page under load: ``python -m scripts.bench.verify_page``.

A central store with three certificates (one revoked) is served by one uvicorn process on
127.0.0.1 (loopback only), as ``gecc-central serve`` runs it. ``--requests`` look-ups by
reference (2000 by default: exact, lower case and Thai-digit spellings in turn) are sent by
``--concurrency`` clients at once (20), each request timed from send to the whole page read;
the median and p95 are printed against the target (median < 50 ms). Every answer is checked
(200 and the expected verdict). Bounded by the count and by a deadline. SQLite by default;
``--postgres-url`` (default the local test server) runs it on PostgreSQL too, in a fresh
database ``gecc_central_bench``.

Two clients, both asyncio: a minimal HTTP/1.1 keep-alive client (``raw``, one connection per
concurrent client: it measures the server) and ``httpx.AsyncClient``. On a 2-core machine the
client shares the cores with the server, and httpx's own work per request under 20 concurrent
requests is larger than the page's, so its figures are mostly the client's; the target is
judged on the raw client's.

The offline verification time per certificate is ``python -m scripts.bench.certificates``.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import re
import ssl
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

from scripts.bench.sync_server import DEFAULT_POSTGRES, fresh_postgres, server

TARGET_MEDIAN_MS = 50.0
DEADLINE_SECONDS = 300.0
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def seed(folder: Path, database_url: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Three issued certificates, one revoked; returns the server's environment and the
    (typed reference, expected verdict code) pairs to ask about."""
    from sync.server.app import build_app
    from sync.server.central import open_central
    from sync.server.settings import Settings
    from tests.server.certified import issued, revoke, with_issuing_key
    from tests.server.helpers import ADMIN_TOKEN, Api, build_world

    settings = Settings(
        database_url=database_url, data_dir=folder, admin_token=ADMIN_TOKEN, auto_migrate=True
    )
    settings = with_issuing_key(settings, folder)
    central = open_central(settings)
    api = Api(build_app(central))
    world = build_world(central, api)
    references = [issued(world, lao)["reference"] for lao in ("cm-city", "pattaya", "krabi-town")]
    revoke(world, references[1])
    api.close()
    central.close()
    env = {
        "GECC_CENTRAL_DATABASE_URL": database_url,
        "GECC_CENTRAL_DATA_DIR": str(folder),
        "GECC_CENTRAL_ISSUING_KEY_FILE": str(settings.issuing_key_file),
        "GECC_CENTRAL_ISSUING_KEY_PASSPHRASE": str(settings.issuing_key_passphrase),
    }
    expected = ["VALID", "REVOKED", "VALID"]
    spellings = [
        (typed, code)
        for reference, code in zip(references, expected, strict=True)
        for typed in (reference, reference.lower(), reference.translate(THAI_DIGITS))
    ]
    return env, spellings


async def load(
    base: str, spellings: list[tuple[str, str]], count: int, concurrency: int, client: str
) -> tuple[float, list[float]]:
    """Send ``count`` look-ups, ``concurrency`` at a time; returns (elapsed, latencies)."""
    latencies: list[float] = []
    deadline = time.monotonic() + DEADLINE_SECONDS
    async with connections(base, concurrency, client) as askers:
        for typed, code in spellings:  # warm up every path once
            await askers[0](typed, code)
        started = time.perf_counter()

        async def worker(offset: int) -> None:
            for number in range(offset, count, concurrency):
                if time.monotonic() > deadline:
                    raise RuntimeError("the benchmark ran past its deadline")
                typed, code = spellings[number % len(spellings)]
                latencies.append(await askers[offset](typed, code))

        await asyncio.gather(*(worker(offset) for offset in range(concurrency)))
        return time.perf_counter() - started, latencies


Ask = Callable[[str, str], Awaitable[float]]


@asynccontextmanager
async def connections(base: str, count: int, client: str) -> AsyncIterator[list[Ask]]:
    """``count`` ways to ask (one connection each with ``raw``, one pool with ``httpx``)."""
    if client == "httpx":
        limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as pool:
            yield [functools.partial(ask_httpx, pool)] * count
        return
    raw = [await RawConnection.open(base) for _ in range(count)]
    try:
        yield [connection.ask for connection in raw]
    finally:
        for connection in raw:
            connection.close()


async def ask_httpx(client: httpx.AsyncClient, typed: str, code: str) -> float:
    """One look-up, checked; returns its latency in seconds."""
    started = time.perf_counter()
    answer = await client.get("/verify", params={"ref": typed})
    elapsed = time.perf_counter() - started
    check(typed, code, answer.status_code, answer.text)
    return elapsed


class RawConnection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads Content-Length bodies."""

    def __init__(self, host: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.host, self.reader, self.writer = host, reader, writer

    @classmethod
    async def open(cls, base: str, tls: ssl.SSLContext | None = None) -> RawConnection:
        """A connection to ``base``; over TLS trusting ``tls`` when the scheme is https."""
        address = urlsplit(base)
        secure = tls if address.scheme == "https" else None
        reader, writer = await asyncio.open_connection(address.hostname, address.port, ssl=secure)
        return cls(address.netloc, reader, writer)

    async def ask(self, typed: str, code: str) -> float:
        """One look-up, checked; returns its latency in seconds."""
        target = "/verify?" + urlencode({"ref": typed})
        started = time.perf_counter()
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *([0-9]+)", head)[1])  # type: ignore[index]
        body = await self.reader.readexactly(length)
        elapsed = time.perf_counter() - started
        check(typed, code, int(head.split(b" ", 2)[1]), body.decode("utf-8"))
        return elapsed

    def close(self) -> None:
        self.writer.close()


def check(typed: str, code: str, status: int, page: str) -> None:
    if status != 200 or f'data-code="{code}"' not in page:
        raise RuntimeError(f"{typed}: {status}, expected {code}")


def bench(name: str, database_url: str | None, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{folder}/central.sqlite3"
        env, spellings = seed(Path(folder), url)
        with server(env) as (base, _pid):
            for client in ("raw", "httpx"):
                elapsed, latencies = asyncio.run(
                    load(base, spellings, args.requests, args.concurrency, client)
                )
                report(f"{name} {client}", elapsed, latencies, judged=client == "raw")


def report(name: str, elapsed: float, latencies: list[float], *, judged: bool) -> None:
    latencies = sorted(latencies)
    count = len(latencies)
    median = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (count - 1))] * 1000
    verdict = ("ok" if median < TARGET_MEDIAN_MS else "MISSED") if judged else "client-bound"
    print(
        f"{name:16} {count} look-ups in {elapsed:5.2f} s = {count / elapsed:5.0f}/s"
        f"  median {median:5.1f} ms  p95 {p95:5.1f} ms"
        f"  (target median < {TARGET_MEDIAN_MS:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("GECC_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    print(
        f"GET /verify?ref=... over uvicorn (1 process) on 127.0.0.1:"
        f" {args.requests} requests, {args.concurrency} at a time"
    )
    bench("SQLite", None, args)
    if not args.skip_postgres:
        bench("PostgreSQL", fresh_postgres(args.postgres_url), args)


if __name__ == "__main__":
    main()
