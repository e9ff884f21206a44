"""``gecc-central visit``: dividing a committee's work for one visit among its members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from sync.server.cli_common import Actor, who, with_store

if TYPE_CHECKING:
    from sqlmodel import Session

    from sync.server.central import Central
    from sync.server.store.shares import Division

visit_app = typer.Typer(help="A committee's visit: how its members share the criteria.")

Many = Annotated[list[str] | None, typer.Option()]


@visit_app.command("share")
def visit_share(
    assignment_id: str,
    *,
    member: Annotated[str, typer.Option(help="the inspector id of a member of the committee")],
    block: Many = None,
    category: Many = None,
    item: Many = None,
    actor: Actor = "",
) -> None:
    """Give a member their share of the criteria: whole blocks (--block basic), kinds of
    evidence (--category physical) and single criteria (--item B01), each repeatable."""
    from field_audit.domain.shares import share_of  # noqa: PLC0415
    from sync.server.store.shares import edition_of, set_share  # noqa: PLC0415

    def share(central: Central, session: Session) -> Division:
        edition = edition_of(session, central.editions, assignment_id)
        chosen = share_of(edition, blocks=block or (), categories=category or (), items=item or ())
        return set_share(session, central.editions, assignment_id, member, chosen, actor=who(actor))

    print_division(with_store(share))


@visit_app.command("show")
def visit_show(assignment_id: str) -> None:
    """How the visit's criteria are divided among the members, and what no share holds."""
    from sync.server.store.shares import division  # noqa: PLC0415

    print_division(with_store(lambda c, s: division(s, c.editions, assignment_id)))


@visit_app.command("unshare")
def visit_unshare(assignment_id: str, actor: Actor = "") -> None:
    """Undo the division: every member assesses every criterion."""
    from sync.server.store.shares import clear_shares  # noqa: PLC0415

    with_store(lambda _c, s: clear_shares(s, assignment_id, actor=who(actor)))
    typer.echo(f"{assignment_id}: every member assesses every criterion")


def print_division(found: Division) -> None:
    if not found.shares:
        typer.echo("no division: every member assesses every criterion")
        return
    for member, criteria in found.shares.items():
        typer.echo(f"{member}: {len(criteria)} — {' '.join(criteria)}")
    if found.unshared:
        typer.echo(
            f"in no share ({len(found.unshared)}): {' '.join(found.unshared)} "
            "— the committee cannot seal until someone assesses them"
        )
    else:
        typer.echo("every criterion is in someone's share")
