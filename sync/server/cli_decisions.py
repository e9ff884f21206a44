"""``gecc-central`` commands of the office's decisions: the screening of an LAO's documents, an
override of an eligibility gate, and the decision to certify (or not) on a committee result."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from sync.server.cli_common import Actor, Day, OptionalDay, optional_date, to_date, who, with_store


def pipeline_screen(
    round_id: Annotated[str, typer.Argument()],
    lao_id: Annotated[str, typer.Argument()],
    *,
    passed: Annotated[bool, typer.Option("--passed/--failed", help="the screening's outcome")],
    reason: Annotated[str, typer.Option(help="why (needed when it failed)")] = "",
    on: OptionalDay = None,
    actor: Actor = "",
) -> None:
    """Record the office's screening of the LAO's documents, before any visit."""
    from sync.server.office import print_status  # noqa: PLC0415
    from sync.server.store.pipeline import record_screening  # noqa: PLC0415

    day = optional_date(on, "--on") or date.today()
    status = with_store(
        lambda c, s: record_screening(
            s,
            c.editions,
            round_id=round_id,
            lao_id=lao_id,
            passed=passed,
            reason=reason,
            on=day,
            actor=who(actor),
            today=date.today(),
        )
    )
    print_status(status)


def pipeline_override(
    round_id: Annotated[str, typer.Argument()],
    lao_id: Annotated[str, typer.Argument()],
    *,
    code: Annotated[list[str], typer.Option(help="a condition's code to waive (repeat)")],
    reason: Annotated[str, typer.Option(help="why the office waives it")],
    officer: Annotated[str, typer.Option(help="the officer who decided")],
    actor: Actor = "",
) -> None:
    """Waive named eligibility conditions for the LAO in the round: an explicit office decision,
    with its reason and officer, logged and shown on the LAO's record."""
    from sync.server.store.eligibility import record_override  # noqa: PLC0415

    record = with_store(
        lambda _c, s: record_override(
            s,
            round_id=round_id,
            lao_id=lao_id,
            codes=code,
            reason=reason,
            officer=officer,
            actor=who(actor),
        )
    )
    typer.echo(f"override {record.id}: {', '.join(record.codes)} waived by {record.officer}")


def decide(
    round_id: Annotated[str, typer.Argument()],
    lao_id: Annotated[str, typer.Argument()],
    *,
    certify: Annotated[bool, typer.Option("--certify/--not-certify")],
    basis: Annotated[str, typer.Option(help="the meeting or order, e.g. its number and date")],
    decided_on: Day,
    decided_by: Annotated[str, typer.Option(help="the officer who decided")],
    actor: Actor = "",
) -> None:
    """Record the office's decision on the LAO's committee result: certify it or not. Every
    rule the result rests on is checked again first."""
    from sync.server.store.decisions import NewDecision, record_decision  # noqa: PLC0415

    new = NewDecision(
        round_id=round_id,
        lao_id=lao_id,
        certify=certify,
        basis=basis,
        decided_on=to_date(decided_on, "--decided-on"),
        decided_by=decided_by,
    )
    record = with_store(
        lambda c, s: record_decision(s, c.editions, new, actor=who(actor), today=date.today())
    )
    word = "certified / ผ่านการรับรอง" if record.certify else "not certified / ไม่ให้การรับรอง"
    typer.echo(f"{round_id} {lao_id}: {word} ({record.basis}; {record.decided_by})")
