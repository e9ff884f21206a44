"""``field-audit audit ...``: the device's audits without the app, to do, script and check one.

``list`` and ``show`` only read; ``answer`` writes one criterion's answer (and note) through
the same calls as the audit screen. Exit status: 0 done, 2 bad input (no such audit or
criterion, an answer the criterion does not take), 3 the audit is sealed and cannot change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from field_audit.cli.errors import clear_errors
from field_audit.cli.paths import DataDirOption, data_dir_or_default

if TYPE_CHECKING:
    from field_audit.services.audit_desk import AuditLine, AuditSheet
    from field_audit.storage.errors import AuditLocked

app = typer.Typer(help="The audits on this device: list, show, start, answer.")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
AuditArg = Annotated[str, typer.Argument(help="The audit's id, or a unique start of it.")]
LOCKED = 3


@app.command("list")
def list_(data_dir: DataDirOption = None, as_json: JsonFlag = False) -> None:
    """Every audit on the device: id, LAO, state, answered/total and, once sealed, its hash."""
    from field_audit.device import open_device
    from field_audit.services.audit_desk import AuditDesk

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        lines = AuditDesk(device.db).lines()
        device.close()
    if as_json:
        typer.echo(json.dumps([line.to_json() for line in lines], ensure_ascii=False, indent=2))
    elif not lines:
        typer.echo("no audits on this device / ยังไม่มีการตรวจประเมินในเครื่องนี้")
    else:
        typer.echo("\n".join(_line_text(line) for line in lines))


@app.command("show")
def show(audit: AuditArg, data_dir: DataDirOption = None, as_json: JsonFlag = False) -> None:
    """One audit: every criterion's answer, note and photos, and the score."""
    from field_audit.device import open_device
    from field_audit.services.audit_desk import AuditDesk

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        sheet = AuditDesk(device.db).sheet(audit)
        device.close()
    _print_sheet(sheet, as_json=as_json)


@app.command("start")
def start(
    assignment: Annotated[str, typer.Argument(help="The assignment's id (see the app's list).")],
    data_dir: DataDirOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Open this device inspector's audit of an assignment (a new draft if there is none)."""
    from field_audit.device import open_device
    from field_audit.services.audit_desk import AuditDesk

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        sheet = AuditDesk(device.db).start(assignment)
        device.close()
    _print_sheet(sheet, as_json=as_json)


@app.command("answer")
def answer(
    audit: AuditArg,
    criterion: Annotated[str, typer.Argument(help="The criterion, e.g. B03.")],
    value: Annotated[
        str, typer.Argument(help="met or not_met; for a graded criterion, its points.")
    ],
    note: Annotated[
        str | None, typer.Option("--note", help="The note on this criterion (replaces it).")
    ] = None,
    data_dir: DataDirOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer one criterion of a draft audit (met / not_met, or points where graded)."""
    from field_audit.device import open_device
    from field_audit.services.audit_desk import AuditDesk
    from field_audit.storage.errors import AuditLocked

    device = open_device(data_dir_or_default(data_dir))
    try:
        with clear_errors():
            try:
                sheet = AuditDesk(device.db).answer(audit, criterion, value, note=note)
            except AuditLocked as locked:
                _refuse_locked(locked)
    finally:
        device.close()
    _print_sheet(sheet, as_json=as_json)


def _refuse_locked(locked: AuditLocked) -> NoReturn:
    typer.echo(
        f"error: the audit {locked.audit_id} is {locked.status}: it cannot change; "
        "open a correction in the app / การตรวจนี้ปิดผนึกแล้ว แก้ไขไม่ได้ ให้เปิดฉบับแก้ไขในแอป",
        err=True,
    )
    raise typer.Exit(LOCKED)


def _line_text(line: AuditLine) -> str:
    sealed = f"  sealed {line.sealed_hash}" if line.sealed_hash else ""
    revision = f" rev {line.revision}" if line.revision > 1 else ""
    return (
        f"{line.audit_id}  {line.lao_th}  {line.state}{revision}"
        f"  {line.answered}/{line.total}{sealed}"
    )


def _print_sheet(sheet: AuditSheet, *, as_json: bool) -> None:
    from field_audit.cli.render import answer_words, score_text

    if as_json:
        typer.echo(json.dumps(sheet.to_json(), ensure_ascii=False, indent=2))
        return
    lines = [_line_text(sheet.line), f"{sheet.line.lao_en} · {sheet.edition.id}"]
    for row in sheet.criteria:
        if not row.covered:
            continue
        photos = f"  [{row.photos} photo(s) / ภาพ]" if row.photos else ""
        lines.append(f"{row.criterion.id:>5}  {answer_words(row.answer, 'th')}{photos}")
        if row.note:
            lines.append(f"       {row.note}")
    lines.append(score_text(sheet.score, "th"))
    typer.echo("\n".join(lines))
