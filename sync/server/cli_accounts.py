"""``gecc-central user ...``: office accounts of the console, from the command line.

    user add USERNAME --name NAME --role admin|clerk|secretary|approver|viewer
    user list
    user unlock USERNAME

The first admin is made here (the password is asked for, twice, and never echoed); the admin
makes the other accounts in the console. Each change is in the audit log.
"""

from __future__ import annotations

from typing import Annotated

import typer

from sync.server.cli_common import Actor, who, with_store

user_app = typer.Typer(help="Office accounts of the console at /office.")


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="2-40 lower-case letters, digits, . _ -")],
    name: Annotated[str, typer.Option(help="the officer's full name")],
    role: Annotated[str, typer.Option(help="admin, clerk, secretary, approver or viewer")],
    actor: Actor = "",
) -> None:
    """Add an office account; its password is asked for."""
    from sync.server.store.accounts import NewAccount, create_account  # noqa: PLC0415

    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    new = NewAccount(username=username, name=name, role=role, password=password)
    account = with_store(lambda c, s: create_account(s, new, actor=who(actor), now=c.clock()))
    typer.echo(f"account {account.username} ({account.role}) added")


@user_app.command("list")
def user_list() -> None:
    """Every office account: username, role, state and name."""
    from sync.server.plain_text import visible  # noqa: PLC0415
    from sync.server.store.accounts import accounts  # noqa: PLC0415

    for account in with_store(lambda _c, s: accounts(s)):
        state = "locked" if account.locked_at else "active" if account.active else "disabled"
        typer.echo(f"{account.username}\t{account.role}\t{state}\t{visible(account.name)}")


@user_app.command("unlock")
def user_unlock(username: str, actor: Actor = "") -> None:
    """Unlock an account locked after repeated failed logins."""
    from sync.server.store.accounts import change_account  # noqa: PLC0415

    with_store(lambda _c, s: change_account(s, username, actor=who(actor), unlock=True))
    typer.echo(f"account {username} unlocked")
