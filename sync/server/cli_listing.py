"""``gecc-central`` commands that only read: what the office has to review, and what happened.

    results list [--round R] [--lao L] [--kind audit|committee] [--state STATE] [--json]
    decisions [--round R] [--json]
    log [--subject S] [--actor A] [--since YYYY-MM-DD] [--limit N] [--json]

Times are printed in Thailand's time with a Buddhist-era year (``14 มี.ค. 2560 10.00 น.``);
``--json`` gives every field, with full hashes and ISO times in UTC. Stored text is printed with
its control characters escaped (``\x1b``: ``sync.server.plain_text``), never raw, so a name
cannot recolour, clear or retitle the terminal; ``--json`` escapes them as JSON does. A
filter naming an unknown round or LAO, an unknown kind or state, or a bad date exits 2 with an
``error:`` line.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sync.server.cli_common import fail, to_date, with_store
from sync.server.plain_text import json_visible, visible

if TYPE_CHECKING:
    from sync.server.store.listing import DecisionRow, LogEntry, ResultRow

results_app = typer.Typer(help="Received results: what the office has to review.")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
RoundFilter = Annotated[str | None, typer.Option("--round", help="only this round")]
SHORT = 16


@results_app.command("list")
def results_list(
    round_id: RoundFilter = None,
    lao_id: Annotated[str | None, typer.Option("--lao", help="only this LAO")] = None,
    kind: Annotated[str | None, typer.Option(help="audit or committee")] = None,
    state: Annotated[
        str | None, typer.Option(help="received, has_issues, approved or rejected")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Received results, newest first, with their review state (--json: the full hashes)."""
    from sync.server.errors import InvalidInput  # noqa: PLC0415
    from sync.server.office import review_state  # noqa: PLC0415
    from sync.server.store.listing import received_results, result_kind  # noqa: PLC0415

    try:
        chosen_kind = None if kind is None else result_kind(kind)
    except InvalidInput as error:
        raise fail(error) from None
    chosen_state = None if state is None else review_state(state)
    rows = with_store(
        lambda _c, s: received_results(
            s, round_id=round_id, lao_id=lao_id, kind=chosen_kind, state=chosen_state
        )
    )
    if as_json:
        _emit([row.to_json() for row in rows])
        return
    for row in rows:
        typer.echo(visible(_result_line(row)))
    typer.echo(f"{len(rows)} result(s)" if rows else "no results / ยังไม่มีผลการตรวจที่ได้รับ")


def show_decisions(round_id: RoundFilter = None, as_json: JsonFlag = False) -> None:
    """Each LAO's committee finding (points, level, reasons), the office's decision on it,
    and its certificate."""
    from sync.server.store.listing import decisions  # noqa: PLC0415

    rows = with_store(lambda c, s: decisions(s, c.editions, round_id=round_id))
    if as_json:
        _emit([row.to_json() for row in rows])
        return
    for row in rows:
        typer.echo("\n".join(visible(line) for line in _decision_lines(row)))
    typer.echo(f"{len(rows)} decision(s)" if rows else "no decisions / ยังไม่มีผลการตัดสิน")


def show_log(
    *,
    subject: Annotated[
        str | None, typer.Option(help="a subject, or its beginning (a short result hash)")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="only what this person or device did")] = None,
    since: Annotated[
        str | None, typer.Option(help="from this day on, YYYY-MM-DD (Thailand's day)")
    ] = None,
    limit: Annotated[int, typer.Option(help="at most this many entries")] = 100,
    action: Annotated[str | None, typer.Option(help="an action or its beginning")] = None,
    lao: Annotated[str | None, typer.Option(help="only entries about this LAO")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The audit log, newest first: who did what, to what, and when."""
    from sync.server.store.listing import audit_log  # noqa: PLC0415

    day = None if since is None else to_date(since, "--since")
    entries = with_store(
        lambda _c, s: audit_log(
            s, subject=subject, actor=actor, since=day, limit=limit, action=action, lao=lao
        )
    )
    if as_json:
        _emit([entry.to_json() for entry in entries])
        return
    for entry in entries:
        typer.echo(visible(_log_line(entry)))
    if not entries:
        typer.echo("no entries / ไม่มีรายการในบันทึก")


def _result_line(row: ResultRow) -> str:
    verdict = "meets the criteria" if row.meets_criteria else "does not meet the criteria"
    line = (
        f"{_when(row.received_at)}  {row.hash[:SHORT]}…  {row.kind:<9}  {row.round_id}"
        f"  {row.lao_id}  r{row.revision}  {row.points} pts {verdict}  {row.review.state}"
        f"  {row.signer_id} ({row.signer_name})"
    )
    if row.superseded_by:
        line += f"  superseded by {row.superseded_by[:SHORT]}…"
    return line


def _decision_lines(row: DecisionRow) -> list[str]:
    verdict = (
        "meets the criteria / ผ่านเกณฑ์"
        if row.meets_criteria
        else "does not meet the criteria / ไม่ผ่านเกณฑ์"
    )
    level = row.level or "-"
    if row.level_title:
        level = f"{row.level_title['th']} ({row.level_title['en']})"
    if row.certificate is None:
        certificate = "no certificate"
    else:
        certificate = f"certificate {row.certificate.reference} {row.certificate.state}"
    lines = [
        f"{row.round_id}  {row.lao_id} {row.lao_name_th}: committee: {verdict},"
        f" {row.points} points, level {level}",
        f"  result {row.result_hash[:SHORT]}… ({row.review.state}), received"
        f" {_when(row.decided_at)}; {certificate}",
        f"  {_office_line(row)}",
    ]
    for reason in row.reasons:
        lines += [f"  - {reason.get('th', '')}", f"    {reason.get('en', '')}"]
    return lines


def _office_line(row: DecisionRow) -> str:
    decision = row.decision
    if decision is None:
        return "office: not decided yet / สำนักงาน: ยังไม่มีมติ"
    verdict = "certified / ผ่านการรับรอง" if decision.certify else "not certified / ไม่ให้การรับรอง"
    return (
        f"office: {verdict} on {decision.decided_on.isoformat()} by {decision.decided_by}"
        f" ({decision.basis})"
    )


def _log_line(entry: LogEntry) -> str:
    details = "  ".join(f"{k}={_value(v)}" for k, v in entry.details.items())
    line = f"{_when(entry.at)}  {entry.actor}  {entry.action}  {entry.subject}"
    return f"{line}  {details}" if details else line


def _when(moment: datetime) -> str:
    from field_audit.domain.thai_calendar import format_thai_moment  # noqa: PLC0415

    return format_thai_moment(moment)


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _emit(value: Any) -> None:
    typer.echo(json_visible(json.dumps(value, ensure_ascii=False, indent=2)))
