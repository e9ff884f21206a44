"""The office console at national scale: ``python -m scripts.bench.console``.

Makes the data set of ``scripts.bench.console_data`` with direct inserts (8,000 LAOs, 3 rounds,
30,000 sealed results, about 1,000,000 photo records, 5,000 certificates), on SQLite and on
PostgreSQL (a fresh database ``gecc_console_bench``), then times the pages an officer waits
for, through the app in process (httpx's ASGI transport: the page's own work, no network):
the round page (every LAO of a round, counted per step, first page), the results inbox of a
round, and visit pages (every criterion side by side, photos and their plausibility checks),
each ``--repeat`` times after one warm-up; and the round's Excel export. Then the same with
1/30 of the data: cost should stay flat as the data grows (within 1.5x).

Targets: each page median <= 150 ms and p95 <= 300 ms; the export <= 10 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from scripts.bench.console_data import check_payloads, make
from scripts.bench.sync_server import DEFAULT_POSTGRES

PASSWORD = "รหัสผ่านของการวัดผล-2569"
TARGETS = {"median": 150.0, "p95": 300.0, "export": 10.0, "flat": 1.5}


def fresh_postgres(url: str, name: str) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sql(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def build(database_url: str, folder: Path, scale: float) -> tuple[object, object]:
    from field_audit.domain.edition import load_bundled_edition
    from sync.server.app import build_app
    from sync.server.central import open_central
    from sync.server.database import make_engine
    from sync.server.schema import upgrade
    from sync.server.settings import Settings
    from sync.server.store.accounts import NewAccount, create_account

    engine = make_engine(database_url)
    upgrade(engine)
    started = time.perf_counter()
    made = make(engine, load_bundled_edition(), scale)
    check_payloads(engine)
    with engine.connect() as connection:  # as autovacuum would after a load: fresh statistics
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    engine.dispose()
    print(
        f"  made in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(made.counts.items()))
    )
    central = open_central(Settings(database_url=database_url, data_dir=folder, auto_migrate=False))
    with central.session() as session:
        new = NewAccount("bench", "ผู้วัดผล", "approver", PASSWORD)
        create_account(session, new, actor="bench", now=central.clock())
    return build_app(central), made


async def measure(app: object, made: object, repeat: int) -> dict[str, list[float]]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    timings: dict[str, list[float]] = {}
    async with httpx.AsyncClient(
        transport=transport, base_url="https://bench.test", timeout=120
    ) as client:
        await log_in(client)
        round_id = made.rounds[-1]  # type: ignore[attr-defined]
        visits = made.visits[round_id]  # type: ignore[attr-defined]
        pages = {
            "round page": [f"/office/rounds/{round_id}"],
            "results inbox": [f"/office/results?round={round_id}"],
            "visit page": [f"/office/visits/{v}" for v in visits[: max(1, repeat)]],
        }
        for name, urls in pages.items():
            first = await fetch(client, urls[0])  # the round's statuses, read once a day
            print(f"    {name}, first look (counts made, statuses read): {first:.0f} ms")
            analyse(app)  # the statuses just written, as autovacuum analyses them within a minute
            timings[name] = [await fetch(client, urls[n % len(urls)]) for n in range(repeat)]
        timings["export"] = [
            await fetch(client, f"/office/rounds/{round_id}/export.xlsx") / 1000 for _ in range(3)
        ]
    return timings


def analyse(app: object) -> None:
    engine = app.state.central.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


async def log_in(client: httpx.AsyncClient) -> None:
    form = await client.get("/office/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    answer = await client.post(
        "/office/login", data={"csrf": token.group(1), "username": "bench", "password": PASSWORD}
    )
    assert answer.status_code == 303, answer.text


async def fetch(client: httpx.AsyncClient, url: str) -> float:
    started = time.perf_counter()
    answer = await client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert answer.status_code == 200, (url, answer.status_code, answer.text[:500])
    return elapsed


def report(label: str, timings: dict[str, list[float]]) -> dict[str, float]:
    medians = {}
    for name, values in timings.items():
        if name == "export":
            print(
                f"  {label} {name}: {statistics.median(values):.2f} s"
                f" (worst {max(values):.2f} s; target <= {TARGETS['export']:.0f} s)"
            )
            medians[name] = statistics.median(values)
            continue
        p95 = statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)
        medians[name] = statistics.median(values)
        print(
            f"  {label} {name}: median {medians[name]:.0f} ms, p95 {p95:.0f} ms"
            f" (targets {TARGETS['median']:.0f} / {TARGETS['p95']:.0f} ms)"
        )
    return medians


def bench(name: str, url_of: object, args: argparse.Namespace) -> None:
    results = {}
    for scale in (args.scale, args.scale / 30):
        with tempfile.TemporaryDirectory() as folder:
            database_url = url_of(Path(folder))  # type: ignore[operator]
            print(f"{name}, scale {scale:.4f}:")
            app, made = build(database_url, Path(folder), scale)
            timings = asyncio.run(measure(app, made, args.repeat))
            results[scale] = report(f"{name} x{scale:.3f}", timings)
            app.state.central.close()  # type: ignore[attr-defined]
    big, small = results[args.scale], results[args.scale / 30]
    for page in (p for p in big if p != "export"):  # the export grows with the round, rightly
        print(
            f"  {name} {page}: full / 1/30 = {big[page] / small[page]:.2f}x"
            f" (target <= {TARGETS['flat']}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("GECC_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    if not args.skip_sqlite:
        bench("SQLite", lambda folder: f"sqlite:///{folder / 'central.sqlite3'}", args)
    if not args.skip_postgres:
        bench(
            "PostgreSQL",
            lambda _folder: fresh_postgres(args.postgres_url, "gecc_console_bench"),
            args,
        )


if __name__ == "__main__":
    main()
