"""What the ``gecc-central`` commands share: the store (or only the database) for one command,
dates, refusals."""

from __future__ import annotations

import contextlib
import getpass
import os
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from sync.server.errors import CentralError, InvalidInput, StartupRefused

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from sync.server.central import Central
    from sync.server.settings import Settings

T = TypeVar("T")
Actor = Annotated[str, typer.Option(help="who does this, for the audit log (default: login)")]
Day = Annotated[str, typer.Option(help="a date, YYYY-MM-DD (Common Era)")]
OptionalDay = Annotated[str | None, typer.Option(help="a date, YYYY-MM-DD")]


def read_settings() -> Settings:
    from sync.server.settings import Settings  # noqa: PLC0415 - keep --help fast

    return Settings.from_env(os.environ)


def who(actor: str) -> str:
    """The actor named, or the login name of whoever runs the command."""
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def fail(error: Exception) -> typer.Exit:
    """Print the refusal (and each problem) on stderr; the exit to raise, with status 2."""
    typer.echo(f"error: {error}", err=True)
    problems = getattr(error, "problems", None) or []
    for problem in [p for p in problems if p not in str(error)]:
        typer.echo(f"  - {problem}", err=True)
    for condition in getattr(error, "details", {}).get("conditions", []):
        typer.echo(f"  - [{condition['code']}] {condition['th']}", err=True)
        typer.echo(f"    {condition['en']}", err=True)
    return typer.Exit(2)


def with_store(action: Callable[[Central, Session], T]) -> T:
    """Run ``action`` on the opened store; refusals (and a database that stops answering)
    become ``error:`` lines and exit 2."""
    from sync.server.central import open_central  # noqa: PLC0415
    from sync.server.database import database_errors  # noqa: PLC0415

    try:
        central = open_central(read_settings())
    except StartupRefused as error:
        raise fail(error) from None
    try:
        with database_errors(central.engine), central.session() as session:
            return action(central, session)
    except (CentralError, StartupRefused) as error:
        raise fail(error) from None
    finally:
        central.close()


@contextlib.contextmanager
def settings_database() -> Iterator[Engine]:
    """The engine of the settings' database, for the commands that need no more; refused
    settings or a database that cannot be used exit 2 with an ``error:`` line."""
    from sync.server.database import database_errors, make_engine  # noqa: PLC0415

    try:
        engine = make_engine(read_settings().sqlalchemy_url)
        try:
            with database_errors(engine):
                yield engine
        finally:
            engine.dispose()
    except StartupRefused as error:
        raise fail(error) from None


def to_date(text: str, what: str) -> date:
    """An ISO date from an option, or exit 2 naming the option."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fail(InvalidInput(f"{what} {text!r} is not a date like 2017-01-31", [])) from None


def optional_date(text: str | None, what: str) -> date | None:
    return None if text is None else to_date(text, what)
