"""What the ``gecc-central`` commands share: the store for one command, dates, refusals."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from sync.server.errors import CentralError, InvalidInput, StartupRefused

if TYPE_CHECKING:
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
    """Run ``action`` on the opened store; refusals become ``error:`` lines and exit 2."""
    from sync.server.central import open_central  # noqa: PLC0415

    try:
        central = open_central(read_settings())
    except StartupRefused as error:
        raise fail(error) from None
    try:
        with central.session() as session:
            return action(central, session)
    except CentralError as error:
        raise fail(error) from None
    finally:
        central.close()


def to_date(text: str, what: str) -> date:
    """An ISO date from an option, or exit 2 naming the option."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise fail(InvalidInput(f"{what} {text!r} is not a date like 2017-01-31", [])) from None


def optional_date(text: str | None, what: str) -> date | None:
    return None if text is None else to_date(text, what)
