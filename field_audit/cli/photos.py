"""``field-audit photo ...``: attach photos to a finding, and check the store for damage."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from field_audit.cli.errors import clear_errors
from field_audit.cli.paths import DataDirOption, data_dir_or_default

if TYPE_CHECKING:
    from field_audit.attach import MissingPhoto
    from field_audit.storage.photos import PhotoNeed

app = typer.Typer(help="Photo evidence: attach to a criterion, check the store.")


@app.command("add")
def add(
    audit_id: Annotated[str, typer.Argument(help="The audit.")],
    criterion_id: Annotated[str, typer.Argument(help="The criterion, e.g. B03.")],
    files: Annotated[list[Path], typer.Argument(help="Photo files (JPEG, PNG, WebP, HEIC).")],
    caption: Annotated[str, typer.Option(help="A caption for every photo added.")] = "",
    by: Annotated[
        str | None, typer.Option(help="Who attaches (default: this device's inspector).")
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Take in photos and link them to the audit's criterion; each is reported."""
    from field_audit.attach import Attached, attach_photos
    from field_audit.device import open_device
    from field_audit.storage.assignments import inspector_profile
    from field_audit.storage.audits import get_audit
    from field_audit.storage.errors import NotFound

    refused: list[Attached] = []

    def report(attached: Attached) -> None:
        name = files[attached.index]
        if attached.record is None:
            refused.append(attached)
            typer.echo(f"refused / ไม่รับ {name}: {attached.refusal_en}", err=True)
        else:
            record = attached.record
            taken = _taken_text(record.captured_at, record.captured_from)
            typer.echo(f"{attached.outcome.value} {name} → {record.sha256[:12]}{taken}")

    with clear_errors():
        device = open_device(data_dir_or_default(data_dir))
        if get_audit(device.db, audit_id) is None:
            raise NotFound("audit", audit_id)
        profile = inspector_profile(device.db)
        who = by or (profile.id if profile else "unknown")
        attach_photos(
            device.db,
            device.photos,
            (audit_id, criterion_id),
            files,
            caption=caption,
            by=who,
            on_progress=report,
        ).result()
        device.close()
    if refused:
        raise typer.Exit(2)


@app.command("check")
def check(data_dir: DataDirOption = None) -> None:
    """Re-hash every stored photo and thumbnail, and look for every one the database needs;
    list the damaged and the missing ones (exit 1 if any)."""
    from field_audit.attach import check_photos
    from field_audit.device import open_device

    device = open_device(data_dir_or_default(data_dir))
    try:
        found = check_photos(device.db, device.photos)
    finally:
        device.close()
    for problem in found.damaged:
        typer.echo(f"damaged / เสียหาย: {problem}", err=True)
    for missing in found.missing:
        typer.echo(_missing_line(missing), err=True)
    damaged, gone = len(found.damaged), len(found.missing)
    typer.echo(f"{damaged} damaged, {gone} missing / เสียหาย {damaged} ไฟล์ ไม่พบ {gone} ไฟล์")
    if not found.ok:
        raise typer.Exit(1)


def _missing_line(missing: MissingPhoto) -> str:
    from field_audit.evidence.store import Kind

    what = "thumbnail / ภาพย่อ" if missing.kind is Kind.THUMBNAIL else "photo / ภาพถ่าย"
    needs = "; ".join(_need_text(need) for need in missing.needs)
    return f"missing / ไม่พบไฟล์ {what} {missing.sha256}, needed by / ใช้ใน {needs}"


def _need_text(need: PhotoNeed) -> str:
    if need.result_hash is not None:
        return f"sealed result / ผลที่ปิดผนึก {need.result_hash[:12]} {need.criterion_id}"
    return f"audit / การตรวจ {need.audit_id} {need.criterion_id}"


TIME_SOURCES = {
    "exif_datetime_original": "EXIF DateTimeOriginal",
    "exif_datetime": "EXIF DateTime (no DateTimeOriginal)",
    "device": "this device's clock",
}


def _taken_text(captured_at: datetime | None, source: str | None) -> str:
    """ ", taken 2026-12-04 10:15 (EXIF DateTime ...)", or that no time is known."""
    if captured_at is None:
        return ", time taken unknown / ไม่ทราบเวลาถ่าย"
    when = captured_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return f", taken / ถ่ายเมื่อ {when} ({TIME_SOURCES.get(source or '', 'EXIF')})"
