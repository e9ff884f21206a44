"""``gecc-central`` commands about people: committees, assignments, keys and reviews."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from sync.server.cli_common import Actor, Day, to_date, who, with_store

committee_app = typer.Typer(help="Committees of inspectors.")
key_app = typer.Typer(help="Inspectors' device keys.")
review_app = typer.Typer(help="The office's review of received results.")


@committee_app.command("create")
def committee_create(
    *,
    committee_id: Annotated[str, typer.Option("--id")],
    round_id: Annotated[str, typer.Option("--round")],
    name_th: Annotated[str, typer.Option()],
    chair: Annotated[str, typer.Option(help="INSPECTOR_ID:NAME")],
    member: Annotated[list[str] | None, typer.Option(help="INSPECTOR_ID:NAME (repeat)")] = None,
    actor: Actor = "",
) -> None:
    """Create a committee: one chair and its members, each an inspector id and name."""
    from sync.server.office import parse_member  # noqa: PLC0415
    from sync.server.store.admin import create_committee  # noqa: PLC0415

    members = [parse_member(chair, "chair"), *(parse_member(m, "member") for m in member or [])]
    with_store(
        lambda _c, s: create_committee(
            s,
            committee_id=committee_id,
            round_id=round_id,
            name_th=name_th,
            members=members,
            actor=who(actor),
        )
    )
    typer.echo(f"committee {committee_id}: {len(members)} member(s)")


@committee_app.command("add-member")
def committee_add_member(
    committee_id: str,
    member: Annotated[str, typer.Argument(help="INSPECTOR_ID:NAME")],
    chair: Annotated[bool, typer.Option(help="as the chair")] = False,
    actor: Actor = "",
) -> None:
    """Add a member to a committee (or bring one back)."""
    from sync.server.office import parse_member  # noqa: PLC0415
    from sync.server.store.admin import add_member  # noqa: PLC0415

    new = parse_member(member, "chair" if chair else "member")
    with_store(lambda _c, s: add_member(s, committee_id, new, actor=who(actor)))
    typer.echo(f"{new.inspector_id} added to {committee_id}")


@committee_app.command("remove-member")
def committee_remove_member(committee_id: str, inspector_id: str, actor: Actor = "") -> None:
    """Take a member off a committee."""
    from sync.server.store.admin import remove_member  # noqa: PLC0415

    with_store(lambda _c, s: remove_member(s, committee_id, inspector_id, actor=who(actor)))
    typer.echo(f"{inspector_id} removed from {committee_id}")


def assign_lao(
    round_id: Annotated[str, typer.Option("--round")],
    lao_id: Annotated[str, typer.Option("--lao")],
    committee_id: Annotated[str, typer.Option("--committee")],
    visit_date: Day,
    actor: Actor = "",
) -> None:
    """Assign an LAO to a committee for a round, with the visit date, once it may be visited
    (refused with every unmet condition otherwise: see `pipeline show` and `pipeline override`)."""
    from sync.server.store.admin import assign  # noqa: PLC0415

    visit = to_date(visit_date, "--visit-date")
    record = with_store(
        lambda c, s: assign(
            s,
            c.editions,
            round_id=round_id,
            lao_id=lao_id,
            committee_id=committee_id,
            visit_date=visit,
            actor=who(actor),
            today=date.today(),
        )
    )
    typer.echo(f"assignment {record.id}: {lao_id} -> {committee_id} on {visit.isoformat()}")


def unassign_lao(
    round_id: Annotated[str, typer.Option("--round")],
    lao_id: Annotated[str, typer.Option("--lao")],
    actor: Actor = "",
) -> None:
    """Withdraw an LAO's assignment in a round."""
    from sync.server.store.admin import unassign  # noqa: PLC0415

    record = with_store(
        lambda _c, s: unassign(s, round_id=round_id, lao_id=lao_id, actor=who(actor))
    )
    typer.echo(f"assignment {record.id} withdrawn")


@key_app.command("enrol")
def key_enrol(
    inspector_id: str,
    enrolment_text: Annotated[str, typer.Argument(help="GECC-KEY:1:... from the QR code")],
    fingerprint: Annotated[
        str | None, typer.Option(help="the digits the inspector reads out (asked if not given)")
    ] = None,
    name: Annotated[str | None, typer.Option(help="the inspector's name, if new")] = None,
    actor: Actor = "",
) -> None:
    """Enrol an inspector's device key, once the fingerprint read out matches."""
    from sync.server.store.keys import enrol_key  # noqa: PLC0415

    read_out = fingerprint or typer.prompt("Fingerprint the inspector reads out (30 digits)")
    record = with_store(
        lambda _c, s: enrol_key(
            s,
            inspector_id=inspector_id,
            enrolment_text=enrolment_text,
            fingerprint_read_out=read_out,
            actor=who(actor),
            name=name,
        )
    )
    typer.echo(f"enrolled for {record.inspector_id}: {record.fingerprint}")


@key_app.command("revoke")
def key_revoke(
    key: Annotated[str, typer.Argument(help="the key id or its fingerprint")],
    reason: Annotated[str, typer.Option()] = "",
    actor: Actor = "",
) -> None:
    """Revoke a device key (lost, stolen or replaced); its requests are refused from now on."""
    from sync.server.store.keys import revoke_key  # noqa: PLC0415

    record = with_store(lambda _c, s: revoke_key(s, key, actor=who(actor), reason=reason))
    typer.echo(f"revoked {record.fingerprint} of {record.inspector_id}")


@review_app.command("set")
def review_set(
    result_hash: Annotated[str, typer.Argument(help="the hash, or its start as listed")],
    state: Annotated[str, typer.Option(help="received, has_issues, approved or rejected")],
    comment: Annotated[str, typer.Option()] = "",
    actor: Actor = "",
) -> None:
    """Set the office's review state of a received result, with a comment."""
    from sync.server.office import review_state  # noqa: PLC0415
    from sync.server.store.listing import full_result_hash  # noqa: PLC0415
    from sync.server.store.reviews import set_review  # noqa: PLC0415

    chosen = review_state(state)
    review = with_store(
        lambda _c, s: set_review(
            s, full_result_hash(s, result_hash), chosen, comment=comment, reviewer=who(actor)
        )
    )
    typer.echo(f"{review.result_hash[:16]}… is {chosen.value}")
