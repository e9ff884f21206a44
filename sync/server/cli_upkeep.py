"""``gecc-central backup``, ``restore`` and ``verify-all`` (``sync.server.upkeep``).

Each prints what it did in a line or two and every problem as ``CODE subject: detail``; a
refusal (a folder that is not empty, a database or photo store that is not, a damaged backup)
is an ``error:`` line and exit 2, with nothing written; problems found are exit 1.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sync.server.cli_common import fail, read_settings
from sync.server.errors import CentralError, StartupRefused

if TYPE_CHECKING:
    from sync.server.upkeep.backup import Finding

PhotoDir = Annotated[
    Path | None,
    typer.Option(help="the photos' folder, if not the backup's own (kept between backups)"),
]


def backup(
    target: Annotated[Path, typer.Argument(help="a new or empty folder")],
    photo_dir: PhotoDir = None,
) -> None:
    """A consistent dump of the database and a copy of every photo it names, hash checked."""
    from sync.server.central import open_central  # noqa: PLC0415
    from sync.server.upkeep.backup import make_backup  # noqa: PLC0415

    try:
        central = open_central(read_settings())
    except StartupRefused as error:
        raise fail(error) from None
    try:
        manifest = make_backup(central.engine, central.blobs, target, photo_dir=photo_dir)
    except CentralError as error:
        raise fail(error) from None
    finally:
        central.close()
    rows = sum(manifest.rows.values())
    typer.echo(
        f"backup in {target}: schema {manifest.schema}, {rows} rows"
        f" ({manifest.rows.get('result', 0)} results), {manifest.photos} photos"
        f" ({manifest.photo_bytes} bytes)"
    )
    _report(manifest.problems)


def restore(
    source: Annotated[Path, typer.Argument(help="a folder made by gecc-central backup")],
    photo_dir: PhotoDir = None,
) -> None:
    """Load a backup into an empty database and an empty photo store (the settings')."""
    from sync.server.blobs import open_blob_store  # noqa: PLC0415
    from sync.server.database import database_errors, make_engine  # noqa: PLC0415
    from sync.server.upkeep.restore import restore_backup  # noqa: PLC0415

    try:
        settings = read_settings().check()
        engine = make_engine(settings.sqlalchemy_url, pool_size=2)
    except StartupRefused as error:
        raise fail(error) from None
    try:
        with database_errors(engine):
            done = restore_backup(engine, open_blob_store(settings), source, photo_dir=photo_dir)
    except (CentralError, StartupRefused) as error:
        raise fail(error) from None
    finally:
        engine.dispose()
    typer.echo(
        f"restored {done.rows} rows ({done.rows_seconds:.1f} s) and {done.photos} photos"
        f" ({done.photos_seconds:.1f} s) from {source}"
    )
    _report(done.problems)


def verify_all(
    as_json: Annotated[bool, typer.Option("--json", help="the report as JSON")] = False,
) -> None:
    """Re-verify every result's signature, every photo's bytes and every certificate."""
    from sync.protocol.certificates.model import thai_date  # noqa: PLC0415
    from sync.server.central import open_central  # noqa: PLC0415
    from sync.server.upkeep.sweep import verify_all as sweep_all  # noqa: PLC0415

    try:
        central = open_central(read_settings())
    except StartupRefused as error:
        raise fail(error) from None
    try:
        sweep = sweep_all(central, thai_date(central.clock()))
    finally:
        central.close()
    if as_json:
        typer.echo(json.dumps(asdict(sweep), ensure_ascii=False, indent=1))
    else:
        typer.echo(
            f"checked {sweep.results} results, {sweep.photos} photos and {sweep.certificates}"
            f" certificates: {len(sweep.problems) or 'no'} problem(s)"
        )
    if sweep.problems:
        if not as_json:
            _print(sweep.problems)
        raise typer.Exit(1)


def _report(problems: list[Finding]) -> None:
    if problems:
        _print(problems)
        raise typer.Exit(1)


def _print(problems: list[Finding]) -> None:
    for problem in problems:
        typer.echo(f"{problem.code} {problem.subject}: {problem.detail}")
